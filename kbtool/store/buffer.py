"""TinyDB's storage during one transaction: the tables in memory, written once at the end."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import msgspec

from kbtool.errors import DataError
from kbtool.models import TABLES
from kbtool.store.encoding import RETIRED_TABLE, TABLE_NAMES, Tables, _Handle, indented

if TYPE_CHECKING:
    pass


class _References(msgspec.Struct):
    """The fields of a record that can refer to another record."""

    id: Any = None
    instrument: Any = None
    source: Any = None
    sources: Any = None
    officials: Any = None
    excerpts: Any = None
    claims: Any = None


RecordIds = dict[str, tuple[str, int]]


@functools.cache
def _records_of_a_file() -> type[msgspec.Struct]:
    """A knowledge base file whose tables of records decode as their record types."""
    fields: list[tuple[str, Any, Any]] = [
        (name, dict[str, record_type], {})  # type: ignore[valid-type]
        for name, record_type in TABLES.items()
    ]
    return msgspec.defstruct("RecordsOfAFile", fields)


class BufferedStorage:
    """TinyDB's view of the database during one transaction: memory, written once at the end.

    TinyDB only calls ``read``, ``write`` and ``close`` of its storage, so this does not
    derive from ``tinydb.storages.Storage``: a read-only command need not import TinyDB.

    TinyDB reads and writes its storage on every operation; buffering makes a transaction of
    many operations one atomic file write. Records the transaction does not touch stay
    undecoded (``msgspec.Raw``) and are written back byte for byte: decoding every record of
    a large knowledge base costs seconds, while adding one record needs only the ids.
    """

    def __init__(
        self, data: Tables, raw: bytes | None = None, name: str = "this file", checked: bool = False
    ) -> None:
        self.data = data
        self.raw = raw
        self.name = name  # of the file, for error messages
        # Every record passes kb verify's checks: known from the file's layout, or once the
        # writer has checked them (kbtool.service.writing); the file written says so.
        self.checked = checked
        self.id_problems: list[str] = []
        self.changed = False
        self._ids: tuple[RecordIds, set[str]] | None = None

    def read(self) -> Tables:
        return self.data

    def write(self, data: Tables) -> None:
        self.data = data
        self.changed = True

    def close(self) -> None:
        pass

    def insert_records(self, table: str, records: Sequence[msgspec.Struct]) -> None:
        """Add records at the end of ``table``, numbered on from its largest key as TinyDB's
        ``insert_multiple`` numbers them, each encoded straight from the record as the file
        will hold it: a large import makes no dict of each record, and does not format it
        again when the file is written."""
        documents = self.data.setdefault(table, {})
        largest = max(map(int, documents), default=0)
        for key, record in enumerate(records, start=largest + 1):
            documents[str(key)] = indented(record)  # type: ignore[assignment]
        self.changed = True

    def _scan(self, record_type: type[msgspec.Struct]) -> dict[str, dict[str, Any]]:
        """Some fields of every record as the transaction found them, decoded without the rest."""
        if self.raw is not None:
            try:
                scanned: dict[str, dict[str, Any]] = msgspec.json.decode(
                    self.raw,
                    type=dict[str, dict[str, record_type]],  # type: ignore[valid-type]
                )
            except msgspec.ValidationError:
                raise DataError(
                    f"{self.name} is not a kbtool knowledge base: a record is not a JSON object"
                ) from None
            return scanned
        return {
            name: {key: msgspec.convert(doc, record_type) for key, doc in table.items()}
            for name, table in self.data.items()
        }

    def record_ids(self) -> tuple[RecordIds, set[str]]:
        """Every record id in use -> (table, TinyDB document id), and the retired ids."""
        if self._ids is not None:
            return self._ids
        scanned = self._scan(_Handle)
        ids: RecordIds = {}
        try:
            for name in TABLE_NAMES:
                for key, handle in scanned.get(name, {}).items():
                    if not isinstance(handle.id, str):
                        self.id_problems.append(f"{name} #{key}: the record has no text id")
                    elif handle.id in ids:
                        self.id_problems.append(
                            f"{name} {handle.id!r}: id is used twice (also in {ids[handle.id][0]})"
                        )
                    else:
                        ids[handle.id] = (name, int(key))
        except ValueError:
            raise DataError(
                f"{self.name} is not a kbtool knowledge base: a record's key is not a number"
            ) from None
        retired = {h.id for h in scanned.get(RETIRED_TABLE, {}).values() if isinstance(h.id, str)}
        self._ids = (ids, retired)
        return self._ids

    def references_to(self, record_id: str) -> list[str]:
        """Ids of the records that refer to ``record_id``."""
        scanned = self._scan(_References)
        referring = [
            q.id
            for q in scanned.get("quotations", {}).values()
            if record_id in (q.instrument, q.source)
        ]
        for instrument in scanned.get("instruments", {}).values():
            cited = set(instrument.sources or [])
            for items in (instrument.officials, instrument.excerpts, instrument.claims):
                cited.update(item.get("source") for item in items or [] if isinstance(item, dict))
            if record_id in cited:
                referring.append(instrument.id)
        return referring

    def records(self) -> dict[str, list[Any]] | None:
        """Every record of every table of ``kbtool.models.TABLES``, validated in one pass
        over the file's bytes (no dicts first: half the time of decoding then validating);
        None if one is invalid (``documents`` then lets the caller find and name it), or
        if the transaction has no bytes."""
        if self.raw is None:
            return None
        try:
            whole = msgspec.json.decode(self.raw, type=_records_of_a_file())
        except (msgspec.ValidationError, msgspec.DecodeError):
            return None
        return {name: list(getattr(whole, name).values()) for name in TABLES}

    def documents(self, table: str) -> list[dict[str, Any]]:
        """Every record of ``table``, decoded, leaving the undecoded ones as they are (they
        are written back byte for byte)."""
        return [
            msgspec.json.decode(document) if isinstance(document, msgspec.Raw) else document
            for document in self.data.get(table, {}).values()
        ]

    def decoded(self, table: str, doc_id: int) -> dict[str, Any]:
        """One record as a dict that TinyDB can read and change in place."""
        documents = self.data[table]
        document = documents[str(doc_id)]
        if isinstance(document, msgspec.Raw):
            document = documents[str(doc_id)] = msgspec.json.decode(document)
        return document
