"""``kb export``: the whole knowledge base as JSON, JSONL, CSV, TSV or a Markdown report.

The SQLite format is a file, not text: ``kbtool.render.sqlite_export`` writes it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from kbtool.errors import UsageError
from kbtool.render.detail import _write_markdown_detail
from kbtool.render.output import Environment, inert, write_csv, write_json, write_jsonl

if TYPE_CHECKING:
    pass


class ExportFormat(StrEnum):
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    MARKDOWN = "markdown"
    SQLITE = "sqlite"


def export_text(
    document: Mapping[str, Sequence[Mapping[str, Any]]], fmt: str, table: str | None
) -> str:
    """A whole knowledge base as text: JSON and JSONL exactly, CSV and Markdown to read."""
    import io

    buffer = io.StringIO()
    env = Environment(buffer, io.StringIO(), False, False)
    if table is not None and table not in document:
        raise UsageError(f"--table {table!r} is not one of: {', '.join(document)}")
    if fmt == ExportFormat.SQLITE:
        raise UsageError("--format sqlite writes a database file: add -o FILE, e.g. -o kb.db")
    if table is not None and fmt != ExportFormat.CSV:
        raise UsageError("--table goes with --format csv; json, jsonl and markdown export all")
    if fmt == ExportFormat.JSON:
        write_json(env, document)
    elif fmt == ExportFormat.JSONL:
        kinds = {"instruments": "instrument", "quotations": "quotation", "sources": "source"}
        write_jsonl(
            env,
            (
                {"type": kinds[name], **record}
                for name, records in document.items()
                for record in records
            ),
        )
    elif fmt == ExportFormat.CSV:
        if table is None:
            raise UsageError("csv exports one table: add --table instruments|quotations|sources")
        records = document[table]
        columns = list(records[0]) if records else []
        write_csv(env, records, columns)
    else:
        _write_markdown_report(env, document)
    return buffer.getvalue()


def _write_markdown_report(
    env: Environment, document: Mapping[str, Sequence[Mapping[str, Any]]]
) -> None:
    instruments = document.get("instruments", [])
    quotations = document.get("quotations", [])
    env.stdout.write(f"# Knowledge base: {len(instruments)} instruments\n\n")
    for instrument in instruments:
        about = [q for q in quotations if q.get("instrument") == instrument["id"]]
        _write_markdown_detail(env, {**instrument, "quotations": about})
        env.stdout.write("\n")
    general = [q for q in quotations if q.get("instrument") is None]
    if general:
        env.stdout.write("# Quotations about the partnership as a whole\n")
        for quotation in general:
            env.stdout.write(
                f"\n> {inert(quotation['text'])}\n>\n> — {inert(quotation['speaker'])}\n"
            )
