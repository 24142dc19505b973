"""What ``kb report`` puts in a dossier: a selection's figures, timeline, and every record.

The selection is made from summaries (``kbtool.service.selection``); only the instruments,
quotations and sources it keeps are then read whole, through the ``Reader`` (from the
search index beside the file when it is current), so a report of one pair of parties does
not decode every record of a large knowledge base.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import msgspec

from kbtool.models import ClaimValue, Instrument, Quotation, Source
from kbtool.service import overview
from kbtool.service.selection import Criteria, select

if TYPE_CHECKING:
    from kbtool.service.reading import Reader


class Disagreement(msgspec.Struct, frozen=True):
    """What another source says of a field: beside the record's own value, if it has one."""

    field: str
    recorded: ClaimValue | None
    claimed: ClaimValue
    source: str


class DossierInstrument(msgspec.Struct, frozen=True):
    instrument: Instrument
    quotations: list[Quotation]
    disagreements: list[Disagreement]


class Dossier(msgspec.Struct, frozen=True):
    title: str
    generated_on: datetime.date
    stats: overview.Stats
    timeline: overview.Timeline
    instruments: list[DossierInstrument]
    # Quotations about the relationship as a whole, not one instrument.
    general_quotations: list[Quotation]
    sources: list[Source]


def _recorded(instrument: Instrument, field: str) -> ClaimValue | None:
    value = getattr(instrument, field, None)
    if value is None or value == []:
        return None
    if isinstance(value, list):
        return [str(item) for item in value]
    return str(value)


def _disagreements(instrument: Instrument) -> list[Disagreement]:
    return [
        Disagreement(claim.field, _recorded(instrument, claim.field), claim.value, claim.source)
        for claim in instrument.claims
    ]


# Up to this many records, each is read by its id (from the search index beside the file,
# when it is current); more, and reading the table whole is faster.
ONE_BY_ONE = 200


def _quotation(reader: Reader, quotation_id: str) -> Quotation:
    found = reader.record(quotation_id)
    assert isinstance(found, Quotation)  # the selection found it in the quotations table
    return found


def _whole(
    reader: Reader, instrument_ids: list[str], quotation_ids: list[str]
) -> tuple[list[Instrument], list[Quotation]]:
    """The selected records, whole, in the selection's order."""
    if len(instrument_ids) <= ONE_BY_ONE:
        instruments = [reader.instrument(record_id) for record_id in instrument_ids]
    else:
        by_id = {instrument.id: instrument for instrument in reader.instruments}
        instruments = [by_id[record_id] for record_id in instrument_ids]
    if len(quotation_ids) <= ONE_BY_ONE:
        quotations = [_quotation(reader, record_id) for record_id in quotation_ids]
    else:
        quoted = {quotation.id: quotation for quotation in reader.quotations}
        quotations = [quoted[record_id] for record_id in quotation_ids]
    return instruments, quotations


def dossier(reader: Reader, criteria: Criteria, today: datetime.date | None = None) -> Dossier:
    """Everything ``kb report`` shows of the records ``criteria`` keeps."""
    selection = select(reader, criteria)
    whole_instruments, whole_quotations = _whole(
        reader, [i.id for i in selection.instruments], [q.id for q in selection.quotations]
    )
    about: dict[str, list[Quotation]] = {}
    general = []
    for quotation in whole_quotations:
        if quotation.instrument is None:
            general.append(quotation)
        else:
            about.setdefault(quotation.instrument, []).append(quotation)
    instruments = []
    cited: dict[str, None] = {}
    for instrument in whole_instruments:
        instruments.append(
            DossierInstrument(instrument, about.get(instrument.id, []), _disagreements(instrument))
        )
        cited.update(dict.fromkeys(instrument.sources))
        cited.update(dict.fromkeys(claim.source for claim in instrument.claims))
    for quotation in [*general, *(q for qs in about.values() for q in qs)]:
        if quotation.source is not None:
            cited[quotation.source] = None
    sources = [source for source in map(reader.source, cited) if source is not None]
    return Dossier(
        title=selection.described,
        generated_on=today or datetime.date.today(),
        stats=overview.stats(selection),
        timeline=overview.timeline(selection),
        instruments=instruments,
        general_quotations=general,
        sources=sources,
    )
