"""What ``kb ingest`` shows a person: each candidate with the sentences it came from.

Every record is drawn as a panel: its fields, then each source sentence that supports it,
with the words that gave each field highlighted, so a reviewer can see at a glance why the
rules proposed it. A candidate matched to a stored record says so ("already in the knowledge
base as ID"), with the reasons and what this article would add to it. All article text
goes through ``kbtool.render.inert`` and ``rich.text.Text`` (never markup), so nothing in an
article can style or control the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kbtool.ingest.candidates import Candidate, Candidates, FieldSpan
from kbtool.ingest.reconcile import added
from kbtool.ingest.segments import Role, Span
from kbtool.models import Instrument, Quotation
from kbtool.render.output import cell, inert

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

# Whole sentences (context, excerpts, summary) are the evidence itself, not a highlight.
_STYLES = {
    "title": "bold yellow",
    "kind": "bold magenta",
    "parties": "bold cyan",
    "status": "green",
    "aims": "underline",
    "officials": "cyan",
    "text": "italic green",
    "speaker": "bold cyan",
    "speaker_role": "cyan",
    "verb": "yellow",
    "instrument": "magenta",
}
_ROLE_NAMES = {
    Role.RELATED: "related-article line",
    Role.SOCIAL: "social-media line",
    Role.CAPTION: "photo caption",
    Role.COPYRIGHT: "copyright line",
    Role.NAVIGATION: "page navigation",
}


def _plain(value: str, style: str = "") -> Text:
    from rich.text import Text

    return Text(inert(value), style=style)


def _highlighted(text: str, sentence: Span, spans: Sequence[FieldSpan]) -> Text:
    """One sentence with the words of each field in that field's style."""
    from rich.text import Text

    styles: list[str] = [""] * (sentence.end - sentence.start)
    for span in spans:
        style = _STYLES.get(span.field)
        if style is None:
            continue
        for position in range(max(span.start, sentence.start), min(span.end, sentence.end)):
            styles[position - sentence.start] = style
    shown = Text()
    start = 0
    for position in range(1, len(styles) + 1):
        if position == len(styles) or styles[position] != styles[start]:
            piece = text[sentence.start + start : sentence.start + position]
            # inert() per piece: an escaped control character may be longer than itself.
            shown.append(inert(piece), style=styles[start])
            start = position
    return shown


def _evidence(candidates: Candidates, candidate: Candidate[Any]) -> list[Text]:
    """The sentences holding the candidate's spans, in text order, main sentence first."""
    text = candidates.article.text
    sentences: list[Span] = [candidate.sentence]
    for span in candidate.spans:
        if span.field not in _STYLES:
            continue
        found = candidates.document.sentence_at(span.start)
        if found is not None and found.span not in sentences:
            sentences.append(found.span)
    ordered = [sentences[0], *sorted(sentences[1:])]
    return [_highlighted(text, sentence, candidate.spans) for sentence in ordered]


def _panel(
    candidates: Candidates, candidate: Candidate[Any], kind: str, rows: list[tuple[str, str]]
) -> RenderableType:
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    for label, value in rows:
        if value:
            facts.add_row(label, _plain(value))
    evidence = Table.grid(padding=(0, 1))
    evidence.add_column(no_wrap=True)
    evidence.add_column(overflow="fold")
    for sentence in _evidence(candidates, candidate):
        evidence.add_row(Text("\u203a", style="dim"), sentence)
    title = Text()
    title.append(f"{kind} ", style="bold")
    title.append(inert(candidate.record.id))
    # Short, so that a narrow terminal (or a pipe's 80 columns) does not cut it off.
    if candidate.existing:
        title.append("  (known)", style="dim")
    else:
        title.append("  new", style="bold green")
    return Panel(Group(facts, Text(""), evidence), title=title, title_align="left")


def show(console: Console, candidates: Candidates, applied: bool) -> None:
    """Print every candidate for review, then what was (or would be) written."""
    console.print(heading(candidates))
    for instrument in candidates.instruments:
        console.print(panel(candidates, instrument))
    for quotation in candidates.quotations:
        console.print(panel(candidates, quotation))
    console.print(_summary(candidates, applied))


def heading(candidates: Candidates) -> Text:
    """The source line: its id, then its title, outlet, date and URL where known."""
    from rich.text import Text

    source = candidates.source
    shown = Text()
    shown.append("Source ", style="bold")
    shown.append(inert(source.id))
    described = [cell(v) for v in (source.title, source.outlet, source.published_on, source.url)]
    if any(described):
        shown.append("  " + inert(" · ".join(v for v in described if v)), style="dim")
    return shown


def panel(
    candidates: Candidates, candidate: Candidate[Instrument] | Candidate[Quotation]
) -> RenderableType:
    """One candidate: its fields, what it matched, and the sentences it came from."""
    record = candidate.record
    if isinstance(record, Instrument):
        rows = [
            ("Title", record.title),
            ("Kind", record.kind),
            ("Parties", "; ".join(record.parties)),
            ("Status", record.status or ""),
            ("Aims", "\n".join(f"• {aim}" for aim in record.aims)),
            ("Officials", "; ".join(f"{o.name} ({o.role})" if o.role else o.name
                                    for o in record.officials)),
        ]  # fmt: skip
        kind = "Instrument"
    else:
        titles = {c.record.id: c.record.title for c in candidates.instruments}
        speaker = record.speaker + (f", {record.speaker_role}" if record.speaker_role else "")
        about = titles.get(record.instrument, record.instrument) if record.instrument else ""
        rows = [
            ("Quotation", f"“{record.text}”"),
            ("Speaker", speaker),
            ("Verb", record.verb or ""),
            ("About", about or "(no one instrument)"),
        ]
        kind = "Quotation"
    return _panel(candidates, candidate, kind, rows + _match_rows(candidates, candidate))


def _match_rows(
    candidates: Candidates, candidate: Candidate[Instrument] | Candidate[Quotation]
) -> list[tuple[str, str]]:
    match = candidate.match
    if match is None:
        return []
    rows = [
        ("Known", f"already in the knowledge base as {match.id} (score {match.score:.2f})"),
        ("Because", "\n".join(f"• {reason}" for reason in match.reasons)),
    ]
    if isinstance(candidate.record, Instrument):
        after = candidates.updated(candidate)
        assert after is not None and isinstance(match.record, Instrument)
        lines = added(match.record, after)
        shown = "\n".join(f"+ {line}" for line in lines)
        rows.append(("Adds", shown or "nothing: it cites this article already"))
    return rows


def _summary(candidates: Candidates, applied: bool) -> Text:
    from rich.text import Text

    existing = [c.existing for c in candidates.instruments]
    existing += [c.existing for c in candidates.quotations]
    new = [flag for flag in existing if not flag]
    total = len(candidates.instruments) + len(candidates.quotations)
    updates = len([c for c in candidates.to_write() if c.existing])
    lines = [
        f"{len(candidates.instruments)} instrument(s), {len(candidates.quotations)} quotation(s); "
        f"{len(new)} new, {total - len(new)} already in the knowledge base"
        + (f" ({updates} to update with this article)." if updates else ".")
    ]
    skipped = candidates.skipped()
    if skipped:
        parts = [f"{count} {_ROLE_NAMES[role]}(s)" for role, count in skipped.items()]
        lines.append("Left out as boilerplate: " + ", ".join(parts) + ".")
    if not applied:
        lines.append(
            "Nothing was written; run again with --apply to add the new records, "
            "or -i to decide record by record."
        )
    return Text("\n".join(lines), style="dim")
