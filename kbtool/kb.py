"""The knowledge base service: the records of one knowledge base, what can be asked of them,
and every change to them.

Commands call this module and never TinyDB directly. It validates every document it loads,
and every write goes through one transaction of the store (locked, atomic, backed up) after
the records it writes have been validated and their references checked. Failures are
``kbtool.errors`` exceptions that the CLI turns into one-line messages.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

import msgspec

from kbtool import queries
from kbtool.errors import DataError, NotFoundError, RecordsRefused, UsageError
from kbtool.models import (
    RECORD_TYPE_NAMES,
    TABLE_OF,
    TABLES,
    Instrument,
    Quotation,
    RecordKind,
    RecordType,
    Source,
    explain,
    slugify,
    to_document,
    validate,
)
from kbtool.search import filters
from kbtool.store.base import Store
from kbtool.store.buffer import BufferedStorage
from kbtool.store.encoding import RETIRED_TABLE
from kbtool.store.files import signature
from kbtool.store.location import DbLocation, Origin
from kbtool.store.transactions import FileStore

if TYPE_CHECKING:
    from tinydb import TinyDB

    from kbtool.integrity import Problem
    from kbtool.search.disk_index import DiskIndex
    from kbtool.search.documents import SearchIndex
    from kbtool.search.scoring import SearchResult

Record = Instrument | Quotation | Source


class InstrumentDetail(msgspec.Struct, frozen=True):
    instrument: Instrument
    quotations: list[Quotation]
    sources: list[Source]


class ImportReport(msgspec.Struct):
    """What an import changed, or would change with --dry-run: record ids by outcome."""

    added: dict[str, list[str]] = msgspec.field(default_factory=dict)
    updated: dict[str, list[str]] = msgspec.field(default_factory=dict)
    unchanged: dict[str, list[str]] = msgspec.field(default_factory=dict)
    dry_run: bool = False

    def count(self, outcome: Mapping[str, list[str]]) -> int:
        return sum(len(ids) for ids in outcome.values())


class Removal(msgspec.Struct):
    removed: list[str]
    kinds: dict[str, str]


class _Lookup(Protocol):
    """What the checks of a write need of the records already there."""

    def table_of(self, record_id: str) -> str | None:
        """The table of the record with this id, if there is one."""
        ...

    def source(self, record_id: str) -> Source | None: ...


class _BufferLookup:
    """The records as a transaction read them."""

    def __init__(self, ids: Mapping[str, tuple[str, int]], buffer: BufferedStorage | None) -> None:
        self.ids = ids
        self.buffer = buffer

    def table_of(self, record_id: str) -> str | None:
        found = self.ids.get(record_id)
        return None if found is None else found[0]

    def source(self, record_id: str) -> Source | None:
        found = self.ids.get(record_id)
        if found is None or found[0] != "sources" or self.buffer is None:
            return None
        return validate(self.buffer.decoded("sources", found[1]), Source)


class _IndexLookup:
    """The records as the search index describes them (only while it describes the file)."""

    def __init__(self, index: DiskIndex) -> None:
        self.index = index

    def table_of(self, record_id: str) -> str | None:
        record = self.index.record(record_id)
        return None if record is None else TABLE_OF[RECORD_TYPE_NAMES[type(record)]]

    def source(self, record_id: str) -> Source | None:
        record = self.index.record(record_id)
        return record if isinstance(record, Source) else None


def _a(kind: str) -> str:
    """'an instrument', 'a quotation', 'a source'."""
    return f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}"


def _record_kind(record: Record) -> str:
    return RECORD_TYPE_NAMES[type(record)]


class KnowledgeBase:
    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def open(cls, location: DbLocation) -> KnowledgeBase:
        return cls(FileStore(location.path, read_only=location.read_only))

    # ------------------------------------------------------------------ reading

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
        return NotFoundError(
            f"no {kind} with id {record_id!r}",
            hint=f"did you mean {suggestion!r}?" if suggestion else "see 'kb list' for ids",
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
        """The records matching ``query`` (the language of ``kbtool.query_parser``), best
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

    # ------------------------------------------------------------------ writing

    def _write(
        self,
        change: Callable[[TinyDB], Any],
        changed: Callable[[Any], tuple[Sequence[Record], Sequence[str]]],
    ) -> Any:
        """The one way records change: ``change`` runs inside a store transaction.

        ``changed`` says, from what ``change`` returned, which records it wrote and which ids
        it removed, so that the search index beside the file follows in the same
        transaction.
        """
        outcome: list[Any] = []

        def after_save() -> None:
            if isinstance(self.store, FileStore):
                written, removed = changed(outcome[0])
                _follow_write(self.store, written, removed)

        try:
            with self.store.transaction(after_save) as db:
                outcome.append(change(db))
            return outcome[0]
        finally:
            self._forget()

    @staticmethod
    def _buffer(db: TinyDB) -> BufferedStorage:
        storage = db.storage
        assert isinstance(storage, BufferedStorage)
        return storage

    @classmethod
    def _ids(cls, db: TinyDB) -> dict[str, tuple[str, int]]:
        """Every id in use: id -> (table, TinyDB document id)."""
        return cls._buffer(db).record_ids()[0]

    @staticmethod
    def _validate(kind: str, document: Mapping[str, Any]) -> Record:
        record_type = TABLES[TABLE_OF[kind]]
        try:
            return validate(dict(document), record_type)
        except msgspec.ValidationError as error:
            raise RecordsRefused(f"invalid {kind}", [explain(error)]) from None

    @staticmethod
    def _dangling(record: Record, lookup: _Lookup) -> list[str]:
        """References of ``record`` that do not resolve to a record of the right table."""
        wanted: list[tuple[str, str]] = []
        if isinstance(record, Instrument):
            wanted += [("sources", s) for s in record.sources]
            wanted += [("sources", official.source) for official in record.officials]
            wanted += [("sources", excerpt.source) for excerpt in record.excerpts]
            wanted += [("sources", claim.source) for claim in record.claims]
        elif isinstance(record, Quotation):
            if record.instrument is not None:
                wanted.append(("instruments", record.instrument))
            if record.source is not None:
                wanted.append(("sources", record.source))
        return [
            f"{record.id!r} refers to unknown {table[:-1]} {target!r}"
            for table, target in dict.fromkeys(wanted)
            if lookup.table_of(target) != table
        ]

    @staticmethod
    def _unfaithful(
        record: Record, lookup: _Lookup, incoming: Mapping[str, Source] | None = None
    ) -> list[str]:
        """What ``record`` quotes that its sources' texts do not say, word for word: the
        checks of ``kb verify``, made before anything is written."""
        from kbtool import integrity

        cited: set[str] = set()
        if isinstance(record, Quotation) and record.source:
            cited.add(record.source)
        if isinstance(record, Instrument | Quotation):
            cited.update(span.source for span in record.spans)
        if isinstance(record, Instrument):
            cited.update(excerpt.source for excerpt in record.excerpts)
        sources: list[Source] = []
        for source_id in cited:
            if incoming and source_id in incoming:
                sources.append(incoming[source_id])
            elif (source := lookup.source(source_id)) is not None:
                sources.append(source)
        instruments = [record] if isinstance(record, Instrument) else []
        quotations = [record] if isinstance(record, Quotation) else []
        problems = integrity.check_verbatim(instruments, quotations, sources)
        problems += integrity.check_spans(instruments, quotations, sources)
        return [problem.message for problem in problems]

    def add(self, kind: RecordKind, document: Mapping[str, Any], id_from: str) -> Record:
        """Add one record. Without an ``id`` in ``document``, one is made from ``id_from``."""
        added = self._add_in_place(kind, document, id_from)
        if added is not None:
            return added

        def change(db: TinyDB) -> Record:
            ids, retired = self._buffer(db).record_ids()
            lookup = _BufferLookup(ids, self._buffer(db))
            record = self._new_record(kind, document, id_from, lookup, retired)
            db.table(TABLE_OF[kind]).insert(to_document(record))
            return record

        record: Record = self._write(change, lambda written: ([written], []))
        return record

    def _add_in_place(
        self, kind: RecordKind, document: Mapping[str, Any], id_from: str
    ) -> Record | None:
        """``add`` without parsing the file: when kb knows where its tables lie
        (``kbtool.store.appending``) and the search index describes it, the checks read the
        index and the record is copied in at the end of its table. None when it cannot."""
        store = self.store
        if not isinstance(store, FileStore) or store.read_only or not store.exists():
            return None
        from kbtool.search import disk_index

        table = TABLE_OF[kind]
        try:
            with store.appending() as appender:
                if appender is None or not appender.can_append(table):
                    return None
                index = disk_index.open_current(store.path, appender.signature)
                if index is None:
                    return None
                try:
                    lookup = _IndexLookup(index)
                    record = self._new_record(
                        kind, document, id_from, lookup, appender.retired_ids()
                    )
                finally:
                    index.close()
                appender.append(table, to_document(record))
                _follow_write(store, [record], [])
                return record
        finally:
            self._forget()

    def _new_record(
        self,
        kind: RecordKind,
        document: Mapping[str, Any],
        id_from: str,
        lookup: _Lookup,
        retired: set[str],
    ) -> Record:
        """The record ``add`` would write, checked against the records there are."""
        fields = dict(document)
        if fields.get("id"):
            record_id = fields["id"]
            taken_by = lookup.table_of(record_id)
            if taken_by is not None:
                raise UsageError(f"id {record_id!r} is taken already (by {_a(taken_by[:-1])})")
            if record_id in retired:
                raise UsageError(
                    f"id {record_id!r} belonged to a removed record; ids are never reused"
                )
        else:
            fields["id"] = self._unique_id(
                slugify(id_from),
                lambda candidate: candidate in retired or lookup.table_of(candidate) is not None,
            )
        record = self._validate(kind, fields)
        dangling = self._dangling(record, lookup) or self._unfaithful(record, lookup)
        if dangling:
            raise RecordsRefused(f"cannot add {kind} {record.id!r}", dangling)
        return record

    @staticmethod
    def _unique_id(base: str, taken: Callable[[str], bool]) -> str:
        if not taken(base):
            return base
        number = 2
        while taken(f"{base}-{number}"):
            number += 1
        return f"{base}-{number}"

    def edit(self, record_id: str, changes: Mapping[str, str], unset: Sequence[str]) -> Record:
        """Change fields of a record; values are text, list fields comma-separated."""
        if "id" in changes or "id" in unset:
            raise UsageError("ids are stable and cannot be edited; add a new record instead")

        def change(db: TinyDB) -> Record:
            ids = self._ids(db)
            if record_id not in ids:
                raise self._not_found(record_id, "record", list(ids))
            table_name, doc_id = ids[record_id]
            table = db.table(table_name)
            current = self._buffer(db).decoded(table_name, doc_id)
            record_type = TABLES[table_name]
            kind = RECORD_TYPE_NAMES[record_type]
            updated = dict(current)
            for name, text in changes.items():
                updated[name] = parse_field_value(record_type, name, text)
            for name in unset:
                updated[name] = cleared_value(record_type, name)
            record = self._validate(kind, updated)
            lookup = _BufferLookup(ids, self._buffer(db))
            dangling = self._dangling(record, lookup) or self._unfaithful(record, lookup)
            if isinstance(record, Source):
                # The records that quote this source must still find their words in it.
                for citing in self._buffer(db).references_to(record.id):
                    citing_table, citing_doc = ids[citing]
                    stored = self._buffer(db).decoded(citing_table, citing_doc)
                    cited = validate(stored, TABLES[citing_table])
                    dangling += self._unfaithful(cited, lookup, {record.id: record})
            if dangling:
                raise RecordsRefused(f"cannot edit {record_id!r}", dangling)
            table.update(_replace_with({record_id: to_document(record)}), doc_ids=[doc_id])
            return record

        record: Record = self._write(change, lambda written: ([written], []))
        return record

    def remove(self, record_id: str, cascade: bool = False, dry_run: bool = False) -> Removal:
        """Remove a record; quotations about an instrument go too only with ``cascade``.

        ``dry_run`` checks and reports what would go, and changes nothing.
        """

        def change(db: TinyDB) -> Removal:
            ids = self._ids(db)
            if record_id not in ids:
                raise self._not_found(record_id, "record", list(ids))
            table_name = ids[record_id][0]
            referring = self._referring(db, record_id, table_name)
            removable = table_name == "instruments" and all(
                ids[r][0] == "quotations" for r in referring
            )
            if referring and not (cascade and removable):
                hint = " (--cascade removes them too)" if removable else ""
                raise RecordsRefused(
                    f"{record_id!r} is referred to by {len(referring)} record(s){hint}", referring
                )
            removed = [record_id, *referring]
            kinds = {}
            if dry_run:
                return Removal(removed, {r: ids[r][0][:-1] for r in removed})
            for doc_id_of in removed:
                name, doc_id = ids[doc_id_of]
                db.table(name).remove(doc_ids=[doc_id])
                kinds[doc_id_of] = name[:-1]
            db.table(RETIRED_TABLE).insert_multiple({"id": r} for r in removed)
            return Removal(removed, kinds)

        removal: Removal = self._write(change, lambda done: ([], done.removed))
        return removal

    def _referring(self, db: TinyDB, record_id: str, table_name: str) -> list[str]:
        """Ids of the records that refer to a record, in the order of the file."""
        store = self.store
        if table_name != "sources" and isinstance(store, FileStore):
            # Only quotations refer to an instrument, and nothing to a quotation: the index
            # answers that without decoding every record of the file. Sources are cited
            # from many fields of many records.
            from kbtool.search import disk_index

            index = disk_index.open_current(store.path, store.loaded_signature)
            if index is not None:
                try:
                    if table_name == "quotations":
                        return []
                    return [q.id for q in index.quotations_about(record_id)]
                finally:
                    index.close()
        return self._buffer(db).references_to(record_id)

    def import_records(
        self, batch: Mapping[str, Sequence[Any]], update: bool = False, dry_run: bool = False
    ) -> ImportReport:
        """Add (and with ``update`` replace) records; all are checked before any is written.

        ``batch`` maps table names to documents. One bad record refuses the whole import,
        with every problem named by table, position and field.
        """
        problems: list[str] = []
        records: list[tuple[str, Record]] = []
        written: list[Record] = []
        seen: dict[str, str] = {}
        for table_name, documents in batch.items():
            record_type = TABLES[table_name]
            for position, document in enumerate(documents):
                where = f"{table_name}[{position}]"
                if not isinstance(document, dict):
                    problems.append(f"{where}: not a JSON object")
                    continue
                try:
                    record = validate(document, record_type)
                except msgspec.ValidationError as error:
                    label = document.get("id")
                    shown = f" ({label!r})" if isinstance(label, str) else ""
                    problems.append(f"{where}{shown}: {explain(error)}")
                    continue
                if record.id in seen:
                    problems.append(
                        f"{where}: id {record.id!r} appears twice (also {seen[record.id]})"
                    )
                    continue
                seen[record.id] = where
                records.append((table_name, record))

        def change(db: TinyDB) -> ImportReport:
            ids = self._ids(db)
            report = ImportReport(dry_run=dry_run)
            resolvable = dict(ids)
            for table_name, record in records:
                resolvable[record.id] = (table_name, 0)
            # References may be to records of this import; sources' texts are read from the
            # file, or taken from the import (incoming).
            referable = _BufferLookup(resolvable, None)
            stored = _BufferLookup(ids, self._buffer(db))
            plan: list[tuple[str, Record, int | None]] = []
            retired = self._buffer(db).record_ids()[1]
            incoming = {r.id: r for name, r in records if isinstance(r, Source)}
            for table_name, record in records:
                where = seen[record.id]
                existing = ids.get(record.id)
                if existing and existing[0] != table_name:
                    problems.append(f"{where}: id {record.id!r} is taken by {_a(existing[0][:-1])}")
                elif not existing and record.id in retired:
                    problems.append(
                        f"{where}: id {record.id!r} belonged to a removed record;"
                        " ids are never reused"
                    )
                elif (
                    existing
                    and not update
                    and _normalised(self._buffer(db).decoded(table_name, existing[1]), table_name)
                    != to_document(record)
                ):
                    problems.append(
                        f"{where}: id {record.id!r} exists already (--update replaces it)"
                    )
                problems.extend(f"{where}: {p}" for p in self._dangling(record, referable))
                problems.extend(f"{where}: {p}" for p in self._unfaithful(record, stored, incoming))
                plan.append((table_name, record, existing[1] if existing else None))
            if problems:
                raise RecordsRefused(f"nothing imported: {len(problems)} problem(s)", problems)
            # One TinyDB call per table and outcome: TinyDB rewrites a table on every call,
            # so a record at a time would make a large import quadratic.
            additions: dict[str, list[dict[str, Any]]] = {}
            written.clear()
            replacements: dict[str, dict[str, dict[str, Any]]] = {}
            doc_ids: dict[str, list[int]] = {}
            for table_name, record, doc_id in plan:
                document = to_document(record)
                if doc_id is None:
                    report.added.setdefault(table_name, []).append(record.id)
                    additions.setdefault(table_name, []).append(document)
                    written.append(record)
                elif (
                    _normalised(self._buffer(db).decoded(table_name, doc_id), table_name)
                    == document
                ):
                    report.unchanged.setdefault(table_name, []).append(record.id)
                else:
                    report.updated.setdefault(table_name, []).append(record.id)
                    written.append(record)
                    replacements.setdefault(table_name, {})[record.id] = document
                    doc_ids.setdefault(table_name, []).append(doc_id)
            if not dry_run:
                for table_name, documents in additions.items():
                    db.table(table_name).insert_multiple(documents)
                for table_name, by_record_id in replacements.items():
                    db.table(table_name).update(
                        _replace_with(by_record_id), doc_ids=doc_ids[table_name]
                    )
            return report

        report: ImportReport = self._write(change, lambda _report: (written, []))
        return report

    def undo(self) -> int:
        """Restore the knowledge base as it was before the last write; earlier versions left."""
        try:
            return self.store.undo()
        finally:
            self._forget()


def _normalised(document: Any, table_name: str) -> Any:
    """A stored document as this version writes it (a file from an older one may lack
    fields that now have defaults), so that comparing it with a new one is fair."""
    try:
        return to_document(validate(document, TABLES[table_name]))
    except msgspec.ValidationError:
        return document


def _replace_with(
    documents: Mapping[str, dict[str, Any]],
) -> Callable[[MutableMapping[str, Any]], None]:
    """A TinyDB update that replaces documents whole, by record id (TinyDB's update merges)."""

    def replace(document: MutableMapping[str, Any]) -> None:
        new = documents[document["id"]]
        document.clear()
        document.update(new)

    return replace


def _field_types(record_type: type[msgspec.Struct]) -> dict[str, Any]:
    info = msgspec.inspect.type_info(record_type)
    assert isinstance(info, msgspec.inspect.StructType)
    return {f.name: f.type for f in info.fields}


def _is_text_list(field_type: Any) -> bool:
    inner = field_type
    return isinstance(inner, msgspec.inspect.ListType) and isinstance(
        inner.item_type, msgspec.inspect.StrType
    )


def parse_field_value(record_type: type[msgspec.Struct], name: str, text: str) -> Any:
    """A ``--set FIELD=VALUE`` value as the field's type wants it."""
    types = _field_types(record_type)
    if name not in types:
        raise UsageError(
            f"{RECORD_TYPE_NAMES[record_type]}s have no field {name!r}; fields are: "
            + ", ".join(types)
        )
    field_type = types[name]
    if _is_text_list(field_type):
        return [item.strip() for item in text.split(",") if item.strip()]
    if isinstance(field_type, msgspec.inspect.ListType):
        try:
            return msgspec.json.decode(text)
        except msgspec.DecodeError:
            raise UsageError(f"{name} takes a JSON array of objects, e.g. '[{{...}}]'") from None
    if not text.strip():
        raise UsageError(f"{name}= is empty; use --unset {name} to clear a field")
    return text


def cleared_value(record_type: type[msgspec.Struct], name: str) -> Any:
    """What ``--unset FIELD`` leaves: an empty list, or null where the field allows it."""
    types = _field_types(record_type)
    if name not in types:
        raise UsageError(f"no field {name!r}; fields are: " + ", ".join(types))
    field_type = types[name]
    if isinstance(field_type, msgspec.inspect.ListType):
        return []
    if isinstance(field_type, msgspec.inspect.UnionType) and any(
        isinstance(t, msgspec.inspect.NoneType) for t in field_type.types
    ):
        return None
    raise UsageError(f"{name} is required and cannot be unset")


def _follow_write(store: FileStore, written: Sequence[Record], removed: Sequence[str]) -> None:
    """Bring the search index beside ``store``'s file up to date after a write.

    The index only saves time: if it cannot be updated or built, it is removed, and the
    next search rebuilds it (or searches without it).
    """
    from kbtool.search import disk_index, index_building, index_updates

    after = store.written_signature
    if after is None:
        return
    try:
        if index_updates.update(store.path, store.loaded_signature, after, written, removed):
            return
        reader = FileStore(store.path, read_only=True)
        fresh = KnowledgeBase(reader)
        records = fresh.instruments, fresh.quotations, fresh.sources
        if reader.read_signature != after:
            raise DataError("the file was replaced while it was indexed")
        index_building.build(store.path, after, *records)
    except Exception:  # the write is saved; whatever failed here, the index is only a cache
        with contextlib.suppress(OSError):
            disk_index.index_path(store.path).unlink()


def open_for_writing(location: DbLocation) -> tuple[KnowledgeBase, str | None]:
    """The knowledge base a write goes to, and a notice for the user if it is new.

    The shipped knowledge base is never written: the first write without --db or $KB_DB
    makes the user's own copy of it in the platform data directory.
    """
    from kbtool.store.location import shipped_db_path, user_db_path

    if location.origin is Origin.SHIPPED:
        target = FileStore(user_db_path())
        if not target.exists():
            shipped = FileStore(shipped_db_path(), read_only=True)
            try:
                target.create(shipped.tables())
            except DataError:
                if not target.exists():
                    raise
                return KnowledgeBase(target), None  # another process made it first
            return KnowledgeBase(target), (
                f"created your own knowledge base at {target.path}, a copy of the shipped one"
            )
        return KnowledgeBase(target), None
    store = FileStore(location.path)
    if location.path.exists():
        return KnowledgeBase(store), None
    if not location.path.parent.is_dir():
        raise DataError(
            f"cannot create {location.path}: directory {location.path.parent} does not exist"
        )
    return KnowledgeBase(
        store
    ), f"{location.path} does not exist yet: creating an empty knowledge base"
