"""TinyDB wiring, and the storage that cannot lose a knowledge base.

Only this module imports TinyDB. TinyDB's stock ``JSONStorage`` rewrites its file in place
(a crash mid-write leaves half a file) and does nothing about two processes writing at
once. Here every change happens in a *transaction*:

1. take an inter-process lock on ``<file>.lock`` (a separate file, because the data file is
   replaced, not rewritten, and a lock on a replaced inode protects nothing);
2. read the file afresh, let TinyDB change it in memory;
3. keep the current file as a backup (a hard link: no copy, and the old inode is never
   written again), write the new content to a temporary file in the same directory, flush
   and fsync it, atomically replace the data file with it, fsync the directory.

A reader therefore sees the old file or the new one, never a mixture, and two writers take
turns. A file that is empty, corrupt or not a knowledge base raises ``DataError`` naming
the file and the backup to restore; it is never read as empty, so never overwritten.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
from tinydb import TinyDB
from tinydb.storages import Storage

from kbtool.errors import DataError

TABLE_NAMES = ("instruments", "quotations", "sources")
# Ids of removed records, so that a generated id is never given to another record.
RETIRED_TABLE = "retired_ids"
BACKUPS_KEPT = 10
LOCK_TIMEOUT_SECONDS = 30.0

Tables = dict[str, dict[str, dict[str, Any]]]


class BufferedStorage(Storage):
    """TinyDB's view of the database during one transaction: memory, written once at the end.

    TinyDB reads and writes its storage on every operation; buffering makes a transaction of
    many operations one atomic file write.
    """

    def __init__(self, data: Tables) -> None:
        self.data = data
        self.changed = False

    def read(self) -> Tables:
        return self.data

    def write(self, data: Tables) -> None:
        self.data = data
        self.changed = True

    def close(self) -> None:
        pass


def encode(data: Tables) -> bytes:
    """The file's bytes: indented, tables in a fixed order, records' keys in model order."""
    order = [*TABLE_NAMES, RETIRED_TABLE]
    ordered = {name: data[name] for name in order if name in data}
    ordered.update({name: table for name, table in data.items() if name not in ordered})
    return msgspec.json.format(msgspec.json.encode(ordered), indent=2) + b"\n"


def decode(raw: bytes, name: str, restore_hint: str = "") -> Tables:
    """Parse a knowledge base file's bytes, or raise ``DataError`` naming the file."""
    if not raw.strip():
        raise DataError(f"{name} is empty, not a knowledge base{restore_hint}")
    try:
        data = msgspec.json.decode(raw)
    except msgspec.DecodeError as error:
        raise DataError(f"{name} is not valid JSON ({error}){restore_hint}") from None
    if not isinstance(data, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in data.values()
    ):
        raise DataError(
            f"{name} is not a kbtool knowledge base (expected TinyDB tables){restore_hint}"
        )
    return data


def fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable; some platforms cannot open a directory, and there
    # the rename is as durable as the platform makes it.
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomically(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` so that a crash leaves the old file or the new."""
    directory = path.parent
    directory.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(payload)
            file.flush()
            os.fsync(file.fileno())
        try:
            os.chmod(temporary, stat.S_IMODE(path.stat().st_mode))
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    fsync_directory(directory)


class Store:
    """The tables of one knowledge base, read freely and changed only in transactions."""

    name: str

    def documents(self, table: str) -> list[dict[str, Any]]:
        return list(self.tables().get(table, {}).values())

    def tables(self) -> Tables:
        raise NotImplementedError

    @contextlib.contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        """A TinyDB over the current data; its changes are saved together, or not at all."""
        with self._locked():
            storage_data = self._load()
            db = TinyDB(storage_data, storage=BufferedStorage)
            yield db
            storage = db.storage
            assert isinstance(storage, BufferedStorage)
            if storage.changed:
                self._save(storage.data)

    def _load(self) -> Tables:
        raise NotImplementedError

    def _save(self, data: Tables) -> None:
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


class MemoryStore(Store):
    """A knowledge base that lives in memory: for tests and for dry runs."""

    def __init__(self, data: Tables | None = None) -> None:
        self.name = "<memory>"
        self._data: Tables = data if data is not None else {}
        self._history: list[bytes] = []

    @classmethod
    def from_records(cls, tables: dict[str, list[dict[str, Any]]]) -> MemoryStore:
        return cls(
            {name: {str(i): d for i, d in enumerate(docs, 1)} for name, docs in tables.items()}
        )

    def tables(self) -> Tables:
        return self._data

    def _load(self) -> Tables:
        # A copy, so that a transaction that fails half-way leaves no trace.
        copy: Tables = msgspec.json.decode(encode(self._data))
        return copy

    def _save(self, data: Tables) -> None:
        self._history.append(encode(self._data))
        self._data = msgspec.json.decode(encode(data))

    def undo(self) -> int:
        if not self._history:
            raise DataError("nothing to undo: no earlier version is kept")
        self._data = msgspec.json.decode(self._history.pop())
        return len(self._history)


class FileStore(Store):
    """A knowledge base in a TinyDB JSON file, changed atomically under a lock."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.name = str(path)
        self.read_only = read_only
        self._cache: Tables | None = None

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    @property
    def backup_dir(self) -> Path:
        return self.path.with_name(self.path.name + ".backups")

    def exists(self) -> bool:
        return self.path.exists()

    def backups(self) -> list[Path]:
        """Earlier versions of the file, oldest first."""
        if not self.backup_dir.is_dir():
            return []
        return sorted(self.backup_dir.glob("*.json"))

    def _restore_hint(self) -> str:
        backups = self.backups()
        if backups:
            return f"; the last good version is {backups[-1]} (restore it with 'kb undo')"
        return "; no backup of it is kept"

    def _read(self) -> Tables:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except IsADirectoryError:
            raise DataError(f"{self.path} is a directory, not a knowledge base file") from None
        except OSError as error:
            raise DataError(f"cannot read {self.path}: {error.strerror}") from None
        return decode(raw, str(self.path), self._restore_hint())

    def tables(self) -> Tables:
        # A command reads the file once; TinyDB would re-read it for every table it queries.
        if self._cache is None:
            self._cache = self._read()
        return self._cache

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        from filelock import FileLock, Timeout

        if self.read_only:
            raise DataError(f"{self.path} is read-only")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock = FileLock(self.lock_path, timeout=LOCK_TIMEOUT_SECONDS)
            lock.acquire()
        except Timeout:
            raise DataError(
                f"{self.path} is locked by another kb process (waited {LOCK_TIMEOUT_SECONDS:.0f} s)"
            ) from None
        except OSError as error:
            raise DataError(f"cannot write beside {self.path}: {error.strerror}") from None
        self._cache = None  # whatever was read before the lock may be out of date
        try:
            self._remove_leftover_temporaries()
            yield
        finally:
            lock.release()
            self._cache = None  # what another process wrote next is not in it

    def _remove_leftover_temporaries(self) -> None:
        # A writer killed between creating its temporary file and the rename leaves one
        # behind; under the lock no other writer can be using it.
        for leftover in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()

    def _load(self) -> Tables:
        return self._read()

    def _save(self, data: Tables) -> None:
        payload = encode(data)
        backup = self._keep_backup()
        try:
            write_atomically(self.path, payload)
        except OSError as error:
            if backup is not None:
                with contextlib.suppress(OSError):
                    backup.unlink()  # the file it saves was not replaced after all
            raise DataError(f"could not write {self.path}: {error.strerror or error}") from None
        self._prune_backups()

    def _keep_backup(self) -> Path | None:
        if not self.path.exists():
            return None
        existing = self.backups()
        number = int(existing[-1].stem) + 1 if existing else 1
        backup = self.backup_dir / f"{number:06d}.json"
        try:
            self.backup_dir.mkdir(exist_ok=True)
            try:
                os.link(self.path, backup)
            except OSError:  # a file system without hard links
                shutil.copy2(self.path, backup)
        except OSError as error:
            raise DataError(f"could not keep a backup in {self.backup_dir}: {error}") from None
        return backup

    def _prune_backups(self) -> None:
        for old in self.backups()[:-BACKUPS_KEPT]:
            with contextlib.suppress(OSError):
                old.unlink()

    def undo(self) -> int:
        """Put back the version before the last write; returns how many earlier ones remain."""
        with self._locked():
            backups = self.backups()
            if not backups:
                raise DataError(f"nothing to undo: no earlier version of {self.path} is kept")
            latest = backups[-1]
            decode(latest.read_bytes(), str(latest))  # never restore something unreadable
            os.replace(latest, self.path)
            fsync_directory(self.path.parent)
            return len(backups) - 1

    def create(self, data: Tables) -> None:
        """Write a new knowledge base file; refuses to replace an existing one."""
        with self._locked():
            if self.path.exists():
                raise DataError(f"{self.path} exists already")
            write_atomically(self.path, encode(data))
