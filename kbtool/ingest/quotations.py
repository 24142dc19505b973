"""The quotations an article holds: who said each, and the instrument it is about.

Quoted passages come from ``quotes``, their speakers from ``attribution``. A quotation with
no attribution of its own continues the previous speaker's words when it follows them in
the same or the next paragraph. The instrument is the one the sentence, else the paragraph,
refers to; a plural ("the agreements") means none. Imports ``segments``, ``found``,
``name_words``, ``person_phrases``, ``names``, ``quotes``, ``speaker_phrases``,
``attribution`` and ``speech_tags``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kbtool.ingest.attribution import SPEECH_VERB, Attribution, attribute
from kbtool.ingest.found import InstrumentReading, Reference
from kbtool.ingest.full_names import full_name_in
from kbtool.ingest.name_words import (
    PRONOUNS,
)
from kbtool.ingest.names import Register, organisation
from kbtool.ingest.person_phrases import parse_person
from kbtool.ingest.quotes import Quote, find_quotes
from kbtool.ingest.segments import Document, Role, Span
from kbtool.ingest.speaker_phrases import phrase_before
from kbtool.ingest.speech_tags import (
    announced,
    inverted_tag,
    labelled,
    named_after,
    said_before,
    signed_off,
    subject_before,
)


@dataclass(frozen=True)
class FoundQuotation:
    quote: Quote
    attribution: Attribution
    instrument: int | None
    instrument_span: Span | None
    continued: bool  # attributed by continuing the previous quotation


def read_quotations(
    document: Document, reading: InstrumentReading, names: Register
) -> list[FoundQuotation]:
    text = document.text
    _register_speakers(document, names)
    quotes = find_quotes(document)
    results: list[FoundQuotation] = []
    body_paragraphs = [p.index for p in document.paragraphs if p.role is Role.BODY]
    for position, quote in enumerate(quotes):
        left_limit = quote.sentence.span.start
        if position > 0 and quotes[position - 1].sentence == quote.sentence:
            left_limit = max(left_limit, quotes[position - 1].marks.end)
        closing = document.sentence_at(quote.marks.end - 1) or quote.sentence
        right_limit = max(quote.sentence.span.end, closing.span.end)
        if position + 1 < len(quotes) and quotes[position + 1].sentence == quote.sentence:
            right_limit = min(right_limit, quotes[position + 1].marks.start)
        # "“...” So said the minister, who ...": the speaker named right after the marks,
        # before the general rules read "So" as the one who said it.
        attribution = named_after(text, quote, names)
        if attribution is None:
            attribution = attribute(
                text,
                quote,
                Span(left_limit, quote.marks.start),
                Span(quote.marks.end, right_limit),
                names,
            )
        if attribution is None:
            attribution = inverted_tag(text, document, quote, names)
        if attribution is None:
            attribution = announced(text, document, quote, names)
        if attribution is None:
            attribution = said_before(text, document, quote, names)
        if attribution is None:
            attribution = signed_off(text, quote, names) or labelled(text, quote, names)
        if (
            attribution is not None
            and attribution.is_person
            and (
                " " not in attribution.speaker
                or attribution.speaker.split()[0].lower() in {"al", "el", "bin", "ould", "wa"}
            )
        ):
            # "Kenyatta said": the article gives the full name somewhere, if not with a title.
            full = full_name_in(text, attribution.speaker)
            if full is not None:
                attribution = replace(attribution, speaker=full)
        elif (
            attribution is not None
            and attribution.is_person
            and len(attribution.speaker.split()) == 2
            and attribution.full_span is None
        ):
            # "Passos Coelho told journalists" after "signed by Pedro Passos Coelho": a
            # compound surname, the whole name written once before.
            full = full_name_in(text, attribution.speaker)
            if full is not None and full.endswith(" " + attribution.speaker):
                attribution = replace(attribution, speaker=full)
        if attribution is not None and results:
            attribution = _same_speaker(text, attribution, quote, results[-1], names)
        continued = False
        opens_sentence = not text[quote.sentence.span.start : quote.marks.start].strip()
        if attribution is None and results and opens_sentence:
            # A quotation standing alone continues the words of the last speaker.
            previous = results[-1]
            gap = body_paragraphs.index(quote.sentence.paragraph) - body_paragraphs.index(
                previous.quote.sentence.paragraph
            )
            if gap <= 1:
                attribution = previous.attribution
                continued = True
        if attribution is None:
            attribution = subject_before(text, document, quote, names)
        if attribution is None:
            continue
        instrument, instrument_span = _instrument(reading, quote)
        if continued and instrument is None and instrument_span is None:
            previous = results[-1]
            if previous.quote.sentence.paragraph == quote.sentence.paragraph:
                instrument, instrument_span = previous.instrument, previous.instrument_span
        results.append(FoundQuotation(quote, attribution, instrument, instrument_span, continued))
    return results


def _register_speakers(document: Document, names: Register) -> None:
    """Add everyone who speaks by bare name ("Benali said ...") to the register.

    A later "he said" refers to whoever was last said to speak, even without quotation
    marks, so those mentions count for pronouns as much as titled ones.
    """
    text = document.text
    for sentence in document.sentences():
        for verb in SPEECH_VERB.finditer(text, sentence.span.start, sentence.span.end):
            phrase = phrase_before(text, sentence.span.start, verb.start())
            if phrase is None or phrase.of(text).lower() in PRONOUNS:
                continue
            if organisation(text, phrase) is not None:
                continue
            person = parse_person(text, phrase)
            if person is not None and all(p.position != person.position for p in names.people):
                names.people.append(person)
    names.people.sort(key=lambda p: p.position)


def _instrument(reading: InstrumentReading, quote: Quote) -> tuple[int | None, Span | None]:
    """The instrument a quotation is about: named in its sentence, else in its paragraph."""
    in_sentence = reading.in_sentence(quote.sentence)
    chosen = _nearest([r for r in in_sentence if r.instrument is not None], quote)
    if chosen is not None:
        return chosen.instrument, chosen.span
    if in_sentence:
        return None, in_sentence[0].span  # "the four instruments": about all, so none
    in_paragraph = reading.in_paragraph(quote.sentence.paragraph)
    chosen = _nearest([r for r in in_paragraph if r.instrument is not None], quote)
    if chosen is not None:
        return chosen.instrument, chosen.span
    return None, None


def _nearest(references: list[Reference], quote: Quote) -> Reference | None:
    if not references:
        return None
    before = [r for r in references if r.span.start < quote.marks.end]
    if before:
        return before[-1]
    return references[0]


def _same_speaker(
    text: str,
    attribution: Attribution,
    quote: Quote,
    previous: FoundQuotation,
    names: Register,
) -> Attribution:
    """ "... the Angolan Head of State stressed that Brazil was "...". / "We want ...," he
    said.": "he" is who spoke last, when nobody else has been named since."""
    if attribution.speaker_span.of(text).lower() not in {"he", "she"}:
        return attribution
    if not previous.attribution.is_person or previous.attribution.speaker == attribution.speaker:
        return attribution
    named = names.last_person_before(attribution.speaker_span.start)
    if (
        named is not None
        and named.position > previous.quote.marks.end
        and names.fullest(named).name != previous.attribution.speaker
    ):
        return attribution  # someone else was named after the last quotation ("Added Rao." is not)
    # Only a quotation that follows the last one with nothing between ("The President
    # agreed." names someone else), and not "he" after "she said".
    said = previous.attribution
    ends = [previous.quote.marks.end, said.speaker_span.end]
    ends += [said.verb_span.end] if said.verb_span else []
    tag_end = max(end for end in ends if end <= quote.marks.start)
    # The rest of the last quotation's sentence ("... the head of state assessed the results
    # of the talks.") is still its tag.
    rest = re.match(r"[^.!?“”\"\n]*[.!?]?", text[tag_end : quote.marks.start])
    if rest and re.search(r"\b(?:and|while|as|but)\s", rest.group()):
        return attribution  # "..., the minister said, and the Prime Minister nodded."
    if text[tag_end + (rest.end() if rest else 0) : quote.marks.start].strip(" \n.,"):
        return attribution
    other = (
        r"\b(?:she|her)\b"
        if attribution.speaker_span.of(text).lower() == "he"
        else r"\b(?:he|his)\b"
    )
    if re.search(other, previous.quote.sentence.span.of(text), re.IGNORECASE):
        return attribution
    return replace(attribution, speaker=said.speaker, role=said.role, role_span=said.role_span)
