"""A quoted phrase is counted with a regular expression over each value's text, or from the
places of words that FTS5 keeps in the index on disk; both must find exactly what
analysing the text into words (``kbtool.search.analysis.tokenize``) would."""

from __future__ import annotations

import sqlite3
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kbtool.search.analysis import VALUE_MARK, fold, terms, tokenize, word_texts
from kbtool.search.disk_index import SEPARATOR, TOKENIZER
from kbtool.search.planning import Alternative, _phrase_runs, phrase_pattern

# Words, and what stands between them in real text: spaces, punctuation, apostrophes,
# ampersands, underscores, curly quotes, accents, other scripts.
pieces = st.sampled_from(
    ["trade", "Trade", "energy", "énergie", "renewable", "air", "services", "x", "7",
     "Kenya's", "'", "’", "&", "_", " ", "  ", "-", "—", ",", ". ", "\n", "“", "”", "李伟"]
)  # fmt: skip
texts = st.lists(pieces, max_size=30).map("".join)
phrases = st.lists(st.sampled_from(["trade", "energy", "renewable", "air", "services", "x", "7",
                                    "kenya's", "energie"]), min_size=1, max_size=3)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(texts, phrases)
def test_the_phrase_pattern_finds_what_tokenizing_finds(text: str, words: list[str]) -> None:
    pattern = phrase_pattern(tuple(words))
    assert pattern is not None
    alternative = Alternative(" ".join(words), tuple(words), words=tuple(words))
    expected = len(_phrase_runs(tokenize(text), alternative))
    assert len(pattern.findall(fold(text))) == expected


def test_examples() -> None:
    pattern = phrase_pattern(("renewable", "energy"))
    assert pattern is not None
    assert len(pattern.findall(fold("Renewable Energy, renewable—energy"))) == 2
    assert pattern.findall(fold("renewable energy's")) == []  # "energy's" is another word
    assert pattern.findall(fold("renewable & energy")) == []  # "&" is the word "and"
    assert phrase_pattern(("commerce", "and", "industry")) is None


def fts5_words(texts: list[str]) -> list[list[tuple[str, int]]]:
    """What SQLite's FTS5, tokenizing as the index on disk does, keeps of ``word_texts``:
    each text's words and their offsets."""
    connection = sqlite3.connect(":memory:")
    connection.execute(
        f"CREATE VIRTUAL TABLE t USING fts5(x, content='', detail=full, {TOKENIZER})"
    )
    connection.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
    connection.executemany(
        "INSERT INTO t (rowid, x) VALUES (?, ?)", enumerate(word_texts(texts, SEPARATOR))
    )
    found: list[list[tuple[str, int]]] = [[] for _ in texts]
    for term, number, offset in connection.execute("SELECT term, doc, offset FROM v"):
        found[number].append((term, offset))
    return [sorted(words, key=lambda word: word[1]) for words in found]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(texts, max_size=3), min_size=1, max_size=4))
def test_the_index_on_disk_keeps_the_words_of_tokenize(fields: list[list[str]]) -> None:
    # Each field's values become one text of FTS5's, a separator between two values: the
    # words in it are those tokenize finds, in order, and no phrase spans two values.
    texts = [VALUE_MARK.join(value for value in values if value) for values in fields]
    for values, kept in zip(fields, fts5_words(texts), strict=True):
        expected: list[str] = []
        for place, value in enumerate(value for value in values if value):
            if place:
                expected.append(SEPARATOR)
            expected += [token.word for token in tokenize(value)]
        assert [word for word, _offset in kept] == expected
        assert [offset for _word, offset in kept] == list(range(len(kept)))


# Any text at all, and the characters the analysis treats apart: marks, apostrophes,
# ampersands, letters that fold to two (ß, ﬁ), to none (combining marks) or to punctuation.
any_texts = st.lists(
    st.one_of(
        st.text(),
        st.sampled_from(["'", "''", "\u2019", "&", "_", " ", "\x00", VALUE_MARK, "a'b", "İ",
                         "ß", "ﬁ", "¼", "Énergie", "йх", "李伟", "ΟΔΟΣ", "\ud800", "\t\n"]),
    ),
    max_size=12,
).map("".join)  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(any_texts, max_size=5))
def test_word_texts_holds_the_words_terms_finds_in_each_text(texts: list[str]) -> None:
    # word_texts reads all texts at once with byte operations; terms reads one text with
    # the regular expression of the query's words: both must find the same words.
    expected = []
    for text in texts:
        text = text.replace("\x00", " ")
        values = [[word for word, _stem in terms(value)] for value in text.split(VALUE_MARK)]
        words = [word for value in values for word in [SEPARATOR, *value]][1:]
        expected.append(" " + " ".join(words) + " " if words else " ")
    assert word_texts(texts, SEPARATOR) == expected


def test_a_quoted_word_alone_with_its_stem_is_found_where_its_stem_is() -> None:

    from kbtool.kb import KnowledgeBase
    from kbtool.search.memory_index import build_index
    from kbtool.search.planning import occurrences_of
    from kbtool.store.location import shipped_db_path
    from kbtool.store.transactions import FileStore

    shipped = KnowledgeBase(FileStore(shipped_db_path(), read_only=True))
    index = build_index(shipped.instruments, shipped.quotations)

    class CountingInDocuments:
        """The same index, but knowing no stem's words: every quoted word is counted in
        the documents' text."""

        def __getattr__(self, name: str) -> Any:
            return getattr(index, name)

        def words_of_stem(self, stem: str) -> list[str]:
            return []

    checked = 0
    for word in ("tourism", "kenya", "malaysia", "partnership", "nairobi", "agreement"):
        stem = index.stem_of(word)
        assert stem is not None
        alternative = Alternative(f'"{word}"', (stem,), words=(word,))
        found = occurrences_of(index, alternative)
        assert found == occurrences_of(CountingInDocuments(), alternative)  # type: ignore[arg-type]
        checked += index.words_of_stem(stem) == [word]
    assert checked >= 3  # most of these words are alone with their stem


LONG_PHRASE_TEXTS = [
    "renewable energy trade and investment",
    "energy trade and energy trade and investment",  # "trade and" twice: counted in the text
    "energy trade and investment, energy trade and investment",  # twice
    "Energy & trade and investment",  # "&" is the word "and"
    "energy trade and",  # only part of it
    # Every run of three of "renewable energy trade and investment", but not the phrase.
    "renewable energy trade and tourism trade and investment",
]


def test_a_phrase_of_four_or_more_words_counts_on_disk_as_in_memory(
    write_db: Any,
) -> None:
    from kbtool.kb import KnowledgeBase
    from kbtool.search import ranking
    from kbtool.search.memory_index import build_index
    from kbtool.search.query_parser import parse
    from kbtool.store.location import DbLocation, Origin

    instruments = [
        {"id": f"i-{n}", "title": "Agreement", "kind": "treaty", "parties": ["Kenya"],
         "status": "signed", "summary": text}
        for n, text in enumerate(LONG_PHRASE_TEXTS)
    ] + [
        # Across two values of one field: never one phrase; twice, once in each value.
        {"id": "i-split", "title": "Agreement", "kind": "treaty", "parties": ["Kenya"],
         "status": "signed", "aims": ["energy trade and", "investment"]},
        {"id": "i-both", "title": "Agreement", "kind": "treaty", "parties": ["Kenya"],
         "status": "signed", "aims": ["energy trade and investment", "trade and investment"]},
    ]  # fmt: skip
    base = KnowledgeBase.open(
        DbLocation(write_db({"instruments": instruments, "quotations": [], "sources": []}),
                   Origin.OPTION)
    )  # fmt: skip
    in_memory = build_index(base.instruments, base.quotations)
    for text in ('"energy trade and investment"', '"renewable energy trade and investment"',
                 '"energy trade and energy trade"', '"trade and investment energy"',
                 '"energy & trade and investment"'):  # fmt: skip
        on_disk = base.search(text).hits
        expected = ranking.query(in_memory, parse(text)).hits
        assert [(h.record.id, h.score, h.reasons) for h in on_disk] == [
            (h.record.id, h.score, h.reasons) for h in expected
        ], text
    found = {h.record.id for h in base.search('"energy trade and investment"').hits}
    assert found == {"i-0", "i-1", "i-2", "i-both"}
