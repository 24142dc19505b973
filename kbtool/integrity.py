"""Integrity checks over a whole knowledge base: what ``kb verify`` reports.

The same checks guard every write, so a knowledge base that ``kb`` wrote always verifies.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import msgspec

from kbtool.models import TABLES, Instrument, Quotation, Source, explain, validate


class Problem(msgspec.Struct, frozen=True, omit_defaults=True):
    table: str
    # The record's id as it is (what a script looks it up by), or "#N", its position in
    # its table, when it has no usable id.
    record: str
    message: str
    by_position: bool = False  # in JSON only when true

    def __str__(self) -> str:
        shown = self.record if self.by_position else repr(self.record)
        return f"{self.table} {shown}: {self.message}"


def _schema_problem(name: str, document: Mapping[str, Any], position: int, message: str) -> Problem:
    record_id = document.get("id")
    if isinstance(record_id, str):
        return Problem(name, record_id, message)
    return Problem(name, f"#{position}", message, by_position=True)


def check_schema(
    tables: Mapping[str, Iterable[Mapping[str, Any]]],
) -> tuple[dict[str, list[Any]], list[Problem]]:
    """Validate every document; returns the valid records and a problem per invalid one."""
    records: dict[str, list[Any]] = {name: [] for name in TABLES}
    problems = []
    for name, record_type in TABLES.items():
        for position, document in enumerate(tables.get(name, ()), start=1):
            try:
                records[name].append(validate(document, record_type))
            except msgspec.ValidationError as error:
                problems.append(_schema_problem(name, document, position, explain(error)))
    return records, problems


def check_ids(records: Mapping[str, Iterable[Any]]) -> list[Problem]:
    """Ids are unique across all tables, so that `kb edit ID` and `kb remove ID` are unambiguous."""
    seen: dict[str, str] = {}
    problems = []
    for name, table in records.items():
        for record in table:
            if record.id in seen:
                problems.append(
                    Problem(name, record.id, f"id is used twice (also in {seen[record.id]})")
                )
            else:
                seen[record.id] = name
    return problems


def check_references(
    instruments: Iterable[Instrument], quotations: Iterable[Quotation], sources: Iterable[Source]
) -> list[Problem]:
    instrument_ids = {i.id for i in instruments}
    source_ids = {s.id for s in sources}
    problems = []
    for instrument in instruments:
        cited = [*instrument.sources]
        cited += [official.source for official in instrument.officials]
        cited += [excerpt.source for excerpt in instrument.excerpts]
        cited += [claim.source for claim in instrument.claims]
        for source_id in dict.fromkeys(cited):
            if source_id not in source_ids:
                problems.append(
                    Problem("instruments", instrument.id, f"cites unknown source {source_id!r}")
                )
    for quotation in quotations:
        if quotation.instrument is not None and quotation.instrument not in instrument_ids:
            problems.append(
                Problem(
                    "quotations",
                    quotation.id,
                    f"is about unknown instrument {quotation.instrument!r}",
                )
            )
        if quotation.source is not None and quotation.source not in source_ids:
            problems.append(
                Problem("quotations", quotation.id, f"cites unknown source {quotation.source!r}")
            )
    return problems


def check_verbatim(
    instruments: Iterable[Instrument], quotations: Iterable[Quotation], sources: Iterable[Source]
) -> list[Problem]:
    """Quotations and excerpts whose source keeps its text must appear in it, exactly."""
    texts = {s.id: s.text for s in sources if s.text is not None}
    problems = []
    for quotation in quotations:
        text = texts.get(quotation.source) if quotation.source else None
        if text is not None and quotation.text not in text:
            problems.append(
                Problem(
                    "quotations",
                    quotation.id,
                    f"text is not verbatim in source {quotation.source!r}",
                )
            )
        if text is not None and quotation.context and quotation.context not in text:
            problems.append(
                Problem(
                    "quotations",
                    quotation.id,
                    f"context is not verbatim in source {quotation.source!r}",
                )
            )
    for instrument in instruments:
        for excerpt in instrument.excerpts:
            text = texts.get(excerpt.source)
            if text is not None and excerpt.text not in text:
                problems.append(
                    Problem(
                        "instruments",
                        instrument.id,
                        f"excerpt {excerpt.text[:40]!r}… is not verbatim"
                        f" in source {excerpt.source!r}",
                    )
                )
    return problems


def check_spans(
    instruments: Iterable[Instrument], quotations: Iterable[Quotation], sources: Iterable[Source]
) -> list[Problem]:
    """Spans point inside their source's text; a quotation's text span is its text exactly."""
    texts = {s.id: s.text for s in sources}
    problems = []
    records: list[tuple[str, Instrument | Quotation]] = [("instruments", i) for i in instruments]
    records += [("quotations", q) for q in quotations]
    for table, record in records:
        for span in record.spans:
            text = texts.get(span.source)
            where = f"span of `{span.field}` [{span.start}:{span.end}]"
            if text is None:
                problems.append(Problem(table, record.id, f"{where} cites a source without text"))
            elif not span.start < span.end <= len(text):
                problems.append(Problem(table, record.id, f"{where} is outside its source"))
            elif (
                isinstance(record, Quotation)
                and span.field == "text"
                and text[span.start : span.end] != record.text
            ):
                problems.append(Problem(table, record.id, f"{where} is not the quotation"))
    return problems


def verify(tables: Mapping[str, Iterable[Mapping[str, Any]]]) -> list[Problem]:
    """Every problem of a knowledge base: schema, unique ids, references, verbatim text."""
    records, problems = check_schema(tables)
    return problems + check_records(records)


def check_records(records: Mapping[str, list[Any]]) -> list[Problem]:
    """``verify``'s checks past the schema, of records already validated (by table)."""
    instruments, quotations, sources = (
        records.get("instruments", []),
        records.get("quotations", []),
        records.get("sources", []),
    )
    problems = check_ids(records)
    problems += check_references(instruments, quotations, sources)
    problems += check_verbatim(instruments, quotations, sources)
    problems += check_spans(instruments, quotations, sources)
    return problems
