"""What ends a title's complement besides punctuation and stop words.

Another side after "with" ("an MoU on Port Training with the Port of Rotterdam Authority",
"with the Minister of Trade, ..."), unless two countries are the subject already; a venue
after a formal title ("... in Ha Long city on Friday"); and what does not end it: the users
after "by" ("ports by Bhutanese traders"). Imports ``countries``, ``instrument_words``,
``parties`` and ``segments``.
"""

from __future__ import annotations

import re

from kbtool.ingest.countries import country_named, country_of_word
from kbtool.ingest.instrument_words import TIME_WORDS
from kbtool.ingest.parties import reads_as_name
from kbtool.ingest.segments import Token

_TWO_COUNTRIES = re.compile(
    r"\b(?P<a>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)\s+(?:and|&)\s+(?P<b>[A-Z][\w’'-]*"
    r"(?:\s+[A-Z][\w’'-]*)?)\s+(?:(?:on\s+\w+|also|today|yesterday|have|has)\s+)*"
    r"(?:signed|inked|concluded|exchanged)\b"
)


def a_party_follows(words: list[Token], index: int) -> bool:
    """Whether the words at ``index`` name a body or a country ("the Port of Rotterdam
    Authority", "Kenya"), not a topic ("with Third Countries")."""
    if index < len(words) and words[index].lower == "the":
        index += 1
    run: list[str] = []
    while index < len(words) and (
        words[index].capitalised or (run and words[index].lower in {"of", "and", "for"})
    ):
        run.append(words[index].text)
        index += 1
    name = " ".join(run).removesuffix(" of").removesuffix(" and").removesuffix(" for")
    return bool(name) and (country_named(name) is not None or reads_as_name(name))


def a_venue(text: str, words: list[Token], index: int) -> bool:
    """ "Ha Long city", "Hanoi on Tuesday": where a signing took place, not a title's place."""
    if index >= len(words) or not words[index].capitalised:
        return False
    while index < len(words) and words[index].capitalised:
        index += 1
    if index >= len(words):
        return False
    after = words[index].lower
    on_a_day = after == "on" and index + 1 < len(words) and TIME_WORDS.match(words[index + 1].text)
    # "in Ha Long city on ..." is where; "in Kumasi city infrastructure" what
    goes_on = (
        index + 1 < len(words)
        and not words[index + 1].capitalised
        and words[index + 1].lower not in {"on", "at", "in", "yesterday", "today", "last", "this"}
        and not text[words[index].span.end : words[index + 1].span.start].strip()
    )
    return (after in {"city", "town"} and not goes_on) or bool(on_a_day)


# Who signs or witnesses: "by Bhutanese officials" is, "by Bhutanese traders" is not.
_SIGNING_PEOPLE = frozenset(
    {
        "officials",
        "ministers",
        "leaders",
        "counterparts",
        "delegations",
        "delegation",
        "authorities",
        "government",
        "governments",
        "side",
        "sides",
        "envoys",
        "ambassadors",
    }
)


def users_follow(words: list[Token], index: int) -> bool:
    """ "the use of Chattogram and Mongla ports by Bhutanese traders": who uses it, not who
    signed it."""
    if words[index].lower != "by" or index + 2 >= len(words):
        return False
    nationality, noun = words[index + 1], words[index + 2]
    return (
        country_of_word(nationality.text) is not None
        and noun.text.islower()
        and noun.lower not in _SIGNING_PEOPLE
    )


def two_countries_signed(text: str, start: int, end: int) -> bool:
    """ "Kenya and Japan on Tuesday signed": two countries are the subject."""
    return any(
        country_named(m.group("a")) is not None and country_named(m.group("b")) is not None
        for m in _TWO_COUNTRIES.finditer(text, start, end)
    )


def an_office_follows(words: list[Token], index: int) -> bool:
    """ "with the Minister of Trade", "with his counterpart": a person, not a topic."""
    if index < len(words) and words[index].lower in {"the", "his", "her", "their"}:
        index += 1
    if index < len(words) and country_of_word(words[index].text) is not None:
        index += 1  # "with the Indonesian Minister of Trade", "his Indonesian counterpart"
    return index < len(words) and (
        words[index].lower in _OFFICES or words[index].lower in {"counterpart", "counterparts"}
    )


_OFFICES = frozenset(
    {
        "minister",
        "secretary",
        "president",
        "ambassador",
        "governor",
        "mayor",
        "chairman",
        "chairperson",
        "director",
        "director-general",
        "commissioner",
        "prime",
        "deputy",
        "vice",
    }
)


def capital_next(words: list[Token], index: int) -> bool:
    """Whether a capitalised word follows, past "the": "concerning the Transfer of ..."."""
    following = index + 1
    if (
        following + 1 < len(words)
        and words[following].lower == "the"
        # "concerning the Accra talks": a place's name is no title's first word
        and country_named(words[following + 1].text) is None
        and country_of_word(words[following + 1].text) is None
    ):
        following += 1
    return following < len(words) and words[following].capitalised
