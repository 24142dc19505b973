"""What ``kb stats``, ``kb timeline`` and ``kb partners`` print, in every output format.

Each result is JSON as it is (``--json``), rows for the line formats (TSV when piped, CSV,
Markdown, JSONL), or for a person at a terminal charts (``kbtool.render.charts``) and
tables. The format is chosen once, in ``write_result``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import msgspec

from kbtool.models import KIND_LABELS
from kbtool.render import output
from kbtool.render.charts import print_chart
from kbtool.render.output import Environment, OutputFormat, inert

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from kbtool.kb import Partners, Stats, Timeline


def write_result(
    env: Environment,
    result: msgspec.Struct,
    fmt: OutputFormat,
    rows: Callable[[], tuple[Sequence[str], list[dict[str, Any]]]],
    draw: Callable[[Console], None],
) -> None:
    """``result`` in ``fmt``: JSON whole, the line formats as ``rows()``, a table by ``draw``."""
    if fmt is OutputFormat.JSON:
        output.write_json(env, result)  # msgspec encodes a struct as it stands
        return
    if fmt is OutputFormat.TABLE:
        draw(env.console())
        return
    columns, records = rows()
    if fmt is OutputFormat.JSONL:
        output.write_jsonl(env, records)
    elif fmt is OutputFormat.TSV:
        output.write_tsv(env, records, columns)
    elif fmt is OutputFormat.CSV:
        output.write_csv(env, records, columns)
    else:
        output.write_markdown_table(env, records, columns)


def _heading(text: str) -> str:
    """A selection's words as a heading: 'the whole knowledge base' -> 'The whole ...'."""
    return inert(text[:1].upper() + text[1:])


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


# ---------------------------------------------------------------- stats

STAT_DIMENSIONS = ("kind", "status", "year", "sector", "party")


def write_stats(env: Environment, stats: Stats, fmt: OutputFormat, top: int) -> None:
    def rows() -> tuple[Sequence[str], list[dict[str, Any]]]:
        records = [
            {"of": "total", "name": name, "count": getattr(stats, name)}
            for name in ("instruments", "quotations", "sources", "undated")
        ]
        for dimension in STAT_DIMENSIONS:
            counts: Mapping[str, int] = getattr(stats, dimension)
            records += [{"of": dimension, "name": n, "count": c} for n, c in counts.items()]
        return ("of", "name", "count"), records

    def draw(console: Console) -> None:
        from rich.text import Text

        heading = Text.assemble(
            (_heading(stats.selection), "bold"),
            f": {_plural(stats.instruments, 'instrument')}, "
            f"{_plural(stats.quotations, 'quotation')}, {_plural(stats.sources, 'source')}",
        )
        console.print(heading)
        console.print()
        # The terminal shows each kind by its short label (MoU, LoI); --json keeps the values.
        print_chart(console, "By kind", {KIND_LABELS.get(k, k): n for k, n in stats.kind.items()})
        print_chart(console, "By status", stats.status)
        print_chart(console, "By year (of the first date an instrument carries)", stats.year)
        if stats.undated:
            console.print(
                Text(
                    f"{_plural(stats.undated, 'instrument')} carry no date and are not counted "
                    "by year (kb timeline lists them).",
                    style="dim",
                )
            )
            console.print()
        print_chart(console, "By sector", stats.sector, top)
        print_chart(console, "By party", stats.party, top)

    write_result(env, stats, fmt, rows, draw)


# ---------------------------------------------------------------- timeline


def _entry_text(entry: Any) -> str:
    if entry.type == "quotation":
        return f"{entry.speaker}: “{entry.title}”"
    parties = f" ({', '.join(entry.parties)})" if entry.parties else ""
    return f"{entry.title}{parties}"


def write_timeline(env: Environment, timeline: Timeline, fmt: OutputFormat) -> None:
    def rows() -> tuple[Sequence[str], list[dict[str, Any]]]:
        columns = ("date", "what", "type", "id", "text", "place", "claimed_by")
        records: list[dict[str, Any]] = [
            {
                "date": entry.date.isoformat(),
                "what": entry.what,
                "type": entry.type,
                "id": entry.id,
                "text": _entry_text(entry),
                "place": entry.place,
                "claimed_by": entry.claimed_by,
            }
            for entry in timeline.entries
        ]
        records += [
            {
                "date": None,
                "what": "undated",
                "type": record.type,
                "id": record.id,
                "text": record.title
                if record.speaker is None
                else f"{record.speaker}: “{record.title}”",
                "place": None,
                "claimed_by": None,
            }
            for record in timeline.undated
        ]
        return columns, records

    write_result(env, timeline, fmt, rows, lambda console: _draw_timeline(console, timeline))


# "  24 exchanged* ": the day and what happened, before an entry's words.
_WHAT_WIDTH = len("exchanged*")
_INDENT = 5 + _WHAT_WIDTH + 1


def _entry_lines(
    width: int, day: str, what: str, body: str, record_id: str, note: str = ""
) -> list[Text]:
    """One entry, its words wrapped under themselves (a hanging indent) to ``width``.

    Wrapped here, not by a Rich table: a timeline has thousands of entries, and measuring
    each as a table cell took seconds."""
    import textwrap

    from rich.text import Text

    words = f"{inert(body)}  {record_id}{note}"
    wrapped = textwrap.wrap(
        words, max(width - _INDENT, 20), break_long_words=True, break_on_hyphens=False
    )
    lines = []
    for number, words_line in enumerate(wrapped or [""]):
        line = (
            Text.assemble(f"{day:>4} ", (what.ljust(_WHAT_WIDTH), "magenta"), " ")
            if number == 0
            else Text(" " * _INDENT)
        )
        line.append(words_line)
        line.highlight_words([record_id], "cyan")
        if note and words_line.endswith(note.strip()):
            line.stylize("dim", len(line) - len(note.strip()))
        lines.append(line)
    return lines


def _print_lines(console: Console, lines: list[Text]) -> None:
    from rich.text import Text

    if lines:
        console.print(Text("\n").join(lines))


def _draw_timeline(console: Console, timeline: Timeline) -> None:
    from collections import Counter

    from rich.text import Text

    span = ""
    if timeline.since or timeline.until:
        span = f", {timeline.since or '…'} to {timeline.until or '…'}"
    console.print(
        Text.assemble(
            (_heading(timeline.selection), "bold"),
            f"{span}: {_plural(len(timeline.entries), 'dated event')}, "
            f"{len(timeline.undated)} undated",
        )
    )
    console.print()
    if timeline.entries:
        per_year = Counter(str(entry.date.year) for entry in timeline.entries)
        print_chart(console, "Events by year", dict(sorted(per_year.items())))
    month: tuple[int, int] | None = None
    lines: list[Text] = []
    for entry in timeline.entries:
        if (entry.date.year, entry.date.month) != month:
            if month is None or entry.date.year != month[0]:
                lines.append(Text(str(entry.date.year), style="bold underline"))
            month = (entry.date.year, entry.date.month)
            lines.append(Text(f"  {entry.date:%B}", style="bold"))
        what = entry.what + ("*" if entry.claimed_by else "")
        lines += _entry_lines(
            console.width, str(entry.date.day), what, _entry_text(entry), entry.id
        )
    _print_lines(console, lines)
    if any(entry.claimed_by for entry in timeline.entries):
        console.print(Text("* a date another source gives (see kb show ID)", style="dim"))
    if timeline.undated:
        console.print()
        console.print(
            Text(
                f"Not dated ({len(timeline.undated)}): no source gives these a date, "
                "so they are not placed above",
                style="bold",
            )
        )
        lines = []
        for record in timeline.undated:
            text = record.title if record.speaker is None else f"{record.speaker}: “{record.title}”"
            lines += _entry_lines(
                console.width, "", record.type, text, record.id, f" ({record.reason})"
            )
        _print_lines(console, lines)


# ---------------------------------------------------------------- partners


def _short_counts(counts: Mapping[str, int], limit: int | None = None) -> str:
    items = list(counts.items())
    shown = items[:limit] if limit else items
    text = ", ".join(f"{count} {KIND_LABELS.get(name, name)}" for name, count in shown)
    return text + (f", +{len(items) - len(shown)} more" if len(shown) < len(items) else "")


def _day(value: datetime.date | None) -> str:
    return value.isoformat() if value else "no date"


def write_partners(env: Environment, found: Partners, fmt: OutputFormat, top: int) -> None:
    def rows() -> tuple[Sequence[str], list[dict[str, Any]]]:
        columns = ("partner", "instruments", "kinds", "sectors", "first", "latest")
        records = [
            {
                "partner": partner.name,
                "instruments": partner.instruments,
                "kinds": "; ".join(f"{k}={n}" for k, n in partner.kinds.items()),
                "sectors": "; ".join(f"{s}={n}" for s, n in partner.sectors.items()),
                "first": partner.first,
                "latest": partner.latest,
            }
            for partner in found.partners
        ]
        return columns, records

    def draw(console: Console) -> None:
        from rich.text import Text

        matched = ", ".join(found.matched) or "no party"
        console.print(
            Text.assemble(
                (inert(found.party), "bold"),
                f": {_plural(len(found.partners), 'partner')} in "
                f"{_plural(found.instruments, 'instrument')} (parties matched: ",
                (inert(matched), "italic"),
                ")",
            )
        )
        console.print()
        counts = {partner.name: partner.instruments for partner in found.partners}
        print_chart(console, "Instruments with each partner", counts, top)
        import textwrap

        def indented(text: str, style: str = "") -> None:
            # Wrapped lines stay under their partner, not back at the margin; words whole.
            width = max(20, console.width - 2)
            for line in textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False):
                console.print(Text("  " + line, style=style), overflow="ignore", crop=False)

        for partner in found.partners[:top]:
            console.print(Text(inert(partner.name), style="bold"))
            indented(
                f"{_plural(partner.instruments, 'instrument')}, "
                f"{_day(partner.first)} to {_day(partner.latest)}"
            )
            indented(f"kinds: {_short_counts(partner.kinds)}", "dim")
            sectors = list(partner.sectors)
            more = f", +{len(sectors) - 6} more" if len(sectors) > 6 else ""
            listed = ", ".join(sectors[:6]) or "none given"
            indented(f"sectors: {inert(listed)}{more}", "dim")
        if len(found.partners) > top:
            console.print(
                Text(f"… and {len(found.partners) - top} more (--top, or --json)", style="dim")
            )

    write_result(env, found, fmt, rows, draw)
