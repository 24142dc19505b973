"""``kb export --format sqlite``: a knowledge base as a SQLite database for Datasette and
sqlite-utils, the tools data journalists already use.

The three tables keep the records' field names, one row a record, with the list fields as
JSON arrays (Datasette shows them as such, SQLite's ``json_each`` reads them). Beside
them, a table for each list whose items are worth a query or a join of their own:
``instrument_parties``, ``instrument_sectors``, ``instrument_sources``, ``officials``,
``excerpts`` and ``claims``. Every reference is a foreign key (a quotation's instrument
and source, an official's source, ...), so Datasette links a row to the row it names.
Full-text search is configured as sqlite-utils configures it (FTS5 tables
``instruments_fts``, ``quotations_fts``, ``sources_fts`` over their table's rows), so
``sqlite-utils search`` and Datasette's search box work on the file as it is.

The file is written whole to a temporary file beside the target and renamed over it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import msgspec

SCHEMA = """
CREATE TABLE sources (
    id TEXT PRIMARY KEY, title TEXT, outlet TEXT, url TEXT, published_on TEXT,
    description TEXT NOT NULL, statements TEXT NOT NULL, text TEXT
);
CREATE TABLE instruments (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, kind TEXT NOT NULL, parties TEXT NOT NULL,
    status TEXT NOT NULL, summary TEXT, aims TEXT NOT NULL, sectors TEXT NOT NULL,
    places TEXT NOT NULL, signed_on TEXT, signed_at TEXT, exchanged_on TEXT,
    exchanged_at TEXT, witnesses TEXT NOT NULL,
    primary_source TEXT REFERENCES sources(id)
);
CREATE TABLE quotations (
    id TEXT PRIMARY KEY, text TEXT NOT NULL, speaker TEXT NOT NULL, speaker_role TEXT,
    verb TEXT, context TEXT,
    instrument TEXT REFERENCES instruments(id),
    source TEXT REFERENCES sources(id)
);
CREATE TABLE instrument_parties (
    instrument TEXT NOT NULL REFERENCES instruments(id), position INTEGER NOT NULL,
    party TEXT NOT NULL, PRIMARY KEY (instrument, position)
);
CREATE TABLE instrument_sectors (
    instrument TEXT NOT NULL REFERENCES instruments(id), position INTEGER NOT NULL,
    sector TEXT NOT NULL, PRIMARY KEY (instrument, position)
);
CREATE TABLE instrument_sources (
    instrument TEXT NOT NULL REFERENCES instruments(id), position INTEGER NOT NULL,
    source TEXT NOT NULL REFERENCES sources(id), PRIMARY KEY (instrument, position)
);
CREATE TABLE officials (
    instrument TEXT NOT NULL REFERENCES instruments(id), position INTEGER NOT NULL,
    name TEXT NOT NULL, role TEXT, note TEXT,
    source TEXT NOT NULL REFERENCES sources(id), PRIMARY KEY (instrument, position)
);
CREATE TABLE excerpts (
    instrument TEXT NOT NULL REFERENCES instruments(id), position INTEGER NOT NULL,
    source TEXT NOT NULL REFERENCES sources(id), text TEXT NOT NULL,
    PRIMARY KEY (instrument, position)
);
CREATE TABLE claims (
    instrument TEXT NOT NULL REFERENCES instruments(id), position INTEGER NOT NULL,
    field TEXT NOT NULL, value TEXT NOT NULL,
    source TEXT NOT NULL REFERENCES sources(id), PRIMARY KEY (instrument, position)
);
CREATE INDEX instrument_parties_party ON instrument_parties(party);
CREATE INDEX instrument_sectors_sector ON instrument_sectors(sector);
CREATE INDEX instrument_sources_source ON instrument_sources(source);
CREATE INDEX quotations_instrument ON quotations(instrument);
CREATE INDEX quotations_source ON quotations(source);
"""

# Table -> the columns its full-text index covers, as ``sqlite-utils enable-fts`` makes it.
FULL_TEXT: dict[str, tuple[str, ...]] = {
    "instruments": ("title", "summary", "aims", "sectors", "parties", "places"),
    "quotations": ("text", "speaker", "speaker_role", "context"),
    "sources": ("title", "outlet", "description", "text"),
}

_LIST_FIELDS = ("parties", "aims", "sectors", "places", "witnesses", "statements")


def _json(value: Any) -> str:
    return msgspec.json.encode(value).decode()


def _row(record: Mapping[str, Any], columns: Sequence[str]) -> tuple[Any, ...]:
    return tuple(
        _json(record.get(column) or []) if column in _LIST_FIELDS else record.get(column)
        for column in columns
    )


def _insert(
    db: sqlite3.Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    marks = ", ".join("?" for _ in columns)
    db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def _columns(db: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def _list_rows(
    instruments: Sequence[Mapping[str, Any]], field: str, fields: Sequence[str]
) -> Iterable[tuple[Any, ...]]:
    """One row an item of a list field: the instrument, the item's position, its values."""
    for instrument in instruments:
        for position, item in enumerate(instrument.get(field) or [], start=1):
            if isinstance(item, Mapping):
                values = tuple(
                    item.get(name) if not isinstance(item.get(name), list) else _json(item[name])
                    for name in fields
                )
            else:
                values = (item,)
            yield (instrument["id"], position, *values)


def _fill(db: sqlite3.Connection, document: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
    instruments = document.get("instruments", [])
    sources = document.get("sources", [])
    quotations = document.get("quotations", [])
    _insert(
        db, "sources", _columns(db, "sources"), (_row(s, _columns(db, "sources")) for s in sources)
    )
    columns = _columns(db, "instruments")
    _insert(
        db,
        "instruments",
        columns,
        (
            _row({**i, "primary_source": (i.get("sources") or [None])[0]}, columns)
            for i in instruments
        ),
    )
    columns = _columns(db, "quotations")
    _insert(db, "quotations", columns, (_row(q, columns) for q in quotations))
    for table, field, fields in (
        ("instrument_parties", "parties", ("party",)),
        ("instrument_sectors", "sectors", ("sector",)),
        ("instrument_sources", "sources", ("source",)),
        ("officials", "officials", ("name", "role", "note", "source")),
        ("excerpts", "excerpts", ("source", "text")),
        ("claims", "claims", ("field", "value", "source")),
    ):
        _insert(
            db, table, ("instrument", "position", *fields), _list_rows(instruments, field, fields)
        )


def _enable_full_text(db: sqlite3.Connection) -> None:
    # The statements sqlite-utils' enable_fts runs: an external-content FTS5 table named
    # TABLE_fts over TABLE's rowids, which is how sqlite-utils and Datasette find it.
    for table, columns in FULL_TEXT.items():
        listed = ", ".join(f"[{column}]" for column in columns)
        db.execute(f"CREATE VIRTUAL TABLE [{table}_fts] USING FTS5 ({listed}, content=[{table}])")
        db.execute(
            f"INSERT INTO [{table}_fts] (rowid, {listed}) SELECT rowid, {listed} FROM [{table}]"
        )


def write_sqlite(document: Mapping[str, Sequence[Mapping[str, Any]]], path: Path) -> None:
    """Write every record of ``document`` (``Reader.export_document()``) to a new SQLite
    database at ``path``, replacing the file there only once it is complete."""
    import tempfile

    directory = path.parent
    directory.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    os.close(fd)
    try:
        db = sqlite3.connect(temporary)
        try:
            with db:
                db.executescript(SCHEMA)
                _fill(db, document)
                _enable_full_text(db)
            db.execute("VACUUM")
        finally:
            db.close()
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as any file the user makes, not mkstemp's 0600
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
