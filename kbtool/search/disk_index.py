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

This module holds the schema and reads the index (``DiskIndex``); ``index_building`` writes
it from every record and ``index_updates`` keeps it current after a write.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import msgspec

from kbtool.models import Instrument, Quotation, Source
from kbtool.search.analysis import run_key
from kbtool.search.documents import FIELD_NAMES, Document
from kbtool.store.files import Signature

FORMAT_VERSION = "6"
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


def _decode_terms(stored: bytes) -> tuple[list[str], list[str]]:
    """The words, and every posting key (stems and runs), of ``_encode_terms``."""
    stems, words, pairs, triples = msgspec.msgpack.decode(stored)
    two = (run_key((words[a], words[b])) for a, b in zip(pairs[::2], pairs[1::2], strict=True))
    three = (
        run_key((words[a], words[b], words[c]))
        for a, b, c in zip(triples[::3], triples[1::3], triples[2::3], strict=True)
    )
    return words, [*stems, *two, *three]


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
