"""``kb list``, ``kb show``, ``kb search`` and ``kb quotes``: their options and help.

Their bodies are in ``kbtool.cli.commands``, which ``kbtool.cli.fast_path`` calls too for the
argument lists it parses without Typer.
"""

from __future__ import annotations

from typing import Annotated

import typer

from kbtool.cli import commands, completion
from kbtool.cli.options import FieldsOption, FormatOption, HeaderOption, JsonOption
from kbtool.cli.root import app, settings_of


@app.command("list")
def list_command(
    ctx: typer.Context,
    kind: Annotated[
        str | None,
        typer.Option(
            help="Only this kind, e.g. memorandum-of-understanding.",
            autocompletion=completion.kinds,
        ),
    ] = None,
    party: Annotated[
        str | None, typer.Option(help="Only instruments a party's name contains.")
    ] = None,
    sector: Annotated[
        str | None, typer.Option(help="Only instruments with a sector containing this.")
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(help="Only this status, e.g. signed.", autocompletion=completion.statuses),
    ] = None,
    sort: Annotated[
        str | None,
        typer.Option(
            help="Sort by a field; prefix '-' for descending.",
            metavar="FIELD",
            autocompletion=completion.sort_fields,
        ),
    ] = None,
    output_format: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    header: HeaderOption = False,
) -> None:
    """List instruments (id, title, kind, parties, status).

    Examples:

      kb list --party malaysia --kind memorandum-of-understanding

      kb list --sort=-exchanged_on --json | jq -r '.[].id'
    """
    commands.list_instruments(
        settings_of(ctx),
        kind=kind,
        party=party,
        sector=sector,
        status=status,
        sort=sort,
        output_format=output_format,
        as_json=as_json,
        fields=fields,
        header=header,
    )


@app.command("show")
def show_command(
    ctx: typer.Context,
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="Any record's id: an instrument, a quotation or a source (see kb list, "
            "kb quotes, kb sources).",
            autocompletion=completion.record_ids,
        ),
    ],
    output_format: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    header: HeaderOption = False,
) -> None:
    """Show everything about one record.

    An instrument with its facts, quotations and sources; a quotation with its
    instrument and the sentence of its source it stands in; a source with its
    facts, the records citing it and its text, the quoted passages highlighted.

    Examples:

      kb show kenya-malaysia-air-services-agreement --json \\
        | jq '.quotations[].text'

      kb show ruto-two-way-tourism

      kb show article-9423b8af90372fa0
    """
    commands.show(
        settings_of(ctx),
        record_id,
        output_format=output_format,
        as_json=as_json,
        fields=fields,
        header=header,
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
        typer.Option(
            "--type",
            help="Only 'instrument' or 'quotation' results.",
            metavar="TYPE",
            autocompletion=completion.result_types,
        ),
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
    header: HeaderOption = False,
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
    so ("showing results for tourism"). A query may start with a word
    to leave out: kb search -aviation tourism.

    \b
    Examples:
      kb search flights
      kb search speaker:ruto partnership
      kb search tourisim --explain
      kb search "urban planning" --type instrument --json | jq -r '.[].id'
    """
    commands.search(
        settings_of(ctx),
        query,
        record_type=record_type,
        limit=limit,
        explain=explain,
        output_format=output_format,
        as_json=as_json,
        fields=fields,
        header=header,
    )


@app.command("quotes")
def quotes_command(
    ctx: typer.Context,
    speaker: Annotated[
        str | None, typer.Option(help="Only quotations by a speaker whose name contains this.")
    ] = None,
    instrument: Annotated[
        str | None,
        typer.Option(
            help="Only quotations about this instrument id.",
            metavar="ID",
            autocompletion=completion.instrument_ids,
        ),
    ] = None,
    output_format: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    header: HeaderOption = False,
) -> None:
    """List quotations, verbatim, with who said them and the instrument they are about.

    Examples:

      kb quotes --speaker ruto

      kb quotes --json | jq -r '.[] | "\\(.speaker): \\(.text)"'
    """
    commands.quotes(
        settings_of(ctx),
        speaker=speaker,
        instrument=instrument,
        output_format=output_format,
        as_json=as_json,
        fields=fields,
        header=header,
    )


@app.command("sources")
def sources_command(
    ctx: typer.Context,
    outlet: Annotated[
        str | None, typer.Option(help="Only sources whose outlet's name contains this.")
    ] = None,
    instrument: Annotated[
        str | None,
        typer.Option(
            help="Only the sources this instrument draws on.",
            metavar="ID",
            autocompletion=completion.instrument_ids,
        ),
    ] = None,
    sort: Annotated[
        str | None,
        typer.Option(help="Sort by a field; prefix '-' for descending.", metavar="FIELD"),
    ] = None,
    output_format: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    header: HeaderOption = False,
) -> None:
    """List sources (id, outlet, published_on, description, url): where facts come from.

    Examples:

      kb sources --outlet capital

      kb sources --instrument kenya-malaysia-tourism-mou

      kb sources --sort=-published_on --json | jq -r '.[].url'
    """
    commands.sources(
        settings_of(ctx),
        outlet=outlet,
        instrument=instrument,
        sort=sort,
        output_format=output_format,
        as_json=as_json,
        fields=fields,
        header=header,
    )
