"""What ``kb report`` puts in a dossier: a selection's figures, timeline, and every record.

The selection is made from summaries (``kbtool.service.selection``); only the instruments,
quotations and sources it keeps are then read whole, through the ``Reader`` (from the
search index beside the file when it is current), so a report of one pair of parties does
not decode every record of a large knowledge base.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

import msgspec

from kbtool.models import ClaimValue, Instrument, Quotation, RecordType, Source
from kbtool.service import overview
from kbtool.service.selection import Criteria, select

if TYPE_CHECKING:
    from kbtool.search.disk_index import DiskIndex
    from kbtool.service.reading import Reader


class Claimed(msgspec.Struct, frozen=True):
    """What another source says of a field, beside the record's own value if it has one;
    ``agrees`` when the two are the same (case and spacing aside)."""

    field: str
    recorded: ClaimValue | None
    claimed: ClaimValue
    source: str
    agrees: bool


class DossierInstrument(msgspec.Struct, frozen=True):
    instrument: Instrument
    quotations: list[Quotation]
    # Where other sources give another value than the record (or one it lacks) ...
    disagreements: list[Claimed]
    # ... and where they give the same: the fields they confirm.
    confirmations: list[Claimed]


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


def _folded(value: ClaimValue | None) -> object:
    if isinstance(value, list):
        return [" ".join(item.split()).casefold() for item in value]
    return None if value is None else " ".join(value.split()).casefold()


def _claims(instrument: Instrument) -> list[Claimed]:
    claimed = []
    for claim in instrument.claims:
        recorded = _recorded(instrument, claim.field)
        agrees = recorded is not None and _folded(recorded) == _folded(claim.value)
        claimed.append(Claimed(claim.field, recorded, claim.value, claim.source, agrees))
    return claimed


# Without a current search index, up to this many records are read one by one from the
# tables decoded once; more, and a dictionary of the table is faster.
ONE_BY_ONE = 200


def _current_index(reader: Reader) -> DiskIndex | None:
    """The search index beside the file, if it describes the file as it is: with it, a
    record is read by its id without decoding a table (as ``kb show`` reads one)."""
    from kbtool.store.files import signature
    from kbtool.store.transactions import FileStore

    store = reader.store
    if not isinstance(store, FileStore) or store.read_only:
        return None
    from kbtool.search import disk_index

    return disk_index.open_current(store.path, signature(store.path))


def _by_id(
    index: DiskIndex | None,
    ids: list[str],
    record_type: type[RecordType],
    one: Callable[[str], object],
    table: Callable[[], list[RecordType]],
) -> list[RecordType]:
    """The records of ``ids``, whole, in that order: from the index, one by one, or from
    the whole table, whichever is cheapest."""
    if index is not None:
        found = [index.record(record_id) for record_id in ids]
        if all(isinstance(record, record_type) for record in found):
            return cast("list[RecordType]", found)
    if len(ids) <= ONE_BY_ONE:
        records = [one(record_id) for record_id in ids]
        assert all(isinstance(record, record_type) for record in records)
        return cast("list[RecordType]", records)
    by_id = {record.id: record for record in table()}
    return [by_id[record_id] for record_id in ids]


def _whole(
    reader: Reader, instrument_ids: list[str], quotation_ids: list[str]
) -> tuple[list[Instrument], list[Quotation]]:
    """The selected records, whole, in the selection's order."""
    index = _current_index(reader)
    try:
        instruments = _by_id(
            index, instrument_ids, Instrument, reader.instrument, lambda: reader.instruments
        )
        quotations = _by_id(
            index, quotation_ids, Quotation, reader.record, lambda: reader.quotations
        )
    finally:
        if index is not None:
            index.close()
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
        claims = _claims(instrument)
        instruments.append(
            DossierInstrument(
                instrument,
                about.get(instrument.id, []),
                [claim for claim in claims if not claim.agrees],
                [claim for claim in claims if claim.agrees],
            )
        )
        cited.update(dict.fromkeys(instrument.sources))
        cited.update(dict.fromkeys(claim.source for claim in instrument.claims))
    for quotation in [*general, *(q for qs in about.values() for q in qs)]:
        if quotation.source is not None:
            cited[quotation.source] = None
    if selection.whole:
        # The whole knowledge base: a source no record cites is still one of its sources.
        cited.update(dict.fromkeys(selection.sources))
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
