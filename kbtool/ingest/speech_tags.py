"""Tags that name a speaker away from the quotation's own sentence.

Capitalised after the closing mark ("Said the minister.", "Added Kruse."), in the next
sentence ("The words were those of Dr. Ahmed Hassan"), at the end of the paragraph before
("President Aslan said:"), or as reported speech in the sentence before ("Moraa said Kenya
would import power.", past a fronted "Speaking to MAP,"). Each phrase found is resolved by
``attribution``. Imports ``segments``, ``name_words``, ``names``, ``pronouns``, ``quotes``,
``speaker_phrases`` and ``attribution``.
"""

from __future__ import annotations

import re

from kbtool.ingest.attribution import SPEECH_VERB, Attribution, resolve
from kbtool.ingest.name_words import SPEECH_VERBS, STYLE_WITH_STOP
from kbtool.ingest.names import Register
from kbtool.ingest.pronouns import FRONTED
from kbtool.ingest.quotes import Quote
from kbtool.ingest.segments import Document, Role, Span, tokens
from kbtool.ingest.speaker_phrases import is_noun_phrase, phrase_before, trim_after

_INVERTED = re.compile(
    rf"\s*(?P<verb>{SPEECH_VERBS})\s+"
    rf"(?P<np>(?:{STYLE_WITH_STOP}|[^.;:“”\"]){{1,80}}?)"
    # "Added Havili, whose country is still rebuilding ...": an aside may follow the name.
    r"(?:\.|,\s+(?:who|whose|whom|which)\b)",
    re.IGNORECASE,
)


def inverted_tag(
    text: str, document: Document, quote: Quote, names: Register
) -> Attribution | None:
    """ "“...” Said the minister." / "Added Kruse.": the tag is a sentence of its own."""
    after = text[quote.marks.end : quote.marks.end + 120]
    match = _INVERTED.match(after)
    if match is None or not match.group("verb")[:1].isupper():
        return None
    start = quote.marks.end
    speaker = trim_after(text, Span(start + match.start("np"), start + match.end("np")))
    if not is_noun_phrase(text, speaker):
        return None
    verb = Span(start + match.start("verb"), start + match.end("verb"))
    return resolve(text, speaker, verb, names, quote)


_THOSE_OF = re.compile(
    r"\s*(?:The\s+words\s+(?:were|are)\s+those\s+of|So\s+said|Those\s+were\s+the\s+words\s+of)\s+"
    rf"(?P<np>(?:{STYLE_WITH_STOP})?[^,.;:“”\"]{{1,80}})"
)


def named_after(text: str, quote: Quote, names: Register) -> Attribution | None:
    """ "“...” The words were those of Dr. Ahmed Hassan, ...": the speaker named next."""
    match = _THOSE_OF.match(text, quote.marks.end)
    if match is None:
        return None
    speaker = trim_after(text, Span(match.start("np"), match.end("np")))
    if not is_noun_phrase(text, speaker):
        return None
    return resolve(text, speaker, None, names, quote)


def said_before(text: str, document: Document, quote: Quote, names: Register) -> Attribution | None:
    """ "Moraa said Kenya would import power. “Cheaper power ...”": a quotation opening its
    sentence after one that reports what someone said, in the same paragraph, is theirs."""
    if text[quote.sentence.span.start : quote.marks.start].strip():
        return None
    paragraph = next(p for p in document.paragraphs if p.index == quote.sentence.paragraph)
    position = paragraph.sentences.index(quote.sentence)
    if position == 0:
        return None
    previous = paragraph.sentences[position - 1].span
    piece = text[previous.start : previous.end]
    if "“" in piece or '"' in piece:
        return None  # a tagged quotation before: the continuation rule decides
    verbs = list(SPEECH_VERB.finditer(text, previous.start, previous.end))
    if not verbs:
        return None
    verb = Span(verbs[0].start(), verbs[0].end())
    subject = phrase_before(text, previous.start, verb.start)
    starts = {_first_word(text, previous)}
    fronted = FRONTED.match(text, previous.start, previous.end)
    if fronted:  # "Speaking to MAP, Mushikiwabo said the air services deal would ..."
        starts.add(_first_word(text, Span(fronted.end(), previous.end)))
    if subject is None or subject.start not in starts:
        return None  # only the sentence's own subject: "Moraa said", "Lagesse described"
    return resolve(text, subject, verb, names, quote)


def _first_word(text: str, span: Span) -> int:
    words = tokens(text, span)
    index = 0
    while index < len(words) and words[index].lower in {"the", "a", "an"}:
        index += 1
    return words[index].span.start if index < len(words) else span.start


def announced(text: str, document: Document, quote: Quote, names: Register) -> Attribution | None:
    """ "President Aslan said:" ending the paragraph before a quotation that opens its own."""
    if text[quote.sentence.span.start : quote.marks.start].strip():
        return None
    body = [p for p in document.paragraphs if p.role is Role.BODY]
    position = next((i for i, p in enumerate(body) if p.index == quote.sentence.paragraph), None)
    if not position or not body[position - 1].sentences:
        return None
    announcing = body[position - 1].sentences[-1].span
    if not text[announcing.start : announcing.end].rstrip().endswith(":"):
        return None
    verbs = list(SPEECH_VERB.finditer(text, announcing.start, announcing.end))
    if not verbs:
        return None
    verb = Span(verbs[-1].start(), verbs[-1].end())
    subject = phrase_before(text, announcing.start, verb.start)
    if subject is None:
        return None
    return resolve(text, subject, verb, names, quote)


_SIGNED_OFF = re.compile(
    r"[ \t]*[—–-]{1,2}[ \t]*(?P<np>[^.;:“”\"\n—–]{2,60}?)[ \t]*\.?[ \t]*(?:\n|$)"
)


def signed_off(text: str, quote: Quote, names: Register) -> Attribution | None:
    """ "“We will remove every barrier.” — President Ruto": the name after a dash ends the
    paragraph."""
    match = _SIGNED_OFF.match(text, quote.marks.end)
    if match is None:
        return None
    speaker = Span(match.start("np"), match.end("np"))
    if not is_noun_phrase(text, speaker):
        return None
    return resolve(text, speaker, None, names, quote)


_LABELLED = re.compile(r"\s*(?P<np>[A-Z][^:;.“”\"\n]{1,60}?)\s*:\s*$")


def labelled(text: str, quote: Quote, names: Register) -> Attribution | None:
    """ "Mudavadi: “The visa waiver takes effect in thirty days.”": a name and a colon open
    the quotation's sentence, with no verb."""
    match = _LABELLED.fullmatch(text, quote.sentence.span.start, quote.marks.start)
    if match is None or SPEECH_VERB.search(match.group("np")):
        return None
    speaker = Span(match.start("np"), match.end("np"))
    # "Added Larraín: “...”": the inverted tag before the quotation; the verb is not a name.
    verb = re.match(rf"(?:{SPEECH_VERBS})\s+", match.group("np"), re.IGNORECASE)
    if verb is not None:
        speaker = Span(speaker.start + verb.end(), speaker.end)
    if not is_noun_phrase(text, speaker):
        return None
    # "Note:", "UPDATE:", "In Nairobi:" label a line too: only a person the article names is
    # a speaker here, unless a speech verb says so ("Added the president:").
    label = {t.lower for t in tokens(text, speaker)}
    if verb is None and not any(label & set(person.name_tokens) for person in names.people):
        return None
    attribution = resolve(text, speaker, None, names, quote)
    return attribution if attribution.is_person else None


def subject_before(
    text: str, document: Document, quote: Quote, names: Register
) -> Attribution | None:
    """ "Speaking after the ceremony, Naulu apologised for ...", then a paragraph that is a
    quotation and nothing else: the person the paragraph before is about."""
    paragraph = next(p for p in document.paragraphs if p.index == quote.sentence.paragraph)
    if text[paragraph.span.start : quote.marks.start].strip():
        return None
    body = [p for p in document.paragraphs if p.role is Role.BODY]
    position = body.index(paragraph) if paragraph in body else 0
    if not position or not body[position - 1].sentences:
        return None
    previous = body[position - 1].sentences[-1].span
    piece = text[previous.start : previous.end]
    if "“" in piece or '"' in piece:
        return None
    # "Speaking after the ceremony, Naulu ...": a circumstance, then the subject; not
    # "Standing beside Ambassador X, Minister Y said", whose X comes first.
    opener = re.match(
        r"(?:(?:Speaking|Addressing|Responding|Turning|Commenting|After|At|In|During|Later|"
        r"Earlier|Afterwards|Separately)\b[^,.;“”\"]{0,60},\s+)?",
        piece,
    )
    start = previous.start + (opener.end() if opener else 0)
    person = next(
        (p for p in names.people + names.bare if p.name_span.start == start),
        None,
    )
    if person is None:
        return None
    return resolve(text, person.name_span, None, names, quote)
