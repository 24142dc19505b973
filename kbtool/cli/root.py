"""The ``kb`` Typer app without its commands: global options, and the errors every command shares.

Each command module (``read_commands``, ``write_commands``, ``file_commands``,
``ingest_command``) adds its commands to ``app``; ``kbtool.cli.app`` imports them all.
Errors from the core (``kbtool.errors``) become one line on stderr and their exit code in
``KbGroup.invoke``, and so do Click's usage errors; nothing here formats records itself.

The global options (--db, --color, --no-pager) are the root's, and every command gets a copy of them
when it is looked up (``KbGroup.get_command``), so that they may also come after the
command, as gh's do: one given there is kept in the context's ``meta`` and wins
(``settings_of``, ``db_of``).
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import msgspec
import typer
from typer.core import TyperGroup

from kbtool import __version__
from kbtool.cli import commands
from kbtool.cli.commands import Settings
from kbtool.cli.options import ColorOption, DbOption
from kbtool.errors import ExitCode, print_error
from kbtool.render.output import ColorChoice, Environment

if TYPE_CHECKING:
    from kbtool.kb import KnowledgeBase


class KbGroup(TyperGroup):
    """Turns the core's errors into a one-line message and an exit code, for every command,
    and lets the global options (--db, --color, --no-pager) come after the command too."""

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:  # type: ignore[override]
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _take_global_options(command)
        return command

    # Typer bundles its own Click, whose Context type is private; typer.Context is the
    # public subclass every command receives.
    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        # The same guard as kbtool.cli.fast_path's, so that both end a failing command alike.
        with _usage_errors_on_one_line():
            code = commands.guarded(lambda: super(KbGroup, self).invoke(ctx))
        if code:
            raise typer.Exit(code)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        with _usage_errors_on_one_line():
            return super().make_context(*args, **kwargs)


@contextlib.contextmanager
def _usage_errors_on_one_line() -> Iterator[None]:
    """Click's usage errors (an unknown option, --limit 0) as kb's own: one line on stderr
    and exit code 2, not Typer's box (a script's log keeps one line per failure)."""
    # Typer bundles Click privately; its UsageError is what Click raises for all of these.
    from typer._click.exceptions import NoArgsIsHelpError
    from typer._click.exceptions import UsageError as ClickUsageError

    try:
        yield
    except NoArgsIsHelpError:
        # "kb", "kb add": the help, already printed (Rich writes it as it renders), is the
        # answer, as gh gives it; not an error with an empty message.
        raise typer.Exit(ExitCode.SUCCESS) from None
    except ClickUsageError as error:
        if error.ctx is not None and error.ctx.resilient_parsing:
            raise
        path = error.ctx.command_path if error.ctx is not None else "kb"
        message = " ".join(error.format_message().split())
        print_error(message, hint=f"see '{path} -h'")
        raise typer.Exit(ExitCode.USAGE) from None


app = typer.Typer(
    name="kb",
    cls=KbGroup,
    help=(
        "A knowledge base of bilateral cooperation instruments and the words of the "
        "officials who announced them.\n\n"
        "Examples:  kb list · kb search tourism · kb show kenya-malaysia-tourism-mou · "
        "kb list --json | jq '.[].title'"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# Where a global option given after the command is kept: the context's meta dict is shared by
# the whole chain of contexts, and the root's callback (which makes ``Settings``) has run by
# the time a command's own options are read.
_GIVEN_AFTER_COMMAND = "kbtool.cli.given_after_command"


def _remember(ctx: typer.Context, param: typer.CallbackParam, value: Any) -> Any:
    if value is not None and param.name:
        ctx.meta.setdefault(_GIVEN_AFTER_COMMAND, {})[param.name] = value
    return value


def _global_options_placeholder(
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="Knowledge base file to use (as before the command).",
            metavar="PATH",
            show_default=False,
            callback=_remember,
            expose_value=False,
            rich_help_panel="Global options",
        ),
    ] = None,
    color: Annotated[
        ColorChoice | None,
        typer.Option(
            "--color",
            help="Colour in terminal output: auto, always or never.",
            show_default=False,
            callback=_remember,
            expose_value=False,
            rich_help_panel="Global options",
        ),
    ] = None,
    no_pager: Annotated[
        bool | None,
        typer.Option(
            "--no-pager",
            help="Print long terminal output instead of paging it.",
            show_default=False,
            callback=_remember,
            expose_value=False,
            rich_help_panel="Global options",
        ),
    ] = None,
) -> None:
    """Only its parameters are used: Typer turns them into Click's, given to every command."""


@functools.cache
def _global_parameters() -> list[Any]:
    from typer.main import get_command

    placeholder = typer.Typer(add_completion=False)
    placeholder.command()(_global_options_placeholder)
    return list(get_command(placeholder).params)


def _take_global_options(command: Any) -> None:
    """Give ``command`` (and a group's commands) the global options, once."""
    if getattr(command, "_kb_global_options", False):
        return
    command._kb_global_options = True
    names = {name for param in command.params for name in param.opts}
    command.params.extend(p for p in _global_parameters() if not names & set(p.opts))
    for subcommand in getattr(command, "commands", {}).values():
        _take_global_options(subcommand)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"kb {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    db: DbOption = None,
    color: ColorOption = ColorChoice.AUTO,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Print long terminal output instead of paging it ($KB_PAGER, $PAGER, less).",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Global options may come before or after the command: kb list --db my.json."""
    ctx.obj = Settings(db=db, color=color, paging=not no_pager)


def settings_of(ctx: typer.Context) -> Settings:
    """The global options, wherever on the line they were given (after the command wins)."""
    settings = ctx.find_object(Settings)
    if settings is None:
        settings = Settings(None, ColorChoice.AUTO)
    given_after = dict(ctx.meta.get(_GIVEN_AFTER_COMMAND, {}))
    if given_after.pop("no_pager", None):
        given_after["paging"] = False
    return msgspec.structs.replace(settings, **given_after) if given_after else settings


def db_of(ctx: typer.Context) -> Path | None:
    """The --db given on the line, wherever, while it is still being read (as in shell
    completion, where no command's callback has run)."""
    given_after = ctx.meta.get(_GIVEN_AFTER_COMMAND, {})
    if "db" in given_after:
        db: Path | None = given_after["db"]
        return db
    root_db = ctx.find_root().params.get("db")
    return root_db if isinstance(root_db, Path) else None


def open_kb(ctx: typer.Context) -> KnowledgeBase:
    return commands.open_kb(settings_of(ctx))


def open_kb_for_writing(ctx: typer.Context) -> KnowledgeBase:
    from kbtool.kb import open_for_writing
    from kbtool.store import location

    where = location.resolve(settings_of(ctx).db)
    kb, notice = open_for_writing(where)
    if notice and not where.path.exists():
        # A file the write will create: say so only if it did (a refused write makes none).
        ctx.call_on_close(lambda: where.path.exists() and sys.stderr.write(f"kb: {notice}\n"))
    elif notice:
        sys.stderr.write(f"kb: {notice}\n")
    return kb


def report_written(env: Environment, as_json: bool, document: Any, message: str) -> None:
    """What a write prints: JSON of what was written, or its id for `id=$(kb add ...)`."""
    from kbtool.render import output

    # What was written first: if stdout then fails (closed, full), the error that follows
    # does not read as if the write had failed.
    sys.stderr.write(f"kb: {message}\n")
    if as_json:
        output.write_json(env, document)
    elif isinstance(document, dict) and "id" in document:
        env.stdout.write(output.inert(document["id"]) + "\n")
