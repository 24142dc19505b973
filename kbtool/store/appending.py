"""Adding records to a knowledge base file without parsing it.

A write replaces the whole file (see ``kbtool.store.transactions``), and for a large knowledge base
parsing and re-encoding it costs seconds, most of it for a ``kb add`` that changes one
table by one record. When kb itself wrote the file, it knows where each table lies in it:
``FILE.layout`` records the byte span of every table, its largest document id and its size,
with the signature of the file it describes. Records added at the end of tables (``kb add``'s
one, or ``kb import``'s new records) are then the old file's bytes up to a table's closing
brace, the new records, and so on to the end: copied by the kernel, not parsed. The result
is the very file TinyDB's insert (or an import's transaction) and kb's encoder would have
written (tests compare the two byte for byte).

A layout whose signature is not the file's (any other program wrote it, or the layout is
missing or unreadable) is not used; the write then takes the ordinary way, which writes a
new layout.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import BinaryIO, NamedTuple

import msgspec

from kbtool.store.files import Flushing

LAYOUT_VERSION = 1
# A file copied is flushed to disk by this much at a time, while the rest is copied: 32 MB
# pieces took a 435 MB copy and its sync from 0.25-0.35 s to 0.16-0.18 s, 64 MB ones to
# 0.18-0.20 s (on this 2-core machine, a virtio disk).
FLUSH_EVERY = 32 << 20
# Appending goes before this: a table's last record is followed by its closing brace.
TABLE_CLOSING = b"\n  }"


class TableSpan(msgspec.Struct, array_like=True):
    """Where one table stands in the file."""

    start: int  # offset of the table's opening brace
    stop: int  # offset just past its closing brace
    last_key: int  # the largest TinyDB document id; -1 if a key is not a number
    size: int  # number of records


class Layout(msgspec.Struct):
    signature: list[int]
    tables: dict[str, TableSpan]
    version: int = LAYOUT_VERSION
    # Every record of the file as kb formats a record it has checked: written by kb, or
    # copied from a file that was so too. ``kb list`` then prints the records' bytes as
    # they stand, without decoding them (``FileStore.raw_records``).
    canonical: bool = False
    # Every record of the file passed ``kb verify``'s checks when kb wrote it: a write made
    # them all on the file it started from, or started from a file that had passed them and
    # checked what it added (``kbtool.service.writing``). A write to such a file need not
    # read every record again to know the records it does not touch are sound.
    checked: bool = False


def layout_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".layout")


def largest_key(keys: list[str]) -> int:
    """TinyDB's largest document id among ``keys``; -1 if one is not a number as TinyDB
    writes it ("01" is rewritten "1" by TinyDB's next write of the table, but not by an
    append, which would then write other bytes than TinyDB)."""
    try:
        numbers = list(map(int, keys))
    except ValueError:
        return -1
    if any(str(number) != key for number, key in zip(numbers, keys, strict=True)):
        return -1
    return max(numbers, default=0)


def read_layout(db_path: Path, signature: list[int] | None) -> Layout | None:
    """The layout of ``db_path`` if it describes the file with this signature."""
    if signature is None:
        return None
    layout = read_layout_unchecked(db_path)
    return layout if layout is not None and layout.signature == signature else None


def read_layout_unchecked(db_path: Path) -> Layout | None:
    """The layout of the file kb last wrote at ``db_path``, whatever is there now."""
    try:
        layout = msgspec.json.decode(layout_path(db_path).read_bytes(), type=Layout)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None
    return layout if layout.version == LAYOUT_VERSION else None


def write_layout(db_path: Path, layout: Layout) -> None:
    """Keep ``layout`` beside the file. It only saves time, so it is written without the
    care the data gets: a torn or old layout does not match the file's signature."""
    target = layout_path(db_path)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(msgspec.json.encode(layout))
        os.replace(temporary, target)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        forget_layout(db_path)


def forget_layout(db_path: Path) -> None:
    with contextlib.suppress(OSError):
        layout_path(db_path).unlink()


class Splice(NamedTuple):
    """Bytes put in place of the old file's bytes from ``start`` to ``stop`` (none: an
    insertion)."""

    start: int
    stop: int
    inserted: bytes


def can_append(layout: Layout, table: str) -> bool:
    """Whether records can be added at the end of ``table`` in place.

    A table with a key that is not a number has no next id: it takes the ordinary way.
    """
    span = layout.tables.get(table)
    return span is not None and span.last_key >= 0


def splice_records(span: TableSpan, records: list[bytes]) -> Splice:
    """The splice that adds ``records`` (each as ``kbtool.store.encoding.encode_record``
    gives it) at the end of the table at ``span``: after its last record, or, for an empty
    table (written ``{}``), in place of the whole table."""
    joined = b",".join(records)
    if span.size == 0:
        return Splice(span.start, span.stop, b"{" + joined + TABLE_CLOSING)
    at = span.stop - len(TABLE_CLOSING)
    return Splice(at, at, b"," + joined)


def expected_at(span: TableSpan) -> tuple[int, bytes]:
    """Where the bytes ``splice_records`` relies on stand in the file, and what they are:
    the end of the last record and the table's closing brace, or an empty table."""
    if span.size == 0:
        return span.start, b"{}" if span.stop - span.start == 2 else b""
    return span.stop - len(TABLE_CLOSING) - 1, b"}" + TABLE_CLOSING


def after_splices(layout: Layout, added: dict[str, tuple[Splice, int]]) -> dict[str, TableSpan]:
    """The tables' spans once each table of ``added`` has its splice, adding that many
    records."""
    splices = [splice for splice, _count in added.values()]

    def moved(offset: int) -> int:
        # A splice that begins before an offset moves it; a table's own splice begins at or
        # after its opening brace, so that brace stays where it was.
        return offset + sum(
            len(s.inserted) - (s.stop - s.start) for s in splices if s.start < offset
        )

    spans = {}
    for name, span in layout.tables.items():
        count = added[name][1] if name in added else 0
        spans[name] = TableSpan(
            moved(span.start), moved(span.stop), span.last_key + count, span.size + count
        )
    return spans


def copy_with_splices(source: BinaryIO, target: BinaryIO, splices: list[Splice]) -> None:
    """Write ``source``'s bytes to ``target`` with each splice made (in the order of the
    file; they do not overlap). A large file is flushed to disk as it is copied
    (``files.Flushing``)."""
    source.seek(0, os.SEEK_END)
    size = source.tell()
    flushing = Flushing(target.fileno()) if size >= 2 * FLUSH_EVERY else None
    position = 0
    try:
        for splice in sorted(splices):
            _copy_range(source, target, position, splice.start, flushing)
            target.write(splice.inserted)
            position = splice.stop
        _copy_range(source, target, position, size, flushing)
    except BaseException:
        if flushing is not None:
            with contextlib.suppress(Exception):  # the copy's own error is the one to report
                flushing.join()
        raise
    if flushing is not None:
        flushing.join()  # before the file is closed; the caller's sync finishes the rest


def _copy_range(
    source: BinaryIO, target: BinaryIO, start: int, stop: int, flushing: Flushing | None
) -> None:
    target.flush()
    position = start
    # In the kernel where it can (no copy through this process's memory).
    copy_file_range = getattr(os, "copy_file_range", None)
    if copy_file_range is not None:
        target_offset = target.tell()
        with contextlib.suppress(OSError):  # not on this file system: the slow way below
            while position < stop:
                copied = copy_file_range(
                    source.fileno(),
                    target.fileno(),
                    min(stop - position, FLUSH_EVERY),
                    position,
                    target_offset,
                )
                if copied == 0:
                    break
                position += copied
                target_offset += copied
                if flushing is not None:
                    flushing.nudge()
        target.seek(target_offset)  # explicit offsets leave the file positions where they were
    source.seek(position)
    while position < stop:
        block = source.read(min(8 << 20, stop - position))
        if not block:
            raise OSError(f"the file ended {stop - position} bytes early while it was copied")
        target.write(block)
        position += len(block)
        if flushing is not None and position % FLUSH_EVERY < len(block):
            target.flush()
            flushing.nudge()
