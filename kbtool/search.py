"""Full-text search over instruments and quotations: matching, ranking, highlighting.

Every query word must match (case- and accent-insensitive) the start of a word somewhere in
the record; a record's score adds, per query word, the weight of the best field it matched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from kbtool.models import Instrument, Quotation

# How much a match in a field says about the record.
INSTRUMENT_FIELD_WEIGHTS = {
    "title": 5.0,
    "kind": 4.0,
    "parties": 3.0,
    "sectors": 3.0,
    "places": 3.0,
    "summary": 2.0,
    "aims": 1.5,
    "officials": 1.0,
    "claims": 1.0,
}
QUOTATION_FIELD_WEIGHTS = {
    "text": 3.0,
    "speaker": 3.0,
    "speaker_role": 2.0,
    "context": 0.5,
}
WHOLE_WORD_BONUS = 1.2

_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Case- and accent-insensitive form of ``text``, same length for ASCII-like input."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def query_terms(query: str) -> list[str]:
    """The words of a query, folded; punctuation only separates words."""
    return _WORD.findall(fold(query))


@dataclass
class Hit:
    record: Instrument | Quotation
    score: float
    matched_fields: list[str] = field(default_factory=list)

    @property
    def type(self) -> str:
        return "instrument" if isinstance(self.record, Instrument) else "quotation"


def _instrument_fields(instrument: Instrument) -> Iterator[tuple[str, str]]:
    yield "title", instrument.title
    yield "kind", instrument.kind.replace("-", " ")
    for name in ("parties", "sectors", "places", "aims"):
        for value in getattr(instrument, name):
            yield name, value
    if instrument.summary:
        yield "summary", instrument.summary
    for official in instrument.officials:
        yield "officials", official.name
    for claim in instrument.claims:
        values = [claim.value] if isinstance(claim.value, str) else claim.value
        for value in values:
            yield "claims", value


def _quotation_fields(quotation: Quotation) -> Iterator[tuple[str, str]]:
    yield "text", quotation.text
    yield "speaker", quotation.speaker
    if quotation.speaker_role:
        yield "speaker_role", quotation.speaker_role
    if quotation.context:
        yield "context", quotation.context


def _score(
    fields: Iterable[tuple[str, str]], terms: Sequence[str], weights: dict[str, float]
) -> tuple[float, list[str]] | None:
    best = dict.fromkeys(terms, 0.0)
    matched: list[str] = []
    for name, value in fields:
        words = _WORD.findall(fold(value))
        for term in terms:
            if term in words:
                weight = weights[name] * WHOLE_WORD_BONUS
            elif any(word.startswith(term) for word in words):
                weight = weights[name]
            else:
                continue
            best[term] = max(best[term], weight)
            if name not in matched:
                matched.append(name)
    if not all(best.values()):
        return None
    return round(sum(best.values()), 3), matched


def search(
    instruments: Iterable[Instrument],
    quotations: Iterable[Quotation],
    query: str,
    record_type: str | None = None,
) -> list[Hit]:
    """Records matching every word of ``query``, best first."""
    terms = list(dict.fromkeys(query_terms(query)))
    if not terms:
        return []
    hits: list[Hit] = []
    if record_type in (None, "instrument"):
        for instrument in instruments:
            scored = _score(_instrument_fields(instrument), terms, INSTRUMENT_FIELD_WEIGHTS)
            if scored:
                hits.append(Hit(instrument, *scored))
    if record_type in (None, "quotation"):
        for quotation in quotations:
            scored = _score(_quotation_fields(quotation), terms, QUOTATION_FIELD_WEIGHTS)
            if scored:
                hits.append(Hit(quotation, *scored))
    hits.sort(key=lambda hit: (-hit.score, hit.type, hit.record.id))
    return hits


def highlight_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Where words starting with one of ``terms`` stand in ``text``, as (start, end) pairs."""
    spans = []
    for match in _WORD.finditer(text):
        if any(fold(match.group()).startswith(term) for term in terms):
            spans.append(match.span())
    return spans
