"""Building ``FILE.index`` from every record: analysed once, written in one transaction.

A record's own fields are analysed into the text of its row of ``terms`` (folded words
joined by spaces, which FTS5's ``ascii`` tokenizer splits back into exactly those words);
FTS5 does the rest in C. The file's schema and how it is read are in
``kbtool.search.disk_index``.
"""

from __future__ import annotations

import contextlib
import sqlite3
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import repeat
from operator import sub
from pathlib import Path
from typing import Any, Protocol

import msgspec

from kbtool.models import Instrument, Quotation, Source
from kbtool.search.analysis import VALUE_MARK, stems_of, word_texts
from kbtool.search.bodies import BLOCK, Bodies, block_compressor
from kbtool.search.disk_index import (
    FIELD_CODES,
    FORMAT_VERSION,
    INSERT_TERMS,
    OWN_CODES,
    SCHEMA,
    SEPARATOR,
    Record,
    lengths_name,
)
from kbtool.search.documents import FIELD_NAMES, own_field_texts
from kbtool.search.index_files import put_in_place, temporary_path
from kbtool.store.files import Signature

# The records' rows are written this many at a time (their bodies kept in memory till then).
_BATCH = 5_000
# SQLite's page cache while the index is built, in KiB; and FTS5's buffer of new rows.
_CACHE_KIB = 262_144
_HASH_SIZE = 64 << 20
# How much of the records' JSON the bodies' dictionary holds (deflate looks back 32 KiB).
_DICTIONARY_SIZE = 16_384
# Field names, so that even the first record of a new knowledge base compresses well.
_KEYS = b'{"id":"","title":"","kind":"","status":"","parties":[],"sectors":[],"places":[]}'
# The fewest documents an array of lengths or links has room for beyond the last one: at
# 160k instruments, each of 18 arrays is 1 to 2 MB, which a batch of new records rewrote.
_ROOM = 1_024


class Analysed(msgspec.Struct, frozen=True):
    """Records of one type, each one's own fields as its row of ``terms``: by field code,
    each record's text of the column, and each record's length of the field in words."""

    columns: dict[int, list[str]]
    lengths: dict[int, list[int]]

    def rows(self, numbers: Iterable[int]) -> Iterator[tuple[Any, ...]]:
        """The rows of ``terms``, a record's number and its columns in ``OWN_CODES`` order."""
        found = self.columns
        return zip(numbers, *(found.get(code, repeat(None)) for code in OWN_CODES), strict=False)

    def words(self) -> set[str]:
        found = {word for texts in self.columns.values() for word in " ".join(texts).split()}
        found.discard(SEPARATOR)
        return found


def analysed(records: Sequence[Instrument] | Sequence[Quotation]) -> Analysed:
    """Records of one type analysed together (``kbtool.search.analysis.word_texts``)."""
    columns: dict[int, list[str]] = {}
    lengths: dict[int, list[int]] = {}
    for name, field in own_field_texts(records, VALUE_MARK).items():
        code = FIELD_CODES[name]
        pieces = columns[code] = word_texts(field, SEPARATOR)
        # Words: the spaces less one, less the separators between values.
        spaces = map(str.count, pieces, repeat(" "))
        separators = map(str.count, pieces, repeat(SEPARATOR))
        lengths[code] = list(map(sub, map(sub, spaces, repeat(1)), separators))
    return Analysed(columns, lengths)


def by_type(records: Iterable[Any]) -> tuple[list[Instrument], list[Quotation]]:
    instruments = [r for r in records if isinstance(r, Instrument)]
    quotations = [r for r in records if isinstance(r, Quotation)]
    return instruments, quotations


def dictionary(records: Sequence[Record]) -> bytes:
    """What the bodies are compressed against: records' JSON from across the file."""
    step = max(1, len(records) // 64)
    sample = b"".join(msgspec.json.encode(record) for record in records[::step])
    return (_KEYS + sample)[-_DICTIONARY_SIZE:]


def new_lengths(size: int) -> dict[int, array[int]]:
    return {code: array("H", bytes(2 * size)) for code in range(len(FIELD_NAMES))}


def totals_of(lengths: Mapping[int, array[int]]) -> dict[str, list[int]]:
    """Each field's total length, and how many documents have it."""
    return {
        str(code): [sum(found), len(found) - found.count(0)]
        for code, found in lengths.items()
        if any(found)
    }


def write_words(connection: sqlite3.Connection, words: Iterable[str]) -> None:
    ordered = sorted(words)
    connection.executemany(
        "INSERT OR IGNORE INTO words VALUES (?, ?)", zip(ordered, stems_of(ordered), strict=True)
    )


def with_room(values: array[Any], filler: int) -> array[Any]:
    """``values`` followed by room for more documents (``filler`` in each, as for a
    document without the value): a sixteenth more, at least ``_ROOM``. An update that adds
    documents then writes the pages of an array it changes (``index_updates``), not all of
    it; when the room runs out, it writes the array again, with room again."""
    return values + array(values.typecode, [filler]) * max(_ROOM, len(values) // 16)


def write_arrays(connection: sqlite3.Connection, arrays: Mapping[str, array[Any]]) -> None:
    connection.executemany(
        "INSERT OR REPLACE INTO arrays VALUES (?, ?)",
        ((name, found.tobytes()) for name, found in arrays.items()),
    )


def build(
    db_path: Path,
    file_signature: Signature,
    instruments: Sequence[Instrument],
    quotations: Sequence[Quotation],
    sources: Sequence[Source],
) -> None:
    """Write a new index for these records, replacing any old one atomically."""
    temporary = temporary_path(db_path)
    write_temporary(temporary, file_signature, instruments, quotations, sources)
    put_in_place(temporary, db_path)


def write_temporary(
    temporary: Path,
    file_signature: Signature | None,
    instruments: Sequence[Instrument],
    quotations: Sequence[Quotation],
    sources: Sequence[Source],
    abandoned: Callable[[], bool] = lambda: False,
    with_bodies: bool = True,
) -> None:
    """Write an index of these records to ``temporary``, signed with ``file_signature``
    (None: signed later by ``complete``; until then it describes no file). ``abandoned`` is
    asked between batches; when it says so, the build stops (``BuildAbandoned``). Without
    ``with_bodies``, the records' JSON is left out, for ``complete`` to put in."""
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    # Used by one thread at a time: the one that writes a batch while the next is analysed.
    connection = sqlite3.connect(temporary, isolation_level=None, check_same_thread=False)
    try:
        # A temporary file that is renamed into place when complete: no journal needed.
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        # Pages kept in memory till the commit (at most): each record's id and instrument go
        # to a B-tree of their own in no order, and 2 MB of pages made the 480,000 records of
        # 160k instruments take 2.2 s instead of 0.9 s.
        connection.execute(f"PRAGMA cache_size=-{_CACHE_KIB}")
        connection.executescript(SCHEMA)
        # FTS5 writes what it has gathered as a segment at every 1 MB by default, and merges
        # them as they pile up: 64 MB at a time, fewer and larger, cost 160k 2.4 s, not 3.7 s.
        connection.execute("INSERT INTO terms (terms, rank) VALUES ('hashsize', ?)", (_HASH_SIZE,))
        connection.execute("BEGIN")
        records = instruments, quotations, sources
        _write(connection, file_signature, *records, abandoned, with_bodies)
        connection.execute("COMMIT")
    except BaseException:  # interrupted too: leave no half-built index behind
        connection.close()
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    connection.close()


Blocks = tuple[bytes, list[tuple[int, bytes]]]


def body_blocks(
    instruments: Sequence[Instrument],
    quotations: Sequence[Quotation],
    sources: Sequence[Source],
) -> Blocks:
    """The records' JSON as ``bodies`` keeps it: the dictionary its blocks are compressed
    against, and each block by number, compressed."""
    searched: list[Instrument | Quotation] = [*instruments, *quotations]
    zdict = dictionary(searched)
    compress = block_compressor(zdict)
    records = [*searched, *sources]
    blocks = []
    for number, start in enumerate(range(0, len(records), BLOCK)):
        lines = [*map(msgspec.json.encode, records[start : start + BLOCK])]
        blocks.append((number, compress(lines + [b""] * (BLOCK - len(lines)))))
    return zdict, blocks


def complete(temporary: Path, file_signature: Signature, bodies: Blocks) -> None:
    """Put into the index in ``temporary`` the records' JSON its build left out
    (``body_blocks``), and say which file it describes."""
    zdict, blocks = bodies
    connection = sqlite3.connect(temporary, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=OFF")  # not in place yet: no journal needed
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("BEGIN")
        connection.executemany("INSERT INTO bodies VALUES (?, ?)", blocks)
        write_arrays(connection, {"zdict": array("B", zdict)})
        connection.execute(
            "INSERT OR REPLACE INTO meta VALUES ('signature', ?)",
            (msgspec.json.encode(file_signature),),
        )
        connection.execute("COMMIT")
    finally:
        connection.close()


class BuildAbandoned(Exception):
    """Raised by ``write_temporary`` when it is told to stop."""


def _write(
    connection: sqlite3.Connection,
    file_signature: Signature | None,
    instruments: Sequence[Instrument],
    quotations: Sequence[Quotation],
    sources: Sequence[Source],
    abandoned: Callable[[], bool],
    with_bodies: bool,
) -> None:
    searched: list[Instrument | Quotation] = [*instruments, *quotations]
    size = len(searched) + len(sources)
    instrument_numbers = {instrument.id: number for number, instrument in enumerate(instruments)}
    about = array("i", [-1]) * size
    for number, quotation in enumerate(quotations, start=len(instruments)):
        about[number] = instrument_numbers.get(quotation.instrument or "", -1)
    bodies = Bodies(connection, dictionary(searched) if with_bodies else b"")
    lines: list[bytes] = []  # the JSON of the records from block ``blocks_written`` on
    blocks_written = 0
    lengths = new_lengths(size)
    tables: list[tuple[str, Sequence[Any], int]] = [
        ("instrument", instruments, 0),
        ("quotation", quotations, len(instruments)),
        ("source", sources, len(searched)),
    ]
    # A batch's bodies are compressed (zlib lets go of the GIL for a whole block) while the
    # next batch is analysed. SQLite takes the GIL back for every row it writes, so it
    # overlaps with nothing: without bodies, a thread would only wait for the GIL.
    with _writer(with_bodies) as writer:
        writing: _Done | None = None
        for kind, records, first in tables:
            for start in range(0, len(records), _BATCH):
                if abandoned():
                    raise BuildAbandoned
                batch = records[start : start + _BATCH]
                numbers = range(first + start, first + start + len(batch))
                linked = [r.instrument if isinstance(r, Quotation) else None for r in batch]
                ids = [r.id for r in batch]
                rows = [*zip(numbers, repeat(kind), ids, linked)]
                if with_bodies:
                    lines += map(msgspec.json.encode, batch)
                full = len(lines) // BLOCK
                blocks = [
                    (blocks_written + place, lines[place * BLOCK : (place + 1) * BLOCK])
                    for place in range(full)
                ]
                del lines[: full * BLOCK]
                blocks_written += full
                term_rows: list[tuple[Any, ...]] = []
                if kind != "source":
                    found = analysed(batch)
                    term_rows = [*found.rows(numbers)]
                    for code, counted in found.lengths.items():
                        lengths[code][numbers.start : numbers.stop] = _lengths_array(counted)
                if writing is not None:
                    writing.result()
                writing = writer.submit(_insert, connection, bodies, rows, blocks, term_rows)
        if writing is not None:
            writing.result()
    if lines:
        last = [(blocks_written, lines + [b""] * (BLOCK - len(lines)))]
        _insert(connection, bodies, [], last, [])
    _derived_lengths(lengths, about)
    terms = connection.execute("SELECT term FROM term_rows WHERE term != ?", (SEPARATOR,))
    write_words(connection, [word for (word,) in terms])
    arrays = {lengths_name(code): with_room(found, 0) for code, found in lengths.items()}
    arrays["about"] = with_room(about, -1)
    if with_bodies:
        arrays["zdict"] = array("B", bodies.dictionary)
    write_arrays(connection, arrays)
    write_meta(connection, file_signature, totals_of(lengths), len(searched))


class _Done(Protocol):
    def result(self) -> None: ...


def _writer(with_bodies: bool) -> contextlib.AbstractContextManager[Any]:
    """What writes each batch: a thread when bodies are compressed, else this thread."""
    if not with_bodies:
        return _InPlace()
    # Imported here: concurrent.futures (with logging) is 4 ms of a new file's import, before
    # its index child is forked, and that child writes no bodies.
    from concurrent.futures import ThreadPoolExecutor

    return ThreadPoolExecutor(1)


class _InPlace(contextlib.AbstractContextManager["_InPlace"]):
    """An executor that runs what it is given at once, in this thread."""

    def __exit__(self, *exc: object) -> None:
        return None

    def submit(self, function: Callable[..., None], /, *args: Any) -> _InPlace:
        function(*args)
        return self

    def result(self) -> None:
        return None


def _insert(
    connection: sqlite3.Connection,
    bodies: Bodies,
    rows: list[tuple[Any, ...]],
    blocks: list[tuple[int, list[bytes]]],
    term_rows: list[tuple[Any, ...]],
) -> None:
    """Write a batch of records, their blocks compressed here (zlib lets go of the GIL)."""
    connection.executemany("INSERT INTO documents VALUES (?, ?, ?, ?)", rows)
    connection.executemany(
        "INSERT INTO bodies VALUES (?, ?)",
        ((block, bodies.compress(block_lines)) for block, block_lines in blocks),
    )
    connection.executemany(INSERT_TERMS, term_rows)


def _lengths_array(counted: list[int]) -> array[int]:
    try:
        return array("H", counted)
    except OverflowError:  # a field of more words than 16 bits count: as long as can be
        return array("H", [min(length, 0xFFFF) for length in counted])


def _derived_lengths(lengths: dict[int, array[int]], about: array[int]) -> None:
    """The lengths of the fields made of other records' words: an instrument's quotations
    (all their texts), a quotation's about (its instrument's title)."""
    text, title = lengths[FIELD_CODES["text"]], lengths[FIELD_CODES["title"]]
    quoted, titled = lengths[FIELD_CODES["quotations"]], lengths[FIELD_CODES["about"]]
    sums: dict[int, int] = {}
    for number, instrument in enumerate(about):
        if instrument >= 0:
            sums[instrument] = sums.get(instrument, 0) + text[number]
            titled[number] = title[instrument]
    for instrument, total in sums.items():
        quoted[instrument] = min(total, 0xFFFF)


def write_meta(
    connection: sqlite3.Connection,
    file_signature: Signature | None,
    totals: Mapping[str, list[int]],
    size: int,
) -> None:
    meta = {
        "version": FORMAT_VERSION,
        "fields": list(FIELD_NAMES),
        "signature": file_signature,
        "totals": totals,
        "size": size,
    }
    connection.executemany(
        "INSERT OR REPLACE INTO meta VALUES (?, ?)",
        ((key, msgspec.json.encode(value)) for key, value in meta.items()),
    )
