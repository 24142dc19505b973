"""Building a new knowledge base's index in a second process while its file is written.

An import into a new knowledge base validates its records, then checks and writes them to
the file, then builds the index: each costs about as much as the index, and all are Python
(so held by one lock) but for SQLite's part. On a machine of two cores or more, a child
forked as soon as the import is read takes its documents, reads them as records without
their constraints (``kbtool.models.unchecked``: the parent validates them meanwhile), and
builds the index into a temporary file while the parent validates, checks and writes the
knowledge base file; the parent then signs the index with the file it wrote and renames it
into place (``finish``). A batch refused or a write that fails stops the child and removes
what it wrote (``cancel``); a child whose parent is gone stops at its next batch, so that a
killed ``kb`` leaves the lock free soon, and removes its file.

Until it is signed, the temporary index describes no file: one left behind is never read.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import msgspec

from kbtool.models import Instrument, Quotation, Record, RecordType, Source, unchecked
from kbtool.search import index_building, index_files
from kbtool.store.files import Signature

# Fewer records than this are indexed in the writing process: a fork and a process to wait
# for cost more than the index of a few hundred records. (kb import of 1,072 records into a
# new file took 0.17 s in one process, 0.15 s in two; of 2,982, 0.28 s and 0.23 s.)
BACKGROUND_FROM = 1_000


class BackgroundBuild:
    """The index of records about to be written, being built by a child process."""

    def __init__(self, db_path: Path, pid: int, temporary: Path) -> None:
        self.db_path = db_path
        self.pid: int | None = pid
        self.temporary = temporary

    def finish(self, file_signature: Signature, written: Sequence[Record]) -> None:
        """Compress the JSON of the records ``written`` (the documents the build was started
        with, validated) for the index, wait for the child, then put its index in place as
        the index of the file written, whose signature is ``file_signature``; raise
        ``RuntimeError`` if it failed."""
        if self.pid is None:
            raise RuntimeError("the index build was cancelled")
        # The parent's share, while the child analyses: it has written the file by now.
        bodies = index_building.body_blocks(
            [r for r in written if isinstance(r, Instrument)],
            [r for r in written if isinstance(r, Quotation)],
            [r for r in written if isinstance(r, Source)],
        )
        pid, self.pid = self.pid, None
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            self._remove_temporary()
            raise RuntimeError("the index was not built")
        try:
            index_building.complete(self.temporary, file_signature, bodies)
        except BaseException:
            self._remove_temporary()
            raise
        index_files.put_in_place(self.temporary, self.db_path)

    def cancel(self) -> None:
        """Stop the child, if it still runs, and remove what it wrote."""
        pid, self.pid = self.pid, None
        if pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
        self._remove_temporary()

    def _remove_temporary(self) -> None:
        with contextlib.suppress(OSError):
            self.temporary.unlink()


def start(db_path: Path, documents: Mapping[str, Sequence[Any]]) -> BackgroundBuild | None:
    """Start building, in a child process, the index of the records these documents are
    (by table, as ``kb import`` read them, before they are validated); None when this
    machine or this many records are better served by building it after the write."""
    if (
        sum(map(len, documents.values())) < BACKGROUND_FROM
        or not sys.platform.startswith("linux")  # fork is Linux's; elsewhere, one process
        or (os.cpu_count() or 1) < 2
    ):
        return None
    temporary = index_files.temporary_path(db_path)
    parent = os.getpid()
    # The child reads the documents but frees none of them: frozen, the garbage collector
    # leaves their pages unwritten, so that they stay shared with the parent, not copied.
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        return None
    if pid == 0:
        _build_and_exit(temporary, parent, documents)
    gc.unfreeze()
    return BackgroundBuild(db_path, pid, temporary)


def _build_and_exit(temporary: Path, parent: int, documents: Mapping[str, Sequence[Any]]) -> None:
    """The child: build the index into ``temporary``, then leave, successful or not,
    without running any of the parent's clean-up (``os._exit``). A document that is not a
    record fails it: the parent refuses the batch then, and cancels it."""
    code = 1
    try:
        # Ctrl-C reaches the parent too, which cancels the build.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        instruments = _records(documents, "instruments", Instrument)
        quotations = _records(documents, "quotations", Quotation)
        sources = _records(documents, "sources", Source)
        index_building.write_temporary(
            temporary,
            None,
            instruments,
            quotations,
            sources,
            abandoned=lambda: os.getppid() != parent,
            with_bodies=False,  # the parent's share (``finish``)
        )
        code = 0
        if os.getppid() != parent:
            code = 1
            temporary.unlink()
    finally:
        os._exit(code)


def _records(
    documents: Mapping[str, Sequence[Any]], table: str, record_type: type[RecordType]
) -> list[RecordType]:
    read = unchecked(record_type)
    return [msgspec.convert(document, read) for document in documents.get(table, [])]
