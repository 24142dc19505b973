"""``kb add``: a record that may be a duplicate is said to be one; status may be unknown."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Run

TRADE = [
    "add",
    "instrument",
    "--title",
    "Agreement on Trade",
    "--kind",
    "agreement",
    "--party",
    "Ghana",
    "--party",
    "India",
]


def test_the_same_title_twice_warns_and_says_how_to_see_the_first(kb: Run, tmp_path: Path) -> None:
    db = tmp_path / "kb.json"
    first = kb("--db", str(db), *TRADE, "--status", "signed")
    assert first.exit_code == 0, first.stderr
    assert "warning" not in first.stderr
    second = kb("--db", str(db), *TRADE, "--status", "signed")
    assert second.exit_code == 0, second.stderr
    assert second.stdout.strip() == "agreement-on-trade-2"
    assert "warning" in second.stderr
    assert "'agreement-on-trade' exists already" in second.stderr
    assert "kb show agreement-on-trade" in second.stderr


def test_an_id_taken_by_a_removed_record_is_no_duplicate(kb: Run, tmp_path: Path) -> None:
    db = tmp_path / "kb.json"
    assert kb("--db", str(db), *TRADE, "--status", "signed").exit_code == 0
    assert kb("--db", str(db), "remove", "agreement-on-trade", "--yes").exit_code == 0
    again = kb("--db", str(db), *TRADE, "--status", "signed")
    assert again.exit_code == 0, again.stderr
    assert "warning" not in again.stderr


def test_an_instrument_without_status_has_a_null_status(kb: Run, tmp_path: Path) -> None:
    db = tmp_path / "kb.json"
    added = kb("--db", str(db), *TRADE, "--json")
    assert added.exit_code == 0, added.stderr
    assert json.loads(added.stdout)["status"] is None
    [stored] = json.loads(db.read_text())["instruments"].values()
    assert stored["status"] is None
    listed = kb("--db", str(db), "list", "--json")
    assert json.loads(listed.stdout)[0]["status"] is None
    for output in (["list"], ["list", "-f", "tsv"], ["show", "agreement-on-trade"]):
        shown = kb("--db", str(db), *output)
        assert shown.exit_code == 0, shown.stderr
    assert kb("--db", str(db), "verify").exit_code == 0
    assert kb("--db", str(db), "list", "--status", "signed", "--json").stdout.strip() == "[]"
