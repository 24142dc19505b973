"""``kb show``: one record of any type, as an object for scripts or laid out for reading.

The JSON of each type is its record with what ``kb show`` adds: an instrument's
``quotations``; a quotation's ``sentence`` (the sentence of its source's text it stands in,
or null); a source's ``cited_by`` (``{"type", "id"}`` of each record citing it) and
``passages`` (``{"start", "end", "id"}``: where a record's quoted words stand in its text).
The terminal layout is in ``panels``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import msgspec

from kbtool.models import Instrument, Quotation, Source, field_names
from kbtool.render.output import (
    Environment,
    OutputFormat,
    _markdown_cell,
    cell,
    inert,
    project,
    write_csv,
    write_json,
    write_jsonl,
    write_tsv,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

    from kbtool.kb import InstrumentDetail, QuotationDetail, SourceDetail

    Detail = InstrumentDetail | QuotationDetail | SourceDetail


def valid_fields(record: Instrument | Quotation | Source) -> tuple[str, ...]:
    """The fields ``kb show --fields`` may pick for this record: its own and what show adds."""
    if isinstance(record, Instrument):
        return (*field_names(Instrument), "quotations")
    if isinstance(record, Quotation):
        return (*field_names(Quotation), "sentence")
    return (*field_names(Source), "cited_by", "passages")


def detail_document(detail: Detail) -> dict[str, Any]:
    """The object ``kb show --json`` prints for this record."""
    from kbtool.kb import InstrumentDetail, QuotationDetail

    if isinstance(detail, InstrumentDetail):
        instrument = msgspec.to_builtins(detail.instrument)
        return {**instrument, "quotations": msgspec.to_builtins(detail.quotations)}
    if isinstance(detail, QuotationDetail):
        return {**msgspec.to_builtins(detail.quotation), "sentence": detail.sentence}
    cited_by = [{"type": "instrument", "id": record.id} for record in detail.instruments]
    cited_by += [{"type": "quotation", "id": record.id} for record in detail.quotations]
    passages = [{"start": p.start, "end": p.end, "id": p.record} for p in detail.passages]
    return {**msgspec.to_builtins(detail.source), "cited_by": cited_by, "passages": passages}


def write_detail(
    env: Environment, detail: Detail, fmt: OutputFormat, fields: Sequence[str] | None
) -> None:
    """``kb show``: the record and what show adds to it, in any format."""
    document = detail_document(detail)
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
        env.show(lambda width: _draw(detail, fields, width))


def _draw(detail: Detail, fields: Sequence[str] | None, width: int) -> RenderableType:
    from kbtool.kb import InstrumentDetail, QuotationDetail
    from kbtool.render import panels

    if isinstance(detail, InstrumentDetail):
        return panels.draw_instrument(detail, fields, width)
    if isinstance(detail, QuotationDetail):
        return panels.draw_quotation(detail, width)
    return panels.draw_source(detail, width)


_MARKDOWN_QUOTED = ("quotations", "text", "sentence", "cited_by", "passages")


def _write_markdown_detail(env: Environment, document: Mapping[str, Any]) -> None:
    out = env.stdout
    is_quotation = "speaker" in document and "text" in document
    heading = document.get("title") or document.get("outlet")
    if heading and not is_quotation:
        out.write(f"# {inert(cell(heading))}\n\n")
    if is_quotation:
        out.write(f"> {inert(document['text'])}\n>\n> — {inert(document['speaker'])}\n\n")
    for name, value in document.items():
        if name in ("title", *_MARKDOWN_QUOTED) or value in (None, []):
            continue
        out.write(f"- **{name}**: {_markdown_cell(value)}\n")
    for record in document.get("cited_by") or []:
        out.write(f"- **cited by**: {record['type']} {inert(record['id'])}\n")
    for quotation in document.get("quotations") or []:
        out.write(f"\n> {inert(quotation['text'])}\n>\n> — {inert(quotation['speaker'])}\n")
    if document.get("sentence"):
        out.write(f"\n{inert(document['sentence'])}\n")
    if not is_quotation and document.get("text"):
        out.write(f"\n{inert(document['text'])}\n")
