"""Who said a quotation: the speaker a tag names, resolved to the person or body it means.

The tag is a speech verb next to a noun phrase: before the quotation ("Ruto emphasised that
the pact seeks ...", "President Aslan said:" ending the paragraph before), after it ("...,
he said", "..., said Maria Lopes"); tags away from the quotation's sentence are found by
``speech_tags``. The phrase is resolved through the article's register: a pronoun to the last
person or body, a surname or a style ("His Highness") to the full name, a descriptor ("the
Ghanaian leader") to the person of that role and country, a name beside its role ("the
Mayor of Walvis Bay, Naomi Shilongo") to both; ``speaker_phrases`` finds the phrase.
Imports ``segments``, ``countries``, ``descriptors``, ``full_names``, ``interruptions``,
``name_words``, ``person_phrases``, ``names``, ``pronouns``, ``quotes`` and
``speaker_phrases``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kbtool.ingest.countries import country_named
from kbtool.ingest.descriptors import HEAD_OF
from kbtool.ingest.full_names import full_name_in
from kbtool.ingest.interruptions import interruption
from kbtool.ingest.name_words import (
    HONORIFICS,
    ORG_HEADS,
    PARTICLES,
    SPEECH_VERBS,
    STYLE_WITH_STOP,
    Person,
    is_country_word,
    is_role_word,
)
from kbtool.ingest.names import Register, organisation
from kbtool.ingest.person_phrases import parse_person
from kbtool.ingest.pronouns import subject_before
from kbtool.ingest.quotes import Quote
from kbtool.ingest.segments import Span, tokens
from kbtool.ingest.speaker_phrases import (
    STYLES_BEFORE_THE,
    has_title,
    is_noun_phrase,
    phrase_before,
    trim_after,
)

SPEECH_VERB = re.compile(rf"\b(?:{SPEECH_VERBS})\b")


_ACCORDING = re.compile(r"^\s*[Aa]ccording\s+to\s+(?P<np>[^,]{1,80}),")


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


def attribute(
    text: str, quote: Quote, left: Span, right: Span, names: Register
) -> Attribution | None:
    before = left.of(text)
    according = _ACCORDING.match(before)
    if according:
        speaker = Span(left.start + according.start("np"), left.start + according.end("np"))
        if is_noun_phrase(text, speaker):
            return resolve(text, speaker, None, names, quote)
    verbs = list(SPEECH_VERB.finditer(before))
    if verbs:
        verb = verbs[-1]
        verb_span = Span(left.start + verb.start(), left.start + verb.end())
        interrupted = interruption(text, left.start, verb_span.end)
        if interrupted is not None and interrupted.verb == verb_span:
            # "Vice President Bello, seated beside X, Minister of ..., told the gathering:"
            return resolve(text, interrupted.subject, verb_span, names, quote)
        subject = phrase_before(text, left.start, verb_span.start)
        if subject is not None:
            return resolve(text, subject, verb_span, names, quote)
    after = right.of(text)
    # "“...,” he said" / "“...,” the ministry said in a statement"
    # "“...,” Ruto said", "“...,” Ruto, who chaired the talks, said"
    match = re.match(
        rf"\s*[,—–-]?\s*(?P<np>(?:{STYLE_WITH_STOP})?[^,.;:“”\"]{{1,80}}?)"
        rf"(?:,\s+(?:who|whose|which)\b[^,.;:“”\"]{{1,80}},)?"
        rf"\s+(?P<verb>{SPEECH_VERBS})\b",
        after,
    )
    if match:
        speaker = Span(right.start + match.start("np"), right.start + match.end("np"))
        if is_noun_phrase(text, speaker):
            verb_span = Span(right.start + match.start("verb"), right.start + match.end("verb"))
            return resolve(text, speaker, verb_span, names, quote)
    # "“...,” said Maria Lopes, a campaigner with ..."
    match = re.match(
        rf"\s*[,—–-]?\s*(?P<verb>{SPEECH_VERBS})\s+"
        # "said Vice-Chancellor Prof. Dr. Mohammad Islam": a style's full stop is not the end
        rf"(?P<np>(?:{STYLE_WITH_STOP}|[^,.;:“”\"]){{1,80}})",
        after,
    )
    if match:
        speaker = Span(right.start + match.start("np"), right.start + match.end("np"))
        speaker = trim_after(text, speaker)
        if is_noun_phrase(text, speaker):
            verb_span = Span(right.start + match.start("verb"), right.start + match.end("verb"))
            attribution = resolve(text, speaker, verb_span, names, quote)
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
        speaker = trim_after(
            text, Span(right.start + match.start("np"), right.start + match.end("np"))
        )
        if is_noun_phrase(text, speaker):
            return resolve(text, speaker, None, names, quote)
    return None


def resolve(
    text: str, phrase: Span, verb: Span | None, names: Register, quote: Quote
) -> Attribution:
    """Who a speaker phrase names: a pronoun's antecedent, an organisation, or a person."""
    style = re.match(r"(\S+)\s+(?=the\s)", phrase.of(text))
    if style is not None and style.group(1) in STYLES_BEFORE_THE:
        phrase = Span(phrase.start + style.end(), phrase.end)  # "HM the King said"
    closed = re.match(r"[\w&-]+\)\s+(?=[A-Z])", phrase.of(text))
    if closed is not None:  # "Secretary (East) Vivek Rao Menon": the end of a bracket
        phrase = Span(phrase.start + closed.end(), phrase.end)
    owner = re.match(r"[A-Z][\w&-]*[’']s\s+(?=[A-Z])", phrase.of(text))
    named = owner is not None and all(
        w.capitalised and not is_country_word(w)
        for w in tokens(text, Span(phrase.start + owner.end(), phrase.end))
    )
    if owner is not None and named and not is_country_word(tokens(text, phrase)[0]):
        # "TOBB's Sarikaya said": the person, named with the body they lead.
        phrase = Span(phrase.start + owner.end(), phrase.end)
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
        person = None
        if not text[quote.sentence.span.start : quote.marks.start].strip():
            # "“...,” she said" after a sentence about her: its subject, not its last name.
            person = subject_before(text, quote.sentence.span.start, names, lower)
        person = person or names.last_person_before(phrase.start)
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
    if _body_named_by_country(text, phrase, names):
        # "Kenya Railways said": a body its country names, not a person called Railways.
        return Attribution(written, phrase, None, None, None, verb_text, verb, False)
    person = parse_person(text, phrase)
    if person is not None:
        return _person(names.fullest(person), phrase, verb, verb_text)
    styled = _STYLED_SURNAME.fullmatch(text, max(0, phrase.start - 5), phrase.end)
    if styled is not None:
        # "Mr. Greenland noted": a surname that is also a place's name, made a person by
        # the style before it.
        surname = styled.group("surname")
        # Without a fuller name, the style stays: "Mr. Israel", not the country.
        written_styled = text[styled.start("style") : styled.end()]
        return Attribution(
            full_name_in(text, surname) or written_styled,
            phrase,
            None,
            None,
            None,
            verb_text,
            verb,
            True,
        )
    # "Montenegro said" after "Prime Minister Luís Montenegro": a surname that is also a
    # place's name, of a person the article names in full.
    surnamed = [p for p in names.people if len(p.name_tokens) > 1 and p.name_tokens[-1] == lower]
    if " " not in written and len({p.name for p in surnamed}) == 1:
        return _person(names.fullest(surnamed[0]), phrase, verb, verb_text)
    return Attribution(written, phrase, None, None, None, verb_text, verb, False)


_STYLED_SURNAME = re.compile(
    r".*?\b(?P<style>(?:Mr|Mrs|Ms|Dr|Prof)\.?)\s+(?P<surname>[A-Z][\w’'-]+)", re.DOTALL
)


def _body_named_by_country(text: str, phrase: Span, names: Register) -> bool:
    words = tokens(text, phrase)
    if len(words) < 2 or country_named(words[0].text) is None or "’" in words[0].text:
        return False
    rest = {w.lower for w in words[1:]}
    known = any(
        rest <= set(person.name_tokens) and len(person.name_tokens) > len(rest)
        for person in names.people
    )  # "Kenya's Ruto" is a person the article names in full; "Kenya Railways" is not
    return (
        not known and not any(is_role_word(w) for w in words) and all(w.capitalised for w in words)
    )


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
    roles = [p for p in parts if has_title(tokens(text, p))]
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
        (w.capitalised or (0 < i < len(words) - 1 and w.lower in PARTICLES))
        and w.lower not in ORG_HEADS
        and country_named(w.text) is None
        for i, w in enumerate(words)
    )


def parse_person_like(text: str, phrase: Span) -> bool:
    """ "Prime Minister Kenji Mori" has no organisation word, but "chief executive" might."""
    if HEAD_OF.search(phrase.of(text)):
        return True  # "the Head of Government": a person's title
    words = tokens(text, phrase)
    if words and is_role_word(words[-1]) and words[-1].lower not in ORG_HEADS:
        return True  # "the Prime Cabinet Secretary": a title, though "cabinet" heads bodies
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
