"""``kb report``: a dossier as one self-contained HTML page, or as Markdown.

Both are Jinja2 templates (``kbtool/render/templates/``). The HTML one is rendered with
autoescaping, so every value from a record is text on the page: a title holding
``<script>`` is shown, never run. The page needs no network: its CSS is in it, its charts
are inline SVG (``kbtool.render.svg_charts``), and it has no script. The Markdown one
escapes Markdown's punctuation in record text instead, so a title cannot become a link,
an image or HTML where the Markdown is rendered.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from kbtool.errors import DataError
from kbtool.models import KIND_VALUES
from kbtool.render.output import cell, inert

if TYPE_CHECKING:
    from jinja2 import Environment

    from kbtool.kb import Dossier


class ReportFormat(StrEnum):
    HTML = "html"
    MARKDOWN = "markdown"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def markdown_text(value: Any) -> str:
    """Record text as Markdown that reads as that text: punctuation escaped, one line."""
    text = inert(cell(value)).replace("\r", " ").replace("\n", " ")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def web_link(url: str | None) -> str | None:
    """A URL a page may link to (http or https); anything else is shown as text only."""
    if url and re.match(r"^https?://", url, re.IGNORECASE):
        return url
    return None


def _environment(fmt: ReportFormat) -> Environment:
    try:
        import jinja2
    except ImportError:  # an install without kbtool's dependencies
        raise DataError(
            "kb report needs jinja2, which is not installed",
            hint="pip install 'jinja2>=3.1', or reinstall kbtool",
        ) from None
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("kbtool.render", "templates"),
        autoescape=fmt is ReportFormat.HTML,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["md"] = markdown_text
    environment.filters["cell"] = lambda value: inert(cell(value))
    environment.globals["web_link"] = web_link
    return environment


def _charts(dossier: Dossier) -> dict[str, Any]:
    from markupsafe import Markup

    from kbtool.render import svg_charts

    kind_of = {entry.instrument.id: entry.instrument.kind for entry in dossier.instruments}
    dated = [(entry.date, kind_of[entry.id]) for entry in _first_entries(dossier)]
    charts = {
        "timeline": svg_charts.timeline_chart(dated, KIND_VALUES),
        "kinds": svg_charts.count_chart("Instruments by kind", dossier.stats.kind),
        "sectors": svg_charts.count_chart("The most frequent sectors", dossier.stats.sector),
    }
    # pygal's SVG is markup it escaped itself: it goes in the page as it is.
    return {name: Markup(svg) if svg else None for name, svg in charts.items()}


def _first_entries(dossier: Dossier) -> list[Any]:
    """Each dated instrument's first entry of the timeline (its earliest date)."""
    seen: set[str] = set()
    first = []
    for entry in dossier.timeline.entries:
        if entry.type == "instrument" and entry.id not in seen:
            seen.add(entry.id)
            first.append(entry)
    return first


def render_dossier(dossier: Dossier, fmt: ReportFormat) -> str:
    environment = _environment(fmt)
    if fmt is ReportFormat.HTML:
        template = environment.get_template("dossier.html.j2")
        charts = _charts(dossier)
    else:
        template = environment.get_template("dossier.md.j2")
        charts = {}
    sources = {source.id: source for source in dossier.sources}
    return template.render(d=dossier, charts=charts, sources=sources)
