"""``kb stats``, ``kb timeline``, ``kb partners`` and ``kb report``: a relationship at a glance.

Each takes ``kb list``'s filters (``--party`` may be repeated: an instrument must name every
party given), asks ``kbtool.service`` for its answer and hands it to ``kbtool.render``.
Their heavy imports (Rich, Jinja2, pygal) are inside the code that draws.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kbtool.cli.options import FormatOption, JsonOption
from kbtool.cli.root import app, open_kb, settings_of
from kbtool.render.output import Environment
from kbtool.render.report import ReportFormat
from kbtool.service.selection import Criteria

KindOption = Annotated[
    str | None, typer.Option(help="Only this kind, e.g. memorandum-of-understanding.")
]
PartyOption = Annotated[
    list[str] | None,
    typer.Option(
        "--party",
        metavar="PARTY",
        help="Only instruments a party's name contains; repeat for a pair: --party kenya "
        "--party malaysia.",
        show_default=False,
    ),
]
SectorOption = Annotated[
    str | None, typer.Option(help="Only instruments with a sector containing this.")
]
StatusOption = Annotated[str | None, typer.Option(help="Only this status, e.g. signed.")]
TopOption = Annotated[
    int, typer.Option(min=1, help="On a terminal, chart at most this many sectors or parties.")
]


def _criteria(
    kind: str | None, party: list[str] | None, sector: str | None, status: str | None
) -> Criteria:
    return Criteria(kind=kind, parties=tuple(party or ()), sector=sector, status=status)


@app.command("stats")
def stats_command(
    ctx: typer.Context,
    kind: KindOption = None,
    party: PartyOption = None,
    sector: SectorOption = None,
    status: StatusOption = None,
    top: TopOption = 10,
    output_format: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """Count instruments by kind, status, year, sector and party, as bar charts.

    Takes kb list's filters. --json gives every count; piped, one
    tab-separated line a count (of, name, count).

    Examples:

      kb stats --party kenya

      kb stats --json | jq '.sector'
    """
    from kbtool.render import glance
    from kbtool.service import overview
    from kbtool.service.selection import select

    env = Environment.from_system(settings_of(ctx).color)
    fmt = env.output_format(output_format, as_json)
    criteria = _criteria(kind, party, sector, status)
    result = overview.stats(select(open_kb(ctx), criteria))
    glance.write_stats(env, result, fmt, top)


@app.command("timeline")
def timeline_command(
    ctx: typer.Context,
    party: PartyOption = None,
    since: Annotated[
        str | None,
        typer.Option(help="From this date on: YYYY, YYYY-MM or YYYY-MM-DD.", metavar="DATE"),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(help="Up to this date: YYYY, YYYY-MM or YYYY-MM-DD.", metavar="DATE"),
    ] = None,
    kind: KindOption = None,
    sector: SectorOption = None,
    status: StatusOption = None,
    output_format: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """Instruments by the dates they carry, quotations by their source's date, in order.

    Grouped by year and month on a terminal. Records with no date are
    listed apart, and say why. A date another source gives (not the
    record's own) is marked, and named in --json as "claimed_by".

    Examples:

      kb timeline --party kenya --party malaysia

      kb timeline --since 2020 --until 2024-06 --json | jq -r '.entries[].title'
    """
    from kbtool.render import glance
    from kbtool.service import overview
    from kbtool.service.selection import select

    env = Environment.from_system(settings_of(ctx).color)
    fmt = env.output_format(output_format, as_json)
    start = overview.parse_bound(since, "--since", end=False)
    end = overview.parse_bound(until, "--until", end=True)
    criteria = _criteria(kind, party, sector, status)
    selection = select(open_kb(ctx), criteria)
    glance.write_timeline(env, overview.timeline(selection, start, end), fmt)


@app.command("partners")
def partners_command(
    ctx: typer.Context,
    party: Annotated[
        str, typer.Argument(metavar="PARTY", help="Part of a party's name, e.g. kenya.")
    ],
    kind: KindOption = None,
    sector: SectorOption = None,
    status: StatusOption = None,
    top: Annotated[
        int, typer.Option(min=1, help="On a terminal, show at most this many partners.")
    ] = 20,
    output_format: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """Every counterpart of a party, with their instruments by kind, sectors and dates.

    PARTY matches as kb list --party does (a part of a name, any case);
    --json also gives the names it matched and each partner's ids.

    Examples:

      kb partners kenya

      kb partners malaysia --json | jq -r '.partners[] | "\\(.name)\\t\\(.instruments)"'
    """
    from kbtool.render import glance
    from kbtool.service import overview
    from kbtool.service.selection import select

    env = Environment.from_system(settings_of(ctx).color)
    fmt = env.output_format(output_format, as_json)
    criteria = _criteria(kind, [party], sector, status)
    found = overview.partners(select(open_kb(ctx), criteria, with_quotations=False), party)
    glance.write_partners(env, found, fmt, top)


@app.command("report")
def report_command(
    ctx: typer.Context,
    kind: KindOption = None,
    party: PartyOption = None,
    sector: SectorOption = None,
    status: StatusOption = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to FILE instead of stdout.", metavar="FILE"),
    ] = None,
    report_format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="html (one self-contained page) or markdown."),
    ] = ReportFormat.HTML,
) -> None:
    """A dossier to share: figures, a timeline chart, every instrument with its facts and
    officials, the quotations verbatim, where sources disagree, and the sources.

    The HTML page holds its CSS and charts (SVG) and needs no network; it
    reads on a phone and prints. Takes kb list's filters.

    Examples:

      kb report --party kenya --party malaysia -o dossier.html

      kb report --sector tourism --format markdown -o tourism.md
    """
    from kbtool.render.report import render_dossier
    from kbtool.service.dossier import dossier

    criteria = _criteria(kind, party, sector, status)
    found = dossier(open_kb(ctx), criteria)
    text = render_dossier(found, report_format)
    if output is None:
        sys.stdout.write(text)
        return
    from kbtool.errors import DataError
    from kbtool.store.files import write_atomically

    try:
        write_atomically(output, text.encode("utf-8"))
    except OSError as error:
        raise DataError(f"cannot write {output}: {error.strerror or error}") from None
    sys.stderr.write(f"kb: wrote the dossier of {found.title} to {output}\n")
