"""``kb verify``: what it prints of each problem, for a person and for a script."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Run


def _with_dangling_quotation(kb: Run, tmp_path: Path) -> tuple[Path, str]:
    data = json.loads(kb("export").stdout)
    quotation = data["quotations"][0]
    quotation["source"] = "nowhere"
    path = tmp_path / "broken.json"
    tables = {name: {str(i): r for i, r in enumerate(recs, 1)} for name, recs in data.items()}
    path.write_text(json.dumps(tables), encoding="utf-8")
    return path, quotation["id"]


def test_json_gives_the_record_id_as_it_is(kb: Run, tmp_path: Path) -> None:
    # It once gave "'kenya-...'": the id with Python's quotes inside the value.
    path, quotation_id = _with_dangling_quotation(kb, tmp_path)
    result = kb("--db", str(path), "verify", "--json")
    assert result.exit_code == 1
    assert [p["record"] for p in json.loads(result.stdout)] == [quotation_id]


def test_text_quotes_the_record_id(kb: Run, tmp_path: Path) -> None:
    path, quotation_id = _with_dangling_quotation(kb, tmp_path)
    result = kb("--db", str(path), "verify")
    assert f"quotations '{quotation_id}': cites unknown source 'nowhere'" in result.stdout


def test_a_record_without_an_id_is_named_by_its_position(kb: Run, write_db) -> None:  # type: ignore[no-untyped-def]
    path = write_db({"sources": [{"description": "no id"}]})
    problems = json.loads(kb("--db", str(path), "verify", "--json").stdout)
    assert problems[0]["record"] == "#1"
    assert "sources #1:" in kb("--db", str(path), "verify").stdout
