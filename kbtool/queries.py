"""Filtering, sorting and id suggestions over records: what ``kb list`` and ``kb quotes`` ask."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import msgspec

from kbtool.errors import UsageError
from kbtool.models import KIND_VALUES, STATUS_VALUES, Instrument, Quotation, field_names


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


def _sort_key(value: Any) -> tuple[bool, str]:
    # Missing values sort last whatever the direction of the rest.
    if value is None or value == []:
        return (True, "")
    if isinstance(value, list):
        return (False, "; ".join(str(item) for item in value).casefold())
    return (False, str(value).casefold())


def sort_records(records: list[Any], field: str, record_type: type[Any]) -> list[Any]:
    descending = field.startswith("-")
    name = field.removeprefix("-")
    valid = field_names(record_type)
    if name not in valid:
        raise UsageError(f"cannot sort by {name!r}; fields are: {', '.join(valid)}")
    present = [r for r in records if _sort_key(getattr(r, name))[0] is False]
    missing = [r for r in records if _sort_key(getattr(r, name))[0] is True]
    present.sort(key=lambda r: _sort_key(getattr(r, name)), reverse=descending)
    return present + missing


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


def suggest_id(wanted: str, known: Sequence[str]) -> str | None:
    """The known id a user most likely meant, for a "did you mean" hint."""
    folded = wanted.strip().casefold()
    containing = [candidate for candidate in known if folded and folded in candidate]
    if len(containing) == 1:
        return containing[0]
    import difflib  # only an unknown id needs it

    close = difflib.get_close_matches(folded, known, n=1, cutoff=0.5)
    if close:
        return close[0]
    return containing[0] if containing else None
