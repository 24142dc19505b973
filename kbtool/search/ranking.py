"""Full-text search over instruments and quotations: the index, matching, ranking, snippets.

Two steps, so that the index can be kept on disk (``kbtool.search_index``) and reused:

- ``build_index(instruments, quotations)`` analyses every record once (``kbtool.analysis``)
  into plain data: per record, its fields as tokens; per stem, where it occurs.
- ``query(index, parsed_query)`` turns the parsed query (``kbtool.query_parser``) into a
  ``Plan`` (each word with the terms it also matches: stems, the last word's completions,
  the domain vocabulary, a correction when it is misspelt), keeps the records that pass the
  filters and match every clause, and ranks them with BM25F: a field's matches count by the
  field's weight, normalised by the field's length, with rarer terms counting more.

Instruments and quotations are ranked in one list. An instrument also holds the words of
the quotations about it (at a low weight), so a quotation makes its instrument findable.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Literal, Protocol

import msgspec

from kbtool.models import Instrument, Quotation
from kbtool.search.analysis import RUN_LENGTHS, STOP_WORDS, Token, fold, run_key, tokenize
from kbtool.search.filters import passing_filters
from kbtool.search.query_parser import Clause, ParsedQuery, Qualifier, Term, shown
from kbtool.search.vocabulary import Relation, Vocabulary, analysed

if TYPE_CHECKING:
    from array import array

Record = Instrument | Quotation
RecordTypeName = Literal["instrument", "quotation"]

# How much a match in a field says about the record: what the record is (title, kind) over
# what it covers (sectors, places, parties, people) over what it says about itself.
FIELD_WEIGHTS = {
    "title": 3.0,
    "kind": 3.0,
    "sectors": 2.0,
    "places": 2.0,
    "parties": 2.0,
    "speaker": 2.0,
    "people": 1.5,
    "summary": 1.0,
    "aims": 1.0,
    "text": 1.0,
    "speaker_role": 0.8,
    "quotations": 0.6,
    "about": 0.6,
    "claims": 0.5,
    "context": 0.5,
    "roles": 0.4,
    "venue": 0.4,
}
# A field's code in packed postings is its place here.
FIELD_NAMES = tuple(FIELD_WEIGHTS)
# BM25's usual constants: how fast repeated matches stop adding (K1), how much a long field
# is discounted (B).
K1 = 1.2
B = 0.75
# How much a term the query did not literally contain counts, against the word itself.
PREFIX_WEIGHT = 0.8
RELATION_WEIGHTS = {Relation.ABBREVIATION: 0.9, Relation.RELATED: 0.6}
# Tokens of two values of one field (two sectors, two aims) are this far apart, so that a
# phrase never matches across them.
VALUE_GAP = 10
SNIPPET_WIDTH = 160
MAX_COMPLETIONS = 30
# A word shorter than this is too short to guess what it was meant to be.
MIN_TYPO_LENGTH = 4
MAX_TYPO_LENGTH = 40
# A posting list longer than this (in documents and fields) is ranked with numpy
# (``kbtool.search_arrays``): a Python loop step per document is what a common word costs.
ARRAY_THRESHOLD = 20_000


# ---------------------------------------------------------------- the index


class Field(msgspec.Struct, frozen=True):
    """One field of a record: its values joined by "; ", and the tokens of that text."""

    name: str
    text: str
    tokens: tuple[Token, ...]


class Document:
    """A record as search sees it, its fields analysed into tokens when first asked for.

    ``instrument`` is the instrument itself, or the one a quotation is about: what kind:,
    party: and the other instrument qualifiers look at. ``related`` gives what a field of
    the record is made from besides the record (an instrument's quotations, a quotation's
    instrument); an index on disk reads it only if a phrase or a snippet needs that field.
    """

    def __init__(
        self,
        record: Record,
        instrument: Instrument | Callable[[], Instrument | None] | None = None,
        *,
        fields: tuple[Field, ...] | None = None,
        related: Callable[[], Sequence[Quotation] | Instrument | None] | None = None,
    ) -> None:
        self.record = record
        self._instrument = instrument
        self._related = related
        self._fields: dict[str, Field | None] = {}
        self._complete = fields is not None
        for given in fields or ():
            self._fields[given.name] = given

    @cached_property
    def instrument(self) -> Instrument | None:
        found = self._instrument
        return found() if callable(found) else found

    def _values(self, name: str) -> list[str | None]:
        needs_related = name in ("quotations", "about") and self._related is not None
        related = self._related() if needs_related and self._related else None
        if related is None and name == "about" and isinstance(self.record, Quotation):
            related = self.instrument  # read only for the field that needs it
        return next(
            (values for field, values in field_values(self.record, related) if field == name), []
        )

    def values(self, name: str) -> list[str | None]:
        """A field's values, as ``field_values`` gives them."""
        return self._values(name)

    def text(self, name: str) -> str:
        """A field's text, without analysing it (as ``Field.text``)."""
        if name in self._fields:
            found = self._fields[name]
            return found.text if found else ""
        return "; ".join(value for value in self._values(name) if value)

    def field(self, name: str) -> Field | None:
        if name not in self._fields and not self._complete:
            self._fields[name] = _field(name, self._values(name))
        return self._fields.get(name)

    @cached_property
    def fields(self) -> tuple[Field, ...]:
        if self._complete:
            return tuple(f for f in self._fields.values() if f is not None)
        names = [name for name, _ in field_values(self.record, None)]
        return tuple(f for name in names if (f := self.field(name)) is not None)

    @property
    def type(self) -> RecordTypeName:
        return "instrument" if isinstance(self.record, Instrument) else "quotation"


class SearchIndex(Protocol):
    """What a query reads of an index: kept in memory (``Index``) or on disk
    (``kbtool.search_index.DiskIndex``). Documents are numbered; numbers may have gaps."""

    @property
    def size(self) -> int:
        """How many documents there are (for the rarity of a term)."""
        ...

    def numbers(self) -> Iterable[int]: ...

    def postings_for(self, stem: str) -> Mapping[int, Mapping[str, int]]:
        """Where a stem occurs: document number -> field name -> how often. With
        ``indexes_word_runs``, also where two or three words stand next to each other, by
        their ``kbtool.analysis.run_key``."""
        ...

    @property
    def indexes_word_runs(self) -> bool:
        """Whether ``postings_for`` knows runs of adjacent words."""
        ...

    def document(self, number: int) -> Document: ...

    def documents_of(self, numbers: Sequence[int]) -> Mapping[int, Document]:
        """``document`` of each of ``numbers`` (an index on disk reads them together)."""
        ...

    def field_length(self, number: int, field_name: str) -> int: ...

    def field_lengths(self, field_name: str) -> Sequence[int]:
        """``field_length`` of every document, by number (shorter if the last have none)."""
        ...

    def packed_postings(self, stem: str) -> array[int] | None:
        """``postings_for(stem)`` flat, if the index keeps it so: pairs of (document number,
        field code << 16 | count), a field's code being its place in ``FIELD_NAMES``, and a
        document's fields together in the order ``postings_for`` gives them. None for an
        index that keeps only the mapping."""
        ...

    def average_length(self, field_name: str) -> float: ...

    def stem_of(self, word: str) -> str | None: ...

    def words_of_stem(self, stem: str) -> Sequence[str]:
        """Every word the documents use with this stem."""
        ...

    def word_documents(self, word: str) -> int: ...

    def words_starting_with(self, prefix: str) -> Iterator[str]: ...

    def known_words(self) -> Iterable[str]: ...

    def label(self, number: int) -> tuple[str, str]:
        """A document's type and record id, to order equal scores without reading it."""
        ...

    def prefetch(self, numbers: Iterable[int]) -> None:
        """Get ready to score these documents (an index on disk reads their lengths at once)."""
        ...


class Index(msgspec.Struct, dict=True):
    """Every record analysed, and where each stem occurs, in memory: for small knowledge bases
    and for the knowledge base that ships with kbtool (which cannot have a file beside it)."""

    documents: list[Document]
    # stem -> document number -> field name -> how often
    postings: dict[str, dict[int, dict[str, int]]]
    # folded word -> its stem, and in how many documents it occurs (for corrections)
    words: dict[str, str]
    word_counts: dict[str, int]
    sorted_words: list[str]
    averages: dict[str, float]

    @property
    def size(self) -> int:
        return len(self.documents)

    def numbers(self) -> Iterable[int]:
        return range(len(self.documents))

    @property
    def indexes_word_runs(self) -> bool:
        return False  # a small index: a phrase reads its few candidates' tokens

    def postings_for(self, stem: str) -> Mapping[int, Mapping[str, int]]:
        return self.postings.get(stem, {})

    def document(self, number: int) -> Document:
        return self.documents[number]

    def documents_of(self, numbers: Sequence[int]) -> Mapping[int, Document]:
        return {number: self.documents[number] for number in numbers}

    def field_length(self, number: int, field_name: str) -> int:
        for fld in self.documents[number].fields:
            if fld.name == field_name:
                return len(fld.tokens)
        return 0

    def field_lengths(self, field_name: str) -> Sequence[int]:
        return self._all_lengths.get(field_name, [])

    @cached_property
    def _all_lengths(self) -> dict[str, list[int]]:
        # Every field in one pass over the documents: ranking in arrays asks for them all.
        lengths: dict[str, list[int]] = {}
        for number, document in enumerate(self.documents):
            for fld in document.fields:
                found = lengths.setdefault(fld.name, [])
                found.extend([0] * (number - len(found)))
                found.append(len(fld.tokens))
        return lengths

    def packed_postings(self, stem: str) -> array[int] | None:
        return None

    def average_length(self, field_name: str) -> float:
        return self.averages.get(field_name, 1.0)

    def stem_of(self, word: str) -> str | None:
        return self.words.get(word)

    def words_of_stem(self, stem: str) -> Sequence[str]:
        return self._words_by_stem.get(stem, [])

    @cached_property
    def _words_by_stem(self) -> dict[str, list[str]]:
        by_stem: dict[str, list[str]] = {}
        for word, stem in self.words.items():
            by_stem.setdefault(stem, []).append(word)
        return by_stem

    def word_documents(self, word: str) -> int:
        return self.word_counts.get(word, 0)

    def known_words(self) -> Iterable[str]:
        return self.words

    def label(self, number: int) -> tuple[str, str]:
        document = self.documents[number]
        return document.type, document.record.id

    def prefetch(self, numbers: Iterable[int]) -> None:
        pass

    def words_starting_with(self, prefix: str) -> Iterator[str]:
        start = bisect.bisect_left(self.sorted_words, prefix)
        for word in self.sorted_words[start:]:
            if not word.startswith(prefix):
                return
            yield word


def _field(name: str, values: Iterable[str | None]) -> Field | None:
    parts: list[str] = []
    tokens: list[Token] = []
    offset, position = 0, 0
    for value in values:
        if not value:
            continue
        if parts:
            offset += 2  # the "; " between values
        for token in tokenize(value, position):
            tokens.append(
                Token(
                    token.word, token.stem, token.start + offset, token.end + offset, token.position
                )
            )
        if tokens:
            position = tokens[-1].position + VALUE_GAP
        parts.append(value)
        offset += len(value)
    return Field(name, "; ".join(parts), tuple(tokens)) if tokens else None


def _instrument_values(
    instrument: Instrument, quotations: Sequence[Quotation]
) -> Iterator[tuple[str, list[str | None]]]:
    yield "title", [instrument.title]
    yield "kind", [instrument.kind.replace("-", " ")]
    yield "sectors", [*instrument.sectors]
    yield "places", [*instrument.places]
    yield "parties", [*instrument.parties]
    yield "people", [*(o.name for o in instrument.officials), *instrument.witnesses]
    yield "summary", [instrument.summary]
    yield "aims", [*instrument.aims]
    yield "quotations", [q.text for q in quotations]
    yield (
        "claims",
        [
            value
            for claim in instrument.claims
            for value in ([claim.value] if isinstance(claim.value, str) else claim.value)
        ],
    )
    yield "roles", [o.role for o in instrument.officials]
    yield "venue", [instrument.signed_at, instrument.exchanged_at]


def _quotation_values(
    quotation: Quotation, about: Instrument | None
) -> Iterator[tuple[str, list[str | None]]]:
    yield "text", [quotation.text]
    yield "speaker", [quotation.speaker]
    yield "speaker_role", [quotation.speaker_role]
    yield "about", [about.title if about else None]
    yield "context", [quotation.context]


def field_values(
    record: Record, related: Sequence[Quotation] | Instrument | None
) -> Iterator[tuple[str, list[str | None]]]:
    """The searchable fields of a record and their values; ``related`` is an instrument's
    quotations, or the instrument a quotation is about."""
    if isinstance(record, Instrument):
        yield from _instrument_values(record, related if isinstance(related, Sequence) else [])
    else:
        yield from _quotation_values(record, related if isinstance(related, Instrument) else None)


def document_of(record: Record, related: Sequence[Quotation] | Instrument | None) -> Document:
    """A record analysed for search; ``related`` as for ``field_values``."""
    fields = tuple(
        made
        for name, values in field_values(record, related)
        if (made := _field(name, values)) is not None
    )
    if isinstance(record, Instrument):
        return Document(record, record, fields=fields, related=lambda: related)
    about = related if isinstance(related, Instrument) else None
    return Document(record, about, fields=fields, related=lambda: related)


def build_index(instruments: Sequence[Instrument], quotations: Sequence[Quotation]) -> Index:
    """Analyse every record once; the index answers any number of queries."""
    by_id = {instrument.id: instrument for instrument in instruments}
    about: dict[str, list[Quotation]] = {}
    for quotation in quotations:
        if quotation.instrument:
            about.setdefault(quotation.instrument, []).append(quotation)
    documents = [document_of(i, about.get(i.id, [])) for i in instruments] + [
        document_of(q, by_id.get(q.instrument or "")) for q in quotations
    ]
    postings: dict[str, dict[int, dict[str, int]]] = {}
    words: dict[str, str] = {}
    word_documents: dict[str, int] = {}
    lengths: dict[str, list[int]] = {}
    for number, document in enumerate(documents):
        seen: set[str] = set()
        for fld in document.fields:
            lengths.setdefault(fld.name, []).append(len(fld.tokens))
            for token in fld.tokens:
                counts = postings.setdefault(token.stem, {}).setdefault(number, {})
                counts[fld.name] = counts.get(fld.name, 0) + 1
                words[token.word] = token.stem
                seen.add(token.word)
        for word in seen:
            word_documents[word] = word_documents.get(word, 0) + 1
    return Index(
        documents=documents,
        postings=postings,
        words=words,
        word_counts=word_documents,
        sorted_words=sorted(words),
        averages={name: sum(n) / len(n) for name, n in lengths.items()},
    )


# ---------------------------------------------------------------- the plan of a query


class Alternative(msgspec.Struct, frozen=True):
    """One way a clause can match: a stem, or a phrase of stems (``words``: exactly these)."""

    label: str
    stems: tuple[str, ...]
    words: tuple[str, ...] | None = None
    weight: float = 1.0
    why: str = ""

    @property
    def stemmed(self) -> str | None:
        """The stems, when they differ from the words ("flights" -> "flight"), for --explain."""
        stems = " ".join(self.stems)
        return stems if stems != " ".join(t.word for t in tokenize(self.label)) else None


class Requirement(msgspec.Struct, frozen=True):
    """A clause of the query, compiled: a record must match one of its alternatives."""

    label: str
    alternatives: tuple[Alternative, ...]
    negated: bool = False
    corrected_from: str | None = None


class Plan(msgspec.Struct, frozen=True):
    """How a query was understood: what ``kb search --explain`` shows before the hits."""

    query: ParsedQuery
    requirements: tuple[Requirement, ...]
    filters: tuple[Qualifier, ...]
    ignored: tuple[str, ...]
    corrections: tuple[tuple[str, str], ...]
    corrected_query: str | None
    notes: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not self.requirements and not self.filters


class _Unit(msgspec.Struct):
    """Query words that make one requirement: a term, or adjacent words the vocabulary knows."""

    terms: tuple[Term, ...]
    negated: bool
    label: str
    joined: bool = False  # several words that the vocabulary knows as one term


def _is_stop_word(clause: Clause) -> bool:
    if clause.negated or len(clause.terms) != 1 or clause.terms[0].phrase:
        return False
    tokens = tokenize(clause.terms[0].text)
    return len(tokens) == 1 and tokens[0].word in STOP_WORDS


def _single_word(clause: Clause) -> str | None:
    if clause.negated or len(clause.terms) != 1 or clause.terms[0].phrase:
        return None
    tokens = tokenize(clause.terms[0].text)
    return tokens[0].stem if len(tokens) == 1 else None


def _units(clauses: Sequence[Clause], vocabulary: Vocabulary) -> list[_Unit]:
    """Clauses as units, joining adjacent words that together are a vocabulary term."""
    units: list[_Unit] = []
    index = 0
    while index < len(clauses):
        joined = 0
        for size in range(min(vocabulary.longest_key, len(clauses) - index), 1, -1):
            stems = [_single_word(c) for c in clauses[index : index + size]]
            if all(stems) and vocabulary.knows(tuple(s for s in stems if s)):
                joined = size
                break
        if joined:
            terms = tuple(c.terms[0] for c in clauses[index : index + joined])
            units.append(_Unit(terms, False, " ".join(t.text for t in terms), joined=True))
            index += joined
        else:
            clause = clauses[index]
            label = " OR ".join(f'"{t.text}"' if t.phrase else t.text for t in clause.terms)
            units.append(_Unit(clause.terms, clause.negated, label))
            index += 1
    return units


def occurrences_of(index: SearchIndex, alternative: Alternative) -> Mapping[int, Mapping[str, int]]:
    """Where an alternative matches: document number -> field -> how often."""
    words = alternative.words
    if len(alternative.stems) == 1 and words is None:
        return index.postings_for(alternative.stems[0])
    if words and index.words_of_stem(alternative.stems[0]) == [*words]:
        # A quoted word that is the only one with its stem occurs where its stem does.
        return _by_field_name(index.postings_for(alternative.stems[0]))
    keys = alternative.stems
    overlaps: tuple[str, ...] = ()
    if words and len(words) > 1 and index.indexes_word_runs:
        longest = max(RUN_LENGTHS)
        if len(words) <= longest:
            return _by_field_name(index.postings_for(run_key(words)))
        # A longer phrase holds its runs of three words, one after the other, each sharing
        # its last two words with the next.
        keys = tuple(run_key(words[i : i + longest]) for i in range(len(words) - longest + 1))
        overlaps = tuple(run_key(words[i : i + longest - 1]) for i in range(1, len(keys)))
    postings = [index.postings_for(key) for key in keys]
    overlap_postings = [index.postings_for(key) for key in overlaps]
    candidates: set[int] | None = None
    for posting in postings:
        found = set(posting)
        candidates = found if candidates is None else candidates & found
    exact = phrase_pattern(words) if words else None
    result: dict[int, dict[str, int]] = {}
    for number in sorted(candidates or ()):
        # Only the fields that hold every key of the phrase can hold the phrase.
        names: set[str] | None = None
        for posting in postings:
            found_in = set(posting[number])
            names = found_in if names is None else names & found_in
        counts: dict[str, int] = {}
        unsure: list[str] = []
        for name in sorted(names or ()):
            # Where each shared two words stand once in the field, the runs can only follow
            # one another there: the phrase stands there once.
            if overlaps and all(
                posting.get(number, {}).get(name) == 1 for posting in overlap_postings
            ):
                counts[name] = 1
            else:
                unsure.append(name)
        document = index.document(number) if unsure else None
        for name in unsure:
            assert document is not None
            if exact is not None:
                # Counted on each value's folded text, without analysing the field.
                count = sum(
                    len(exact.findall(fold(value))) for value in document.values(name) if value
                )
            else:
                fld = document.field(name)
                count = len(_phrase_runs(fld.tokens, alternative)) if fld else 0
            if count:
                counts[name] = count
        if counts:
            result[number] = {name: counts[name] for name in sorted(counts)}
    return result


def _by_field_name(
    postings: Mapping[int, Mapping[str, int]],
) -> Mapping[int, Mapping[str, int]]:
    """Occurrences counted when indexed, in the order that counting them in the documents
    (below) gives: by document number, then field name."""
    return {
        number: {name: fields[name] for name in sorted(fields)}
        for number, fields in sorted(postings.items())
    }


# What may stand between two words of a phrase: characters that are not part of a word
# (see ``kbtool.analysis``: letters and digits, joined by apostrophes; "&" is a word too).
_BETWEEN_WORDS = r"(?:[^\w&]|_)+"
# A word ends where no letter, digit or apostrophe-and-letter follows, and starts where none
# precedes.
_WORD_END = r"(?![^\W_]|'[^\W_])"
_WORD_START = r"(?<![^\W_])(?<![^\W_]')"


@lru_cache(maxsize=64)
def phrase_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """A regular expression over folded text that finds exactly where ``tokenize`` would
    find these words one after another (overlapping runs included); None when a word is
    "and", which "&" also stands for."""
    if "and" in words:
        return None
    body = _BETWEEN_WORDS.join(re.escape(word) + _WORD_END for word in words)
    return re.compile(f"{_WORD_START}(?=({body}))")


def _phrase_runs(tokens: Sequence[Token], alternative: Alternative) -> list[tuple[int, int]]:
    """Where in ``tokens`` the alternative's phrase stands, as (first, last) token indexes."""
    keys = alternative.words or alternative.stems
    size = len(keys)
    runs = []
    for first in range(len(tokens) - size + 1):
        run = tokens[first : first + size]
        if all(
            (token.word if alternative.words else token.stem) == key
            and token.position == run[0].position + offset
            for offset, (token, key) in enumerate(zip(run, keys, strict=True))
        ):
            runs.append((first, first + size - 1))
    return runs


class _Planner:
    def __init__(self, index: SearchIndex, vocabulary: Vocabulary) -> None:
        self.index = index
        self.vocabulary = vocabulary
        self.corrections: list[tuple[Term, str]] = []
        self.ignored: list[str] = []

    def expansions(self, stems: tuple[str, ...]) -> Iterator[Alternative]:
        # Used for exclusions too: "-aviation" leaves out exactly what "aviation" finds.
        for expansion in self.vocabulary.expansions(stems):
            name = " = ".join(expansion.entry.terms[:2])
            why = (
                f"abbreviation: {name}"
                if expansion.relation is Relation.ABBREVIATION
                else f"related to {expansion.entry.terms[0]}"
            )
            yield Alternative(
                expansion.term,
                expansion.stems,
                weight=RELATION_WEIGHTS[expansion.relation],
                why=why,
            )

    def term_alternatives(self, term: Term, negated: bool) -> list[Alternative]:
        tokens = tokenize(term.text)
        if not tokens:
            return []
        stems = tuple(t.stem for t in tokens)
        if term.phrase:
            words = tuple(t.word for t in tokens)
            return [Alternative(f'"{" ".join(words)}"', stems, words=words, why="exact phrase")]
        label = " ".join(t.word for t in tokens)
        alternatives = [Alternative(label, stems)]
        if term.prefix and len(tokens[-1].word) >= 2 and not negated:
            alternatives += self.completions(tokens)
        alternatives += self.expansions(stems)
        return alternatives

    def completions(self, tokens: Sequence[Token]) -> Iterator[Alternative]:
        last = tokens[-1]
        seen = {last.stem}
        for word in self.index.words_starting_with(last.word):
            stem = self.index.stem_of(word)
            if stem is None or stem in seen:
                continue
            seen.add(stem)
            if len(seen) > MAX_COMPLETIONS:
                return
            stems = (*(t.stem for t in tokens[:-1]), stem)
            label = " ".join([*(t.word for t in tokens[:-1]), word])
            yield Alternative(label, stems, weight=PREFIX_WEIGHT, why=f"begins with {last.word}")

    def matches_anything(self, alternatives: Iterable[Alternative]) -> bool:
        return any(self._matches(a) for a in alternatives)

    def _matches(self, alternative: Alternative) -> bool:
        if len(alternative.stems) == 1 and alternative.words is None:
            # Without turning a common word's packed postings into a mapping.
            packed = self.index.packed_postings(alternative.stems[0])
            if packed is not None:
                return bool(packed)
        return bool(occurrences_of(self.index, alternative))

    def correction(self, word: str) -> str | None:
        """The known word closest to a misspelt one, or None if nothing is close enough."""
        if not (MIN_TYPO_LENGTH <= len(word) <= MAX_TYPO_LENGTH) or not word.isalpha():
            return None
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        known = {*self.index.known_words(), *self.vocabulary.words}
        candidates = sorted(w for w in known if len(w) >= 3)
        most = 1 if len(word) <= 5 else 2
        found = process.extract(
            word, candidates, scorer=OSA.distance, score_cutoff=most, limit=None
        )
        if not found:
            return None
        # Closest first; among equals, the word more records use.
        best = min(found, key=lambda f: (f[1], -self.index.word_documents(f[0]), f[0]))
        return best[0]

    def requirement(self, unit: _Unit) -> Requirement | None:
        if unit.joined:
            words = tuple(w for t in unit.terms for w in (tok.word for tok in tokenize(t.text)))
            stems = analysed(" ".join(words))
            joined = [Alternative(" ".join(words), stems), *self.expansions(stems)]
            return Requirement(unit.label, tuple(joined))
        alternatives: list[Alternative] = []
        corrected_from = None
        for term in unit.terms:
            found = self.term_alternatives(term, unit.negated)
            if not found:
                self.ignored.append(term.text)
                continue
            single = len(tokenize(term.text)) == 1 and not term.phrase
            if not unit.negated and single and not self.matches_anything(found):
                better = self.correction(found[0].label)
                if better is not None:
                    self.corrections.append((term, better))
                    corrected_from = term.text
                    found = self.term_alternatives(Term(better, term.start, term.end), False)
            alternatives += found
        if not alternatives:
            return None
        label = (
            unit.label
            if corrected_from is None
            else f"{unit.label} → " + " OR ".join(a.label for a in alternatives if not a.why)
        )
        return Requirement(label, tuple(alternatives), unit.negated, corrected_from)


def plan(index: SearchIndex, parsed: ParsedQuery, vocabulary: Vocabulary) -> Plan:
    """How ``parsed`` will be matched against ``index``."""
    planner = _Planner(index, vocabulary)
    clauses = list(parsed.clauses)
    # Common words say nothing about a record; drop them unless they are all there is.
    if any(not _is_stop_word(c) for c in clauses):
        planner.ignored += [c.terms[0].text for c in clauses if _is_stop_word(c)]
        clauses = [c for c in clauses if not _is_stop_word(c)]
    requirements: list[Requirement] = []
    for unit in _units(clauses, vocabulary):
        requirement = planner.requirement(unit)
        if requirement is not None and requirement not in requirements:
            requirements.append(requirement)
    corrected = None
    if planner.corrections:
        corrected = parsed.raw
        for term, better in sorted(planner.corrections, key=lambda c: -c[0].start):
            corrected = corrected[: term.start] + better + corrected[term.end :]
    notes = list(parsed.notes)
    if not requirements and not parsed.qualifiers:
        notes.append(f"nothing to search for in {shown(parsed.raw)}: try words, or kind:agreement")
    return Plan(
        query=parsed,
        requirements=tuple(requirements),
        filters=parsed.qualifiers,
        ignored=tuple(planner.ignored),
        corrections=tuple((term.text, better) for term, better in planner.corrections),
        corrected_query=corrected,
        notes=tuple(notes),
    )


# ---------------------------------------------------------------- ranking


class Reason(msgspec.Struct, frozen=True):
    """Why one clause scored on a hit: the alternative that counted most, and its numbers."""

    requirement: str
    alternative: Alternative
    score: float
    idf: float
    counts: Mapping[str, int]


class Snippet(msgspec.Struct, frozen=True):
    """The passage of a hit to show: the text, the field it is from, the words to highlight."""

    field: str
    text: str
    spans: tuple[tuple[int, int], ...]


class Hit(msgspec.Struct):
    record: Record
    score: float
    matched_fields: list[str] = msgspec.field(default_factory=list)
    snippet: Snippet | None = None
    reasons: list[Reason] = msgspec.field(default_factory=list)

    @property
    def type(self) -> RecordTypeName:
        return "instrument" if isinstance(self.record, Instrument) else "quotation"


class SearchResult(msgspec.Struct, frozen=True):
    plan: Plan
    hits: list[Hit]


class Scorer:
    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self.cache: dict[Alternative, Mapping[int, Mapping[str, int]]] = {}
        # Keyed by identity: hashing a requirement hashes all its alternatives, and this
        # is looked up once per requirement per document.
        self.prepared: dict[
            int, list[tuple[Alternative, Mapping[int, Mapping[str, int]], float]]
        ] = {}
        self.averages: dict[str, float] = {}

    def occurrences(self, alternative: Alternative) -> Mapping[int, Mapping[str, int]]:
        if alternative not in self.cache:
            self.cache[alternative] = occurrences_of(self.index, alternative)
        return self.cache[alternative]

    def matching(self, requirement: Requirement) -> set[int]:
        """The documents where any alternative of ``requirement`` occurs."""
        found: set[int] = set()
        for alternative in requirement.alternatives:
            found.update(self.occurrences(alternative))
        return found

    def idf(self, alternative: Alternative) -> float:
        total = self.index.size
        found = len(self.occurrences(alternative))
        return math.log(1 + (total - found + 0.5) / (found + 0.5))

    def _prepare(
        self, requirement: Requirement
    ) -> list[tuple[Alternative, Mapping[int, Mapping[str, int]], float]]:
        # Once per requirement, not per document: a common word's prefix completions make
        # thirty alternatives, and a large knowledge base hundreds of thousands of documents.
        prepared = self.prepared.get(id(requirement))
        if prepared is None:
            prepared = self.prepared[id(requirement)] = [
                (alternative, self.occurrences(alternative), self.idf(alternative))
                for alternative in requirement.alternatives
            ]
        return prepared

    def bm25f(self, number: int, counts: Mapping[str, int], idf: float) -> float:
        weighted = 0.0
        for name, count in counts.items():
            average = self.averages.get(name)
            if average is None:
                average = self.averages[name] = self.index.average_length(name)
            norm = 1 - B + B * self.index.field_length(number, name) / average
            weighted += FIELD_WEIGHTS[name] * count / norm
        return idf * weighted * (K1 + 1) / (K1 + weighted)

    def best_scores(
        self, requirement: Requirement, wanted: Mapping[int, float]
    ) -> dict[int, float]:
        """For each ``wanted`` document that ``requirement`` matches, the score of its best
        alternative (the first of equals, as ``reason`` picks it)."""
        best: dict[int, float] = {}
        for alternative, occurrences, idf in self._prepare(requirement):
            weight = alternative.weight
            if len(occurrences) <= len(wanted):
                found = [(n, c) for n, c in occurrences.items() if n in wanted]
            else:
                found = [(n, occurrences[n]) for n in wanted if n in occurrences]
            for number, counts in found:
                score = weight * self.bm25f(number, counts, idf)
                previous = best.get(number)
                if previous is None or score > previous:
                    best[number] = score
        return best

    def reason(self, number: int, requirement: Requirement) -> Reason | None:
        """The best-scoring alternative of ``requirement`` in document ``number``, if any."""
        best: Reason | None = None
        for alternative, occurrences, idf in self._prepare(requirement):
            counts = occurrences.get(number)
            if not counts:
                continue
            score = alternative.weight * self.bm25f(number, counts, idf)
            if best is None or score > best.score:
                best = Reason(requirement.label, alternative, score, idf, counts)
        return best


def _field_contributions(reasons: Sequence[Reason]) -> dict[str, float]:
    contributions: dict[str, float] = {}
    for reason in reasons:
        for name, count in reason.counts.items():
            gain = FIELD_WEIGHTS[name] * reason.idf * reason.alternative.weight * count
            contributions[name] = contributions.get(name, 0.0) + gain
    return contributions


def _snippet(document: Document, reasons: Sequence[Reason], field_name: str | None) -> Snippet:
    named = document.field(field_name) if field_name else None
    fld = named if named is not None else document.fields[0]
    spans: list[tuple[int, int]] = []
    for reason in reasons:
        if fld.name not in reason.counts:
            continue
        alternative = reason.alternative
        if len(alternative.stems) == 1 and alternative.words is None:
            spans += [(t.start, t.end) for t in fld.tokens if t.stem == alternative.stems[0]]
        else:
            for first, last in _phrase_runs(fld.tokens, alternative):
                spans.append((fld.tokens[first].start, fld.tokens[last].end))
    spans = sorted(set(spans))
    return _window(fld.name, fld.text, spans)


def _window(name: str, text: str, spans: list[tuple[int, int]]) -> Snippet:
    """At most SNIPPET_WIDTH characters of ``text``, around its first highlighted span."""
    if len(text) <= SNIPPET_WIDTH:
        return Snippet(name, text, tuple(spans))
    focus = spans[0][0] if spans else 0
    start = max(0, min(focus - SNIPPET_WIDTH // 3, len(text) - SNIPPET_WIDTH))
    if start > 0:  # begin at a word
        space = text.find(" ", start, focus)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + SNIPPET_WIDTH)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > max(focus, start) else end
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    shift = len(lead) - start
    kept = tuple((s + shift, e + shift) for s, e in spans if s >= start and e <= end)
    return Snippet(name, lead + text[start:end] + tail, kept)


def _is_long(index: SearchIndex, alternative: Alternative) -> bool:
    if len(alternative.stems) != 1 or alternative.words is not None:
        return False
    packed = index.packed_postings(alternative.stems[0])
    size = len(index.postings_for(alternative.stems[0])) if packed is None else len(packed) // 2
    return size > ARRAY_THRESHOLD


def _rank(
    scorer: Scorer,
    positive: Sequence[Requirement],
    negative: Sequence[Requirement],
    filters: Sequence[Qualifier],
    vocabulary: Vocabulary,
    record_type: str | None,
) -> tuple[list[tuple[float, int]], dict[int, Document]]:
    """(rounded total, number) of every document that matches, and the documents that the
    filters read."""
    index = scorer.index
    candidates: set[int] | None = None
    for requirement in positive:
        found = scorer.matching(requirement)
        candidates = found if candidates is None else candidates & found
    numbers = sorted(index.numbers() if candidates is None else candidates)
    for requirement in negative:
        excluded = scorer.matching(requirement)
        numbers = [n for n in numbers if n not in excluded]
    documents: dict[int, Document] = {}
    if filters or record_type:
        documents = dict(index.documents_of(numbers))
        numbers = sorted(passing_filters(documents, filters, vocabulary, record_type))
    # Scored requirement by requirement over the documents still in the running; which
    # alternative counted, and why, is worked out only for the hits that are printed.
    totals = dict.fromkeys(numbers, 0.0)
    for requirement in positive:
        best = scorer.best_scores(requirement, totals)
        totals = {
            number: total + best[number] for number, total in totals.items() if number in best
        }
    return [(round(total, 3), number) for number, total in totals.items()], documents


def query(
    index: SearchIndex,
    parsed: ParsedQuery,
    vocabulary: Vocabulary | None = None,
    record_type: str | None = None,
    limit: int | None = None,
) -> SearchResult:
    """The records that match ``parsed``, best first, each with its snippet and reasons.

    Only documents that contain every required clause are scored, and only the ``limit``
    best are read whole, so that a query over an index on disk costs what it shows, not
    what the knowledge base holds. Raises ``UsageError`` for a filter value that ``kb list``
    would refuse too (kind:treaty is fine, kind:banana is not).
    """
    if vocabulary is None:
        from kbtool.search.vocabulary import shipped

        vocabulary = shipped()
    the_plan = plan(index, parsed, vocabulary)
    if the_plan.is_empty:
        return SearchResult(the_plan, [])
    positive = [r for r in the_plan.requirements if not r.negated]
    negative = [r for r in the_plan.requirements if r.negated]
    scorer: Scorer
    if any(_is_long(index, a) for r in the_plan.requirements for a in r.alternatives):
        from kbtool.search import arrays

        scorer, scored, documents = arrays.rank(
            index, positive, negative, the_plan.filters, vocabulary, record_type, limit
        )
    else:
        scorer = Scorer(index)
        scored, documents = _rank(
            scorer, positive, negative, the_plan.filters, vocabulary, record_type
        )
    if limit is not None and len(scored) > limit:
        # Only the best (and those tied with the last of them) need ordering, and only
        # their type and id, which an index on disk reads for these alone.
        cut = heapq.nlargest(limit, (item[0] for item in scored))[-1]
        scored = [item for item in scored if item[0] >= cut]
    index.prefetch(item[1] for item in scored)
    scored.sort(key=lambda item: (-item[0], index.label(item[1])))
    hits = []
    for score, number in scored[:limit]:
        matched = [
            reason
            for requirement in positive
            if (reason := scorer.reason(number, requirement)) is not None
        ]
        contributions = _field_contributions(matched)
        order = sorted(contributions, key=lambda name: -contributions[name])
        document = documents.get(number) or index.document(number)
        default = "title" if document.type == "instrument" else "text"
        hits.append(
            Hit(
                record=document.record,
                score=score,
                matched_fields=order,
                snippet=_snippet(document, matched, order[0] if order else default),
                reasons=matched,
            )
        )
    return SearchResult(the_plan, hits)
