"""The global options (--db, --color) are taken anywhere on the line, as gh takes its own.

``kb list --db x`` once failed with "Possible options: --kind": only the words before the
command were read as kb's own options.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run

TOURISM_MOU = "kenya-malaysia-tourism-mou"


@pytest.fixture
def small_db(write_db, shipped) -> Path:  # type: ignore[no-untyped-def]
    """A knowledge base of one instrument of the shipped file, so it is told from it."""
    instrument = next(doc for doc in shipped["instruments"].values() if doc["id"] == TOURISM_MOU)
    path: Path = write_db({"instruments": [instrument]})
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "--json", "--db", "{db}"],
        ["list", "--db={db}", "--kind", "mou", "--json"],
        ["list", "--db", "{db}", "--color", "never", "--json"],
    ],
    ids=" ".join,
)
def test_db_after_the_command_is_the_file_read(kb: Run, small_db: Path, argv: list[str]) -> None:
    result = kb(*[a.format(db=small_db) for a in argv])
    assert result.exit_code == 0, result.stderr
    assert [i["id"] for i in json.loads(result.stdout)] == [TOURISM_MOU]


def test_db_after_the_command_wins_over_one_before(kb: Run, small_db: Path, tmp_path: Path) -> None:
    result = kb("--db", str(tmp_path / "other.json"), "list", "--db", str(small_db), "--json")
    assert result.exit_code == 0, result.stderr
    assert [i["id"] for i in json.loads(result.stdout)] == [TOURISM_MOU]


def test_db_after_a_subcommand_of_add_is_the_file_written(kb: Run, tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    added = kb("add", "source", "--description", "A report", "--db", str(target))
    assert added.exit_code == 0, added.stderr
    assert json.loads(target.read_text())["sources"]["1"]["description"] == "A report"


def test_db_after_the_command_reaches_writes(kb: Run, kb_copy: Path) -> None:
    edited = kb("edit", TOURISM_MOU, "--set", "summary=Changed.", "--db", str(kb_copy))
    assert edited.exit_code == 0, edited.stderr
    assert kb.json("--db", str(kb_copy), "show", TOURISM_MOU)["summary"] == "Changed."


def test_search_reads_db_after_the_query(kb: Run, small_db: Path) -> None:
    result = kb("search", "tourism", "--db", str(small_db), "--json")
    assert result.exit_code == 0, result.stderr
    assert {hit["id"] for hit in json.loads(result.stdout)} == {TOURISM_MOU}


def test_color_after_the_command_is_checked_like_before_it(kb: Run) -> None:
    result = kb("list", "--color", "sometimes")
    assert result.exit_code == 2
    assert "sometimes" in result.stderr


def test_help_of_a_command_lists_the_global_options(kb: Run) -> None:
    result = kb("list", "--help")
    assert "Global options" in result.stdout
    assert "--db" in result.stdout and "--color" in result.stdout
