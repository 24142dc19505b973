"""What the knowledge base asks of its storage (``Store``), and a store in memory for tests.

``FileStore`` (``kbtool.store.transactions``) is the one on disk.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import msgspec

from kbtool.errors import DataError
from kbtool.store.buffer import BufferedStorage
from kbtool.store.encoding import Tables, encode

if TYPE_CHECKING:
    from tinydb import TinyDB


RecordT = TypeVar("RecordT", bound=msgspec.Struct)


class Store:
    """The tables of one knowledge base, read freely and changed only in transactions."""

    name: str

    def documents(self, table: str) -> list[dict[str, Any]]:
        return list(self.tables().get(table, {}).values())

    def records(self, table: str, record_type: type[RecordT]) -> list[RecordT] | None:
        """The records of one table, validated as they are decoded; None if one is invalid
        (``documents`` then lets the caller find and name it)."""
        documents = self.documents(table)
        try:
            return [msgspec.convert(document, record_type) for document in documents]
        except msgspec.ValidationError:
            return None

    def tables(self) -> Tables:
        raise NotImplementedError

    @contextlib.contextmanager
    def transaction(self, after_save: Callable[[], None] | None = None) -> Iterator[TinyDB]:
        """A TinyDB over the current data; its changes are saved together, or not at all.

        ``after_save`` runs once they are saved, still under the lock (to update what is
        derived from the file, such as the search index, before another writer comes).
        """
        from tinydb import TinyDB

        with self._locked():
            data, raw = self._load()
            db = TinyDB(
                data,
                raw,
                name=self.name,
                checked=self._checked_before(),
                storage=BufferedStorage,
            )
            yield db
            storage = db.storage
            assert isinstance(storage, BufferedStorage)
            if storage.changed:
                self._save(storage.data, storage.checked)
                if after_save is not None:
                    after_save()

    def _load(self) -> tuple[Tables, bytes | None]:
        """The data a transaction starts from, and the file's bytes when it has them."""
        raise NotImplementedError

    def _checked_before(self) -> bool:
        """Whether every record of the data ``_load`` returned is known to pass ``kb
        verify``'s checks (``kbtool.store.appending.Layout.checked``)."""
        return False

    def _save(self, data: Tables, checked: bool = False) -> None:
        """Write ``data``; ``checked``: every record of it passed ``kb verify``'s checks."""
        raise NotImplementedError

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        yield

    def exists(self) -> bool:
        return True

    def backups(self) -> list[Path]:
        return []

    def undo(self) -> int:
        raise DataError("an in-memory knowledge base keeps no backups")

    def redo(self) -> int:
        raise DataError("an in-memory knowledge base keeps no backups")


class MemoryStore(Store):
    """A knowledge base that lives in memory: for tests and for dry runs."""

    def __init__(self, data: Tables | None = None) -> None:
        self.name = "<memory>"
        self._data: Tables = data if data is not None else {}
        self._history: list[bytes] = []
        self._undone: list[bytes] = []

    @classmethod
    def from_records(cls, tables: dict[str, list[dict[str, Any]]]) -> MemoryStore:
        return cls(
            {name: {str(i): d for i, d in enumerate(docs, 1)} for name, docs in tables.items()}
        )

    def tables(self) -> Tables:
        return self._data

    def _load(self) -> tuple[Tables, bytes | None]:
        # A copy, so that a transaction that fails half-way leaves no trace.
        copy: Tables = msgspec.json.decode(encode(self._data))
        return copy, None

    def _save(self, data: Tables, checked: bool = False) -> None:
        # As on disk (kbtool.store.history): versions undone go below the one replaced.
        self._history += [*self._undone, encode(self._data)]
        self._undone = []
        self._data = msgspec.json.decode(encode(data))

    def undo(self) -> int:
        if not self._history:
            raise DataError("nothing to undo: no earlier version is kept")
        self._undone.append(encode(self._data))
        self._data = msgspec.json.decode(self._history.pop())
        return len(self._history)

    def redo(self) -> int:
        if not self._undone:
            raise DataError("nothing to redo: no undo is left to redo")
        self._history.append(encode(self._data))
        self._data = msgspec.json.decode(self._undone.pop())
        return len(self._undone)
