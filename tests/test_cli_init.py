"""``kb init``: an empty knowledge base can still be given the shipped records."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Run
from kbtool.store.location import user_db_path


def test_init_with_shipped_fills_an_empty_knowledge_base(kb: Run) -> None:
    # `kb init` then `kb init --with-shipped` once failed ("exists already"), and the only
    # way out was deleting the file by hand.
    assert kb("init").exit_code == 0
    assert kb.json("list") == []
    filled = kb("init", "--with-shipped")
    assert filled.exit_code == 0, filled.stderr
    assert "shipped" in filled.stderr
    assert len(kb.json("list")) == 4
    assert json.loads(user_db_path().read_text())["instruments"]


def test_init_with_shipped_fills_an_empty_db_file(kb: Run, tmp_path: Path) -> None:
    db = tmp_path / "kb.json"
    assert kb("--db", str(db), "init").exit_code == 0
    assert kb("--db", str(db), "init", "--with-shipped").exit_code == 0
    assert len(kb.json("--db", str(db), "list")) == 4
    undone = kb("--db", str(db), "undo")  # filling it is a write like any other
    assert undone.exit_code == 0, undone.stderr
    assert kb.json("--db", str(db), "list") == []


def test_init_never_replaces_records(kb: Run, tmp_path: Path) -> None:
    db = tmp_path / "kb.json"
    assert kb("--db", str(db), "add", "source", "--description", "A note").exit_code == 0
    before = db.read_bytes()
    for argv in (["init"], ["init", "--with-shipped"]):
        result = kb("--db", str(db), *argv)
        assert result.exit_code == 1
        assert "exists already" in result.stderr and "1 record" in result.stderr
    assert db.read_bytes() == before
