"""The search index in memory: every record analysed once, for any number of queries.

``build_index(instruments, quotations)`` gives an ``Index``, the ``SearchIndex`` a knowledge
base without an index on disk (a memory store, the shipped file) searches.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

import msgspec

from kbtool.models import Instrument, Quotation
from kbtool.search.documents import Document, document_of

if TYPE_CHECKING:
    from array import array


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

    def postings_for(self, stem: str) -> Mapping[int, Mapping[str, int]]:
        return self.postings.get(stem, {})

    def phrase_postings(
        self, keys: Sequence[str], exact: bool
    ) -> Mapping[int, Mapping[str, int]] | None:
        return None  # a small index: a phrase reads its few candidates' tokens

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
