"""``kb add``, ``kb edit`` and ``kb remove``: the commands that change records one by one."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from kbtool.cli import completion
from kbtool.cli.options import AddJsonOption
from kbtool.cli.root import app, open_kb_for_writing, report_written, settings_of
from kbtool.errors import UsageError
from kbtool.render.output import Environment

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


def _add(
    ctx: typer.Context, kind: str, document: dict[str, Any], id_from: str, as_json: bool
) -> None:
    from kbtool.models import to_document

    env = Environment.from_system(settings_of(ctx).color)
    kb = open_kb_for_writing(ctx)
    fields = {name: value for name, value in document.items() if value not in (None, [])}
    record = kb.add(kind, fields, id_from)  # type: ignore[arg-type]
    report_written(
        env, as_json, to_document(record), f"added {kind} {record.id!r} to {kb.store.name}"
    )
    if not fields.get("id"):
        _warn_of_namesake(ctx, id_from, record.id)


def _warn_of_namesake(ctx: typer.Context, id_from: str, given: str) -> None:
    """Say so when the id made from a record's words was another record's: the same title
    added twice would otherwise become '...-2' without a word."""
    from kbtool.models import slugify
    from kbtool.service.record_ids import ids_starting_with
    from kbtool.store import location

    wanted = slugify(id_from)
    if given == wanted:
        return
    where = location.resolve(settings_of(ctx).db)
    # Not merely a removed record's id: ids are never reused, but nothing is there to see.
    if wanted in ids_starting_with(where, ("instrument", "quotation", "source"), wanted):
        sys.stderr.write(
            f"kb: warning: a record with id {wanted!r} exists already (kb show {wanted}); "
            f"this one is {given!r}. If it is the same, 'kb remove {given}' takes it back.\n"
        )


@add_app.command("instrument")
def add_instrument_command(
    ctx: typer.Context,
    title: Annotated[str, typer.Option(help="The title as the source writes it.")],
    kind: Annotated[
        str,
        typer.Option(
            help="agreement, memorandum-of-understanding, letter-of-intent, treaty, "
            "protocol, exchange-of-notes, declaration or other.",
            autocompletion=completion.kinds,
        ),
    ],
    party: Annotated[
        list[str], typer.Option(help="A party, as the source names it (repeat for each).")
    ],
    status: Annotated[
        str | None,
        typer.Option(
            help="proposed, signed, ratified, in-force, suspended, terminated or expired,"
            " as a source says; left out, it is null (kb does not guess it).",
            autocompletion=completion.statuses,
        ),
    ] = None,
    summary: Annotated[str | None, typer.Option(help="One sentence on what it is for.")] = None,
    aim: RepeatedOption = None,
    sector: RepeatedOption = None,
    place: RepeatedOption = None,
    signed_on: Annotated[str | None, typer.Option(help="Date of signature, YYYY-MM-DD.")] = None,
    signed_at: Annotated[str | None, typer.Option(help="Place of signature.")] = None,
    witness: RepeatedOption = None,
    source: Annotated[
        list[str] | None,
        typer.Option(
            help="Id of a source record (repeatable).", autocompletion=completion.source_ids
        ),
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
        "status": controlled_value(status, STATUS_VALUES, "--status") if status else None,
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
        str | None,
        typer.Option(
            help="Id of the instrument they are about.",
            metavar="ID",
            autocompletion=completion.instrument_ids,
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            help="Id of the source record they are in.",
            metavar="ID",
            autocompletion=completion.source_ids,
        ),
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
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The record to change.", autocompletion=completion.record_ids
        ),
    ],
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

    With no --set or --unset, the record opens in $VISUAL or $EDITOR as
    'field: value' lines; it is checked when you save and quit, and
    reopened with the problems at the top if it is not valid. An unchanged
    or emptied file, or an editor that fails, writes nothing.

    Examples:

      kb edit kenya-malaysia-tourism-mou --set status=in-force

      kb edit ghana-india-trade --set "sectors=trade, textiles" --unset summary

      EDITOR=nano kb edit kenya-malaysia-tourism-mou
    """
    import os

    from kbtool.models import to_document

    changes: dict[str, str] = {}
    for assignment in assignments or []:
        name, equals, value = assignment.partition("=")
        if not equals or not name.strip():
            raise UsageError(f"--set takes FIELD=VALUE, not {assignment!r}")
        changes[name.strip()] = value
    editor_set = bool(os.environ.get("VISUAL") or os.environ.get("EDITOR"))
    if not changes and not unset and not (editor_set or sys.stdin.isatty()):
        raise UsageError(
            "nothing to change: give --set FIELD=VALUE or --unset FIELD",
            hint="or set $EDITOR to edit the record in it",
        )
    env = Environment.from_system(settings_of(ctx).color)
    kb = open_kb_for_writing(ctx)
    if changes or unset:
        edited = kb.edit(record_id, changes, unset or [])
    else:
        from kbtool.cli.editing import edit_in_editor

        edited = edit_in_editor(kb, record_id)
    if edited is None:
        sys.stderr.write(f"kb: no changes to {record_id!r}; nothing written\n")
        return
    record = edited
    report_written(env, as_json, to_document(record), f"updated {record.id!r} in {kb.store.name}")


@app.command("remove")
def remove_command(
    ctx: typer.Context,
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The record to remove.", autocompletion=completion.record_ids
        ),
    ],
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

    env = Environment.from_system(settings_of(ctx).color)
    kb = open_kb_for_writing(ctx)
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
    report_written(
        env,
        as_json,
        {"removed": removal.removed},
        f"removed {record_id!r}{also} from {kb.store.name} ('kb undo' brings it back)",
    )
