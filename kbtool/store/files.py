"""Files on disk: a file's signature, and replacing a file atomically and durably."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import msgspec

if TYPE_CHECKING:
    pass


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
