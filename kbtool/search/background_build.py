"""Building a new knowledge base's index in a second process while its file is written.

An import into a new knowledge base validates its records, then checks and writes them to
the file, then builds the index: the last two cost about the same, and are Python (so held
by one lock) but for SQLite's part. On a machine of two cores or more, a child forked once
the records are validated shares them without copying, and builds the index into a
temporary file while the parent writes the knowledge base file; the parent then signs the
index with the file it wrote and renames it into place (``finish``). A write that fails
stops the child and removes what it wrote (``cancel``); a child whose parent is gone stops
at its next batch, so that a killed ``kb`` leaves the lock free soon, and removes its file.

Until it is signed, the temporary index describes no file: one left behind is never read.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from kbtool.models import Instrument, Quotation, Source
from kbtool.search import index_building, index_files
from kbtool.store.files import Signature

Records = tuple[Sequence[Instrument], Sequence[Quotation], Sequence[Source]]

# Fewer records than this are indexed in the writing process: a fork and a process to wait
# for cost more than the index of a few hundred records. (kb import of 1,072 records into a
# new file took 0.17 s in one process, 0.15 s in two; of 2,982, 0.28 s and 0.23 s.)
BACKGROUND_FROM = 1_000


class BackgroundBuild:
    """The index of records about to be written, being built by a child process."""

    def __init__(self, db_path: Path, pid: int, temporary: Path, records: Records) -> None:
        self.db_path = db_path
        self.pid: int | None = pid
        self.temporary = temporary
        self.records = records

    def finish(self, file_signature: Signature) -> None:
        """Compress the records' JSON for the index, wait for the child, then put its index
        in place as the index of the file written, whose signature is ``file_signature``;
        raise ``RuntimeError`` if it failed."""
        if self.pid is None:
            raise RuntimeError("the index build was cancelled")
        # The parent's share, while the child analyses: it has written the file by now.
        bodies = index_building.body_blocks(*self.records)
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


def start(
    db_path: Path,
    instruments: Sequence[Instrument],
    quotations: Sequence[Quotation],
    sources: Sequence[Source],
) -> BackgroundBuild | None:
    """Start building the index of these records in a child process; None when this
    machine or this many records are better served by building it after the write."""
    if (
        len(instruments) + len(quotations) + len(sources) < BACKGROUND_FROM
        or not sys.platform.startswith("linux")  # fork is Linux's; elsewhere, one process
        or (os.cpu_count() or 1) < 2
    ):
        return None
    temporary = index_files.temporary_path(db_path)
    parent = os.getpid()
    # The child reads the records but frees none of them: frozen, the garbage collector
    # leaves their pages unwritten, so that they stay shared with the parent, not copied.
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        return None
    if pid == 0:
        _build_and_exit(temporary, parent, instruments, quotations, sources)
    gc.unfreeze()
    return BackgroundBuild(db_path, pid, temporary, (instruments, quotations, sources))


def _build_and_exit(
    temporary: Path,
    parent: int,
    instruments: Sequence[Instrument],
    quotations: Sequence[Quotation],
    sources: Sequence[Source],
) -> None:
    """The child: build the index into ``temporary``, then leave, successful or not,
    without running any of the parent's clean-up (``os._exit``)."""
    code = 1
    try:
        # Ctrl-C reaches the parent too, which cancels the build.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
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
