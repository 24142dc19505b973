"""Files on disk: a file's signature, and replacing a file atomically and durably."""

from __future__ import annotations

import contextlib
import os
import stat
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import msgspec

if TYPE_CHECKING:
    pass


Signature = list[int]
# How much of each end of a file its signature reads: one block, cheap to read at every
# start-up (``kb list --json``, ``kb search``), and where a hand edit that keeps the size
# lands more often than not (the last record, a closing brace, the first table).
EDGE_BYTES = 4096


def signature(path: Path) -> Signature | None:
    """What changes whenever the file does: kb replaces it, so its inode changes too."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        return signature_of(fd)
    except OSError:
        return None
    finally:
        os.close(fd)


def signature_of(fd: int) -> Signature:
    """The signature of the open file ``fd``: its size, modification time and inode, which
    any writer that replaces it changes, and a checksum of its first and last blocks, which
    a program that rewrites it in place and puts its time back (``cp -p``, ``rsync``, an
    editor) rarely leaves as they were."""
    status = os.fstat(fd)
    size = status.st_size
    checksum = zlib.crc32(os.pread(fd, EDGE_BYTES, 0))
    if size > EDGE_BYTES:
        checksum = zlib.crc32(
            os.pread(fd, EDGE_BYTES, max(EDGE_BYTES, size - EDGE_BYTES)), checksum
        )
    return [size, status.st_mtime_ns, status.st_ino, checksum]


def fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable; some platforms cannot open a directory, and there
    # the rename is as durable as the platform makes it.
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def writable(path: Path) -> bool:
    """Whether kb may replace ``path``: a missing file may be made. By its permissions as
    well as by ``os.access``: root may write any file, yet a file made read-only
    (``chmod a-w``) says its owner wants it left alone."""
    try:
        status = path.stat()
    except OSError:
        return True
    return bool(stat.S_IMODE(status.st_mode) & 0o222) and os.access(path, os.W_OK)


def remove_stale_temporaries(path: Path, locked_at: float) -> None:
    """Remove what writers of ``path`` killed before their rename left behind.

    Called under ``path``'s lock, taken at ``locked_at`` (``time.time()``). Only writers of
    ``path`` make temporaries named exactly so (``.FILE.`` and the eight characters of
    ``_new_temporary``, or ``layout.`` and a process id: not ``.FILE.x.…`` of a knowledge base
    named ``FILE.x``, nor the index's), and only under that lock: one last changed before
    it was taken belongs to a writer that is gone.
    """
    import re

    # ".FILE.layout.PID.tmp": the layout kept beside the file (``appending.write_layout``),
    # also written only under the lock.
    own = re.compile(
        re.escape(f".{path.name}.") + r"(?:[a-z0-9_]{8}|layout\.\d+)" + re.escape(".tmp")
    )
    try:
        names = [name for name in os.listdir(path.parent) if own.fullmatch(name)]
    except OSError:
        return
    for name in names:
        leftover = path.parent / name
        with contextlib.suppress(OSError):
            if leftover.lstat().st_mtime < locked_at:
                leftover.unlink()


def write_atomically(
    path: Path,
    payload: bytes | Iterable[bytes | msgspec.Raw] | Callable[[BinaryIO], None],
) -> Signature:
    """Replace ``path`` with ``payload`` (bytes, pieces of them, or a function that writes
    them to the file it is given) so that a crash leaves the old file or the new.

    Returns the signature of the file written, taken before it replaces ``path`` (a rename
    keeps it), so that it cannot be another program's file that replaced it since."""
    directory = path.parent
    fd, temporary = _new_temporary(path)
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
            written = signature_of(file.fileno())
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


def _new_temporary(path: Path) -> tuple[int, str]:
    """A new file beside ``path`` for ``write_atomically``, named as ``mkstemp`` would name
    it (``.FILE.`` and eight characters, ``.tmp``) and made as it makes one: created, not
    opened if it exists, read and written by its owner only. Not ``tempfile`` itself: it
    imports shutil, random, bz2 and lzma, 3 ms of every write's start-up."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _attempt in range(100):
        temporary = str(path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp"))
        try:
            return os.open(temporary, flags, 0o600), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"no new temporary file could be made beside {path}")


class Flushing:
    """A file being written, flushed to disk by a second thread as it grows.

    ``write_atomically`` syncs the new file before it replaces the old: for a copy of a
    large file (``appending.copy_with_splices``) that was the disk writing all of it after
    the copy (at 160k instruments, 0.12 s after 0.14 s of copying 435 MB). ``nudge``, after
    each piece written, starts a flush (``fdatasync``, or ``fsync`` where there is none) in a
    thread if none runs, so that the disk
    writes what is copied while more is copied, and the final sync waits for the last piece
    only. A failed flush is raised by ``join``: the kernel reports a failed write once per
    open file, to whichever call flushes first, and the final sync would not see it.
    """

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._thread: Any = None
        self._error: Exception | None = None

    def nudge(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        import threading  # only for a large copy, not at every write's start-up

        self._thread = threading.Thread(target=self._flush, daemon=True)
        self._thread.start()

    def _flush(self) -> None:
        # fdatasync (the data, not the file's times) where the system has it: not macOS
        # nor Windows.
        flush = getattr(os, "fdatasync", os.fsync)
        try:
            flush(self.fd)
        except Exception as error:  # raised by ``join``, in the writing thread
            self._error = self._error or error

    def join(self) -> None:
        """Wait for the flush that runs, if one does, even through Ctrl-C (its file is
        closed after this); raise the first error a flush failed with."""
        interrupted: BaseException | None = None
        while self._thread is not None and self._thread.is_alive():
            try:
                self._thread.join()
            except BaseException as interruption:
                interrupted = interrupted or interruption
        if interrupted is not None:
            raise interrupted
        if self._error is not None:
            raise self._error


def write_output(path: Path, data: bytes) -> None:
    """Write ``data`` to what the user named as an output file, as a user expects of it.

    A regular file (or a new one) is replaced atomically, as the knowledge base is: a reader
    never sees half of it. Through a symbolic link, the file it points to is written and the
    link stays. A FIFO, a terminal or another device is opened and written, as a shell's
    ``>`` would: replacing it would give a FIFO's reader nothing and turn ``/dev/null`` into
    a file. A directory is refused.
    """
    from kbtool.errors import DataError

    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise DataError(f"cannot write {path}: {error.strerror}") from None
    try:
        if mode is None or stat.S_ISREG(mode):
            write_atomically(target, data)
        elif stat.S_ISDIR(mode):
            raise DataError(f"{path} is a directory: give the name of a file to write")
        else:
            with target.open("wb") as stream:
                stream.write(data)
    except OSError as error:
        raise DataError(f"cannot write {path}: {error.strerror or error}") from None


def is_kept_with(db_path: Path, path: Path) -> bool:
    """Whether ``path`` is the knowledge base file at ``db_path`` or one kb keeps beside it:
    its search index, layout, lock, or a version in its backups (what an export must never
    replace)."""
    target = Path(os.path.realpath(path))
    db = Path(os.path.realpath(db_path))
    if target.parent == db.parent and (
        target.name == db.name
        or target.name.startswith(db.name + ".")  # FILE.index, FILE.layout, FILE.lock, ...
    ):
        return True
    return db.with_name(db.name + ".backups") in target.parents
