"""Reading a knowledge base: its records, one by id, filtered, searched, described, verified.

``Reader`` validates every document it loads, and answers from the search index beside the
file (``FILE.index``) while that index describes the file as it is, so that ``kb show``
reads one instrument instead of parsing every record.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

import msgspec

from kbtool import queries
from kbtool.errors import DataError, NotFoundError
from kbtool.models import (
    TABLES,
    Instrument,
    Quotation,
    RecordType,
    Source,
    explain,
    to_document,
    validate,
)
from kbtool.search import filters
from kbtool.service import details
from kbtool.service.details import QuotationDetail, SourceDetail
from kbtool.store.base import Store
from kbtool.store.encoding import RETIRED_TABLE
from kbtool.store.files import signature
from kbtool.store.transactions import FileStore

if TYPE_CHECKING:
    from kbtool.integrity import Problem
    from kbtool.search.disk_index import DiskIndex
    from kbtool.search.documents import SearchIndex
    from kbtool.search.scoring import SearchResult


Record = Instrument | Quotation | Source


class InstrumentDetail(msgspec.Struct, frozen=True):
    instrument: Instrument
    quotations: list[Quotation]
    sources: list[Source]


class Reader:
    """The records of one knowledge base, and what can be asked of them."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _load(self, table: str, record_type: type[RecordType]) -> list[RecordType]:
        valid = self.store.records(table, record_type)
        if valid is not None:
            return valid
        records = []
        for position, document in enumerate(self.store.documents(table), start=1):
            try:
                records.append(validate(document, record_type))
            except msgspec.ValidationError as error:
                label = document.get("id") if isinstance(document.get("id"), str) else position
                raise DataError(
                    f"{self.store.name}: {table} record {label!r} is invalid: {explain(error)}"
                    " (run 'kb verify' for every problem)"
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

    def _forget(self) -> None:
        for name in ("instruments", "quotations", "sources", "_index"):
            self.__dict__.pop(name, None)

    @cached_property
    def _index(self) -> DiskIndex | None:
        """The search index beside the file, if it describes the file as it is now.

        With it, ``kb show`` reads one instrument instead of parsing every record.
        """
        if not isinstance(self.store, FileStore) or self.store.read_only:
            return None
        from kbtool.search import disk_index

        return disk_index.open_current(self.store.path, signature(self.store.path))

    def _indexed(self) -> DiskIndex | None:
        # Once the records are parsed anyway, they answer faster than the index.
        return None if "instruments" in self.__dict__ else self._index

    def _not_found(self, record_id: str, kind: str, known: Sequence[str]) -> NotFoundError:
        suggestion = queries.suggest_id(record_id, known)
        where = "'kb list', 'kb quotes' or 'kb sources'" if kind == "record" else "'kb list'"
        return NotFoundError(
            f"no {kind} with id {record_id!r}",
            hint=f"did you mean {suggestion!r}?" if suggestion else f"see {where} for ids",
        )

    def instrument(self, record_id: str) -> Instrument:
        index = self._indexed()
        if index is not None:
            found = index.record(record_id)
            if isinstance(found, Instrument):
                return found
            raise self._not_found(record_id, "instrument", index.ids("instrument"))
        for instrument in self.instruments:
            if instrument.id == record_id:
                return instrument
        raise self._not_found(record_id, "instrument", [i.id for i in self.instruments])

    def retired_ids(self) -> list[str]:
        """Ids of removed records: never given to another record."""
        return [
            d["id"] for d in self.store.documents(RETIRED_TABLE) if isinstance(d.get("id"), str)
        ]

    def record(self, record_id: str) -> Record:
        """Any record by id: instruments, quotations and sources share one id space."""
        index = self._indexed()
        if index is not None:
            found = index.record(record_id)
            if found is not None:
                return found
            known = [i for kind in ("instrument", "quotation", "source") for i in index.ids(kind)]
            raise self._not_found(record_id, "record", known)
        every: list[Record] = [*self.instruments, *self.quotations, *self.sources]
        for record in every:
            if record.id == record_id:
                return record
        raise self._not_found(record_id, "record", [r.id for r in every])

    def source(self, record_id: str) -> Source | None:
        index = self._indexed()
        if index is not None:
            found = index.record(record_id)
            return found if isinstance(found, Source) else None
        return next((source for source in self.sources if source.id == record_id), None)

    def list_instruments(
        self, criteria: filters.InstrumentFilter, sort: str | None = None
    ) -> list[Instrument]:
        kept = filters.filter_instruments(self.instruments, criteria)
        return queries.sort_records(kept, sort, Instrument) if sort else kept

    def instrument_bytes(self) -> Iterator[bytes] | None:
        """Every instrument as its JSON stands in the file, when kb wrote them all there
        (``FileStore.raw_records``): what ``kb list --json`` prints, streamed. Else None."""
        if not isinstance(self.store, FileStore) or "instruments" in self.__dict__:
            return None
        return self.store.raw_records("instruments")

    def list_quotations(
        self, speaker: str | None = None, instrument: str | None = None
    ) -> list[Quotation]:
        if instrument is not None:
            self.instrument(instrument)  # an unknown id is an error, not an empty list
        return filters.filter_quotations(self.quotations, speaker, instrument)

    def quotations_about(self, instrument_id: str) -> list[Quotation]:
        index = self._indexed()
        if index is not None:
            return index.quotations_about(instrument_id)
        return [q for q in self.quotations if q.instrument == instrument_id]

    def search(
        self, query: str, record_type: str | None = None, limit: int | None = None
    ) -> SearchResult:
        """The records matching ``query`` (the language of ``kbtool.search.query_parser``), best
        first, using the index beside the file (built or rebuilt when it is out of date)."""
        from kbtool.search import memory_index, ranking
        from kbtool.search.query_parser import parse

        index: SearchIndex | None = self._search_index()
        if index is None:
            index = memory_index.build_index(self.instruments, self.quotations)
        return ranking.query(index, parse(query), record_type=record_type, limit=limit)

    def _search_index(self) -> DiskIndex | None:
        if self._index is not None or not isinstance(self.store, FileStore):
            return self._index
        if self.store.read_only or not self.store.exists():
            return None  # the shipped knowledge base is small, and its folder not ours
        import sqlite3

        from kbtool.search import index_building

        instruments, quotations, sources = self.instruments, self.quotations, self.sources
        # Signed as the very file these records came from, whatever replaced it since.
        read = self.store.read_signature
        if read is None:
            return None
        try:
            index_building.build(self.store.path, read, instruments, quotations, sources)
        except (OSError, sqlite3.Error):
            return None  # a folder we cannot write to: search without an index
        self.__dict__.pop("_index", None)
        return self._index

    def describe(self, instrument: Instrument) -> InstrumentDetail:
        """What ``kb show`` prints: the instrument, its quotations and its sources."""
        sources = [self.source(source_id) for source_id in instrument.sources]
        return InstrumentDetail(
            instrument=instrument,
            quotations=self.quotations_about(instrument.id),
            sources=[source for source in sources if source is not None],
        )

    def describe_record(self, record: Record) -> InstrumentDetail | QuotationDetail | SourceDetail:
        """What ``kb show`` prints for any record (see ``kbtool.service.details``)."""
        if isinstance(record, Instrument):
            return self.describe(record)
        if isinstance(record, Quotation):
            instrument = None
            if record.instrument is not None:
                with contextlib.suppress(NotFoundError):  # kb verify reports a broken link
                    instrument = self.instrument(record.instrument)
            source = self.source(record.source) if record.source is not None else None
            return details.quotation_detail(record, instrument, source)
        return details.source_detail(record, self.instruments, self.quotations)

    def list_sources(
        self, outlet: str | None = None, instrument: str | None = None, sort: str | None = None
    ) -> list[Source]:
        """Sources: those whose outlet contains ``outlet`` (any case), and those the
        instrument ``instrument`` draws on, if given."""
        wanted = outlet.casefold() if outlet is not None else None
        about = self.instrument(instrument) if instrument is not None else None
        kept = [
            source
            for source in self.sources
            if (wanted is None or wanted in (source.outlet or "").casefold())
            and (about is None or details.cites(about, source.id))
        ]
        return queries.sort_records(kept, sort, Source) if sort else kept

    def export_document(self) -> dict[str, list[dict[str, Any]]]:
        """Every record, table by table, in stored order: what `kb import` takes back."""
        return {
            "instruments": [to_document(r) for r in self.instruments],
            "quotations": [to_document(r) for r in self.quotations],
            "sources": [to_document(r) for r in self.sources],
        }

    def verify(self) -> list[Problem]:
        from kbtool import integrity

        return integrity.verify({name: self.store.documents(name) for name in TABLES})
