"""Parties named through the people who signed for them, and short forms of their names.

A report often names the bodies that sign only in their signatories' titles: "signed by
Khalid Al Hammadi, Chief Executive Officer of Masdar, and Yerlan Akhmetov, Chairman of the
Management Board of Samruk-Energy"; "the governor of Mendoza, ..., and the governor of the
Valparaíso Region"; "Nairobi City County Governor Johnson Sakaja"; "KTZ's Chairman". When
both signatories hold such a title (not a minister's or an envoy's, who sign for their
country), the two bodies are the parties; a commissioner signs for a country too, unless
the title names a police force or a service ("the Commissioner of the Fiji Police Force").
A body written by its initials ("KTZ") is given the name the article spells out once with
them in brackets ("Kazakhstan Temir Zholy (KTZ)"), else the one name whose capitals spell
them in a sentence that says the body signs or agrees ("The University of the South
Pacific and ... have agreed ...", for "USP").
The titles may also name the bodies in the sentence that reports the signing: "the
governor of Mendoza, ..., and the governor of the Valparaíso Region, ..., signed"; "the
presidents of the Chamber of Commerce of Cuba, ..., and of the Mexican Business Council
for Foreign Trade, Investment and Technology, ..., subscribed" (``bodies_in_titles``).
Imports ``countries``, ``name_words``, ``parties`` and ``segments``.
"""

from __future__ import annotations

import itertools
import re

from kbtool.ingest.countries import country_named, country_of_word
from kbtool.ingest.name_words import STYLE_WITH_STOP
from kbtool.ingest.parties import country_of_state, reads_as_name
from kbtool.ingest.segments import Span

# The titles of people who sign for a body rather than for a country.
_BODY_ROLE = re.compile(
    r"\b(?:governor|mayor|chief\s+executive(?:\s+officer)?|ceo|chairman|chairperson|"
    r"chairwoman|chair|managing\s+director|director[-\s]general|executive\s+director|"
    r"general\s+manager|rector|vice[-\s]chancellor|principal|dean|head|director)\b",
    re.IGNORECASE,
)
_FOR_A_COUNTRY = re.compile(
    r"\b(?:minister|secretary|ambassador|commissioner|envoy|consul|president|premier)\b",
    re.IGNORECASE,
)
# Words before a title that qualify it, not name the body: "Acting CEO", "Group CEO".
_QUALIFIERS = {"acting", "deputy", "vice", "group", "senior", "former", "interim", "joint"}
_BOARD = re.compile(
    r"^(?:the\s+)?(?:Management\s+|Executive\s+|Supervisory\s+)?Board(?:\s+of\s+Directors)?"
    r"\s+of\s+(?:the\s+)?"
)
_NAME_WORD = r"[A-Z][\w’'&.-]*"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|of|and|for|de|del|du|des|la|the))*"


# A commissioner signs for a country (a High Commissioner, a commissioner for trade) unless
# the title names a police force or a service: "the Commissioner of the Fiji Police Force",
# "the New Zealand Police Deputy Commissioner".
_POLICE_OR_SERVICE = r"(?:Police(?:\s+(?:Force|Service))?|Force|Service)"
_OWN_NAME = rf"(?!Police\b|Force\b|Service\b){_NAME_WORD}(?:\s+(?:{_NAME_WORD}|of))*?"
_COMMISSIONER_OF = re.compile(
    rf"\b(?i:commissioner(?:[-\s]general)?\s+of\s+(?:the\s+)?)"
    rf"({_OWN_NAME}\s+{_POLICE_OR_SERVICE})\b"
)
_COMMISSIONER_AFTER = re.compile(
    rf"\b({_OWN_NAME}\s+{_POLICE_OR_SERVICE})\s+"
    r"(?i:(?:deputy\s+|assistant\s+|acting\s+)?commissioner)\b"
)


def body_of_role(role: str) -> str | None:
    """The body a title says its holder serves, if it is one that signs for a body."""
    commissioned = _commissioned(role)
    if commissioned is not None:
        return commissioned
    title = _BODY_ROLE.search(role)
    if title is None or _FOR_A_COUNTRY.search(role):
        return None
    # "AD Ports Group's Managing Director and Group CEO"
    owner = re.match(rf"(?:the\s+)?({_NAME})[’']s?\s", role)
    if owner and _BODY_ROLE.search(owner.group(1)) is None:
        return _named(owner.group(1))
    # "Chief Executive Officer of Masdar", "governor of the Valparaíso Region", "Chairman of
    # the Management Board of Samruk-Energy"
    of = re.match(rf"\s+of\s+(?:the\s+)?({_NAME})", role[title.end() :])
    if of:
        return _named(_BOARD.sub("", of.group(1)))
    # "Nairobi City County Governor", "EEPCo Chief Executive Officer"
    before = role[: title.start()].split()
    while before and before[-1].lower() in _QUALIFIERS:
        before.pop()
    # Only the capitalised words just before the title: "In the same ceremony, Antarctica
    # New Zealand chief executive".
    run: list[str] = []
    while before and before[-1].lstrip("(")[:1].isupper() and not before[-1].endswith(","):
        run.insert(0, before.pop())
    return _named(" ".join(run)) if run else None


def _named(body: str) -> str | None:
    body = re.sub(r"(?:\s+(?:of|and|for|the|de))+$", "", body.strip())
    if not body or not body[:1].isupper() or _BODY_ROLE.search(body):
        return None
    if " " not in body and country_of_word(body) is not None:
        return None  # "Malaysian CEO": a nationality, not a body
    return body


def spelled_out(text: str, initials: str) -> str | None:
    """ "Kazakhstan Temir Zholy" for "KTZ", when the article writes "... (KTZ)" once."""
    # "KTZ", "EEPCo", "Matrade": a short form, not a country's name in brackets.
    if not re.fullmatch(r"[A-Z][A-Za-z&-]{1,7}", initials) or country_named(initials):
        return None
    match = re.search(rf"(?:the\s+)?({_NAME})\s+\({re.escape(initials)}\)", text)
    if match is None:
        return _spelled_by_capitals(text, initials)
    # The initials must be the name's own: "KTZ" from "Kazakhstan Temir Zholy", not from
    # "AD Ports Group and Kazakhstan Temir Zholy".
    words = match.group(1).split()
    # Best, the words whose capitals spell the initials ("Kenya Power and Lighting Company"
    # for "KPLC", not "Kisumu Kenya Power ..."); else the first word with the first letter.
    for start in range(len(words)):
        if not words[start][:1].isupper():
            continue  # "of the Abu Dhabi Fund for Development": the name starts at "Abu"
        spelled = "".join(w[0] for w in words[start:] if w[:1].isupper())
        if initials.isupper() and spelled == initials:
            return " ".join(words[start:])
    for start, word in enumerate(words):
        capitals = [w for w in words[start:] if w[:1].isupper()]
        if word[:1] == initials[0] and len(capitals) >= 2:
            return " ".join(words[start:])
    return None


def _spelled_by_capitals(text: str, initials: str) -> str | None:
    """ "USP" for "the University of the South Pacific", named once without its initials in
    brackets: a body's name whose capitals spell them (three letters or more)."""
    if len(initials) < 3 or not initials.isupper():
        return None
    found: set[str] = set()
    # A style's full stop ("Prof. Ana Reis signed") does not end a sentence.
    unstopped = re.sub(STYLE_WITH_STOP, lambda style: style.group().replace(".", " "), text)
    for sentence in re.split(r"(?<=[.!?])\s+|\n", unstopped):
        # Only a body the article says signs or agrees ("The University of the South Pacific
        # and ... have agreed to ..."), not one it names in passing ("Officials of the Kenya
        # Pipeline Authority toured the port"), whose initials may be another's.
        if not _SIGNS.search(sentence):
            continue
        for match in re.finditer(rf"\b{_NAME}", sentence):
            words = match.group().split()
            for start, end in itertools.combinations(range(len(words) + 1), 2):
                name = words[start:end]
                if not (name[0][:1].isupper() and name[-1][:1].isupper()):
                    continue
                if "".join(w[0] for w in name if w[:1].isupper()) != initials:
                    continue
                whole = " ".join(name)
                if reads_as_name(whole) and country_named(whole) is None:
                    found.add(whole)
    # One body only: two names that give the same initials say neither.
    return found.pop() if len(found) == 1 else None


_SIGNS = re.compile(
    r"\b(?:signed|sign|signs|inked|agreed|concluded|exchanged|sealed|partnered|"
    r"memorandum|agreement|MoU|accord|protocol)\b",
    re.IGNORECASE,
)


def signs_for_country(role: str | None) -> bool:
    """A minister's or an envoy's title: they sign for their country."""
    if role is None or _FOR_A_COUNTRY.search(role) is None:
        return False
    return _commissioned(role) is None  # a police force's commissioner signs for it


def _commissioned(role: str) -> str | None:
    """The police force or service a commissioner's title names (not a High Commissioner's)."""
    found = _COMMISSIONER_OF.search(role) or _COMMISSIONER_AFTER.search(role)
    if found is None or re.search(r"\bhigh\s+commissioner", role, re.IGNORECASE):
        return None
    return _named(found.group(1))


_WORD_BEFORE = re.compile(r"([A-Z][\w’'&-]*)[ ]+$")
_AND_BEFORE = re.compile(r"\b([A-Z][a-z]+(?:al|ic|ary))[ ]+(?:and|&)[ ]+$")


def whole_name(text: str, span: Span, stops: list[int]) -> Span:
    """A body's name as the article writes it around ``span``: a title read "Rubber Board
    chairman" is "Malaysian Rubber Board" there, "Livestock Research Organisation
    director-general" "Kenya Agricultural and Livestock Research Organisation"; a name
    ending at one of ``stops`` (people's names) is not part of it."""
    start = span.start
    while True:
        window = text[max(0, start - 40) : start]
        joined = _AND_BEFORE.search(window)
        before = joined or _WORD_BEFORE.search(window)
        if before is None:
            break
        word_end = start - len(window) + before.end(1)
        if word_end in stops or _BODY_ROLE.fullmatch(before.group(1)):
            break
        if (
            before.group(1).lower() in {"the", "by", "and", "of"}
            or not before.group(1)[:1].isupper()
        ):
            break
        start = start - len(window) + before.start(1)
    return Span(start, span.end)


# "the governor of Mendoza", "the presidents of the Chamber of Commerce of Cuba, ..., and of
# the Mexican Business Council ...": an office, then the body (or place) it is the office of.
_OFFICE_OF = re.compile(
    r"(?:\b(?P<office>(?i:governors?|mayors?|(?:vice[-\s])?presidents?|principals?|deans?|chairm[ae]n|chairpersons?|heads?|rectors?|"
    r"vice[-\s]chancellors?|directors?(?:[-\s]general)?|chief\s+executives?(?:\s+officers?)?|"
    r"CEOs?|managing\s+directors?|secretar(?:y|ies)[-\s]general))|(?<=,)\s+and)"
    rf"\s+of\s+(?:the\s+)?(?P<body>{_NAME})"
    # "for Foreign Trade, Investment and Technology": a list of portfolios inside the name
    # (no comma before its "and": ", Kwame Addo, and ..." is a person, then another)
    r"(?P<portfolios>(?:,\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)+\s+(?:and|&)\s+[A-Z][\w’'-]*)?"
)
_PLACE_OFFICES = {"governor", "governors", "mayor", "mayors"}
_WATCHING = re.compile(
    r"\b(?:in\s+the\s+presence\s+of|witnessed\s+by|watched\s+by|flanked\s+by"
    r"|as\s+[^.;]{0,160}?\blooked\s+on)",
    re.IGNORECASE,
)
# "Dalhousie University's Vice-President Academic": whose office it is, before it.
_OWNER_OF_OFFICE = re.compile(
    rf"(?P<body>{_NAME})[’']s\s+(?:(?i:acting|deputy|vice)[-\s])?"
    r"(?i:president|principal|rector|vice[-\s]chancellor|chairman|chairperson|chair|governor|"
    r"mayor|director(?:[-\s]general)?|chief\s+executive|CEO|managing\s+director|head)\b"
)


def bodies_in_titles(text: str, span: Span) -> list[tuple[str, Span]]:
    """The two bodies a sentence names through the titles of the people in it, or ``[]``."""
    found: list[tuple[str, Span]] = []
    office = ""
    # Who signed, not who watched: "... in the presence of the governor of Nakuru", "as the
    # president of the Chamber looked on".
    watching = _WATCHING.search(text, span.start, span.end)
    end = watching.start() if watching else span.end
    matches = [*_OFFICE_OF.finditer(text, span.start, end)]
    matches += [*_OWNER_OF_OFFICE.finditer(text, span.start, end)]
    for match in sorted(matches, key=lambda m: m.start("body")):
        if match.re is _OWNER_OF_OFFICE:
            office = "owner"
        elif match.group("office"):
            office = match.group("office").lower()
        elif not office:
            continue  # "..., and of the X" only continues a title named before
        body = re.sub(r"(?:\s+(?:of|and|for|the|de))+$", "", match.group("body").rstrip("."))
        if match.re is _OFFICE_OF and match.group("portfolios"):
            body = match.group("body") + match.group("portfolios")
        if not body[:1].isupper() or country_of_state(body) is not None:
            continue  # "the President of Kenya" signs for the country
        if office not in _PLACE_OFFICES and not reads_as_name(body):
            continue
        start = match.start("body")
        if all(body != name for name, _ in found):
            found.append((body, Span(start, start + len(body))))
    return found if len(found) == 2 else []
