"""One "X and Y" an article writes for an instrument, read as its two sides, and the name
each side is given.

``pair_written`` finds the two sides of a phrase ("the Ministry of Trade and Industry and
the Food and Drugs Authority"): where the phrase ends (before "to", "worth", a period, a
table's next cell), where a body ends before its head's title and name ("Port of Spain
Mayor ..."), and when the sides are people, not parties. ``party_written`` gives a side its
name: a country's for a state's ("Government of the Republic of Rwanda"), without an
agency's tag, an amount or a period, and spelled out from initials the article explains.
Imports ``countries``, ``parties``, ``segments`` and ``signing_bodies``.
"""

from __future__ import annotations

import re

from kbtool.ingest.countries import country_named
from kbtool.ingest.parties import country_of_state, reads_as_name, split_pair
from kbtool.ingest.segments import Span, words
from kbtool.ingest.signing_bodies import body_of_role, spelled_out

OPENER = re.compile(
    r"^(?:(?:\w+ly|Meanwhile|Also|Earlier|Later|Additionally|Moreover|Elsewhere|Besides|"
    r"(?:In|At|On)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?),\s+(?:the\s+)?"
    # "On Tuesday Uganda and Egypt signed": when, not who
    r"|(?:On|Last|This)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)"
)


def pair_written(text: str, start: int, phrase: str) -> list[tuple[str, Span]]:
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
        # "... (CCPIT Yunnan) at a business forum in Dhaka": where, not who
        r"|\s+at\s+(?:a|an|the)\s"
        # "... of Zimbabwe for 2019-2021": the instrument's period
        r"|\s+for\s+(?:the\s+)?(?:(?:years?|period)\s+)?\d{4}\b"
        r"|\s\|\s|\n",
        phrase,
    )[0]
    opener = OPENER.match(phrase)
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
        not side or len(side.split()) > _most_words(side) or ROLE_IN_PARTY.search(side)
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


_PARTICLES = frozenset({"de", "da", "do", "dos", "das", "la", "las", "los", "del", "van", "von"})
# The small words between a name's capitalised ones
_SMALL_WORDS = _PARTICLES | {"of", "the", "for", "and", "&", "on", "in", "du", "des"}


def _most_words(side: str) -> int:
    """How many words a side may have: a name of capitalised words and the small words
    between them runs long ("the Ministry of Higher and Tertiary Education, Innovation,
    Science and Technology Development of Zimbabwe", "the Yunnan Sub-Council of the China
    Council for the Promotion of International Trade"); a phrase with other words in lower
    case is no name past twelve ("Chilean fruit exporters interested in expanding ...")."""
    written = re.sub(r"\([^()]*\)", "", side).split()
    named = all(w[:1].isupper() or w in _SMALL_WORDS for w in written)
    return 16 if named else 12


def _reads_as_person(side: str) -> bool:
    """Capitalised words with a particle between that name no body, country or place: a
    person's name ("Rosa de la Fuente"), which the particles read inside names would
    otherwise let through ("Banco de la Nación Argentina" is a body's)."""
    written = side.strip().split()
    return (
        3 <= len(written) <= 5
        and written[0][:1].isupper()
        and written[-1][:1].isupper()
        and any(w in _PARTICLES for w in written)
        and all(w[:1].isupper() or w in _PARTICLES for w in written)
        and not any(w.endswith(("'s", "’s")) for w in written)  # "Peru's Asociación de ..."
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
ROLE_IN_PARTY = re.compile(r"\b(?:Ministers?|Presidents?|Secretary|Secretaries|Ambassadors?|CS)\b")


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
    # "the Province of Formosa, in Argentina, and ...": whose the province is
    located_in = re.search(r",\s+in\s+(?:the\s+)?([A-Z][\w’' -]*?),?$", written)
    if located_in and country_named(located_in.group(1)) is not None:
        written = written[: located_in.start()]
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
    if larger and not reads_as_name(written[: larger.start()]):
        # (not "the Chamber of Commerce in Lagos State": the state says which chamber)
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
