"""Keeping ``FILE.index`` current after a write: the records written or removed, in place.

When an update cannot be made (the index was not current before the write), the caller
builds the index anew (``kbtool.search.index_building``).
"""

from __future__ import annotations

import contextlib
import sqlite3
from array import array
from collections.abc import Sequence
from pathlib import Path

import msgspec

from kbtool.models import Instrument, Quotation, Source
from kbtool.search.disk_index import (
    FORMAT_VERSION,
    TYPES,
    Record,
    _chunks,
    _connect,
    _decode_terms,
    _marks,
    _read_meta,
    index_path,
)
from kbtool.search.index_batches import BatchUpdater, IndexWriter
from kbtool.search.index_building import _Builder, _set_length
from kbtool.store.files import Signature

# From this many records written or removed, the index is updated in one batch
# (``kbtool.search.index_batches``), not a record at a time.
BATCH_FROM = 20
# A batch that takes back a record already indexed (replaced or removed) costs about this
# many times one that adds a record: with 14k instruments (41,914 records), 3,000 replaced
# took 4.7 s in a batch, 12,000 added 4.5 s, and building the index anew 10 s.
TAKING_BACK_WEIGHS = 6


def update(
    db_path: Path,
    before: Signature | None,
    after: Signature,
    changed: Sequence[Record],
    removed: Sequence[str],
) -> bool:
    """Bring the index from the file as it was (``before``) to the file as it is now.

    Only an index that described the file before the write is updated; returns False when
    there is none (the next search rebuilds it).
    """
    target = index_path(db_path)
    if before is None or not target.exists():
        return False
    connection = _connect(target)
    try:
        meta = _read_meta(connection)
        if meta.get("signature") != before or meta.get("version") != FORMAT_VERSION:
            return False
        many = len(changed) + len(removed)
        if many >= BATCH_FROM:
            replaced = _indexed(connection, [record.id for record in changed])
            added = len(changed) - replaced
            work = TAKING_BACK_WEIGHS * (replaced + len(removed)) + added
            if work >= int(meta.get("size", 0)):
                return False  # building the index anew is cheaper
        connection.execute("BEGIN IMMEDIATE")
        if many >= BATCH_FROM:
            BatchUpdater(connection, meta).apply(changed, removed)
        else:
            _Updater(connection, meta).apply(changed, removed)
        connection.execute(
            "INSERT OR REPLACE INTO meta VALUES ('signature', ?)", (msgspec.json.encode(after),)
        )
        connection.execute("COMMIT")
        return True
    except sqlite3.Error:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        with contextlib.suppress(OSError):
            target.unlink()  # a stale index is rebuilt; a half-updated one would mislead
        return False
    finally:
        connection.close()


def _indexed(connection: sqlite3.Connection, ids: Sequence[str]) -> int:
    """How many of ``ids`` the index holds."""
    found = 0
    for chunk in _chunks(ids):
        query = f"SELECT COUNT(*) FROM documents WHERE id IN ({_marks(chunk)})"
        found += connection.execute(query, chunk).fetchone()[0]
    return found


def _without(body: bytes, number: int) -> bytes | None:
    """``body``'s pairs without those of document ``number``, or None if it has none.

    A common word's chunk holds hundreds of thousands of pairs: finding the number's bytes
    is done by bytes.find, in C, rather than a loop over the pairs.
    """
    needle = array("I", [number]).tobytes()
    size = len(needle) * 2
    found: list[int] = []
    start = body.find(needle)
    while start != -1:
        if start % size == 0:  # a document number, not the second half of a pair
            found.append(start)
        start = body.find(needle, start + 1)
    if not found:
        return None
    parts = []
    previous = 0
    for start in found:
        parts.append(body[previous:start])
        previous = start + size
    parts.append(body[previous:])
    return b"".join(parts)


class _Updater(IndexWriter):
    """Takes back and puts in again a record at a time."""

    def apply(self, changed: Sequence[Record], removed: Sequence[str]) -> None:
        changed_ids = {record.id for record in changed}
        # A quotation's words are part of its instrument's document, and an instrument's
        # title part of its quotations': re-analyse those too.
        touched_instruments: set[str] = set()
        touched_quotations: set[str] = set()
        for record_id in [*changed_ids, *removed]:
            row = self.connection.execute(
                "SELECT type, instrument FROM documents WHERE id = ?", (record_id,)
            ).fetchone()
            if row and row[0] == "quotation" and row[1]:
                touched_instruments.add(row[1])
            if row and row[0] == "instrument":
                touched_quotations.update(self._quotation_ids(record_id))
        for record in changed:
            if isinstance(record, Quotation) and record.instrument:
                touched_instruments.add(record.instrument)
            if isinstance(record, Instrument):
                touched_quotations.update(self._quotation_ids(record.id))
        for record_id in removed:
            self._remove(record_id)
        for record in changed:
            self._put(record)
        # Last, so that an instrument written in the same batch as its quotations gets
        # their words.
        for record_id in (touched_instruments | touched_quotations) - set(removed):
            row = self.connection.execute(
                "SELECT type, body FROM documents WHERE id = ?", (record_id,)
            ).fetchone()
            if row is not None:
                self._put(msgspec.json.decode(row[1], type=TYPES[row[0]]))
        self.connection.executemany(
            "INSERT OR REPLACE INTO field_lengths VALUES (?, ?)",
            ((code, lengths.tobytes()) for code, lengths in self.lengths.items()),
        )
        self.connection.execute(
            "INSERT OR REPLACE INTO meta VALUES ('totals', ?), ('size', ?)",
            (
                msgspec.json.encode({str(c): t for c, t in self.totals.items()}),
                msgspec.json.encode(self.size),
            ),
        )

    def _quotation_ids(self, instrument_id: str) -> list[str]:
        rows = self.connection.execute(
            "SELECT id FROM documents WHERE instrument = ? AND type = 'quotation'",
            (instrument_id,),
        )
        return [record_id for (record_id,) in rows]

    def _put(self, record: Record) -> None:
        """Index ``record`` afresh, at its old number if it had one: numbers keep the file's
        order, which is the order of an instrument's quotations."""
        number = self._remove(record.id)
        if number is None:
            (last,) = self.connection.execute("SELECT MAX(number) FROM documents").fetchone()
            number = 0 if last is None else last + 1
        self._insert(record, number)

    def _remove(self, record_id: str) -> int | None:
        """Take back what a record put into the index; returns its number, if it had one."""
        row = self.connection.execute(
            "SELECT number, type, lengths, terms FROM documents WHERE id = ?", (record_id,)
        ).fetchone()
        if row is None:
            return None
        number, kind, lengths, stored_terms = row
        self.connection.execute("DELETE FROM documents WHERE number = ?", (number,))
        if kind == "source":
            return int(number)
        self.size -= 1
        for code, length in msgspec.msgpack.decode(lengths, type=dict[int, int]).items():
            total = self.totals.setdefault(code, [0, 0])
            total[0] -= length
            total[1] -= 1
            _set_length(self._field_lengths(code), code, number, 0)
        words, keys = _decode_terms(stored_terms)
        for stem in keys:
            chunks = self.connection.execute(
                "SELECT chunk, body FROM postings WHERE stem = ?", (stem,)
            ).fetchall()
            for chunk, body in chunks:
                kept = _without(bytes(body), number)
                if kept is None:
                    continue
                if kept:
                    self.connection.execute(
                        "UPDATE postings SET body = ? WHERE stem = ? AND chunk = ?",
                        (kept, stem, chunk),
                    )
                else:
                    self.connection.execute(
                        "DELETE FROM postings WHERE stem = ? AND chunk = ?", (stem, chunk)
                    )
        for word in words:
            self.connection.execute(
                "UPDATE words SET documents = documents - 1 WHERE word = ?", (word,)
            )
        self.connection.execute("DELETE FROM words WHERE documents <= 0")
        return int(number)

    def _insert(self, record: Record, number: int) -> None:
        builder = _Builder(dense=False)
        builder.add(number, record, self._related(record))
        self.connection.executemany(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)", builder.rows
        )
        if isinstance(record, Source):
            return
        self.size += 1
        for code, (length, count) in builder.totals.items():
            total = self.totals.setdefault(code, [0, 0])
            total[0] += length
            total[1] += count
            _set_length(self._field_lengths(code), code, number, length)
        for stem, posting in builder.posting_bodies():
            self.connection.execute(
                "INSERT INTO postings VALUES (?, (SELECT COALESCE(MAX(chunk), -1) + 1"
                " FROM postings WHERE stem = ?), ?)",
                (stem, stem, posting),
            )
        for word, (stem, _count) in builder.words.items():
            self.connection.execute(
                "INSERT INTO words VALUES (?, ?, 1) ON CONFLICT (word) DO UPDATE"
                " SET documents = documents + 1",
                (word, stem),
            )
