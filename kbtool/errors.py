"""Errors a user can meet, each with the exit code the CLI ends with.

The core raises these; only the CLI edge turns them into a one-line message on stderr
(``print_error``), and any other exception into one line too (``without_traceback``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from enum import IntEnum


class ExitCode(IntEnum):
    SUCCESS = 0
    FAILURE = 1  # the command ran but could not do what was asked (unknown id, bad data)
    USAGE = 2  # the command line itself is wrong (Click uses 2 for this too)
    BROKEN_PIPE = 141  # what a shell reports for a process killed by SIGPIPE (128 + 13)


class KbError(Exception):
    """Base of every error that is the user's to fix, not a bug."""

    exit_code: ExitCode = ExitCode.FAILURE

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class NotFoundError(KbError):
    """No record has the id asked for."""


class UsageError(KbError):
    """An option value is not one the command accepts (e.g. an unknown field name)."""

    exit_code = ExitCode.USAGE


class DataError(KbError):
    """The knowledge base file cannot be read or does not hold valid records."""


class RecordsRefused(KbError):
    """Records that cannot be written, every problem listed; nothing was written."""

    def __init__(self, message: str, problems: Sequence[str]) -> None:
        details = "".join(f"\n  {problem}" for problem in problems)
        super().__init__(message + details)
        self.problems = list(problems)


def print_error(message: str, hint: str | None = None) -> None:
    line = f"kb: error: {message}"
    if hint:
        line += f" ({hint})"
    sys.stderr.write(line + "\n")


def without_traceback(run: Callable[[], int]) -> int:
    """``run()``'s exit code; an interrupt ends it with 130, and a bug with one line that
    names it (the traceback only with KB_DEBUG=1): no traceback reaches a user. Both entry
    points (``kbtool.cli.fast_path``, ``kbtool.cli.app``) run everything they do inside it, their
    imports included."""
    try:
        return run()
    except KeyboardInterrupt:
        sys.stderr.write("\n")  # after the ^C the terminal shows
        return 130
    except Exception as error:  # a bug
        if os.environ.get("KB_DEBUG"):
            raise
        print_error(
            f"internal error: {type(error).__name__}: {error}",
            "set KB_DEBUG=1 to see the traceback, and please report it",
        )
        return ExitCode.FAILURE
