"""Keeping ``FILE.index`` current after a write: the records written or removed, in place.

A record's row of ``terms`` depends on the record alone, so a write deletes the old rows of
the records it replaced or removed (FTS5 is told what they held: the old bodies, analysed
again) and inserts the new ones; then the links and lengths that records take from one
another (a quotation's instrument, the fields ``quotations`` and ``about``) are worked out
again for the instruments the write touched. When an update cannot be made (the index was
not current before the write), the caller builds the index anew
(``kbtool.search.index_building``).
"""

from __future__ import annotations

import contextlib
import sqlite3
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import msgspec

from kbtool.models import Instrument, Quotation
from kbtool.search.bodies import Bodies
from kbtool.search.disk_index import (
    DELETE_TERMS,
    FIELD_CODES,
    FORMAT_VERSION,
    INSERT_TERMS,
    Record,
    chunks,
    connect,
    index_path,
    lengths_name,
    marks,
    read_array,
    read_meta,
    type_name,
)
from kbtool.search.index_building import (
    Analysed,
    analysed,
    by_type,
    with_room,
    write_arrays,
    write_words,
)
from kbtool.store.files import Signature

_TEXT, _TITLE = FIELD_CODES["text"], FIELD_CODES["title"]
# SQLite's page cache for an update, in KiB (at most: only what it touches is used).
_CACHE_KIB = 131_072
# An array's values are written in place by blocks of this many (a page or two).
_BLOCK = 2_048
_QUOTATIONS, _ABOUT = FIELD_CODES["quotations"], FIELD_CODES["about"]


def update(
    db_path: Path,
    before: Signature | None,
    after: Signature | Callable[[], Signature],
    changed: Sequence[Record],
    removed: Sequence[str],
    analysis: Sequence[Analysed] | None = None,
) -> bool:
    """Bring the index from the file as it was (``before``) to the file as it is now.

    Only an index that described the file before the write is updated; returns False when
    there is none (the next search rebuilds it). ``after`` may be a function that gives the
    new file's signature once it is written (``index_following.write_following``): it is
    called when the index's changes are made, before they are committed, so that they are
    made while the file is written. If it raises, the changes are rolled back (the index
    still describes the file as it was) and its exception raised. ``analysis`` is
    ``analysed_by_type(changed)``, when it was worked out before.
    """
    target = index_path(db_path)
    if before is None or not target.exists():
        return False
    connection = connect(target)
    try:
        meta = read_meta(connection)
        if meta.get("signature") != before or meta.get("version") != FORMAT_VERSION:
            return False
        # Room for every page the update changes: with SQLite's default 2 MB, a batch of
        # thousands of records spilled pages to the file mid-transaction, each spill
        # syncing the journal first (24 syncs for 8,990 records into 160k, not 4).
        connection.execute(f"PRAGMA cache_size=-{_CACHE_KIB}")
        connection.execute("BEGIN IMMEDIATE")
        _Updater(connection, meta).apply(changed, removed, analysis)
        signature = after() if callable(after) else after
        connection.execute(
            "INSERT OR REPLACE INTO meta VALUES ('signature', ?)", (msgspec.json.encode(signature),)
        )
        connection.execute("COMMIT")
        return True
    except sqlite3.Error:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        with contextlib.suppress(OSError):
            target.unlink()  # a stale index is rebuilt; a half-updated one would mislead
        return False
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()


def analysed_by_type(records: Sequence[Record]) -> list[Analysed]:
    """The analysis of the records' text an update makes (the instruments', then the
    quotations'): it needs no index, so that it can be worked out before the index is
    opened (``kbtool.search.background_update``)."""
    instruments, quotations = by_type(records)
    return [analysed(instruments), analysed(quotations)]


class _Updater:
    """Takes back the records replaced or removed, puts in the records written, and keeps
    the lengths, their totals and the size of the meta table in step."""

    def __init__(self, connection: sqlite3.Connection, meta: dict[str, Any]) -> None:
        self.connection = connection
        self.totals = {int(code): total for code, total in meta["totals"].items()}
        self.size = int(meta["size"])
        self.bodies = Bodies(connection, bytes(read_array(connection, "zdict", "B")))
        self.stored: dict[str, int] = {}  # each array read: how many values it has stored
        self.about = self._read("about", "i")
        self.lengths: dict[int, array[int]] = {}  # the fields read so far
        # The arrays changed, written at the end: the blocks of values changed in each.
        self.changed: dict[str, set[int]] = {}

    def _read(self, name: str, typecode: str) -> array[int]:
        found = read_array(self.connection, name, typecode)
        self.stored[name] = len(found)
        return found

    def _mark(self, name: str, numbers: Iterable[int]) -> None:
        self.changed.setdefault(name, set()).update(number // _BLOCK for number in numbers)

    def _lengths(self, code: int) -> array[int]:
        found = self.lengths.get(code)
        if found is None:
            found = self.lengths[code] = self._read(lengths_name(code), "H")
        return found

    def _set_length(self, code: int, number: int, length: int) -> None:
        lengths = self._lengths(code)
        if len(lengths) <= number:
            lengths.extend(bytes(number + 1 - len(lengths)))
        old, new = lengths[number], min(length, 0xFFFF)
        if old == new:
            return
        lengths[number] = new
        self._mark(lengths_name(code), (number,))
        total = self.totals.setdefault(code, [0, 0])
        total[0] += new - old
        total[1] += (new > 0) - (old > 0)

    def _set_lengths(self, code: int, numbers: Sequence[int], lengths: Iterable[int]) -> None:
        """``_set_length`` of many documents (each once) at a time: a batch of thousands
        of records pays a few list operations in C per field, not a call per document."""
        found = self._lengths(code)
        top = max(numbers, default=-1)
        if len(found) <= top:
            found.extend(bytes(top + 1 - len(found)))
        new = [min(length, 0xFFFF) for length in lengths]
        old = [*map(found.__getitem__, numbers)]
        if old == new:
            return
        for number, length in zip(numbers, new, strict=True):
            found[number] = length
        self._mark(
            lengths_name(code), [n for n, o, w in zip(numbers, old, new, strict=True) if o != w]
        )
        total = self.totals.setdefault(code, [0, 0])
        total[0] += sum(new) - sum(old)
        total[1] += len(new) - new.count(0) - (len(old) - old.count(0))

    def _set_about(self, number: int, instrument: int) -> None:
        if len(self.about) <= number:
            self.about.extend([-1] * (number + 1 - len(self.about)))
        if self.about[number] != instrument:
            self.about[number] = instrument
            self._mark("about", (number,))

    def _set_abouts(self, numbers: Sequence[int], instruments: Sequence[int]) -> None:
        """``_set_about`` of many quotations (each once) at a time."""
        about = self.about
        top = max(numbers, default=-1)
        if len(about) <= top:
            about.extend([-1] * (top + 1 - len(about)))
        changed = [n for n, i in zip(numbers, instruments, strict=True) if about[n] != i]
        for number, instrument in zip(numbers, instruments, strict=True):
            about[number] = instrument
        self._mark("about", changed)

    def apply(
        self,
        changed: Sequence[Record],
        removed: Sequence[str],
        analysis: Sequence[Analysed] | None = None,
    ) -> None:
        connection = self.connection
        old = self._rows([*(record.id for record in changed), *removed])
        # The instruments whose quotations or title the write may change: links and the
        # lengths of quotations and about are worked out again for these.
        touched: set[str] = set()
        numbers: dict[str, int] = {}
        taken_back: list[Record] = []
        records = self.bodies.records({number: kind for number, kind, _about in old.values()})
        for number, kind, instrument in old.values():
            record = records[number]
            numbers[record.id] = number
            taken_back.append(record)
            if kind != "source":
                self.size -= 1
                self._set_length(_QUOTATIONS if kind == "instrument" else _ABOUT, number, 0)
                self._set_about(number, -1)
                touched.add(record.id if kind == "instrument" else instrument or "")
        stale_words = self._terms(DELETE_TERMS, taken_back, numbers, lambda length: 0)
        for chunk in chunks([record_id for record_id in removed if record_id in old]):
            connection.execute(f"DELETE FROM documents WHERE id IN ({marks(chunk)})", chunk)
        for record_id in removed:
            if record_id in old:
                self.bodies.put(old[record_id][0], None)
        (last,) = connection.execute("SELECT MAX(number) FROM documents").fetchone()
        following = -1 if last is None else int(last)
        rows = []
        for record in changed:
            if record.id not in numbers:
                following += 1
                numbers[record.id] = following
            instrument = record.instrument if isinstance(record, Quotation) else None
            kind = type_name(record)
            rows.append((numbers[record.id], kind, record.id, instrument))
            self.bodies.put(numbers[record.id], record)
            if kind != "source":
                self.size += 1
                touched.add(record.id if isinstance(record, Instrument) else instrument or "")
        new_words = self._terms(INSERT_TERMS, changed, numbers, lambda length: length, analysis)
        # Every number in the links (whose instrument a quotation's number is found by).
        if len(self.about) <= following:
            self.about.extend([-1] * (following + 1 - len(self.about)))
            self._mark("about", ())  # longer than stored: written whole
        connection.executemany("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?)", rows)
        self.bodies.flush()
        touched.discard("")
        for chunk in chunks(sorted(touched)):
            self._link(chunk)
        write_words(connection, self._unknown(new_words))
        for word in sorted(stale_words - new_words):
            if connection.execute("SELECT 1 FROM term_rows WHERE term = ?", (word,)).fetchone():
                continue
            connection.execute("DELETE FROM words WHERE word = ?", (word,))
        arrays = {lengths_name(code): found for code, found in self.lengths.items()}
        arrays["about"] = self.about
        for name in sorted(self.changed):
            self._write_array(name, arrays[name])
        connection.execute(
            "INSERT OR REPLACE INTO meta VALUES ('totals', ?), ('size', ?)",
            (
                msgspec.json.encode({str(c): t for c, t in self.totals.items() if t[1]}),
                msgspec.json.encode(self.size),
            ),
        )

    def _write_array(self, name: str, values: array[int]) -> None:
        """Store an array changed: in place, the blocks changed, while it fits the room it
        was stored with (``index_building.with_room``); else whole, with room again."""
        if len(values) != self.stored[name]:
            write_arrays(self.connection, {name: with_room(values, -1 if name == "about" else 0)})
            return
        (row,) = self.connection.execute(
            "SELECT rowid FROM arrays WHERE name = ?", (name,)
        ).fetchone()
        with self.connection.blobopen("arrays", "body", row) as blob:
            for block in sorted(self.changed[name]):
                blob.seek(block * _BLOCK * values.itemsize)
                blob.write(values[block * _BLOCK : (block + 1) * _BLOCK].tobytes())

    def _terms(
        self,
        statement: str,
        records: Sequence[Record],
        numbers: Mapping[str, int],
        length: Callable[[int], int],
        analysis: Sequence[Analysed] | None = None,
    ) -> set[str]:
        """Insert or delete (``statement``) the rows of ``terms`` of ``records``, setting
        their lengths to ``length`` of their lengths; their words. ``analysis``: the
        records' ``analysed_by_type``, if worked out already."""
        words: set[str] = set()
        instruments, quotations = by_type(records)
        if analysis is None:
            analysis = [analysed(instruments), analysed(quotations)]
        batches: tuple[Sequence[Record], ...] = (instruments, quotations)
        for batch, found in zip(batches, analysis, strict=True):
            batch_numbers = [numbers[record.id] for record in batch]
            self.connection.executemany(statement, found.rows(batch_numbers))
            words |= found.words()
            for code, lengths in found.lengths.items():
                self._set_lengths(code, batch_numbers, map(length, lengths))
        return words

    def _unknown(self, words: set[str]) -> set[str]:
        """Those of ``words`` the index does not hold yet: only they are stemmed, and a
        batch of thousands of records brings few words a large index lacks."""
        unknown = set(words)
        for chunk in chunks(sorted(words)):
            rows = self.connection.execute(
                f"SELECT word FROM words WHERE word IN ({marks(chunk)})", chunk
            )
            unknown.difference_update(word for (word,) in rows)
        return unknown

    def _rows(self, ids: Sequence[str]) -> dict[str, tuple[Any, ...]]:
        """id -> (number, type, instrument) of those of ``ids`` in the index."""
        found: dict[str, tuple[Any, ...]] = {}
        for chunk in chunks(list(dict.fromkeys(ids))):
            rows = self.connection.execute(
                f"SELECT id, number, type, instrument FROM documents WHERE id IN ({marks(chunk)})",
                chunk,
            )
            for record_id, *row in rows:
                found[record_id] = tuple(row)
        return found

    def _link(self, instrument_ids: Sequence[str]) -> None:
        """Each quotation about these instruments linked to its instrument's number, with
        the length of its field ``about``, and each instrument's field ``quotations``."""
        numbers = dict(
            self.connection.execute(
                f"SELECT id, number FROM documents WHERE type = 'instrument'"
                f" AND id IN ({marks(instrument_ids)})",
                instrument_ids,
            ).fetchall()
        )
        sums = dict.fromkeys(numbers.values(), 0)
        text, title = self._lengths(_TEXT), self._lengths(_TITLE)
        rows = self.connection.execute(
            f"SELECT number, instrument FROM documents WHERE type = 'quotation'"
            f" AND instrument IN ({marks(instrument_ids)})",
            instrument_ids,
        )
        # Set together, field by field: a batch of thousands of quotations pays a few list
        # operations per quotation, not three calls.
        quotations: list[int] = []
        instruments: list[int] = []
        about_lengths: list[int] = []
        for number, instrument_id in rows:
            instrument = numbers.get(instrument_id, -1)
            quotations.append(number)
            instruments.append(instrument)
            if instrument < 0:
                about_lengths.append(0)
                continue
            about_lengths.append(title[instrument] if instrument < len(title) else 0)
            sums[instrument] += text[number] if number < len(text) else 0
        self._set_abouts(quotations, instruments)
        self._set_lengths(_ABOUT, quotations, about_lengths)
        self._set_lengths(_QUOTATIONS, [*sums], [*sums.values()])
