"""Errors a user can meet, each with the exit code the CLI ends with.

The core raises these; only the CLI edge turns them into a one-line message on stderr
(``print_error``), and any other exception into one line too (``without_traceback``), a
standard stream that is closed, full or failing included (``StreamError``).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any, NoReturn


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


class StreamError(KbError):
    """Standard input or output cannot be used: closed when kb started, full, or failing."""


class ClosedStream:
    """Stands for a standard stream that was closed when kb started (``kb list >&-``), where
    Python leaves None: a command that uses it fails with a ``StreamError`` saying so, and
    one that does not (``kb verify >&-`` with nothing to report) runs as usual."""

    def __init__(self, name: str) -> None:
        self.name = name

    def _fail(self, *args: Any, **kwargs: Any) -> NoReturn:
        verb = "read" if self.name == "input" else "write to"
        raise StreamError(f"cannot {verb} standard {self.name}: it is closed")

    write = writelines = read = readline = readlines = fileno = _fail

    @property
    def buffer(self) -> ClosedStream:
        return self

    def isatty(self) -> bool:
        return False

    def flush(self) -> None:
        pass  # nothing was written to it


class _StandardOutput(io.FileIO):
    """Standard output's file descriptor, whose failures (``kb list > /dev/full``, a disk
    gone) are a ``StreamError`` rather than an ``OSError`` that could come from anywhere.
    Only this bottom layer is Python: writes reach it a buffer (8 KiB) at a time."""

    def write(self, data: Any) -> int:
        try:
            return super().write(data)
        except BrokenPipeError:
            raise  # the reader went away (kb list | head -1): not an error
        except OSError as error:
            raise StreamError(
                f"cannot write to standard output: {error.strerror or error}"
            ) from None


def _guard_standard_streams() -> None:
    """Make a closed or failing standard stream an error that says so."""
    if sys.stdin is None:
        sys.stdin = ClosedStream("input")
    stdout = sys.stdout
    if stdout is None:
        sys.stdout = ClosedStream("output")
    elif stdout is sys.__stdout__ and isinstance(stdout, io.TextIOWrapper):
        with contextlib.suppress(OSError, ValueError):
            buffered = io.BufferedWriter(_StandardOutput(stdout.fileno(), "w", closefd=False))
            sys.stdout = io.TextIOWrapper(
                buffered,
                encoding=stdout.encoding,
                errors=stdout.errors,
                line_buffering=stdout.line_buffering,
                write_through=stdout.write_through,
            )


def silence_stdout() -> None:
    """Send whatever stdout still holds nowhere, once kb has said why it cannot be
    written (or the reader went away), so that the final flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    # A test's captured stdout has no file descriptor, and nothing left to flush.
    with contextlib.suppress(OSError, ValueError, KbError):
        os.dup2(devnull, sys.stdout.fileno())


# A word of a message longer than this is a value pasted where a short one goes (a
# paragraph as an id): it is shown by its start and its length. Paths stay whole.
LONGEST_WORD = 200
SHOWN_OF_A_LONG_WORD = 60


def shorten(value: str) -> str:
    """``value``, or its start and length when it is longer than ``LONGEST_WORD``."""
    if len(value) <= LONGEST_WORD:
        return value
    return f"{value[:SHOWN_OF_A_LONG_WORD]}… ({len(value):,} characters)"


def _shorten_words(message: str) -> str:
    import re

    def shortened(match: re.Match[str]) -> str:
        word = match.group()
        # Quotes around it, a comma after it, stay as they are.
        body = word.lstrip("'\"(").rstrip("'\",;:.)?")
        start = word.index(body)
        return word[:start] + shorten(body) + word[start + len(body) :]

    return re.sub(r"\S{" + str(LONGEST_WORD + 1) + ",}", shortened, message)


def print_error(message: str, hint: str | None = None) -> None:
    line = f"kb: error: {message}"
    if hint:
        line += f" ({hint})"
    sys.stderr.write(_shorten_words(line) + "\n")


def without_traceback(run: Callable[[], int]) -> int:
    """``run()``'s exit code; an interrupt ends it with 130, and a bug with one line that
    names it (the traceback only with KB_DEBUG=1): no traceback reaches a user. Both entry
    points (``kbtool.cli.fast_path``, ``kbtool.cli.app``) run everything they do inside it, their
    imports included. A standard stream closed when kb started is replaced by a
    ``ClosedStream``, so that using it is an error that says so."""
    _guard_standard_streams()
    try:
        return run()
    except KeyboardInterrupt:
        sys.stderr.write("\n")  # after the ^C the terminal shows
        return 130
    except KbError as error:  # outside a command (help, usage): a closed or full stdout
        if isinstance(error, StreamError):
            silence_stdout()
        print_error(error.message, error.hint)
        return error.exit_code
    except BrokenPipeError:
        silence_stdout()
        return ExitCode.BROKEN_PIPE
    except Exception as error:  # a bug
        if os.environ.get("KB_DEBUG"):
            raise
        print_error(
            f"internal error: {type(error).__name__}: {error}",
            "set KB_DEBUG=1 to see the traceback, and please report it",
        )
        return ExitCode.FAILURE
