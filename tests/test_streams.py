"""A closed or full standard stream ends kb with a plain message, never an internal error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

if os.name != "posix":  # pragma: no cover
    pytest.skip("closed descriptors and /dev/full are POSIX", allow_module_level=True)


def run_shell(command: str, kb_copy: Path) -> subprocess.CompletedProcess[str]:
    """``command`` in a real shell, with ``kb`` standing for this interpreter's kbtool."""
    kb = f"{sys.executable} -m kbtool --db {kb_copy}"
    return subprocess.run(
        ["sh", "-c", command.replace("kb ", kb + " ", 1)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "command",
    [
        "kb list --json >&-",
        "kb list --json > /dev/full",
        "kb list > /dev/full",
        "kb search tourism >&-",
        "kb show kenya-malaysia-tourism-mou --json > /dev/full",
        "kb export > /dev/full",
        "kb --help > /dev/full",
    ],
)
def test_output_that_cannot_be_written_is_said_plainly(kb_copy: Path, command: str) -> None:
    result = run_shell(command, kb_copy)
    assert result.returncode != 0
    assert "internal error" not in result.stderr
    assert "Exception ignored" not in result.stderr
    assert result.stderr.startswith("kb: error: cannot write to standard output: "), result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr


@pytest.mark.parametrize("command", ["kb import - <&-", "kb remove ruto-two-way-tourism <&-"])
def test_input_that_is_closed_is_said_plainly(kb_copy: Path, command: str) -> None:
    before = kb_copy.read_bytes()
    result = run_shell(command, kb_copy)
    assert result.returncode != 0
    assert "internal error" not in result.stderr
    assert "standard input" in result.stderr or "--yes" in result.stderr, result.stderr
    assert kb_copy.read_bytes() == before


def test_a_command_that_prints_nothing_runs_with_stdout_closed(kb_copy: Path) -> None:
    result = run_shell("kb verify >&-", kb_copy)
    assert result.returncode == 0, result.stderr
    assert "no problems" in result.stderr
