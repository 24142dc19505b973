"""Changing a knowledge base record by record: add, edit, remove, undo, redo.

Every write goes through ``Writer._write``: one transaction of the store (locked, atomic,
backed up), after the records it writes have been validated, their references resolved and
their quotations found word for word in their sources; the search index follows in the
same transaction (``index_following.follow_write``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import msgspec

from kbtool.errors import DataError, RecordsRefused, UsageError
from kbtool.models import (
    RECORD_TYPE_NAMES,
    TABLE_OF,
    TABLES,
    RecordKind,
    Source,
    explain,
    slugify,
    to_document,
    validate,
)
from kbtool.service.fields import cleared_value, normalised, parse_field_value, replace_with
from kbtool.service.index_following import follow_write
from kbtool.service.lookups import (
    BufferLookup,
    IndexLookup,
    Lookup,
    dangling_references,
    unfaithful_quotations,
)
from kbtool.service.reading import Reader, Record
from kbtool.store.buffer import BufferedStorage
from kbtool.store.encoding import RETIRED_TABLE
from kbtool.store.transactions import FileStore

if TYPE_CHECKING:
    from tinydb import TinyDB

    from kbtool.search.background_build import BackgroundBuild


class _Unchanged(Exception):
    """Raised inside a transaction to leave it without writing: the edit changes nothing."""


class Removal(msgspec.Struct):
    removed: list[str]
    kinds: dict[str, str]


def with_article(kind: str) -> str:
    """'an instrument', 'a quotation', 'a source'."""
    return f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}"


class Writer(Reader):
    """A ``Reader`` that also changes the records, one transaction per change."""

    # The index of a new knowledge base, built by a second process while the write goes on
    # (``kbtool.search.background_build``): put in place once the file is written.
    _index_building: BackgroundBuild | None = None

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
                follow_write(self.store, written, removed, self._index_building)

        try:
            with self.store.transaction(after_save) as db:
                self._refuse_unsound(self._buffer(db))
                outcome.append(change(db))
            return outcome[0]
        finally:
            if self._index_building is not None:
                # Finished, this does nothing; else the write failed, or the index did, or
                # an interrupt came: no child is left running, nor its file left behind.
                self._index_building.cancel()
                self._index_building = None
            self._forget()

    @staticmethod
    def _refuse_unsound(buffer: BufferedStorage) -> None:
        """Refuse to build on a knowledge base that fails ``kb verify``'s checks, even in
        records the write does not touch: with an id used twice, ``kb edit`` would change
        one copy; with a record ``kb list`` rejects, the write would hide it.

        Every record's id is scanned anyway (free). The other checks decode every record,
        a second or so per 40,000 records: only when the file's layout does not say that kb
        checked them all when it wrote it (a file written by hand or by another program,
        once), and the file written then says they are.
        """
        buffer.record_ids()
        problems = list(buffer.id_problems)
        if not problems and not buffer.checked:
            from kbtool import integrity

            records = buffer.records()
            if records is not None:
                found = integrity.check_records(records)
            else:  # a record is invalid: the checks of kb verify find and name it
                found = integrity.verify({name: buffer.documents(name) for name in TABLES})
            problems = [str(problem) for problem in found]
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise DataError(
                f"{buffer.name} fails kb verify's checks, so kb writes nothing to it: "
                f"{problems[0]}{more}",
                hint="'kb verify' lists every problem; fix them in the file, or 'kb undo'",
            )
        buffer.checked = True

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

    def add(self, kind: RecordKind, document: Mapping[str, Any], id_from: str) -> Record:
        """Add one record. Without an ``id`` in ``document``, one is made from ``id_from``."""
        added = self._add_in_place(kind, document, id_from)
        if added is not None:
            return added

        def change(db: TinyDB) -> Record:
            ids, retired = self._buffer(db).record_ids()
            lookup = BufferLookup(ids, self._buffer(db))
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
                # Only to a file kb wrote and checked whole (``Layout.checked``): the
                # transaction checks any other first.
                if (
                    appender is None
                    or not appender.layout.checked
                    or not appender.can_append(table)
                ):
                    return None
                index = disk_index.open_current(store.path, appender.signature)
                if index is None:
                    return None
                try:
                    lookup = IndexLookup(index)
                    record = self._new_record(
                        kind, document, id_from, lookup, appender.retired_ids()
                    )
                finally:
                    index.close()
                appender.append(table, to_document(record))
                follow_write(store, [record], [])
                return record
        finally:
            self._forget()

    def _new_record(
        self,
        kind: RecordKind,
        document: Mapping[str, Any],
        id_from: str,
        lookup: Lookup,
        retired: set[str],
    ) -> Record:
        """The record ``add`` would write, checked against the records there are."""
        fields = dict(document)
        if fields.get("id"):
            record_id = fields["id"]
            taken_by = lookup.table_of(record_id)
            if taken_by is not None:
                raise UsageError(
                    f"id {record_id!r} is taken already (by {with_article(taken_by[:-1])})"
                )
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
        dangling = dangling_references(record, lookup) or unfaithful_quotations(record, lookup)
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

    def edit(
        self, record_id: str, changes: Mapping[str, str], unset: Sequence[str]
    ) -> Record | None:
        """Change fields of a record; values are text, list fields comma-separated. None when
        the record already holds those values: nothing is written, no version is kept."""
        if "id" in changes or "id" in unset:
            raise UsageError("ids are stable and cannot be edited; add a new record instead")

        def updated(current: dict[str, Any], record_type: type[Record]) -> dict[str, Any]:
            document = dict(current)
            for name, text in changes.items():
                document[name] = parse_field_value(record_type, name, text)
            for name in unset:
                document[name] = cleared_value(record_type, name)
            return document

        return self._revise(record_id, updated)

    def replace(
        self, record_id: str, document: Mapping[str, Any], was: Mapping[str, Any]
    ) -> Record | None:
        """Give a record every field of ``document`` (``kb edit`` in an editor), if it still
        is ``was``: a write made while the person edited is not silently undone."""

        def updated(current: dict[str, Any], record_type: type[Record]) -> dict[str, Any]:
            if normalised(current, TABLE_OF[RECORD_TYPE_NAMES[record_type]]) != dict(was):
                raise DataError(
                    f"{record_id!r} was changed by another write while you edited it;"
                    " nothing written",
                    hint="run the edit again",
                )
            return {**document, "id": record_id}

        return self._revise(record_id, updated)

    def _revise(
        self,
        record_id: str,
        updated_from: Callable[[dict[str, Any], type[Record]], dict[str, Any]],
    ) -> Record | None:
        """Replace a record with ``updated_from(stored document, its type)``, checked as a
        new record would be, and the records citing it (a source) still faithful to it.
        None, and nothing written, when that is the record as it is."""

        def change(db: TinyDB) -> Record:
            ids = self._ids(db)
            if record_id not in ids:
                raise self._not_found(record_id, "record", list(ids))
            table_name, doc_id = ids[record_id]
            table = db.table(table_name)
            current = self._buffer(db).decoded(table_name, doc_id)
            record_type = TABLES[table_name]
            kind = RECORD_TYPE_NAMES[record_type]
            record = self._validate(kind, updated_from(dict(current), record_type))
            if to_document(record) == normalised(current, table_name):
                # An edit to what is already there: no new version to push an old one out.
                raise _Unchanged
            lookup = BufferLookup(ids, self._buffer(db))
            dangling = dangling_references(record, lookup) or unfaithful_quotations(record, lookup)
            if isinstance(record, Source):
                # The records that quote this source must still find their words in it.
                for citing in self._buffer(db).references_to(record.id):
                    citing_table, citing_doc = ids[citing]
                    stored = self._buffer(db).decoded(citing_table, citing_doc)
                    cited = validate(stored, TABLES[citing_table])
                    dangling += unfaithful_quotations(cited, lookup, {record.id: record})
            if dangling:
                raise RecordsRefused(f"cannot edit {record_id!r}", dangling)
            table.update(replace_with({record_id: to_document(record)}), doc_ids=[doc_id])
            return record

        try:
            record: Record = self._write(change, lambda written: ([written], []))
        except _Unchanged:
            return None
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

    def undo(self) -> int:
        """Restore the knowledge base as it was before the last write; earlier versions left."""
        try:
            return self.store.undo()
        finally:
            self._forget()

    def redo(self) -> int:
        """Put back the version the last undo replaced; how many undos are left to redo."""
        try:
            return self.store.redo()
        finally:
            self._forget()
