"""Errors a user can meet, each with the exit code the CLI ends with.

The core raises these; only the CLI edge turns them into a one-line message on stderr.
"""

from __future__ import annotations

from collections.abc import Sequence
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
