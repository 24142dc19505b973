"""``kb search``: hits as records with their score and snippet, a highlighted table, notes
on how the query was read, and ``--explain``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import msgspec

from kbtool.render.output import (
    Environment,
    OutputFormat,
    _count,
    cell,
    inert,
    plain_text,
    write_records,
)

if TYPE_CHECKING:
    from rich.text import Text

    from kbtool.search.planning import Plan
    from kbtool.search.scoring import Hit, SearchResult


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
    from kbtool.render import tables

    columns, main = tables.record_columns(HIT_TABLE_COLUMNS)
    rows = []
    for hit, document in zip(hits, documents, strict=True):
        snippet = hit.snippet
        rows.append(
            [
                plain_text(hit.type),
                plain_text(hit.record.id),
                plain_text(f"{hit.score:.3f}"),
                plain_text(cell(document.get("field"))),
                highlighted(snippet.text, snippet.spans) if snippet else plain_text(""),
            ]
        )
    env.show(lambda width: tables.fit("Results", columns, rows, width, main))


def write_search_notes(env: Environment, plan: Plan) -> None:
    """What a person should know about how a query was read: stderr, one line each.

    Always written, terminal or not: stdout carries only the results, so a JSON reader is
    never disturbed, and a script's log still says that "tourisim" was read as "tourism".
    """
    for note in plan.notes:
        env.stderr.write(f"kb: {inert(note)}\n")
    if plan.corrected_query is not None:
        env.stderr.write(_correction_note(plan.corrected_query, plan.corrections) + "\n")


# The corrected query is echoed only while it fits on a line with the note: a pasted
# paragraph would fill the screen to say that one word was read as another.
_LONGEST_ECHOED_QUERY = 50
_CORRECTIONS_NAMED = 3


def _correction_note(corrected_query: str, corrections: Sequence[tuple[str, str]]) -> str:
    named = [f"{inert(old)!r} as {inert(new)!r}" for old, new in corrections]
    words = ", ".join(named[:_CORRECTIONS_NAMED])
    if len(named) > _CORRECTIONS_NAMED:
        words += f" and {len(named) - _CORRECTIONS_NAMED} more"
    if len(corrected_query) > _LONGEST_ECHOED_QUERY or not corrected_query.isprintable():
        return f"kb: read {words}"
    return f"kb: showing results for {inert(corrected_query)} (read {words})"


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
