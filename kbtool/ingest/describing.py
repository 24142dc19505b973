"""What an article says of one instrument: its parties, status, aims and excerpts.

Parties are who is bound: the two sides a "between X and Y" names, the bodies that signed,
else the countries the article names; when bodies sign (ministries, agencies, cities,
companies) they are the parties. Status and aims come from the sentences about it.
The pairs an article writes for an instrument are read by ``written_parties``, a lender by
``lenders``. Imports ``segments``, ``countries``, ``parties``, ``written_parties``,
``lenders``, ``instrument_words`` and ``found``.
"""

from __future__ import annotations

import re

from kbtool.ingest.countries import (
    CountryMention,
    country_named,
    country_of_word,
    find_countries,
    main_countries,
)
from kbtool.ingest.found import FoundInstrument, InstrumentReading
from kbtool.ingest.instrument_words import HEAD, SIGNED, STATUS_CUES
from kbtool.ingest.lenders import lender
from kbtool.ingest.parties import reads_as_name
from kbtool.ingest.segments import Document, Sentence, Span
from kbtool.ingest.written_parties import written_pairs
from kbtool.models import Status

_PURPOSE = re.compile(
    r"\b(?:aims?|aimed|aiming|seeks?|seeking|designed|intended|meant|expected|set)\s+to\s+"
    r"(?P<to>[^.;]+)"
    r"|\bfocus(?:ing|ed|es)?\s+on\s+(?P<on>[^.;]+)"
    r"|\bwill\s+(?P<will>(?:facilitate|enable|allow|help|promote|boost|strengthen|deepen|support"
    r"|open|ease|expand|improve|protect|let|create|establish|provide)\b[^.;]+)"
    r"|\bunder\s+which\s+(?P<under>[^.;]+)"
    r"|\bcommits?\s+(?:both\s+sides|the\s+two\s+(?:countries|sides|governments)|them)\s+to\s+"
    r"(?P<commit>[^.;]+)"
    r"|\ballowing\s+(?P<allow>[^.;]+)"
    r"|\bthat\s+(?P<that>(?:protects|allows|enables|guarantees|opens|removes|provides)\b[^.;]+)",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r",\s+(?:which|while|as|signalling|signaling|marking|creating|and\s+is)\b")


def describe(document: Document, reading: InstrumentReading, instrument: FoundInstrument) -> None:
    """Parties, status, aims and excerpts of one instrument, from the sentences about it."""
    text = document.text
    index = reading.instruments.index(instrument)
    instrument.parties = _parties(document, instrument)
    if instrument.parties_inferred:
        # "The two universities also concluded a Student Exchange Agreement": the two
        # bodies of that kind the report named as parties before.
        earlier = reading.instruments[:index]
        instrument.parties = _the_two(text, instrument, earlier) or instrument.parties
    about = [instrument.intro] + [
        r.sentence
        for r in reading.references
        if r.instrument == index and r.sentence.span.start > instrument.intro.span.start
    ]
    # The sentence right after the introduction usually goes on describing it ("This is
    # expected to ..."), even without naming it.
    body = list(document.sentences())
    position = body.index(instrument.intro)
    if position + 1 < len(body):
        following = body[position + 1]
        introduced_there = any(
            other.intro == following for other in reading.instruments if other is not instrument
        )
        if not introduced_there and re.match(
            r"(?:This|It|The\s+\w+\s+)\b", following.span.of(text)
        ):
            about.append(following)
    seen: list[Sentence] = []
    for sentence in about:
        if sentence not in seen:
            seen.append(sentence)
    for sentence in seen:
        piece = sentence.span.of(text)
        if "“" in piece or '"' in piece:
            continue  # what officials said is a quotation, not the instrument's description
        found = False
        for match in _PURPOSE.finditer(piece):
            group = next(name for name, value in match.groupdict().items() if value)
            clause_start = match.start(group)
            clause = piece[clause_start : match.end(group)]
            cut = _CLAUSE_END.search(clause)
            if cut:
                clause = clause[: cut.start()]
            clause = clause.rstrip(' ,.”"')
            if not clause:
                continue
            begin = sentence.span.start + clause_start
            instrument.aims.append(Span(begin, begin + len(clause)))
            found = True
        if found and instrument.summary is None:
            instrument.summary = sentence
        if sentence is instrument.intro or found:
            instrument.excerpts.append(sentence)
    instrument.status, instrument.status_span = _status(document, instrument)


_THE_TWO = re.compile(
    # "The two central banks", "both national chambers"
    r"\b(?:the|both)\s+(?:two\s+)?"
    r"(?:(?:central|national|development|state|provincial|regional|municipal|local|partner|"
    r"respective|sister)\s+)?"
    r"(?:(universit|chamber|bank|compan|cit|municipalit|institut|agenc|authorit|port|ministr)"
    r"(?:ies|ys|s|es)"
    # "The two administrations": a city's or a province's, named before
    r"|(?P<administration>administration)s"
    # "the two institutions", "both bodies": whatever bodies were named before, said with
    # "two" or "both" (not "the bodies of fishermen", "the firms that left")
    r"|(?:(?<=two\s)|(?<=both\s))(?P<bodies>institutions|bodies|organi[sz]ations|entities)"
    # "The two city administrations also signed": the cities of the twinning before
    r"|(?P<city>cit)y\s+(?:administrations|councils|governments|halls))\b",
    re.IGNORECASE,
)


def _the_two(
    text: str, instrument: FoundInstrument, earlier: list[FoundInstrument]
) -> list[tuple[str, Span]]:
    before = text[instrument.intro.span.start : instrument.title.start]
    named = _THE_TWO.search(before)
    if named is None or re.match(r"\s*,\s*[A-Z]", before[named.end() :]):
        return []  # "The two commercial banks, GCB Bank and ...": named right there
    kind = (named.group(1) or named.group("city") or "").lower()
    for found in reversed(earlier):
        names = [name for name, _ in found.parties]
        if len(names) != 2:
            continue
        if named.group("administration") or named.group("bodies"):
            if not found.parties_inferred and not any(country_named(n) for n in names):
                return list(found.parties)
        elif all(kind in name.lower() or _same_kind(kind, name) for name in names):
            return list(found.parties)
    return []


def _same_kind(kind: str, name: str) -> bool:
    # "Banco Central do Brasil", "Banque de France": banks in their own languages
    return kind == "bank" and re.search(r"\bBan(?:co|que)\b", name) is not None


def _status(document: Document, instrument: FoundInstrument) -> tuple[Status, Span | None]:
    text = document.text
    piece = instrument.intro.span.of(text)
    for status, cue in STATUS_CUES:
        match = cue.search(piece)
        if match:
            start = instrument.intro.span.start + match.start()
            return status, Span(start, start + len(match.group()))
    # The introduction does not say; an article reporting a signing says so somewhere.
    for sentence in document.sentences():
        match = SIGNED.search(sentence.span.of(text))
        if match:
            start = sentence.span.start + match.start()
            return "signed", Span(start, start + len(match.group()))
    return "signed", None


def _parties(document: Document, instrument: FoundInstrument) -> list[tuple[str, Span]]:
    """Who is bound: "between X and Y", the subject of "signed", else the countries.

    When bodies sign (ministries, agencies, cities, companies) they are the parties, so a
    pair of bodies the article names wins over a pair of countries or places.
    """
    text = document.text
    intro = instrument.intro
    # "a second international bridge between Clorinda and Asunción": places the instrument
    # is about (a town, a capital read as its country), not who signs it.
    pairs = [
        pair
        for pair in written_pairs(text, instrument)
        if pair
        and not (
            all(_a_place(name) for name, _ in pair)
            and any(country_named(name) for name, _ in pair)
            and not all(country_named(name) for name, _ in pair)
            and _TOPIC_BETWEEN.search(text, 0, pair[0][1].start) is not None
        )
    ]
    bodies = [pair for pair in pairs if not all(country_named(name) for name, _ in pair)]
    # "Kenya Airways and China Southern Airlines signed a letter of intent on codeshare
    # cooperation between Nairobi and Guangzhou": two bodies, not the route's two cities.
    named = [pair for pair in bodies if not any(_a_place(name) for name, _ in pair)]
    if bodies or pairs:
        return (named or bodies or pairs)[0]
    in_sentence = _distinct(
        [m for m in find_countries(text, intro.span) if not _names_an_instrument(text, m)]
    )
    article = main_countries(
        [
            m
            for s in document.sentences()
            for m in find_countries(text, s.span)
            if not _names_an_instrument(text, m)
        ]
    )
    chosen = list(in_sentence)
    for mention in article:
        if len(chosen) >= 2:
            break
        if all(mention.country != c.country for c in chosen):
            chosen.append(mention)
    # The article's own order ("Kenya and Malaysia"), whichever sentence named them first.
    order = [m.country for m in article]
    chosen.sort(key=lambda m: order.index(m.country) if m.country in order else len(order))
    # Two sides: a third country the sentence names ("English and Spanish language
    # teaching", "Antarctic science") is a topic, not a party; the article's main two win.
    chosen = chosen[:2]
    instrument.parties_inferred = True
    inferred = [(m.country, m.span) for m in chosen]
    lent = lender(text, instrument)
    if lent is not None and len(inferred) == 2:
        # "The grant agreement is financed by Qatar Fund for Development": the lender is a
        # party, for its country; the other country receives.
        (name, span), borrower = lent
        theirs = country_of_word(name.split()[0]) or country_named(name.split()[0])
        others = [p for p in inferred if p[0] == borrower or (borrower is None and p[0] != theirs)]
        if (theirs or borrower) and len(others) == 1:
            instrument.parties_inferred = False
            return [(name, span), others[0]]
    return inferred


# "... a bridge between Clorinda and Asunción": a topic's "between", not the instrument's.
_TOPIC_BETWEEN = re.compile(
    r"\b(?!agreement|accord|memorandum|mou|protocol|treaty|convention|declaration|letter|"
    r"arrangement|notes|programme|plan)[a-z]+\s+between\s+(?:the\s+)?$"
)


def _a_place(name: str) -> bool:
    """A country, or one word that names no body ("Guangzhou")."""
    return country_named(name) is not None or (" " not in name and not reads_as_name(name))


def _names_an_instrument(text: str, mention: CountryMention) -> bool:
    """ "the Paris Agreement", "the Nairobi Convention": a place in a name, not a party; and
    "Paulo Nogueira Lima": a capital that ends a person's name."""
    if text[mention.span.end : mention.span.end + 1] == " " and HEAD.match(
        text, mention.span.end + 1
    ):
        return True
    before = re.search(
        r"([A-Z][\w’'-]+)\s+$", text[max(0, mention.span.start - 40) : mention.span.start]
    )
    return mention.by == "capital" and before is not None and country_named(before.group(1)) is None


def _distinct(mentions: list[CountryMention]) -> list[CountryMention]:
    seen: dict[str, CountryMention] = {}
    for mention in mentions:
        seen.setdefault(mention.country, mention)
    return list(seen.values())
