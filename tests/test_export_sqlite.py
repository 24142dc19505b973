"""``kb export --format sqlite``: a database that sqlite-utils (and so Datasette) opens as it is."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlite_utils
from glance_data import benchmark_kb, small_kb

from conftest import Run


def _export(kb: Run, target: Path, db: Path | None = None) -> sqlite_utils.Database:
    options = ("--db", str(db)) if db else ()
    result = kb(*options, "export", "--format", "sqlite", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    return sqlite_utils.Database(target)


def test_the_shipped_knowledge_base_as_sqlite(kb: Run, tmp_path: Path) -> None:
    database = _export(kb, tmp_path / "kb.db")
    exported = json.loads(kb("export").stdout)
    for table in ("instruments", "quotations", "sources"):
        rows = list(database[table].rows)
        assert [row["id"] for row in rows] == [r["id"] for r in exported[table]]
    air = database["instruments"].get("kenya-malaysia-air-services-agreement")
    assert json.loads(air["parties"]) == ["Kenya", "Malaysia"]
    assert air["exchanged_on"] == "2025-11-24"
    parties = database.execute(
        "select party from instrument_parties where instrument = ? order by position",
        ["kenya-malaysia-air-services-agreement"],
    ).fetchall()
    assert parties == [("Kenya",), ("Malaysia",)]


def test_foreign_keys_tie_the_tables(kb: Run, tmp_path: Path) -> None:
    database = _export(kb, tmp_path / "kb.db")
    keys = {
        (table, key.column, key.other_table, key.other_column)
        for table in database.table_names()
        for key in database[table].foreign_keys
    }
    assert {
        ("quotations", "instrument", "instruments", "id"),
        ("quotations", "source", "sources", "id"),
        ("instrument_sources", "source", "sources", "id"),
        ("officials", "instrument", "instruments", "id"),
        ("claims", "source", "sources", "id"),
    } <= keys
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    # Joined as Datasette joins them: every quotation's instrument is a row of instruments.
    joined = database.execute(
        "select q.id, i.title from quotations q join instruments i on i.id = q.instrument"
    ).fetchall()
    assert ("ruto-two-way-tourism", "MoU on Tourism Cooperation") in joined


def test_full_text_search_works_as_sqlite_utils_runs_it(kb: Run, tmp_path: Path) -> None:
    database = _export(kb, tmp_path / "kb.db")
    assert database["quotations"].detect_fts() == "quotations_fts"
    found = [row["id"] for row in database["quotations"].search("tourism")]
    assert set(found) == {"ruto-two-way-tourism", "ruto-expand-connectivity"}
    assert [row["id"] for row in database["instruments"].search("twin")] == [
        "nairobi-kuala-lumpur-twinning-loi"
    ]
    assert database["sources"].detect_fts() == "sources_fts"


def test_list_fields_and_claims_keep_their_values(
    kb: Run, tmp_path: Path, write_db: Callable[[dict[str, list[dict[str, Any]]]], Path]
) -> None:
    database = _export(kb, tmp_path / "kb.db", write_db(small_kb()))
    claim = database.execute(
        "select field, value, source from claims where instrument = 'ghana-india-trade-agreement'"
    ).fetchall()
    assert claim == [("signed_on", "2024-02-28", "wire-report")]
    official = database["officials"].get(("ghana-india-trade-agreement", 1))
    assert (official["name"], official["role"]) == ("Ama Mensah", "Minister")


def test_sqlite_needs_a_file(kb: Run) -> None:
    result = kb("export", "--format", "sqlite")
    assert result.exit_code == 2 and "-o FILE" in result.stderr


def test_the_benchmark_knowledge_base_as_sqlite(kb: Run, tmp_path: Path) -> None:
    instruments = 14_000
    database = _export(kb, tmp_path / "kb.db", benchmark_kb(instruments))
    assert database["instruments"].count == instruments
    indexed = database.execute("select count(*) from quotations_fts").fetchone()[0]
    assert database["quotations"].count == indexed > instruments
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    assert next(iter(database["instruments"].search("hydrography")), None) is not None
