"""The installed ``kb`` program, run as a user's shell would run it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kbtool import __version__

KB = shutil.which("kb", path=str(Path(sys.executable).parent)) or shutil.which("kb")
pytestmark = pytest.mark.skipif(KB is None, reason="kb is not installed in this environment")


def run(*args: str, cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("KB_DB", "NO_COLOR")}
    return subprocess.run(
        [str(KB), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60, **kwargs
    )


def test_list_json_from_another_directory(tmp_path: Path) -> None:
    result = run("list", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 4
    assert result.stderr == ""


def test_version(tmp_path: Path) -> None:
    assert run("--version", cwd=tmp_path).stdout == f"kb {__version__}\n"


def test_python_dash_m_works(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kbtool", "quotes", "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert len(json.loads(result.stdout)) == 6


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--kind"],
        ["list", "--bogus"],
        ["show", "no-such-id"],
        ["search"],
        ["quotes", "--format", "yaml"],
        ["--db", "/nonexistent/dir/kb.json", "list"],
        ["nosuchcommand"],
    ],
)
def test_bad_input_gives_a_message_not_a_traceback(tmp_path: Path, args: list[str]) -> None:
    result = run(*args, cwd=tmp_path)
    assert result.returncode != 0 or args[0] == "--db"
    assert "Traceback" not in result.stderr


def test_closed_pipe_prints_no_traceback(tmp_path: Path) -> None:
    # Enough records that the output outgrows the pipe's buffer before `head` exits.
    instruments = {
        str(i): {
            "id": f"instrument-{i}",
            "title": f"Agreement number {i} " + "x" * 200,
            "kind": "agreement",
            "parties": ["A", "B"],
            "status": "signed",
            "sources": ["s"],
        }
        for i in range(1, 2001)
    }
    db = tmp_path / "big.json"
    db.write_text(json.dumps({"instruments": instruments, "sources": {}}))
    for fmt in ("--json", "--format=tsv"):
        result = subprocess.run(
            f"'{KB}' --db '{db}' list {fmt} | head -c 1",
            shell=True,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.stdout in ("[", "i")
        assert result.stderr == "", result.stderr


def test_list_json_does_not_import_rich(tmp_path: Path) -> None:
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write(' '.join(m for m in sys.modules"
        " if m.startswith('rich'))))\n"
        "sys.argv = ['kb', 'list', '--json']\n"
        "from kbtool.cli.app import main\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["list", "--json"], "list"),
        (["--db", "x.json", "--color=never", "show", "id"], "show"),
        (["--color", "always", "add", "source"], "add"),
        (["--help"], None),
        (["--version"], None),
        ([], None),
    ],
)
def test_start_up_finds_the_command_after_global_options(
    argv: list[str], expected: str | None
) -> None:
    from kbtool.cli.app import _invoked_command

    assert _invoked_command(argv) == expected


def test_global_options_and_help_still_work_when_run_as_a_program(tmp_path: Path) -> None:
    db = tmp_path / "kb.json"
    assert run("--db", str(db), "add", "source", "--description", "d", cwd=tmp_path).returncode == 0
    listed = run("--db", str(db), "--color", "never", "export", cwd=tmp_path)
    assert json.loads(listed.stdout)["sources"][0]["id"] == "d"
    help_text = run("--help", cwd=tmp_path).stdout
    for command in ("list", "show", "search", "quotes", "add", "import", "export", "undo"):
        assert command in help_text
    unknown = run("lsit", cwd=tmp_path)
    assert unknown.returncode == 2 and "No such command" in unknown.stderr
