"""Running ``kb`` as a person does: in a pseudo-terminal of a given size, as its own process."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest


def run_in_terminal(
    *args: str,
    env: Mapping[str, str] | None = None,
    columns: int = 80,
    lines: int = 40,
    cwd: Path | None = None,
) -> tuple[int, str]:
    """``kb ARGS`` with stdin, stdout and stderr on a new terminal: its exit code and all it
    wrote there (stdout and stderr interleaved, as a person sees them), newlines as "\\n"."""
    if sys.platform == "win32":  # pragma: no cover
        pytest.skip("needs a pseudo-terminal")
    environ = {**os.environ, "COLUMNS": str(columns), "LINES": str(lines), "TERM": "xterm"}
    environ.update(env or {})
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "kbtool", *args],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=environ,
        cwd=cwd,
        close_fds=True,
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed: every process on it has ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    code = process.wait(timeout=60)
    return code, b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
