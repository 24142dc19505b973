"""Ranking over long posting lists with numpy: ``kbtool.search.ranking.query``, in arrays.

A word in most records ("cooperation" in three of four) makes ``query`` score hundreds of
thousands of documents; one Python loop step per document costs about a second at 160,000
instruments. Here the same BM25F arithmetic runs on whole arrays, operation by operation in
the order ``kbtool.search.scoring.Scorer.bm25f`` does it, so that every score is the same
float to the last bit and the ranking, rounded and tie-broken as before, is identical.

Imported only for a posting list longer than ``kbtool.search.ranking.ARRAY_THRESHOLD``:
numpy takes tens of milliseconds to import, which small knowledge bases and ``kb list``
never pay.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from kbtool.search.documents import FIELD_NAMES, FIELD_WEIGHTS, Document, SearchIndex
from kbtool.search.filters import passing_filters
from kbtool.search.planning import Alternative, Requirement, occurrences_of
from kbtool.search.scoring import K1, B, Scorer

if TYPE_CHECKING:
    import numpy.typing as npt

    from kbtool.search.query_parser import Qualifier
    from kbtool.search.vocabulary import Vocabulary

    Floats = npt.NDArray[np.float64]
    Integers = npt.NDArray[np.int64]

FIELD_CODES = {name: code for code, name in enumerate(FIELD_NAMES)}
_WEIGHTS = np.array([FIELD_WEIGHTS[name] for name in FIELD_NAMES], dtype=np.float64)
# Two totals that round to the same three decimals differ by at most 0.001 (and a few ulps):
# everything this close to the last shown total is kept for the exact, rounded comparison.
_TIE_MARGIN = 0.002


class Columns(Mapping[int, Mapping[str, int]]):
    """Where an alternative occurs, as arrays with one row per (document, field).

    A document's rows stand together, in the order of its fields in ``postings_for``, which
    is the order ``bm25f`` adds them up in. As a Mapping it answers like ``postings_for``
    (looking one document up without building a dict of all of them).
    """

    def __init__(self, numbers: Integers, codes: Integers, counts: Integers) -> None:
        self.numbers = numbers
        self.codes = codes
        self.counts = counts
        changes = np.ones(len(numbers), dtype=bool)
        changes[1:] = numbers[1:] != numbers[:-1]
        self.starts = np.flatnonzero(changes)
        self.docs: Integers = numbers[self.starts]
        sizes = np.diff(np.append(self.starts, len(numbers)))
        self.group = np.repeat(np.arange(len(self.docs)), sizes)  # row -> index in docs
        self.rank = np.arange(len(numbers)) - self.starts[self.group]  # row's place in its doc

    @classmethod
    def packed(cls, pairs: array[int]) -> Columns:
        rows = np.frombuffer(pairs, dtype=np.uint32).reshape(-1, 2).astype(np.int64)
        return cls(rows[:, 0], rows[:, 1] >> 16, rows[:, 1] & 0xFFFF)

    @classmethod
    def of(cls, occurrences: Mapping[int, Mapping[str, int]]) -> Columns:
        numbers: list[int] = []
        codes: list[int] = []
        counts: list[int] = []
        for number, fields in occurrences.items():
            for name, count in fields.items():
                numbers.append(number)
                codes.append(FIELD_CODES[name])
                counts.append(count)
        return cls(*(np.array(column, dtype=np.int64) for column in (numbers, codes, counts)))

    def __len__(self) -> int:
        return len(self.docs)

    def __iter__(self) -> Iterator[int]:
        return iter(self.docs.tolist())

    def __getitem__(self, number: int) -> Mapping[str, int]:
        found = np.flatnonzero(self.docs == number)
        if not len(found):
            raise KeyError(number)
        rows = self.group == found[0]
        codes, counts = self.codes[rows].tolist(), self.counts[rows].tolist()
        return {FIELD_NAMES[code]: count for code, count in zip(codes, counts, strict=True)}

    def bm25f(self, lengths: Mapping[int, Floats], averages: Floats, idf: float) -> Floats:
        """``Scorer.bm25f`` of every document, in ``docs`` order."""
        norms = np.empty(len(self.numbers), dtype=np.float64)
        for code in np.unique(self.codes).tolist():
            rows = self.codes == code
            norms[rows] = (1 - B) + B * lengths[code][self.numbers[rows]] / averages[code]
        gains = _WEIGHTS[self.codes] * self.counts / norms
        # Added field by field in each document's own order, as the Python loop adds them:
        # a sum in another order can differ in the last bit, and then in the rounding.
        weighted = np.zeros(len(self.docs), dtype=np.float64)
        for place in range(int(self.rank.max(initial=-1)) + 1):
            rows = self.rank == place
            weighted[self.group[rows]] += gains[rows]
        scores: Floats = idf * weighted * (K1 + 1) / (K1 + weighted)
        return scores


class ArrayScorer(Scorer):
    """A ``Scorer`` whose occurrences are ``Columns``, so that ``reason`` and ``idf`` work
    as before for the few hits that are shown."""

    def occurrences(self, alternative: Alternative) -> Mapping[int, Mapping[str, int]]:
        return self.columns(alternative)

    def columns(self, alternative: Alternative) -> Columns:
        found = self.cache.get(alternative)
        if not isinstance(found, Columns):
            packed = None
            if len(alternative.stems) == 1 and alternative.words is None:
                packed = self.index.packed_postings(alternative.stems[0])
            found = self.cache[alternative] = (
                Columns.packed(packed)
                if packed is not None
                else Columns.of(occurrences_of(self.index, alternative))
            )
        return found


def _lengths(index: SearchIndex, size: int) -> tuple[dict[int, Floats], Floats]:
    lengths: dict[int, Floats] = {}
    averages = np.ones(len(FIELD_NAMES), dtype=np.float64)
    for code, name in enumerate(FIELD_NAMES):
        known = np.asarray(index.field_lengths(name), dtype=np.float64)[:size]
        padded = np.zeros(size, dtype=np.float64)
        padded[: len(known)] = known
        lengths[code] = padded
        averages[code] = index.average_length(name)
    return lengths, averages


def rank(
    index: SearchIndex,
    positive: Sequence[Requirement],
    negative: Sequence[Requirement],
    filters: Sequence[Qualifier],
    vocabulary: Vocabulary,
    record_type: str | None,
    limit: int | None,
) -> tuple[ArrayScorer, list[tuple[float, int]], dict[int, Document]]:
    """As ``kbtool.search.ranking.query`` ranks: the scorer, (rounded total, number) for every
    document that can be among the ``limit`` best, and the documents the filters read."""
    scorer = ArrayScorer(index)
    columns = {a: scorer.columns(a) for r in (*positive, *negative) for a in r.alternatives}
    everything: Any = None if positive else np.array(list(index.numbers()), dtype=np.int64)
    size = 1 + max(
        [int(c.docs.max()) for c in columns.values() if len(c.docs)]
        + ([int(everything.max())] if everything is not None and len(everything) else [])
        + [0]
    )
    alive = np.zeros(size, dtype=bool)
    if everything is not None:
        alive[everything] = True
    else:
        alive[:] = True
        for requirement in positive:
            matched = np.zeros(size, dtype=bool)
            for alternative in requirement.alternatives:
                matched[columns[alternative].docs] = True
            alive &= matched
    for requirement in negative:
        for alternative in requirement.alternatives:
            alive[columns[alternative].docs] = False
    documents: dict[int, Document] = {}
    if filters or record_type:
        documents = dict(index.documents_of(np.flatnonzero(alive).tolist()))
        kept = passing_filters(documents, filters, vocabulary, record_type)
        alive[:] = False
        alive[np.array(sorted(kept), dtype=np.int64)] = True
    lengths, averages = _lengths(index, size)
    totals = np.zeros(size, dtype=np.float64)
    for requirement in positive:
        best = np.full(size, -np.inf, dtype=np.float64)
        for alternative in requirement.alternatives:
            found = columns[alternative]
            scores = alternative.weight * found.bm25f(lengths, averages, scorer.idf(alternative))
            best[found.docs] = np.maximum(best[found.docs], scores)
        totals = totals + best
    numbers = np.flatnonzero(alive)
    values = totals[numbers]
    if limit is not None and len(values) > limit:
        last = np.partition(values, len(values) - limit)[len(values) - limit]
        near = values >= last - _TIE_MARGIN
        numbers, values = numbers[near], values[near]
    scored = [
        (round(value, 3), number)
        for value, number in zip(values.tolist(), numbers.tolist(), strict=True)
    ]
    return scorer, scored, documents
