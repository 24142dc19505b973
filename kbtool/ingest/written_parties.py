"""The two sides an article writes for one instrument, each pair where it is written.

"between X and Y" in the title or after it ("..., signed between ..."; "..., worth 45
million dollars, between ..."), the subject of "signed" or "put their signatures to" ("The
Ministry of Trade and Industry and the Food and Drugs Authority signed ..."; "X signed ...
with Y"), a list of who signed what ("...: X and Y, a memorandum on ...; Z and W, ..."),
"was signed by" two bodies, and the bodies the signatories' titles name
(``signing_bodies``). Each pair
is the two names as written, a country's name for a state's ("Government of the Republic
of Rwanda"; ``party_written``); ``describing`` chooses among them.
One pair's two sides and their names are ``written_sides``'. Imports ``countries``,
``found``, ``instrument_words``, ``name_words``, ``parties``, ``segments``,
``signing_bodies`` and ``written_sides``.
"""

from __future__ import annotations

import re

from kbtool.ingest.countries import country_named, country_of_word
from kbtool.ingest.found import FoundInstrument
from kbtool.ingest.instrument_words import HEAD
from kbtool.ingest.name_words import PORTFOLIO_WORDS
from kbtool.ingest.parties import reads_as_name
from kbtool.ingest.segments import Span
from kbtool.ingest.signing_bodies import bodies_in_titles
from kbtool.ingest.written_sides import OPENER, ROLE_IN_PARTY, pair_written, party_written

_SUBJECT_VERB = re.compile(
    r"\b(?:also\s+|on\s+\w+\s+|have\s+|has\s+|had\s+|jointly\s+|formally\s+|today\s+|"
    r"yesterday\s+|are\s+|were\s+|will\s+|is\s+|also\s+|then\s+|later\s+)*"
    r"(?:signed|inked|sealed|concluded|exchanged|agreed|negotiating|negotiated|initialled|"
    r"ratified|adopted|sign|subscribed|put\s+pen\s+to\s+paper|entered\s+into|"
    r"(?:put|affixed|set)\s+their\s+signatures\s+to)\b",
    re.I,
)
_NAME_PART = r"[A-Z][\w’'\-–.&]*"
# "Instituto de Investigaciones Agropecuarias", "Banco do Brasil": particles inside names.
_NAME_WORD = (
    rf"(?:{_NAME_PART}|of|for|and|&|the|in|on(?=\s+[A-Z])|de|del|do|da|dos|das|des|du|la|las|los"
    rf"|\([A-Z][\w&-]*\))"
)
# The names before a verb: "the Ministry of Trade and Industry and the Food and Drugs Authority".
_OWNED_SECOND = re.compile(
    rf"(?:^|\s)(?:the\s+)?(?P<first>{_NAME_PART}(?:\s+{_NAME_WORD})*?),?\s+(?:and|&)\s+(?:the\s+)?"
    r"(?:[A-Z][\w’'-]*\s+)?(?:[a-z]+\s+){0,2}[a-z]+[’']s\s+$"
)
_NAMES_AT_END = re.compile(rf"{_NAME_WORD}(?:,?\s+{_NAME_WORD})*\s*$")


def written_pairs(text: str, instrument: FoundInstrument) -> list[list[tuple[str, Span]]]:
    """Every "X and Y" the article gives as the two sides of this instrument, in order."""
    found: list[list[tuple[str, Span]]] = []
    title = instrument.title.of(text)
    between = re.search(r"\bbetween\s+(?:the\s+)?(.+)$", title)
    if between:
        found.append(
            pair_written(text, instrument.title.start + between.start(1), between.group(1))
        )
    # "The disaster memorandum, between Emergency Management Australia and ..., was signed".
    # "A partnership agreement on a blending unit, worth 45 million dollars, between ...".
    for said in [instrument.title, *instrument.mentions]:
        apposition = _APPOSED_BETWEEN.match(text, said.end)
        if apposition:
            found.append(pair_written(text, apposition.start(1), apposition.group(1)))
    intro = instrument.intro
    # An item of a coordination is written apart ("letters of intent on X and on Y"):
    # its words start at its head word.
    begins = instrument.kind_span.start if instrument.written else instrument.title.start
    before = text[intro.span.start : begins]
    verbs = list(_SUBJECT_VERB.finditer(before))
    if verbs:
        subject = before[: verbs[-1].start()].rstrip()
        subject = re.sub(r"\s+(?:on\s+\w+|also|today|yesterday|jointly|then|later)$", "", subject)
        # "Hunan Province and the northeastern Brazilian state of Bahia signed": the state's
        # name is the party; its description is blanked, so that offsets still hold.
        subject = _PLACE_DESCRIBED.sub(lambda m: " " * len(m.group()), subject)
        # "Mozambique's National Petroleum Institute (Instituto Nacional de Petróleo, INP)":
        # the name in its own language, with its short form, is not another name.
        subject = re.sub(
            r"\s*\([^()]{3,60},\s*[A-Z][\w&-]*\)", lambda m: " " * len(m.group()), subject
        )
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
                    party_written(text, first, owned.group("first")),
                    party_written(text, intro.span.start + names.start(), names.group()),
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
            pair = pair_written(text, start, phrase)
            found.append((with_other or pair) if one_body else (pair or with_other))
    found.append(_listed_pair(text, instrument, before, begins))
    # "A memorandum was also signed between the central banks of X and Y".
    # "A further memorandum, covering dairy farming and seismic research, was signed between
    # the Wellington Regional Council and ...": past an apposition too.
    # "A grant agreement worth A$18 million for the rehabilitation of Matautu wharf, was
    # signed between ...", "... loan agreement to rehabilitate the highway was also signed,
    # between ...": past what it is for, when no other instrument is named on the way.
    after = re.match(
        rf"(?:(?:{_NOT_END}{{0,40}}?|,{_NOT_END}{{0,120}}?,{_NOT_END}{{0,20}}?)"
        r"\b(?:signed|concluded|exchanged|entered\s+into)"
        # farther on, only the instrument's own "was signed", not a clause's ("the scheme
        # signed between the chiefs and ...")
        rf"|{_NOT_END}{{0,160}}?\b(?:was|were)\s+(?:\w+\s+)?(?:signed|concluded),?)"
        r"\s+between\s+(?:the\s+)?([^.;,]+)",
        text[instrument.title.end : intro.span.end],
    )
    if after is not None:
        # Another instrument named on the way is its own ("(MoU)" after the title is not).
        on_the_way = text[instrument.title.end : instrument.title.end + after.start(1)]
        if HEAD.search(re.sub(r"\([^()]*\)", "", on_the_way)):
            after = None
    if after:
        found.append(pair_written(text, instrument.title.end + after.start(1), after.group(1)))
    # "The credit-line agreement was signed between the Ministry of Finance and Türk Eximbank."
    for said in instrument.mentions:
        later = _SIGNED_BETWEEN.match(text, said.end)
        if later:
            found.append(pair_written(text, later.start(1), later.group(1)))
    # "..., was signed by the Ethiopian Telecommunications Corporation and Djibouti Telecom":
    # bodies, not people, after "by".
    for said in [instrument.title, *instrument.mentions]:
        by = _SIGNED_BY.match(text, said.end)
        pair = pair_written(text, by.start(1), by.group(1)) if by else []
        if pair and all(_body_like(name) and not _A_TITLE.search(name) for name, _ in pair):
            found.append(pair)
    # "the governor of Mendoza, ..., and the governor of the Valparaíso Region, ..., signed"
    found.append(bodies_in_titles(text, intro.span))
    return found


def _listed_pair(
    text: str, instrument: FoundInstrument, before: str, begins: int
) -> list[tuple[str, Span]]:
    """ "...: Gomselmash and the Bryansk Machine-Building Plant, a memorandum on ...;
    Francisk Skorina Gomel State University and ..., agreements on ...": in a list of who
    signed what, the pair before this item's title (``before``, the sentence's words up to
    ``begins``), when they are bodies, not people ("William Ruto and Anwar Ibrahim, a joint
    communiqué"), places ("in Kumasi and Tamale, an agreement") or headings ("Trade and
    Industry, a ...")."""
    clause = re.split(r"[;:]", before)[-1]
    item = re.fullmatch(r"\s*(?:the\s+)?(.+?),\s+(?:(?:a|an|the|two|three)\s+)?", clause)
    intro = instrument.intro.span
    if item is None or ";" not in text[intro.start : intro.end]:
        return []
    listed = pair_written(text, begins - len(clause) + item.start(1), item.group(1))
    sides = [side for side, _span in listed]
    if all(side[:1].isupper() and side.lower() not in PORTFOLIO_WORDS for side in sides) and any(
        map(_body_like, sides)
    ):
        return listed
    return []


_PLACE_DESCRIBED = re.compile(
    # only as one of the two sides: after "and", or opening the subject
    r"(?:(?<=\band\s)|^\s*)(?:the\s+)?(?:[a-z]+\s+)?(?:[A-Z][\w’'-]*\s+)?"
    r"(?:state|province|region|prefecture|department|county|governorate|emirate|city|town)"
    r"\s+of(?=\s+[A-Z])"
)


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
    opener = OPENER.match(subject)
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
    if not reads_as_name(other) or ROLE_IN_PARTY.search(other):
        return []
    return [party_written(text, start, subject), party_written(text, after.start("other"), other)]


_WITH_RIGHT_AFTER = re.compile(r"\s+with\s+(?:the\s+)?[A-Z]")
_SIGNED_BY = re.compile(
    r"\s*,?\s*(?:(?:was|were)\s+(?:\w+\s+)?)?(?:signed|concluded|exchanged)\s+by\s+(?:the\s+)?"
    r"([^,.;]+)"
)


# "signed by National Police Chief General Timur Pradopo and ...": people, by their titles.
_A_TITLE = re.compile(
    r"\b(?:Chief|Commissioner|Director|Governor|Mayor|Chairman|Chairperson|CEO|"
    r"Ambassador|Officer|Rector|Dean|Head|Minister|President|Secretary|Permanent)\b"
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
    # "worth AED500 million between ADFD and ...", with or without the commas
    r"\s*,?\s*(?:(?:worth|valued\s+at)\s+"
    r"(?:[^,.;\n]{1,40}?(?:\.\d[^,.;\n]{0,30})?,\s*"
    # without the commas, an amount alone: "worth AED500 million between", not "worth $5
    # million to support cross-border trade between Busia and Malaba"
    r"|(?:(?!(?:to|for|in|on|of|and|by|with)\b)[^\s,.;]+[ \t]+){1,4}?))?"
    # "signed in Nairobi yesterday between JICA and the Treasury"
    r"(?:(?:signed|concluded|inked)\s+(?:(?:in|at)\s+[A-Z][\w’'-]*\s+)?(?:(?:today|yesterday|on\s+[A-Z]\w+day)\s+)?)?"
    r"between\s+(?:the\s+)?([^,.;]+)"
)


# Any character but a sentence's end; "USD 1.2 billion" does not end it.
_NOT_END = r"(?:[^.;]|(?<=\d)\.(?=\d))"


_SIGNED_BETWEEN = re.compile(
    r"\s+(?:was|were)\s+(?:\w+\s+)?(?:signed|inked|sealed|concluded|exchanged)\s+between\s+(?:the\s+)?([^.;,]+)"
)
