"""The ``kb`` command line: each command parses its options, asks the knowledge base, renders.

Only this module knows Typer. Errors from the core (``kbtool.errors``) become one line on
stderr and their exit code in ``KbGroup.invoke``; nothing here formats records itself.
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from kbtool import __version__
from kbtool.errors import ExitCode, KbError
from kbtool.options import ColorOption, DbOption, FieldsOption, FormatOption, JsonOption
from kbtool.render import ColorChoice, Environment

if TYPE_CHECKING:
    from kbtool.kb import KnowledgeBase


def _print_error(message: str, hint: str | None = None) -> None:
    line = f"kb: error: {message}"
    if hint:
        line += f" ({hint})"
    sys.stderr.write(line + "\n")


def _silence_stdout() -> None:
    # The reader went away (e.g. `kb list | head -1`): send whatever is still buffered
    # nowhere, so that the interpreter's final flush does not fail a second time.
    devnull = os.open(os.devnull, os.O_WRONLY)
    # A test's captured stdout has no file descriptor, and nothing left to flush.
    with contextlib.suppress(OSError, ValueError):
        os.dup2(devnull, sys.stdout.fileno())


class KbGroup(TyperGroup):
    """Turns the core's errors into a one-line message and an exit code, for every command."""

    # Typer bundles its own Click, whose Context type is private; typer.Context is the
    # public subclass every command receives.
    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()
            return result
        except KbError as error:
            _print_error(error.message, error.hint)
            raise typer.Exit(error.exit_code) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(ExitCode.BROKEN_PIPE) from None


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


@dataclass(frozen=True)
class Settings:
    db: Path | None
    color: ColorChoice


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"kb {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    db: DbOption = None,
    color: ColorOption = ColorChoice.AUTO,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Options here come before the command: kb --db my.json list."""
    ctx.obj = Settings(db=db, color=color)


def _settings(ctx: typer.Context) -> Settings:
    settings = ctx.find_object(Settings)
    return settings if settings is not None else Settings(None, ColorChoice.AUTO)


def _open(ctx: typer.Context) -> KnowledgeBase:
    from kbtool import location
    from kbtool.kb import KnowledgeBase

    return KnowledgeBase.open(location.resolve(_settings(ctx).db))


@app.command("list")
def list_command(
    ctx: typer.Context,
    kind: Annotated[
        str | None, typer.Option(help="Only this kind, e.g. memorandum-of-understanding.")
    ] = None,
    party: Annotated[
        str | None, typer.Option(help="Only instruments a party's name contains.")
    ] = None,
    sector: Annotated[
        str | None, typer.Option(help="Only instruments with a sector containing this.")
    ] = None,
    status: Annotated[str | None, typer.Option(help="Only this status, e.g. signed.")] = None,
    sort: Annotated[
        str | None,
        typer.Option(help="Sort by a field; prefix '-' for descending.", metavar="FIELD"),
    ] = None,
    output_format: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """List instruments (id, title, kind, parties, status).

    Examples:

      kb list --party malaysia --kind memorandum-of-understanding

      kb list --sort=-exchanged_on --json | jq -r '.[].id'
    """
    from kbtool import render
    from kbtool.models import Instrument, field_names, to_document
    from kbtool.queries import InstrumentFilter

    env = Environment.from_system(_settings(ctx).color)
    fmt = env.output_format(output_format, as_json)
    selected = render.parse_fields(fields, field_names(Instrument))
    kb = _open(ctx)
    criteria = InstrumentFilter(kind=kind, party=party, sector=sector, status=status)
    instruments = kb.list_instruments(criteria, sort)
    documents = [to_document(i) for i in instruments]
    render.write_records(
        env, documents, fmt, selected, ("id", "title", "kind", "parties", "status"), "Instruments"
    )


@app.command("show")
def show_command(
    ctx: typer.Context,
    record_id: Annotated[
        str, typer.Argument(metavar="ID", help="The instrument's id (see kb list).")
    ],
    output_format: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Show everything about one instrument: its facts, quotations and sources.

    Example:

      kb show kenya-malaysia-air-services-agreement --json | jq '.quotations[].text'
    """
    from kbtool import render
    from kbtool.models import Instrument, field_names

    env = Environment.from_system(_settings(ctx).color)
    fmt = env.output_format(output_format, as_json)
    selected = render.parse_fields(fields, (*field_names(Instrument), "quotations"))
    kb = _open(ctx)
    detail = kb.describe(kb.instrument(record_id))
    render.write_instrument_detail(env, detail, fmt, selected)


@app.command("search")
def search_command(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words that must all match.")],
    record_type: Annotated[
        str | None,
        typer.Option("--type", help="Only 'instrument' or 'quotation' results.", metavar="TYPE"),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many results.")] = 20,
    output_format: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Search instruments and quotations; every word must match, best matches first.

    Examples:

      kb search tourism

      kb search "urban planning" --type instrument --json | jq -r '.[].id'
    """
    from kbtool import render
    from kbtool.models import Instrument, Quotation, field_names
    from kbtool.queries import controlled_value
    from kbtool.search import query_terms

    env = Environment.from_system(_settings(ctx).color)
    fmt = env.output_format(output_format, as_json)
    hit_fields = ("type", "id", "score", "matched_fields")
    valid = tuple(dict.fromkeys((*hit_fields, *field_names(Instrument), *field_names(Quotation))))
    selected = render.parse_fields(fields, valid)
    wanted_type = (
        controlled_value(record_type, ("instrument", "quotation"), "--type")
        if record_type
        else None
    )
    hits = _open(ctx).search(query, wanted_type)[:limit]
    render.write_hits(env, hits, query_terms(query), fmt, selected)


@app.command("quotes")
def quotes_command(
    ctx: typer.Context,
    speaker: Annotated[
        str | None, typer.Option(help="Only quotations by a speaker whose name contains this.")
    ] = None,
    instrument: Annotated[
        str | None, typer.Option(help="Only quotations about this instrument id.", metavar="ID")
    ] = None,
    output_format: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """List quotations, verbatim, with who said them and the instrument they are about.

    Examples:

      kb quotes --speaker ruto

      kb quotes --json | jq -r '.[] | "\\(.speaker): \\(.text)"'
    """
    from kbtool import render
    from kbtool.models import Quotation, field_names, to_document

    env = Environment.from_system(_settings(ctx).color)
    fmt = env.output_format(output_format, as_json)
    selected = render.parse_fields(fields, field_names(Quotation))
    quotations = _open(ctx).list_quotations(speaker=speaker, instrument=instrument)
    documents = [to_document(q) for q in quotations]
    render.write_records(
        env, documents, fmt, selected, ("id", "speaker", "text", "instrument"), "Quotations"
    )


def main() -> NoReturn:
    """Console-script entry point: no traceback reaches a user unless KB_DEBUG is set."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(130)
    except Exception as error:  # a bug: say so in one line, keep the traceback for --debug
        if os.environ.get("KB_DEBUG"):
            raise
        _print_error(
            f"internal error: {type(error).__name__}: {error}",
            "set KB_DEBUG=1 to see the traceback, and please report it",
        )
        sys.exit(ExitCode.FAILURE)
    sys.exit(ExitCode.SUCCESS)
