"""Updating an index in a second process while the knowledge base file is written.

``kb import`` of new records into a large knowledge base copies and syncs its file (the
kernel's work) and updates the index (analysis in Python, then SQLite's FTS5): a few tenths
of a second each. In one process the update waits for the checks and shares one lock with
them. On a machine of two cores or more, a child forked as soon as the batch is read
(``start``) reads its documents as records without their constraints
(``kbtool.models.unchecked``: the parent validates them meanwhile, and cancels the child if
any is refused) and analyses their text, which needs no index, while the parent validates
the records, takes the lock and reads what its checks need; once the batch can go in place
the parent sends the signature of the file the index describes (``begin``), and the child
updates the index while the parent checks the records and writes the file. The update is
committed only once the parent sends the new file's signature (``finish``), so that the
index never describes a file that is not in place. A write that fails or is refused closes
the pipe unsent (``cancel``): the child rolls the update back, and the index describes the
file as it still is. So does a child whose parent is killed, which finds the pipe closed; a
child killed itself leaves SQLite's journal, which the next reader plays back. A child
cancelled before ``begin`` has not opened the index: it is killed, not waited for.

The parent must hold no connection to the index when it forks (SQLite's connections do not
survive a fork), and the child leaves through ``os._exit``, running none of the parent's
clean-up.
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

from kbtool.models import TABLES, Instrument, Quotation, Source, unchecked
from kbtool.store.files import Signature

# Fewer records than this are indexed in the writing process: a fork and a process to wait
# for cost more than the update of a few hundred records.
BACKGROUND_FROM = 1_000

# How the child ended (its exit code).
_UPDATED, _FAILED, _NOT_CURRENT, _CANCELLED = 0, 1, 3, 4


class _Cancelled(Exception):
    """The parent closed the pipe without a signature: nothing is to be committed."""


class BackgroundUpdate:
    """The index of a file being updated by a child process, waiting to commit."""

    def __init__(self, pid: int, pipe: int) -> None:
        self.pid: int | None = pid
        self.pipe = pipe  # the end the files' signatures are written to, one a line
        self.begun = False

    def begin(self, before: Signature) -> None:
        """Let the child update the index, which is to describe the file whose signature is
        ``before`` (the file the records go into, under the store's lock)."""
        if self.pid is None:
            raise RuntimeError("the index's update was cancelled")
        self.begun = True
        with contextlib.suppress(OSError):  # the child is gone: ``finish`` says why
            os.write(self.pipe, msgspec.json.encode(before) + b"\n")

    def finish(self, file_signature: Signature) -> bool:
        """Let the child commit its update, as the index of the file whose signature is
        ``file_signature``, and wait for it. False when the index did not describe the file
        before the write (nothing was updated: the caller builds it anew); ``RuntimeError``
        when the update failed."""
        if self.pid is None or not self.begun:
            raise RuntimeError("the index's update was cancelled or not begun")
        pid, self.pid = self.pid, None
        try:
            with os.fdopen(self.pipe, "wb") as pipe:
                pipe.write(msgspec.json.encode(file_signature) + b"\n")
        except OSError:  # the child is gone: its exit code says why
            pass
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code == _NOT_CURRENT:
            return False
        if code != _UPDATED:
            raise RuntimeError("the index was not updated")
        return True

    def cancel(self) -> None:
        """Have the child roll its update back, and wait for it; a child not begun has not
        opened the index, and is stopped at once. Nothing once finished or cancelled."""
        pid, self.pid = self.pid, None
        if pid is None:
            return
        if not self.begun:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.close(self.pipe)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


def start(db_path: Path, documents: Mapping[str, Sequence[Any]]) -> BackgroundUpdate | None:
    """Start updating the index of ``db_path`` with the records these documents are (by
    table, as ``kb import`` read them, before they are validated), to be written at the end
    of their tables in this order, in a child process that waits for ``begin`` to open the
    index; None when this machine or this many records are better served in this process."""
    if (
        sum(map(len, documents.values())) < BACKGROUND_FROM
        or not sys.platform.startswith("linux")  # fork is Linux's; elsewhere, one process
        or (os.cpu_count() or 1) < 2
    ):
        return None
    reading, writing = os.pipe()
    # The child reads the documents but frees none of them: frozen, the garbage collector
    # leaves their pages unwritten, so that they stay shared with the parent, not copied.
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        os.close(reading)
        os.close(writing)
        return None
    if pid == 0:
        os.close(writing)
        _update_and_exit(db_path, documents, reading)
    gc.unfreeze()
    os.close(reading)
    return BackgroundUpdate(pid, writing)


def _update_and_exit(db_path: Path, documents: Mapping[str, Sequence[Any]], pipe: int) -> None:
    """The child: read and analyse the records, update the index once the parent sends the
    signature of the file it describes, commit once it sends the new file's, then leave,
    successful or not, without running any of the parent's clean-up. A document that is not
    a record fails it: the parent refuses the batch then, and cancels it."""
    code = _FAILED
    try:
        # Ctrl-C reaches the parent too, which cancels the update.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        from kbtool.search import index_updates

        with os.fdopen(pipe, "rb") as reading:

            def next_signature() -> Signature:
                sent = reading.readline()
                if not sent.endswith(b"\n"):
                    raise _Cancelled
                return msgspec.json.decode(sent, type=Signature)

            written: list[Instrument | Quotation | Source] = [
                msgspec.convert(document, unchecked(TABLES[table]))
                for table, table_documents in documents.items()
                for document in table_documents
            ]
            analysed = index_updates.analysed_by_type(written)
            before = next_signature()
            updated = index_updates.update(db_path, before, next_signature, written, [], analysed)
        code = _UPDATED if updated else _NOT_CURRENT
    except _Cancelled:
        code = _CANCELLED
    finally:
        os._exit(code)
