"""What an article says of one instrument: its parties, status, aims and excerpts.

Parties are who is bound: the two sides a "between X and Y" names, the bodies that signed,
else the countries the article names; when bodies sign (ministries, agencies, cities,
companies) they are the parties. Status and aims come from the sentences about it.
Imports ``segments``, ``countries``, ``parties``, ``signing_bodies``, ``instrument_words``
and ``found``.
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
from kbtool.ingest.parties import country_of_state, reads_as_name, split_pair
from kbtool.ingest.segments import Document, Sentence, Span
from kbtool.ingest.signing_bodies import bodies_in_titles
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
_SUBJECT_VERB = re.compile(
    r"\b(?:also\s+|on\s+\w+\s+|have\s+|has\s+|had\s+|jointly\s+|formally\s+|today\s+|"
    r"yesterday\s+|are\s+|were\s+|will\s+|is\s+|also\s+|then\s+|later\s+)*"
    r"(?:signed|inked|sealed|concluded|exchanged|agreed|negotiating|negotiated|initialled|"
    r"ratified|adopted|sign|subscribed|put\s+pen\s+to\s+paper|entered\s+into)\b",
    re.I,
)
_NAME_PART = r"[A-Z][\w’'\-–.&]*"
# "Instituto de Investigaciones Agropecuarias", "Banco do Brasil": particles inside names.
_NAME_WORD = rf"(?:{_NAME_PART}|of|for|and|&|the|in|de|del|do|da|des|du|\([A-Z][\w&-]*\))"
# The names before a verb: "the Ministry of Trade and Industry and the Food and Drugs Authority".
_OWNED_SECOND = re.compile(
    rf"(?:^|\s)(?:the\s+)?(?P<first>{_NAME_PART}(?:\s+{_NAME_WORD})*?),?\s+(?:and|&)\s+(?:the\s+)?"
    r"(?:[A-Z][\w’'-]*\s+)?(?:[a-z]+\s+){0,2}[a-z]+[’']s\s+$"
)
_NAMES_AT_END = re.compile(rf"{_NAME_WORD}(?:,?\s+{_NAME_WORD})*\s*$")


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
    r"\b(?:the|both)\s+(?:two\s+)?(universit|chamber|bank|compan|cit|municipalit|institut|"
    r"agenc|authorit|port|ministr)(?:ies|ys|s|es)\b",
    re.IGNORECASE,
)


def _the_two(
    text: str, instrument: FoundInstrument, earlier: list[FoundInstrument]
) -> list[tuple[str, Span]]:
    before = text[instrument.intro.span.start : instrument.title.start]
    named = _THE_TWO.search(before)
    if named is None:
        return []
    kind = named.group(1).lower()
    for found in reversed(earlier):
        names = [name for name, _ in found.parties]
        if len(names) == 2 and all(kind in name.lower() for name in names):
            return list(found.parties)
    return []


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
    pairs = [pair for pair in _written_pairs(text, instrument) if pair]
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
    return [(m.country, m.span) for m in chosen]


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


def _written_pairs(text: str, instrument: FoundInstrument) -> list[list[tuple[str, Span]]]:
    """Every "X and Y" the article gives as the two sides of this instrument, in order."""
    found: list[list[tuple[str, Span]]] = []
    title = instrument.title.of(text)
    between = re.search(r"\bbetween\s+(?:the\s+)?(.+)$", title)
    if between:
        found.append(_pair(text, instrument.title.start + between.start(1), between.group(1)))
    # "The disaster memorandum, between Emergency Management Australia and ..., was signed".
    # "A partnership agreement on a blending unit, worth 45 million dollars, between ...".
    for said in [instrument.title, *instrument.mentions]:
        apposition = _APPOSED_BETWEEN.match(text, said.end)
        if apposition:
            found.append(_pair(text, apposition.start(1), apposition.group(1)))
    intro = instrument.intro
    # An item of a coordination is written apart ("letters of intent on X and on Y"):
    # its words start at its head word.
    begins = instrument.kind_span.start if instrument.written else instrument.title.start
    before = text[intro.span.start : begins]
    verbs = list(_SUBJECT_VERB.finditer(before))
    if verbs:
        subject = before[: verbs[-1].start()].rstrip()
        subject = re.sub(r"\s+(?:on\s+\w+|also|today|yesterday|jointly|then|later)$", "", subject)
        names = _NAMES_AT_END.search(subject)
        if names and _PEOPLE_BEFORE.search(subject, 0, names.start()):
            names = None  # "Foreign ministers Rui Tavares and Jorge Semedo signed": people
        owned = names and _OWNED_SECOND.search(subject, 0, names.start())
        if names and owned:
            # "the Diplomatic Academy of Peru and the Indonesian foreign ministry's Centre for
            # Education and Training signed": the "and" before the possessive joins the two.
            first = intro.span.start + owned.start("first")
            found.append(
                [
                    _party(text, first, owned.group("first")),
                    _party(text, intro.span.start + names.start(), names.group()),
                ]
            )
        elif names:
            phrase = re.sub(r"^(?:(?:of|for|and|&|the|in)\s+)+", "", names.group())
            if re.search(r"\b(?:at|in|from)\s+$", subject[: names.start()]):
                # "at Victoria University of Wellington, Education New Zealand and ...":
                # where they met, then who signed.
                phrase = re.sub(r"^[^,]*,\s+", "", phrase)
            start = intro.span.start + names.end() - len(phrase)
            one_body = _WITH_RIGHT_AFTER.match(text, instrument.title.end)
            with_other = _with_other(text, instrument, start, phrase)
            pair = _pair(text, start, phrase)
            found.append((with_other or pair) if one_body else (pair or with_other))
    # "A memorandum was also signed between the central banks of X and Y".
    # "A further memorandum, covering dairy farming and seismic research, was signed between
    # the Wellington Regional Council and ...": past an apposition too.
    after = re.match(
        rf"(?:{_NOT_END}{{0,40}}?|,{_NOT_END}{{0,120}}?,{_NOT_END}{{0,20}}?)"
        r"\b(?:signed|concluded|exchanged|entered\s+into)\s+between\s+(?:the\s+)?([^.;,]+)",
        text[instrument.title.end : intro.span.end],
    )
    if after:
        found.append(_pair(text, instrument.title.end + after.start(1), after.group(1)))
    # "The credit-line agreement was signed between the Ministry of Finance and Türk Eximbank."
    for said in instrument.mentions:
        later = _SIGNED_BETWEEN.match(text, said.end)
        if later:
            found.append(_pair(text, later.start(1), later.group(1)))
    # "..., was signed by the Ethiopian Telecommunications Corporation and Djibouti Telecom":
    # bodies, not people, after "by".
    for said in [instrument.title, *instrument.mentions]:
        by = _SIGNED_BY.match(text, said.end)
        pair = _pair(text, by.start(1), by.group(1)) if by else []
        if pair and all(_body_like(name) for name, _ in pair):
            found.append(pair)
    # "the governor of Mendoza, ..., and the governor of the Valparaíso Region, ..., signed"
    found.append(bodies_in_titles(text, intro.span))
    return found


# "Sawit Jaya Refineries Sdn Bhd signed a supply agreement worth RM85 million with
# Mombasa-based Pwani Edible Oils Ltd": one body signs with another.
_WITH_OTHER = re.compile(
    r"[^.;]{0,80}?\bwith\s+(?:the\s+)?(?:[\w-]+-based\s+)?"
    # "the China Council for the Promotion of International Trade – Ningxia Sub-Council"
    r"(?P<other>[A-Z][\w’'&.-]*(?:\s+(?:of|for|and|&|the|–|[A-Z][\w’'&.-]*|\([A-Z&]+\)))*)"
)


def _with_other(
    text: str, instrument: FoundInstrument, start: int, subject: str
) -> list[tuple[str, Span]]:
    subject = subject.rstrip(" ,.")
    opener = _OPENER.match(subject)
    if opener:  # "Separately, the Export-Import Bank of India signed ... with"
        start, subject = start + opener.end(), subject[opener.end() :]
    joined = " and " in subject and not re.search(r"\bof\s+[A-Z][\w’'-]*\s+and\s+[A-Z]", subject)
    # "The Ghana Ports and Harbours Authority signed an MoU on ... with the Port of
    # Rotterdam Authority": with another right after the title, the subject is one body.
    joined = joined and not _WITH_RIGHT_AFTER.match(text, instrument.title.end)
    if not reads_as_name(subject) or country_named(subject) or joined:
        return []  # "X and Y signed": not one body; "University of Science and Technology" is
    after = _WITH_OTHER.match(text, instrument.title.end, instrument.intro.span.end)
    if after is None:
        return []
    other = re.sub(r"(?:\s+(?:of|for|and|&|the|–))+$", "", after.group("other").rstrip("."))
    if not reads_as_name(other) or _ROLE_IN_PARTY.search(other):
        return []
    return [_party(text, start, subject), _party(text, after.start("other"), other)]


_WITH_RIGHT_AFTER = re.compile(r"\s+with\s+(?:the\s+)?[A-Z]")
_SIGNED_BY = re.compile(
    r"\s*,?\s*(?:was|were)\s+(?:\w+\s+)?(?:signed|concluded|exchanged)\s+by\s+(?:the\s+)?"
    r"([^,.;]+)"
)


def _body_like(name: str) -> bool:
    """A body's name ("Djibouti Telecom" too: a country's name, then what it is)."""
    if country_named(name) is not None:
        return False
    first = re.match(r"[A-Z][\w’'-]*", name)
    of_a_country = first is not None and country_of_word(first.group()) is not None
    return reads_as_name(name) or (of_a_country and " " in name)


_PEOPLE_BEFORE = re.compile(
    r"\b(?:ministers|presidents|leaders|secretaries|envoys|ambassadors|counterparts|officials|"
    r"governors|mayors|heads\s+of\s+state)\s+$",
    re.IGNORECASE,
)
_APPOSED_BETWEEN = re.compile(
    r"\s*,?\s*(?:(?:worth|valued\s+at)\s+[^,.;]{1,40}?(?:\.\d[^,.;]{0,30})?,\s*)?"
    r"(?:signed\s+)?between\s+(?:the\s+)?([^,.;]+)"
)


# Any character but a sentence's end; "USD 1.2 billion" does not end it.
_NOT_END = r"(?:[^.;]|(?<=\d)\.(?=\d))"


_SIGNED_BETWEEN = re.compile(
    r"\s+(?:was|were)\s+(?:\w+\s+)?(?:signed|concluded|exchanged)\s+between\s+(?:the\s+)?([^.;,]+)"
)


_OPENER = re.compile(
    r"^(?:(?:\w+ly|Meanwhile|Also|Earlier|Later|Additionally|Moreover|Elsewhere|"
    r"(?:In|At|On)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?),\s+(?:the\s+)?"
    # "On Tuesday Uganda and Egypt signed": when, not who
    r"|(?:On|Last|This)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)"
)


def _pair(text: str, start: int, phrase: str) -> list[tuple[str, Span]]:
    """The two parties of "X and Y" written at ``start``, or ``[]``."""
    # "... signed between Kenya Railways and PT INKA by Managing Director ...": up to "by".
    phrase = re.split(r"\s+(?:to|which|that|who|on|by|was|were|is|are|will)\b|\n", phrase)[0]
    opener = _OPENER.match(phrase)
    if opener:  # "Separately, the Rwanda Development Board and ..."
        start, phrase = start + opener.end(), phrase[opener.end() :]
    phrase = phrase.rstrip(" ,.")
    if re.search(r"\bof\s+[A-Z][\w’'-]*$", phrase):
        # "... and the Ministry of Education, Science and Sports of Equatorial Guinea": a
        # list of portfolios goes on past the comma that ended the phrase.
        portfolios = _PORTFOLIOS.match(text, start + len(phrase))
        if portfolios:
            phrase += portfolios.group()
            # "... Forests and Fisheries and the Overseas Fishery Cooperation Foundation".
            other = re.match(r"\s+(?:and|&)\s+(?:the\s+)?[A-Z][^,.;]*", text[portfolios.end() :])
            if other and " and " not in phrase.split(",")[0]:
                phrase += other.group()
    split = split_pair(phrase)
    if split is None:
        return []
    sides = [phrase[a:b] for a, b in split]
    if any(len(side.split()) > 12 or _ROLE_IN_PARTY.search(side) for side in sides):
        return []  # "Foreign Minister Lee Dong-jin and ...": people, not parties
    return [_party(text, start + a, phrase[a:b]) for a, b in split]


_PORTFOLIOS = re.compile(
    r"(?:,\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)+,?\s+(?:and|&)\s+[A-Z][\w’'-]*"
    r"(?:\s+(?:[A-Z][\w’'-]*|of|the))*(?<![\s,])"
)
_ROLE_IN_PARTY = re.compile(r"\b(?:Ministers?|Presidents?|Secretary|Secretaries|Ambassadors?|CS)\b")


def _distinct(mentions: list[CountryMention]) -> list[CountryMention]:
    seen: dict[str, CountryMention] = {}
    for mention in mentions:
        seen.setdefault(mention.country, mention)
    return list(seen.values())


def _party(text: str, start: int, written: str) -> tuple[str, Span]:
    """A party as written, or the country a name or capital stands for."""
    written = written.strip().rstrip(".,")
    # "between Belarus and Zimbabwe for 2019-2021": the period is the instrument's.
    written = re.sub(r"\s+for\s+(?:the\s+)?(?:(?:years?|period)\s+)?\d{4}\b.*$", "", written)
    # "... and the Government of Seychelles (US$ 50 million)": the amount is the instrument's.
    written = re.sub(r"\s*\([^()]*\d[^()]*(?:\).*)?$", "", written)
    if written[:4] in ("the ", "The "):
        start, written = start + 4, written[4:]
    # "the Rotterdam-based STC Group": where it is based is not its name.
    based = re.match(r"[A-Z][\w’'-]*-based\s+(?=[A-Z])", written)
    if based:
        start, written = start + based.end(), written[based.end() :]
    # "between the governments of the Sultanate of Oman and Tanzania"
    governments = re.match(r"governments\s+of\s+(?:the\s+)?", written)
    if governments:
        start, written = start + governments.end(), written[governments.end() :]
    span = Span(start, start + len(written))
    country = country_of_state(written)
    return (country if country else written), span
