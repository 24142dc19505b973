"""Killing ``kb`` at a chosen file-system call, as SQLite's crash tests do.

``run_killed`` runs a ``kb`` command under ``strace -f -e inject=SYSCALL:signal=SIGKILL:when=N``:
the kernel kills the process (and the threads it started) as it makes its Nth call of
SYSCALL, so that a test can look at what the files hold at exactly that point. ``kill_points``
counts how many such calls a command makes, so that a test can try every one in turn.

strace is needed (``.ci/run`` installs it); tests using this skip where it is missing, and
where tracing is not permitted (a container without ``ptrace``).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence

import pytest

STRACE = shutil.which("strace")


@functools.cache
def strace_works() -> bool:
    if STRACE is None:
        return False
    probe = subprocess.run(
        [STRACE, "-f", "-e", "trace=none", sys.executable, "-c", "pass"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


needs_strace = pytest.mark.skipif(
    not strace_works(), reason="strace is missing or cannot trace here (.ci/run installs it)"
)


def kb_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "kbtool", *args]


def _environment(env: Mapping[str, str] | None) -> dict[str, str]:
    return {**os.environ, **(env or {})}


def kill_points(
    args: Sequence[str], syscalls: Sequence[str], env: Mapping[str, str] | None = None
) -> int:
    """How many calls of ``syscalls`` the command ``kb ARGS`` makes when nothing kills it.

    Run it on a copy of the files the killed runs start from: it really runs the command.
    """
    assert STRACE is not None
    done = subprocess.run(
        [STRACE, "-f", "-qq", "-e", f"trace={','.join(syscalls)}", *kb_command(*args)],
        capture_output=True,
        text=True,
        check=False,
        env=_environment(env),
    )
    pattern = re.compile(r"^(?:\[pid\s+\d+\]\s+)?(" + "|".join(map(re.escape, syscalls)) + r")\(")
    return sum(1 for line in done.stderr.splitlines() if pattern.match(line))


def run_killed(
    args: Sequence[str], syscall: str, when: int, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``kb ARGS``, killed with SIGKILL as it makes its ``when``th call of ``syscall``
    (not killed if it makes fewer). The returned process's ``returncode`` is -9 when the
    kill landed."""
    assert STRACE is not None
    return subprocess.run(
        [
            STRACE, "-f", "-qq", "-o", os.devnull,
            "-e", f"inject={syscall}:signal=SIGKILL:when={when}",
            *kb_command(*args),
        ],
        capture_output=True,
        text=True,
        check=False,
        env=_environment(env),
    )  # fmt: skip
