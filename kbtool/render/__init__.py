"""Output: where it goes (a terminal or a pipe), and every format records are written in.

Owns the output environment (``Environment``, the format and colour choices), the machine
formats (JSON, JSONL, TSV, CSV, Markdown, SQLite) and the Rich tables, panels and bar
charts a person reads at a terminal, and ``kb report``'s page (Jinja2 templates, SVG
charts). Rich, Jinja2 and pygal are imported only inside the functions that draw.

May import: ``kbtool.errors``, ``kbtool.models``, and for type annotations the results of
``kbtool.kb`` and ``kbtool.search``. Keep this file to its docstring.
"""
