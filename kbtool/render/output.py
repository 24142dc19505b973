"""Everything ``kb`` prints: the output format chosen in one place, and a writer per format.

Machine formats (json, jsonl, tsv, csv, markdown) are written directly to the stream and never
go through Rich, which would wrap long strings at the console width. Rich is imported only to
draw tables and panels for a person at a terminal. Stored text is always handled as plain
text (``rich.text.Text``, never markup), and control characters in it are shown escaped so
that a record cannot move the cursor, recolour or retitle the user's terminal.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TextIO

import msgspec

from kbtool.errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from kbtool.kb import InstrumentDetail
    from kbtool.search.planning import Plan
    from kbtool.search.scoring import Hit, SearchResult


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

    @classmethod
    def from_system(cls, color: ColorChoice = ColorChoice.AUTO) -> Environment:
        return cls(
            stdout=sys.stdout,
            stderr=sys.stderr,
            stdout_is_tty=sys.stdout.isatty(),
            stderr_is_tty=sys.stderr.isatty(),
            color=color,
            # https://no-color.org: any non-empty value turns colour off.
            no_color=bool(os.environ.get("NO_COLOR")),
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
        )

    def note(self, message: str) -> None:
        """A count or hint for a person: stderr, and only when someone is watching."""
        if self.stdout_is_tty and self.stderr_is_tty:
            self.stderr.write(message + "\n")


# C0 and C1 control characters other than newline and tab, and the Unicode bidirectional
# overrides that can make text read differently from what it is.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_TSV_SPECIAL = re.compile("[\\\\\t\n\r]")
_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str) -> str:
    """``text`` with every character that a terminal would act on shown as an escape."""
    return _UNSAFE.sub(_escape_char, text)


def cell(value: Any) -> str:
    """A field value as one line of text, for tables, TSV, CSV and Markdown."""
    if value is None:
        return ""
    if isinstance(value, list):
        if all(isinstance(item, str) for item in value):
            return "; ".join(value)
        return msgspec.json.encode(value).decode()
    if isinstance(value, dict):
        return msgspec.json.encode(value).decode()
    return str(value)


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


# ---------------------------------------------------------------- machine formats


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


def write_jsonl(env: Environment, rows: Iterable[Any]) -> None:
    for row in rows:
        env.stdout.write(msgspec.json.encode(row).decode())
        env.stdout.write("\n")


def write_tsv(env: Environment, rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> None:
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
    from rich.table import Table

    table = Table(title=title, title_justify="left", expand=False)
    for column in columns:
        table.add_column(
            column,
            overflow="fold",
            no_wrap=column in ("id", "score"),
            style="cyan" if column == "id" else None,
        )
    for document in documents:
        table.add_row(*(plain_text(cell(document.get(c))) for c in columns))
    env.console().print(table)


def plain_text(value: str, style: str = "") -> Text:
    """Stored text as an inert Rich ``Text``: never parsed as markup, control characters
    shown escaped."""
    from rich.text import Text

    return Text(inert(value), style=style)


# ---------------------------------------------------------------- one instrument (show)


def write_instrument_detail(
    env: Environment,
    detail: InstrumentDetail,
    fmt: OutputFormat,
    fields: Sequence[str] | None,
) -> None:
    """``kb show``: the instrument, its quotations embedded, in any format."""
    instrument = msgspec.to_builtins(detail.instrument)
    quotations = msgspec.to_builtins(detail.quotations)
    document = {**instrument, "quotations": quotations}
    if fields:
        document = project(document, fields)
    if fmt is OutputFormat.JSON:
        write_json(env, document)
    elif fmt is OutputFormat.JSONL:
        write_jsonl(env, [document])
    elif fmt in (OutputFormat.TSV, OutputFormat.CSV):
        # One object reads best as field/value lines that grep and cut can use.
        pairs = [{"field": name, "value": value} for name, value in document.items()]
        writer = write_tsv if fmt is OutputFormat.TSV else write_csv
        writer(env, pairs, ("field", "value"))
    elif fmt is OutputFormat.MARKDOWN:
        _write_markdown_detail(env, document)
    else:
        _print_detail(env, detail, fields)


def _write_markdown_detail(env: Environment, document: Mapping[str, Any]) -> None:
    out = env.stdout
    if "title" in document:
        out.write(f"# {inert(cell(document['title']))}\n\n")
    for name, value in document.items():
        if name in ("title", "quotations") or value in (None, []):
            continue
        out.write(f"- **{name}**: {_markdown_cell(value)}\n")
    for quotation in document.get("quotations") or []:
        out.write(f"\n> {inert(quotation['text'])}\n>\n> — {inert(quotation['speaker'])}\n")


_DETAIL_LABELS = (
    ("id", "ID"),
    ("kind", "Kind"),
    ("status", "Status"),
    ("parties", "Parties"),
    ("sectors", "Sectors"),
    ("places", "Places"),
    ("signed_on", "Signed on"),
    ("signed_at", "Signed at"),
    ("exchanged_on", "Exchanged on"),
    ("exchanged_at", "Exchanged at"),
    ("witnesses", "Witnesses"),
    ("summary", "Summary"),
    ("aims", "Aims"),
)


def _print_detail(env: Environment, detail: InstrumentDetail, fields: Sequence[str] | None) -> None:
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table

    instrument = detail.instrument
    sources = {source.id: source for source in detail.sources}
    console = env.console()

    def source_label(source_id: str) -> str:
        source = sources.get(source_id)
        if source is None:
            return source_id
        return source.outlet or source.title or source.id

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    for name, label in _DETAIL_LABELS:
        if fields and name not in fields:
            continue
        value = getattr(instrument, name)
        if value in (None, []):
            continue
        shown = "\n".join(f"• {item}" for item in value) if name == "aims" else cell(value)
        facts.add_row(label, plain_text(shown))
    for official in instrument.officials:
        role = f", {official.role}" if official.role else ""
        note = f" ({official.note})" if official.note else ""
        facts.add_row(
            "Official",
            plain_text(f"{official.name}{role}{note} [{source_label(official.source)}]"),
        )
    parts: list[RenderableType] = [
        Panel(facts, title=plain_text(instrument.title, style="bold"), title_align="left")
    ]

    if detail.quotations:
        quotes = Table.grid(padding=(0, 1))
        quotes.add_column(overflow="fold")
        for quotation in detail.quotations:
            role = f", {quotation.speaker_role}" if quotation.speaker_role else ""
            quotes.add_row(plain_text(f"“{quotation.text}”", style="italic"))
            quotes.add_row(plain_text(f"  — {quotation.speaker}{role}  [{quotation.id}]"))
        parts.append(Panel(quotes, title="Quotations", title_align="left"))

    if instrument.excerpts:
        excerpts = Table.grid(padding=(0, 1))
        excerpts.add_column(overflow="fold")
        for excerpt in instrument.excerpts:
            excerpts.add_row(plain_text(f"“{excerpt.text}”  [{source_label(excerpt.source)}]"))
        parts.append(Panel(excerpts, title="From the source", title_align="left"))

    if instrument.claims:
        claims = Table(show_header=True, box=None, padding=(0, 2))
        for column in ("field", "value", "according to"):
            claims.add_column(column, overflow="fold")
        for claim in instrument.claims:
            claims.add_row(
                plain_text(claim.field),
                plain_text(cell(claim.value)),
                plain_text(source_label(claim.source)),
            )
        parts.append(Panel(claims, title="Other reports", title_align="left"))

    listed = Table(show_header=False, box=None, padding=(0, 2))
    listed.add_column(no_wrap=True)
    listed.add_column(overflow="fold")
    for source in detail.sources:
        described = " · ".join(
            cell(part) for part in (source.outlet, source.published_on, source.url) if part
        )
        listed.add_row(plain_text(source.id), plain_text(described or source.description))
    parts.append(Panel(listed, title="Sources", title_align="left"))
    console.print(Group(*parts))


# ---------------------------------------------------------------- search hits


def hit_document(hit: Hit) -> dict[str, Any]:
    """A search hit as the JSON contract gives it: type, id, score, then the record.

    ``matched_fields`` is best first; ``snippet`` is a passage of the first of them.
    """
    record = msgspec.to_builtins(hit.record)
    return {
        "type": hit.type,
        "id": record.pop("id"),
        "score": hit.score,
        "matched_fields": hit.matched_fields,
        "snippet": hit.snippet.text if hit.snippet else None,
        **record,
    }


HIT_FIELDS = ("type", "id", "score", "matched_fields", "snippet")
# "field" is where the snippet comes from: the column that says why a record is there.
HIT_TABLE_COLUMNS = ("type", "id", "score", "field", "snippet")


def write_hits(
    env: Environment,
    hits: Sequence[Hit],
    fmt: OutputFormat,
    fields: Sequence[str] | None,
) -> None:
    """Search results in any format; in a terminal table the matched words are highlighted."""
    documents = [hit_document(hit) for hit in hits]
    if fmt in (OutputFormat.JSON, OutputFormat.JSONL) or fields:
        write_records(env, documents, fmt, fields, HIT_TABLE_COLUMNS, "Results")
        return
    for hit, document in zip(hits, documents, strict=True):
        document["field"] = hit.snippet.field if hit.snippet else ""
    if fmt is OutputFormat.TABLE:
        _print_hit_table(env, hits, documents)
        env.note(_count(len(documents), "results"))
    else:
        write_records(env, documents, fmt, None, HIT_TABLE_COLUMNS, "Results")


def highlighted(text: str, spans: Sequence[tuple[int, int]], style: str = "") -> Text:
    """Stored text as an inert Rich ``Text`` with the given (start, end) spans highlighted.

    Each piece is made inert on its own, so the spans still fall on the right words when an
    escaped control character makes the shown text longer than the stored one.
    """
    from rich.text import Text

    shown = Text(style=style)
    position = 0
    for start, end in spans:
        if start < position:
            continue
        shown.append(inert(text[position:start]))
        shown.append(inert(text[start:end]), style="bold reverse")
        position = end
    shown.append(inert(text[position:]))
    return shown


def _print_hit_table(
    env: Environment, hits: Sequence[Hit], documents: Sequence[Mapping[str, Any]]
) -> None:
    from rich.table import Table

    table = Table(title="Results", title_justify="left", expand=False)
    for column in HIT_TABLE_COLUMNS:
        # The snippet is what a person reads: it keeps a readable width, and a long id folds.
        table.add_column(
            column,
            overflow="fold",
            no_wrap=column in ("type", "score", "field"),
            min_width=30 if column == "snippet" else None,
        )
    for hit, document in zip(hits, documents, strict=True):
        snippet = hit.snippet
        table.add_row(
            plain_text(hit.type),
            plain_text(hit.record.id),
            plain_text(f"{hit.score:.3f}"),
            plain_text(cell(document.get("field"))),
            highlighted(snippet.text, snippet.spans) if snippet else plain_text(""),
        )
    env.console().print(table)


def write_search_notes(env: Environment, plan: Plan) -> None:
    """What a person should know about how a query was read: stderr, one line each.

    Always written, terminal or not: stdout carries only the results, so a JSON reader is
    never disturbed, and a script's log still says that "tourisim" was read as "tourism".
    """
    for note in plan.notes:
        env.stderr.write(f"kb: {inert(note)}\n")
    if plan.corrected_query is not None:
        words = ", ".join(f"{inert(old)!r} as {inert(new)!r}" for old, new in plan.corrections)
        env.stderr.write(f"kb: showing results for {inert(plan.corrected_query)} (read {words})\n")


def write_explanation(env: Environment, result: SearchResult, limit: int | None = None) -> None:
    """``kb search --explain``: how the query was read, then why each hit scored as it did.

    Written to stderr as plain text, so that stdout keeps the results in the chosen format.
    """
    plan = result.plan
    out = env.stderr
    out.write(f"query: {inert(plan.query.raw)!r}\n")
    for requirement in plan.requirements:
        verb = "must not match" if requirement.negated else "must match"
        out.write(f"  {verb}: {inert(requirement.label)}\n")
        for alternative in requirement.alternatives:
            how = f" ({inert(alternative.why)})" if alternative.why else ""
            weight = f" weight {alternative.weight:.2f}" if alternative.weight != 1 else ""
            stemmed = alternative.stemmed
            stem = f" [stem {inert(stemmed)}]" if stemmed else ""
            out.write(f"      {inert(alternative.label)}{stem}{weight}{how}\n")
    for qualifier in plan.filters:
        out.write(f"  filter: {inert(str(qualifier))}\n")
    for word in plan.ignored:
        out.write(f"  ignored: {inert(word)!r} (too common, or no letters or digits)\n")
    out.write(
        f"{len(result.hits)} result(s); a score adds, per clause, the BM25 score of its best "
        "match: rarer terms and matches in weightier, shorter fields count more\n"
    )
    for rank, hit in enumerate(result.hits[:limit], start=1):
        out.write(f"{rank}. {hit.type} {inert(hit.record.id)}  score {hit.score:.3f}\n")
        for reason in hit.reasons:
            where = ", ".join(f"{name} {count}x" for name, count in reason.counts.items())
            out.write(
                f"     {reason.score:.3f}  {inert(reason.requirement)}: "
                f"{inert(reason.alternative.label)} in {where} (idf {reason.idf:.2f})\n"
            )


# ---------------------------------------------------------------- export


class ExportFormat(StrEnum):
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    MARKDOWN = "markdown"


def export_text(
    document: Mapping[str, Sequence[Mapping[str, Any]]], fmt: str, table: str | None
) -> str:
    """A whole knowledge base as text: JSON and JSONL exactly, CSV and Markdown to read."""
    import io

    buffer = io.StringIO()
    env = Environment(buffer, io.StringIO(), False, False)
    if table is not None and table not in document:
        raise UsageError(f"--table {table!r} is not one of: {', '.join(document)}")
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
