"""A person written with a title before the name: "President William Ruto", "Minister of
Foreign Affairs, Claudine Mukamana,", "Cabinet Secretary for Trade Hon. Beatrice Jeptoo".

From a title word, the role runs back over capitalised words and on over a portfolio
("Minister of Trade, Industry and Energy"), a posting ("Ambassador to Tanzania") or a
country; the name follows, after a comma or a courtesy title. ``person_phrases`` splits the
phrase found into role and name. Imports ``segments``, ``name_words`` and
``person_phrases``.
"""

from __future__ import annotations

import re

from kbtool.ingest.name_words import (
    HONORIFICS,
    NAME_CONNECTORS,
    ORG_HEADS,
    PARTICLES,
    PORTFOLIO_WORDS,
    Person,
    drop_country_after,
    drop_whose,
    is_country_word,
    is_role_word,
)
from kbtool.ingest.person_phrases import (
    POSTED,
    after_last_person,
    ends_with_two_names,
    last_country_end,
    parse_person,
    tan_sri,
)
from kbtool.ingest.segments import Span, Token, tokens


def titled_person(text: str, words: list[Token], index: int) -> Person | None:
    """A name after a title word: "President William Ruto", "Minister ..., Abena Owusu-Ansah"."""
    # The role runs back over capitalised words, acronyms and connectors between them.
    start = index
    while start > 0:
        previous = words[start - 1]
        gap = text[previous.span.end : words[start].span.start]
        # "Cabinet Secretary (CS) for Trade": an acronym in brackets inside the title
        bracketed = (
            gap.strip() == "(" and text[words[start].span.end : words[start].span.end + 1] == ")"
        )
        if gap.strip() and not bracketed:
            break
        joined = start > 1 and not text[words[start - 2].span.end : previous.span.start].strip()
        # "..., and Japan's Ambassador": the "and" joins two people, not a portfolio.
        joins_people = is_country_word(words[start])
        if (
            previous.capitalised
            or is_role_word(previous)
            # "RBI deputy governor M K Venkatesh": a lower-case rank is part of the title
            or previous.lower in {"deputy", "vice", "assistant", "acting"}
            or (
                previous.lower in {"and", "&"}
                and joined
                and words[start - 2].capitalised
                and not joins_people
            )
        ):
            start -= 1
            continue
        break
    end = index + 1
    # A portfolio: "Minister for Food and Agriculture", "Minister of Trade, Industry and
    # Energy" (a comma inside a list of portfolios does not end it).
    # "High Commissioner to India": an envoy's title names where they are posted.
    posted = words[index].lower in POSTED
    # "Permanent Secretary in the Ministry of Finance": where a civil servant serves.
    serves_in = (
        words[end].lower == "in"
        and end + 2 < len(words)
        and words[end + 1].lower == "the"
        and words[end + 2].lower in {"ministry", "department", "office", "presidency", "state"}
        if end < len(words)
        else False
    )
    if end < len(words) and (
        words[end].lower in {"for", "of"} or (posted and words[end].lower == "to") or serves_in
    ):
        end += 1
        while end < len(words) and (
            words[end].capitalised
            or words[end].lower in NAME_CONNECTORS
            # "President of the Republic of Kenya", "Minister of the Interior"
            or (words[end].lower == "the" and end + 1 < len(words) and words[end + 1].capitalised)
        ):
            if (
                words[end].capitalised
                and words[end].lower.rstrip(".") in HONORIFICS
                and end > index + 2
            ):
                break  # "Cabinet Secretary for Trade Hon. Beatrice Jeptoo": the name's style
            if words[end].lower in {"and", "&"} and ends_with_two_names(words[index + 2 : end]):
                break  # "Cabinet Secretary for Trade Beatrice Jeptoo and Rini Astuti"
            if is_role_word(words[end]) or (
                words[end].lower == "and"
                and end + 1 < len(words)
                and (
                    is_country_word(words[end + 1])
                    or is_role_word(words[end + 1])
                    # "... Yuri Belsky and Permanent Secretary ...": the next person's title
                    or (end + 2 < len(words) and is_role_word(words[end + 2]))
                )
            ):
                break  # the next person's title begins
            gap = text[words[end - 1].span.end : words[end].span.start].strip()
            if gap == "," and _portfolio_list_continues(text, words, end):
                end += 1
                continue
            if gap:
                break
            end += 1
        # "Minister of Foreign Affairs Teresa Barroso and her counterpart": the "and" that
        # ended the run joins the next person, not the name.
        while end - 1 > index + 1 and words[end - 1].lower in NAME_CONNECTORS:
            end -= 1
    name_start = end
    # "President of Zimbabwe Farai Chikowore, BelTA has learned": the name came after the
    # country, before the comma; what follows the comma is not an appositive name.
    country_end = last_country_end(text, words[:end], index + 2) if end > index + 3 else None
    named_in_run = (
        country_end is not None
        and end - country_end >= 2
        and not any(
            w.lower in PORTFOLIO_WORDS or w.lower in ORG_HEADS or is_role_word(w)
            for w in words[country_end:end]
        )
    )
    # An appositive: "Minister of Foreign Affairs, Claudine Mukamana,".
    if (
        not named_in_run
        and end < len(words)
        and text[words[end - 1].span.end : words[end].span.start].strip() == ","
    ):
        name_start = end
    elif (
        not named_in_run
        and end < len(words)
        and text[words[end - 1].span.end : words[end].span.start].strip()
    ):
        return None
    first = name_start
    while first < len(words) - 1:
        if words[first].lower.rstrip(".") in HONORIFICS or tan_sri(words[first:]):
            first += 1  # "Prime Minister the Most Hon. Desmond Clarke"
        elif words[first].lower == "h" and words[first + 1].lower == "e":
            first += 2  # "H.E. Dr. Dawit Alemu Bekele": the initials of a style
        else:
            break
    if first < len(words) and is_role_word(words[first]):
        return None  # "his counterpart, General X": the title after the comma is the role
    name_end = first
    while (
        name_end < len(words)
        and (
            words[name_end].capitalised
            # "Sheikh Hamed bin Sultan Al Harthy": a particle inside the name
            or (
                words[name_end].lower in PARTICLES
                and name_end > first
                and name_end + 1 < len(words)
                and words[name_end + 1].capitalised
            )
        )
        # "Hamad bin Khalifa bin Ahmed Al Thani": patronyms make a name long
        and name_end - first
        < (8 if any(w.lower in PARTICLES for w in words[first:name_end]) else 6)
        and (
            name_end == first
            or not text[words[name_end - 1].span.end : words[name_end].span.start].strip()
            or _after_initial(text, words, name_end)
        )
    ):
        name_end += 1
    if named_in_run:
        name_end = first  # the name is the run's own last words
    if name_end == first and end == index + 1:
        return None
    if name_start == end and name_end > first:
        phrase = Span(words[start].span.start, words[name_end - 1].span.end)
    else:
        phrase = Span(words[start].span.start, words[end - 1].span.end)
    person = parse_person(text, phrase)
    if person is None:
        return None
    if text[phrase.start : person.name_span.start].rstrip().endswith(","):
        # Appositive: the role is everything before the comma.
        role_text = text[phrase.start : person.name_span.start].rstrip(" ,")
        role_start = phrase.start
        role_words = drop_whose(text, tokens(text, Span(role_start, role_start + len(role_text))))
        if role_words:
            role_span = Span(role_words[0].span.start, role_words[-1].span.end)
            person = Person(
                person.name, person.name_span, role_span.of(text), role_span, person.position
            )
    return _strip_nationality(text, person)


def _after_initial(text: str, words: list[Token], index: int) -> bool:
    """Whether ``words[index]`` goes on a name after an initial: "A.J. Nicholson",
    "M. Venkaiah Naidu"."""
    previous = words[index - 1]
    return (
        len(previous.text) == 1
        and previous.capitalised
        and words[index].capitalised
        and text[previous.span.end : words[index].span.start] in {".", ". "}
    )


def _portfolio_list_continues(text: str, words: list[Token], index: int) -> bool:
    """After a comma: "Industry and Energy" goes on with the list, "Park Ji-hoon," does not."""
    position = index
    while position < len(words) and words[position].capitalised:
        position += 1
        if text[words[position - 1].span.end : words[position - 1].span.end + 1] == ",":
            return False
    return position < len(words) and words[position].lower == "and"


def _strip_nationality(text: str, person: Person) -> Person:
    """ "Japanese Defence Minister" is the Defence Minister; the country is not the role."""
    if person.role_span is None:
        return person
    words = after_last_person(text, drop_whose(text, tokens(text, person.role_span)))
    words = drop_country_after(text, words)
    role_span = Span(words[0].span.start, words[-1].span.end)
    return Person(person.name, person.name_span, role_span.of(text), role_span, person.position)


_NAME = r"[A-Z][\w’'-]+(?:\s+(?:(?:bin|al|de|da|del|van|von)\s+)?[A-Z][\w’'-]+){1,3}"
# "Presidents Martín Echeverry and Ignacio Larraín": one title for two people.
_PLURAL_TITLE = re.compile(
    rf"\b(?P<role>(?:Prime\s+|Foreign\s+|Trade\s+|Finance\s+)?(?:President|Minister|Ambassador|"
    rf"Governor|Mayor|Premier|Senator)s|Secretaries),?\s+(?P<a>{_NAME})\s+and\s+(?P<b>{_NAME})\b"
)


# "The presidents of Peru and Ecuador, Alberto Valcárcel and Manuel Espinosa": in order.
_PLURAL_OF_TWO = re.compile(
    r"\b(?P<role>(?:[Pp]rime\s+[Mm]inister|[Ff]oreign\s+[Mm]inister|[Pp]resident|[Mm]inister)s)"
    r"\s+of\s+(?:the\s+)?(?P<x>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)\s+and\s+(?:the\s+)?"
    rf"(?P<y>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?),\s+(?P<a>{_NAME})\s+and\s+(?P<b>{_NAME})\b"
)


def plural_titled(text: str, span: Span) -> list[Person]:
    """The two people a plural title names: each with the title in the singular."""
    people = []
    for match in _PLURAL_TITLE.finditer(text, span.start, span.end):
        role_span = Span(match.start("role"), match.end("role"))
        role = re.sub(r"ies$", "y", re.sub(r"s$", "", match.group("role")))
        for group in ("a", "b"):
            name = Span(match.start(group), match.end(group))
            people.append(Person(name.of(text), name, role, role_span, match.start(group)))
    for match in _PLURAL_OF_TWO.finditer(text, span.start, span.end):
        role_span = Span(match.start("role"), match.end("role"))
        title = match.group("role")[:-1]
        title = title[:1].upper() + title[1:]
        for group, country in (("a", "x"), ("b", "y")):
            name = Span(match.start(group), match.end(group))
            role = f"{title} of {match.group(country)}"
            people.append(Person(name.of(text), name, role, role_span, match.start(group)))
    return people
