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
turns. Adding a record at the end of a table can skip step 2 (``Appender``, with
``kbtool.appending``): the new file is then copied from the old with the record put in,
and steps 1 and 3 are the same. A file that is empty, corrupt or not a knowledge base
raises ``DataError`` naming the file and the backup to restore; it is never read as empty,
so never overwritten.
"""

from __future__ import annotations

import contextlib
import os
import stat
import weakref
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

import msgspec

from kbtool.errors import DataError
from kbtool.store import appending
from kbtool.store.appending import Layout, TableSpan, largest_key

if TYPE_CHECKING:
    from tinydb import TinyDB

# TinyDB (with the json module it loads), tempfile and shutil are imported where a write
# needs them: reading commands, which scripts run in loops, start without them.

TABLE_NAMES = ("instruments", "quotations", "sources")
# Ids of removed records, so that a generated id is never given to another record.
RETIRED_TABLE = "retired_ids"
BACKUPS_KEPT = 10
LOCK_TIMEOUT_SECONDS = 30.0

Tables = dict[str, dict[str, dict[str, Any]]]
RecordT = TypeVar("RecordT", bound=msgspec.Struct)
Signature = list[int]


def signature(path: Path) -> Signature | None:
    """What changes whenever the file does: kb replaces it, so its inode changes too."""
    try:
        status = path.stat()
    except OSError:
        return None
    return signature_of(status)


def signature_of(status: os.stat_result) -> Signature:
    return [status.st_size, status.st_mtime_ns, status.st_ino]


class _Handle(msgspec.Struct):
    """The one field a transaction needs of every record: its id (the rest stays undecoded)."""

    id: Any = None


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


class BufferedStorage:
    """TinyDB's view of the database during one transaction: memory, written once at the end.

    TinyDB only calls ``read``, ``write`` and ``close`` of its storage, so this does not
    derive from ``tinydb.storages.Storage``: a read-only command need not import TinyDB.

    TinyDB reads and writes its storage on every operation; buffering makes a transaction of
    many operations one atomic file write. Records the transaction does not touch stay
    undecoded (``msgspec.Raw``) and are written back byte for byte: decoding every record of
    a large knowledge base costs seconds, while adding one record needs only the ids.
    """

    def __init__(self, data: Tables, raw: bytes | None = None) -> None:
        self.data = data
        self.raw = raw
        self.changed = False
        self._ids: tuple[RecordIds, set[str]] | None = None

    def read(self) -> Tables:
        return self.data

    def write(self, data: Tables) -> None:
        self.data = data
        self.changed = True

    def close(self) -> None:
        pass

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
                    "this file is not a kbtool knowledge base: a record is not a JSON object"
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
        try:
            ids = {
                handle.id: (name, int(key))
                for name in TABLE_NAMES
                for key, handle in scanned.get(name, {}).items()
                if isinstance(handle.id, str)
            }
        except ValueError:
            raise DataError(
                "this file is not a kbtool knowledge base: a record's key is not a number"
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

    def decoded(self, table: str, doc_id: int) -> dict[str, Any]:
        """One record as a dict that TinyDB can read and change in place."""
        documents = self.data[table]
        document = documents[str(doc_id)]
        if isinstance(document, msgspec.Raw):
            document = documents[str(doc_id)] = msgspec.json.decode(document)
        return document


def encode(data: Tables) -> bytes:
    """The file's bytes: indented, tables in a fixed order, records' keys in model order."""
    return b"".join(encode_chunks(data))


def encode_record(key: str, document: Any) -> bytes:
    """One record as it stands in its table: key, and the record indented for its place."""
    encode_json = msgspec.json.encode
    formatted = msgspec.json.format(encode_json(document), indent=2)
    return b"\n    " + encode_json(key) + b": " + formatted.replace(b"\n", b"\n    ")


def encode_chunks(
    data: Tables, spans: dict[str, TableSpan] | None = None
) -> Iterator[bytes | msgspec.Raw]:
    """``encode``'s bytes in pieces, so that a large file is written without being joined.

    Records a transaction did not decode (``msgspec.Raw``) are copied as they were read,
    already indented for their place; only new and changed records are formatted. Formatting
    the whole file again would cost a large knowledge base a quarter of a second per write.
    ``spans``, if given, is filled with where each table lies in the bytes (see
    ``kbtool.appending``).
    """
    order = [*TABLE_NAMES, RETIRED_TABLE]
    names = [name for name in order if name in data]
    names += [name for name in data if name not in names]
    encode_json = msgspec.json.encode
    offset = 1
    yield b"{"
    for table_number, name in enumerate(names):
        opening = b"\n  " + encode_json(name) + b": "
        yield opening + b"{"
        offset += len(opening)
        start = offset
        offset += 1
        table = data[name]
        last = len(table) - 1
        for record_number, (key, document) in enumerate(table.items()):
            piece = b"\n    " + encode_json(key) + b": "
            yield piece
            if isinstance(document, msgspec.Raw):
                yield document
                offset += len(piece) + len(document)
            else:
                formatted = msgspec.json.format(encode_json(document), indent=2)
                body = formatted.replace(b"\n", b"\n    ")
                yield body
                offset += len(piece) + len(body)
            if record_number < last:
                yield b","
                offset += 1
        closing = b"\n  }" if table else b"}"
        yield closing
        offset += len(closing)
        if spans is not None:
            spans[name] = TableSpan(start, offset, largest_key(list(table)), len(table))
        if table_number < len(names) - 1:
            yield b","
            offset += 1
    yield b"\n}\n" if names else b"}\n"


def _decode_as(raw: bytes, name: str, restore_hint: str, shape: Any) -> Any:
    """Decode a knowledge base file as ``shape``, or raise ``DataError`` naming the file."""
    if not raw or raw.isspace():  # isspace stops at the first other byte; strip would copy
        raise DataError(f"{name} is empty, not a knowledge base{restore_hint}")
    try:
        return msgspec.json.decode(raw, type=shape)
    except msgspec.ValidationError:
        raise DataError(
            f"{name} is not a kbtool knowledge base (expected TinyDB tables){restore_hint}"
        ) from None
    except msgspec.DecodeError as error:
        raise DataError(f"{name} is not valid JSON ({error}){restore_hint}") from None


def decode(raw: bytes, name: str, restore_hint: str = "", *, lazily: bool = False) -> Tables:
    """Parse a knowledge base file's bytes, or raise ``DataError`` naming the file.

    ``lazily`` leaves each record undecoded (``msgspec.Raw``), for a transaction; each is
    checked to be an object when the transaction scans the ids.
    """
    shape = dict[str, dict[str, msgspec.Raw]] if lazily else dict[str, dict[str, dict[str, Any]]]
    tables: Tables = _decode_as(raw, name, restore_hint, shape)
    return tables


def decode_tables(raw: bytes, name: str, restore_hint: str = "") -> dict[str, msgspec.Raw]:
    """The tables of a knowledge base file, each left undecoded until it is needed."""
    tables: dict[str, msgspec.Raw] = _decode_as(raw, name, restore_hint, dict[str, msgspec.Raw])
    # Some other JSON object ({"name": "..."}) must not read as an empty knowledge base.
    if not all(bytes(memoryview(table)[:1]) == b"{" for table in tables.values()):
        raise DataError(
            f"{name} is not a kbtool knowledge base (expected TinyDB tables){restore_hint}"
        )
    return tables


def fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable; some platforms cannot open a directory, and there
    # the rename is as durable as the platform makes it.
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomically(
    path: Path,
    payload: bytes | Iterable[bytes | msgspec.Raw] | Callable[[BinaryIO], None],
) -> Signature:
    """Replace ``path`` with ``payload`` (bytes, pieces of them, or a function that writes
    them to the file it is given) so that a crash leaves the old file or the new.

    Returns the signature of the file written, taken before it replaces ``path`` (a rename
    keeps it), so that it cannot be another program's file that replaced it since."""
    directory = path.parent
    directory.mkdir(parents=True, exist_ok=True)
    import tempfile

    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as file:
            if isinstance(payload, bytes):
                file.write(payload)
            elif callable(payload):
                payload(file)
            else:
                file.writelines(payload)
            file.flush()
            os.fsync(file.fileno())
            written = signature_of(os.fstat(file.fileno()))
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
    return written


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
            db = TinyDB(*self._load(), storage=BufferedStorage)
            yield db
            storage = db.storage
            assert isinstance(storage, BufferedStorage)
            if storage.changed:
                self._save(storage.data)
                if after_save is not None:
                    after_save()

    def _load(self) -> tuple[Tables, bytes | None]:
        """The data a transaction starts from, and the file's bytes when it has them."""
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

    def _load(self) -> tuple[Tables, bytes | None]:
        # A copy, so that a transaction that fails half-way leaves no trace.
        copy: Tables = msgspec.json.decode(encode(self._data))
        return copy, None

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
        # Through a symbolic link, the file it points to: the rename that replaces the file
        # would otherwise replace the link, and the lock and backups would sit beside it.
        self.path = path.resolve()
        self.name = str(path)
        self.read_only = read_only
        self._cache: Tables | None = None
        self._raw_cache: dict[str, msgspec.Raw] | None = None
        self._laid_out_file: tuple[BinaryIO, Layout] | None = None
        self._layout_looked_for = False
        self._close_laid_out: weakref.finalize[Any, Any] | None = None
        # The signature of the file as the current transaction read it (search_index).
        self.loaded_signature: Signature | None = None
        # The signature of the file that records were last read from, and of the file that
        # the last write wrote: what describes one of them (the index) is signed with it.
        self.read_signature: Signature | None = None
        self.written_signature: Signature | None = None

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

    def _read_bytes(self) -> bytes | None:
        try:
            with self.path.open("rb") as file:
                self.read_signature = signature_of(os.fstat(file.fileno()))
                return file.read()
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise DataError(f"{self.path} is a directory, not a knowledge base file") from None
        except OSError as error:
            raise DataError(f"cannot read {self.path}: {error.strerror}") from None

    def _read(self) -> Tables:
        raw = self._read_bytes()
        return {} if raw is None else decode(raw, str(self.path), self._restore_hint())

    def tables(self) -> Tables:
        # A command reads the file once; TinyDB would re-read it for every table it queries.
        if self._cache is None:
            self._cache = self._read()
        return self._cache

    def _raw_tables(self) -> dict[str, msgspec.Raw]:
        if self._raw_cache is None:
            raw = self._read_bytes()
            self._raw_cache = (
                {} if raw is None else decode_tables(raw, str(self.path), self._restore_hint())
            )
        return self._raw_cache

    def records(self, table: str, record_type: type[RecordT]) -> list[RecordT] | None:
        # Decoding one table straight into records skips the others, and the dicts that
        # validating decoded JSON would build first: a large knowledge base's `kb list`
        # needs a third of the time and memory.
        if self._cache is not None:
            return super().records(table, record_type)
        laid_out = self._laid_out() if self._raw_cache is None else None
        if laid_out is not None:
            # Only this table's bytes: `kb list` of 160,000 instruments reads 250 MB of the
            # file's 435, and holds no more of it than the records it decodes.
            file, layout = laid_out
            span = layout.tables.get(table)
            if span is None:
                return []
            file.seek(span.start)
            raw: bytes | msgspec.Raw | None = file.read(span.stop - span.start)
        else:
            raw = self._raw_tables().get(table)
        if raw is None:
            return []
        try:
            found = msgspec.json.decode(raw, type=dict[str, record_type])  # type: ignore[valid-type]
        except (msgspec.ValidationError, msgspec.DecodeError):
            return None
        return list(found.values())

    def _laid_out(self) -> tuple[BinaryIO, Layout] | None:
        """The file, opened, and where its tables lie in it, if kb wrote it and noted that
        (``kbtool.appending``). The file stays open, so that every table is read from the
        same version of it, even if a writer replaces it meanwhile."""
        if not self._layout_looked_for:
            self._layout_looked_for = True
            try:
                file = self.path.open("rb")
            except OSError:
                return None
            layout = appending.read_layout(self.path, signature_of(os.fstat(file.fileno())))
            if layout is None:
                file.close()
                return None
            self._close_laid_out = weakref.finalize(self, file.close)
            self._laid_out_file = (file, layout)
            self.read_signature = layout.signature
        return self._laid_out_file

    def _forget_laid_out(self) -> None:
        if self._close_laid_out is not None:
            self._close_laid_out()  # closes the file, and is not kept for the garbage collector
            self._close_laid_out = None
        self._laid_out_file = None
        self._layout_looked_for = False

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
        self._cache = self._raw_cache = None  # what was read before the lock may be old
        self._forget_laid_out()
        try:
            self._remove_leftover_temporaries()
            yield
        finally:
            lock.release()
            self._cache = self._raw_cache = None  # another process may write next
            self._forget_laid_out()

    def _remove_leftover_temporaries(self) -> None:
        # A writer killed between creating its temporary file and the rename leaves one
        # behind; under the lock no other writer can be using it.
        for leftover in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()

    def _load(self) -> tuple[Tables, bytes | None]:
        # Under the lock: the file cannot change between this and the read below.
        raw = self._read_bytes()
        self.loaded_signature = self.read_signature if raw is not None else None
        if raw is None:
            return {}, None
        return decode(raw, str(self.path), self._restore_hint(), lazily=True), raw

    def _save(self, data: Tables) -> None:
        spans: dict[str, TableSpan] = {}
        written = self._replace(encode_chunks(data, spans))
        self._keep_layout(written, spans)

    def _replace(
        self, payload: Iterable[bytes | msgspec.Raw] | Callable[[BinaryIO], None]
    ) -> Signature:
        """Write the file's new version; the current one becomes the latest backup."""
        backup = self._keep_backup()
        try:
            self.written_signature = write_atomically(self.path, payload)
        except OSError as error:
            if backup is not None:
                with contextlib.suppress(OSError):
                    backup.unlink()  # the file it saves was not replaced after all
            appending.forget_layout(self.path)
            raise DataError(f"could not write {self.path}: {error.strerror or error}") from None
        self._prune_backups()
        return self.written_signature

    def _keep_layout(self, written: Signature, spans: dict[str, TableSpan]) -> Layout:
        layout = Layout(written, spans)
        appending.write_layout(self.path, layout)
        return layout

    @contextlib.contextmanager
    def appending(self) -> Iterator[Appender | None]:
        """Under the lock, a way to add records at the end of tables without parsing the
        file; None when the file's layout is not known (then use ``transaction``)."""
        with self._locked():
            try:
                file = self.path.open("rb")
            except OSError:
                yield None
                return
            # Everything the appender reads comes from this opened file, which is the one the
            # layout describes: a file put in its place meanwhile is not spliced into.
            with file:
                layout = appending.read_layout(self.path, signature_of(os.fstat(file.fileno())))
                yield None if layout is None else Appender(self, layout, file)

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
                import shutil

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
            # The version undone is kept too (not as a backup undo would restore), so that
            # an undo too many loses nothing.
            with contextlib.suppress(FileNotFoundError):
                os.replace(self.path, self.undone_path)
            os.replace(latest, self.path)
            fsync_directory(self.path.parent)
            return len(backups) - 1

    @property
    def undone_path(self) -> Path:
        """Where the version that the last ``kb undo`` replaced is kept."""
        return self.backup_dir / "undone.json.old"

    def create(self, data: Tables) -> None:
        """Write a new knowledge base file; refuses to replace an existing one."""
        with self._locked():
            if self.path.exists():
                raise DataError(f"{self.path} exists already")
            write_atomically(self.path, encode(data))


class Appender:
    """Adds records at the end of a table of a file whose layout is known (``kbtool.appending``).

    Made by ``FileStore.appending``, under the store's lock; the file it writes is the one a
    transaction inserting the same records would write.
    """

    def __init__(self, store: FileStore, layout: Layout, file: BinaryIO) -> None:
        self.store = store
        self.layout = layout
        self.file = file

    @property
    def signature(self) -> Signature:
        return self.layout.signature

    def can_append(self, table: str) -> bool:
        if not appending.can_append(self.layout, table):
            return False
        at = appending.insertion_point(self.layout, table)
        closing = appending.TABLE_CLOSING
        try:
            found = os.pread(self.file.fileno(), len(closing) + 1, at - 1)
        except OSError:
            return False
        # The end of the table's last record, then the table's closing brace.
        return found == b"}" + closing

    def retired_ids(self) -> set[str]:
        span = self.layout.tables.get(RETIRED_TABLE)
        if span is None:
            return set()
        raw = os.pread(self.file.fileno(), span.stop - span.start, span.start)
        try:
            retired = msgspec.json.decode(raw, type=dict[str, _Handle])
        except (msgspec.DecodeError, msgspec.ValidationError):
            raise DataError(
                f"{self.store.path}: the {RETIRED_TABLE} table is not what kb wrote there"
            ) from None
        return {handle.id for handle in retired.values() if isinstance(handle.id, str)}

    def append(self, table: str, document: dict[str, Any]) -> None:
        """Add ``document`` at the end of ``table``, as TinyDB's insert would."""
        span = self.layout.tables[table]
        inserted = b"," + encode_record(str(span.last_key + 1), document)
        at = appending.insertion_point(self.layout, table)

        def write(target: BinaryIO) -> None:
            appending.copy_with_insert(self.file, target, at, inserted)

        self.store.loaded_signature = self.layout.signature
        written = self.store._replace(write)
        spans = appending.after_insert(self.layout, table, len(inserted), 1)
        self.layout = self.store._keep_layout(written, spans)
