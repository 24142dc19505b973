"""What kb's read commands (list, show, search, quotes) and ``kb import`` do once their
options are parsed.

Two parsers call these functions: the Typer commands of ``kbtool.cli`` and the start-up
shortcut of ``kbtool.cli.fast_path``. Keeping the bodies here, with the error handling around
them, is what makes a command print the same bytes and end with the same exit code whichever
parser read its arguments. Nothing here imports Typer, Click or Rich (``kbtool.render``
imports Rich only to draw a table for a terminal).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from kbtool.errors import ExitCode, KbError, StreamError, print_error, silence_stdout
from kbtool.render.output import ColorChoice, Environment, OutputFormat

if TYPE_CHECKING:
    from kbtool.kb import KnowledgeBase
    from kbtool.service.importing import ImportReport


class Settings(msgspec.Struct, frozen=True):
    """The options given before the command: kb --db my.json list."""

    db: Path | None = None
    color: ColorChoice = ColorChoice.AUTO
    # False with --no-pager: a terminal's long output is printed, not paged.
    paging: bool = True


def guarded(command: Callable[[], object]) -> ExitCode:
    """Run a command; the core's errors become one line on stderr and their exit code."""
    try:
        command()
        sys.stdout.flush()
    except KbError as error:
        if isinstance(error, StreamError):
            silence_stdout()  # said once; the final flush must not fail again
        print_error(error.message, error.hint)
        return error.exit_code
    except BrokenPipeError:
        # The reader went away (e.g. `kb list | head -1`).
        silence_stdout()
        return ExitCode.BROKEN_PIPE
    return ExitCode.SUCCESS


def open_kb(settings: Settings, env: Environment | None = None) -> KnowledgeBase:
    """The knowledge base the settings name. A file named by --db or $KB_DB that does not
    exist reads as empty (a first write creates it); a person at a terminal is told, so
    that a mistyped path does not pass for a knowledge base with nothing in it."""
    from kbtool.kb import KnowledgeBase
    from kbtool.store import location

    found = location.resolve(settings.db)
    named = found.origin in (location.Origin.OPTION, location.Origin.ENVIRONMENT)
    if env is not None and named and not found.path.exists():
        env.note(
            f"kb: {found.path} does not exist: nothing to show "
            f"(check {found.origin.value}; a write to it would create it)"
        )
    return KnowledgeBase.open(found)


def _output(
    settings: Settings,
    output_format: OutputFormat | None,
    as_json: bool,
    fields: str | None,
    valid_fields: Sequence[str],
    header: bool = False,
) -> tuple[Environment, OutputFormat, list[str] | None]:
    """Where and how a command writes: the environment, the format, the fields picked."""
    from kbtool.errors import UsageError
    from kbtool.render import output

    env = Environment.from_system(settings.color, settings.paging)
    fmt = env.output_format(output_format, as_json)
    if header:
        if fmt is not OutputFormat.TSV:
            raise UsageError(f"--header goes with tab-separated output (-f tsv), not {fmt}")
        env.tsv_header = True
    return env, fmt, output.parse_fields(fields, valid_fields)


def list_instruments(
    settings: Settings,
    *,
    kind: str | None = None,
    party: str | None = None,
    sector: str | None = None,
    status: str | None = None,
    sort: str | None = None,
    output_format: OutputFormat | None = None,
    as_json: bool = False,
    fields: str | None = None,
    header: bool = False,
) -> None:
    from kbtool.models import Instrument, field_names
    from kbtool.render import output
    from kbtool.search.filters import InstrumentFilter

    env, fmt, selected = _output(
        settings, output_format, as_json, fields, field_names(Instrument), header
    )
    kb = open_kb(settings, env)
    criteria = InstrumentFilter(kind=kind, party=party, sector=sector, status=status)
    if (
        fmt in (OutputFormat.JSON, OutputFormat.JSONL)
        and not (selected or sort)
        and (criteria == InstrumentFilter())
    ):
        stored = kb.instrument_bytes()
        if stored is not None:  # streamed: a large knowledge base is never held in memory
            output.write_stored_json(env, stored, fmt)
            return
    instruments = kb.list_instruments(criteria, sort)
    output.write_records(
        env, instruments, fmt, selected, ("id", "title", "kind", "parties", "status"), "Instruments"
    )


def show(
    settings: Settings,
    record_id: str,
    *,
    output_format: OutputFormat | None = None,
    as_json: bool = False,
    fields: str | None = None,
    header: bool = False,
) -> None:
    from kbtool.render import detail as render_detail
    from kbtool.render import output

    env, fmt, _ = _output(settings, output_format, as_json, None, (), header)
    kb = open_kb(settings, env)
    record = kb.record(record_id)
    selected = output.parse_fields(fields, render_detail.valid_fields(record))
    render_detail.write_detail(env, kb.describe_record(record), fmt, selected)


def search(
    settings: Settings,
    query: list[str],
    *,
    record_type: str | None = None,
    limit: int = 20,
    explain: bool = False,
    output_format: OutputFormat | None = None,
    as_json: bool = False,
    fields: str | None = None,
    header: bool = False,
) -> None:
    from kbtool.errors import UsageError
    from kbtool.models import Instrument, Quotation, field_names
    from kbtool.render import hits
    from kbtool.search.filters import controlled_value

    valid = (*hits.HIT_FIELDS, *field_names(Instrument), *field_names(Quotation))
    env, fmt, selected = _output(
        settings, output_format, as_json, fields, tuple(dict.fromkeys(valid)), header
    )
    wanted_type = (
        controlled_value(record_type, ("instrument", "quotation"), "--type")
        if record_type
        else None
    )
    mistyped = next((arg for arg in query if arg.startswith("--") and len(arg) > 2), None)
    if mistyped:
        # Unknown options reach the query (so that "-aviation" can start it); one that looks
        # like an option is far more likely a typo than a word to leave out.
        shown = mistyped if mistyped.isprintable() else repr(mistyped)  # one line, inert
        raise UsageError(
            f"no such option: {shown}", hint="kb search -h lists them; quote a query word"
        )
    result = open_kb(settings, env).search(" ".join(query), wanted_type, limit)
    hits.write_search_notes(env, result.plan)
    hits.write_hits(env, result.hits, fmt, selected)
    if explain:
        hits.write_explanation(env, result, limit)


def quotes(
    settings: Settings,
    *,
    speaker: str | None = None,
    instrument: str | None = None,
    output_format: OutputFormat | None = None,
    as_json: bool = False,
    fields: str | None = None,
    header: bool = False,
) -> None:
    from kbtool.models import Quotation, field_names
    from kbtool.render import output

    env, fmt, selected = _output(
        settings, output_format, as_json, fields, field_names(Quotation), header
    )
    quotations = open_kb(settings, env).list_quotations(speaker=speaker, instrument=instrument)
    output.write_records(
        env, quotations, fmt, selected, ("id", "speaker", "text", "instrument"), "Quotations"
    )


def sources(
    settings: Settings,
    *,
    outlet: str | None = None,
    instrument: str | None = None,
    sort: str | None = None,
    output_format: OutputFormat | None = None,
    as_json: bool = False,
    fields: str | None = None,
    header: bool = False,
) -> None:
    from kbtool.models import Source, field_names
    from kbtool.render import output

    env, fmt, selected = _output(
        settings, output_format, as_json, fields, field_names(Source), header
    )
    found = open_kb(settings, env).list_sources(outlet=outlet, instrument=instrument, sort=sort)
    output.write_records(
        env, found, fmt, selected, ("id", "outlet", "published_on", "description", "url"), "Sources"
    )


def import_file(
    settings: Settings,
    file: str,
    *,
    update: bool = False,
    dry_run: bool = False,
    as_json: bool = False,
) -> None:
    """``kb import FILE`` (``-``: stdin): every record checked, then all written or none."""
    from kbtool.kb import open_for_writing
    from kbtool.store import location
    from kbtool.store.importing import collection_paused, parse_import, read_bytes_input

    env = Environment.from_system(settings.color)
    where = location.resolve(settings.db)
    with collection_paused():
        batch = parse_import(read_bytes_input(file), "stdin" if file == "-" else file)
        kb, notice = open_for_writing(where)
        # A file the import would create is said to be new last, and only if it was made
        # (a refused import makes none).
        created = notice is not None and not where.path.exists()
        if notice and not created:
            sys.stderr.write(f"kb: {notice}\n")
        try:
            report = kb.import_records(batch, update=update, dry_run=dry_run)
            _write_import_report(env, report, kb.store.name, dry_run, as_json)
        finally:
            if created and where.path.exists():
                sys.stderr.write(f"kb: {notice}\n")


def _write_import_report(
    env: Environment, report: ImportReport, name: str, dry_run: bool, as_json: bool
) -> None:
    from kbtool.render import output

    if as_json:
        document = {
            "added": report.added,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "dry_run": dry_run,
        }
        if dry_run:
            document["changes"] = msgspec.to_builtins(report.changes)
        output.write_json(env, document)
    elif dry_run:
        from kbtool.render.changes import write_changes

        write_changes(env, report)
    verb = "would import" if dry_run else "imported"
    sys.stderr.write(
        f"kb: {verb} into {name}: {report.count(report.added)} added, "
        f"{report.count(report.updated)} updated, {report.count(report.unchanged)} unchanged\n"
    )
