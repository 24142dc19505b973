"""Options shared by several commands, as ``Annotated`` aliases so each is defined once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kbtool.render.output import ColorChoice, OutputFormat

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="Knowledge base file to use (default: $KB_DB, then your own, then the shipped one).",
        metavar="PATH",
        show_default=False,
    ),
]
ColorOption = Annotated[
    ColorChoice,
    typer.Option("--color", help="Colour in terminal output; NO_COLOR is honoured on auto."),
]
FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format (default: table on a terminal, tab-separated when piped).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields",
        help="Comma-separated fields to print, e.g. id,title (all fields in JSON by default).",
        metavar="A,B,...",
        show_default=False,
    ),
]
AddJsonOption = Annotated[bool, typer.Option("--json", help="Print the record written, as JSON.")]
HeaderOption = Annotated[
    bool,
    typer.Option("--header", help="With tab-separated output: a first line naming the columns."),
]
