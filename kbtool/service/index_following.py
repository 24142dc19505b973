"""After a write: the search index beside the file follows it, in the same transaction.

An update of the rows the write changed when the index describes the file as it was; a new
file's index built in the background since before it was written, or built from the
records written; else a rebuild from the file. The index only saves time: when any of this
fails it is removed, and the next search rebuilds it.

A write that copies a large file (``kb import`` in place) is mostly the kernel's: copying
and syncing. ``write_following`` makes it while the index is updated (in a child process
for a large batch, else in this thread while a second one writes), and commits the update
once the file is written, as ``follow_write`` would after it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from kbtool.errors import DataError
from kbtool.models import Instrument, Quotation, Source
from kbtool.service.reading import Reader, Record
from kbtool.store.files import Signature
from kbtool.store.transactions import FileStore

if TYPE_CHECKING:
    from kbtool.search.background_build import BackgroundBuild
    from kbtool.search.background_update import BackgroundUpdate


def follow_write(
    store: FileStore,
    written: Sequence[Record],
    removed: Sequence[str],
    building: BackgroundBuild | None = None,
) -> None:
    """Bring the search index beside ``store``'s file up to date after a write; ``building``
    is the index of a new file's records, being built since before it was written.

    The index only saves time: if it cannot be updated or built, it is removed, and the
    next search rebuilds it (or searches without it).
    """
    from kbtool.search import disk_index, index_building, index_files, index_updates

    after = store.written_signature
    if after is None:
        return
    index_files.remove_abandoned(store.path)
    try:
        if index_updates.update(store.path, store.loaded_signature, after, written, removed):
            return
        if store.loaded_signature is None and not removed:
            # A new file (``kb import`` into a new knowledge base): the records written are
            # all there is, in the order of their tables; no need to read them back.
            if building is not None:
                building.finish(after, written)
                return
            instruments = [r for r in written if isinstance(r, Instrument)]
            quotations = [r for r in written if isinstance(r, Quotation)]
            sources = [r for r in written if isinstance(r, Source)]
            index_building.build(store.path, after, instruments, quotations, sources)
            return
        reader = FileStore(store.path, read_only=True)
        fresh = Reader(reader)
        records = fresh.instruments, fresh.quotations, fresh.sources
        if reader.read_signature != after:
            raise DataError("the file was replaced while it was indexed")
        index_building.build(store.path, after, *records)
    except Exception:  # the write is saved; whatever failed here, the index is only a cache
        with contextlib.suppress(OSError):
            disk_index.index_path(store.path).unlink()


def write_following(
    store: FileStore,
    before: Signature,
    write: Callable[[], None],
    written: Sequence[Record],
    updating: BackgroundUpdate | None = None,
) -> None:
    """``write`` (which replaces ``store``'s file, whose signature was ``before``, adding
    ``written``) while the index takes ``written``: as ``write`` then ``follow_write``, but
    the copying and syncing of the file overlap the index's work. ``updating`` is that
    work, started in a child process (``kbtool.search.background_update``); without it,
    ``write`` runs in a second thread (its system calls let go of the GIL) while this one
    updates the index. If ``write`` fails, its error is raised and the index is left as it
    was, describing the file as it still is.

    Under the store's lock: it returns only once the thread or the child has finished,
    whatever happens.
    """
    if updating is not None:
        _write_beside(store, write, written, updating)
        return
    import threading

    from kbtool.search import disk_index, index_files, index_updates

    failed: list[BaseException] = []

    def run() -> None:
        try:
            write()
        except BaseException as error:  # raised again in this thread
            failed.append(error)

    def written_signature() -> Signature:
        thread.join()
        if failed:
            raise failed[0]
        after = store.written_signature
        assert after is not None  # a write that returned wrote a file
        return after

    index_files.remove_abandoned(store.path)
    thread = threading.Thread(target=run, name="kb-write")
    thread.start()
    try:
        updated = index_updates.update(store.path, before, written_signature, written, [])
    except Exception:
        thread.join()
        if failed:  # the write's error, which ``written_signature`` raised: nothing written
            raise failed[0] from None
        # The update failed on its own, the file is written: the index is only a cache,
        # which the next search builds anew.
        with contextlib.suppress(OSError):
            disk_index.index_path(store.path).unlink()
        return
    finally:
        thread.join()  # under the lock, the file is never left being written
    if failed:
        raise failed[0]
    if not updated:  # the index did not describe the file: built anew, as after any write
        follow_write(store, written, [])


def _write_beside(
    store: FileStore,
    write: Callable[[], None],
    written: Sequence[Record],
    updating: BackgroundUpdate,
) -> None:
    """``write``, then let the child that updates the index commit, as the new file's."""
    from kbtool.search import disk_index, index_files

    index_files.remove_abandoned(store.path)
    try:
        write()
    except BaseException:
        updating.cancel()  # the file is as it was, and so is its index
        raise
    after = store.written_signature
    assert after is not None  # a write that returned wrote a file
    try:
        updated = updating.finish(after)
    except RuntimeError:
        # The update failed on its own, the file is written: the index is only a cache,
        # which the next search builds anew.
        with contextlib.suppress(OSError):
            disk_index.index_path(store.path).unlink()
        return
    if not updated:  # the index did not describe the file: built anew, as after any write
        follow_write(store, written, [])
