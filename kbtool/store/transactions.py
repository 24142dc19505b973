"""The knowledge base file on disk: the storage that cannot lose a knowledge base.

Only ``kbtool.store`` imports TinyDB. TinyDB's stock ``JSONStorage`` rewrites its file in place
(a crash mid-write leaves half a file) and does nothing about two processes writing at
once. Here every change happens in a *transaction*:

1. take an inter-process lock on ``<file>.lock`` (a separate file, because the data file is
   replaced, not rewritten, and a lock on a replaced inode protects nothing);
2. read the file afresh, let TinyDB change it in memory;
3. keep the current file as a backup (a hard link: no copy, and the old inode is never
   written again; ``kbtool.store.history``), write the new content to a temporary file in
   the same directory, flush and fsync it, atomically replace the data file with it, fsync
   the directory (``kbtool.store.files.write_atomically``).

A reader therefore sees the old file or the new one, never a mixture, and two writers take
turns. Adding records at the end of tables can skip step 2 (``Appender``, with
``kbtool.store.appending``): the new file is then copied from the old with the records put
in, and steps 1 and 3 are the same. A file that is empty, corrupt or not a knowledge base
raises ``DataError`` naming the file and the backup to restore; it is never read as empty,
so never overwritten, and neither is a missing file whose earlier versions are kept. A file
whose permissions allow no writing is refused by every write, undo and redo.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import msgspec

from kbtool.errors import DataError
from kbtool.store import appending
from kbtool.store.appending import Layout, TableSpan
from kbtool.store.encoding import (
    RETIRED_TABLE,
    Tables,
    _Handle,
    decode,
    encode_chunks,
    encode_record,
)
from kbtool.store.file_reading import FileReader
from kbtool.store.files import (
    Signature,
    remove_stale_temporaries,
    signature_of,
    writable,
    write_atomically,
)

# TinyDB (with the json module it loads) and shutil are imported where a write needs them:
# reading commands, which scripts run in loops, start without them.

LOCK_TIMEOUT_SECONDS = 30.0


class FileStore(FileReader):
    """A knowledge base in a TinyDB JSON file, changed atomically under a lock."""

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    @property
    def backup_dir(self) -> Path:
        return self.history.folder

    def exists(self) -> bool:
        return self.path.exists()

    def backups(self) -> list[Path]:
        """Earlier versions of the file that ``kb undo`` restores, oldest first."""
        return self.history.backups()

    def redo_versions(self) -> list[Path]:
        """Versions ``kb undo`` replaced, that ``kb redo`` restores, oldest first."""
        return self.history.redo_versions()

    @contextlib.contextmanager
    def _locked(self, make_folder: bool = False) -> Iterator[None]:
        from kbtool.store.locking import LockTimeout, exclusive

        if self.read_only:
            raise DataError(f"{self.path} is read-only")
        if not writable(self.path):
            raise DataError(
                f"{self.path} is read-only (its permissions allow no writing), so kb changes"
                f" nothing; to write to it, make it writable: chmod u+w {self.path}"
            )
        folder = self.path.parent
        if make_folder:
            with contextlib.suppress(OSError):  # said below, by the lock that cannot be made
                folder.mkdir(parents=True, exist_ok=True)
        elif not folder.is_dir():
            raise DataError(f"cannot write {self.path}: directory {folder} does not exist")
        with contextlib.ExitStack() as held:
            try:
                held.enter_context(exclusive(self.lock_path, LOCK_TIMEOUT_SECONDS))
                self._locked_at = time.time()
            except LockTimeout:
                raise DataError(
                    f"{self.path} is locked by another kb process"
                    f" (waited {LOCK_TIMEOUT_SECONDS:.0f} s)"
                ) from None
            except OSError as error:
                raise DataError(
                    f"cannot write {self.path}: its lock file {self.lock_path} cannot be"
                    f" opened ({error.strerror})"
                ) from None
            self._cache = self._raw_cache = None  # what was read before the lock may be old
            self._forget_laid_out()
            try:
                remove_stale_temporaries(self.path, self._locked_at)
                yield
            finally:
                self._cache = self._raw_cache = None  # another process may write next
                self._forget_laid_out()

    def _load(self) -> tuple[Tables, bytes | None]:
        # Under the lock: the file cannot change between this and the read below.
        raw = self._read_bytes()
        self.loaded_signature = self.read_signature if raw is not None else None
        if raw is None:
            return {}, None
        return decode(raw, str(self.path), self._restore_hint, lazily=True), raw

    def _checked_before(self) -> bool:
        if self.loaded_signature is None:
            return True  # no file: no records to check
        loaded = appending.read_layout(self.path, self.loaded_signature)
        return loaded is not None and loaded.checked

    def _save(self, data: Tables, checked: bool = False) -> None:
        # The records copied undecoded are as canonical as the file they were read from;
        # the others are formatted here, from records the write checked.
        loaded = appending.read_layout(self.path, self.loaded_signature)
        canonical = self.loaded_signature is None or (loaded is not None and loaded.canonical)
        spans: dict[str, TableSpan] = {}
        written = self._replace(encode_chunks(data, spans))
        self._keep_layout(written, spans, canonical, checked)

    def _replace(
        self, payload: Iterable[bytes | msgspec.Raw] | Callable[[BinaryIO], None]
    ) -> Signature:
        """Write the file's new version; the current one becomes the latest backup."""
        backup, room = self.history.keep_current()
        try:
            self.written_signature = write_atomically(self.path, payload)
        except OSError as error:
            if backup is not None:
                with contextlib.suppress(OSError):
                    backup.unlink()  # the file it saves was not replaced after all
            appending.forget_layout(self.path)
            raise DataError(f"could not write {self.path}: {error.strerror or error}") from None
        except BaseException:  # Ctrl-C, which may come before the file is replaced or after
            if backup is not None:
                self.history.discard_if_current(backup)
            appending.forget_layout(self.path)
            raise
        self.history.after_write(backup, room)
        return self.written_signature

    def _keep_layout(
        self,
        written: Signature,
        spans: dict[str, TableSpan],
        canonical: bool = False,
        checked: bool = False,
    ) -> Layout:
        layout = Layout(written, spans, canonical=canonical, checked=checked)
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
                layout = appending.read_layout(self.path, signature_of(file.fileno()))
                yield None if layout is None else Appender(self, layout, file)

    def undo(self) -> int:
        """Put back the version before the last write (``kbtool.store.history``); returns how
        many earlier ones remain. The version replaced is kept for ``redo``."""
        if not self.history.backups():  # said before the lock: nothing is left behind
            raise DataError(f"nothing to undo: no earlier version of {self.path} is kept")
        with self._locked():
            return self.history.undo()

    def redo(self) -> int:
        """Put back the version the last ``undo`` replaced; returns how many remain."""
        if not self.history.redo_versions():
            raise DataError(f"nothing to redo: no undo of {self.path} is left to redo")
        with self._locked():
            return self.history.redo()

    def create(self, data: Tables, *, make_folder: bool = False) -> None:
        """Write a new knowledge base file; refuses to replace an existing one.

        ``make_folder`` makes the folder it goes in, for the user's own knowledge base in
        the platform's data folder; a file named by the user must be in a folder that is."""
        with self._locked(make_folder):
            if self.path.exists():
                raise DataError(f"{self.path} exists already")
            spans: dict[str, TableSpan] = {}
            written = write_atomically(self.path, encode_chunks(data, spans))
            # A new file holds no records or the shipped ones, which the tests verify.
            self._keep_layout(written, spans, canonical=True, checked=True)


class Appender:
    """Adds records at the end of a table of a file whose layout is known (``appending``).

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
        at, expected = appending.expected_at(self.layout.tables[table])
        try:
            found = os.pread(self.file.fileno(), len(expected), at)
        except OSError:
            return False
        return bool(expected) and found == expected

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
        self.append_records({table: [document]})

    def append_records(self, additions: Mapping[str, Sequence[Any]]) -> None:
        """Add records (documents, or the record structs themselves) at the end of their
        tables, numbered on from each table's largest key, in one write: the file a
        transaction inserting them would write (``BufferedStorage.insert_records``).
        Every table must be one ``can_append`` allows."""
        added: dict[str, tuple[appending.Splice, int]] = {}
        for table, documents in additions.items():
            if not documents:
                continue
            span = self.layout.tables[table]
            encoded = [
                encode_record(str(key), document)
                for key, document in enumerate(documents, start=span.last_key + 1)
            ]
            added[table] = (appending.splice_records(span, encoded), len(encoded))
        if not added:
            return
        splices = [splice for splice, _count in added.values()]

        def write(target: BinaryIO) -> None:
            appending.copy_with_splices(self.file, target, splices)

        self.store.loaded_signature = self.layout.signature
        written = self.store._replace(write)
        spans = appending.after_splices(self.layout, added)
        self.layout = self.store._keep_layout(
            written, spans, self.layout.canonical, self.layout.checked
        )
