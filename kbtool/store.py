"""TinyDB wiring: the storage that reads a knowledge base file, and the tables in it.

Only this module imports TinyDB. A ``Store`` hands out plain documents (dicts); turning them
into validated records is the knowledge base's job.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
from tinydb import TinyDB
from tinydb.storages import MemoryStorage, Storage

from kbtool.errors import DataError

TABLE_NAMES = ("instruments", "quotations", "sources")


class ReadOnlyJSONStorage(Storage):
    """Reads a TinyDB JSON file once per process.

    TinyDB asks its storage for the whole database on every query; parsing the file each
    time would make a command that looks at three tables parse it three times.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._data: dict[str, dict[str, Any]] | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._data is None:
            self._data = read_database_file(self.path)
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        raise DataError(f"{self.path} is read-only")

    def close(self) -> None:
        pass


def read_database_file(path: Path) -> dict[str, dict[str, Any]]:
    """Parse a knowledge base file; a missing file reads as an empty knowledge base."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise DataError(f"cannot read {path}: {error.strerror}") from None
    try:
        data = msgspec.json.decode(raw)
    except msgspec.DecodeError as error:
        raise DataError(f"{path} is not valid JSON ({error})") from None
    if not isinstance(data, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in data.values()
    ):
        raise DataError(f"{path} is not a kbtool knowledge base (expected TinyDB tables)")
    return data


class Store:
    """The documents of a knowledge base, table by table."""

    def __init__(self, db: TinyDB, name: str) -> None:
        self._db = db
        self.name = name

    @classmethod
    def open_file(cls, path: Path) -> Store:
        return cls(TinyDB(path, storage=ReadOnlyJSONStorage), str(path))

    @classmethod
    def in_memory(cls, tables: dict[str, list[dict[str, Any]]]) -> Store:
        db = TinyDB(storage=MemoryStorage)
        for name, documents in tables.items():
            db.table(name).insert_multiple(documents)
        return cls(db, "<memory>")

    def documents(self, table: str) -> list[dict[str, Any]]:
        return [dict(document) for document in self._db.table(table).all()]
