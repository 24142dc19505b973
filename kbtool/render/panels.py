"""``kb show`` for a person at a terminal: one record laid out in panels that fit the width.

An instrument with its facts, officials, quotations, passages, other reports and sources; a
quotation with its speaker, its instrument and the sentence of its source it stands in; a
source with its facts, what it is cited for, the records citing it and its text, the
quoted passages highlighted. The heading is printed above the panels, where it wraps,
rather than in a panel's border, where Rich would cut it; ids are whole on their lines,
and URLs are hyperlinks shortened to the room there is. Stored text is always inert.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from kbtool.render.hits import highlighted
from kbtool.render.tables import link
from kbtool.render.text import cell, plain_text

if TYPE_CHECKING:
    from kbtool.kb import InstrumentDetail, QuotationDetail, SourceDetail
    from kbtool.models import Source

# A panel's border and the space inside it, on either side.
_PANEL_EDGES = 4
_ID_STYLE = "cyan"

_INSTRUMENT_LABELS = (
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


class Facts:
    """Label and value rows in a panel; a URL's row is a link shortened to the room left."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.rows: list[tuple[str, RenderableType]] = []

    def add(self, label: str, value: RenderableType) -> None:
        self.rows.append((label, value))

    def panel(self, title: str) -> Panel:
        label_width = max((len(label) for label, _ in self.rows), default=0)
        room = self.width - _PANEL_EDGES - label_width - 2
        values = [value for _, value in self.rows if isinstance(value, Text)]
        if any(_longest_line(value) > room for value in values):
            return Panel(self._stacked(), title=title, title_align="left")
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True, width=label_width)
        grid.add_column(overflow="fold")
        for label, value in self.rows:
            shown = link(value, room) if isinstance(value, str) else value
            grid.add_row(label, shown)
        return Panel(grid, title=title, title_align="left")

    def _stacked(self) -> Group:
        # An id too long to stand whole beside the labels: each value under its label.
        parts: list[RenderableType] = []
        room = self.width - _PANEL_EDGES - 2
        for label, value in self.rows:
            parts.append(Text(label, style="bold"))
            shown = link(value, room) if isinstance(value, str) else value
            parts.append(Padding(shown, (0, 0, 0, 2)))
        return Group(*parts)


def _longest_line(value: Text) -> int:
    """The longest line of an id-like value: one that must not wrap (no space in it)."""
    return max((cell_len(line) for line in value.plain.splitlines() if " " not in line), default=0)


def _bullets(items: Sequence[str]) -> Table:
    """A list, each item's lines indented under its first, after the bullet."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row("•", plain_text(item))
    return grid


def _heading(text: str, style: str = "bold") -> Text:
    return plain_text(text, style=style)


def _record_id(record_id: str) -> Text:
    return plain_text(record_id, style=_ID_STYLE)


def _source_label(sources: dict[str, Source], source_id: str) -> str:
    source = sources.get(source_id)
    if source is None:
        return source_id
    return source.outlet or source.title or source.id


def _source_blocks(sources: Sequence[Source], width: int) -> RenderableType:
    """Each source as its id, then what it is and where it is, indented."""
    parts: list[RenderableType] = []
    room = width - _PANEL_EDGES - 2
    for source in sources:
        parts.append(_record_id(source.id))
        described = " · ".join(cell(part) for part in (source.outlet, source.published_on) if part)
        parts.append(Padding(plain_text(described or source.description), (0, 0, 0, 2)))
        if source.url:
            parts.append(Padding(link(source.url, room), (0, 0, 0, 2)))
    return Group(*parts)


def draw_instrument(detail: InstrumentDetail, fields: Sequence[str] | None, width: int) -> Group:
    instrument = detail.instrument
    sources = {source.id: source for source in detail.sources}
    facts = Facts(width)
    for name, label in _INSTRUMENT_LABELS:
        if fields and name not in fields:
            continue
        value = getattr(instrument, name)
        if value in (None, []):
            continue
        facts.add(label, _bullets(value) if name == "aims" else plain_text(cell(value)))
    for official in instrument.officials:
        role = f", {official.role}" if official.role else ""
        note = f" ({official.note})" if official.note else ""
        label = _source_label(sources, official.source)
        facts.add("Official", plain_text(f"{official.name}{role}{note} [{label}]"))
    parts: list[RenderableType] = [_heading(instrument.title), facts.panel("Instrument")]

    if detail.quotations:
        quotes = Table.grid(padding=(0, 1))
        quotes.add_column(overflow="fold")
        for quotation in detail.quotations:
            role = f", {quotation.speaker_role}" if quotation.speaker_role else ""
            quotes.add_row(plain_text(f"“{quotation.text}”", style="italic"))
            said = plain_text(f"  — {quotation.speaker}{role}  ")
            said.append_text(_record_id(quotation.id))
            quotes.add_row(said)
        parts.append(Panel(quotes, title="Quotations", title_align="left"))

    if instrument.excerpts:
        excerpts = Table.grid(padding=(0, 1))
        excerpts.add_column(overflow="fold")
        for excerpt in instrument.excerpts:
            label = _source_label(sources, excerpt.source)
            excerpts.add_row(plain_text(f"“{excerpt.text}”  [{label}]"))
        parts.append(Panel(excerpts, title="From the source", title_align="left"))

    if instrument.claims:
        claims = Table(show_header=True, box=None, padding=(0, 2))
        for column in ("field", "value", "according to"):
            claims.add_column(column, overflow="fold")
        for claim in instrument.claims:
            claims.add_row(
                plain_text(claim.field),
                plain_text(cell(claim.value)),
                plain_text(_source_label(sources, claim.source)),
            )
        parts.append(Panel(claims, title="Other reports", title_align="left"))

    if detail.sources:
        sources_panel = _source_blocks(detail.sources, width)
        parts.append(Panel(sources_panel, title="Sources", title_align="left"))
    return Group(*parts)


def draw_quotation(detail: QuotationDetail, width: int) -> Group:
    quotation = detail.quotation
    facts = Facts(width)
    facts.add("ID", _record_id(quotation.id))
    role = f", {quotation.speaker_role}" if quotation.speaker_role else ""
    facts.add("Speaker", plain_text(f"{quotation.speaker}{role}"))
    if quotation.verb:
        facts.add("Verb", plain_text(quotation.verb))
    if quotation.instrument:
        about = _record_id(quotation.instrument)
        if detail.instrument is not None:
            about.append("\n")
            about.append_text(plain_text(detail.instrument.title))
        facts.add("About", about)
    if quotation.source:
        source = _record_id(quotation.source)
        if detail.source is not None and (detail.source.outlet or detail.source.title):
            source.append("\n")
            source.append_text(plain_text(detail.source.outlet or detail.source.title or ""))
        facts.add("Source", source)
        if detail.source is not None and detail.source.url:
            facts.add("URL", detail.source.url)
    parts: list[RenderableType] = [
        _heading(f"“{quotation.text}”", style="bold italic"),
        facts.panel("Quotation"),
    ]
    sentence, quoted = detail.sentence, detail.quoted
    if sentence is None and quotation.context:
        sentence = quotation.context
        start = sentence.find(quotation.text)
        quoted = (start, start + len(quotation.text)) if start >= 0 else None
    if sentence is not None:
        shown = highlighted(sentence, [quoted] if quoted else [])
        where = "In the source" if detail.sentence is not None else "In its sentence"
        parts.append(Panel(shown, title=where, title_align="left"))
    return Group(*parts)


def draw_source(detail: SourceDetail, width: int) -> Group:
    source = detail.source
    facts = Facts(width)
    facts.add("ID", _record_id(source.id))
    for label, value in (
        ("Title", source.title),
        ("Outlet", source.outlet),
        ("Published", cell(source.published_on) if source.published_on else None),
    ):
        if value:
            facts.add(label, plain_text(value))
    if source.url:
        facts.add("URL", source.url)
    facts.add("About", plain_text(source.description))
    heading = source.title or source.outlet or source.id
    parts: list[RenderableType] = [_heading(heading), facts.panel("Source")]
    if source.statements:
        parts.append(Panel(_bullets(source.statements), title="Cited for", title_align="left"))
    citing: list[RenderableType] = []
    for instrument in detail.instruments:
        citing.append(_record_id(instrument.id))
        citing.append(Padding(plain_text(instrument.title), (0, 0, 0, 2)))
    for quotation in detail.quotations:
        citing.append(_record_id(quotation.id))
        said = f"“{quotation.text}” — {quotation.speaker}"
        citing.append(Padding(plain_text(said), (0, 0, 0, 2)))
    if citing:
        parts.append(Panel(Group(*citing), title="Cited by", title_align="left"))
    if source.text is not None:
        spans = [(passage.start, passage.end) for passage in detail.passages]
        title = "Text (quoted passages highlighted)" if spans else "Text"
        parts.append(Panel(highlighted(source.text, spans), title=title, title_align="left"))
    return Group(*parts)
