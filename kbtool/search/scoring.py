"""BM25F scoring, and what a search returns: hits with their reasons and snippets.

A field's matches count by the field's weight, normalised by the field's length, with
rarer terms counting more. ``kbtool.search.arrays`` does the same arithmetic in numpy.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import msgspec

from kbtool.models import Instrument
from kbtool.search.documents import FIELD_WEIGHTS, Record, RecordTypeName, SearchIndex
from kbtool.search.planning import Alternative, Plan, Requirement, occurrences_of

# BM25's usual constants: how fast repeated matches stop adding (K1), how much a long field
# is discounted (B).
K1 = 1.2
B = 0.75


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
