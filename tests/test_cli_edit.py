"""``kb edit``: controlled fields take what ``kb add`` takes, and refuse alike."""

from __future__ import annotations

from pathlib import Path

from conftest import Run

TOURISM_MOU = "kenya-malaysia-tourism-mou"


def test_an_unknown_status_is_a_usage_error_naming_the_allowed(kb: Run, kb_copy: Path) -> None:
    before = kb_copy.read_bytes()
    result = kb("--db", str(kb_copy), "edit", TOURISM_MOU, "--set", "status=banana")
    assert result.exit_code == 2
    assert "'banana'" in result.stderr and "in-force" in result.stderr
    assert result.stderr.count("\n") == 1
    assert kb_copy.read_bytes() == before


def test_a_kind_abbreviation_is_understood_as_kb_add_understands_it(kb: Run, kb_copy: Path) -> None:
    edited = kb("--db", str(kb_copy), "edit", TOURISM_MOU, "--set", "kind=mou")
    assert edited.exit_code == 0, edited.stderr
    shown = kb.json("--db", str(kb_copy), "show", TOURISM_MOU)
    assert shown["kind"] == "memorandum-of-understanding"


def test_a_status_in_capitals_is_stored_as_the_vocabulary_writes_it(kb: Run, kb_copy: Path) -> None:
    edited = kb("--db", str(kb_copy), "edit", TOURISM_MOU, "--set", "status=In-Force")
    assert edited.exit_code == 0, edited.stderr
    assert kb.json("--db", str(kb_copy), "show", TOURISM_MOU)["status"] == "in-force"
