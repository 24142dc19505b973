"""The people a phrase of names holds: "President William Ruto and his counterpart Anwar
Ibrahim", "A, Executive Director at ADIA, and B, Managing Director of NIIF".

Read word by word or comma by comma from a cue ("signed by", "in the presence of") or
backwards to one ("A and B signed"), each part resolved through the article's register to
the fullest name it gives; courtesy titles, roles, portfolios, places and bodies are never
taken for people, and "the two leaders" stands for the two the article names so. Imports
``segments``, ``countries``, ``instrument_words``, ``name_words``, ``person_phrases``,
``names`` and ``parties``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kbtool.ingest.countries import country_named
from kbtool.ingest.full_names import full_name_in
from kbtool.ingest.instrument_words import SIGNED_BY_SUBJECT, is_instrument_word
from kbtool.ingest.name_words import (
    HONORIFICS,
    ORG_HEADS,
    PORTFOLIO_ADJECTIVES,
    PORTFOLIO_WORDS,
    ROLE_TITLES,
    Person,
    is_role_word,
)
from kbtool.ingest.names import Register
from kbtool.ingest.parties import country_of_state, reads_as_name
from kbtool.ingest.person_phrases import parse_person
from kbtool.ingest.segments import Span, Token, tokens, words


@dataclass(frozen=True)
class NamedPerson:
    """A person a cue names: their fullest name, their role if known, and where it was read."""

    name: str
    role: str | None
    span: Span


# Words a phrase of names may hold in lower case: connectors, particles of names, and the
# words of "his Malaysian counterpart".
_INSIDE_NAMES = words(
    "and & the his her their of for to counterpart counterparts bin binti ibn al el van von de "
    "da du la le dos del di wa ole arap e y visiting host guest"
)


# Capitalised at a sentence's start but not part of a name.
_OPENERS = words(
    "in at on after before during later earlier following yesterday today also the this then "
    "meanwhile separately similarly there both"
)


_HEADS_OF_STATE = re.compile(
    r"\b(?:president|prime\s+minister|premier|king|queen|emir|sultan|chancellor|"
    r"head\s+of\s+state|crown\s+prince)\b",
    re.IGNORECASE,
)


_SUBJECT_OF_SIGNING = re.compile(rf"\b(?:{SIGNED_BY_SUBJECT})")


_GROUP = re.compile(
    r"\b(?:the\s+two|both)\s+(?P<who>leaders|heads\s+of\s+(?:state|government)|presidents|"
    r"prime\s+ministers|(?:[a-z]+\s+){0,2}ministers|(?:[a-z]+\s+)?secretaries|mayors|"
    r"governors|ambassadors)\b",
    re.IGNORECASE,
)


def people_after(text: str, start: int, end: int, names: Register) -> list[NamedPerson]:
    """The names after a cue, read word by word or, when that finds fewer, by commas."""
    by_words = _people_word_by_word(text, start, end, names)
    by_commas = _people_in_chunks(text, start, end, names)
    return by_commas if len(by_commas) > len(by_words) else by_words


def _people_in_chunks(text: str, start: int, end: int, names: Register) -> list[NamedPerson]:
    """ "Hamad Al Suwaidi, Executive Director at ADIA, and Sanjay Mehra, Managing Director
    of NIIF": a name, its role, the next name, its role, read chunk by chunk between commas,
    up to a chunk that is neither."""
    people: list[NamedPerson] = []
    piece_start = start
    # Commas part a name from its role; "and for Zambia by" starts the next signatory.
    # "... and the institute's director, Budi Hartono": the next signatory, by whose they are.
    separators = (
        r",|;|\.(?=\s|$)|\s+and\s+(?=(?:for|on)\s[^,]{0,50}?\bby\s)"
        r"|\s+and\s+(?=(?:the|his|her|its)\s+[\w-]+[’']s\s)|$"
    )
    for match in re.finditer(separators, text[start:end]):
        piece = Span(piece_start, start + match.start())
        piece_start = start + match.end()
        words_ = tokens(text, piece)
        if words_ and words_[0].lower == "and":
            words_ = words_[1:]
        if words_ and words_[0].lower in {"on", "by", "for"}:
            # "and on the Mauritanian side by the Minister ...": another signatory follows.
            by = [i for i, w in enumerate(words_) if w.lower == "by"]
            words_ = words_[by[-1] + 1 :] if by else []
        if not words_:
            continue
        if not words_[0].capitalised and words_[0].lower not in {"the", "his", "her", "its"}:
            break
        if any(w.lower in {"on", "behalf"} for w in words_[:2]):
            break
        person = person_of(text, words_, names) if _all_name_like(words_) else None
        if person is not None:
            if all(p.name != person.name for p in people):
                people.append(person)
        elif not any(is_role_word(w) or w.lower in ORG_HEADS for w in words_):
            break  # neither a name nor a role: the phrase has ended
        if text[piece.end : piece.end + 1] in {";", "."}:
            break
    return people


def _all_name_like(words_: list[Token]) -> bool:
    """A chunk that could name a person: capitalised words, with a role or particles."""
    return all(
        w.capitalised or w.lower in _INSIDE_NAMES or w.lower in _LOWER_ROLES for w in words_
    ) and not any(is_instrument_word(w.text) for w in words_)


def _people_word_by_word(text: str, start: int, end: int, names: Register) -> list[NamedPerson]:
    """The names in the phrase that starts at ``start``: up to a word that ends it."""
    group = _GROUP.match(text, start, end)
    if group:
        # "the two foreign ministers, Winston Peters and Josaia Vosarogo": the names, if given.
        named = re.match(r"\s*,\s*", text[group.end() : end])
        # "in the presence of the two Prime Ministers, A and B signed ...": the names after
        # the comma are the subject of the signing, not the group's names.
        if named and not _SUBJECT_OF_SIGNING.search(text, group.end(), end):
            listed = people_after(text, group.end() + named.end(), end, names)
            if listed:
                return listed
        return _group(group.group("who"), names)
    kept: list[Token] = []
    words_ = tokens(text, Span(start, end))
    party: list[Token] = []  # "on behalf of X", "representing X", "for Kenya": not a name
    in_party = False
    for position, token in enumerate(words_):
        if position:
            gap = text[words_[position - 1].span.end : token.span.start]
            if not _joins(gap, words_[position - 1]):
                break
        low = token.lower
        following = [t.lower for t in words_[position + 1 : position + 3]]
        if (low == "on" and following == ["behalf", "of"]) or low == "representing":
            in_party, party = True, []
            continue
        if low == "for" and position + 1 < len(words_) and _is_place(words_[position + 1]):
            in_party, party = True, []
            continue
        if in_party:
            if low in {"and", "&"} and _party_ends(text, party, words_, position):
                in_party = False
                kept.append(token)
            elif token.capitalised or low in {"behalf", "of", "the", "and", "&", "for"}:
                party.append(token)
            else:
                break
            continue
        if low == "by" and kept and kept[-1].lower in {"and", "&"}:
            continue  # "signed by X on behalf of ... and by Y"
        if is_instrument_word(token.text) or _ends_names(token):
            break
        kept.append(token)
    return _split_people(text, kept, names)


# "its director general, Ibrahima Fall Ndao": roles written in lower case.
_LOWER_ROLES = words(
    "its director general vice-president chief executive head deputy ministers minister "
    "presidents governors mayors secretaries"
)


# "Matrade chief executive officer Azman Hashim and KEBS managing director Esther Ngari
# signed": the lower-case words of a role between a body and a name.
_LOWER_TITLES = words("officer chairman chairperson chairwoman managing director-general ceo")


def _ends_names(token: Token) -> bool:
    """A lower-case word that is neither inside a name nor a word of a role."""
    low = token.lower
    return (
        not token.capitalised
        and low not in _INSIDE_NAMES
        and low not in _LOWER_ROLES
        and low not in _LOWER_TITLES
    )


def _party_ends(text: str, party: list[Token], words_: list[Token], position: int) -> bool:
    """At "and" after "on behalf of X": does X end here, or go on ("Trade and Industry")?"""
    named = [t for t in party if t.lower not in {"behalf", "of", "the"}]
    if named and country_named(text[named[0].span.start : named[-1].span.end]) is not None:
        return True
    following = words_[position + 1] if position + 1 < len(words_) else None
    if following is not None and _looks_like_person_start(following):
        return True
    # "... and Budi Santoso on behalf of Indonesia": the next signatory's own "on behalf of".
    ahead = [t.lower for t in words_[position + 1 : position + 7]]
    return "behalf" in ahead or "representing" in ahead


def _looks_like_person_start(token: Token) -> bool:
    return is_role_word(token) or token.lower.rstrip(".") in HONORIFICS


def _is_place(token: Token) -> bool:
    return country_named(re.sub(r"[’']s$", "", token.text)) is not None


def people_before(text: str, start: int, end: int, names: Register) -> list[NamedPerson]:
    """The names in the phrase that ends at ``end``, read backwards to a word that ends it."""
    before = text[start:end]
    groups = list(_GROUP.finditer(before))
    group = groups[-1] if groups else None
    if group is not None and before[group.end() :].strip() == "":
        return _group(group.group("who"), names)
    # "in the presence of the two Prime Ministers, A and B signed": the group is not a signer.
    fronted = [g for g in groups if re.match(r"\s*,", before[g.end() :])]
    if fronted:
        start += fronted[-1].end()
    words_ = tokens(text, Span(start, end))
    kept: list[Token] = []
    for position in range(len(words_) - 1, -1, -1):
        token = words_[position]
        if kept:
            gap = text[token.span.end : kept[0].span.start]
            if not _joins(gap, token):
                break
        elif text[token.span.end : end].strip(" ,"):
            break  # the verb does not follow a name: "... in Nairobi; the MoU was signed"
        low = token.lower
        if (
            (low in _OPENERS and token.capitalised)
            or is_instrument_word(token.text)
            or _ends_names(token)
        ):
            break
        kept.insert(0, token)
    return _split_people(text, kept, names)


def _joins(gap: str, previous: Token) -> bool:
    """Whether the text between two words keeps them in one phrase of names."""
    stripped = gap.strip()
    if stripped in {"", ",", "(", ")", "),", "'", "’"}:
        return True  # "Minister in the Prime Minister's Department (Federal Territories) ..."
    # "Dr. Amina", "H.E. Budi": the full stop of an abbreviation.
    return stripped == "." and (previous.lower in HONORIFICS or len(previous.text) == 1)


def _split_people(text: str, kept: list[Token], names: Register) -> list[NamedPerson]:
    parts: list[list[Token]] = [[]]
    for index, token in enumerate(kept):
        comma = index > 0 and text[kept[index - 1].span.end : token.span.start].strip() == ","
        if token.lower in {"and", "&"} or comma:
            if parts[-1]:
                parts.append([])
            if token.lower in {"and", "&"}:
                continue
        parts[-1].append(token)
    people: list[NamedPerson] = []
    for part in parts:
        person = person_of(text, part, names)
        if person is not None and all(p.name != person.name for p in people):
            people.append(person)
    return people


def person_of(text: str, part: list[Token], names: Register) -> NamedPerson | None:
    plural = [
        i for i, t in enumerate(part[:3]) if t.lower[:-1] in ROLE_TITLES and t.lower[-1] == "s"
    ]
    if plural:
        part = part[plural[0] + 1 :]  # "Presidents Martín Echeverry and ...": the title is both's
    if not part:
        return None
    span = Span(part[0].span.start, part[-1].span.end)
    if country_of_state(span.of(text)) is not None:
        return None  # "Ghana and the Republic of Turkey signed": a state, not a person
    described = names.described(text, span)
    if described is not None:  # "in the presence of the Head of State and the Prime Minister"
        return NamedPerson(described.name, described.role, span)
    parsed = parse_person(text, span)
    if parsed is None:
        # "his Malaysian counterpart Anwar Ibrahim": the capitalised words at the end.
        tail: list[Token] = []
        for token in reversed(part):
            if not token.capitalised and token.lower not in {"bin", "binti", "al", "van", "de"}:
                break
            tail.insert(0, token)
        while tail and (
            tail[0].lower.rstrip(".") in HONORIFICS
            or is_role_word(tail[0])
            or (tail[0].lower.endswith("s") and tail[0].lower[:-1] in ROLE_TITLES)  # "Presidents"
            or tail[0].lower in PORTFOLIO_WORDS
            or tail[0].lower in PORTFOLIO_ADJECTIVES
        ):
            tail.pop(0)  # "... and Environment Pedro Esono Nchama": the portfolio's last words
        if not tail or any(
            t.lower in ORG_HEADS or is_role_word(t) or t.lower in PORTFOLIO_WORDS for t in tail
        ):
            return None
        name_span = Span(tail[0].span.start, tail[-1].span.end)
        parsed = Person(name_span.of(text), name_span, None, None, name_span.start)
    before = [t for t in part if t.span.end <= parsed.name_span.start]
    if before and (
        before[-1].lower in {"of", "for", "and", "&"}
        or (before[-1].lower == "the" and len(before) > 1 and before[-2].lower in {"of", "for"})
    ):
        return None  # "Minister of Foreign Affairs", "governor of the Valparaíso Region": a
        # portfolio or a place, not a name
    if _names_a_place(text, parsed.name_span):
        return None  # "Enterprise Singapore", "Immigration New Zealand": a body, not a person
    if reads_as_name(parsed.name_span.of(text)):
        return None  # "Sawit Jaya Refineries Sdn Bhd signed ...": a company, not a person
    full = names.fullest(parsed)
    name = full.name
    if len(name.split()) < 2:
        # "Minister Tremblay": the article may give the full name without a title; not a
        # body's name ("Tobago Defence Force") nor a sentence's first words ("Today Trinidad").
        written = full_name_in(text, name)
        if written and not reads_as_name(written) and written.split()[0].lower() not in _OPENERS:
            name = written
    if len(name.split()) < 2:
        return None  # one word the article never gives in full: a place, not a person
    return NamedPerson(name, full.role, parsed.name_span)


def _names_a_place(text: str, span: Span) -> bool:
    words_ = [re.sub(r"[’']s?$", "", t.text) for t in tokens(text, span)]
    return any(
        country_named(" ".join(words_[start:end])) is not None
        for start in range(len(words_))
        for end in range(start + 1, min(len(words_), start + 3) + 1)
    )


def _group(who: str, names: Register) -> list[NamedPerson]:
    """ "the two leaders", "both foreign ministers": the two people the article names so."""
    who = who.lower()
    if who.startswith(("leader", "head", "president", "prime")):
        singular = who[:-1] if who.endswith("s") else who
        pattern = (
            _HEADS_OF_STATE if who.startswith(("leader", "head")) else re.compile(singular, re.I)
        )
    else:
        qualifier = " ".join(who.split()[:-1])
        role = who.split()[-1].rstrip("s")
        if role.endswith("ie"):
            role = role[:-2] + "y"  # secretaries
        wanted = [re.escape(w) for w in (*qualifier.split(), role)]
        pattern = re.compile(".*".join(wanted) if qualifier else wanted[-1], re.I)
    people: list[NamedPerson] = []
    for person in names.people:
        if person.role and pattern.search(person.role):
            full = names.fullest(person)
            if all(p.name != full.name for p in people):
                people.append(NamedPerson(full.name, full.role, person.name_span))
        if len(people) == 2:
            break
    return people if len(people) == 2 else []
