"""Every usage error is one line on stderr, exit code 2; kb's derived files are ignored by git."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest

from conftest import Run

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["search", "tourism", "--limit", "0"], "--limit"),
        (["list", "--bogus"], "--bogus"),
        (["--color", "sometimes", "list"], "sometimes"),
        (["list", "--color", "sometimes"], "sometimes"),
        (["add", "instrument", "--title", "T"], "--kind"),
        (["lsit"], "lsit"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else value,
)
def test_a_usage_error_is_one_line(kb: Run, argv: list[str], named: str) -> None:
    # --limit 0 once got a boxed Typer error, unlike kb's own usage errors.
    result = kb(*argv)
    assert result.exit_code == 2
    assert result.stderr.startswith("kb: error: ")
    assert result.stderr.count("\n") == 1
    assert named in result.stderr
    assert "╭" not in result.stderr


def test_the_files_kb_keeps_beside_a_knowledge_base_are_ignored_by_git(
    kb: Run, tmp_path: Path
) -> None:
    db = tmp_path / "kb.json"
    assert kb("--db", str(db), "add", "source", "--description", "A note").exit_code == 0
    assert kb("--db", str(db), "add", "source", "--description", "Another").exit_code == 0
    assert kb("--db", str(db), "search", "note", "--json").exit_code == 0
    derived = [p.name for p in tmp_path.iterdir() if p.name != "kb.json"]
    assert any(name.endswith(".layout") for name in derived)
    patterns = [
        line.strip().rstrip("/")
        for line in (REPO / ".gitignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    unignored = [n for n in derived if not any(fnmatch.fnmatch(n, p) for p in patterns)]
    assert unignored == []
