"""Keeping ``FILE.index`` current after a write of many records (``kb import``): in one batch.

``kbtool.search.index_updates`` takes a record back and puts it in again one at a time: each
record read and rewrote every posting chunk of each of its keys, and added a chunk of its own
to each (a thousand records into 14,000 instruments: 11 s). Here the records a write changed,
and those whose fields are made from them (an instrument's quotations, a quotation's
instrument), are taken back together, each key's chunks read and rewritten once, and put in
again by one ``_Builder``, one new chunk per key.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import msgspec

from kbtool.models import Instrument, Quotation, Source, to_document
from kbtool.search.disk_index import (
    TYPE_NAMES,
    TYPES,
    Record,
    _chunks,
    _decode_terms,
    _marks,
    _read_lengths,
)
from kbtool.search.index_building import _Builder, _set_length


class IndexWriter:
    """What updating the index, a record at a time or in a batch, keeps while it writes:
    the totals and size of the meta table, and the field lengths changed so far."""

    def __init__(self, connection: sqlite3.Connection, meta: dict[str, Any]) -> None:
        self.connection = connection
        self.totals = {int(code): total for code, total in meta["totals"].items()}
        self.size = int(meta["size"])
        self.lengths: dict[int, array[int]] = {}  # the fields changed so far, written at the end

    def _field_lengths(self, code: int) -> dict[int, array[int]]:
        if code not in self.lengths:
            self.lengths[code] = _read_lengths(self.connection, code)
        return self.lengths

    def _related(self, record: Record) -> Any:
        if isinstance(record, Instrument):
            rows = self.connection.execute(
                "SELECT body FROM documents WHERE instrument = ? AND type = 'quotation'"
                " ORDER BY number",
                (record.id,),
            )
            return [msgspec.json.decode(body, type=Quotation) for (body,) in rows]
        if isinstance(record, Quotation) and record.instrument:
            row = self.connection.execute(
                "SELECT body FROM documents WHERE id = ? AND type = 'instrument'",
                (record.instrument,),
            ).fetchone()
            return None if row is None else msgspec.json.decode(row[0], type=Instrument)
        return None


class BatchUpdater(IndexWriter):
    """What ``kbtool.search.index_updates._Updater`` does, for many records at once."""

    def apply(self, changed: Sequence[Record], removed: Sequence[str]) -> None:
        connection = self.connection
        changed_ids = {record.id for record in changed}
        gone = set(removed)
        touched = self._touched(changed, [*changed_ids, *removed])
        # Every record taken back: the changed, the removed and the touched that are indexed.
        old = self._rows([*changed_ids, *gone, *touched])
        (last,) = connection.execute("SELECT MAX(number) FROM documents").fetchone()
        self._take_back(old)
        # Put in again: the changed records, then the touched ones still there, each at its
        # old number if it had one (numbers keep the file's order), else after the last.
        again: list[Record] = list(changed)
        for record_id in sorted(touched - changed_ids - gone):
            if record_id in old:
                body, kind = old[record_id][4], old[record_id][1]
                again.append(msgspec.json.decode(body, type=TYPES[kind]))
        numbers: dict[str, int] = {}
        following = -1 if last is None else int(last)
        for record in again:
            if record.id in old:
                numbers[record.id] = old[record.id][0]
            else:
                following += 1
                numbers[record.id] = following
        again.sort(key=lambda record: numbers[record.id])  # each new chunk in number order
        # The bodies first: an instrument's fields are made from its quotations' rows.
        connection.executemany(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, NULL, NULL)",
            (
                (
                    numbers[r.id],
                    TYPE_NAMES[type(r)],
                    r.id,
                    r.instrument if isinstance(r, Quotation) else None,
                    msgspec.json.encode(to_document(r)),
                )
                for r in again
            ),
        )
        builder = _Builder(dense=False)
        for record in again:
            builder.add(numbers[record.id], record, self._related(record))
        connection.executemany(
            "UPDATE documents SET lengths = ?, terms = ? WHERE number = ?",
            ((row[5], row[6], row[0]) for row in builder.rows if row[1] != "source"),
        )
        self._put_in(builder, [numbers[r.id] for r in again if not isinstance(r, Source)])
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

    def _touched(self, changed: Sequence[Record], ids: Iterable[str]) -> set[str]:
        """The records whose fields are made from those of ``ids`` (as they were, and as
        ``changed`` has them): quotations' instruments, instruments' quotations."""
        touched: set[str] = set()
        for chunk in _chunks(list(ids)):
            rows = self.connection.execute(
                f"SELECT id, type, instrument FROM documents WHERE id IN ({_marks(chunk)})", chunk
            )
            instruments = []
            for record_id, kind, instrument in rows:
                if kind == "quotation" and instrument:
                    touched.add(instrument)
                elif kind == "instrument":
                    instruments.append(record_id)
            touched.update(self._quotations_of(instruments))
        for record in changed:
            if isinstance(record, Quotation) and record.instrument:
                touched.add(record.instrument)
        touched.update(self._quotations_of([r.id for r in changed if isinstance(r, Instrument)]))
        return touched

    def _quotations_of(self, instrument_ids: Sequence[str]) -> list[str]:
        found: list[str] = []
        for chunk in _chunks(instrument_ids):
            rows = self.connection.execute(
                f"SELECT id FROM documents WHERE type = 'quotation'"
                f" AND instrument IN ({_marks(chunk)})",
                chunk,
            )
            found += [record_id for (record_id,) in rows]
        return found

    def _rows(self, ids: Sequence[str]) -> dict[str, tuple[Any, ...]]:
        """id -> (number, type, lengths, terms, body) of those of ``ids`` in the index."""
        found: dict[str, tuple[Any, ...]] = {}
        for chunk in _chunks(list(dict.fromkeys(ids))):
            rows = self.connection.execute(
                "SELECT id, number, type, lengths, terms, body FROM documents"
                f" WHERE id IN ({_marks(chunk)})",
                chunk,
            )
            for record_id, *row in rows:
                found[record_id] = tuple(row)
        return found

    def _take_back(self, old: dict[str, tuple[Any, ...]]) -> None:
        """Remove what the records of ``old`` put into the index, every key read once."""
        numbers = [row[0] for row in old.values()]
        for chunk in _chunks(numbers):
            self.connection.execute(
                f"DELETE FROM documents WHERE number IN ({_marks(chunk)})", chunk
            )
        keys: dict[str, None] = {}
        words: Counter[str] = Counter()
        taken = set()
        for number, kind, lengths, stored_terms, _body in old.values():
            if kind == "source":
                continue
            taken.add(number)
            self.size -= 1
            for code, length in msgspec.msgpack.decode(lengths, type=dict[int, int]).items():
                total = self.totals.setdefault(code, [0, 0])
                total[0] -= length
                total[1] -= 1
                _set_length(self._field_lengths(code), code, number, 0)
            record_words, record_keys = _decode_terms(stored_terms)
            words.update(record_words)
            keys.update(dict.fromkeys(record_keys))
        self.connection.executemany(
            "UPDATE words SET documents = documents - ? WHERE word = ?",
            ((count, word) for word, count in words.items()),
        )
        self.connection.execute("DELETE FROM words WHERE documents <= 0")
        for key in keys:
            chunks = self.connection.execute(
                "SELECT chunk, body FROM postings WHERE stem = ?", (key,)
            ).fetchall()
            for chunk, body in chunks:
                kept = _without_all(bytes(body), taken)
                if kept is None:
                    continue
                if kept:
                    self.connection.execute(
                        "UPDATE postings SET body = ? WHERE stem = ? AND chunk = ?",
                        (kept, key, chunk),
                    )
                else:
                    self.connection.execute(
                        "DELETE FROM postings WHERE stem = ? AND chunk = ?", (key, chunk)
                    )

    def _put_in(self, builder: _Builder, numbers: Sequence[int]) -> None:
        """What ``builder`` analysed: a chunk per key, words, lengths and totals."""
        self.size += len(numbers)
        for code, (length, count) in builder.totals.items():
            total = self.totals.setdefault(code, [0, 0])
            total[0] += length
            total[1] += count
        for row in builder.rows:
            if row[5] is not None:
                for code, length in msgspec.msgpack.decode(row[5], type=dict[int, int]).items():
                    _set_length(self._field_lengths(code), code, row[0], length)
        self.connection.executemany(
            "INSERT INTO postings VALUES (?, (SELECT COALESCE(MAX(chunk), -1) + 1"
            " FROM postings WHERE stem = ?), ?)",
            ((key, key, body) for key, body in sorted(builder.posting_bodies())),
        )
        self.connection.executemany(
            "INSERT INTO words VALUES (?, ?, ?) ON CONFLICT (word) DO UPDATE"
            " SET documents = documents + excluded.documents",
            ((word, stem, count) for word, (stem, count) in builder.words.items()),
        )


def _without_all(body: bytes, numbers: set[int]) -> bytes | None:
    """``body``'s pairs without those of the documents ``numbers``, or None if it has none."""
    if len(body) >= 4096:  # a common word's chunk: compared in numpy
        import numpy as np

        pairs = np.frombuffer(body, dtype=np.uint32).reshape(-1, 2)
        wanted = np.fromiter(numbers, dtype=np.uint32, count=len(numbers))
        found = np.isin(pairs[:, 0], wanted)
        return pairs[~found].tobytes() if found.any() else None
    flat = array("I")
    flat.frombytes(body)
    if numbers.isdisjoint(flat[::2]):
        return None
    kept = array("I")
    for place in range(0, len(flat), 2):
        if flat[place] not in numbers:
            kept.append(flat[place])
            kept.append(flat[place + 1])
    return kept.tobytes()
