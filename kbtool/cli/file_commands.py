"""``kb export``, ``kb import``, ``kb verify``, ``kb undo`` and ``kb init``: whole files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import msgspec
import typer

from kbtool.cli.options import AddJsonOption
from kbtool.cli.root import app, open_kb, open_kb_for_writing, settings_of
from kbtool.errors import ExitCode
from kbtool.render.export import ExportFormat
from kbtool.render.output import Environment


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
    from kbtool.store.files import write_atomically

    try:
        write_atomically(output, text.encode("utf-8"))
    except OSError as error:
        from kbtool.errors import DataError

        raise DataError(f"cannot write {output}: {error.strerror or error}") from None
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
    dry_run: Annotated[bool, typer.Option(help="Report what would change; write nothing.")] = False,
    as_json: AddJsonOption = False,
) -> None:
    """Import records; all are checked first, and one bad record means nothing is written.

    Examples:

      kb import kenya-malaysia.json --dry-run

      kb export | kb --db copy.json import -
    """
    from kbtool.render import output
    from kbtool.store.importing import parse_import, read_bytes_input

    env = Environment.from_system(settings_of(ctx).color)
    batch = parse_import(read_bytes_input(file), "stdin" if file == "-" else file)
    kb = open_kb_for_writing(ctx)
    report = kb.import_records(batch, update=update, dry_run=dry_run)
    if as_json:
        output.write_json(
            env,
            {
                "added": report.added,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "dry_run": dry_run,
            },
        )
    verb = "would import" if dry_run else "imported"
    sys.stderr.write(
        f"kb: {verb} into {kb.store.name}: {report.count(report.added)} added, "
        f"{report.count(report.updated)} updated, {report.count(report.unchanged)} unchanged\n"
    )


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


@app.command("undo")
def undo_command(ctx: typer.Context) -> None:
    """Restore the knowledge base as it was before the last write.

    The last 10 versions are kept beside the file, in FILE.backups/.

    Example:

      kb undo
    """
    from kbtool.kb import KnowledgeBase
    from kbtool.store import location

    where = location.resolve(settings_of(ctx).db)
    if where.read_only:
        from kbtool.errors import DataError

        raise DataError("nothing to undo: no write was made (the shipped knowledge base is in use)")
    from kbtool.store.transactions import FileStore

    kb = KnowledgeBase.open(where)
    remaining = kb.undo()
    undone = kb.store.undone_path if isinstance(kb.store, FileStore) else None
    sys.stderr.write(
        f"kb: restored {kb.store.name} as it was before the last write; "
        f"{remaining} earlier version(s) kept; the version undone is {undone}\n"
    )


@app.command("init")
def init_command(
    ctx: typer.Context,
    with_shipped: Annotated[
        bool, typer.Option(help="Start from a copy of the shipped Kenya–Malaysia records.")
    ] = False,
) -> None:
    """Create a knowledge base: your own (default), or the --db / $KB_DB file.

    Examples:

      kb init --with-shipped

      kb --db ghana-india.json init
    """
    from kbtool.store import location
    from kbtool.store.transactions import FileStore

    where = location.resolve(settings_of(ctx).db)
    path = (
        location.user_db_path()
        if where.origin in (location.Origin.SHIPPED, location.Origin.USER)
        else where.path
    )
    data = FileStore(location.shipped_db_path(), read_only=True).tables() if with_shipped else {}
    FileStore(path).create(data)
    what = "a copy of the shipped knowledge base" if with_shipped else "an empty knowledge base"
    sys.stderr.write(f"kb: created {path}, {what}\n")
