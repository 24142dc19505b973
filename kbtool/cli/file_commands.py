"""``kb export``, ``kb import``, ``kb verify``, ``kb undo``, ``kb redo`` and ``kb init``:
whole files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import msgspec
import typer

from kbtool.cli import commands
from kbtool.cli.options import AddJsonOption
from kbtool.cli.root import app, open_kb, settings_of
from kbtool.errors import DataError, ExitCode
from kbtool.render.export import ExportFormat
from kbtool.render.output import Environment

if TYPE_CHECKING:
    from kbtool.kb import KnowledgeBase


@app.command("export")
def export_command(
    ctx: typer.Context,
    output_format: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="json, jsonl, csv, markdown or sqlite (with -o)."),
    ] = ExportFormat.JSON,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to FILE instead of stdout.", metavar="FILE"),
    ] = None,
    table: Annotated[
        str | None, typer.Option(help="With csv: instruments, quotations or sources.")
    ] = None,
) -> None:
    """Export every record, for a colleague's 'kb import' or a report.

    json is one document {"instruments": [...], "quotations": [...],
    "sources": [...]}; jsonl is one record a line, tagged with its "type";
    csv is one table (--table); markdown is a readable report of every
    instrument with its quotations; sqlite is a database for Datasette and
    sqlite-utils (foreign keys, full-text search), written to -o FILE.

    Examples:

      kb export -o kenya-malaysia.json

      kb export --format csv --table quotations > quotations.csv

      kb export --format sqlite -o kb.db && datasette kb.db
    """
    from kbtool.render.export import export_text

    kb = open_kb(ctx)
    if output is not None:
        from kbtool.store.files import is_kept_with
        from kbtool.store.transactions import FileStore

        if isinstance(kb.store, FileStore) and is_kept_with(kb.store.path, output):
            raise DataError(
                f"{output} is the knowledge base itself or a file kb keeps with it (its "
                "index, layout, lock or backups): an export never replaces it",
                hint="give -o another file name",
            )
    document = kb.export_document()
    if output_format is ExportFormat.SQLITE and output is not None:
        from kbtool.render.sqlite_export import write_sqlite

        write_sqlite(document, output)  # a database file, not text
        sys.stderr.write(f"kb: exported {kb.store.name} to {output} (SQLite)\n")
        return
    text = export_text(document, output_format.value, table)
    if output is None:
        sys.stdout.write(text)
        return
    from kbtool.store.files import write_output

    write_output(output, text.encode("utf-8"))
    counts = ", ".join(f"{len(records)} {name}" for name, records in document.items())
    sys.stderr.write(f"kb: exported {counts} to {output}\n")


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE|-", help="A 'kb export' JSON document or JSONL file; - reads stdin."
        ),
    ],
    update: Annotated[bool, typer.Option(help="Replace records whose id exists already.")] = False,
    dry_run: Annotated[
        bool,
        typer.Option(
            help="List each record that would be added or changed, field by field; write nothing."
        ),
    ] = False,
    as_json: AddJsonOption = False,
) -> None:
    """Import records; all are checked first, and one bad record means nothing is written.

    --dry-run lists each record the import would add (+) or change (~),
    with every field that would change, before → after (with --json, in
    "changes"); records it would leave as they are are only counted.

    Examples:

      kb import kenya-malaysia.json --dry-run

      kb export | kb --db copy.json import -
    """
    commands.import_file(settings_of(ctx), file, update=update, dry_run=dry_run, as_json=as_json)


@app.command("verify")
def verify_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the problems as JSON.")] = False,
) -> None:
    """Check integrity: schema, unique ids, references, quotations verbatim in their source.

    Exits 1 and lists every problem when there is one.

    Example:

      kb verify && echo "all good"
    """
    from kbtool.render import output

    env = Environment.from_system(settings_of(ctx).color)
    kb = open_kb(ctx)
    problems = kb.verify()
    if as_json:
        output.write_json(env, msgspec.to_builtins(problems))
    else:
        for problem in problems:
            env.stdout.write(output.inert(str(problem)) + "\n")
    if problems:
        sys.stderr.write(f"kb: {kb.store.name}: {len(problems)} problem(s)\n")
        raise typer.Exit(ExitCode.FAILURE)
    sys.stderr.write(f"kb: {kb.store.name}: no problems\n")


def _history_of(ctx: typer.Context, doing: str) -> KnowledgeBase:
    from kbtool.kb import KnowledgeBase
    from kbtool.store import location

    where = location.resolve(settings_of(ctx).db)
    if where.read_only:
        from kbtool.errors import DataError

        raise DataError(
            f"nothing to {doing}: no write was made (the shipped knowledge base is in use)"
        )
    return KnowledgeBase.open(where)


@app.command("undo")
def undo_command(ctx: typer.Context) -> None:
    """Restore the knowledge base as it was before the last write.

    The version it replaces is kept for 'kb redo'. Each write keeps the
    version it replaces in FILE.backups/ (the newest 10).

    Example:

      kb undo
    """
    kb = _history_of(ctx, "undo")
    replaced = kb.store.exists()  # a missing file is restored, and nothing is kept for redo
    remaining = kb.undo()
    redo = "; 'kb redo' puts back the version undone" if replaced else ""
    sys.stderr.write(
        f"kb: restored {kb.store.name} as it was before the last write; "
        f"{remaining} earlier version(s) left to undo{redo}\n"
    )


@app.command("redo")
def redo_command(ctx: typer.Context) -> None:
    """Put back the version the last 'kb undo' replaced.

    Example:

      kb undo && kb redo
    """
    kb = _history_of(ctx, "redo")
    remaining = kb.redo()
    sys.stderr.write(
        f"kb: put back {kb.store.name} as it was before the last undo; "
        f"{remaining} more undo(s) left to redo\n"
    )


@app.command("init")
def init_command(
    ctx: typer.Context,
    with_shipped: Annotated[
        bool, typer.Option(help="Start from a copy of the shipped Kenya–Malaysia records.")
    ] = False,
) -> None:
    """Create a knowledge base: your own (default), or the --db / $KB_DB file.

    A file with records in it is never replaced; one that holds none can
    be given the shipped records with --with-shipped ('kb undo' takes them
    back out).

    Examples:

      kb init --with-shipped

      kb --db ghana-india.json init
    """
    from kbtool.service.creating import create
    from kbtool.store import location

    where = location.resolve(settings_of(ctx).db)
    own = where.origin in (location.Origin.SHIPPED, location.Origin.USER)
    path = location.user_db_path() if own else where.path
    # The platform's data folder is made for the user's own; a file they name is not given
    # a folder that does not exist (a typo in the path, most likely).
    sys.stderr.write(f"kb: {create(path, with_shipped, make_folder=own)}\n")
