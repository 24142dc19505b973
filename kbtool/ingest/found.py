"""What the instrument rules find: each instrument with its evidence, and every reference.

Plain records shared by the rules that fill them (``instruments``, ``describing``) and
the rules that read them (``ceremony``, ``quotations``, ``candidates``). Imports only
``segments`` and the record vocabulary of ``kbtool.models``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kbtool.ingest.segments import Sentence, Span
from kbtool.models import Kind, Status


@dataclass
class FoundInstrument:
    """An instrument the article reports, with the spans that support each field."""

    title: Span
    kind: Kind
    kind_span: Span
    intro: Sentence
    content: frozenset[str]
    parties: list[tuple[str, Span]] = field(default_factory=list)
    status: Status = "signed"
    status_span: Span | None = None
    aims: list[Span] = field(default_factory=list)
    summary: Sentence | None = None
    excerpts: list[Sentence] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    # One item of a coordination ("agreements on X and Y") is named in words that are not
    # all together in the text: "agreement on X".
    written: str | None = None
    # The parties are the countries the article names, not words that say who signed.
    parties_inferred: bool = False

    def name(self, text: str) -> str:
        """The title as a person would write it down."""
        if self.written is not None:
            return self.written
        title = self.title.of(text)
        # "memorandum of understanding (MoU) on water": the abbreviation is not the title's.
        head = self.kind_span.end - self.title.start
        if 0 < head < len(title):
            title = title[:head] + re.sub(r"^\s*\([A-Z][\w&]*\)", "", title[head:])
        return title


@dataclass(frozen=True)
class Reference:
    """A mention resolved: to one instrument (its index), or to several (``None``)."""

    span: Span
    sentence: Sentence
    instrument: int | None


@dataclass
class InstrumentReading:
    instruments: list[FoundInstrument]
    references: list[Reference]
    text: str = ""

    def in_sentence(self, sentence: Sentence) -> list[Reference]:
        return [r for r in self.references if r.sentence == sentence]

    def in_paragraph(self, paragraph: int) -> list[Reference]:
        return [r for r in self.references if r.sentence.paragraph == paragraph]
