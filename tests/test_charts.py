"""Terminal bar charts: every label whole, nothing past the width, bars in proportion."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from kbtool.render.charts import bar, bar_lines, print_chart


def test_a_bar_is_in_proportion_and_never_empty_for_a_count() -> None:
    assert bar(10, 10, 20) == "█" * 20
    assert bar(5, 10, 20) == "█" * 10
    assert bar(1, 1000, 20) == "▏"  # one eighth: a count above zero always shows
    assert bar(0, 10, 20) == ""


@pytest.mark.parametrize("width", [40, 60, 80, 250])
def test_labels_are_whole_and_lines_fit(width: int) -> None:
    long_name = "Kenya National Chamber of Commerce & Industry (KNCCI) and friends"
    counts = {"Kenya": 30, long_name: 3, "李伟 Олена": 7}
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None)
    print_chart(console, "By party", counts)
    lines = buffer.getvalue().splitlines()
    assert all(console.measure(line).maximum <= width for line in lines)
    text = "\n".join(lines)
    for label in counts:
        # A label longer than the whole width folds; any other is on one line, whole.
        assert (
            label in text
            if len(label) <= width
            else label.replace(" ", "") in text.replace("\n", "").replace(" ", "")
        )
    bars = [line for line in lines if "█" in line]
    assert len(bars) == 3


def test_a_label_too_long_for_a_bar_beside_it_gets_its_own_line() -> None:
    lines = [line.plain for line in bar_lines([("x" * 50, 2), ("short", 4)], width=60)]
    assert lines[0] == "x" * 50
    assert lines[1].startswith(" " * 6 + "2 ") and lines[2].startswith("short 4 ")


def test_bars_stop_growing_on_a_very_wide_terminal() -> None:
    lines = [line.plain for line in bar_lines([("a", 10), ("b", 5)], width=250)]
    assert lines[0].count("█") == 100 and lines[1].count("█") == 50
