"""The search index kept on disk beside a knowledge base file, as ``FILE.index``.

Parsing a large knowledge base takes seconds, and ``kb search`` and ``kb show`` need only a
few of its records. This SQLite file (Python's own ``sqlite3``) keeps what they need:

- ``documents``: every record as JSON, with its type, id and the instrument a quotation is
  about, so ``kb show`` reads one instrument and its quotations; instruments and quotations
  also keep their field lengths (for ranking) and their stems and words (so that an update
  can take back what the old version of a record put in);
- ``postings``: for each stem, and for each two and three words that stand next to each
  other in a value (``kbtool.search.analysis.run_key``, so that a quoted phrase is counted without
  reading the records), where it occurs, as pairs of 32-bit integers (document
  number, field << 16 | count), in chunks: adding a document adds a small chunk instead of
  rewriting a common word's posting of hundreds of thousands of pairs;
- ``words``: every word, its stem and how many documents use it (completions, corrections);
- ``field_lengths``: for each field, the length of every document's (16-bit integers by
  document number), so that ranking a common word reads one array, not a row per document;
- ``meta``: the signature (size, modification time, inode) of the knowledge base file the
  index describes, and the total length of each field.

TinyDB's file stays the store of record: an index whose signature is not its file's is
stale, and is rebuilt from the file. Writes that ``kb`` makes update the index in the same
locked transaction, record by record.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sqlite3
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import msgspec

from kbtool.models import Instrument, Quotation, Source, to_document
from kbtool.search.analysis import run_key, terms, word_runs
from kbtool.search.documents import FIELD_NAMES, Document, field_values
from kbtool.store.files import Signature

FORMAT_VERSION = "5"
FIELD_CODES = {name: code for code, name in enumerate(FIELD_NAMES)}
Record = Instrument | Quotation | Source
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB);
CREATE TABLE documents (
    number INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    id TEXT NOT NULL UNIQUE,
    instrument TEXT,
    body BLOB NOT NULL,
    lengths BLOB,
    terms BLOB
);
CREATE INDEX documents_by_instrument ON documents (instrument);
CREATE TABLE postings (
    stem TEXT NOT NULL,
    chunk INTEGER NOT NULL,
    body BLOB NOT NULL,
    PRIMARY KEY (stem, chunk)
) WITHOUT ROWID;
CREATE TABLE words (word TEXT PRIMARY KEY, stem TEXT NOT NULL, documents INTEGER NOT NULL);
CREATE TABLE field_lengths (field INTEGER PRIMARY KEY, body BLOB NOT NULL);
"""
TYPE_NAMES: dict[type[Record], str] = {
    Instrument: "instrument",
    Quotation: "quotation",
    Source: "source",
}
TYPES: dict[str, type[Record]] = {
    "instrument": Instrument,
    "quotation": Quotation,
    "source": Source,
}


def index_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".index")


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


def _decode_terms(stored: bytes) -> tuple[list[str], list[str]]:
    """The words, and every posting key (stems and runs), of ``_encode_terms``."""
    stems, words, runs = msgspec.msgpack.decode(stored)
    keys = (run_key([words[place] for place in run]) for run in runs)
    return words, [*stems, *keys]


def _set_length(lengths: dict[int, array[int]], code: int, number: int, length: int) -> None:
    field = lengths.get(code)
    if field is None:
        field = lengths[code] = array("H")
    if len(field) <= number:
        field.extend([0] * (number + 1 - len(field)))
    field[number] = min(length, 0xFFFF)


def _read_lengths(connection: sqlite3.Connection, code: int) -> array[int]:
    """One field's length for every document, by document number."""
    lengths = array("H")
    row = connection.execute("SELECT body FROM field_lengths WHERE field = ?", (code,)).fetchone()
    if row is not None:
        lengths.frombytes(row[0])
    return lengths


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    # SQLite allows at most 999 parameters to a statement in older versions.
    for start in range(0, len(values), 500):
        yield values[start : start + 500]


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=DELETE")
    return connection


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


def _read_meta(connection: sqlite3.Connection) -> dict[str, Any]:
    return {
        key: msgspec.json.decode(value) for key, value in connection.execute("SELECT * FROM meta")
    }


def open_current(db_path: Path, file_signature: Signature | None) -> DiskIndex | None:
    """The index of ``db_path`` if it describes the file as it is now, else None."""
    target = index_path(db_path)
    if file_signature is None or not target.exists():
        return None
    try:
        connection = sqlite3.connect(f"file:{target}?mode=ro", uri=True, isolation_level=None)
        meta = _read_meta(connection)
    except sqlite3.Error:
        return None
    if (
        meta.get("version") != FORMAT_VERSION
        or meta.get("fields") != list(FIELD_NAMES)
        or meta.get("signature") != file_signature
    ):
        connection.close()
        return None
    return DiskIndex(connection, meta)


class DiskIndex:
    """A ``kbtool.search.documents.SearchIndex`` read from ``FILE.index``."""

    def __init__(self, connection: sqlite3.Connection, meta: dict[str, Any]) -> None:
        self.connection = connection
        self.meta = meta
        self._postings: dict[str, dict[int, dict[str, int]]] = {}
        self._packed: dict[str, array[int]] = {}
        self._lengths: dict[int, array[int]] = {}
        self._labels: dict[int, tuple[str, str]] = {}
        self._documents: dict[int, Document] = {}
        self._instruments: dict[str, Instrument] = {}  # read for the quotations about them

    def close(self) -> None:
        self.connection.close()

    # ------------------------------------------------------------ records, for kb show

    def record(self, record_id: str) -> Record | None:
        row = self.connection.execute(
            "SELECT type, body FROM documents WHERE id = ?", (record_id,)
        ).fetchone()
        return None if row is None else msgspec.json.decode(row[1], type=TYPES[row[0]])

    def quotations_about(self, instrument_id: str) -> list[Quotation]:
        rows = self.connection.execute(
            "SELECT body FROM documents WHERE instrument = ? AND type = 'quotation'"
            " ORDER BY number",
            (instrument_id,),
        )
        return [msgspec.json.decode(body, type=Quotation) for (body,) in rows]

    def ids(self, record_type: str) -> list[str]:
        rows = self.connection.execute(
            "SELECT id FROM documents WHERE type = ? ORDER BY number", (record_type,)
        )
        return [record_id for (record_id,) in rows]

    # ------------------------------------------------------------ SearchIndex

    @property
    def size(self) -> int:
        return int(self.meta["size"])

    @property
    def indexes_word_runs(self) -> bool:
        return True

    def numbers(self) -> Iterable[int]:
        rows = self.connection.execute(
            "SELECT number FROM documents WHERE type != 'source' ORDER BY number"
        )
        return [number for (number,) in rows]

    def packed_postings(self, stem: str) -> array[int]:
        cached = self._packed.get(stem)
        if cached is not None:
            return cached
        rows = self.connection.execute(
            "SELECT body FROM postings WHERE stem = ? ORDER BY chunk", (stem,)
        )
        pairs = array("I")
        for (body,) in rows:
            pairs.frombytes(body)
        self._packed[stem] = pairs
        return pairs

    def postings_for(self, stem: str) -> Mapping[int, Mapping[str, int]]:
        cached = self._postings.get(stem)
        if cached is not None:
            return cached
        pairs = self.packed_postings(stem)
        result: dict[int, dict[str, int]] = {}
        names = FIELD_NAMES
        for position in range(0, len(pairs), 2):
            entry = pairs[position + 1]
            fields = result.get(pairs[position])
            if fields is None:
                fields = result[pairs[position]] = {}
            fields[names[entry >> 16]] = entry & 0xFFFF
        self._postings[stem] = result
        return result

    def prefetch(self, numbers: Iterable[int]) -> None:
        wanted = [n for n in numbers if n not in self._labels]
        for chunk in _chunks(wanted):
            rows = self.connection.execute(
                f"SELECT number, type, id FROM documents WHERE number IN ({_marks(chunk)})", chunk
            )
            for number, kind, record_id in rows:
                self._labels[number] = (kind, record_id)

    def label(self, number: int) -> tuple[str, str]:
        if number not in self._labels:
            self.prefetch([number])
        return self._labels[number]

    def field_length(self, number: int, field_name: str) -> int:
        lengths = self.field_lengths(field_name)
        return lengths[number] if number < len(lengths) else 0

    def field_lengths(self, field_name: str) -> array[int]:
        code = FIELD_CODES[field_name]
        lengths = self._lengths.get(code)
        if lengths is None:
            lengths = self._lengths[code] = _read_lengths(self.connection, code)
        return lengths

    @cached_property
    def _averages(self) -> dict[str, float]:
        return {
            FIELD_NAMES[int(code)]: total / count
            for code, (total, count) in self.meta["totals"].items()
            if count
        }

    def average_length(self, field_name: str) -> float:
        return self._averages.get(field_name, 1.0)

    def document(self, number: int) -> Document:
        cached = self._documents.get(number)
        if cached is not None:
            return cached
        kind, body = self.connection.execute(
            "SELECT type, body FROM documents WHERE number = ?", (number,)
        ).fetchone()
        document = self._documents[number] = self._document(kind, body)
        return document

    def documents_of(self, numbers: Sequence[int]) -> dict[int, Document]:
        # A filter reads thousands of documents and the instruments their quotations are
        # about: a query per few hundred rather than one per record.
        wanted = [n for n in numbers if n not in self._documents]
        about: set[str] = set()
        for chunk in _chunks(wanted):
            rows = self.connection.execute(
                f"SELECT number, type, body FROM documents WHERE number IN ({_marks(chunk)})",
                chunk,
            )
            for number, kind, body in rows:
                document = self._documents[number] = self._document(kind, body)
                if isinstance(document.record, Quotation) and document.record.instrument:
                    about.add(document.record.instrument)
        unread = sorted(about - self._instruments.keys())
        for chunk in _chunks(unread):
            rows = self.connection.execute(
                f"SELECT id, body FROM documents WHERE type = 'instrument' AND id IN"
                f" ({_marks(chunk)})",
                chunk,
            )
            for record_id, body in rows:
                self._instruments[record_id] = msgspec.json.decode(body, type=Instrument)
        return {number: self._documents[number] for number in numbers}

    def _document(self, kind: str, body: bytes) -> Document:
        record = msgspec.json.decode(body, type=TYPES[kind])
        assert not isinstance(record, Source)  # sources are not searched
        if isinstance(record, Instrument):
            instrument_id = record.id
            return Document(record, record, related=lambda: self.quotations_about(instrument_id))
        about_id = record.instrument

        def about() -> Instrument | None:
            # Read only if a filter or the "about" field needs it.
            if about_id in self._instruments:
                return self._instruments[about_id]
            found = self.record(about_id) if about_id else None
            return found if isinstance(found, Instrument) else None

        return Document(record, about)

    def stem_of(self, word: str) -> str | None:
        row = self.connection.execute("SELECT stem FROM words WHERE word = ?", (word,)).fetchone()
        return None if row is None else str(row[0])

    def words_of_stem(self, stem: str) -> list[str]:
        rows = self.connection.execute("SELECT word FROM words WHERE stem = ?", (stem,))
        return [word for (word,) in rows]

    def word_documents(self, word: str) -> int:
        row = self.connection.execute(
            "SELECT documents FROM words WHERE word = ?", (word,)
        ).fetchone()
        return 0 if row is None else int(row[0])

    def words_starting_with(self, prefix: str) -> Iterator[str]:
        rows = self.connection.execute(
            "SELECT word FROM words WHERE word >= ? AND word < ? ORDER BY word",
            (prefix, prefix + "\U0010ffff"),
        )
        for (word,) in rows:
            yield word

    def known_words(self) -> Iterable[str]:
        return [word for (word,) in self.connection.execute("SELECT word FROM words")]


# ---------------------------------------------------------------- updates after a write


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
        connection.execute("BEGIN IMMEDIATE")
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


class _Updater:
    def __init__(self, connection: sqlite3.Connection, meta: dict[str, Any]) -> None:
        self.connection = connection
        self.totals = {int(code): total for code, total in meta["totals"].items()}
        self.size = int(meta["size"])
        self.lengths: dict[int, array[int]] = {}  # the fields changed so far, written at the end

    def _field_lengths(self, code: int) -> dict[int, array[int]]:
        if code not in self.lengths:
            self.lengths[code] = _read_lengths(self.connection, code)
        return self.lengths

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
                (stem, stem, posting.tobytes()),
            )
        for word, (stem, _count) in builder.words.items():
            self.connection.execute(
                "INSERT INTO words VALUES (?, ?, 1) ON CONFLICT (word) DO UPDATE"
                " SET documents = documents + 1",
                (word, stem),
            )
