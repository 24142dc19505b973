"""What a descriptor asks for: "the Head of State", "the Ghanaian leader", "the minister".

A pattern of roles and the countries the descriptor names, and the countries the words
that introduce a person name; ``names.Register.described`` finds the person from them.
Imports ``segments``, ``countries`` and ``name_words``.
"""

from __future__ import annotations

import re

from kbtool.ingest.countries import country_of_word
from kbtool.ingest.name_words import PORTFOLIO_WORDS, ROLE_TITLES, Person, is_role_word
from kbtool.ingest.segments import Span, tokens, words

LEADERS = re.compile(
    r"\b(?:president|prime\s+minister|premier|king|queen|emir|sultan|chancellor)\b", re.I
)


HEADS_OF_STATE = re.compile(r"\b(?:president|king|queen|emir|sultan)\b", re.I)


HEADS_OF_GOVERNMENT = re.compile(r"\b(?:prime\s+minister|premier|chancellor)\b", re.I)


DESCRIPTOR_WORDS = ROLE_TITLES | words(
    "of for and the leader state government prime deputy vice foreign first second senior "
    "chief executive managing general assistant permanent cabinet"
)


def description(text: str, phrase: Span) -> tuple[re.Pattern[str], set[str]] | None:
    """What a descriptor asks for: a pattern of roles, and the countries it names."""
    words = tokens(text, phrase)
    countries: set[str] = set()
    kept: list[str] = []
    for word in words:
        country = country_of_word(word.text)
        if country is not None:
            countries.add(country)
        elif word.lower in DESCRIPTOR_WORDS or is_role_word(word) or word.lower in PORTFOLIO_WORDS:
            kept.append(word.lower)
        else:
            return None  # a name: not a descriptor
    roles = [w for w in kept if w not in {"the", "of", "for", "and"}]
    if not roles or not (words and words[0].lower == "the"):
        return None
    described = " ".join(w for w in kept if w != "the")
    if described == "head of state":
        return HEADS_OF_STATE, countries
    if described == "head of government":
        return HEADS_OF_GOVERNMENT, countries
    if described == "leader" or roles == ["leader"]:
        return LEADERS, countries
    return re.compile(r"\b" + r"\b.*\b".join(map(re.escape, roles)) + r"\b", re.I), countries


def countries_near(text: str, person: Person) -> set[str]:
    """The countries named in the words that introduce a person ("Ghana's President ...")."""
    start = max(0, min(person.position, person.name_span.start) - 25)
    before = re.split(r"\n|[.;]\s", text[start : person.name_span.end])[-1]
    # "President Chanda Mwansa of the Republic of Zambia": up to the end of that phrase.
    # "Rajesh Venkataraman, Minister of Commerce of India": the role after a comma counts.
    following = re.sub(r"^,\s+(?=[A-Z])", "", text[person.name_span.end :][:90])
    after = re.split(r"[,.;\n]|(?:^|\s)(?:and|said|who|which|whose)\s", following)[0]
    window = f"{before} {after} {person.role or ''}"
    found = set()
    for word in re.findall(r"[^\W\d_][\w’'-]*", window):
        country = country_of_word(word)
        if country is not None:
            found.add(country)
    return found
