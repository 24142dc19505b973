"""Charts for ``kb report``'s page, as inline SVG drawn by pygal: no network, no script.

pygal draws a chart as an SVG document with its CSS inside and escapes the labels it
writes; with ``js=[]`` it links no script, and the one script it writes inline (its
configuration) is taken out, so the page opens offline, runs nothing, and prints as shown.
The SVG has a ``viewBox`` and no fixed size, so it is as wide as a phone's screen or a
printed page. pygal is imported only here, and only ``kb report`` imports this module.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from kbtool.errors import DataError

# kb's palette, one colour a kind (KIND_VALUES order), distinguishable in grey when printed.
COLOURS = (
    "#1f5f8b",
    "#e07b39",
    "#3a9a5b",
    "#b8404a",
    "#7a5ba6",
    "#8c6d46",
    "#d16ba5",
    "#7f7f7f",
)


def _pygal() -> Any:
    try:
        import pygal
    except ImportError:  # an install without kbtool's dependencies
        raise DataError(
            "kb report draws its charts with pygal, which is not installed",
            hint="pip install 'pygal>=3.0', or reinstall kbtool",
        ) from None
    return pygal


def _style(pygal: Any) -> Any:
    from pygal.style import Style

    return Style(
        background="transparent",
        plot_background="transparent",
        foreground="#222",
        foreground_strong="#111",
        foreground_subtle="#999",
        font_family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
        label_font_size=13,
        major_label_font_size=13,
        legend_font_size=13,
        title_font_size=16,
        colors=COLOURS,
    )


def _render(chart: Any) -> str:
    """The chart's SVG without the script pygal always adds (its config, for tooltips that
    ``js=[]`` leaves out): the page runs no script at all."""
    from pygal.etree import etree

    root = chart.render_tree()
    for parent in list(root.iter()):
        for child in list(parent):
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    svg: str = etree.tostring(root, encoding="unicode")
    return svg


def _config(pygal: Any, **options: Any) -> dict[str, Any]:
    return {
        "style": _style(pygal),
        "js": [],  # pygal's tooltips are a script from the web: none, the page is offline
        "disable_xml_declaration": True,
        "explicit_size": False,
        "truncate_label": -1,
        "truncate_legend": -1,
        "legend_at_bottom": True,
        "print_values": False,
        **options,
    }


def periods(dates: Sequence[datetime.date]) -> tuple[list[str], str]:
    """Every period from the first date to the last, no gaps: months when the dates span
    three years or fewer, else years. Returns the labels and the strftime pattern."""
    first, last = min(dates), max(dates)
    if last.year - first.year < 3:
        labels = []
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            labels.append(f"{year}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return labels, "%Y-%m"
    return [str(year) for year in range(first.year, last.year + 1)], "%Y"


def timeline_chart(dated: Sequence[tuple[datetime.date, str]], kinds: Sequence[str]) -> str | None:
    """Instruments by period, stacked by kind; None when none is dated."""
    if not dated:
        return None
    pygal = _pygal()
    labels, pattern = periods([day for day, _ in dated])
    counts = Counter((day.strftime(pattern), kind) for day, kind in dated)
    chart = pygal.StackedBar(
        **_config(
            pygal,
            title="Instruments by the first date they carry",
            x_label_rotation=0 if len(labels) <= 12 else 45,
            show_minor_x_labels=len(labels) <= 24,
            x_labels_major_every=max(1, len(labels) // 12),
            height=360,
        )
    )
    chart.x_labels = labels
    largest = max(Counter(day.strftime(pattern) for day, _ in dated).values())
    step = max(1, -(-largest // 6))
    chart.y_labels = list(range(0, largest + step, step))
    for kind in kinds:
        values = [counts.get((label, kind), 0) for label in labels]
        if any(values):
            chart.add(kind, [value or None for value in values])
    return _render(chart)


def count_chart(title: str, counts: Mapping[str, int], limit: int = 12) -> str | None:
    """A horizontal bar a name, most frequent first; None when there is nothing to count."""
    if not counts:
        return None
    pygal = _pygal()
    shown = list(counts.items())[:limit]
    largest = max(count for _, count in shown)
    step = max(1, -(-largest // 5))  # whole numbers: at most six marks on the scale
    chart = pygal.HorizontalBar(
        **_config(pygal, title=title, show_legend=False, width=480, height=90 + 30 * len(shown))
    )
    chart.y_labels = list(range(0, largest + step, step))
    # A horizontal chart draws its first value at the bottom: the largest goes on top.
    chart.x_labels = [name for name, _ in reversed(shown)]
    chart.add("instruments", [count for _, count in reversed(shown)])
    return _render(chart)
