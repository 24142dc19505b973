"""The quoted passages of an article's body, each with the sentence it stands in.

A quotation is the text between a pair of quotation marks (curly or straight) in the body,
at least four words long: shorter quoted words are labels or scare quotes ("a new
chapter"), and a name in quotation marks ("Vision 2030 Strategic Plan") is not something
said. Guillemets («...») are quotation marks too. One quotation may run over paragraphs:
the first has an opening mark and no closing one, the next opens with a mark again. Imports
only ``segments``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kbtool.ingest.segments import Document, Role, Sentence, Span

MIN_WORDS = 4


@dataclass(frozen=True)
class Quote:
    """A quoted passage: ``text`` is between the marks, ``marks`` includes them."""

    text: Span
    marks: Span
    sentence: Sentence


# A pair of marks; a page may open with a straight mark and close with a curly one, or the
# other way round ("“...” Said the minister." typed as '"...” Said ...').
# „...” or „..." (Polish, German, Czech pages in English keep their opening mark); «...»
# (Russian, Kazakh, French and Portuguese agencies' pages in English keep their guillemets).
_PAIR = re.compile(
    r"“([^“”]*)”|\"([^\"“”]*)”|“([^“”\"]*)\"|\"([^\"]*)\"|„([^„“”\"]*)[“”\"]|«((?:[^«»]|«[^«»]*»)*)»"
)


def find_quotes(document: Document) -> list[Quote]:
    """Every pair of quotation marks in the body, in text order.

    A quotation may run over paragraphs: the first has an opening mark and no closing one,
    the next opens with a mark again. It is one quotation, from the first mark to the last.
    """
    text = document.text
    found: list[Quote] = []
    body = [p for p in document.paragraphs if p.role is Role.BODY]
    continued_from: int | None = None  # where an unclosed quotation opened
    for paragraph in body:
        start, end = paragraph.span.start, paragraph.span.end
        if continued_from is not None:
            closing = re.match(r"\s*[“\"]([^“”\"]*)[”\"]", text[start:end])
            if closing:
                inner = Span(continued_from + 1, start + closing.end(1))
                marks = Span(continued_from, start + closing.end())
                sentence = document.sentence_at(continued_from)
                if sentence is not None:
                    found.append(Quote(inner, marks, sentence))
                start += closing.end()
            continued_from = None
        last = start
        for match in _PAIR.finditer(text, start, end):
            last = match.end()
            group = next(g for g in range(1, 7) if match.group(g) is not None)
            inner = Span(match.start(group), match.end(group))
            marks = Span(match.start(), match.end())
            sentence = document.sentence_at(marks.start)
            if sentence is None or len(inner.of(text).split()) < MIN_WORDS:
                continue
            if _is_a_title(inner.of(text)):
                continue
            found.append(Quote(inner, marks, sentence))
        unclosed = re.search(r"“[^“”]*$", text[last:end])
        if unclosed is None and text[start:end].count('"') % 2 == 1:
            # Straight marks: an odd one out opens a quotation the paragraph does not close,
            # if it stands where a quotation opens (not an inch mark: 'the 12" pipes').
            unclosed = re.search(r"(?:^|(?<=[\s(—–-]))\"[^\"]*$", text[last:end])
        if unclosed and len(unclosed.group().split()) >= MIN_WORDS:
            continued_from = last + unclosed.start()
    return found


def _is_a_title(words: str) -> bool:
    """“Vision 2030 Strategic Plan”: a name in quotation marks, not something said."""
    parts = words.split()
    return all(p[:1].isupper() or p[:1].isdigit() for p in parts) and not re.search(
        r"[.,!?]$", words
    )
