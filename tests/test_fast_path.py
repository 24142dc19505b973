"""The start-up shortcut (kbtool.cli.fast_path) prints what the Typer app prints, or leaves it
to it.

Every argument list the shortcut runs itself must give the same stdout, stderr and exit code
as the Typer commands; every other one (help, errors Click reports, tables for a terminal,
unknown options, other commands) must reach the Typer app untouched.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import Run
from kbtool.cli import fast_path
from kbtool.errors import without_traceback
from kbtool.store.location import shipped_db_path

TOURISM_MOU = "kenya-malaysia-tourism-mou"
# "{db}" is replaced by a copy of the shipped knowledge base (searched with its index).
HANDLED = [
    ["search", "tourism", "--json"],
    ["search", "tourism", "kenya", "--json"],
    ["search", "--json", "tourism"],
    ["search", "kind:agreement", "tourism", "--json"],
    ["search", "tourism OR aviation", "--limit=1", "--json"],
    ["search", '"Kuala Lumpur"', "--json"],
    ["search", "tourisim", "--json"],
    ["search", "zebra", "--json"],
    ["search", "tourism", "--format", "jsonl"],
    ["search", "tourism", "--format=json", "--limit", "2"],
    ["search", "tourism", "-f", "csv", "--type", "quotation"],
    ["search", "tourism", "--type=Instrument", "--json"],
    ["search", "tourism", "--type", "person", "--json"],
    ["search", "tourism", "--json", "--explain"],
    ["search", "tourism", "--json", "--format", "jsonl"],
    ["search", "tourism", "--fields", "id,score", "--json"],
    ["search", "tourism", "--fields", "nope", "--json"],
    ["search", "tourism"],
    ["search", "tourism", "--format", "markdown"],
    ["show", TOURISM_MOU, "--json"],
    ["show", "--json", TOURISM_MOU],
    ["show", TOURISM_MOU, "--format", "markdown"],
    ["show", TOURISM_MOU, "-f", "tsv"],
    ["show", TOURISM_MOU, "--fields", "id,title", "--json"],
    ["show", "kenya-malaysia-tourism-mo", "--json"],
    ["show", "ruto-two-way-tourism", "--json"],
    ["list", "--json"],
    ["list"],
    ["list", "--kind", "mou", "--json"],
    ["list", "--kind", "bogus", "--json"],
    ["list", "--party", "malaysia", "--sort=-signed_on", "--format", "jsonl"],
    ["list", "--sort", "nope", "--json"],
    ["list", "--sort=-title", "--json"],
    ["--db=-", "list", "--json"],
    ["list", "--status", "signed", "-f", "tsv"],
    ["list", "--sector", "tourism", "--fields", "id,title", "--format", "csv"],
    ["quotes", "--json"],
    ["quotes", "--speaker", "ruto", "--format", "jsonl"],
    ["quotes", "--instrument", TOURISM_MOU, "--json"],
    ["quotes", "--instrument", "no-such-instrument", "--json"],
    ["--color", "never", "list", "--json"],
    ["--color=always", "quotes", "--format", "tsv"],
    ["--db", "{db}", "search", "tourism", "--json"],
    ["--db", "{db}", "search", "kind:agreement", "tourism", "--json"],
    ["--db={db}", "show", TOURISM_MOU, "--json"],
    ["--db", "{db}", "--color", "auto", "list", "--json"],
    ["--db", "{db}", "quotes", "--json"],
    ["--db", "{missing}", "list", "--json"],
    ["--db", "{missing}", "search", "tourism", "--json"],
    ["--db", "{corrupt}", "search", "tourism", "--json"],
    ["--db", "{corrupt}", "show", TOURISM_MOU, "--json"],
    # Global options after the command, as gh allows.
    ["list", "--json", "--db", "{db}"],
    ["list", "--kind", "mou", "--db={db}", "--json", "--color", "never"],
    ["search", "tourism", "--db", "{db}", "--json"],
    ["show", TOURISM_MOU, "--db", "{db}", "--json"],
    ["--color", "never", "quotes", "--db", "{db}", "--json"],
    ["list", "--db", "{missing}", "--json"],
    ["list", "-f", "tsv", "--header"],
    ["quotes", "--header", "--fields", "id,text"],
    ["show", TOURISM_MOU, "--header"],
    ["search", "tourism", "--header", "--format", "tsv"],
    ["list", "--header", "--json"],
    ["sources", "--json"],
    ["sources", "--outlet", "capital", "--format", "jsonl"],
    ["sources", "--instrument", TOURISM_MOU, "--json"],
    ["sources", "--sort=-published_on", "-f", "tsv", "--header"],
    ["sources", "--instrument", "no-such-instrument", "--json"],
    ["sources", "--db", "{db}", "--json"],
]

# Near misses: each must be left to Typer, which knows its help, its messages and its rules.
REFUSED = [
    [],
    ["--help"],
    ["-h"],
    ["--version"],
    ["export"],
    ["add", "source", "--description", "d"],
    ["lsit", "--json"],
    ["search"],
    ["search", "--json"],
    ["search", "--help"],
    ["search", "tourism", "-h"],
    ["search", "tourism", "-aviation", "--json"],
    ["search", "--", "tourism", "--json"],
    ["search", "tourism", "", "--json"],
    ["search", "tourism", "--limit", "0", "--json"],
    ["search", "tourism", "--limit", "05", "--json"],
    ["search", "tourism", "--limit", "x", "--json"],
    ["search", "tourism", "--limit", "--json"],
    ["search", "tourism", "--limit"],
    ["search", "tourism", "--json", "--json"],
    ["search", "tourism", "--limit", "2", "--limit", "3", "--json"],
    ["search", "tourism", "--format", "table"],
    ["search", "tourism", "--format", "yaml"],
    ["search", "tourism", "--format", "JSON"],
    ["search", "tourism", "-fjson"],
    ["search", "tourism", "-f=json"],
    ["search", "tourism", "--bogus", "--json"],
    ["search", "tourism", "--json=yes"],
    ["show", "--json"],
    ["show", "a", "b", "--json"],
    ["show", "-x", "--json"],
    ["list", "extra", "--json"],
    ["list", "--kind", "--json"],
    ["list", "--kind"],
    ["list", "--kind=", "--json"],
    ["list", "--sort", "-title", "--json"],
    ["list", "--speaker", "ruto", "--json"],
    ["quotes", "--explain", "--json"],
    ["--db", "--json", "list"],
    ["--db", "", "list", "--json"],
    ["--db", "a.json", "--db", "b.json", "list", "--json"],
    ["--color", "sometimes", "list", "--json"],
    ["--color", "NEVER", "list", "--json"],
    ["--json", "list"],
    ["--db", "a.json", "list", "--db", "b.json", "--json"],
    ["list", "--db", "a.json", "--json", "--db=b.json"],
    ["list", "--json", "--color", "sometimes"],
    ["list", "--json", "--db"],
    ["list", "--header", "--header"],
    ["import"],
    ["import", "a.json", "b.json"],
    ["import", "a.json", "--no-update"],
    ["import", "a.json", "--update", "--update"],
    ["import", "--", "a.json"],
    ["import", "-a.json"],
    ["import", "a.json", "--json=yes"],
    ["import", "--help"],
]


def _fill(argv: list[str], tmp_path: Path, kb_copy: Path) -> list[str]:
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text('{"instruments": ', encoding="utf-8")
    paths = {"db": kb_copy, "missing": tmp_path / "missing.json", "corrupt": corrupt}
    return [argument.format(**{k: str(v) for k, v in paths.items()}) for argument in argv]


def _through_fast_path(command: Callable[[], None]) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = without_traceback(lambda: fast_path.run(command))
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.mark.parametrize("argv", HANDLED, ids=" ".join)
def test_what_the_fast_path_runs_prints_what_typer_prints(
    argv: list[str], tmp_path: Path, kb_copy: Path, kb: Run
) -> None:
    argv = _fill(argv, tmp_path, kb_copy)
    command = fast_path.parse(argv, os.environ, stdout_is_tty=False)
    assert command is not None, "the fast path should run this itself"
    fast = _through_fast_path(command)
    typer = kb(*argv)
    assert fast == (typer.exit_code, typer.stdout, typer.stderr)


@pytest.mark.parametrize("argv", REFUSED, ids=" ".join)
def test_near_misses_are_left_to_typer(argv: list[str]) -> None:
    assert fast_path.parse(argv, os.environ, stdout_is_tty=False) is None


def test_a_table_for_a_terminal_is_left_to_typer() -> None:
    for argv in (["list"], ["search", "tourism"], ["show", TOURISM_MOU, "--fields", "id"]):
        assert fast_path.parse(argv, {}, stdout_is_tty=True) is None
    assert fast_path.parse(["list", "--json"], {}, stdout_is_tty=True) is not None
    assert fast_path.parse(["list", "-f", "tsv"], {}, stdout_is_tty=True) is not None


def test_shell_completion_is_left_to_typer() -> None:
    assert fast_path.parse(["list", "--json"], {"_KB_COMPLETE": "bash_complete"}, False) is None


def test_wildcards_on_windows_are_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fast_path.os, "name", "nt")
    assert fast_path.parse(["search", "touri*", "--json"], {}, stdout_is_tty=False) is None


def test_kb_db_from_the_environment_is_the_one_typer_uses(
    kb_copy: Path, monkeypatch: pytest.MonkeyPatch, kb: Run
) -> None:
    monkeypatch.setenv("KB_DB", str(kb_copy))
    argv = ["search", "tourism", "--json"]
    command = fast_path.parse(argv, os.environ, stdout_is_tty=False)
    assert command is not None
    typer = kb(*argv)
    assert _through_fast_path(command) == (typer.exit_code, typer.stdout, typer.stderr)
    assert typer.stdout != kb("--db", "/nonexistent/kb.json", *argv).stdout


# Imports, each run on fresh copies: "kb.json" a copy of the shipped knowledge base, "new.json"
# a file the import creates; batch.json adds an instrument, changes.json changes one, bad.json
# holds a record kb refuses.
IMPORTS = [
    ["--db", "kb.json", "import", "batch.json"],
    ["--db", "kb.json", "import", "batch.json", "--json"],
    ["import", "batch.json", "--db=kb.json", "--color", "never", "--json"],
    ["--db", "kb.json", "import", "changes.json", "--update", "--dry-run"],
    ["--db", "kb.json", "import", "changes.json", "--dry-run", "--json"],
    ["--db", "kb.json", "import", "changes.json", "--update"],
    ["--db", "kb.json", "import", "changes.json"],
    ["--db", "kb.json", "import", "bad.json"],
    ["--db", "kb.json", "import", "missing.json"],
    ["--db", "new.json", "import", "batch.json"],
    ["--db", "new.json", "import", "bad.json"],
]


def _import_folder(folder: Path, shipped: dict[str, Any]) -> None:
    folder.mkdir()
    shutil.copyfile(shipped_db_path(), folder / "kb.json")
    tourism = next(r for r in shipped["instruments"].values() if r["id"] == TOURISM_MOU)
    new = {"id": "agreement-on-trade", "title": "Agreement on Trade", "kind": "agreement",
           "parties": ["Ghana", "India"]}  # fmt: skip
    documents = {
        "batch.json": {"instruments": [new]},
        "changes.json": {"instruments": [{**tourism, "status": "in-force"}, new]},
        "bad.json": {"instruments": [{"id": "no-title"}]},
    }
    for name, document in documents.items():
        (folder / name).write_text(json.dumps(document), encoding="utf-8")


@pytest.mark.parametrize("argv", IMPORTS, ids=" ".join)
def test_an_import_through_the_fast_path_is_typers(
    argv: list[str],
    tmp_path: Path,
    shipped: dict[str, Any],
    kb: Run,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An import draws no table: at a terminal too, the fast path runs it.
    assert fast_path.parse(argv, os.environ, stdout_is_tty=True) is not None
    command = fast_path.parse(argv, os.environ, stdout_is_tty=False)
    assert command is not None, "the fast path should run this itself"
    _import_folder(tmp_path / "fast", shipped)
    monkeypatch.chdir(tmp_path / "fast")
    fast = _through_fast_path(command)
    fast_files = {path.name: path.read_bytes() for path in Path().glob("*.json")}
    _import_folder(tmp_path / "typer", shipped)
    monkeypatch.chdir(tmp_path / "typer")
    typer = kb(*argv)
    typer_files = {path.name: path.read_bytes() for path in Path().glob("*.json")}
    assert fast == (typer.exit_code, typer.stdout, typer.stderr)
    assert fast_files == typer_files


def test_an_import_from_stdin_is_the_fast_paths() -> None:
    assert fast_path.parse(["import", "-"], {}, stdout_is_tty=False) is not None


# ---------------------------------------------------------------- as a program

KB = shutil.which("kb", path=str(Path(sys.executable).parent))
TYPER_MAIN = "import sys; sys.argv[0] = 'kb'; from kbtool.cli.app import main; main()"


def _program(argv: list[str], cwd: Path) -> tuple[int, str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("KB_DB", "NO_COLOR")}
    result = subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    return result.returncode, result.stdout, result.stderr


@pytest.mark.skipif(KB is None, reason="kb is not installed in this environment")
@pytest.mark.parametrize(
    "argv",
    [
        ["--db", "{db}", "search", "tourism", "--json"],
        ["--db", "{db}", "show", TOURISM_MOU, "--json"],
        ["list", "--json"],
        ["quotes", "--format", "jsonl"],
        ["search", "tourism", "--type", "person", "--json"],
        ["show", "no-such-id", "--json"],
        ["--help"],
        ["search", "--help"],
        ["search", "tourism", "--limit", "0", "--json"],
        ["list", "--bogus"],
        ["--version"],
    ],
    ids=" ".join,
)
def test_the_kb_program_prints_what_typer_prints(
    argv: list[str], tmp_path: Path, kb_copy: Path
) -> None:
    argv = _fill(argv, tmp_path, kb_copy)
    fast = _program([str(KB), *argv], tmp_path)
    typer = _program([sys.executable, "-c", TYPER_MAIN, *argv], tmp_path)
    assert fast == typer


@pytest.mark.parametrize(
    "argv",
    [
        ["--db", "{db}", "search", "tourism", "--json"],
        ["--db", "{db}", "search", "kind:agreement", "tourism", "--json"],
        ["--db", "{missing}", "import", "{batch}", "--json"],
        ["--db", "{db}", "show", TOURISM_MOU, "--json"],
        ["list", "--json"],
        ["quotes", "--json"],
    ],
    ids=" ".join,
)
def test_read_commands_and_import_start_without_typer_click_pydantic_or_rich(
    argv: list[str], tmp_path: Path, kb_copy: Path
) -> None:
    # The fast path leaves through os._exit, past any `finally` or atexit: report there.
    probe = (
        "import os, sys\n"
        "from kbtool.cli import fast_path\n"
        "leave = os._exit\n"
        "def report(code):\n"
        "    frameworks = ('typer', 'click', 'pydantic', 'rich')\n"
        "    loaded = sorted(m for m in sys.modules if m.split('.')[0] in frameworks)\n"
        "    sys.stderr.write(f'loaded: {loaded}')\n"
        "    sys.stderr.flush()\n"
        "    leave(code)\n"
        "os._exit = report\n"
        "fast_path.main()\n"
    )
    batch = tmp_path / "batch.json"
    new = {"id": "a", "title": "A", "kind": "agreement", "parties": ["Ghana", "India"]}
    batch.write_text(json.dumps({"instruments": [new]}), encoding="utf-8")
    argv = _fill([argument.replace("{batch}", str(batch)) for argument in argv], tmp_path, kb_copy)
    code, stdout, stderr = _program([sys.executable, "-c", probe, *argv], tmp_path)
    assert code == 0
    assert json.loads(stdout)
    assert stderr.endswith("loaded: []")  # after what an import says it did
