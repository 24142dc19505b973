"""Long terminal output through a pager, as ``git`` and ``gh`` do.

The pager is ``$KB_PAGER``, else ``$PAGER``, else ``less -FRX``; an empty value or ``cat``
means none. It is run by the shell, as git runs it, so that ``KB_PAGER='less -S'`` works,
and only for a table or a record drawn for a terminal that is longer than the terminal is
high: never when stdout is piped, never for JSON or the other machine formats, never with
``kb --no-pager``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Mapping
from typing import TextIO

DEFAULT_PAGER = "less -FRX"
# What sh answers when it cannot find the command it was given.
_COMMAND_NOT_FOUND = 127


def pager_command(environ: Mapping[str, str]) -> str | None:
    """The pager to use, or None for none."""
    for name in ("KB_PAGER", "PAGER"):
        if name in environ:
            command = environ[name].strip()
            return None if command in ("", "cat") else command
    return DEFAULT_PAGER


def page(text: str, command: str, stdout: TextIO) -> None:
    """Write ``text`` through the pager ``command``; straight to ``stdout`` if it cannot run.

    A reader who quits the pager early has seen what they wanted: that is not an error.
    """
    stdout.flush()
    environ = dict(os.environ)
    # As git does: less keeps colour (R), quits when it all fits (F), leaves it on screen (X).
    environ.setdefault("LESS", "FRX")
    environ.setdefault("LV", "-c")
    try:
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=environ)
    except OSError:
        stdout.write(text)
        return
    assert pager.stdin is not None
    # Ctrl-C in less is less's to handle; were kb to end on it, the shell would take the
    # terminal back while less still draws on it. git ignores it too while its pager runs.
    interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with contextlib.suppress(BrokenPipeError):
            pager.stdin.write(text.encode("utf-8", "surrogateescape"))
        with contextlib.suppress(BrokenPipeError):
            pager.stdin.close()
        code = pager.wait()
    finally:
        signal.signal(signal.SIGINT, interrupt)
    if code == _COMMAND_NOT_FOUND:
        stdout.write(text)  # the shell said why on stderr; the output is still shown
