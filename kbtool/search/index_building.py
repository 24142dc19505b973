"""Building ``FILE.index`` from every record: analysed once, written in one transaction.

The file's schema and how it is read are in ``kbtool.search.disk_index``.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sqlite3
from array import array
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import msgspec

from kbtool.models import Instrument, Quotation, Source, to_document
from kbtool.search.analysis import run_key, terms, word_runs
from kbtool.search.disk_index import (
    FIELD_CODES,
    FORMAT_VERSION,
    SCHEMA,
    TYPE_NAMES,
    Record,
    index_path,
)
from kbtool.search.documents import FIELD_NAMES, field_values
from kbtool.store.files import Signature


class _Analysed(msgspec.Struct, array_like=True):
    """What one searchable record put into the index."""

    lengths: dict[int, int]  # field code -> number of words
    stems: dict[str, list[int]]  # stem -> [field << 16 | count, ...]
    words: dict[str, str]  # word -> stem
    runs: dict[tuple[str, ...], list[int]]  # two or three adjacent words -> as for stems


def _analyse(record: Instrument | Quotation, related: Any) -> _Analysed:
    lengths: dict[int, int] = {}
    stems: dict[str, list[int]] = {}
    words: dict[str, str] = {}
    runs_found: dict[tuple[str, ...], list[int]] = {}
    for name, values in field_values(record, related):
        code = FIELD_CODES[name]
        found: list[tuple[str, str]] = []
        adjacent: list[tuple[str, ...]] = []
        for value in values:
            if value:
                analysed = terms(value)
                found += analysed
                # Within one value: a phrase never runs from one value into the next.
                adjacent += word_runs(analysed)
        if not found:
            continue
        lengths[code] = len(found)
        shifted = code << 16
        for (word, stem), count in Counter(found).items():
            words[word] = stem
            entries = stems.get(stem)
            if entries is None:
                stems[stem] = [shifted | (count if count < 0xFFFF else 0xFFFF)]
            elif entries[-1] >> 16 == code:
                # Another word of this field with the same stem ("flight", "flights").
                entries[-1] = shifted | min((entries[-1] & 0xFFFF) + count, 0xFFFF)
            else:
                entries.append(shifted | (count if count < 0xFFFF else 0xFFFF))
        for run, count in Counter(adjacent).items():
            entries = runs_found.get(run)
            if entries is None:
                runs_found[run] = [shifted | (count if count < 0xFFFF else 0xFFFF)]
            else:
                entries.append(shifted | (count if count < 0xFFFF else 0xFFFF))
    return _Analysed(lengths, stems, words, runs_found)


class _Builder:
    """Collects documents in memory-light arrays, then writes them to SQLite at once."""

    def __init__(self, dense: bool = True) -> None:
        self.dense = dense
        self.lengths: dict[int, array[int]] = {}  # field code -> length by document number
        self.postings: dict[str, array[int]] = {}
        self.run_postings: dict[tuple[str, ...], array[int]] = {}
        self.words: dict[str, list[Any]] = {}  # word -> [stem, documents]
        self.totals: dict[int, list[int]] = {}  # field code -> [total length, documents]
        self.rows: list[tuple[Any, ...]] = []

    def posting_bodies(self) -> Iterator[tuple[str, array[int]]]:
        """Every posting key (stems, then runs of words) and its pairs of integers."""
        yield from self.postings.items()
        for run, posting in self.run_postings.items():
            yield run_key(run), posting

    def add(self, number: int, record: Record, related: Any) -> None:
        body = msgspec.json.encode(to_document(record))
        instrument = record.instrument if isinstance(record, Quotation) else None
        if isinstance(record, Source):
            self.rows.append((number, "source", record.id, None, body, None, None))
            return
        analysed = _analyse(record, related)
        _add_postings(self.postings, analysed.stems, number)
        # Keyed by the words until written: a run_key string per document and run would
        # cost more than the rest of this loop.
        _add_postings(self.run_postings, analysed.runs, number)
        for word, stem in analysed.words.items():
            known = self.words.get(word)
            if known is None:
                self.words[word] = [stem, 1]
            else:
                known[1] += 1
        for code, length in analysed.lengths.items():
            total = self.totals.setdefault(code, [0, 0])
            total[0] += length
            total[1] += 1
            if self.dense:
                _set_length(self.lengths, code, number, length)
        self.rows.append(
            (
                number,
                TYPE_NAMES[type(record)],
                record.id,
                instrument,
                body,
                msgspec.msgpack.encode(analysed.lengths),
                _encode_terms(analysed),
            )
        )


def _add_postings(
    postings: dict[Any, array[int]], found: Mapping[Any, list[int]], number: int
) -> None:
    """Add one document's entries (field << 16 | count) to the postings of each key."""
    for key, entries in found.items():
        posting = postings.get(key)
        if posting is None:
            posting = postings[key] = array("I")
        for entry in entries:
            posting.append(number)
            posting.append(entry)


def _encode_terms(analysed: _Analysed) -> bytes:
    """What a record put into the index, for taking it back: its stems, its words, and its
    runs of words as places in its words (a run's key spelt out would take more room than
    its postings)."""
    words = sorted(analysed.words)
    places = {word: place for place, word in enumerate(words)}
    runs = [[places[word] for word in run] for run in analysed.runs]
    return msgspec.msgpack.encode([sorted(analysed.stems), words, runs])


def _set_length(lengths: dict[int, array[int]], code: int, number: int, length: int) -> None:
    field = lengths.get(code)
    if field is None:
        field = lengths[code] = array("H")
    if len(field) <= number:
        field.extend([0] * (number + 1 - len(field)))
    field[number] = min(length, 0xFFFF)


def build(
    db_path: Path,
    file_signature: Signature,
    instruments: Sequence[Instrument],
    quotations: Sequence[Quotation],
    sources: Sequence[Source],
) -> None:
    """Write a new index for these records, replacing any old one atomically."""
    about: dict[str, list[Quotation]] = {}
    for quotation in quotations:
        if quotation.instrument:
            about.setdefault(quotation.instrument, []).append(quotation)
    by_id = {instrument.id: instrument for instrument in instruments}
    target = index_path(db_path)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    connection = sqlite3.connect(temporary, isolation_level=None)
    try:
        # A temporary file that is renamed into place when complete: no journal needed.
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        connection.executescript(SCHEMA)
        connection.execute("BEGIN")
        builder = _Builder()
        records: Iterator[tuple[Record, Any]] = itertools.chain(
            ((i, about.get(i.id, [])) for i in instruments),
            ((q, by_id.get(q.instrument or "")) for q in quotations),
            ((s, None) for s in sources),
        )
        for number, (record, related) in enumerate(records):
            builder.add(number, record, related)
            if len(builder.rows) >= 5_000:  # keep at most this many records' JSON in memory
                _insert_rows(connection, builder.rows)
                builder.rows.clear()
        _insert_rows(connection, builder.rows)
        connection.executemany(
            "INSERT INTO postings VALUES (?, 0, ?)",
            ((key, posting.tobytes()) for key, posting in builder.posting_bodies()),
        )
        connection.executemany(
            "INSERT INTO words VALUES (?, ?, ?)",
            ((word, stem, count) for word, (stem, count) in builder.words.items()),
        )
        connection.executemany(
            "INSERT INTO field_lengths VALUES (?, ?)",
            ((code, lengths.tobytes()) for code, lengths in builder.lengths.items()),
        )
        _write_meta(connection, file_signature, builder.totals, len(instruments) + len(quotations))
        connection.execute("COMMIT")
    except BaseException:  # interrupted too: leave no half-built index behind
        connection.close()
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    connection.close()
    try:
        os.replace(temporary, target)
    except OSError:
        temporary.unlink()
        raise


def _insert_rows(connection: sqlite3.Connection, rows: Sequence[tuple[Any, ...]]) -> None:
    connection.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def _write_meta(
    connection: sqlite3.Connection,
    file_signature: Signature,
    totals: Mapping[int, list[int]],
    size: int,
) -> None:
    meta = {
        "version": FORMAT_VERSION,
        "fields": list(FIELD_NAMES),
        "signature": file_signature,
        "totals": {str(code): total for code, total in totals.items()},
        "size": size,
    }
    connection.executemany(
        "INSERT OR REPLACE INTO meta VALUES (?, ?)",
        ((key, msgspec.json.encode(value)) for key, value in meta.items()),
    )
