"""Writes refuse a knowledge base that fails kb verify's checks, even on records they do not
touch: a write never builds on a file that kb list or kb edit would misread."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import Run
from kbtool.kb import KnowledgeBase
from kbtool.store import appending
from kbtool.store.transactions import FileStore

Tables = dict[str, dict[str, dict[str, Any]]]


def hand_edit(path: Path, change: Callable[[Tables], None]) -> None:
    """Change the file as a person with an editor would (kb's layout no longer matches)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def duplicate_an_id(data: Tables) -> None:
    first = data["instruments"]["1"]
    data["instruments"]["99"] = {**first, "title": "A second copy"}


def a_record_without_a_text_id(data: Tables) -> None:
    data["sources"]["99"] = {"id": 5}


def a_record_with_a_bad_kind(data: Tables) -> None:
    data["instruments"]["2"]["kind"] = "banana"


def a_dangling_reference(data: Tables) -> None:
    data["quotations"]["1"]["instrument"] = "no-such-instrument"


WRITES = [
    ["add", "source", "--description", "A note"],
    ["edit", "kenya-malaysia-tourism-mou", "--set", "status=in-force"],
    ["remove", "ruto-two-way-tourism", "--yes"],
]


@pytest.mark.parametrize(
    "damage",
    [duplicate_an_id, a_record_without_a_text_id, a_record_with_a_bad_kind, a_dangling_reference],
)
@pytest.mark.parametrize("write", WRITES, ids=lambda write: write[0])
def test_a_write_refuses_a_knowledge_base_that_fails_its_checks(
    kb: Run, kb_copy: Path, damage: Callable[[Tables], None], write: list[str]
) -> None:
    kb("--db", str(kb_copy), "add", "source", "--description", "kb wrote this")  # a layout
    hand_edit(kb_copy, damage)
    before = kb_copy.read_bytes()
    result = kb("--db", str(kb_copy), *write)
    assert result.exit_code == 1, result.stderr
    assert "kb verify" in result.stderr
    assert "internal error" not in result.stderr
    assert kb_copy.read_bytes() == before


def test_the_refusal_names_the_problem(kb: Run, kb_copy: Path) -> None:
    hand_edit(kb_copy, duplicate_an_id)
    twice = json.loads(kb_copy.read_text(encoding="utf-8"))["instruments"]["1"]["id"]
    result = kb("--db", str(kb_copy), "edit", twice, "--set", "status=in-force")
    assert result.exit_code == 1
    assert f"{twice!r}: id is used twice" in result.stderr


def test_a_file_kb_checked_whole_is_not_checked_again_by_an_add_in_place(
    kb_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = KnowledgeBase(FileStore(kb_copy))
    kb.add("source", {"description": "first"}, "first")  # checks the whole file once
    layout = appending.read_layout_unchecked(kb_copy)
    assert layout is not None and layout.checked
    with monkeypatch.context() as patch:
        patch.setattr(FileStore, "transaction", None)  # an add in place never calls it
        kb.add("source", {"description": "second"}, "second")
    assert kb.verify() == []
