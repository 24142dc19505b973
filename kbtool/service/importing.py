"""Importing records in bulk: every record checked before any is written, then one write.

What ``kb import`` is given is read by ``kbtool.store.importing``; this module decides what
the batch adds, replaces or leaves unchanged. A batch of new records into a file kb wrote
is added without parsing the file (``kbtool.service.import_in_place``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import msgspec

from kbtool.errors import RecordsRefused
from kbtool.models import (
    TABLES,
    Source,
    explain,
    to_document,
    validate,
)
from kbtool.service.fields import normalised, replace_with
from kbtool.service.import_in_place import import_in_place, start_index_update
from kbtool.service.lookups import (
    BufferLookup,
    dangling_references,
    unfaithful_quotations_of,
)
from kbtool.service.reading import Record
from kbtool.service.writing import Writer, with_article
from kbtool.store.transactions import FileStore

if TYPE_CHECKING:
    from tinydb import TinyDB

    from kbtool.search.background_build import BackgroundBuild
    from kbtool.search.background_update import BackgroundUpdate


class FieldChange(msgspec.Struct):
    """One field of a record, as stored and as the import would write it (null: none)."""

    before: Any
    after: Any


class RecordChange(msgspec.Struct):
    """A record an import would add or change, and how, field by field."""

    type: str
    id: str
    outcome: str  # "added" or "updated"
    fields: dict[str, FieldChange]


class ImportReport(msgspec.Struct):
    """What an import changed, or would change with --dry-run: record ids by outcome, and
    with --dry-run each record added or updated with its fields' changes."""

    added: dict[str, list[str]] = msgspec.field(default_factory=dict)
    updated: dict[str, list[str]] = msgspec.field(default_factory=dict)
    unchanged: dict[str, list[str]] = msgspec.field(default_factory=dict)
    dry_run: bool = False
    changes: list[RecordChange] = msgspec.field(default_factory=list)

    def count(self, outcome: Mapping[str, list[str]]) -> int:
        return sum(len(ids) for ids in outcome.values())


class Importer(Writer):
    """A ``Writer`` that also imports a batch of records in one transaction."""

    def import_records(
        self, batch: Mapping[str, Sequence[Any]], update: bool = False, dry_run: bool = False
    ) -> ImportReport:
        """Add (and with ``update`` replace) records; all are checked before any is written.

        ``batch`` maps table names to documents. One bad record refuses the whole import,
        with every problem named by table, position and field.
        """
        # A new file's index: started before the records are validated (its child reads
        # them without their constraints) so that the index is built while this process
        # validates, checks and writes them; cancelled if the batch is refused or a file
        # appears before the lock is taken.
        early = (
            self._start_index(batch)
            if not update and not dry_run and _new_file(self.store)
            else None
        )
        updating: BackgroundUpdate | None = None
        try:
            # A batch into an existing file: its index's update, started as early for the
            # same reason, and cancelled if the batch cannot go in place
            # (``import_in_place``).
            if not update and not dry_run and isinstance(self.store, FileStore):
                updating = start_index_update(self.store, batch)
            return self._import_checked(batch, update, dry_run, early, updating)
        finally:
            # Finished, these do nothing; else no child is left running.
            if early is not None:
                early.cancel()
            if updating is not None:
                updating.cancel()  # unless begun and finished: the transaction's way

    def _import_checked(
        self,
        batch: Mapping[str, Sequence[Any]],
        update: bool,
        dry_run: bool,
        early: BackgroundBuild | None,
        updating: BackgroundUpdate | None,
    ) -> ImportReport:
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
        if problems:  # the batch is refused: neither index is needed
            for started in (early, updating):
                if started is not None:
                    started.cancel()
            early = updating = None
        if not update and not dry_run and isinstance(self.store, FileStore):
            try:
                added = import_in_place(self.store, records, seen, problems, updating)
            finally:
                if updating is not None:
                    updating.cancel()  # unless begun and finished: the transaction's way
                self._forget()
            if added is not None:
                return ImportReport(added=added)

        def change(db: TinyDB) -> ImportReport:
            nonlocal early
            ids = self._ids(db)
            still_new = isinstance(self.store, FileStore) and self.store.loaded_signature is None
            if early is not None and not still_new:
                early.cancel()  # written meanwhile by another process: updated after
                early = None
            if not ids and not dry_run and not problems:
                self._index_building = early or self._start_index(batch)
                early = None
            report = ImportReport(dry_run=dry_run)
            resolvable = dict(ids)
            for table_name, record in records:
                resolvable[record.id] = (table_name, 0)
            # References may be to records of this import; sources' texts are read from the
            # file, or taken from the import (incoming).
            referable = BufferLookup(resolvable, None)
            stored = BufferLookup(ids, self._buffer(db))
            plan: list[tuple[str, Record, int | None]] = []
            retired = self._buffer(db).record_ids()[1]
            incoming = {r.id: r for name, r in records if isinstance(r, Source)}
            unfaithful = unfaithful_quotations_of([r for _name, r in records], stored, incoming)
            for table_name, record in records:
                where = seen[record.id]
                existing = ids.get(record.id)
                if existing and existing[0] != table_name:
                    problems.append(
                        f"{where}: id {record.id!r} is taken by {with_article(existing[0][:-1])}"
                    )
                elif not existing and record.id in retired:
                    problems.append(
                        f"{where}: id {record.id!r} belonged to a removed record;"
                        " ids are never reused"
                    )
                elif (
                    existing
                    and not update
                    and normalised(self._buffer(db).decoded(table_name, existing[1]), table_name)
                    != to_document(record)
                ):
                    problems.append(
                        f"{where}: id {record.id!r} exists already (--update replaces it)"
                    )
                problems.extend(f"{where}: {p}" for p in dangling_references(record, referable))
                problems.extend(f"{where}: {p}" for p in unfaithful.get(record.id, ()))
                plan.append((table_name, record, existing[1] if existing else None))
            if problems:
                raise RecordsRefused(f"nothing imported: {len(problems)} problem(s)", problems)
            # Replacements are one TinyDB call per table: TinyDB rewrites a table on every
            # call, so a record at a time would make a large import quadratic. Additions go
            # into the transaction's tables encoded straight from the records: a dict of each
            # record for TinyDB cost a 14k import a fifth of its time.
            additions: dict[str, list[Record]] = {}
            written.clear()
            replacements: dict[str, dict[str, dict[str, Any]]] = {}
            doc_ids: dict[str, list[int]] = {}
            for table_name, record, doc_id in plan:
                if doc_id is None:
                    report.added.setdefault(table_name, []).append(record.id)
                    additions.setdefault(table_name, []).append(record)
                    written.append(record)
                    if dry_run:
                        report.changes.append(_change(table_name, "added", {}, to_document(record)))
                    continue
                document = to_document(record)
                stored = normalised(self._buffer(db).decoded(table_name, doc_id), table_name)
                if stored == document:
                    report.unchanged.setdefault(table_name, []).append(record.id)
                else:
                    report.updated.setdefault(table_name, []).append(record.id)
                    written.append(record)
                    replacements.setdefault(table_name, {})[record.id] = document
                    doc_ids.setdefault(table_name, []).append(doc_id)
                    if dry_run:
                        report.changes.append(_change(table_name, "updated", stored, document))
            if not dry_run:
                for table_name, added in additions.items():
                    self._buffer(db).insert_records(table_name, added)
                for table_name, by_record_id in replacements.items():
                    db.table(table_name).update(
                        replace_with(by_record_id), doc_ids=doc_ids[table_name]
                    )
            return report

        report: ImportReport = self._write(change, lambda _report: (written, []))
        return report

    def _start_index(self, batch: Mapping[str, Sequence[Any]]) -> BackgroundBuild | None:
        """For a new knowledge base file, its index, started in a second process while
        the records are checked and written (``kbtool.search.background_build``)."""
        store = self.store
        if not isinstance(store, FileStore) or store.loaded_signature is not None:
            return None  # a file there already: its index is updated after the write
        from kbtool.search import background_build

        # The index takes the records in the order they are written: table by table, each
        # in the batch's order.
        return background_build.start(store.path, batch)


def _new_file(store: object) -> bool:
    return isinstance(store, FileStore) and not store.read_only and not store.exists()


def _empty(value: Any) -> bool:
    return value is None or value == []


def _change(
    table_name: str, outcome: str, before: Mapping[str, Any], after: Mapping[str, Any]
) -> RecordChange:
    """The fields that differ between two documents of a record (an added record's: every
    field it has), in the record type's order."""
    fields = {
        name: FieldChange(before.get(name), after.get(name))
        for name in dict.fromkeys([*after, *before])
        if name != "id"
        and before.get(name) != after.get(name)
        and not (_empty(before.get(name)) and _empty(after.get(name)))
    }
    return RecordChange(table_name[:-1], str(after["id"]), outcome, fields)
