"""Paragraphs, sentences and tokens of an article, every one as character offsets.

Offsets index the article text exactly as it is stored as the source record's ``text``, so
``text[start:end]`` of any span is the evidence for the field it supports. Boilerplate
paragraphs (related-article links, social media calls, captions, copyright lines) are
recognised here so that no extraction rule has to think about them; captions are kept apart
because they may name the officials present even though they never yield a record.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True, order=True)
class Span:
    """Half-open character range ``[start, end)`` of the article text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


class Role(StrEnum):
    """What a paragraph is, as far as extraction is concerned."""

    BODY = "body"
    HEADLINE = "headline"
    RELATED = "related-link"  # "Also Read: ..." and the like
    SOCIAL = "social"  # "Follow our WhatsApp Channel ..."
    CAPTION = "caption"  # photo captions: officials present, never records
    COPYRIGHT = "copyright"
    NAVIGATION = "navigation"  # a masthead in capitals, "News | Activities | Video"


@dataclass(frozen=True)
class Sentence:
    span: Span
    paragraph: int  # index into Document.paragraphs


@dataclass(frozen=True)
class Paragraph:
    span: Span
    index: int
    role: Role
    sentences: tuple[Sentence, ...]


OPENING_QUOTES = '“"'
CLOSING_QUOTES = '”"'


def words(text: str) -> frozenset[str]:
    """A word list written as one string, to keep long vocabularies compact."""
    return frozenset(text.split())


_RELATED = re.compile(
    r"^\s*(?:also\s+read|read\s+also|read\s+more|related(?:\s+stories|\s+articles?)?|see\s+also|"
    r"more\s+from|you\s+may\s+also\s+like|recommended|editor'?s\s+picks?|trending)\s*[:|\-–—]",
    re.IGNORECASE,
)
_SOCIAL = re.compile(
    r"\b(?:follow\s+(?:us|our)\b.*\b(?:whatsapp|facebook|twitter|x|instagram|telegram|"
    r"tiktok|youtube|linkedin|channel|google\s+news)|subscribe\s+to\s+our|sign\s+up\s+for\s+our|"
    r"join\s+our\s+(?:whatsapp|telegram)|download\s+our\s+app|click\s+here\s+to)\b",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)|copyright\b)|all\s+rights\s+reserved", re.IGNORECASE)
# Captions announce themselves by a credit ("PHOTO/PCS.", "/Courtesy", "(Photo: Reuters)") or
# by a positional opening ("From left:", "L-R"), as news sites print them.
_CAPTION = re.compile(
    r"(?:^\s*(?:photo|image|picture|file\s+photo)\s*[:|/]|^\s*\(?(?:from\s+left|l-r|left\s+to\s+right)"
    r"\b|\bphoto\s*/\s*[\w .&-]+\.?\s*$|/\s*courtesy\b|\(\s*courtesy\s*\)|\(\s*photo\s*:|"
    r"\bphoto\s*(?:credit|by)\s*:)",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?…][”\"’')\]]*\s*$")

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = words(
    "mr mrs ms dr prof st gen lt col maj capt sgt sen rep gov hon rev fr jr sr no vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp dept univ est approx "
    "e.g i.e u.s u.k u.n a.m p.m h.e amb eng engr h.h h.r.h"
)


def classify(text: str, is_first: bool, known_caption: bool) -> Role:
    """The role of one paragraph, from its words alone."""
    if known_caption or _CAPTION.search(text):
        return Role.CAPTION
    if _RELATED.search(text):
        return Role.RELATED
    if _SOCIAL.search(text):
        return Role.SOCIAL
    if _COPYRIGHT.search(text):
        return Role.COPYRIGHT
    if _menu(text):
        return Role.NAVIGATION
    # A first line without a full stop is the article's headline: it repeats the body in
    # headline-speak ("sign investment treaty") that the rules must not read as new facts.
    if is_first and not _TERMINAL.search(text) and len(text.split()) <= 25:
        return Role.HEADLINE
    if _masthead(text):
        return Role.NAVIGATION
    return Role.BODY


def _menu(text: str) -> bool:
    """A page's menu pasted with its text: "Press releases | Activities | Video"; its tags
    ("Tags: Morocco, Ghana, King Mohammed VI")."""
    if re.match(r"\s*(?:tags|topics|keywords|filed\s+under|categories)\s*:", text, re.I):
        return True
    items = [item.strip() for item in text.split("|")]
    if len(items) >= 3 and all(0 < len(item.split()) <= 4 for item in items):
        return True
    # A breadcrumb: "Home / Politics / Serbia, Egypt sign ...", "News » Africa » ...".
    crumbs = re.split(r"\s+[/\u203a»>]\s+", text.strip())
    return len(crumbs) >= 3 and all(0 < len(c.split()) <= 3 for c in crumbs[:-1])


def _masthead(text: str) -> bool:
    """A line in capitals under the headline: "PRESIDENT OF THE REPUBLIC OF SERBIA"."""
    letters = [c for c in text if c.isalpha()]
    return (
        len(text.split()) >= 3
        and len(letters) >= 10
        and not any(c.islower() for c in letters)
        and not _TERMINAL.search(text)
    )


def _ends_sentence(text: str, stop: int, start: int) -> bool:
    """Whether the full stop at ``stop`` ends a sentence (not an abbreviation or initial)."""
    if text[stop] != ".":
        return True
    word = re.search(r"([\w.]+)$", text[start:stop])
    if word is None:
        return True
    token = word.group(1).lower().rstrip(".")
    if token in _ABBREVIATIONS:
        return False
    # Single letters are initials ("John F. Kennedy", "A.J. Nicholson"); three are more
    # often a country's ("U.A.E.", "D.R.C."), which may end a sentence.
    return re.fullmatch(r"(?:[^\W\d_]\.)?[^\W\d_]", token) is None


def split_sentences(text: str, span: Span, paragraph: int) -> list[Sentence]:
    """The sentences of one paragraph; quoted passages never end a sentence halfway."""
    sentences: list[Sentence] = []
    start = span.start
    in_curly = in_straight = False
    position = span.start
    while position < span.end:
        char = text[position]
        if char == "“":
            in_curly = True
        elif char == "”":
            in_curly = False
        elif char == '"':
            in_straight = not in_straight
        elif char in ".!?" and not in_curly and not in_straight:
            end = position + 1
            while end < span.end and text[end] in "”\"’')]":
                end += 1
            rest = text[end : end + 2]
            next_starts = (
                len(rest) == 2
                and rest[0].isspace()
                and (rest[1].isupper() or rest[1].isdigit() or rest[1] in OPENING_QUOTES)
            )
            if next_starts and _ends_sentence(text, position, start):
                sentences.append(Sentence(Span(start, end), paragraph))
                start = end + 1
                position = start
                continue
        position += 1
    if start < span.end:
        sentences.append(Sentence(Span(start, span.end), paragraph))
    return _split_after_closed_quotes(text, sentences)


_CLOSED_QUOTE_BREAK = re.compile(r"[.!?][”\"](?=\s+[A-Z“\"])")


def _split_after_closed_quotes(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """Split ``“We are ready.” The minister left.`` after the closing mark.

    The scan above never ends a sentence inside quotation marks, which keeps a quoted
    passage of several sentences whole; here a quotation whose last sentence ends inside the
    marks also ends the enclosing sentence, unless the words after it attribute it.
    """
    result: list[Sentence] = []
    for sentence in sentences:
        start = sentence.span.start
        piece = text[start : sentence.span.end]
        for match in _CLOSED_QUOTE_BREAK.finditer(piece):
            cut = sentence.span.start + match.end()
            if cut <= start:
                continue
            if not _quote_closes_at(text, start, cut):
                continue
            following = text[cut : sentence.span.end].lstrip()
            if _ATTRIBUTION_START.match(following):
                continue
            result.append(Sentence(Span(start, cut), sentence.paragraph))
            start = cut + (len(text[cut : sentence.span.end]) - len(following))
        result.append(Sentence(Span(start, sentence.span.end), sentence.paragraph))
    return result


def _quote_closes_at(text: str, start: int, cut: int) -> bool:
    """Whether the mark just before ``cut`` closes a quotation opened after ``start``."""
    mark = text[cut - 1]
    if mark == "”":
        return True
    return text[start:cut].count('"') % 2 == 0


# After a closed quotation, a sentence that goes on to say who spoke: "he said", "said X",
# "Ruto added", "the ministry said".
_ATTRIBUTION_START = re.compile(
    r"^(?:(?:he|she|they|it|we|i)\s+\w+|(?:said|says|added|told|asked|wrote)\b|"
    r"(?:[A-Z][\w’'\-]*\s+){1,5}(?:said|says|added|told|noted|stressed|explained|wrote)\b|"
    r"the\s+[\w\s]{0,40}?\b(?:said|says|added)\b)"
)


@dataclass(frozen=True)
class Document:
    text: str
    paragraphs: tuple[Paragraph, ...]

    def sentences(self, roles: frozenset[Role] = frozenset({Role.BODY})) -> Iterator[Sentence]:
        for paragraph in self.paragraphs:
            if paragraph.role in roles:
                yield from paragraph.sentences

    def sentence_at(self, position: int) -> Sentence | None:
        for paragraph in self.paragraphs:
            if paragraph.span.start <= position < paragraph.span.end:
                for sentence in paragraph.sentences:
                    if sentence.span.start <= position < sentence.span.end:
                        return sentence
        return None


def segment(text: str, captions: tuple[Span, ...] = ()) -> Document:
    """Cut ``text`` into paragraphs (non-blank lines) and sentences."""
    paragraphs: list[Paragraph] = []
    for match in re.finditer(r"[^\n]+", text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        span = Span(match.start() + lead, match.start() + lead + len(stripped))
        known_caption = any(c.start <= span.start and span.end <= c.end for c in captions)
        role = classify(stripped, not paragraphs, known_caption)
        index = len(paragraphs)
        paragraphs.append(Paragraph(span, index, role, tuple(split_sentences(text, span, index))))
    return Document(text, tuple(paragraphs))


# A word: letters or digits, with inner apostrophes and hyphens ("Owusu-Ansah", "Malaysia’s").
WORD = re.compile(r"[^\W_]+(?:[’'\-–][^\W_]+)*|&")


_JOINED_PARTICLES = frozenset({"al", "el", "as", "ash", "ad", "an", "ar", "at", "az", "ul", "ud"})


@dataclass(frozen=True)
class Token:
    text: str
    span: Span

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        if self.text[:1].isupper():
            return True
        # "el-Sisi", "al-Thani": a particle joined to the name it begins is part of it
        particle, hyphen, rest = self.text.partition("-")
        return bool(hyphen) and particle in _JOINED_PARTICLES and rest[:1].isupper()


def tokens(text: str, span: Span) -> list[Token]:
    """The words of ``text[span.start:span.end]``, with offsets into ``text``."""
    return [
        Token(m.group(), Span(m.start(), m.end()))
        for m in WORD.finditer(text, span.start, span.end)
    ]
