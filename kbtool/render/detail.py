"""``kb show``: one instrument laid out for reading, as a Rich panel or a Markdown document."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import msgspec

from kbtool.render.output import (
    Environment,
    OutputFormat,
    _markdown_cell,
    cell,
    inert,
    plain_text,
    project,
    write_csv,
    write_json,
    write_jsonl,
    write_tsv,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

    from kbtool.kb import InstrumentDetail


def write_instrument_detail(
    env: Environment,
    detail: InstrumentDetail,
    fmt: OutputFormat,
    fields: Sequence[str] | None,
) -> None:
    """``kb show``: the instrument, its quotations embedded, in any format."""
    instrument = msgspec.to_builtins(detail.instrument)
    quotations = msgspec.to_builtins(detail.quotations)
    document = {**instrument, "quotations": quotations}
    if fields:
        document = project(document, fields)
    if fmt is OutputFormat.JSON:
        write_json(env, document)
    elif fmt is OutputFormat.JSONL:
        write_jsonl(env, [document])
    elif fmt in (OutputFormat.TSV, OutputFormat.CSV):
        # One object reads best as field/value lines that grep and cut can use.
        pairs = [{"field": name, "value": value} for name, value in document.items()]
        writer = write_tsv if fmt is OutputFormat.TSV else write_csv
        writer(env, pairs, ("field", "value"))
    elif fmt is OutputFormat.MARKDOWN:
        _write_markdown_detail(env, document)
    else:
        _print_detail(env, detail, fields)


def _write_markdown_detail(env: Environment, document: Mapping[str, Any]) -> None:
    out = env.stdout
    if "title" in document:
        out.write(f"# {inert(cell(document['title']))}\n\n")
    for name, value in document.items():
        if name in ("title", "quotations") or value in (None, []):
            continue
        out.write(f"- **{name}**: {_markdown_cell(value)}\n")
    for quotation in document.get("quotations") or []:
        out.write(f"\n> {inert(quotation['text'])}\n>\n> — {inert(quotation['speaker'])}\n")


_DETAIL_LABELS = (
    ("id", "ID"),
    ("kind", "Kind"),
    ("status", "Status"),
    ("parties", "Parties"),
    ("sectors", "Sectors"),
    ("places", "Places"),
    ("signed_on", "Signed on"),
    ("signed_at", "Signed at"),
    ("exchanged_on", "Exchanged on"),
    ("exchanged_at", "Exchanged at"),
    ("witnesses", "Witnesses"),
    ("summary", "Summary"),
    ("aims", "Aims"),
)


def _print_detail(env: Environment, detail: InstrumentDetail, fields: Sequence[str] | None) -> None:
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table

    instrument = detail.instrument
    sources = {source.id: source for source in detail.sources}
    console = env.console()

    def source_label(source_id: str) -> str:
        source = sources.get(source_id)
        if source is None:
            return source_id
        return source.outlet or source.title or source.id

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    for name, label in _DETAIL_LABELS:
        if fields and name not in fields:
            continue
        value = getattr(instrument, name)
        if value in (None, []):
            continue
        shown = "\n".join(f"• {item}" for item in value) if name == "aims" else cell(value)
        facts.add_row(label, plain_text(shown))
    for official in instrument.officials:
        role = f", {official.role}" if official.role else ""
        note = f" ({official.note})" if official.note else ""
        facts.add_row(
            "Official",
            plain_text(f"{official.name}{role}{note} [{source_label(official.source)}]"),
        )
    parts: list[RenderableType] = [
        Panel(facts, title=plain_text(instrument.title, style="bold"), title_align="left")
    ]

    if detail.quotations:
        quotes = Table.grid(padding=(0, 1))
        quotes.add_column(overflow="fold")
        for quotation in detail.quotations:
            role = f", {quotation.speaker_role}" if quotation.speaker_role else ""
            quotes.add_row(plain_text(f"“{quotation.text}”", style="italic"))
            quotes.add_row(plain_text(f"  — {quotation.speaker}{role}  [{quotation.id}]"))
        parts.append(Panel(quotes, title="Quotations", title_align="left"))

    if instrument.excerpts:
        excerpts = Table.grid(padding=(0, 1))
        excerpts.add_column(overflow="fold")
        for excerpt in instrument.excerpts:
            excerpts.add_row(plain_text(f"“{excerpt.text}”  [{source_label(excerpt.source)}]"))
        parts.append(Panel(excerpts, title="From the source", title_align="left"))

    if instrument.claims:
        claims = Table(show_header=True, box=None, padding=(0, 2))
        for column in ("field", "value", "according to"):
            claims.add_column(column, overflow="fold")
        for claim in instrument.claims:
            claims.add_row(
                plain_text(claim.field),
                plain_text(cell(claim.value)),
                plain_text(source_label(claim.source)),
            )
        parts.append(Panel(claims, title="Other reports", title_align="left"))

    listed = Table(show_header=False, box=None, padding=(0, 2))
    listed.add_column(no_wrap=True)
    listed.add_column(overflow="fold")
    for source in detail.sources:
        described = " · ".join(
            cell(part) for part in (source.outlet, source.published_on, source.url) if part
        )
        listed.add_row(plain_text(source.id), plain_text(described or source.description))
    parts.append(Panel(listed, title="Sources", title_align="left"))
    console.print(Group(*parts))
