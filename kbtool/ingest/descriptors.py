"""What a descriptor asks for: "the Head of State", "the Ghanaian leader", "the minister".

A pattern of roles and the countries the descriptor names, and the countries the words
that introduce a person name; the rank of an office (counterparts hold the same) and the
country a report is filed from; ``names.Register.described`` finds the person from them.
Imports ``segments``, ``countries`` and ``name_words``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kbtool.ingest.countries import country_named, country_of_word, find_countries
from kbtool.ingest.name_words import PORTFOLIO_WORDS, ROLE_TITLES, Person, is_role_word
from kbtool.ingest.segments import Span, tokens, words

LEADERS = re.compile(
    r"\b(?:president|prime\s+minister|premier|king|queen|emir|sultan|chancellor"
    r"|head\s+of\s+government)\b",
    re.I,
)


HEADS_OF_STATE = re.compile(r"\b(?:president|king|queen|emir|sultan)\b", re.I)


HEADS_OF_GOVERNMENT = re.compile(
    r"\b(?:prime\s+minister|premier|chancellor|head\s+of\s+government)\b", re.I
)


DESCRIPTOR_WORDS = ROLE_TITLES | words(
    "of for and the his her visiting guest host counterpart envoy cs crown "
    "leader statesman stateswoman state government prime deputy vice foreign first second senior "
    "chief executive managing general assistant permanent cabinet"
)


@dataclass(frozen=True)
class Description:
    """What a descriptor asks for: roles matching ``pattern``, of ``countries`` if any, and
    whether it means the visiting side, the host, or the other side of the last speaker."""

    pattern: re.Pattern[str]
    countries: set[str]
    side: str | None = None  # "visiting", "host" or "counterpart"


# Descriptors whose word is not the role the article gives: "the envoy" is the ambassador.
_SYNONYMS = {
    "envoy": r"\b(?:ambassador|high\s+commissioner|envoy|amb)\b",
    "cs": r"\b(?:cs|cabinet\s+secretary)\b",
    "counterpart": r"\w",
    # "the Ethiopian premier" is the Prime Minister the report names.
    "premier": r"\b(?:prime\s+minister|premier)\b",
}
_NOT_ROLES = {"the", "of", "for", "and", "his", "her"}
_SIDES = {"visiting": "visiting", "guest": "visiting", "host": "host", "counterpart": "counterpart"}


def description(text: str, phrase: Span) -> Description | None:
    """What a descriptor asks for: a pattern of roles, and the countries it names."""
    words = tokens(text, phrase)
    # "the New Zealand minister", "the South African leader": a country of several words.
    named = find_countries(text, phrase)
    countries: set[str] = {mention.country for mention in named}
    kept: list[str] = []
    for word in words:
        if any(m.span.start <= word.span.start < m.span.end for m in named):
            continue
        country = country_of_word(word.text)
        if country is not None:
            countries.add(country)
        elif word.lower in DESCRIPTOR_WORDS or is_role_word(word) or word.lower in PORTFOLIO_WORDS:
            kept.append(word.lower)
        elif word.lower in {"south", "north", "east", "west"}:
            continue  # "the South Korean leader": part of the nationality
        elif word.capitalised and (word is not words[-1] or "of" in kept):
            # "the Masdar chief": whose chief, a word of the role; "the Mayor of Zamość":
            # the place the office is of.
            kept.append(word.lower)
        else:
            return None  # a name: not a descriptor
    side = next((_SIDES[w] for w in kept if w in _SIDES), None)
    roles = [
        w for w in kept if w not in {"the", "of", "for", "and", "his", "her"} and w not in _SIDES
    ]
    if side == "counterpart" and not roles:
        roles = ["counterpart"]
    if side == "host" and not roles:
        roles = ["leader"]
    if not roles or not (words and words[0].lower in {"the", "his", "her"}):
        return None
    described = " ".join(w for w in kept if w not in {"the", "his", "her"} and w not in _SIDES)
    if side == "counterpart" and not described:
        return Description(re.compile(_SYNONYMS["counterpart"]), countries, side)
    if described == "head of state":
        return Description(HEADS_OF_STATE, countries, side)
    if described == "head of government":
        return Description(HEADS_OF_GOVERNMENT, countries, side)
    if described in {"leader", "president"} and side in {"visiting", "host"}:
        return Description(LEADERS, countries, side)
    if described in {"leader", "host", "statesman", "stateswoman"} or not described:
        return Description(LEADERS, countries, side)
    if described in _SYNONYMS:
        return Description(re.compile(_SYNONYMS[described], re.I), countries, side)
    # Every word of the descriptor in the role, in any order ("the Masdar chief" is the "Chief
    # Executive Officer of Masdar").
    heads = len(roles) > 1 and roles[-1] in _HEAD_WORDS
    wanted = [re.escape(w) for w in roles[:-1]] + [_HEADS if heads else re.escape(roles[-1])]
    pattern = re.compile("".join(rf"(?=.*\b{w}\b)" for w in wanted), re.I)
    return Description(pattern, countries, side)


# "the CCCI chief", "the SOCAR boss" (not "the chief executives", not "the chief" alone):
# whoever heads it, by the title the article gave them
_HEAD_WORDS = {"chief", "boss"}
_HEADS = (
    r"(?:chief|head|president|chairman|chairperson|chairwoman|chair|ceo|director-general|"
    r"managing\s+director|governor|principal|rector)"
)


def countries_near(text: str, person: Person) -> set[str]:
    """The countries named in the words that introduce a person ("Ghana's President ...")."""
    role = person.role or ""
    if re.search(r"\bof\b", role) and not re.search(r"\bto\b", role):
        # "President of Peru": the role says whose, whatever stands beside the name (not
        # "Ambassador to Tanzania", which says where).
        own = {m.country for m in find_countries(role, Span(0, len(role)))}
        if own:
            return own
    # Where the role starts: a title's run back over capitals may have reached into the
    # person before ("President of Belarus Anatoly Kuzmenko and Sultan Faisal ...").
    opening = person.role_span.start if person.role_span else person.position
    opening = min(opening, person.name_span.start)
    start = max(0, opening - 25)
    # Back to the sentence's start, not to the full stop of "H.E." or "Dr."; a country before
    # "and" is the other person's.
    before = re.split(r"\n|;\s|(?<=[a-z]{2})\.\s|\s(?:and|&)\s", text[start:opening])[-1]
    before += text[opening : person.name_span.end]
    # "President Chanda Mwansa of the Republic of Zambia": up to the end of that phrase.
    # "Rajesh Venkataraman, Minister of Commerce of India": the role after a comma counts.
    raw = text[person.name_span.end :][:110]
    following = re.sub(r"^,\s+(?=[A-Z])", "", raw)
    if following != raw:
        # "Rajesh Venkataraman, Minister of Commerce and Industry of India": a role after the
        # comma runs to the next comma, its own "and" included.
        after = re.split(r"[,.;\n]|(?:^|\s)(?:said|who|which|whose)\s", following)[0]
    elif re.match(r"\s+of\s+", raw):
        # "President Rafael Correa of Ecuador"
        after = re.split(r"[,.;\n]|(?:^|\s)(?:and|said|who|which|whose)\s", following)[0]
    else:
        after = ""  # "Ibrahim Bello's visit to Brasília" says where he went, not whose he is
    window = f"{before} {after} {person.role or ''}"
    # Countries of several words first ("New Zealand's", "South African"), then word by word.
    found = {mention.country for mention in find_countries(window, Span(0, len(window)))}
    for word in re.findall(r"[^\W\d_][\w’'-]*", window):
        country = country_of_word(word)
        if country is not None:
            found.add(country)
    return found


# "Head of State", "Head of Government": titles, though "government" heads bodies.
HEAD_OF = re.compile(r"\bhead\s+of\s+(?:the\s+)?(?:\w+\s+)?(?:state|government)\b", re.I)


_RANKS = (
    (2, re.compile(r"\b(?:deputy|vice)[\s-]+(?:prime\s+minister|president)\b", re.I)),
    (
        3,
        re.compile(
            r"\b(?:president|prime\s+minister|premier|king|queen|emir|sultan|chancellor)\b", re.I
        ),
    ),
    (1, re.compile(r"\b(?:principal|permanent|joint|deputy|assistant|under)\s+secretar", re.I)),
    (
        2,
        re.compile(
            r"\b(?:minister|(?:cabinet|foreign)\s+secretary|secretary\s+of\s+state|cs)\b", re.I
        ),
    ),
)


def rank_of_office(role: str | None) -> int:
    """Heads of state or government, ministers, then other officials."""
    for rank, pattern in _RANKS:
        if role and pattern.search(role):
            return rank
    return 1


def host_country(text: str) -> str | None:
    """The country a report is filed from: its dateline's capital, or the first capital named."""
    for line in text.splitlines()[:4]:
        dateline = re.match(r"\s*([A-Z][A-Z .’'-]{2,30}?)\s*[,(–—-]", line)
        if dateline:
            country = country_named(dateline.group(1).title())
            if country is not None:
                return country  # "NAIROBI, Nov 24 (KNA) -"
    for mention in find_countries(text, Span(0, min(len(text), 600))):
        if mention.by == "capital":
            return mention.country
    return None


_HOST_BEFORE = re.compile(
    r"(?:\b(?:hosted|received|welcomed)\s+by|\b(?:his|her|their)\s+host,?)\s+(?:[\w-]+\s+){0,3}$",
    re.I,
)
_HOST_AFTER = re.compile(r"(?:,[^,.]{0,60},)?\s+(?:hosted|received|welcomed)\b", re.I)
_GUEST_BEFORE = re.compile(
    r"\b(?:visiting|(?:hosted|received|welcomed)(?!\s+by)(?:\s+(?:his|her))?)\s+(?:[\w-]+\s+){0,3}$",
    re.I,
)
_GUEST_AFTER = re.compile(
    r"(?:[’']s\s+(?:[\w-]+\s+){0,3}|\s+(?:(?:state|official)\s+)?)visit\b", re.I
)


def side_in_visit(text: str, name: Span) -> str | None:
    """ "President X hosted President Y", "Y's state visit", "his host, President X": whether
    the words around a name make them the "host" or the "guest" of a visit."""
    before = text[max(0, name.start - 60) : name.start]
    after = text[name.end : name.end + 80]
    if _HOST_BEFORE.search(before) or _HOST_AFTER.match(after):
        return "host"
    if _GUEST_BEFORE.search(before) or _GUEST_AFTER.match(after):
        return "guest"
    return None
