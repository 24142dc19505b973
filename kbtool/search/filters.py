"""The filters of ``kb list`` and ``kb quotes``, and of a query's qualifiers (``kind:``, ...).

One definition for both: ``kb search kind:mou`` keeps what ``kb list --kind mou`` lists. They
live in the search package because a controlled value may be written as an abbreviation of
the search vocabulary (``--kind mou``), read only on that path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import msgspec

from kbtool.errors import UsageError
from kbtool.models import KIND_VALUES, STATUS_VALUES, Instrument, Quotation

if TYPE_CHECKING:
    from kbtool.search.documents import Document
    from kbtool.search.query_parser import Qualifier
    from kbtool.search.vocabulary import Vocabulary


class InstrumentFilter(msgspec.Struct, frozen=True, kw_only=True):
    """What ``kb list`` keeps; every given criterion must hold (case-insensitive)."""

    kind: str | None = None
    party: str | None = None
    sector: str | None = None
    status: str | None = None


def field_values(instrument: Instrument, field: str) -> Iterator[str]:
    """The values of a list field, including those other sources claim for it."""
    yield from getattr(instrument, field)
    for claim in instrument.claims:
        if claim.field == field:
            yield from ([claim.value] if isinstance(claim.value, str) else claim.value)


def _contains(values: Iterable[str], needle: str) -> bool:
    needle = needle.casefold()
    return any(needle in value.casefold() for value in values)


def controlled_value(value: str, allowed: Sequence[str], option: str) -> str:
    """The vocabulary entry a user meant, case-insensitively, or a usage error listing all.

    An abbreviation the search vocabulary knows is understood too: ``--kind mou``.
    """
    folded = value.strip().casefold()
    if folded in allowed:
        return folded
    expanded = _expanded(value, allowed)
    if expanded is not None:
        return expanded
    raise UsageError(f"{option} {value!r} is not one of: {', '.join(allowed)}")


def _expanded(value: str, allowed: Sequence[str]) -> str | None:
    # Only on this error path: the vocabulary is data, read and analysed on first use.
    from kbtool.search.analysis import tokenize
    from kbtool.search.vocabulary import Relation, analysed, shipped

    for expansion in shipped().expansions(analysed(value)):
        slug = "-".join(token.word for token in tokenize(expansion.term))
        if expansion.relation is Relation.ABBREVIATION and slug in allowed:
            return slug
    return None


def filter_instruments(
    instruments: Iterable[Instrument], criteria: InstrumentFilter
) -> list[Instrument]:
    kind = controlled_value(criteria.kind, KIND_VALUES, "--kind") if criteria.kind else None
    status = (
        controlled_value(criteria.status, STATUS_VALUES, "--status") if criteria.status else None
    )
    kept = []
    for instrument in instruments:
        if kind and instrument.kind != kind:
            continue
        if status and instrument.status != status:
            continue
        if criteria.party and not _contains(field_values(instrument, "parties"), criteria.party):
            continue
        if criteria.sector and not _contains(field_values(instrument, "sectors"), criteria.sector):
            continue
        kept.append(instrument)
    return kept


def filter_quotations(
    quotations: Iterable[Quotation], speaker: str | None, instrument: str | None
) -> list[Quotation]:
    kept = []
    for quotation in quotations:
        if speaker and not _contains([quotation.speaker], speaker):
            continue
        if instrument and quotation.instrument != instrument:
            continue
        kept.append(quotation)
    return kept


# ---------------------------------------------------------------- a query's qualifiers


def _controlled(value: str, allowed: Sequence[str], label: str, vocabulary: Vocabulary) -> str:
    """A controlled value as ``kb list`` takes it; an abbreviation ("mou") is also understood."""
    from kbtool.search.analysis import tokenize
    from kbtool.search.vocabulary import Relation, analysed

    try:
        return controlled_value(value, allowed, label)
    except UsageError:
        for expansion in vocabulary.expansions(analysed(value)):
            slug = "-".join(token.word for token in tokenize(expansion.term))
            if expansion.relation is Relation.ABBREVIATION and slug in allowed:
                return slug
        raise


def _passing(
    documents: Mapping[int, Document], qualifier: Qualifier, vocabulary: Vocabulary
) -> set[int]:
    """The documents a (positive) qualifier keeps, with the filters of ``kb list``."""
    label = f"{qualifier.name}:"
    if qualifier.name == "type":
        wanted = _controlled(qualifier.value, ("instrument", "quotation"), label, vocabulary)
        return {n for n, d in documents.items() if d.type == wanted}
    if qualifier.name == "speaker":
        quotations = [d.record for d in documents.values() if isinstance(d.record, Quotation)]
        kept = {q.id for q in filter_quotations(quotations, qualifier.value, None)}
        return {n for n, d in documents.items() if d.type == "quotation" and d.record.id in kept}
    value = qualifier.value
    if qualifier.name == "kind":
        value = _controlled(value, KIND_VALUES, label, vocabulary)
    elif qualifier.name == "status":
        value = _controlled(value, STATUS_VALUES, label, vocabulary)
    criteria = InstrumentFilter(**{qualifier.name: value})
    instruments = [d.instrument for d in documents.values() if d.instrument is not None]
    kept = {i.id for i in filter_instruments(instruments, criteria)}
    # A quotation passes an instrument's filter when the instrument it is about does.
    return {n for n, d in documents.items() if d.instrument is not None and d.instrument.id in kept}


def passing_filters(
    documents: Mapping[int, Document],
    filters: Sequence[Qualifier],
    vocabulary: Vocabulary,
    record_type: str | None,
) -> set[int]:
    allowed = set(documents)
    if record_type:
        allowed = {n for n in allowed if documents[n].type == record_type}
    for qualifier in filters:
        passing = _passing(documents, qualifier, vocabulary)
        allowed = allowed - passing if qualifier.negated else allowed & passing
    return allowed
