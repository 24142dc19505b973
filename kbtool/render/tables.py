"""Tables that fit the terminal they are drawn on, from 60 columns to 250.

A table is a list of columns, each with a role that says how its values may be drawn:

- ``ID``: an id, what people copy: always whole, on one line;
- ``LABEL``: a short value (a kind's label, a status, a date, a score): one line;
- ``TEXT``: words (a title, parties, a quotation): wrapped between words, never inside one;
- ``LINK``: a URL: one line, a terminal hyperlink to the whole URL, its text shortened to fit.

``fit`` draws the records in the first of three layouts that fits the width:

1. a table, every column side by side;
2. two columns, as ``gh`` does on a narrow terminal: the id, and beside it the main text
   with the other values on a dimmer line below;
3. one block per record: the id on its own line, the rest indented under it.

The widths are computed here, not left to Rich: on a narrow terminal Rich shrinks every
column that may wrap, down to breaking words and ids in the middle. Each column gets at
least its longest word (and an id or label column its longest value), and the room left
goes to the columns that want more, in proportion to what they lack.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text

from kbtool.render.text import inert


class Role(Enum):
    ID = "id"
    LABEL = "label"
    TEXT = "text"
    LINK = "link"


@dataclass(frozen=True)
class Column:
    header: str
    role: Role = Role.TEXT
    style: str = ""
    # How the value reads on a stacked line, beside the others: "score {}", "about {}".
    stacked: str = "{}"


# A cell: Rich Text for every role but LINK, whose cell is the URL itself.
Cell = Text | str
# A main text column narrower than this reads as a column of fragments: stack instead.
PRIMARY_FLOOR = 24
TEXT_FLOOR = 12
STACKED_FLOOR = 28
LINK_FLOOR = 20
# A longer run of letters (a pasted URL, a JSON value) fits no column; it may fold.
LONGEST_KEPT_WORD = 30
_ID_STYLE = "cyan"


def display_url(url: str) -> str:
    """A URL as a person reads it: without the scheme and the final slash."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            url = url[len(scheme) :]
            break
    return url.rstrip("/") or url


def link(url: str, width: int | None = None) -> Text:
    """A URL as a terminal hyperlink to the whole URL, its text shortened to ``width``.

    A URL holding a control character or a space is shown inert and is no link: it could
    end the hyperlink's escape sequence early and write the rest to the terminal.
    """
    safe = url == inert(url) and not any(char.isspace() for char in url)
    shown = Text(inert(display_url(url)), style=Style(link=url) if safe else "", end="")
    if width is not None:
        shown.truncate(max(width, 2), overflow="ellipsis")  # by cells: wide characters too
    shown.no_wrap = True
    return shown


def _plain(cell: Cell) -> str:
    return display_url(cell) if isinstance(cell, str) else cell.plain


def _longest_word(texts: Sequence[str]) -> int:
    words = (word for text in texts for word in text.split())
    return max((min(cell_len(word), LONGEST_KEPT_WORD) for word in words), default=0)


def _widest_line(texts: Sequence[str]) -> int:
    return max((cell_len(line) for text in texts for line in text.splitlines()), default=0)


def _needs(column: Column, cells: Sequence[Cell], floor: int) -> tuple[int, int]:
    """The least width a column can have and the width that shows every value on one line."""
    texts = [column.header, *(_plain(cell) for cell in cells)]
    natural = _widest_line(texts)
    if column.role in (Role.ID, Role.LABEL):
        return natural, natural
    if column.role is Role.LINK:
        return min(natural, max(LINK_FLOOR, cell_len(column.header))), natural
    return max(_longest_word(texts), min(natural, floor)), natural


def _distribute(least: Sequence[int], natural: Sequence[int], room: int) -> list[int]:
    """Widths from ``least`` up to ``natural``, sharing ``room`` by what each lacks."""
    widths = list(least)
    spare = room - sum(widths)
    while spare > 0:
        lacking = {i: natural[i] - widths[i] for i in range(len(widths)) if widths[i] < natural[i]}
        if not lacking:
            break
        total = sum(lacking.values())
        given = 0
        for i, lack in lacking.items():
            share = min(lack, max(1, spare * lack // total), spare - given)
            widths[i] += share
            given += share
            if given == spare:
                break
        spare -= given
    return widths


def _column_cell(column: Column, cell: Cell, width: int) -> Text:
    if isinstance(cell, str):
        return link(cell, width) if column.role is Role.LINK else Text(inert(cell))
    return cell


def fit(
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    width: int,
    primary: int | None = None,
) -> RenderableType:
    """The records in the first layout that fits ``width`` (see the module docstring);
    ``primary`` is the column of the main text (by default the first ``TEXT`` column)."""
    if primary is None:
        texts = [i for i, column in enumerate(columns) if column.role is Role.TEXT]
        primary = texts[0] if texts else len(columns) - 1
    needs = [
        _needs(column, [row[i] for row in rows], PRIMARY_FLOOR if i == primary else TEXT_FLOOR)
        for i, column in enumerate(columns)
    ]
    overhead = 3 * len(columns) + 1  # a border and a space either side of every column
    if sum(least for least, _ in needs) + overhead <= width:
        widths = _distribute([n[0] for n in needs], [n[1] for n in needs], width - overhead)
        return _table(title, columns, rows, widths)
    ids = [i for i, column in enumerate(columns) if column.role is Role.ID]
    records = _Records(title, columns, rows, headline=ids[0] if ids else 0, primary=primary)
    if ids and records.headline != primary:
        stacked = _stacked(records, width)
        if stacked is not None:
            return stacked
    return _blocks(records, width)


@dataclass(frozen=True)
class _Records:
    """What the stacked and block layouts draw: the records, and the columns that lead."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Cell]]
    headline: int  # the id's column: alone, on the left or above
    primary: int  # the main text's column: first beside or under the id

    @property
    def leading(self) -> tuple[int, int]:
        return self.headline, self.primary


def _table(
    title: str, columns: Sequence[Column], rows: Sequence[Sequence[Cell]], widths: Sequence[int]
) -> Table:
    table = Table(title=title, title_justify="left", expand=False, box=box.HEAVY_HEAD)
    for column, width in zip(columns, widths, strict=True):
        one_line = column.role is not Role.TEXT
        style = column.style or (_ID_STYLE if column.role is Role.ID else "")
        table.add_column(column.header, width=width, no_wrap=one_line, overflow="fold", style=style)
    for row in rows:
        table.add_row(
            *(_column_cell(c, cell, w) for c, cell, w in zip(columns, row, widths, strict=True))
        )
    return table


def _secondary(records: _Records, row: Sequence[Cell], width: int) -> Text:
    """The values of every column but the id and the main text, on dim lines ``width``
    wide: joined by " · ", a value moved whole to the next line when it does not fit
    (one longer than a line wraps where it is), a link on a line of its own."""
    items: list[Text] = []
    links: list[Text] = []
    for i, (column, cell) in enumerate(zip(records.columns, row, strict=True)):
        if i in records.leading or not _plain(cell):
            continue
        if column.role is Role.LINK:
            links.append(link(cell if isinstance(cell, str) else cell.plain, width))
            continue
        before, _, after = column.stacked.partition("{}")
        item = Text(before)
        item.append_text(_column_cell(column, cell, width - cell_len(before + after)))
        item.append(after)
        items.append(item)
    lines = Text(style="dim", end="")
    used = 0
    for item in items:
        fits_here = used + 3 + item.cell_len <= width
        if used and (fits_here or item.cell_len > width):  # too long for any line: wraps
            lines.append(" · ")
            used += 3
        elif used:
            lines.append("\n")
            used = 0
        lines.append_text(item)
        # Where a wrapped value ends is Rich's to decide: what follows starts a new line.
        used = used + item.cell_len if used + item.cell_len <= width else width
    for shown in links:
        lines.append("\n" if lines.plain else "")
        lines.append_text(shown)
    return lines


def _details(records: _Records, row: Sequence[Cell], width: int) -> Text:
    """The main text, then the other values on dim lines below it."""
    primary = records.primary
    main = _column_cell(records.columns[primary], row[primary], width).copy()
    secondary = _secondary(records, row, width)
    if secondary.plain:
        main.append("\n")
        main.append_text(secondary)
    return main


def _stacked(records: _Records, width: int) -> Table | None:
    """Two columns, the id and the rest, if the rest then has room enough; else None."""
    columns, rows, headline = records.columns, records.rows, records.headline
    id_width = _needs(columns[headline], [row[headline] for row in rows], 0)[0]
    room = width - id_width - 7  # the borders, and a space either side of each column
    others = [c.header for i, c in enumerate(columns) if i not in records.leading]
    header = " · ".join([columns[records.primary].header, *others])
    drafts = [_details(records, row, room).plain for row in rows]
    whole = [
        _needs(column, [row[i] for row in rows], 0)[0]
        for i, column in enumerate(columns)
        if i not in records.leading and column.role in (Role.ID, Role.LABEL)
    ]
    least = max(STACKED_FLOOR, _longest_word([header, *drafts]), *whole)
    if least > room:
        return None
    details_width = min(room, max(_widest_line([header, *drafts]), least))
    table = Table(title=records.title, title_justify="left", expand=False, box=box.HEAVY_HEAD)
    table.add_column(
        columns[headline].header, width=id_width, no_wrap=True, style=_ID_STYLE, overflow="fold"
    )
    table.add_column(header, width=details_width, overflow="fold")
    for row in rows:
        table.add_row(
            _column_cell(columns[headline], row[headline], id_width),
            _details(records, row, details_width),
        )
    return table


def _blocks(records: _Records, width: int) -> Group:
    """One block per record: its id (or first value) alone, the rest indented below."""
    columns, headline, primary = records.columns, records.headline, records.primary
    parts: list[RenderableType] = [Text(records.title, style="italic")]
    for row in records.rows:
        parts.append(Text(""))
        head = _column_cell(columns[headline], row[headline], width).copy()
        head.stylize(f"bold {_ID_STYLE}" if columns[headline].role is Role.ID else "bold")
        parts.append(head)
        if primary != headline:
            main = _column_cell(columns[primary], row[primary], width - 2)
            parts.append(Padding(main, (0, 0, 0, 2)))
        secondary = _secondary(records, row, width - 2)
        if secondary.plain:
            parts.append(Padding(secondary, (0, 0, 0, 2)))
    return Group(*parts)


# ------------------------------------------------------------ record fields as columns

_ID_FIELDS = ("id", "instrument", "source")
_LABEL_FIELDS = (
    *("kind", "status", "type", "score", "field"),
    *("published_on", "signed_on", "exchanged_on"),
)
_STACKED = {"speaker": "— {}", "instrument": "about {}", "score": "score {}", "field": "in {}"}
# The field whose words a record is read by, in the order they are looked for.
_MAIN_FIELDS = ("title", "text", "snippet", "description")


def record_columns(fields: Sequence[str]) -> tuple[list[Column], int | None]:
    """The columns of a table of records with these fields, and the main text's column."""
    columns = []
    for name in fields:
        if name in _ID_FIELDS:
            role = Role.ID
        elif name in _LABEL_FIELDS:
            role = Role.LABEL
        elif name == "url":
            role = Role.LINK
        else:
            role = Role.TEXT
        columns.append(Column(name, role, stacked=_STACKED.get(name, "{}")))
    main = next((fields.index(name) for name in _MAIN_FIELDS if name in fields), None)
    return columns, main


def record_cell(name: str, value: object) -> Cell:
    """A field's value as a table shows it: a kind by its label, a URL as the URL."""
    from kbtool.models import KIND_LABELS
    from kbtool.render.text import cell

    shown = cell(value)
    if name == "url" and shown:
        return shown
    if name == "kind":
        shown = KIND_LABELS.get(shown, shown)
    return Text(inert(shown))
