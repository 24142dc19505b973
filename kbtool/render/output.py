"""Where ``kb`` prints and in what format, chosen in one place, and a writer per format.

The writers for records (``kb list``, ``kb quotes``, ``kb sources``) are here; ``detail``
lays out one record, ``hits`` search results, ``export`` a whole knowledge base, all with
these. ``Environment.show`` prints what is drawn for a terminal, at its width (``tables``
fits a table to it), through the pager when it is long (``paging``).

Machine formats (json, jsonl, tsv, csv, markdown) are written directly to the stream and never
go through Rich, which would wrap long strings at the console width. Rich is imported only to
draw tables and panels for a person at a terminal. Stored text is always handled as plain
text (``rich.text.Text``, never markup), and control characters in it are shown escaped
(``text``) so that a record cannot move the cursor, recolour or retitle the user's terminal.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TextIO

import msgspec

from kbtool.errors import UsageError
from kbtool.render.text import cell as cell
from kbtool.render.text import inert as inert
from kbtool.render.text import plain_text as plain_text

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    TSV = "tsv"
    CSV = "csv"
    MARKDOWN = "markdown"


class ColorChoice(StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


class Environment(msgspec.Struct):
    """The streams a command writes to and what they are connected to.

    Tests build one around ``io.StringIO`` to act as a terminal or as a pipe.
    """

    stdout: TextIO
    stderr: TextIO
    stdout_is_tty: bool
    stderr_is_tty: bool
    color: ColorChoice = ColorChoice.AUTO
    no_color: bool = False
    # -f tsv --header: a first line naming the columns (CSV always has one).
    tsv_header: bool = False
    # The terminal's width, when the caller knows better than Rich (tests, snapshots).
    width: int | None = None
    # The command a terminal's long output goes through, or None (see ``render.paging``).
    pager: str | None = None

    @classmethod
    def from_system(cls, color: ColorChoice = ColorChoice.AUTO, paging: bool = True) -> Environment:
        stdout_is_tty = sys.stdout.isatty()
        pager = None
        if paging and stdout_is_tty:
            from kbtool.render.paging import pager_command

            pager = pager_command(os.environ)
        return cls(
            stdout=sys.stdout,
            stderr=sys.stderr,
            stdout_is_tty=stdout_is_tty,
            stderr_is_tty=sys.stderr.isatty(),
            color=color,
            # https://no-color.org: any non-empty value turns colour off.
            no_color=bool(os.environ.get("NO_COLOR")),
            pager=pager,
        )

    def output_format(self, requested: OutputFormat | None, as_json: bool) -> OutputFormat:
        if as_json:
            if requested not in (None, OutputFormat.JSON):
                raise UsageError("--json and --format cannot both be given")
            return OutputFormat.JSON
        if requested is not None:
            return requested
        return OutputFormat.TABLE if self.stdout_is_tty else OutputFormat.TSV

    def console(self) -> Console:
        from rich.console import Console

        force = True if self.color is ColorChoice.ALWAYS else None
        never = self.color is ColorChoice.NEVER
        return Console(
            file=self.stdout,
            force_terminal=force if force else self.stdout_is_tty,
            # --color never: no escape codes at all; NO_COLOR: no colour, bold and italic stay.
            color_system=None if never else "auto",
            no_color=self.no_color and force is None,
            highlight=False,
            emoji=False,
            markup=False,
            width=self.width,
        )

    def show(self, draw: Callable[[int], RenderableType]) -> None:
        """Print what ``draw`` makes for the terminal's width; through the pager when it is
        longer than the terminal is high, as git and gh do."""
        console = self.console()
        renderable = draw(console.width)
        if self.pager is None:
            console.print(renderable)
            return
        with console.capture() as captured:
            console.print(renderable)
        text = captured.get()
        if text.count("\n") < console.height:
            self.stdout.write(text)
            self.stdout.flush()  # before the count a note writes to stderr after it
            return
        from kbtool.render.paging import page

        page(text, self.pager, self.stdout)

    def note(self, message: str) -> None:
        """A count or hint for a person: stderr, and only when someone is watching."""
        if self.stdout_is_tty and self.stderr_is_tty:
            self.stdout.flush()  # what it counts is on the screen first
            self.stderr.write(message + "\n")


_TSV_SPECIAL = re.compile("[\\\\\t\n\r]")
_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def parse_fields(fields: str | None, valid: Sequence[str]) -> list[str] | None:
    """The field names of ``--fields a,b,c``, checked against the valid ones."""
    if fields is None:
        return None
    names = [name.strip() for name in fields.split(",") if name.strip()]
    unknown = [name for name in names if name not in valid]
    if unknown or not names:
        what = f"unknown field {', '.join(map(repr, unknown))}" if unknown else "no field given"
        raise UsageError(f"{what}; valid fields are: {', '.join(valid)}")
    return names


def project(document: Mapping[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    return {name: document.get(name) for name in fields}


def write_json(env: Environment, data: Any) -> None:
    """Indented JSON; an array is written an element at a time, so that a large one is never
    held in memory twice over (as records, then as text)."""
    if not isinstance(data, list) or not data:
        env.stdout.write(msgspec.json.format(msgspec.json.encode(data), indent=2).decode())
        env.stdout.write("\n")
        return
    last = len(data) - 1
    env.stdout.write("[\n")
    for number, item in enumerate(data):
        formatted = msgspec.json.format(msgspec.json.encode(item), indent=2).decode()
        env.stdout.write("  " + formatted.replace("\n", "\n  "))
        env.stdout.write(",\n" if number < last else "\n")
    env.stdout.write("]\n")


def write_stored_json(env: Environment, records: Iterable[bytes], fmt: OutputFormat) -> None:
    """Records as their JSON stands in a knowledge base file (indented by four spaces for
    their place there), printed as ``write_json`` or ``write_jsonl`` prints them: the same
    bytes, without decoding and encoding every record again."""
    out = env.stdout
    if fmt is OutputFormat.JSONL:
        for record in records:
            out.write(msgspec.json.format(record, indent=-1).decode())
            out.write("\n")
        return
    first = True
    for record in records:
        out.write("[\n  " if first else ",\n  ")
        out.write(record.replace(b"\n  ", b"\n").decode())
        first = False
    out.write("[]\n" if first else "\n]\n")


def write_jsonl(env: Environment, rows: Iterable[Any]) -> None:
    for row in rows:
        env.stdout.write(msgspec.json.encode(row).decode())
        env.stdout.write("\n")


def write_tsv(env: Environment, rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> None:
    if env.tsv_header:
        env.stdout.write("\t".join(columns) + "\n")
    for row in rows:
        # Backslashes, tabs and newlines first, so that the escapes inert() then writes
        # (\x1b) read back as what they stand for.
        values = (
            inert(_TSV_SPECIAL.sub(lambda m: _TSV_ESCAPES[m.group()], cell(row.get(c))))
            for c in columns
        )
        env.stdout.write("\t".join(values) + "\n")


def write_csv(env: Environment, rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> None:
    import csv  # the one format that needs it

    writer = csv.writer(env.stdout, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([inert(cell(row.get(c))) for c in columns])


def _markdown_cell(value: Any) -> str:
    text = inert(cell(value))
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def write_markdown_table(
    env: Environment, rows: Iterable[Mapping[str, Any]], columns: Sequence[str]
) -> None:
    env.stdout.write("| " + " | ".join(columns) + " |\n")
    env.stdout.write("|" + "|".join("---" for _ in columns) + "|\n")
    for row in rows:
        env.stdout.write("| " + " | ".join(_markdown_cell(row.get(c)) for c in columns) + " |\n")


# ---------------------------------------------------------------- records (list, quotes)


def _count(number: int, plural: str) -> str:
    if number == 0:
        return f"no {plural}"
    return f"1 {plural[:-1]}" if number == 1 else f"{number} {plural}"


def _mapping(record: Any) -> Mapping[str, Any]:
    return record if isinstance(record, Mapping) else msgspec.to_builtins(record)


def write_records(
    env: Environment,
    records: Sequence[Any],
    fmt: OutputFormat,
    fields: Sequence[str] | None,
    table_columns: Sequence[str],
    title: str,
) -> None:
    """Records (dicts, or ``msgspec`` structs that JSON takes as they are) in any format;
    all fields in JSON unless ``fields`` picks some."""
    if fmt in (OutputFormat.JSON, OutputFormat.JSONL):
        rows = [project(_mapping(r), fields) for r in records] if fields else list(records)
        if fmt is OutputFormat.JSON:
            write_json(env, rows)
        else:
            write_jsonl(env, rows)
        return
    documents = [_mapping(record) for record in records]
    columns = fields or table_columns
    if fmt is OutputFormat.TSV:
        write_tsv(env, documents, columns)
    elif fmt is OutputFormat.CSV:
        write_csv(env, documents, columns)
    elif fmt is OutputFormat.MARKDOWN:
        write_markdown_table(env, documents, columns)
    else:
        _print_table(env, documents, columns, title)
    env.note(_count(len(documents), title.lower()))


def _print_table(
    env: Environment,
    documents: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    title: str,
) -> None:
    from kbtool.render import tables

    spec, main = tables.record_columns(columns)
    rows = [[tables.record_cell(c, document.get(c)) for c in columns] for document in documents]
    env.show(lambda width: tables.fit(title, spec, rows, width, main))
