"""What ``kb show`` tells about a quotation or a source, beyond the record's own fields.

A quotation comes with its instrument and the sentence of its source's text it stands in;
a source with the records that cite it and where their quoted words stand in its text. The
positions are found from the records' ``spans`` where they have them, else by looking the
words up in the text; nothing here guesses a passage the text does not hold.
"""

from __future__ import annotations

import re

import msgspec

from kbtool.models import Instrument, Quotation, Source, Span


class QuotationDetail(msgspec.Struct, frozen=True):
    quotation: Quotation
    instrument: Instrument | None
    source: Source | None
    # The sentence of the source's text the quotation stands in; None if the text lacks it.
    sentence: str | None
    # Where the quotation's words stand in ``sentence``: (start, end), or None.
    quoted: tuple[int, int] | None


class Passage(msgspec.Struct, frozen=True):
    """Words of a record found in a source's text: ``text[start:end]``."""

    start: int
    end: int
    record: str


class SourceDetail(msgspec.Struct, frozen=True):
    source: Source
    instruments: list[Instrument]
    quotations: list[Quotation]
    passages: list[Passage]


# The end of a sentence: a full stop, question or exclamation mark (and any closing quote
# or bracket after it) followed by a space, or a line break.
_SENTENCE_END = re.compile(r"[.?!][\"'”’)\]]*\s+|\n+")


def _span(spans: list[Span], field: str, source: Source) -> tuple[int, int] | None:
    text = source.text or ""
    for span in spans:
        if span.field == field and span.source == source.id and span.end <= len(text):
            return span.start, span.end
    return None


def find(
    text: str, words: str, spans: list[Span], field: str, source: Source
) -> tuple[int, int] | None:
    """Where ``words`` stand in ``text``: the record's span for ``field`` if it holds them,
    else their first occurrence; None when the text does not hold them."""
    span = _span(spans, field, source)
    if span is not None and text[span[0] : span[1]] == words:
        return span
    start = text.find(words)
    return (start, start + len(words)) if start >= 0 else None


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of ``text`` that holds ``text[start:end]``, as (start, end)."""
    begin = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        begin = match.end()
    after = _SENTENCE_END.search(text, end)
    finish = after.start() + len(after.group().rstrip()) if after else len(text)
    return begin, finish


def quotation_detail(
    quotation: Quotation, instrument: Instrument | None, source: Source | None
) -> QuotationDetail:
    text = source.text if source is not None else None
    if source is None or text is None:
        return QuotationDetail(quotation, instrument, source, None, None)
    found = find(text, quotation.text, quotation.spans, "text", source)
    if found is None:
        return QuotationDetail(quotation, instrument, source, None, None)
    context = _span(quotation.spans, "context", source)
    if context is not None and context[0] <= found[0] and found[1] <= context[1]:
        begin, finish = context
    else:
        begin, finish = sentence_around(text, *found)
    quoted = (found[0] - begin, found[1] - begin)
    return QuotationDetail(quotation, instrument, source, text[begin:finish], quoted)


def cites(instrument: Instrument, source_id: str) -> bool:
    """Whether an instrument draws on the source anywhere: its sources, officials,
    excerpts or claims."""
    return (
        source_id in instrument.sources
        or any(official.source == source_id for official in instrument.officials)
        or any(excerpt.source == source_id for excerpt in instrument.excerpts)
        or any(claim.source == source_id for claim in instrument.claims)
    )


def source_detail(
    source: Source, instruments: list[Instrument], quotations: list[Quotation]
) -> SourceDetail:
    """The source, the records citing it, and where their quoted words stand in its text."""
    citing = [instrument for instrument in instruments if cites(instrument, source.id)]
    quoting = [quotation for quotation in quotations if quotation.source == source.id]
    passages: list[Passage] = []
    text = source.text
    if text is not None:
        for quotation in quoting:
            found = find(text, quotation.text, quotation.spans, "text", source)
            if found is not None:
                passages.append(Passage(found[0], found[1], quotation.id))
        for instrument in citing:
            for excerpt in instrument.excerpts:
                start = text.find(excerpt.text) if excerpt.source == source.id else -1
                if start >= 0:
                    passages.append(Passage(start, start + len(excerpt.text), instrument.id))
    passages.sort(key=lambda passage: (passage.start, passage.end))
    return SourceDetail(source, citing, quoting, passages)
