"""The knowledge base service: the records of one knowledge base and what can be asked of them.

Commands call this module and never TinyDB directly; it validates every document it loads
and raises ``kbtool.errors`` exceptions that the CLI turns into messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import msgspec

from kbtool import queries, search
from kbtool.errors import DataError, NotFoundError
from kbtool.location import DbLocation
from kbtool.models import Instrument, Quotation, RecordType, Source, validate
from kbtool.store import Store


@dataclass(frozen=True)
class InstrumentDetail:
    instrument: Instrument
    quotations: list[Quotation]
    sources: list[Source]


class KnowledgeBase:
    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def open(cls, location: DbLocation) -> KnowledgeBase:
        if location.path.is_dir():
            raise DataError(f"{location.path} is a directory, not a knowledge base file")
        return cls(Store.open_file(location.path))

    def _load(self, table: str, record_type: type[RecordType]) -> list[RecordType]:
        records = []
        for position, document in enumerate(self.store.documents(table), start=1):
            try:
                records.append(validate(document, record_type))
            except msgspec.ValidationError as error:
                label = document.get("id") if isinstance(document.get("id"), str) else position
                raise DataError(
                    f"{self.store.name}: {table} record {label!r} is invalid: {error}"
                ) from None
        return records

    @cached_property
    def instruments(self) -> list[Instrument]:
        return self._load("instruments", Instrument)

    @cached_property
    def quotations(self) -> list[Quotation]:
        return self._load("quotations", Quotation)

    @cached_property
    def sources(self) -> list[Source]:
        return self._load("sources", Source)

    def instrument(self, record_id: str) -> Instrument:
        for instrument in self.instruments:
            if instrument.id == record_id:
                return instrument
        known = [instrument.id for instrument in self.instruments]
        suggestion = queries.suggest_id(record_id, known)
        raise NotFoundError(
            f"no instrument with id {record_id!r}",
            hint=f"did you mean {suggestion!r}?" if suggestion else "see 'kb list' for ids",
        )

    def source(self, record_id: str) -> Source | None:
        return next((source for source in self.sources if source.id == record_id), None)

    def list_instruments(
        self, criteria: queries.InstrumentFilter, sort: str | None = None
    ) -> list[Instrument]:
        kept = queries.filter_instruments(self.instruments, criteria)
        return queries.sort_records(kept, sort, Instrument) if sort else kept

    def list_quotations(
        self, speaker: str | None = None, instrument: str | None = None
    ) -> list[Quotation]:
        if instrument is not None:
            self.instrument(instrument)  # an unknown id is an error, not an empty list
        return queries.filter_quotations(self.quotations, speaker, instrument)

    def quotations_about(self, instrument_id: str) -> list[Quotation]:
        return [q for q in self.quotations if q.instrument == instrument_id]

    def search(self, query: str, record_type: str | None = None) -> list[search.Hit]:
        return search.search(self.instruments, self.quotations, query, record_type)

    def describe(self, instrument: Instrument) -> InstrumentDetail:
        """What ``kb show`` prints: the instrument, its quotations and its sources."""
        return InstrumentDetail(
            instrument=instrument,
            quotations=self.quotations_about(instrument.id),
            sources=[s for s in self.sources if s.id in instrument.sources],
        )
