"""Output: where it goes (a terminal or a pipe), and every format records are written in.

Owns the output environment (``Environment``, the format and colour choices), the machine
formats (JSON, JSONL, TSV, CSV, Markdown) and the Rich tables and panels a person reads at
a terminal. Rich is imported only inside the functions that draw for a terminal.

May import: ``kbtool.errors``, ``kbtool.models``, and for type annotations the results of
``kbtool.kb`` and ``kbtool.search``. Keep this file to its docstring.
"""
