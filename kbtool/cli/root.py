"""The ``kb`` Typer app without its commands: global options, and the errors every command shares.

Each command module (``read_commands``, ``write_commands``, ``file_commands``,
``ingest_command``) adds its commands to ``app``; ``kbtool.cli.app`` imports them all.
Errors from the core (``kbtool.errors``) become one line on stderr and their exit code in
``KbGroup.invoke``; nothing here formats records itself.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from kbtool import __version__
from kbtool.cli import commands
from kbtool.cli.commands import Settings
from kbtool.cli.options import ColorOption, DbOption
from kbtool.render.output import ColorChoice, Environment

if TYPE_CHECKING:
    from kbtool.kb import KnowledgeBase


class KbGroup(TyperGroup):
    """Turns the core's errors into a one-line message and an exit code, for every command."""

    # Typer bundles its own Click, whose Context type is private; typer.Context is the
    # public subclass every command receives.
    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        # The same guard as kbtool.cli.fast_path's, so that both end a failing command alike.
        code = commands.guarded(lambda: super(KbGroup, self).invoke(ctx))
        if code:
            raise typer.Exit(code)


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
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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
    """Options here come before the command: kb --db my.json list."""
    ctx.obj = Settings(db=db, color=color, paging=not no_pager)


def settings_of(ctx: typer.Context) -> Settings:
    settings = ctx.find_object(Settings)
    return settings if settings is not None else Settings(None, ColorChoice.AUTO)


def open_kb(ctx: typer.Context) -> KnowledgeBase:
    return commands.open_kb(settings_of(ctx))


def open_kb_for_writing(ctx: typer.Context) -> KnowledgeBase:
    from kbtool.kb import open_for_writing
    from kbtool.store import location

    kb, notice = open_for_writing(location.resolve(settings_of(ctx).db))
    if notice:
        sys.stderr.write(f"kb: {notice}\n")
    return kb


def report_written(env: Environment, as_json: bool, document: Any, message: str) -> None:
    """What a write prints: JSON of what was written, or its id for `id=$(kb add ...)`."""
    from kbtool.render import output

    if as_json:
        output.write_json(env, document)
    elif isinstance(document, dict) and "id" in document:
        env.stdout.write(output.inert(document["id"]) + "\n")
    sys.stderr.write(f"kb: {message}\n")
