"""Signatories a release lists with each instrument: in a table's columns, or after a list
item's title ("Agreement on X (Minister A – Minister B)", "MoU on Y — A, Secretary / B").

Imports ``segments``, ``found`` and ``people_phrases``.
"""

from __future__ import annotations

import re

from kbtool.ingest.found import InstrumentReading
from kbtool.ingest.names import Register
from kbtool.ingest.people_phrases import NamedPerson, person_of
from kbtool.ingest.segments import Document, Span, tokens


def list_signatories(
    document: Document,
    reading: InstrumentReading,
    names: Register,
    signatories: dict[int, list[tuple[NamedPerson, str]]],
) -> None:
    """A list item that names its signatories after the title: "Agreement on X (Minister A –
    Minister B)", "MoU on Y — A, Secretary / B, Minister"."""
    text = document.text
    for paragraph in document.paragraphs:
        introduced = [
            index
            for index, found in enumerate(reading.instruments)
            if paragraph.span.start <= found.title.start < paragraph.span.end
        ]
        if len(introduced) != 1 or signatories.get(introduced[0]):
            continue
        title_end = reading.instruments[introduced[0]].title.end
        rest = text[title_end : paragraph.span.end]
        listed = re.match(r"\s*(?:\(([^()]+)\)|[—–]\s*(.+))\s*[;.,]?\s*(?:and)?\s*$", rest)
        if listed is None:
            continue
        inner = listed.group(1) or listed.group(2)
        inner_start = title_end + rest.index(inner)
        people: list[NamedPerson] = []
        offset = 0
        for part in re.split(r"\s+[–—/-]\s+|\s*/\s*", inner):
            at = inner.index(part, offset)
            offset = at + len(part)
            name_end = part.find(",")
            piece = part[:name_end] if name_end > 0 else part
            start = inner_start + at
            person = person_of(text, tokens(text, Span(start, start + len(piece))), names)
            if person is not None:
                people.append(person)
        if len(people) >= 2:
            signatories[introduced[0]] = [(person, "signed it") for person in people]


def table_signatories(
    document: Document,
    reading: InstrumentReading,
    names: Register,
    signatories: dict[int, list[tuple[NamedPerson, str]]],
) -> None:
    """A release's table of instruments with a column of signatories for each side."""
    text = document.text
    columns: list[int] = []
    for paragraph in document.paragraphs:
        row = paragraph.span.of(text)
        if not row.startswith("|"):
            columns = []
            continue
        cells = _cells(text, paragraph.span)
        if not columns and any("signator" in cell.of(text).lower() for cell in cells):
            columns = [i for i, cell in enumerate(cells) if "signator" in cell.of(text).lower()]
            continue
        introduced = [
            index
            for index, found in enumerate(reading.instruments)
            if paragraph.span.start <= found.title.start < paragraph.span.end
        ]
        for column in columns:
            if column >= len(cells) or len(introduced) != 1:
                continue
            cell = cells[column]
            # "Shri Ashok Kumar Nair, Secretary, Department of Agriculture": the name first.
            name_end = text.find(",", cell.start, cell.end)
            part = tokens(text, Span(cell.start, name_end if name_end != -1 else cell.end))
            person = person_of(text, part, names)
            if person is not None:
                listed = signatories.setdefault(introduced[0], [])
                if all(p.name != person.name for p, _ in listed):
                    listed.append((person, "signed it"))


def _cells(text: str, row: Span) -> list[Span]:
    """The cells of a table row written "| a | b |", each without its spaces."""
    cells = []
    start = row.start
    for match in re.finditer(r"\|", text[row.start : row.end]):
        end = row.start + match.start()
        piece = text[start:end]
        stripped = piece.strip()
        if stripped or start != row.start:
            offset = start + (len(piece) - len(piece.lstrip()))
            cells.append(Span(offset, offset + len(stripped)))
        start = row.start + match.end()
    return cells
