"""The inter-process lock that lets writers of one knowledge base file take turns.

The lock is on ``FILE.lock``, a file of its own: the data file is replaced by every write,
and a lock on a replaced inode protects nothing. On POSIX it is ``flock`` on that file,
polled until a deadline: ``flock`` belongs to the open file, so two writers in one
process exclude each other as two processes do, and the kernel lets go of it when the
last process holding the open file ends (a writer that dies, and any child it forked
while holding it, such as the search index's builder). That is a few lines of the
standard library, imported in a millisecond; the ``filelock`` package does the same in
some 20 ms of imports, which every ``kb add`` and ``kb import`` would pay. It is kept for
Windows, where ``flock`` does not exist. On NFS, Linux emulates ``flock`` with per-process
record locks, so two writers in one process do not exclude each other there (kb runs one
writer per process), and a mount without locking gives no exclusion between machines.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

# How often a writer that waits tries the lock again (as filelock polls).
POLL_SECONDS = 0.05


class LockTimeout(Exception):
    """Another writer held the lock until the deadline."""


@contextlib.contextmanager
def exclusive(path: Path, timeout: float) -> Iterator[None]:
    """Hold the lock on ``path`` (made if missing) for the ``with`` block; ``LockTimeout``
    if another writer holds it for ``timeout`` seconds, ``OSError`` if it cannot be made."""
    if sys.platform == "win32":  # pragma: no cover - no flock on Windows
        from filelock import FileLock, Timeout

        lock = FileLock(path, timeout=timeout)
        try:
            lock.acquire()
        except Timeout:
            raise LockTimeout(str(path)) from None
        try:
            yield
        finally:
            lock.release()
        return
    import fcntl

    # 0o666 less the umask, as any file kb makes: a group that shares a folder shares its lock.
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    owner = os.getpid()
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(str(path)) from None
                time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            # Unlocked explicitly: closing this descriptor would not let go of the lock
            # while a child forked meanwhile (the index's builder) still holds the open
            # file. And only by the process that took it: a child that ran this would
            # unlock its parent in the middle of a write.
            if os.getpid() == owner:
                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
