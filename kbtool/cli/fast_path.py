"""``kb``'s entry point: the read commands scripts run in loops, and ``kb import``, started
without Typer.

Importing Typer (with the pydantic it converts parameters with) and building its Click
command costs about 0.1 s, more than ``kb search`` spends searching a thousand instruments,
and a third of ``kb import`` of a thousand. This module reads the few argument lists it
fully understands, for machine output of the read commands and for an import, and runs them
with the same functions the Typer commands call (``kbtool.cli.commands``)::

    kb [GLOBAL] search WORD... [--type T] [--limit N] [--explain] [OUTPUT] [GLOBAL]
    kb [GLOBAL] show ID [OUTPUT] [GLOBAL]
    kb [GLOBAL] list [--kind K] [--party P] [--sector S] [--status S] [--sort FIELD]
                     [OUTPUT] [GLOBAL]
    kb [GLOBAL] quotes [--speaker S] [--instrument ID] [OUTPUT] [GLOBAL]
    kb [GLOBAL] sources [--outlet O] [--instrument ID] [--sort FIELD] [OUTPUT] [GLOBAL]
    kb [GLOBAL] import FILE|- [--update] [--dry-run] [--json] [GLOBAL]

    GLOBAL: --db PATH, --color WHEN, each at most once on the line, before the command or
            anywhere after it
    OUTPUT: --json, --format/-f json|jsonl|tsv|csv|markdown, --fields A,B, --header
            (no table)

Anything else goes to the Typer app in ``kbtool.cli.app``, unchanged: help, ``--version``, an
option it does not know or gives twice, a value that Click would refuse or that looks like
an option, a query word starting with ``-``, a table for a terminal, shell completion,
wildcards on Windows (which Click expands), every other command.
``kbtool.cli`` stays the one definition of the commands, their options and their help.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from kbtool.cli.commands import Settings

# Option name -> keyword argument of the command's function in kbtool.cli.commands.
_OUTPUT_OPTIONS = {"--format": "output_format", "-f": "output_format", "--fields": "fields"}
_VALUE_OPTIONS: dict[str, dict[str, str]] = {
    "search": {"--type": "record_type", "--limit": "limit", **_OUTPUT_OPTIONS},
    "show": _OUTPUT_OPTIONS,
    "list": {
        "--kind": "kind",
        "--party": "party",
        "--sector": "sector",
        "--status": "status",
        "--sort": "sort",
        **_OUTPUT_OPTIONS,
    },
    "quotes": {"--speaker": "speaker", "--instrument": "instrument", **_OUTPUT_OPTIONS},
    "sources": {
        "--outlet": "outlet",
        "--instrument": "instrument",
        "--sort": "sort",
        **_OUTPUT_OPTIONS,
    },
    "import": {},
}
_FLAGS: dict[str, dict[str, str]] = {
    "search": {"--json": "as_json", "--header": "header", "--explain": "explain"},
    "show": {"--json": "as_json", "--header": "header"},
    "list": {"--json": "as_json", "--header": "header"},
    "quotes": {"--json": "as_json", "--header": "header"},
    "sources": {"--json": "as_json", "--header": "header"},
    "import": {"--json": "as_json", "--update": "update", "--dry-run": "dry_run"},
}
# How many positional arguments each command takes: (at least, at most).
_ARGUMENTS = {
    "search": (1, None),
    "show": (1, 1),
    "list": (0, 0),
    "quotes": (0, 0),
    "sources": (0, 0),
    "import": (1, 1),
}
# Every format but the table, which Rich draws for a person at a terminal.
_MACHINE_FORMATS = ("json", "jsonl", "tsv", "csv", "markdown")
_COLORS = ("auto", "always", "never")
# The options of kb itself, which may come before the command or after it.
_GLOBAL_OPTIONS = {"--db": "db", "--color": "color"}


def _value(argument: str, following: Sequence[str], names: Mapping[str, str]) -> tuple[str, str]:
    """An option's name and value, from ``--name=value`` or ``--name value``; else ``("", "")``.

    A separate value must be plainly a value: whether Click takes ``--db --json`` as the
    path "--json" is not worth knowing here. After ``=`` it may start with ``-``, as in
    ``--sort=-signed_on``.
    """
    name, equals, value = argument.partition("=")
    if name not in names or (equals and not name.startswith("--")):
        return "", ""
    if not equals:
        value = following[0] if following else ""
        if value.startswith("-"):
            return "", ""
    return (name, value) if value else ("", "")


def _global_options(argv: Sequence[str]) -> tuple[dict[str, str], int] | None:
    """The options before the command, by name, and where the command starts."""
    given: dict[str, str] = {}
    position = 0
    while position < len(argv) and argv[position].startswith("-"):
        name, value = _value(argv[position], argv[position + 1 :], _GLOBAL_OPTIONS)
        if not name or name in given:
            return None
        given[name] = value
        position += 1 if "=" in argv[position] else 2
    return given, position


def _settings(given: Mapping[str, str]) -> Settings:
    from pathlib import Path

    from kbtool.cli.commands import Settings
    from kbtool.render.output import ColorChoice

    db = given.get("--db")
    return Settings(db=Path(db) if db else None, color=ColorChoice(given.get("--color", "auto")))


def parse(
    argv: Sequence[str], environ: Mapping[str, str], stdout_is_tty: bool
) -> Callable[[], None] | None:
    """The command ``argv`` asks for, ready to run, or None if Typer must read it."""
    if any(name.startswith("_") and name.endswith("_COMPLETE") for name in environ):
        return None  # a shell asking Click to complete a word
    if os.name == "nt" and any(char in argument for argument in argv for char in "*?["):
        return None  # Click expands wildcards itself on Windows, where no shell does
    found = _global_options(argv)
    if found is None:
        return None
    given, position = found
    if position >= len(argv) or argv[position] not in _ARGUMENTS:
        return None
    command = argv[position]
    values, flags = _VALUE_OPTIONS[command], _FLAGS[command]
    options: dict[str, Any] = {}
    arguments: list[str] = []
    rest = argv[position + 1 :]
    index = 0
    while index < len(rest):
        argument = rest[index]
        index += 1
        if argument in flags:
            if flags[argument] in options:
                return None
            options[flags[argument]] = True
        elif argument.split("=", 1)[0] in _GLOBAL_OPTIONS:
            # A global option after the command, as gh allows: Typer lets the later win; a
            # line that gives one twice is left to it.
            name, value = _value(argument, rest[index:], _GLOBAL_OPTIONS)
            if not name or name in given:
                return None
            given[name] = value
            index += 0 if "=" in argument else 1
        elif argument == "-" and command == "import":
            arguments.append(argument)  # the file: stdin
        elif argument.startswith("-") or not argument:
            name, value = _value(argument, rest[index:], values)
            if not name or values[name] in options:
                return None
            options[values[name]] = value
            index += 0 if "=" in argument else 1
        else:
            arguments.append(argument)
    if given.get("--color", "auto") not in _COLORS:
        return None
    least, most = _ARGUMENTS[command]
    if len(arguments) < least or (most is not None and len(arguments) > most):
        return None
    if command != "import" and not _typer_would_accept(options, stdout_is_tty):
        return None  # an import draws no table: its output is the same at a terminal

    _import_msgspec()
    from kbtool.cli import commands
    from kbtool.render.output import OutputFormat

    if "limit" in options:
        options["limit"] = int(options["limit"])
    if "output_format" in options:
        options["output_format"] = OutputFormat(options["output_format"])

    settings = _settings(given)
    if command == "search":
        return functools.partial(commands.search, settings, arguments, **options)
    if command == "show":
        return functools.partial(commands.show, settings, arguments[0], **options)
    if command == "list":
        return functools.partial(commands.list_instruments, settings, **options)
    if command == "import":
        return functools.partial(commands.import_file, settings, arguments[0], **options)
    if command == "sources":
        return functools.partial(commands.sources, settings, **options)
    return functools.partial(commands.quotes, settings, **options)


def _import_msgspec() -> None:
    """Import msgspec without typing_extensions, which it only prefers to ``typing``.

    msgspec takes ``get_type_hints``, ``Required`` and ``NotRequired`` from
    typing_extensions when it can, for Pythons before 3.11; on 3.11 and later ``typing``
    has them all, and kbtool's records (msgspec structs) read the same with either.
    typing_extensions costs about 2.5 ms, a twentieth of ``kb search``. It is hidden only
    while msgspec loads: Typer, on the other path, imports it as usual.
    """
    if "msgspec" in sys.modules or "typing_extensions" in sys.modules:
        return
    sys.modules["typing_extensions"] = None  # type: ignore[assignment]
    try:
        import msgspec
    except ImportError:
        pass  # a msgspec that needs it after all: imported below, as usual
    finally:
        del sys.modules["typing_extensions"]
    import msgspec  # noqa: F401


def _typer_would_accept(options: Mapping[str, Any], stdout_is_tty: bool) -> bool:
    """Whether Typer would take these values, and the output is not a table (Rich, for a
    person at a terminal: no hurry there)."""
    if "limit" in options:
        limit: str = options["limit"]
        # Only what Click and Typer read alike as a whole number of at least 1.
        if not (limit.isascii() and limit.isdigit() and limit[0] != "0"):
            return False
    if "output_format" in options:
        return options["output_format"] in _MACHINE_FORMATS
    return bool(options.get("as_json")) or not stdout_is_tty


def main() -> NoReturn:
    """Console-script entry point (``kb``, ``python -m kbtool``); never returns."""
    from kbtool.errors import without_traceback

    _exit(without_traceback(_run))


def _run() -> int:
    # A closed stdout (kb ... >&-) is None: no terminal, and the command says what fails.
    stdout_is_tty = sys.stdout is not None and sys.stdout.isatty()
    command = parse(sys.argv[1:], os.environ, stdout_is_tty)
    if command is None:
        from kbtool.cli import app

        app.main()
    return run(command)


def run(command: Callable[[], None]) -> int:
    """Run a parsed command as the Typer app runs its own: its errors as one line on
    stderr; its exit code."""
    from kbtool.cli.commands import guarded

    return guarded(command)


def _exit(code: int) -> NoReturn:
    # Tearing the interpreter down (every module, every object) takes about 7 ms, a seventh
    # of a kb search. A read command leaves nothing to clean up (it holds no lock, and an
    # index it builds is closed and in place before it returns) but its output: flush that
    # and leave.
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # closed when kb was started (kb ... >&-)
                stream.flush()
    except (OSError, ValueError):
        sys.exit(code)  # the interpreter reports a failing stream as it always does
    os._exit(code)
