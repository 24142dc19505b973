"""A mistyped ``--db`` path: a person at a terminal is told the file does not exist."""

from __future__ import annotations

import json
from pathlib import Path

from terminal import run_in_terminal

from conftest import Run


def test_a_missing_db_file_is_named_on_a_terminal(tmp_path: Path) -> None:
    missing = tmp_path / "kb-typo.json"
    code, screen = run_in_terminal("--db", str(missing), "list", env={"KB_PAGER": "cat"})
    assert code == 0
    assert f"{missing} does not exist" in screen
    assert not missing.exists()


def test_a_missing_kb_db_file_names_the_variable(tmp_path: Path) -> None:
    missing = tmp_path / "kb-typo.json"
    code, screen = run_in_terminal("quotes", env={"KB_DB": str(missing), "KB_PAGER": "cat"})
    assert code == 0
    assert f"{missing} does not exist" in screen and "$KB_DB" in screen


def test_scripts_still_read_a_missing_file_as_empty(kb: Run, tmp_path: Path) -> None:
    result = kb("--db", str(tmp_path / "new.json"), "list", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert result.stderr == ""
