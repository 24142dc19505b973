"""Rules that find quotations, who said them, and the instrument each is about.

A quotation is the text between a pair of quotation marks (curly or straight) in the body,
at least four words long: shorter quoted words are labels or scare quotes ("a new chapter").
Its speaker is the noun phrase next to a speech verb in the same sentence: before the
quotation ("Ruto emphasised that the pact seeks “...”", "what President Ruto described as
“...”") or after it ("“...,” he said", "“...,” said Maria Lopes"). A quotation with no
attribution of its own continues the previous speaker's words when it follows them in the
same or the next paragraph. Short names, bare organisation words and pronouns are resolved
through the article's register of names (``kbtool.ingest.names``). The instrument is the one
the sentence, else the paragraph, refers to; a plural ("the agreements") means none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kbtool.ingest.countries import country_named
from kbtool.ingest.found import InstrumentReading, Reference
from kbtool.ingest.name_words import (
    HONORIFICS,
    ORG_HEADS,
    PRONOUNS,
    ROLE_TITLES,
    Person,
    is_role_word,
)
from kbtool.ingest.names import Register, full_name_in, organisation
from kbtool.ingest.person_phrases import parse_person
from kbtool.ingest.segments import Document, Role, Sentence, Span, tokens

SPEECH_VERBS = (
    r"said|says|say|told|tells|added|adds|noted|notes|stated|explained|indicated|"
    r"emphasi[sz]ed|stressed|highlighted|described|remarked|declared|announced|observed|"
    r"affirmed|underscored|urged|pointed\s+out|asserted|insisted|continued|recalled|argued|"
    r"maintained|acknowledged|reiterated|wrote|tweeted|posted|vowed|promised|pledged|hailed|"
    r"praised|called|termed|assured|warned|revealed|disclosed|confirmed|cautioned|replied|"
    r"conceded|admitted|predicted|hoped|welcomed|lauded|assessed|commented|responded"
)
_VERB = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
_MIN_WORDS = 4
# Words between a speaker and the verb ("Ruto also said", "the ministry has said").
_ADVERBS = re.compile(
    r"\s+(?:also|later|then|further|previously|earlier|recently|has|have|had|again|once)$"
)
# A clause between a speaker and the verb: ", who received ...,", ", a campaigner,",
# ", speaking at a community event,".
_RELATIVE = re.compile(r",\s+(?:(?:who|whose|which)\b|(?:a|an)\s|\w+ing\b|\w+ed\b)[^,]*,$")
_ACCORDING = re.compile(r"^\s*[Aa]ccording\s+to\s+(?P<np>[^,]{1,80}),")
_LOWER_NP_WORDS = (
    ORG_HEADS
    | ROLE_TITLES
    | {
        "leader",
        "head",
        "foreign",
        "finance",
        "trade",
        "chief",
        "executive",
        "deputy",
        "officials",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "minister",
        "president",
        "secretary",
        "director",
    }
)


@dataclass(frozen=True)
class Quote:
    """A quoted passage: ``text`` is between the marks, ``marks`` includes them."""

    text: Span
    marks: Span
    sentence: Sentence


@dataclass(frozen=True)
class Attribution:
    speaker: str
    speaker_span: Span  # the words naming the speaker next to the quotation
    full_span: Span | None  # where the article gives the fullest name, if elsewhere
    role: str | None
    role_span: Span | None
    verb: str | None
    verb_span: Span | None
    is_person: bool


@dataclass(frozen=True)
class FoundQuotation:
    quote: Quote
    attribution: Attribution
    instrument: int | None
    instrument_span: Span | None
    continued: bool  # attributed by continuing the previous quotation


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
        for match in re.finditer(r"“([^“”]*)”|\"([^\"]*)\"", text[start:end]):
            last = start + match.end()
            group = 1 if match.group(1) is not None else 2
            inner = Span(start + match.start(group), start + match.end(group))
            marks = Span(start + match.start(), start + match.end())
            sentence = document.sentence_at(marks.start)
            if sentence is None or len(inner.of(text).split()) < _MIN_WORDS:
                continue
            if _is_a_title(inner.of(text)):
                continue
            found.append(Quote(inner, marks, sentence))
        unclosed = re.search(r"“[^“”]*$", text[last:end])
        if unclosed and len(unclosed.group().split()) >= _MIN_WORDS:
            continued_from = last + unclosed.start()
    return found


def _is_a_title(words: str) -> bool:
    """“Vision 2030 Strategic Plan”: a name in quotation marks, not something said."""
    parts = words.split()
    return all(p[:1].isupper() or p[:1].isdigit() for p in parts) and not re.search(
        r"[.,!?]$", words
    )


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
        attribution = _attribute(
            text,
            quote,
            Span(left_limit, quote.marks.start),
            Span(quote.marks.end, right_limit),
            names,
        )
        if attribution is None:
            attribution = _inverted_tag(text, document, quote, names)
        if attribution is None:
            attribution = _announced(text, document, quote, names)
        if attribution is not None and attribution.is_person and " " not in attribution.speaker:
            # "Kenyatta said": the article gives the full name somewhere, if not with a title.
            full = full_name_in(text, attribution.speaker)
            if full is not None:
                attribution = replace(attribution, speaker=full)
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
            continue
        instrument, instrument_span = _instrument(reading, quote)
        if continued and instrument is None and instrument_span is None:
            previous = results[-1]
            if previous.quote.sentence.paragraph == quote.sentence.paragraph:
                instrument, instrument_span = previous.instrument, previous.instrument_span
        results.append(FoundQuotation(quote, attribution, instrument, instrument_span, continued))
    return results


_INVERTED = re.compile(
    rf"\s*(?P<verb>{SPEECH_VERBS})\s+"
    rf"(?P<np>(?:(?:Mr|Mrs|Ms|Dr|Prof|Hon|Eng)\.\s+)?[^.;:“”\"]{{1,80}})\.",
    re.IGNORECASE,
)


def _inverted_tag(
    text: str, document: Document, quote: Quote, names: Register
) -> Attribution | None:
    """ "“...” Said the minister." / "Added Kruse.": the tag is a sentence of its own."""
    after = text[quote.marks.end : quote.marks.end + 120]
    match = _INVERTED.match(after)
    if match is None or not match.group("verb")[:1].isupper():
        return None
    start = quote.marks.end
    speaker = _trim_after(text, Span(start + match.start("np"), start + match.end("np")))
    if not _is_noun_phrase(text, speaker):
        return None
    verb = Span(start + match.start("verb"), start + match.end("verb"))
    return _resolve(text, speaker, verb, names, quote)


def _announced(text: str, document: Document, quote: Quote, names: Register) -> Attribution | None:
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
    verbs = list(_VERB.finditer(text, announcing.start, announcing.end))
    if not verbs:
        return None
    verb = Span(verbs[-1].start(), verbs[-1].end())
    subject = _phrase_before(text, announcing.start, verb.start)
    if subject is None:
        return None
    return _resolve(text, subject, verb, names, quote)


def _register_speakers(document: Document, names: Register) -> None:
    """Add everyone who speaks by bare name ("Benali said ...") to the register.

    A later "he said" refers to whoever was last said to speak, even without quotation
    marks, so those mentions count for pronouns as much as titled ones.
    """
    text = document.text
    for sentence in document.sentences():
        for verb in _VERB.finditer(text, sentence.span.start, sentence.span.end):
            phrase = _phrase_before(text, sentence.span.start, verb.start())
            if phrase is None or phrase.of(text).lower() in PRONOUNS:
                continue
            if organisation(text, phrase) is not None:
                continue
            person = parse_person(text, phrase)
            if person is not None and all(p.position != person.position for p in names.people):
                names.people.append(person)
    names.people.sort(key=lambda p: p.position)


def _attribute(
    text: str, quote: Quote, left: Span, right: Span, names: Register
) -> Attribution | None:
    before = left.of(text)
    according = _ACCORDING.match(before)
    if according:
        speaker = Span(left.start + according.start("np"), left.start + according.end("np"))
        if _is_noun_phrase(text, speaker):
            return _resolve(text, speaker, None, names, quote)
    verbs = list(_VERB.finditer(before))
    if verbs:
        verb = verbs[-1]
        verb_span = Span(left.start + verb.start(), left.start + verb.end())
        subject = _phrase_before(text, left.start, verb_span.start)
        if subject is not None:
            return _resolve(text, subject, verb_span, names, quote)
    after = right.of(text)
    # "“...,” he said" / "“...,” the ministry said in a statement"
    match = re.match(
        rf"\s*[,—–-]?\s*(?P<np>[^,.;:“”\"]{{1,80}}?)\s+(?P<verb>{SPEECH_VERBS})\b", after
    )
    if match:
        speaker = Span(right.start + match.start("np"), right.start + match.end("np"))
        if _is_noun_phrase(text, speaker):
            verb_span = Span(right.start + match.start("verb"), right.start + match.end("verb"))
            return _resolve(text, speaker, verb_span, names, quote)
    # "“...,” said Maria Lopes, a campaigner with ..."
    match = re.match(rf"\s*[,—–-]?\s*(?P<verb>{SPEECH_VERBS})\s+(?P<np>[^,.;:“”\"]{{1,80}})", after)
    if match:
        speaker = Span(right.start + match.start("np"), right.start + match.end("np"))
        speaker = _trim_after(text, speaker)
        if _is_noun_phrase(text, speaker):
            verb_span = Span(right.start + match.start("verb"), right.start + match.end("verb"))
            attribution = _resolve(text, speaker, verb_span, names, quote)
            role = re.match(r",\s+(?:a|an|the)\s+(?P<role>[^,.;]+)", text[speaker.end : right.end])
            if role and attribution.is_person and attribution.role is None:
                role_span = Span(speaker.end + role.start("role"), speaker.end + role.end("role"))
                return Attribution(
                    attribution.speaker,
                    attribution.speaker_span,
                    attribution.full_span,
                    role_span.of(text),
                    role_span,
                    attribution.verb,
                    attribution.verb_span,
                    True,
                )
            return attribution
    match = re.match(r"\s*,?\s*according\s+to\s+(?P<np>[^,.;:“”\"]{1,80})", after)
    if match:
        speaker = _trim_after(
            text, Span(right.start + match.start("np"), right.start + match.end("np"))
        )
        if _is_noun_phrase(text, speaker):
            return _resolve(text, speaker, None, names, quote)
    return None


def _trim_after(text: str, span: Span) -> Span:
    """Keep the capitalised name of "Maria Lopes in Jakarta" / "the ministry on Monday"."""
    words = tokens(text, span)
    kept = []
    for index, word in enumerate(words):
        if index and not (word.capitalised or word.lower in _LOWER_NP_WORDS | {"of", "and", "&"}):
            break
        kept.append(word)
    while kept and kept[-1].lower in {"of", "and", "&"}:
        kept.pop()
    return Span(kept[0].span.start, kept[-1].span.end) if kept else span


def _is_noun_phrase(text: str, span: Span) -> bool:
    words = tokens(text, span)
    if not words or len(words) > 10:
        return False
    if len(words) == 1 and words[0].lower in PRONOUNS:
        return True
    for index, word in enumerate(words):
        if word.capitalised or word.lower in _LOWER_NP_WORDS or word.lower in {"of", "and", "&"}:
            continue
        if index > 0 and word.lower == "for":
            continue  # "Second Minister for Trade and Industry Grace Lim"
        if index == 0 and word.lower == "the":
            continue
        return False
    return any(w.capitalised or w.lower in ORG_HEADS or w.lower in ROLE_TITLES for w in words)


def _phrase_before(text: str, start: int, verb_start: int) -> Span | None:
    """The speaker phrase that ends just before a speech verb, read backwards."""
    piece = text[start:verb_start].rstrip()
    while True:
        shorter = _ADVERBS.sub("", piece)
        if shorter == piece:
            break
        piece = shorter
    relative = _RELATIVE.search(piece)
    if relative:
        piece = piece[: relative.start()]
    piece = piece.rstrip()
    words = tokens(text, Span(start, start + len(piece)))
    chosen: list[int] = []
    index = len(words) - 1
    while index >= 0:
        word = words[index]
        if chosen:
            gap = text[word.span.end : words[chosen[-1]].span.start]
            between_capitals = gap.strip() == "," and word.capitalised
            if gap.strip() and not between_capitals:
                break
        if word.lower in PRONOUNS and not chosen:
            return word.span
        if word.lower == "the":
            break
        if (
            word.capitalised
            or word.lower in _LOWER_NP_WORDS
            or (chosen and word.lower in {"of", "and", "&", "for"})
        ):
            chosen.append(index)
            index -= 1
            continue
        break
    while chosen and words[chosen[-1]].lower in {"of", "and", "&", "for"}:
        chosen.pop()
    if not chosen:
        return None
    first, last = words[chosen[-1]], words[chosen[0]]
    return Span(first.span.start, last.span.end)


def _resolve(
    text: str, phrase: Span, verb: Span | None, names: Register, quote: Quote
) -> Attribution:
    """Who a speaker phrase names: a pronoun's antecedent, an organisation, or a person."""
    written = phrase.of(text)
    verb_text = verb.of(text) if verb else None
    honoured = _honoured(text, phrase, names)
    if honoured is not None:  # "His Highness said"
        return _person(honoured, phrase, verb, verb_text)
    appositive = _appositive(text, phrase, names)
    if appositive is not None:
        return _person(appositive, phrase, verb, verb_text)
    lower = written.lower()
    if lower in {"he", "she"}:
        person = names.last_person_before(phrase.start)
        if person is not None:
            return _person(names.fullest(person), phrase, verb, verb_text)
    if lower in {"it", "they"}:
        found = names.last_organisation_before(phrase.start)
        if found is not None:
            return Attribution(found.name, phrase, found.span, None, None, verb_text, verb, False)
    body = organisation(text, phrase)
    if body is not None and (body.head in ORG_HEADS and not parse_person_like(text, phrase)):
        full = body
        if len(tokens(text, body.span)) == 1 or body.name.lower() in {
            f"{w} {body.head}" for w in ("foreign", "finance", "trade")
        }:
            full = names.fullest_organisation(body)
        if full is body:
            # A body speaking in full is what a later "it said" refers to.
            names.organisations.append(body)
        return Attribution(
            full.name,
            phrase,
            full.span if full is not body else None,
            None,
            None,
            verb_text,
            verb,
            False,
        )
    described = names.described(text, _with_article(text, phrase))
    if described is not None:
        return _person(described, phrase, verb, verb_text)
    person = parse_person(text, phrase)
    if person is not None:
        return _person(names.fullest(person), phrase, verb, verb_text)
    return Attribution(written, phrase, None, None, None, verb_text, verb, False)


def _with_article(text: str, phrase: Span) -> Span:
    """ "Head of State" read after "the": the descriptor with its article."""
    before = text[max(0, phrase.start - 4) : phrase.start]
    return Span(phrase.start - 4, phrase.end) if before.lower() == "the " else phrase


_STYLES = re.compile(r"(?:his|her)\s+(?:royal\s+)?(?:highness|excellency|majesty)", re.I)


def _honoured(text: str, phrase: Span, names: Register) -> Person | None:
    """ "His Highness": the person the article last named with that style."""
    written = phrase.of(text)
    if not _STYLES.fullmatch(written):
        return None
    pattern = re.compile(
        rf"{re.escape(written)}\s+((?:(?:[A-Z][\w’'-]+|bin|binti|al)\s+){{0,6}}[A-Z][\w’'-]+)"
    )
    found = [m for m in pattern.finditer(text, 0, phrase.start)]
    if not found:
        return None
    words = tokens(text, Span(found[-1].start(1), found[-1].end(1)))
    while len(words) > 1 and words[0].lower.rstrip(".") in HONORIFICS:
        words = words[1:]  # "Sheikh"
    span = Span(words[0].span.start, words[-1].span.end)
    return names.fullest(Person(span.of(text), span, None, None, span.start))


def _appositive(text: str, phrase: Span, names: Register) -> Person | None:
    """ "Al-Mutairi, Deputy Minister for Electricity Affairs", "the Mayor of Walvis Bay,
    Naomi Shilongo": a name and a role side by side, the name resolved in full."""
    written = phrase.of(text)
    after = re.match(
        r",\s+((?:[A-Z][\w’'-]+\s+){0,3}[A-Z][\w’'-]+)\s*(?=[,.;]|$)", text[phrase.end :]
    )
    if "," not in written and after is None:
        return None
    parts: list[Span] = []
    start = phrase.start
    for piece in re.split(r",\s*", written):
        at = text.index(piece, start)
        parts.append(Span(at, at + len(piece)))
        start = at + len(piece)
    if after is not None:
        parts.append(Span(phrase.end + after.start(1), phrase.end + after.end(1)))
    roles = [p for p in parts if any(is_role_word(w) for w in tokens(text, p))]
    bare = [p for p in parts if p not in roles and _is_bare_name(text, p)]
    if not roles and len(bare) == 1 and len(parts) == 2:
        # "the Ministry of Foreign Affairs, Ogbonna Eze": its spokesperson, named.
        body = next(p for p in parts if p != bare[0])
        if organisation(text, body) is not None:
            return names.fullest(Person(bare[0].of(text), bare[0], None, None, phrase.start))
    if len(roles) != 1 or len(bare) != 1:
        return None
    name, role = bare[0], roles[0]
    name_words = tokens(text, name)
    while len(name_words) > 1 and name_words[0].lower.rstrip(".") in HONORIFICS:
        name_words = name_words[1:]  # "Mr Jean-Marc Lebon"
    name = Span(name_words[0].span.start, name_words[-1].span.end)
    role_words = [w for w in tokens(text, role) if w.lower != "the"]
    role_span = Span(role_words[0].span.start, role_words[-1].span.end)
    person = Person(name.of(text), name, role_span.of(text), role_span, phrase.start)
    full = names.fullest(person)
    written_name = full.name if " " in full.name else full_name_in(text, full.name) or full.name
    return Person(written_name, full.name_span, role_span.of(text), role_span, phrase.start)


def _is_bare_name(text: str, span: Span) -> bool:
    words = tokens(text, span)
    return bool(words) and all(
        w.capitalised and w.lower not in ORG_HEADS and country_named(w.text) is None for w in words
    )


def parse_person_like(text: str, phrase: Span) -> bool:
    """ "Prime Minister Kenji Mori" has no organisation word, but "chief executive" might."""
    person = parse_person(text, phrase)
    return person is not None and person.role is not None


def _person(person: Person, phrase: Span, verb: Span | None, verb_text: str | None) -> Attribution:
    return Attribution(
        person.name,
        phrase,
        person.name_span if person.name_span != phrase else None,
        person.role,
        person.role_span,
        verb_text,
        verb,
        True,
    )


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
