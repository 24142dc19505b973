"""Long terminal output goes through a pager, as git's and gh's does; never when piped."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from terminal import run_in_terminal

from kbtool.render.paging import DEFAULT_PAGER, pager_command


def _fake_pager(tmp_path: Path) -> tuple[str, Path]:
    """A pager command that writes what it is given to a file, and that file."""
    paged = tmp_path / "paged.txt"
    return f"cat > {shlex.quote(str(paged))}", paged


def test_long_output_on_a_terminal_goes_through_kb_pager(tmp_path: Path) -> None:
    command, paged = _fake_pager(tmp_path)
    code, screen = run_in_terminal("quotes", env={"KB_PAGER": command}, lines=10)
    assert code == 0
    assert "ruto-broader-deeper-partnership" in paged.read_text(encoding="utf-8")
    assert "ruto-broader-deeper-partnership" not in screen  # the pager had it, not the screen


def test_pager_falls_back_to_pager_variable(tmp_path: Path) -> None:
    command, paged = _fake_pager(tmp_path)
    code, _ = run_in_terminal("show", "article-9423b8af90372fa0", env={"PAGER": command}, lines=10)
    assert code == 0
    assert "Kuala Lumpur" in paged.read_text(encoding="utf-8")


def test_no_pager_option_prints_instead(tmp_path: Path) -> None:
    command, paged = _fake_pager(tmp_path)
    code, screen = run_in_terminal("--no-pager", "quotes", env={"KB_PAGER": command}, lines=10)
    assert code == 0
    assert not paged.exists()
    assert "ruto-broader-deeper-partnership" in screen


def test_output_that_fits_the_screen_is_not_paged(tmp_path: Path) -> None:
    command, paged = _fake_pager(tmp_path)
    code, screen = run_in_terminal("list", env={"KB_PAGER": command}, lines=200)
    assert code == 0
    assert not paged.exists()
    assert "kenya-malaysia-tourism-mou" in screen


def test_the_count_follows_the_table_it_counts_when_a_pager_could_have_run(
    tmp_path: Path,
) -> None:
    command, _ = _fake_pager(tmp_path)
    code, screen = run_in_terminal("list", env={"KB_PAGER": command}, lines=200)
    assert code == 0
    assert screen.index("4 instruments") > screen.index("kenya-malaysia-tourism-mou")


def test_json_on_a_terminal_is_never_paged(tmp_path: Path) -> None:
    command, paged = _fake_pager(tmp_path)
    code, screen = run_in_terminal("quotes", "--json", env={"KB_PAGER": command}, lines=5)
    assert code == 0
    assert not paged.exists()
    assert '"ruto-broader-deeper-partnership"' in screen


def test_piped_output_is_never_paged(tmp_path: Path) -> None:
    command, paged = _fake_pager(tmp_path)
    environ = {**os.environ, "KB_PAGER": command, "LINES": "5"}
    result = subprocess.run(
        [sys.executable, "-m", "kbtool", "quotes", "--format", "table"],
        capture_output=True,
        text=True,
        env=environ,
        check=True,
    )
    assert not paged.exists()
    assert "ruto-broader-deeper-partnership" in result.stdout


def test_a_pager_that_cannot_run_still_shows_the_output(tmp_path: Path) -> None:
    code, screen = run_in_terminal("quotes", env={"KB_PAGER": "no-such-pager-kb-test"}, lines=10)
    assert code == 0
    assert "ruto-broader-deeper-partnership" in screen


def test_which_pager() -> None:
    assert pager_command({}) == DEFAULT_PAGER == "less -FRX"
    assert pager_command({"PAGER": "more"}) == "more"
    assert pager_command({"KB_PAGER": "less -S", "PAGER": "more"}) == "less -S"
    assert pager_command({"KB_PAGER": "", "PAGER": "more"}) is None
    assert pager_command({"PAGER": "cat"}) is None
