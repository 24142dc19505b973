"""Reading the knowledge base file: whole, a table at a time through its layout, or a
table's records as they stand in it.

``FileReader`` is the read side of ``FileStore`` (``kbtool.store.transactions``, which adds
the lock, the transactions and the versions kept): reading commands, which scripts run in
loops, decode only what they need, and never take the lock.
"""

from __future__ import annotations

import functools
import os
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import msgspec

from kbtool.errors import DataError
from kbtool.store import appending
from kbtool.store.appending import Layout
from kbtool.store.base import RecordT, Store
from kbtool.store.encoding import Tables, decode, decode_tables
from kbtool.store.files import Signature, signature_of

if TYPE_CHECKING:
    from kbtool.store.history import History


class FileReader(Store):
    """A knowledge base in a TinyDB JSON file, as read without the lock."""

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
        # The signature of the file as the current transaction read it (kbtool.search.disk_index).
        self.loaded_signature: Signature | None = None
        # The signature of the file that records were last read from, and of the file that
        # the last write wrote: what describes one of them (the index) is signed with it.
        self.read_signature: Signature | None = None
        self.written_signature: Signature | None = None
        self._locked_at = 0.0  # when this process last took the lock (time.time())

    @functools.cached_property
    def history(self) -> History:
        """The versions kept beside the file (imported when asked: reads need it only for
        an error)."""
        from kbtool.store.history import History

        return History(self.path)

    def _restore_hint(self) -> str:
        return self.history.restore_hint()

    def check_not_missing(self) -> None:
        """A missing file whose earlier versions are kept was lost, not never made: reading
        it as an empty knowledge base would hide that, and the next write would make it so."""
        if self.history.backups() or self.history.redo_versions():
            raise DataError(
                f"{self.path} is missing, but versions of it are kept in "
                f"{self.history.folder}{self.history.restore_hint(missing=True)}"
            )

    def _read_bytes(self) -> bytes | None:
        try:
            with self.path.open("rb") as file:
                self.read_signature = signature_of(file.fileno())
                return file.read()
        except FileNotFoundError:
            self.check_not_missing()
            return None
        except IsADirectoryError:
            raise DataError(f"{self.path} is a directory, not a knowledge base file") from None
        except OSError as error:
            raise DataError(f"cannot read {self.path}: {error.strerror}") from None

    def _read(self) -> Tables:
        raw = self._read_bytes()
        return {} if raw is None else decode(raw, str(self.path), self._restore_hint)

    def tables(self) -> Tables:
        # A command reads the file once; TinyDB would re-read it for every table it queries.
        if self._cache is None:
            self._cache = self._read()
        return self._cache

    def _raw_tables(self) -> dict[str, msgspec.Raw]:
        if self._raw_cache is None:
            raw = self._read_bytes()
            self._raw_cache = (
                {} if raw is None else decode_tables(raw, str(self.path), self._restore_hint)
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

    def raw_records(self, table: str) -> Iterator[bytes] | None:
        """The records of ``table`` as their bytes stand in the file (indented for their
        place), when kb wrote every record of it (``Layout.canonical``); else None.

        Only the table's bytes are read, and records are split without being decoded:
        ``kb list --json`` of 160,000 instruments prints them as they stand.
        """
        if self._cache is not None or self._raw_cache is not None:
            return None
        laid_out = self._laid_out()
        if laid_out is None or not laid_out[1].canonical:
            return None
        file, layout = laid_out
        span = layout.tables.get(table)
        if span is None:
            return iter(())
        raw = os.pread(file.fileno(), span.stop - span.start, span.start)
        try:
            found = msgspec.json.decode(raw, type=dict[str, msgspec.Raw])
        except (msgspec.ValidationError, msgspec.DecodeError):
            return None
        return (bytes(record) for record in found.values())

    def _laid_out(self) -> tuple[BinaryIO, Layout] | None:
        """The file, opened, and where its tables lie in it, if kb wrote it and noted that
        (``kbtool.store.appending``). The file stays open, so that every table is read from the
        same version of it, even if a writer replaces it meanwhile."""
        if not self._layout_looked_for:
            self._layout_looked_for = True
            try:
                file = self.path.open("rb")
            except OSError:
                return None
            layout = appending.read_layout(self.path, signature_of(file.fileno()))
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
