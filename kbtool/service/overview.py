"""What ``kb stats``, ``kb timeline`` and ``kb partners`` answer, computed from a selection.

Each function takes a ``kbtool.service.selection.Selection`` and returns plain structs that
JSON takes as they are and ``kbtool.render.glance`` draws. Names that differ only in case
("Tourism", "tourism") are counted as one, under the spelling most records use.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections import Counter
from collections.abc import Iterable
from operator import attrgetter
from typing import Literal

import msgspec

from kbtool.errors import UsageError
from kbtool.service.selection import (
    DateWhat,
    InstrumentSummary,
    Selection,
    first_date,
    instrument_dates,
    quotation_date,
)


class Stats(msgspec.Struct, frozen=True):
    """Counts of a selection; each ``dict`` is ordered most frequent first (years by year)."""

    selection: str
    instruments: int
    quotations: int
    sources: int
    kind: dict[str, int]
    status: dict[str, int]
    sector: dict[str, int]
    party: dict[str, int]
    year: dict[str, int]
    undated: int


def tally(values: Iterable[str]) -> dict[str, int]:
    """Counts, case-insensitively, most frequent first, each under its commonest spelling."""
    counts: dict[str, int] = {}
    spelling: dict[str, tuple[int, str]] = {}
    # Exact spellings first, in C; there are far fewer of them than values.
    for written, count in Counter(values).items():
        key = written.casefold()
        counts[key] = counts.get(key, 0) + count
        if key not in spelling or count > spelling[key][0]:
            spelling[key] = (count, written)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return {spelling[key][1]: count for key, count in ordered}


def stats(selection: Selection) -> Stats:
    instruments = selection.instruments
    years = Counter(
        str(day.year) for day in (first_date(i) for i in instruments) if day is not None
    )
    cited = {source for i in instruments for source in i.sources}
    cited |= {q.source for q in selection.quotations if q.source is not None}
    return Stats(
        selection=selection.described,
        instruments=len(instruments),
        quotations=len(selection.quotations),
        sources=len(selection.sources) if selection.whole else len(cited & set(selection.sources)),
        kind=tally(i.kind for i in instruments),
        status=tally(i.status for i in instruments),
        sector=tally(sector for i in instruments for sector in i.sectors),
        party=tally(party for i in instruments for party in i.parties),
        year=dict(sorted(years.items())),
        undated=len(instruments) - sum(years.values()),
    )


# ---------------------------------------------------------------- timeline

EntryWhat = DateWhat | Literal["quoted"]


class TimelineEntry(msgspec.Struct, frozen=True, gc=False):
    """One dated event: an instrument signed, exchanged or in force, or a quotation's source
    published. ``claimed_by`` is the source of a date the record itself does not give."""

    date: datetime.date
    what: EntryWhat
    type: Literal["instrument", "quotation"]
    id: str
    title: str
    parties: list[str]
    speaker: str | None
    place: str | None
    source: str | None
    claimed_by: str | None


class UndatedRecord(msgspec.Struct, frozen=True, gc=False):
    type: Literal["instrument", "quotation"]
    id: str
    title: str
    speaker: str | None
    reason: str


class Timeline(msgspec.Struct, frozen=True):
    selection: str
    since: datetime.date | None
    until: datetime.date | None
    entries: list[TimelineEntry]
    undated: list[UndatedRecord]


_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def parse_bound(value: str | None, option: str, *, end: bool) -> datetime.date | None:
    """``--since 2024`` is 2024-01-01, ``--until 2024-02`` is 2024-02-29: a year or a month
    stands for its first day as a start and its last as an end."""
    if value is None:
        return None
    match = _DATE.match(value.strip())
    try:
        if match is None:
            raise ValueError(value)
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        if month is None:
            return datetime.date(year, 12, 31) if end else datetime.date(year, 1, 1)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return datetime.date(year, month, last if end else 1)
        return datetime.date(year, month, day)
    except ValueError:
        raise UsageError(
            f"{option} {value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
        ) from None


def _place(instrument: InstrumentSummary, what: str) -> str | None:
    if what == "signed":
        return instrument.signed_at
    return instrument.exchanged_at if what == "exchanged" else None


def timeline(
    selection: Selection,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> Timeline:
    """Every dated event of the selection in order; records with no date apart."""

    def within(day: datetime.date) -> bool:
        return (since is None or day >= since) and (until is None or day <= until)

    entries: list[TimelineEntry] = []
    undated: list[UndatedRecord] = []
    for instrument in selection.instruments:
        dates = instrument_dates(instrument)
        if not dates:
            reason = "no signing, exchange or in-force date in any source"
            undated.append(
                UndatedRecord("instrument", instrument.id, instrument.title, None, reason)
            )
        entries.extend(
            TimelineEntry(
                date=dated.date,
                what=dated.what,
                type="instrument",
                id=instrument.id,
                title=instrument.title,
                parties=instrument.parties,
                speaker=None,
                place=_place(instrument, dated.what),
                source=None,
                claimed_by=dated.claimed_by,
            )
            for dated in dates
            if within(dated.date)
        )
    for quotation in selection.quotations:
        day = quotation_date(quotation, selection.sources)
        if day is None:
            reason = "its source has no date" if quotation.source else "it names no source"
            undated.append(
                UndatedRecord("quotation", quotation.id, quotation.text, quotation.speaker, reason)
            )
        elif within(day):
            entries.append(
                TimelineEntry(
                    date=day,
                    what="quoted",
                    type="quotation",
                    id=quotation.id,
                    title=quotation.text,
                    parties=[],
                    speaker=quotation.speaker,
                    place=None,
                    source=quotation.source,
                    claimed_by=None,
                )
            )
    entries.sort(key=attrgetter("date", "type", "id"))
    return Timeline(selection.described, since, until, entries, undated)


# ---------------------------------------------------------------- partners


class Partner(msgspec.Struct, frozen=True):
    """A counterpart of a party: what they signed together, about what, and when."""

    name: str
    instruments: int
    kinds: dict[str, int]
    sectors: dict[str, int]
    first: datetime.date | None
    latest: datetime.date | None
    ids: list[str]


class Partners(msgspec.Struct, frozen=True):
    party: str
    matched: list[str]
    instruments: int
    partners: list[Partner]


def partners(selection: Selection, party: str) -> Partners:
    """Every counterpart of the instruments of ``party`` (matched as ``kb list --party``
    matches: a part of the name, any case), most instruments first."""
    needle = party.strip().casefold()
    matched: set[str] = set()
    together: dict[str, list[InstrumentSummary]] = {}
    names: dict[str, list[str]] = {}
    for instrument in selection.instruments:
        for name in instrument.parties:
            if needle in name.casefold():
                matched.add(name)
                continue
            key = name.casefold()
            together.setdefault(key, []).append(instrument)
            names.setdefault(key, []).append(name)
    found = []
    for key, instruments in together.items():
        dates = [dated.date for i in instruments for dated in instrument_dates(i)]
        found.append(
            Partner(
                name=next(iter(tally(names[key]))),
                instruments=len(instruments),
                kinds=tally(i.kind for i in instruments),
                sectors=tally(sector for i in instruments for sector in i.sectors),
                first=min(dates) if dates else None,
                latest=max(dates) if dates else None,
                ids=[i.id for i in instruments],
            )
        )
    found.sort(key=lambda partner: (-partner.instruments, partner.name.casefold()))
    return Partners(party, sorted(matched), len(selection.instruments), found)
