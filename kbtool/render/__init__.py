"""Output: where it goes (a terminal or a pipe), and every format records are written in.

Owns the output environment (``Environment``, the format and colour choices, the pager), the
machine formats (JSON, JSONL, TSV, CSV, Markdown, SQLite) and what a person reads at a
terminal: tables that fit its width (``tables``), records laid out in panels (``panels``),
bar charts (``charts``), long output paged (``paging``); and ``kb report``'s page (Jinja2
templates, SVG charts). Rich, Jinja2 and pygal are imported only by the modules that draw,
and only when they do.

May import: ``kbtool.errors``, ``kbtool.models``, and the result types of ``kbtool.kb``
and ``kbtool.search``. Keep this file to its docstring.
"""
