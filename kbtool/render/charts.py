"""Bar charts for a terminal, drawn with Rich: labels whole, bars fitted to the width.

A chart is lines of ``rich.text.Text``, one a bar, laid out for the console's width so that
Rich never wraps them: at 60 columns and at 250 a label is never cut, and a bar is as long
as the width allows, up to ``MAX_BAR`` cells. A label too long to share its line with a bar
gets a line of its own, the bar under it. Bars are drawn in eighths of a cell, so small
differences show.

Only for a person at a terminal; with ``--json`` or piped, commands print the numbers.
Rich is imported inside the functions, as everywhere in ``kbtool.render``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from kbtool.render.output import inert

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

# The narrowest bar worth drawing beside a label; below it the label takes its own line.
MIN_BAR = 12
# The longest bar: on a 250-column terminal a longer one only makes the eye travel.
MAX_BAR = 100
_EIGHTHS = " ▏▎▍▌▋▊▉█"


def bar(value: int, largest: int, cells: int) -> str:
    """``value`` as a bar of at most ``cells`` cells; any value above 0 shows."""
    if value <= 0 or largest <= 0 or cells <= 0:
        return ""
    eighths = max(1, round(value / largest * cells * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def bar_lines(
    counts: Sequence[tuple[str, int]], width: int, largest: int | None = None
) -> list[Text]:
    """One line a count: label, number, bar, in ``width`` cells (a long label on its own)."""
    from rich.cells import cell_len
    from rich.text import Text

    if not counts:
        return []
    labels = [inert(label) for label, _ in counts]
    number_width = max(len(str(count)) for _, count in counts)
    # What is left for label and bar once the number and two spaces are placed; the labels
    # column is as wide as the longest label that leaves a bar its MIN_BAR cells.
    room = max(width - number_width - 2, 1)
    fitting = [cell_len(label) for label in labels if cell_len(label) <= room - MIN_BAR]
    label_width = max(fitting, default=0)
    bar_cells = min(max(room - label_width, 1), MAX_BAR)
    largest = largest if largest is not None else max(count for _, count in counts)
    lines = []
    for label, (_, count) in zip(labels, counts, strict=True):
        drawn = Text.assemble(
            (str(count).rjust(number_width), "bold"),
            " ",
            (bar(count, largest, bar_cells), "cyan"),
        )
        if cell_len(label) <= label_width:
            lines.append(Text.assemble(label + " " * (label_width - cell_len(label)) + " ", drawn))
        else:
            lines.append(Text(label))  # whole, on its own line
            lines.append(Text.assemble(" " * (label_width + 1), drawn))
    return lines


def print_chart(
    console: Console,
    title: str,
    counts: Mapping[str, int],
    top: int | None = None,
) -> None:
    """A titled bar chart of ``counts`` (in their order), the first ``top`` of them."""
    from rich.text import Text

    items = list(counts.items())
    shown = items[:top] if top is not None else items
    heading = Text(title, style="bold")
    if len(shown) < len(items):
        heading.append(f"  (the {len(shown)} most frequent of {len(items)})", style="dim")
    console.print(heading, no_wrap=True, overflow="fold")
    if not shown:
        console.print(Text("  none", style="dim"))
    for line in bar_lines(shown, console.width):
        if line.cell_len > console.width:
            console.print(line)  # a label longer than the whole width: wrapped, never cut
        else:
            console.print(line, no_wrap=True, crop=False)
    console.print()
