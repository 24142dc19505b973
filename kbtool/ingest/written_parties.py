"""The two sides an article writes for one instrument, each pair where it is written.

"between X and Y" in the title or after it ("..., signed between ..."; "..., worth 45
million dollars, between ..."), the subject of "signed" ("The Ministry of Trade and
Industry and the Food and Drugs Authority signed ..."; "X signed ... with Y"), "was signed
by" two bodies, and the bodies the signatories' titles name (``signing_bodies``). Each pair
is the two names as written, a country's name for a state's ("Government of the Republic
of Rwanda"; ``party_written``); ``describing`` chooses among them.
Imports ``countries``, ``found``, ``instrument_words``, ``parties``, ``segments`` and
``signing_bodies``.
"""

from __future__ import annotations

import re

from kbtool.ingest.countries import country_named, country_of_word
from kbtool.ingest.found import FoundInstrument
from kbtool.ingest.instrument_words import HEAD
from kbtool.ingest.parties import country_of_state, reads_as_name, split_pair
from kbtool.ingest.segments import Span, words
from kbtool.ingest.signing_bodies import bodies_in_titles, body_of_role, spelled_out

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
            pair = _pair(text, start, phrase)
            found.append((with_other or pair) if one_body else (pair or with_other))
    # "...: Gomselmash and the Bryansk Machine-Building Plant, a memorandum on ...; Francisk
    # Skorina Gomel State University and ..., agreements on ...": a list of who signed what.
    clause = re.split(r"[;:]", before)[-1]
    item = re.fullmatch(r"\s*(?:the\s+)?(.+?),\s+(?:(?:a|an|the|two|three)\s+)?", clause)
    if item and ";" in text[intro.span.start : intro.span.end]:
        found.append(_pair(text, begins - len(clause) + item.start(1), item.group(1)))
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
    if after and HEAD.search(text, instrument.title.end, instrument.title.end + after.start(1)):
        after = None
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
        if pair and all(_body_like(name) and not _A_TITLE.search(name) for name, _ in pair):
            found.append(pair)
    # "the governor of Mendoza, ..., and the governor of the Valparaíso Region, ..., signed"
    found.append(bodies_in_titles(text, intro.span))
    return found


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


_OPENER = re.compile(
    r"^(?:(?:\w+ly|Meanwhile|Also|Earlier|Later|Additionally|Moreover|Elsewhere|Besides|"
    r"(?:In|At|On)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?),\s+(?:the\s+)?"
    # "On Tuesday Uganda and Egypt signed": when, not who
    r"|(?:On|Last|This)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)"
)


def _pair(text: str, start: int, phrase: str) -> list[tuple[str, Span]]:
    """The two parties of "X and Y" written at ``start``, or ``[]``."""
    # "... signed between Kenya Railways and PT INKA by Managing Director ...": up to "by".
    phrase = re.split(
        # "the National Commission on Space Activities of Argentina": a body's own "on"
        r"\s+on\b(?!\s+[A-Z])"
        r"|(?<!Commission)(?<!Committee)(?<!Council)(?<!Centre)(?<!Center)(?<!Institute)"
        r"(?<!Office)\s+on\s+(?=[A-Z])"
        r"|\s+(?:to|which|that|who|by|was|were|is|are|will|when|while|during|before|after"
        r"|concerning|regarding)\b"
        # "... the State of Rio Grande do Sul in the field of agricultural research"
        r"|\s+in\s+the\s+fields?\s+of\b"
        # "... Government of Seychelles for US$ 50 million | Patrick Payet": a table's cells
        r"|\s+for\s+(?:US|USD|EUR|GBP|AED|INR|[$€£¥])"
        # "... and the Government of Guyana worth USD 23.27 million"
        r"|\s+worth\b"
        # "... of Zimbabwe for 2019-2021": the instrument's period
        r"|\s+for\s+(?:the\s+)?(?:(?:years?|period)\s+)?\d{4}\b"
        r"|\s\|\s|\n",
        phrase,
    )[0]
    opener = _OPENER.match(phrase)
    if opener:  # "Separately, the Rwanda Development Board and ..."
        start, phrase = start + opener.end(), phrase[opener.end() :]
    phrase = phrase.rstrip(" ,.")
    if _of_a_portfolio(phrase):
        # "... and the Ministry of Education, Science and Sports of Equatorial Guinea": a
        # list of portfolios goes on past the comma that ended the phrase.
        portfolios = _PORTFOLIOS.match(text, start + len(phrase))
        if portfolios:
            phrase += portfolios.group()
            # "... Forests and Fisheries and the Overseas Fishery Cooperation Foundation".
            other = re.match(r"\s+(?:and|&)\s+(?:the\s+)?[A-Z][^,.;]*", text[portfolios.end() :])
            if other and " and " not in phrase.split(",")[0]:
                phrase += other.group()
                # "... and New Zealand's Ministry of Business, Innovation and Employment"
                theirs = _of_a_portfolio(phrase) and _PORTFOLIOS.match(text, start + len(phrase))
                if theirs:
                    phrase += theirs.group()
    split = split_pair(phrase)
    if split is None:
        return []
    if re.match(_MONTHS, phrase.strip()):
        return []  # "concluded between March and June": when, not who
    # "Port of Spain Mayor Marcus Greenidge-Lee and Paramaribo District Commissioner ...":
    # the body or place each signatory's title names.
    bounds = [_titled_body(phrase, a, a + _before_head(phrase[a:b])) for a, b in split]
    sides = [phrase[a:b] for a, b in bounds]
    if any(
        not side or len(side.split()) > _longest(side) or _ROLE_IN_PARTY.search(side)
        for side in sides
    ):
        return []  # "Foreign Minister Lee Dong-jin and ...": people, not parties
    if any(_reads_as_person(side) for side in sides):
        return []  # "Kwame Addo and Rosa de la Fuente signed": people, named bare
    return [party_written(text, start + a, phrase[a:b]) for a, b in bounds]


def _titled_body(phrase: str, start: int, end: int) -> tuple[int, int]:
    """ "the Commissioner of the Vanuatu Police Force, Joshua Bong Aru": the body the title
    before the name names, where the side is a title and a name."""
    titled = re.fullmatch(r"(.+?),\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)+,?\s*", phrase[start:end])
    body = body_of_role(titled.group(1)) if titled else None
    if body is None:
        return start, end
    at = phrase.find(body, start, end)
    return (at, at + len(body)) if at >= 0 else (start, end)


def _of_a_portfolio(phrase: str) -> bool:
    """Whether ``phrase`` ends with "of" and a portfolio's first word ("Ministry of
    Employment"), which a list may go on ("..., Labour and Social Welfare"); not a
    country's name ("the Ministry of Labour of Chile")."""
    last = re.search(r"\bof\s+([A-Z][\w’'-]*)$", phrase)
    return last is not None and country_named(last.group(1)) is None


def _longest(side: str) -> int:
    """How many words a side may have: a ministry's list of portfolios runs long ("the
    Ministry of Higher and Tertiary Education, Innovation, Science and Technology
    Development of Zimbabwe"); another name is shorter."""
    return 16 if re.match(r"(?:the\s+)?(?:\w+\s+)?Ministry\b", side) else 12


_PARTICLES = frozenset({"de", "da", "do", "dos", "das", "la", "las", "los", "del", "van", "von"})


def _reads_as_person(side: str) -> bool:
    """Capitalised words with a particle between that name no body, country or place: a
    person's name ("Rosa de la Fuente"), which the particles read inside names would
    otherwise let through ("Banco de la Nación Argentina" is a body's)."""
    words_ = side.strip().split()
    return (
        3 <= len(words_) <= 5
        and words_[0][:1].isupper()
        and words_[-1][:1].isupper()
        and any(w in _PARTICLES for w in words_)
        and all(w[:1].isupper() or w in _PARTICLES for w in words_)
        and not any(w.endswith(("'s", "’s")) for w in words_)  # "Peru's Asociación de ..."
        and not reads_as_name(side)
        and country_of_state(side) is None
        and not _PLACE_WORD.search(side)
    )


_PLACE_WORD = re.compile(
    r"\b(?:Province|State|Region|County|Prefecture|Oblast|City|District|Governorate|"
    r"Municipality|Island|Islands|Territory|Department)\b"
)


_HEAD_AND_NAME = re.compile(
    r"\s+(?:(?:District|Deputy|Vice|Acting|Executive|Provincial|Regional|City|Municipal)\s+)?"
    r"(?:Mayor|Governor|Commissioner|Chairman|Chairperson|Rector|Dean|Principal|CEO|"
    # "USP Vice-Chancellor Professor Mahendra Narayan"
    r"Vice-Chancellor|Managing\s+Director|Director-General|Director\s+General)"
    r"\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*$"
)


def _before_head(side: str) -> int:
    """Where the body a side names ends, before its head and their name, if it has them."""
    head = _HEAD_AND_NAME.search(side)
    if head is None:
        return len(side)
    body = side[: head.start()]
    # "Health Principal Secretary ...", "High Commissioner ...", "Lord Mayor ...": words of a
    # title, not a body or a place
    # "USP Vice-Chancellor ...": a body by its initials
    initials = re.fullmatch(r"\s*[A-Z]{2,7}\s*", body) is not None
    if not (reads_as_name(body) or initials) and (
        not re.search(r"\b(?:Mayor|Governor|Commissioner)\b", head.group())
        or body.split()[-1].lower() in _TITLE_WORDS
    ):
        return len(side)
    if " " not in body and body.lower() in _TITLE_WORDS:
        return 0  # "Police Commissioner Kofi Boakye": a person, no body named
    return head.start()


# Words that begin a title rather than name a body or a place
_TITLE_WORDS = words(
    "high deputy vice lord lieutenant assistant acting chief senior principal permanent "
    "health trade police culture finance education energy defence defense interior justice "
    "tourism agriculture transport foreign county district"
)


_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_PORTFOLIOS = re.compile(
    r"(?:,\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)+,?\s+(?:and|&)\s+[A-Z][\w’'-]*"
    r"(?:\s+(?:[A-Z][\w’'-]*|of|the))*(?<![\s,])"
)
_ROLE_IN_PARTY = re.compile(r"\b(?:Ministers?|Presidents?|Secretary|Secretaries|Ambassadors?|CS)\b")


def party_written(text: str, start: int, written: str) -> tuple[str, Span]:
    """A party as written, or the country a name or capital stands for."""
    written = written.strip().rstrip(".,")
    # "Victoria (Seychelles), Aug 26 (PTI) India and Seychelles ...": the agency's tag.
    tag = re.match(r"\([A-Z][A-Za-z]{1,9}\)\s+", written)
    if tag:
        start, written = start + tag.end(), written[tag.end() :]
    # "between Belarus and Zimbabwe for 2019-2021": the period is the instrument's.
    written = re.sub(r"\s+for\s+(?:the\s+)?(?:(?:years?|period)\s+)?\d{4}\b.*$", "", written)
    # "... and the Government of Seychelles (US$ 50 million)": the amount is the instrument's.
    written = re.sub(r"\s*\([^()]*\d[^()]*(?:\).*)?$", "", written)
    if written[:4] in ("the ", "The "):
        start, written = start + 4, written[4:]
    # "the National Commission on Space Activities (CONAE) of Argentina": the name ends with
    # the short form written after it; whose the body is follows.
    owner = re.search(r"\)\s+of\s+(?:the\s+)?([A-Z][\w’' -]*)$", written)
    if (
        owner
        and country_named(owner.group(1)) is not None
        and "(" in written[: owner.start()]
        # "the Government (GoG) of Ghana": a state, which is its country
        and country_of_state(re.sub(r"\s*\([^()]*\)", "", written)) is None
    ):
        written = written[: owner.start() + 1]
    # "The Institute of Marine Research in Bergen": the town it is in, not its name (but
    # "the Agency for the Promotion of Investments in Mali" is Mali's).
    located = re.search(r"\s+in\s+([A-Z][\w’'-]+)$", written)
    if (
        located
        and country_named(located.group(1)) is None
        and reads_as_name(written[: located.start()])
    ):
        written = written[: located.start()]
    # "Iwanuma in Miyagi Prefecture": the larger place a place is in
    larger = re.search(
        r"\s+in\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?\s+(?:Prefecture|Province|Region|County|State)$",
        written,
    )
    if larger:
        written = written[: larger.start()]
    # "national oil firm Petronas", "the Kazakh national company KazMunayGas": what it is
    described = _DESCRIBED_BODY.match(written)
    if described:
        start, written = start + described.end(), written[described.end() :]
    # "the Rotterdam-based STC Group": where it is based is not its name.
    based = re.match(r"[A-Z][\w’'-]*-based\s+(?=[A-Z])", written)
    if based:
        start, written = start + based.end(), written[based.end() :]
    # "between the governments of the Sultanate of Oman and Tanzania"
    governments = re.match(r"governments\s+of\s+(?:the\s+)?", written)
    if governments:
        start, written = start + governments.end(), written[governments.end() :]
    span = Span(start, start + len(written))
    # "the Government (GoG) of Ghana": its short form says nothing of whose it is
    country = country_of_state(written) or country_of_state(re.sub(r"\s*\([^()]*\)", "", written))
    if country:
        return country, span
    # "between ADFD and the Government of Mauritania": the name "(ADFD)" stood for
    full = spelled_out(text, written) if re.fullmatch(r"[A-Z]{2,7}", written) else None
    return (full or written), span


_DESCRIBED_BODY = re.compile(
    r"(?:[A-Z][a-z]+\s+)?(?:(?:state|national|state-owned|oil|gas|energy|power|mining|shipping|"
    r"steel|investment|sovereign|telecommunications?)\s+)+(?:firm|company|group|corporation|giant|"
    r"operator|utility|carrier|producer|fund|miner|conglomerate)\s+(?=[A-Z])"
)
