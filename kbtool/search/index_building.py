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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import msgspec

from kbtool.models import Instrument, Quotation, Source, to_document
from kbtool.search.analysis import folded_words, run_key, stems_of
from kbtool.search.disk_index import (
    FIELD_CODES,
    FORMAT_VERSION,
    SCHEMA,
    TYPE_NAMES,
    Record,
    index_path,
)
from kbtool.search.documents import FIELD_NAMES, field_values
from kbtool.search.posting_lists import PostingLists
from kbtool.store.files import Signature


class _Builder:
    """Collects documents in memory-light arrays, then writes them to SQLite at once.

    Each record is analysed in one pass that puts its entries straight into the postings:
    a field's words are counted once (in C), each distinct word of a field looked up in
    the analysis's cache of stems (``stems_of``), and runs of adjacent words counted from
    ``zip`` over the words, never built a word at a time.
    """

    def __init__(self, dense: bool = True) -> None:
        self.dense = dense
        self.lengths: dict[int, array[int]] = {}  # field code -> length by document number
        self.postings = PostingLists()  # keyed by stems and by tuples of adjacent words
        self.word_stems: dict[str, str] = {}  # every word -> its stem
        self.word_documents: Counter[str] = Counter()  # word -> documents holding it
        self.totals: dict[int, list[int]] = {}  # field code -> [total length, documents]
        self.rows: list[tuple[Any, ...]] = []

    @property
    def words(self) -> dict[str, list[Any]]:
        """word -> [stem, documents]."""
        stems = self.word_stems
        return {word: [stems[word], count] for word, count in self.word_documents.items()}

    def posting_bodies(self) -> Iterator[tuple[str, bytearray]]:
        """Every posting key (a stem, or a run of words by its ``run_key``) and its pairs
        of integers, as bytes."""
        for key, body in self.postings.items():
            yield (key if isinstance(key, str) else run_key(key)), body

    def add(self, number: int, record: Record, related: Any) -> None:
        body = msgspec.json.encode(to_document(record))
        instrument = record.instrument if isinstance(record, Quotation) else None
        if isinstance(record, Source):
            self.rows.append((number, "source", record.id, None, body, None, None))
            return
        lengths: dict[int, int] = {}
        words: dict[str, str] = {}  # word -> stem, of this record
        stems: dict[str, Any] = {}  # the keys of these three: what the record holds
        pairs: dict[tuple[str, str], int] = {}
        triples: dict[tuple[str, str, str], int] = {}
        postings = self.postings
        for name, values in field_values(record, related):
            found: list[str] = []
            two: list[tuple[str, str]] = []
            three: list[tuple[str, str, str]] = []
            for value in values:
                if value:
                    analysed = folded_words(value)
                    found += analysed
                    # Within one value: a phrase never runs from one value into the next.
                    if len(analysed) > 1:
                        two += itertools.pairwise(analysed)
                        three += zip(analysed, analysed[1:], analysed[2:], strict=False)
            if not found:
                continue
            code = FIELD_CODES[name]
            size = lengths[code] = len(found)
            shifted = code << 16
            counted = Counter(found)
            field_stems = stems_of(counted)
            words.update(zip(counted, field_stems, strict=True))
            distinct = dict.fromkeys(field_stems)
            if len(distinct) < len(field_stems):
                # Words of this field with one stem ("flight", "flights"): one entry.
                merged = dict.fromkeys(distinct, 0)
                for stem, count in zip(field_stems, counted.values(), strict=True):
                    merged[stem] += count
                postings.add(number, shifted, merged, merged.values(), len(merged), size)
            else:
                postings.add(number, shifted, field_stems, counted.values(), len(counted), size)
            stems.update(distinct)
            if two:
                counted_two, counted_three = Counter(two), Counter(three)
                postings.add(
                    number,
                    shifted,
                    itertools.chain(counted_two, counted_three),
                    itertools.chain(counted_two.values(), counted_three.values()),
                    len(counted_two) + len(counted_three),
                    size,
                )
                pairs.update(counted_two)
                triples.update(counted_three)
        self.word_stems.update(words)
        self.word_documents.update(words.keys())
        for code, length in lengths.items():
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
                msgspec.msgpack.encode(lengths),
                _encode_terms(stems, words, pairs, triples),
            )
        )


def _encode_terms(
    stems: Iterable[str],
    words: Iterable[str],
    pairs: Iterable[tuple[str, str]],
    triples: Iterable[tuple[str, str, str]],
) -> bytes:
    """What a record put into the index, for taking it back: its stems, its words, and its
    runs of two and of three words, each flat, as places in its words (a run's key spelt
    out would take more room than its postings)."""
    ordered = sorted(words)
    place = dict(zip(ordered, range(len(ordered)), strict=True)).__getitem__
    flat = itertools.chain.from_iterable
    return msgspec.msgpack.encode(
        [sorted(stems), ordered, [*map(place, flat(pairs))], [*map(place, flat(triples))]]
    )


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
        # In the order of the table's key: SQLite appends to its B-tree instead of inserting
        # all over it (a third of the time, for the 250,000 keys of 14k instruments).
        connection.executemany(
            "INSERT INTO postings VALUES (?, 0, ?)", sorted(builder.posting_bodies())
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
