"""The ``kb`` command line: each command parses its options, asks the knowledge base, renders.

Only this module knows Typer, and it is the one definition of the commands, their options and
their help. The read commands' bodies live in ``kbtool.commands``, which ``kbtool.fast_path``
calls too for the argument lists it can parse without Typer. Errors from the core
(``kbtool.errors``) become one line on stderr and their exit code in ``KbGroup.invoke``;
nothing here formats records itself.
"""

from __future__ import annotations

import sys
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import msgspec
import typer
from typer.core import TyperGroup

from kbtool import __version__
from kbtool.cli import commands
from kbtool.cli.commands import Settings
from kbtool.cli.options import ColorOption, DbOption, FieldsOption, FormatOption, JsonOption
from kbtool.errors import ExitCode, UsageError, without_traceback
from kbtool.render.output import ColorChoice, Environment, ExportFormat

if TYPE_CHECKING:
    from kbtool.kb import KnowledgeBase


class KbGroup(TyperGroup):
    """Turns the core's errors into a one-line message and an exit code, for every command."""

    # Typer bundles its own Click, whose Context type is private; typer.Context is the
    # public subclass every command receives.
    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        # The same guard as kbtool.fast_path's, so that both end a failing command alike.
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
    return commands.open_kb(_settings(ctx))


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
    commands.list_instruments(
        _settings(ctx),
        kind=kind,
        party=party,
        sector=sector,
        status=status,
        sort=sort,
        output_format=output_format,
        as_json=as_json,
        fields=fields,
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

      kb show kenya-malaysia-air-services-agreement --json \\
        | jq '.quotations[].text'
    """
    commands.show(
        _settings(ctx), record_id, output_format=output_format, as_json=as_json, fields=fields
    )


# A query may start with an exclusion ("-aviation"): words that are not options of this
# command are part of the query, not a usage error.
@app.command("search", context_settings={"ignore_unknown_options": True})
def search_command(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(
            help="The query (see above); several arguments are joined by spaces.",
            metavar="QUERY...",
            show_default=False,
        ),
    ],
    record_type: Annotated[
        str | None,
        typer.Option("--type", help="Only 'instrument' or 'quotation' results.", metavar="TYPE"),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many results.")] = 20,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Also print how the query was read and why each result scored (on stderr).",
        ),
    ] = False,
    output_format: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Search instruments and quotations together, best matches first.

    \b
    Query language:
      tourism kenya        every word must match ("flights" finds "flight")
      aviation OR flights  either of two words or phrases
      tourism -aviation    leave out what matches a word
      '"Kuala Lumpur"'     an exact phrase (single quotes for the shell)
      kind:agreement       a filter as in kb list; also party: sector:
                           status: speaker: type:  (party:"city hall")
      touri                the last word also finds words it begins

    Abbreviations and related terms in the shipped vocabulary match too:
    KL finds Kuala Lumpur, aviation finds air services. A word that
    matches nothing is read as the closest known word, and stderr says
    so ("showing results for tourism"). Put -- before a query that
    starts with -: kb search -- -aviation tourism.

    \b
    Examples:
      kb search flights
      kb search speaker:ruto partnership
      kb search tourisim --explain
      kb search "urban planning" --type instrument --json | jq -r '.[].id'
    """
    commands.search(
        _settings(ctx),
        query,
        record_type=record_type,
        limit=limit,
        explain=explain,
        output_format=output_format,
        as_json=as_json,
        fields=fields,
    )


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
    commands.quotes(
        _settings(ctx),
        speaker=speaker,
        instrument=instrument,
        output_format=output_format,
        as_json=as_json,
        fields=fields,
    )


# ---------------------------------------------------------------- writing


def _open_for_writing(ctx: typer.Context) -> KnowledgeBase:
    from kbtool.kb import open_for_writing
    from kbtool.store import location

    kb, notice = open_for_writing(location.resolve(_settings(ctx).db))
    if notice:
        sys.stderr.write(f"kb: {notice}\n")
    return kb


def _report_written(env: Environment, as_json: bool, document: Any, message: str) -> None:
    """What a write prints: JSON of what was written, or its id for `id=$(kb add ...)`."""
    from kbtool.render import output

    if as_json:
        output.write_json(env, document)
    elif isinstance(document, dict) and "id" in document:
        env.stdout.write(output.inert(document["id"]) + "\n")
    sys.stderr.write(f"kb: {message}\n")


add_app = typer.Typer(
    help="Add a record: an instrument, a quotation or a source.",
    no_args_is_help=True,
)
app.add_typer(add_app, name="add")

RepeatedOption = Annotated[list[str] | None, typer.Option(show_default=False)]
IdOption = Annotated[
    str | None,
    typer.Option(
        "--id", help="The record's id (default: made from its words).", show_default=False
    ),
]
AddJsonOption = Annotated[bool, typer.Option("--json", help="Print the record written, as JSON.")]


def _add(
    ctx: typer.Context, kind: str, document: dict[str, Any], id_from: str, as_json: bool
) -> None:
    from kbtool.models import to_document

    env = Environment.from_system(_settings(ctx).color)
    kb = _open_for_writing(ctx)
    fields = {name: value for name, value in document.items() if value not in (None, [])}
    record = kb.add(kind, fields, id_from)  # type: ignore[arg-type]
    _report_written(
        env, as_json, to_document(record), f"added {kind} {record.id!r} to {kb.store.name}"
    )


@add_app.command("instrument")
def add_instrument_command(
    ctx: typer.Context,
    title: Annotated[str, typer.Option(help="The title as the source writes it.")],
    kind: Annotated[
        str,
        typer.Option(
            help="agreement, memorandum-of-understanding, letter-of-intent, treaty, "
            "protocol, exchange-of-notes, declaration or other."
        ),
    ],
    party: Annotated[
        list[str], typer.Option(help="A party, as the source names it (repeat for each).")
    ],
    status: Annotated[
        str,
        typer.Option(
            help="proposed, signed, ratified, in-force, suspended, terminated or expired"
            " (as the source says: kb does not guess it)."
        ),
    ],
    summary: Annotated[str | None, typer.Option(help="One sentence on what it is for.")] = None,
    aim: RepeatedOption = None,
    sector: RepeatedOption = None,
    place: RepeatedOption = None,
    signed_on: Annotated[str | None, typer.Option(help="Date of signature, YYYY-MM-DD.")] = None,
    signed_at: Annotated[str | None, typer.Option(help="Place of signature.")] = None,
    witness: RepeatedOption = None,
    source: Annotated[
        list[str] | None, typer.Option(help="Id of a source record (repeatable).")
    ] = None,
    record_id: IdOption = None,
    as_json: AddJsonOption = False,
) -> None:
    """Add an instrument.

    Example:

      kb add instrument --title "Agreement on Trade" --kind agreement \\
        --status signed --party Ghana --party India --sector trade
    """
    from kbtool.models import KIND_VALUES, STATUS_VALUES
    from kbtool.search.filters import controlled_value

    document = {
        "id": record_id,
        "title": title,
        "kind": controlled_value(kind, KIND_VALUES, "--kind"),
        "parties": party,
        "status": controlled_value(status, STATUS_VALUES, "--status"),
        "summary": summary,
        "aims": aim,
        "sectors": sector,
        "places": place,
        "signed_on": signed_on,
        "signed_at": signed_at,
        "witnesses": witness,
        "sources": source,
    }
    _add(ctx, "instrument", document, title, as_json)


@add_app.command("quote")
def add_quote_command(
    ctx: typer.Context,
    text: Annotated[str, typer.Option(help="The words, verbatim.")],
    speaker: Annotated[str, typer.Option(help="Who said them, as the source attributes them.")],
    role: Annotated[
        str | None, typer.Option(help="The speaker's role, as the source gives it.")
    ] = None,
    verb: Annotated[
        str | None, typer.Option(help="The attribution verb: said, emphasised…")
    ] = None,
    instrument: Annotated[
        str | None, typer.Option(help="Id of the instrument they are about.", metavar="ID")
    ] = None,
    source: Annotated[
        str | None, typer.Option(help="Id of the source record they are in.", metavar="ID")
    ] = None,
    context: Annotated[
        str | None, typer.Option(help="The source's whole sentence around them.")
    ] = None,
    record_id: IdOption = None,
    as_json: AddJsonOption = False,
) -> None:
    """Add a quotation.

    Example:

      kb add quote --text "a new chapter" --speaker "Jane Doe" --role Minister \\
        --instrument agreement-on-trade
    """
    document = {
        "id": record_id,
        "text": text,
        "speaker": speaker,
        "speaker_role": role,
        "verb": verb,
        "context": context,
        "instrument": instrument,
        "source": source,
    }
    _add(
        ctx,
        "quotation",
        document,
        f"{speaker.split()[-1] if speaker.split() else ''} {text}",
        as_json,
    )


@add_app.command("source")
def add_source_command(
    ctx: typer.Context,
    description: Annotated[str, typer.Option(help="What the source is.")],
    title: Annotated[str | None, typer.Option(help="Its headline or title.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Who published it.")] = None,
    url: Annotated[str | None, typer.Option(help="Where it is published.")] = None,
    published_on: Annotated[
        str | None, typer.Option("--date", help="Publication date, YYYY-MM-DD.")
    ] = None,
    text_file: Annotated[
        str | None,
        typer.Option(
            help="A UTF-8 file with its full text ('-' for stdin), so quotations can be checked.",
            metavar="FILE",
        ),
    ] = None,
    record_id: IdOption = None,
    as_json: AddJsonOption = False,
) -> None:
    """Add a source: an article kept in full, or a report cited for some facts.

    Example:

      kb add source --description "Joint statement" \\
        --outlet "Ministry of Trade" \\
        --text-file statement.txt
    """
    from kbtool.store.importing import read_text_input

    document = {
        "id": record_id,
        "title": title,
        "outlet": outlet,
        "url": url,
        "published_on": published_on,
        "description": description,
        "text": read_text_input(text_file) if text_file else None,
    }
    _add(ctx, "source", document, " ".join(filter(None, (outlet, title or description))), as_json)


@app.command("edit")
def edit_command(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The record to change.")],
    assignments: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="FIELD=VALUE; list fields take comma-separated values (repeatable).",
            metavar="FIELD=VALUE",
        ),
    ] = None,
    unset: Annotated[
        list[str] | None,
        typer.Option("--unset", help="Clear a field (repeatable).", metavar="FIELD"),
    ] = None,
    as_json: AddJsonOption = False,
) -> None:
    """Change fields of an instrument, quotation or source.

    Examples:

      kb edit kenya-malaysia-tourism-mou --set status=in-force

      kb edit ghana-india-trade --set "sectors=trade, textiles" --unset summary
    """
    from kbtool.models import to_document

    changes: dict[str, str] = {}
    for assignment in assignments or []:
        name, equals, value = assignment.partition("=")
        if not equals or not name.strip():
            raise UsageError(f"--set takes FIELD=VALUE, not {assignment!r}")
        changes[name.strip()] = value
    if not changes and not unset:
        raise UsageError("nothing to change: give --set FIELD=VALUE or --unset FIELD")
    env = Environment.from_system(_settings(ctx).color)
    kb = _open_for_writing(ctx)
    record = kb.edit(record_id, changes, unset or [])
    _report_written(env, as_json, to_document(record), f"updated {record.id!r} in {kb.store.name}")


@app.command("remove")
def remove_command(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The record to remove.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    cascade: Annotated[
        bool, typer.Option(help="Also remove the quotations about an instrument.")
    ] = False,
    as_json: AddJsonOption = False,
) -> None:
    """Remove a record (asks first; 'kb undo' brings it back).

    Examples:

      kb remove ghana-india-trade

      kb remove ghana-india-trade --cascade --yes
    """

    env = Environment.from_system(_settings(ctx).color)
    kb = _open_for_writing(ctx)
    record = kb.record(record_id)
    if not yes:
        planned = kb.remove(record.id, cascade=cascade, dry_run=True)  # refused before asking
        if not sys.stdin.isatty():
            raise UsageError("refusing to remove without confirmation: add --yes")
        others = len(planned.removed) - 1
        also = f" and the {others} quotation(s) about it" if others else ""
        typer.confirm(f"Remove {record_id!r}{also} from {kb.store.name}?", abort=True, err=True)
    removal = kb.remove(record.id, cascade=cascade)
    others = len(removal.removed) - 1
    also = f" and {others} quotation(s) about it" if others else ""
    _report_written(
        env,
        as_json,
        {"removed": removal.removed},
        f"removed {record_id!r}{also} from {kb.store.name} ('kb undo' brings it back)",
    )


@app.command("export")
def export_command(
    ctx: typer.Context,
    output_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="json, jsonl, csv or markdown.")
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
    instrument with its quotations.

    Examples:

      kb export -o kenya-malaysia.json

      kb export --format csv --table quotations > quotations.csv
    """
    from kbtool.render.output import export_text

    kb = _open(ctx)
    document = kb.export_document()
    text = export_text(document, output_format.value, table)
    if output is None:
        sys.stdout.write(text)
        return
    from kbtool.store.transactions import write_atomically

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

    env = Environment.from_system(_settings(ctx).color)
    batch = parse_import(read_bytes_input(file), "stdin" if file == "-" else file)
    kb = _open_for_writing(ctx)
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

    env = Environment.from_system(_settings(ctx).color)
    kb = _open(ctx)
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

    where = location.resolve(_settings(ctx).db)
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

    where = location.resolve(_settings(ctx).db)
    path = (
        location.user_db_path()
        if where.origin in (location.Origin.SHIPPED, location.Origin.USER)
        else where.path
    )
    data = FileStore(location.shipped_db_path(), read_only=True).tables() if with_shipped else {}
    FileStore(path).create(data)
    what = "a copy of the shipped knowledge base" if with_shipped else "an empty knowledge base"
    sys.stderr.write(f"kb: created {path}, {what}\n")


@app.command("ingest")
def ingest_command(
    ctx: typer.Context,
    source: Annotated[
        str,
        typer.Argument(
            metavar="FILE|URL|-",
            help="A news article: a text or HTML file, an http(s) URL, or - for stdin.",
        ),
    ],
    apply: Annotated[
        bool,
        typer.Option(
            "--apply", help="Add the new records, and what the article adds to known ones."
        ),
    ] = False,
    interactive: Annotated[
        bool,
        typer.Option(
            "-i",
            "--interactive",
            help="Decide record by record, as git add -p: accept, skip, edit, quit.",
        ),
    ] = False,
    only: Annotated[
        str | None,
        typer.Option(metavar="ID,...", help="With --apply: write only these candidates."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the candidates as JSON, with their spans.")
    ] = False,
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds to wait for a URL to answer.")
    ] = 20.0,
) -> None:
    """Find the instruments and quotations an article reports, for review; --apply keeps them.

    Rules, not a model: each candidate is shown with the sentence it came
    from and the words that gave each field. A record the knowledge base
    holds already (an instrument of the same kind and parties whose title
    names the same thing; a quotation with the same words and speaker) is
    shown as "already in the knowledge base as ID" with the reasons; --apply
    then adds the article to its sources, its passages to its excerpts and a
    claim for each field the article gives differently, never changing what
    is there. Applying an article twice changes nothing.
    HTML needs the extra: pip install 'kbtool\\[ingest]'.

    -i asks about each record in turn: y accept, n skip, e edit in
    $VISUAL or $EDITOR (then accept), a accept the rest, q quit (what was
    accepted is written), ? help.

    Examples:

      kb ingest article.txt

      curl -s https://example.com/news | kb ingest - --json \\
        | jq '.instruments[] | {id, match}'

      kb ingest https://example.com/news/signing --apply

      kb ingest article.txt -i

      kb ingest article.txt --apply --only kenya-malaysia-tourism-mou
    """
    from kbtool.ingest import interactive as walk
    from kbtool.ingest.candidates import Known, extract
    from kbtool.ingest.reading import read_article
    from kbtool.render import output

    keep: Collection[str] | None = _ingest_selection(source, apply, interactive, only, as_json)
    if interactive and not walk.stdin_is_terminal():
        raise UsageError("-i needs a terminal on stdin; in a script, use --apply --only ID,...")
    env = Environment.from_system(_settings(ctx).color)
    article = read_article(source, sys.stdin.buffer.read, timeout)
    writing = apply or interactive
    kb = _open_for_writing(ctx) if writing else _open(ctx)
    known = Known(kb.instruments, kb.quotations, kb.sources, frozenset(kb.retired_ids()))
    candidates = extract(article, known)
    unknown = candidates.unknown_ids(keep or [])
    if unknown:
        raise UsageError(
            f"--only: no candidate has the id {unknown[0]!r}; nothing was written",
            hint="kb ingest FILE --json | jq -r '.instruments[].id, .quotations[].id' lists them",
        )
    if interactive:
        keep = walk.choose(candidates, walk.Terminal.from_system(env))
    elif as_json:
        output.write_json(env, candidates.json_document())
    else:
        from kbtool.ingest import review

        review.show(env.console(), candidates, applied=apply)
    if writing:
        batch = candidates.import_batch(keep)
        report = kb.import_records(batch, update=True) if any(batch.values()) else None
        added = report.count(report.added) if report else 0
        updated = report.count(report.updated) if report else 0
        sys.stderr.write(
            f"kb: ingested into {kb.store.name}: {added} record(s) added, {updated} updated, "
            f"the rest already there or left out\n"
        )


def _ingest_selection(
    source: str, apply: bool, interactive: bool, only: str | None, as_json: bool
) -> list[str] | None:
    """The ids --only names, after checking the options go together."""
    if interactive and (as_json or only is not None):
        raise UsageError("-i cannot go with --json or --only")
    if interactive and source == "-":
        raise UsageError("-i reads your answers from stdin; give the article as a file or URL")
    if only is None:
        return None
    if not apply:
        raise UsageError("--only needs --apply")
    ids = [part.strip() for part in only.split(",") if part.strip()]
    if not ids:
        raise UsageError("--only needs at least one id")
    return ids


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


def main() -> NoReturn:
    """Console-script entry point for what ``kbtool.fast_path`` does not run itself."""

    def run() -> int:
        _keep_only_invoked_command(sys.argv[1:])
        app()  # exits, with the command's code
        return ExitCode.SUCCESS

    sys.exit(without_traceback(run))
