"""Full-text search over instruments and quotations: a query's hits, ranked, with snippets.

Two steps, so that the index can be kept on disk (``kbtool.search.disk_index``) and reused:

- ``build_index(instruments, quotations)`` (``kbtool.search.memory_index``) analyses every
  record once (``kbtool.search.analysis``) into plain data: per record, its fields as
  tokens; per stem, where it occurs.
- ``query(index, parsed_query)``, here, turns the parsed query
  (``kbtool.search.query_parser``) into a ``Plan`` (``kbtool.search.planning``: each word
  with the terms it also matches: stems, the last word's completions, the domain
  vocabulary, a correction when it is misspelt), keeps the records that pass the filters
  (``kbtool.search.filters``) and match every clause, and ranks them with BM25F
  (``kbtool.search.scoring``): a field's matches count by the field's weight, normalised by
  the field's length, with rarer terms counting more.

Instruments and quotations are ranked in one list. An instrument also holds the words of
the quotations about it (at a low weight), so a quotation makes its instrument findable.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from kbtool.search.documents import FIELD_WEIGHTS, Document, SearchIndex
from kbtool.search.filters import passing_filters
from kbtool.search.planning import Alternative, Requirement, _phrase_runs, plan
from kbtool.search.query_parser import ParsedQuery, Qualifier
from kbtool.search.scoring import Hit, Reason, Scorer, SearchResult, Snippet
from kbtool.search.vocabulary import Vocabulary

SNIPPET_WIDTH = 160
# A posting list longer than this (in documents and fields) is ranked with numpy
# (``kbtool.search.arrays``): a Python loop step per document is what a common word costs.
ARRAY_THRESHOLD = 20_000


def _field_contributions(reasons: Sequence[Reason]) -> dict[str, float]:
    contributions: dict[str, float] = {}
    for reason in reasons:
        for name, count in reason.counts.items():
            gain = FIELD_WEIGHTS[name] * reason.idf * reason.alternative.weight * count
            contributions[name] = contributions.get(name, 0.0) + gain
    return contributions


def _snippet(document: Document, reasons: Sequence[Reason], field_name: str | None) -> Snippet:
    named = document.field(field_name) if field_name else None
    fld = named if named is not None else document.fields[0]
    spans: list[tuple[int, int]] = []
    for reason in reasons:
        if fld.name not in reason.counts:
            continue
        alternative = reason.alternative
        if len(alternative.stems) == 1 and alternative.words is None:
            spans += [(t.start, t.end) for t in fld.tokens if t.stem == alternative.stems[0]]
        else:
            for first, last in _phrase_runs(fld.tokens, alternative):
                spans.append((fld.tokens[first].start, fld.tokens[last].end))
    spans = sorted(set(spans))
    return _window(fld.name, fld.text, spans)


def _window(name: str, text: str, spans: list[tuple[int, int]]) -> Snippet:
    """At most SNIPPET_WIDTH characters of ``text``, around its first highlighted span."""
    if len(text) <= SNIPPET_WIDTH:
        return Snippet(name, text, tuple(spans))
    focus = spans[0][0] if spans else 0
    start = max(0, min(focus - SNIPPET_WIDTH // 3, len(text) - SNIPPET_WIDTH))
    if start > 0:  # begin at a word
        space = text.find(" ", start, focus)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + SNIPPET_WIDTH)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > max(focus, start) else end
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    shift = len(lead) - start
    kept = tuple((s + shift, e + shift) for s, e in spans if s >= start and e <= end)
    return Snippet(name, lead + text[start:end] + tail, kept)


def _is_long(index: SearchIndex, alternative: Alternative) -> bool:
    if len(alternative.stems) != 1 or alternative.words is not None:
        return False
    packed = index.packed_postings(alternative.stems[0])
    size = len(index.postings_for(alternative.stems[0])) if packed is None else len(packed) // 2
    return size > ARRAY_THRESHOLD


def _rank(
    scorer: Scorer,
    positive: Sequence[Requirement],
    negative: Sequence[Requirement],
    filters: Sequence[Qualifier],
    vocabulary: Vocabulary,
    record_type: str | None,
) -> tuple[list[tuple[float, int]], dict[int, Document]]:
    """(rounded total, number) of every document that matches, and the documents that the
    filters read."""
    index = scorer.index
    candidates: set[int] | None = None
    for requirement in positive:
        found = scorer.matching(requirement)
        candidates = found if candidates is None else candidates & found
    numbers = sorted(index.numbers() if candidates is None else candidates)
    for requirement in negative:
        excluded = scorer.matching(requirement)
        numbers = [n for n in numbers if n not in excluded]
    documents: dict[int, Document] = {}
    if filters or record_type:
        documents = dict(index.documents_of(numbers))
        numbers = sorted(passing_filters(documents, filters, vocabulary, record_type))
    # Scored requirement by requirement over the documents still in the running; which
    # alternative counted, and why, is worked out only for the hits that are printed.
    totals = dict.fromkeys(numbers, 0.0)
    for requirement in positive:
        best = scorer.best_scores(requirement, totals)
        totals = {
            number: total + best[number] for number, total in totals.items() if number in best
        }
    return [(round(total, 3), number) for number, total in totals.items()], documents


def query(
    index: SearchIndex,
    parsed: ParsedQuery,
    vocabulary: Vocabulary | None = None,
    record_type: str | None = None,
    limit: int | None = None,
) -> SearchResult:
    """The records that match ``parsed``, best first, each with its snippet and reasons.

    Only documents that contain every required clause are scored, and only the ``limit``
    best are read whole, so that a query over an index on disk costs what it shows, not
    what the knowledge base holds. Raises ``UsageError`` for a filter value that ``kb list``
    would refuse too (kind:treaty is fine, kind:banana is not).
    """
    if vocabulary is None:
        from kbtool.search.vocabulary import shipped

        vocabulary = shipped()
    the_plan = plan(index, parsed, vocabulary)
    if the_plan.is_empty:
        return SearchResult(the_plan, [])
    positive = [r for r in the_plan.requirements if not r.negated]
    negative = [r for r in the_plan.requirements if r.negated]
    scorer: Scorer
    if any(_is_long(index, a) for r in the_plan.requirements for a in r.alternatives):
        from kbtool.search import arrays

        scorer, scored, documents = arrays.rank(
            index, positive, negative, the_plan.filters, vocabulary, record_type, limit
        )
    else:
        scorer = Scorer(index)
        scored, documents = _rank(
            scorer, positive, negative, the_plan.filters, vocabulary, record_type
        )
    if limit is not None and len(scored) > limit:
        # Only the best (and those tied with the last of them) need ordering, and only
        # their type and id, which an index on disk reads for these alone.
        cut = heapq.nlargest(limit, (item[0] for item in scored))[-1]
        scored = [item for item in scored if item[0] >= cut]
    index.prefetch(item[1] for item in scored)
    scored.sort(key=lambda item: (-item[0], index.label(item[1])))
    hits = []
    for score, number in scored[:limit]:
        matched = [
            reason
            for requirement in positive
            if (reason := scorer.reason(number, requirement)) is not None
        ]
        contributions = _field_contributions(matched)
        order = sorted(contributions, key=lambda name: -contributions[name])
        document = documents.get(number) or index.document(number)
        default = "title" if document.type == "instrument" else "text"
        hits.append(
            Hit(
                record=document.record,
                score=score,
                matched_fields=order,
                snippet=_snippet(document, matched, order[0] if order else default),
                reasons=matched,
            )
        )
    return SearchResult(the_plan, hits)
