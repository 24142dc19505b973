"""The records a glance is about: ``kb list``'s filters applied, and the dates records carry.

``kb stats``, ``kb timeline``, ``kb partners`` and ``kb report`` look at every instrument
of a knowledge base, and need only a few of each one's fields. Decoding the whole
``Instrument`` validates every string of it against the models' patterns, which costs
four times what these commands may spend at 14,000 instruments; so they decode summaries
(``InstrumentSummary``, ...) that hold those fields, typed, and skip the rest. A file whose
records do not decode as summaries is read in full instead, which names the bad record.

The dates of an instrument are its own ``signed_on`` and ``exchanged_on``, else what other
sources claim for them, and an in-force date where a source claims one (``in_force_on``:
the models have no field for it yet). A quotation is dated by its source's ``published_on``.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Literal, cast

import msgspec

from kbtool.models import ClaimValue, Kind, Status
from kbtool.search import filters

if TYPE_CHECKING:
    from kbtool.models import Instrument
    from kbtool.service.reading import Reader


class ClaimSummary(msgspec.Struct, frozen=True, gc=False):
    field: str
    value: ClaimValue
    source: str


class InstrumentSummary(msgspec.Struct, frozen=True, gc=False):
    """The fields of an instrument that a glance counts, dates and filters by."""

    id: str
    title: str
    kind: Kind
    parties: list[str]
    status: Status
    sectors: list[str] = []
    signed_on: datetime.date | None = None
    signed_at: str | None = None
    exchanged_on: datetime.date | None = None
    exchanged_at: str | None = None
    sources: list[str] = []
    claims: list[ClaimSummary] = []


class QuotationSummary(msgspec.Struct, frozen=True, gc=False):
    id: str
    text: str
    speaker: str
    instrument: str | None = None
    source: str | None = None


class SourceSummary(msgspec.Struct, frozen=True, gc=False):
    id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published_on: datetime.date | None = None


class Criteria(msgspec.Struct, frozen=True, kw_only=True):
    """``kb list``'s filters; ``parties`` keeps instruments that name every one given."""

    kind: str | None = None
    parties: tuple[str, ...] = ()
    sector: str | None = None
    status: str | None = None

    def is_empty(self) -> bool:
        return self == Criteria()

    def describe(self, instruments: Sequence[InstrumentSummary] = ()) -> str:
        """The selection in words, for a heading: 'Kenya – Malaysia, tourism'. A party is
        named as the kept instruments most often write the name it matches ('kenya' is
        'Kenya')."""
        parties = [_party_name(party, instruments) for party in self.parties]
        parts = [" – ".join(parties)] if parties else []
        parts += [value for value in (self.kind, self.sector, self.status) if value]
        return ", ".join(parts) if parts else "the whole knowledge base"


def _party_name(needle: str, instruments: Sequence[InstrumentSummary]) -> str:
    from collections import Counter

    folded = needle.strip().casefold()
    names = Counter(
        name
        for instrument in instruments
        for name in instrument.parties
        if folded in name.casefold()
    )
    return names.most_common(1)[0][0] if names else needle


class Selection(msgspec.Struct, frozen=True):
    """The instruments a filter keeps, the quotations about them, and every source."""

    instruments: list[InstrumentSummary]
    quotations: list[QuotationSummary]
    sources: dict[str, SourceSummary]
    described: str  # the selection in words, for a heading
    whole: bool = False  # no filter: every record, a source no record cites included


DateWhat = Literal["signed", "exchanged", "in force"]
# Field (own, or claimed by another source) -> what happened on that date.
DATE_FIELDS: tuple[tuple[str, DateWhat], ...] = (
    ("signed_on", "signed"),
    ("exchanged_on", "exchanged"),
    ("in_force_on", "in force"),
)


class InstrumentDate(msgspec.Struct, frozen=True, gc=False):
    """A date an instrument carries; ``claimed_by`` names the source when it is a claim."""

    date: datetime.date
    what: DateWhat
    claimed_by: str | None = None


def _summaries(reader: Reader, table: str, summary_type: type[msgspec.Struct]) -> list[object]:
    found = reader.store.records(table, summary_type)
    if found is not None:
        return list(found)
    # Read in full: an invalid record is then an error that names it and says what to run.
    full = getattr(reader, table)
    return [msgspec.convert(msgspec.to_builtins(record), summary_type) for record in full]


def select(reader: Reader, criteria: Criteria, *, with_quotations: bool = True) -> Selection:
    """The records ``criteria`` keeps: instruments as ``kb list`` would list them, the
    quotations about them, and those about no instrument from a source that reports only
    kept instruments (all quotations when there is no filter).

    A quotation about the relationship as a whole belongs to a selection when its source is
    about the selection alone: Ruto's words on the partnership, in the article on the four
    Kenya–Malaysia instruments, are in a Kenya–Malaysia report; words from an article that
    also reports a deal with Ghana are not, for they may be about that deal. Without
    ``with_quotations`` (``kb partners``), no quotation is read."""
    instruments = cast(
        "list[InstrumentSummary]", _summaries(reader, "instruments", InstrumentSummary)
    )
    quotations = (
        cast("list[QuotationSummary]", _summaries(reader, "quotations", QuotationSummary))
        if with_quotations
        else []
    )
    sources = cast("list[SourceSummary]", _summaries(reader, "sources", SourceSummary))
    kept = instruments if criteria.is_empty() else filter_summaries(instruments, criteria)
    if not criteria.is_empty():
        kept_ids = {instrument.id for instrument in kept}
        reporting_others = {
            source
            for instrument in instruments
            if instrument.id not in kept_ids
            for source in instrument.sources
        }
        about_selection = {
            source
            for instrument in kept
            for source in instrument.sources
            if source not in reporting_others
        }
        quotations = [
            quotation
            for quotation in quotations
            if quotation.instrument in kept_ids
            or (quotation.instrument is None and quotation.source in about_selection)
        ]
    described = criteria.describe(kept)
    return Selection(
        kept,
        quotations,
        {source.id: source for source in sources},
        described,
        whole=criteria.is_empty(),
    )


def filter_summaries(
    instruments: Sequence[InstrumentSummary], criteria: Criteria
) -> list[InstrumentSummary]:
    """``kb list``'s filter, run on summaries: it reads only kind, status, parties,
    sectors and claims, which a summary has as an ``Instrument`` has them."""
    kept = cast("list[Instrument]", list(instruments))
    for party in criteria.parties or (None,):
        kept = filters.filter_instruments(
            kept,
            filters.InstrumentFilter(
                kind=criteria.kind, party=party, sector=criteria.sector, status=criteria.status
            ),
        )
    return cast("list[InstrumentSummary]", kept)


def _claimed_date(instrument: InstrumentSummary, field: str) -> ClaimSummary | None:
    """The first claim of another source that gives ``field`` as a date."""
    for claim in instrument.claims:
        if claim.field == field and isinstance(claim.value, str):
            try:
                datetime.date.fromisoformat(claim.value)
            except ValueError:
                continue  # a claim in words ("late 2024") places nothing in time
            return claim
    return None


def instrument_dates(instrument: InstrumentSummary) -> list[InstrumentDate]:
    """Every date the instrument carries, earliest first: its own, else those claimed."""
    dates = []
    for field, what in DATE_FIELDS:
        own = getattr(instrument, field, None)
        if own is not None:
            dates.append(InstrumentDate(own, what))
        elif instrument.claims:
            claim = _claimed_date(instrument, field)
            if claim is not None:
                assert isinstance(claim.value, str)
                day = datetime.date.fromisoformat(claim.value)
                dates.append(InstrumentDate(day, what, claim.source))
    if len(dates) > 1:
        dates.sort(key=attrgetter("date"))
    return dates


def first_date(instrument: InstrumentSummary) -> datetime.date | None:
    if not instrument.claims:  # the common case, without building InstrumentDates
        own = [d for d in (instrument.signed_on, instrument.exchanged_on) if d is not None]
        return min(own) if own else None
    dates = instrument_dates(instrument)
    return dates[0].date if dates else None


def quotation_date(
    quotation: QuotationSummary, sources: dict[str, SourceSummary]
) -> datetime.date | None:
    source = sources.get(quotation.source) if quotation.source else None
    return source.published_on if source is not None else None
