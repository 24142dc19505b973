"""The search index kept on disk beside a knowledge base file, as ``FILE.index``.

Parsing a large knowledge base takes seconds, and ``kb search`` and ``kb show`` need only a
few of its records. This SQLite file (Python's own ``sqlite3``) keeps what they need:

- ``terms``: an FTS5 table without content of its own (``content=''``), a row per instrument
  and quotation (its number), a column per field of the record's own (named by the field's
  code), each holding the field's words as ``kbtool.search.analysis`` folds them, joined by
  spaces, with ``SEPARATOR`` between two values so that no phrase runs from one into the
  next. FTS5 keeps, in C, every place of every word: ``term_instances`` (``fts5vocab``)
  reads them back, so the counts by field that BM25F needs and the phrases (words at
  consecutive places) come from there;
- ``documents``: every record's type, id and the instrument a quotation is about, and
  ``bodies``, its JSON (``kbtool.search.bodies``: compressed in blocks), so that ``kb
  show`` reads one instrument and its quotations;
- ``words``: every word and its stem (stems, completions, corrections);
- ``arrays``: for each field, the length of every document's (16-bit integers by document
  number, ``lengths:CODE``), so that ranking a common word reads one array, not a row per
  document; and ``about``, the number of the instrument each quotation is about;
- ``meta``: the signature (size, modification time, inode) of the knowledge base file the
  index describes, and the total length of each field.

An instrument's ``quotations`` and a quotation's ``about`` are other records' words (the
quotations' text, the instrument's title): they are not in ``terms`` but derived when a word
is looked up (``kbtool.search.postings``), so that a row depends on its own record only.

TinyDB's file stays the store of record: an index whose signature is not its file's is
stale, and is rebuilt from the file. Writes that ``kb`` make update the index in the same
locked transaction.

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
from kbtool.search import postings
from kbtool.search.bodies import Bodies
from kbtool.search.documents import FIELD_NAMES, Document
from kbtool.store.files import Signature

FORMAT_VERSION = "8"
FIELD_CODES = {name: code for code, name in enumerate(FIELD_NAMES)}
# Fields made of other records' words, and the field of those records they are made of.
DERIVED = {"quotations": "text", "about": "title"}
OWN_CODES = tuple(code for code, name in enumerate(FIELD_NAMES) if name not in DERIVED)
# A token of its own between two values of a field: a private-use character, which no
# word of kb's analysis is.
SEPARATOR = "\ue000"
Record = Instrument | Quotation | Source
# FTS5 splits the words back at spaces, and keeps apostrophes within them.
TOKENIZER = "tokenize=\"ascii tokenchars ''''\""
_COLUMNS = ", ".join(f'"{code}"' for code in OWN_CODES)
SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB);
CREATE TABLE documents (
    number INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    id TEXT NOT NULL UNIQUE,
    instrument TEXT
);
CREATE INDEX documents_by_instrument ON documents (instrument);
CREATE TABLE words (word TEXT PRIMARY KEY, stem TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX words_by_stem ON words (stem);
CREATE TABLE arrays (name TEXT PRIMARY KEY, body BLOB NOT NULL);
CREATE TABLE bodies (block INTEGER PRIMARY KEY, body BLOB NOT NULL);
CREATE VIRTUAL TABLE terms USING fts5(
    {_COLUMNS}, content='', columnsize=0, detail=full, {TOKENIZER}
);
CREATE VIRTUAL TABLE term_instances USING fts5vocab(terms, instance);
CREATE VIRTUAL TABLE term_rows USING fts5vocab(terms, row);
"""
INSERT_TERMS = f"INSERT INTO terms (rowid, {_COLUMNS}) VALUES (?{', ?' * len(OWN_CODES)})"
DELETE_TERMS = (
    f"INSERT INTO terms (terms, rowid, {_COLUMNS}) VALUES ('delete', ?{', ?' * len(OWN_CODES)})"
)


def type_name(record: Record) -> str:
    """What ``documents.type`` calls a record: by isinstance, since the records an import's
    child reads are subclasses (``kbtool.models.unchecked``)."""
    if isinstance(record, Instrument):
        return "instrument"
    return "quotation" if isinstance(record, Quotation) else "source"


def index_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".index")


def journal_path(target: Path) -> Path:
    return target.with_name(target.name + "-journal")


def lengths_name(code: int) -> str:
    return f"lengths:{code}"


def read_array(connection: sqlite3.Connection, name: str, typecode: str) -> array[Any]:
    """An array of ``arrays``, empty if there is none."""
    found = array(typecode)
    row = connection.execute("SELECT body FROM arrays WHERE name = ?", (name,)).fetchone()
    if row is not None:
        found.frombytes(row[0])
    return found


def chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    # SQLite allows at most 999 parameters to a statement in older versions.
    for start in range(0, len(values), 500):
        yield values[start : start + 500]


def marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


def connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=DELETE")
    return connection


def read_meta(connection: sqlite3.Connection) -> dict[str, Any]:
    return {
        key: msgspec.json.decode(value) for key, value in connection.execute("SELECT * FROM meta")
    }


def open_current(db_path: Path, file_signature: Signature | None) -> DiskIndex | None:
    """The index of ``db_path`` if it describes the file as it is now, else None."""
    target = index_path(db_path)
    if file_signature is None or not target.exists():
        return None
    try:
        # Read-write (never created): a commit that was killed leaves a hot journal, which
        # only a connection that may write can roll back. Read-only, every search would
        # find the index unreadable and build it anew, until the next write.
        connection = sqlite3.connect(f"file:{target}?mode=rw", uri=True, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        meta = read_meta(connection)
    except sqlite3.Error:
        connection.close()
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

    @cached_property
    def bodies(self) -> Bodies:
        return Bodies(self.connection, bytes(read_array(self.connection, "zdict", "B")))

    @cached_property
    def occurrences(self) -> postings.Occurrences:
        return postings.Occurrences(self.connection, read_array(self.connection, "about", "i"))

    # ------------------------------------------------------------ records, for kb show

    def record(self, record_id: str) -> Record | None:
        row = self.connection.execute(
            "SELECT number, type FROM documents WHERE id = ?", (record_id,)
        ).fetchone()
        return None if row is None else self.bodies.record(row[0], row[1])

    def types_of(self, record_ids: Sequence[str]) -> dict[str, str]:
        """The type ("instrument", "quotation", "source") of each of ``record_ids`` that
        names a record; a few queries for many ids, and no record decoded."""
        found: dict[str, str] = {}
        for part in chunks(record_ids):
            rows = self.connection.execute(
                f"SELECT id, type FROM documents WHERE id IN ({marks(part)})", part
            )
            found.update(rows)
        return found

    def quotations_about(self, instrument_id: str) -> list[Quotation]:
        rows = self.connection.execute(
            "SELECT number FROM documents WHERE instrument = ? AND type = 'quotation'"
            " ORDER BY number",
            (instrument_id,),
        )
        found = self.bodies.records({number: "quotation" for (number,) in rows})
        return [quotation for quotation in found.values() if isinstance(quotation, Quotation)]

    def ids(self, record_type: str) -> list[str]:
        rows = self.connection.execute(
            "SELECT id FROM documents WHERE type = ? ORDER BY number", (record_type,)
        )
        return [record_id for (record_id,) in rows]

    # ------------------------------------------------------------ SearchIndex

    @property
    def size(self) -> int:
        return int(self.meta["size"])

    def numbers(self) -> Iterable[int]:
        rows = self.connection.execute(
            "SELECT number FROM documents WHERE type != 'source' ORDER BY number"
        )
        return [number for (number,) in rows]

    def packed_postings(self, stem: str) -> array[int]:
        cached = self._packed.get(stem)
        if cached is None:
            cached = self._packed[stem] = self.occurrences.packed(self.words_of_stem(stem))
        return cached

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

    def phrase_postings(
        self, keys: Sequence[str], exact: bool
    ) -> Mapping[int, Mapping[str, int]] | None:
        terms = [[key] if exact else self.words_of_stem(key) for key in keys]
        return self.occurrences.phrase(terms)

    def prefetch(self, numbers: Iterable[int]) -> None:
        wanted = [n for n in numbers if n not in self._labels]
        for chunk in chunks(wanted):
            rows = self.connection.execute(
                f"SELECT number, type, id FROM documents WHERE number IN ({marks(chunk)})", chunk
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
            lengths = self._lengths[code] = read_array(self.connection, lengths_name(code), "H")
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
        (kind,) = self.connection.execute(
            "SELECT type FROM documents WHERE number = ?", (number,)
        ).fetchone()
        document = self._documents[number] = self._document(self.bodies.record(number, kind))
        return document

    def documents_of(self, numbers: Sequence[int]) -> dict[int, Document]:
        # A filter reads thousands of documents and the instruments their quotations are
        # about: a query per few hundred rather than one per record.
        wanted = [n for n in numbers if n not in self._documents]
        about: set[str] = set()
        for chunk in chunks(wanted):
            rows = self.connection.execute(
                f"SELECT number, type FROM documents WHERE number IN ({marks(chunk)})", chunk
            )
            for number, record in self.bodies.records(dict(rows.fetchall())).items():
                self._documents[number] = self._document(record)
                if isinstance(record, Quotation) and record.instrument:
                    about.add(record.instrument)
        unread = sorted(about - self._instruments.keys())
        for chunk in chunks(unread):
            rows = self.connection.execute(
                f"SELECT number FROM documents WHERE type = 'instrument' AND id IN"
                f" ({marks(chunk)})",
                chunk,
            )
            found = self.bodies.records({number: "instrument" for (number,) in rows})
            for instrument in found.values():
                assert isinstance(instrument, Instrument)
                self._instruments[instrument.id] = instrument
        return {number: self._documents[number] for number in numbers}

    def _document(self, record: Record) -> Document:
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
        rows = self.connection.execute(
            "SELECT word FROM words WHERE stem = ? ORDER BY word", (stem,)
        )
        return [word for (word,) in rows]

    def word_documents(self, word: str) -> int:
        return self.occurrences.documents([word])

    def words_starting_with(self, prefix: str) -> Iterator[str]:
        rows = self.connection.execute(
            "SELECT word FROM words WHERE word >= ? AND word < ? ORDER BY word",
            (prefix, prefix + "\U0010ffff"),
        )
        for (word,) in rows:
            yield word

    def known_words(self) -> Iterable[str]:
        return [word for (word,) in self.connection.execute("SELECT word FROM words")]
