"""The ``kb`` command line, whole: every command on the Typer app, and its entry point.

Only ``kbtool.cli`` knows Typer, and it is the one definition of the commands, their options
and their help: ``root`` holds the app and its global options, and each group of commands
is a module that adds its own to it. Importing them here, in the order ``kb --help`` lists
them, is what makes the app whole; import ``app`` from this module. The read commands'
bodies live in ``kbtool.cli.commands``, which ``kbtool.cli.fast_path`` calls too for the
argument lists it can parse without Typer.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import NoReturn

# Each module adds its commands to the app as it is imported: this is kb --help's order.
# isort: off
from kbtool.cli import read_commands as read_commands
from kbtool.cli import write_commands as write_commands
from kbtool.cli import file_commands as file_commands
from kbtool.cli import ingest_command as ingest_command
from kbtool.cli import glance_commands as glance_commands

# isort: on
from kbtool.cli.root import app as app
from kbtool.errors import ExitCode, without_traceback

_GLOBAL_OPTIONS_WITH_VALUES = ("--db", "--color")


def _invoked_command(argv: list[str]) -> str | None:
    """The command name in ``argv`` (after the global options), if it is plainly there."""
    arguments = iter(argv)
    for argument in arguments:
        if argument in _GLOBAL_OPTIONS_WITH_VALUES:
            next(arguments, None)
        elif argument.startswith(tuple(f"{option}=" for option in _GLOBAL_OPTIONS_WITH_VALUES)):
            continue
        elif argument.startswith("-"):
            return None  # --help, --version or a mistake: keep every command for the message
        else:
            return argument
    return None


def _keep_only_invoked_command(argv: list[str]) -> None:
    # Typer turns every command's signature into Click parameters at each start-up, which
    # costs about as much as the rest of `kb list --json`. A script running one command
    # needs only that one; help and error messages still see them all.
    name = _invoked_command(argv)
    kept = [
        info
        for info in app.registered_commands
        if name and (info.name or getattr(info.callback, "__name__", "")) == name
    ]
    groups = [info for info in app.registered_groups if name and info.name == name]
    if kept or groups:
        app.registered_commands = kept
        app.registered_groups = groups


def _completed_words(environ: Mapping[str, str]) -> list[str]:
    """The words before the one a shell asks to complete (``_KB_COMPLETE``), or none.

    bash gives the line as COMP_WORDS and the word's position; zsh and fish give the line up
    to the cursor, which ends with a space when the word to complete is still empty.
    """
    if not environ.get("_KB_COMPLETE"):
        return []
    from typer._click.shell_completion import split_arg_string

    if "COMP_WORDS" in environ:
        try:
            return split_arg_string(environ["COMP_WORDS"])[1 : int(environ["COMP_CWORD"])]
        except (KeyError, ValueError):
            return []
    line = environ.get("_TYPER_COMPLETE_ARGS", "")
    words = split_arg_string(line)[1:]
    return words if line.endswith(" ") else words[:-1]


def main() -> NoReturn:
    """Console-script entry point for what ``kbtool.cli.fast_path`` does not run itself."""

    def run() -> int:
        _keep_only_invoked_command(sys.argv[1:] or _completed_words(os.environ))
        app()  # exits, with the command's code
        return ExitCode.SUCCESS

    sys.exit(without_traceback(run))
