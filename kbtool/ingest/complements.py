"""The phrase after an instrument's head that belongs to its title.

"on Tourism Cooperation", "between X and Y", "to twin Nairobi with Kuala Lumpur": the phrase
ends where the title ends, at a purpose clause ("to boost trade"), an amount, a date, a
finite verb, or a link word left dangling. ``mentions`` reads the words before the head and
calls this for the words after it; what ends it besides punctuation is read by
``complement_ends``. Imports ``segments``, ``complement_ends``, ``instrument_words``,
``title_lists`` and ``title_words``.
"""

from __future__ import annotations

import re

from kbtool.ingest.complement_ends import (
    a_party_follows,
    a_venue,
    an_office_follows,
    capital_next,
    two_countries_signed,
    users_follow,
)
from kbtool.ingest.instrument_words import (
    AND_STOPS,
    COMPLEMENT_STOPS,
    DETERMINERS,
    HEAD,
    TIME_WORDS,
    TITLE_LINKS,
)
from kbtool.ingest.segments import Sentence, Span, Token, tokens
from kbtool.ingest.title_lists import (
    list_goes_on,
    parallel_item,
    repeats_preposition,
    semicolon_item,
)
from kbtool.ingest.title_words import (
    AMOUNT,
    NAME_PARTICLES,
    WHOSE,
    a_capital,
    bracketed_abbreviation,
    for_a_period,
    period_at,
    place_in_title,
    purpose_starts,
    starts_complement,
)

# Company forms written with a full stop inside a name.
COMPANY_ENDINGS = frozenset({"inc", "ltd", "co", "corp", "bhd", "plc", "llc", "pty", "sdn"})
_SAINT = frozenset({"st", "ste", "mt"})
_NAMED_THINGS = frozenset(
    {"programme", "program", "project", "initiative", "loan", "loans", "scheme", "fund", "block"}
)


# "a Protocol amending the Convention for the avoidance of double taxation and the
# prevention of fiscal evasion": a tax treaty's title runs on in lower case
_TAX_FORMULA = re.compile(
    r"\s+the\s+(?:avoidance|elimination|prevention)\s+of\s+(?:double|fiscal)\b"
)


# "the Project for the Improvement of Water Supply Facilities in Ulaanbaatar": a place
# inside what a named project is for (not "the Kumasi Water Project in Accra")
_PROJECT = re.compile(r"\bProject\s+(?:for|of)\b")


def read_complement(
    text: str, sentence: Sentence, words: list[Token], head_end: int, plural: bool = False
) -> Span | None:
    """The phrase after a head that belongs to its title ("on Tourism Cooperation")."""
    index = head_end + 1
    if index < len(words) and bracketed_abbreviation(text, words[index]):
        index += 1  # "memorandum of understanding (MoU) on water management"
    # "The remaining three MoUs were on halal industry development; Islamic finance; and
    # tourism": a plural's items after "were" (each item is written out on its own).
    predicate = (
        plural
        and index + 1 < len(words)
        and words[index].lower in {"were", "are"}
        and words[index + 1].lower in {"on", "in", "for", "concerning", "regarding"}
    )
    if predicate:
        index += 1
    if index >= len(words) or not starts_complement(text, words, index):
        return None
    gap = text[words[head_end].span.end : words[index].span.start]
    # "Two further MoUs, on renewable energy and on traditional medicine, were added",
    # "Three MoUs — on a refinery, on renewable energy, and on minerals — were signed".
    set_off = plural and gap.strip() in {",", "—", "–"} and repeats_preposition(words, index)
    bracket = re.fullmatch(r"\s*\([A-Z][\w&]*\)\s*", gap)
    if gap.strip() and not set_off and not bracket and not predicate:
        return None
    start = words[index].span.start
    end = words[index].span.end
    if set_off:
        # The list runs to its closing dash, or to the comma after which no item follows.
        close = gap.strip()
        rest = text[start : sentence.span.end]
        ending = (
            re.search(r"\s*[—–]", rest)
            if close != ","
            else re.search(r",\s+(?!(?:and\s+)?(?:on|for|in)\s)", rest)
        )
        if ending is not None:
            return Span(start, start + ending.start())
    # "between X and the Y on port logistics": one "and" joins the parties, and a topic in
    # lower case may follow them.
    between = "open" if words[index].lower == "between" else "no"
    index += 1
    count = 0
    # A title-case phrase ("on Fisheries Cooperation") ends at the first lower-case word that
    # is not a linking word ("... Cooperation protects our coasts"); a lower-case one
    # ("on joint exploration in deepwater blocks") runs on to punctuation or a stop word.
    # Title case when the first word after the linking words is capitalised ("to the
    # Treaty of ...", not "relating to the opening of ...").
    first_word = index
    while first_word < len(words) and words[first_word].lower in TITLE_LINKS:
        first_word += 1
    title_case = first_word < len(words) and (
        words[first_word].capitalised or period_at(words, first_word)
    )
    second = first_word + 1
    if (
        title_case
        and second < len(words)
        and not text[words[first_word].span.end : words[second].span.start].strip()
        # "on the Hungarian tied-aid credit line": a proper adjective only
        and words[second].text.replace("-", "").isalpha()
        and words[second].text.islower()
        and words[second].lower not in TITLE_LINKS
        and words[second].lower not in COMPLEMENT_STOPS
        and not HEAD.fullmatch(words[second].text)
    ):
        title_case = False  # "on Antarctic science cooperation": a proper adjective only
    # Formal titles naming both parties run long ("Memorandum of Understanding between the
    # State Customs Committee of the Republic of ... on the exchange of ... on goods").
    while index < len(words) and count < (40 if between != "no" else 25):
        token = words[index]
        if (
            title_case
            and between == "joined"
            and token.lower in {"on", "in", "for"}
            and index + 1 < len(words)
            and not words[index + 1].capitalised
        ) or (
            title_case
            and token.lower == "for"
            and words[index - 1].lower in {"convention", "agreement", "treaty"}
            and _TAX_FORMULA.match(text, token.span.end)
        ):
            title_case = False
        elif (
            title_case
            and not token.capitalised
            and not period_at(words, index)
            and token.lower not in TITLE_LINKS
            # "between the Ministry of Defence ... and the ... concerning Defence Cooperation"
            and not (
                token.lower in {"concerning", "regarding"}
                and between == "joined"
                and capital_next(words, index)
            )
            # "Agreement on Cooperation in the field of Agriculture"
            and not (
                token.lower in {"field", "fields", "area", "areas", "sphere", "spheres"}
                and index + 1 < len(words)
                and words[index + 1].lower == "of"
            )
            and not place_in_title(words, index)
            # "the Oil for Development programme for 2012-2016", "Fund loans": the noun a
            # proper name qualifies
            and not (
                token.lower in _NAMED_THINGS
                and (words[index - 1].capitalised or (index > 1 and words[index - 2].capitalised))
            )
            # "the Stipendium Hungaricum scholarship programme"
            and not (
                words[index - 1].capitalised
                and index + 1 < len(words)
                and words[index + 1].lower in _NAMED_THINGS
            )
            # "Empresa Nacional de Hidrocarbonetos", "with respect to Taxes on Income"
            and not (
                token.lower in NAME_PARTICLES | {"respect"}
                and index + 1 < len(words)
                and (words[index + 1].capitalised or words[index + 1].lower == "to")
            )
        ):
            break
        gap = text[words[index - 1].span.end : token.span.start]
        if gap == "," and words[index - 1].text.isdigit() and token.text.isdigit():
            gap = ""  # "the 1,125 MW Dorjilung hydropower project": one number
        if words[index - 1].lower in COMPANY_ENDINGS | _SAINT and gap.startswith("."):
            # "Barbados Tourism Marketing Inc. (BTMI) and ...", "the Kingston and St. Andrew
            # Corporation": not a stop
            gap = gap[1:]
        # Punctuation ends the phrase, except an acronym in brackets ("(KNCCI)") and the
        # commas of a list inside the title ("on scientific, technical and cultural ...").
        if (
            gap.strip()
            and not re.fullmatch(r"\s*[(]?\s*", gap)
            and not re.fullmatch(r"\)\s*", gap)
            and not (gap.strip() == "," and list_goes_on(text, words, index))
            # "MoUs on surveillance in the border zone; on the recognition of degrees; and on
            # ...": a plural's items, each with its own preposition.
            and not (plural and gap.strip() in {";", ","} and parallel_item(words, index))
            and not (plural and gap.strip() == ";" and semicolon_item(words, index))
        ):
            break
        if purpose_starts(token, words, index):
            break
        if "(" in gap and not re.match(
            # "(KNCCI)", "(K-water)", "(KenInvest)", "(Norad)", "(EEPCo)", "(Exim Bank)"
            r"[A-Z][\w&-]*\)"
            r"|[A-Z][a-z]{2,9} [A-Z][a-z]{2,9}\)",
            text[token.span.start : token.span.end + 12],
        ):
            break
        low = token.lower
        if (
            low in COMPLEMENT_STOPS
            and not place_in_title(words, index)
            and not users_follow(words, index)
            # "routes linking the two sides" ends a title, "protocol on linking the grids" not
            and not (low.endswith("ing") and words[index - 1].lower in TITLE_LINKS)
        ):
            break
        if low == "for" and index + 1 < len(words) and words[index + 1].lower in WHOSE:
            break  # "the Air Services Agreement for her sector": whom it serves, not its name
        if low == "on" and index + 1 < len(words) and words[index + 1].lower == "behalf":
            break  # "... fisheries on behalf of their governments": for whom, not what
        if low == "for" and for_a_period(words, index):
            break  # "... Police Cooperation for a further five years": how long, not what
        if low == "between" and between == "no":
            between = "open"  # "in the field of Mining between the Ministry of ... and the ..."
        if low == "on" and index + 1 < len(words) and TIME_WORDS.match(words[index + 1].text):
            break
        if (
            low == "with"
            and not title_case
            and index + 1 < len(words)
            and words[index + 1].capitalised
            and words[first_word - 1].lower != "to"
        ):
            break  # "an MoU on research collaboration with Teesdale University": the other side
        if (
            low == "with"
            and between == "no"
            and words[first_word - 1].lower != "to"  # "to twin Nairobi with Kuala Lumpur"
            and a_party_follows(words, index + 1)
            # "Kenya and Japan signed an MoU on joint research with the University of Tokyo":
            # both sides are named already, so "with" is part of what it is about.
            and not two_countries_signed(text, sentence.span.start, words[head_end].span.start)
        ):
            break  # "an MoU on Port Management and Training with the Port of Rotterdam Authority"
        if low == "with" and an_office_follows(words, index + 1):
            break  # "signed an agreement on trade with the Minister of Trade, ...": who else signed
        if (
            low in {"on", "in", "at"}
            and index + 2 < len(words)
            and words[index + 1].lower == "the"
            and words[index + 2].lower in {"sidelines", "margins", "occasion", "presence", "eve"}
        ):
            break  # "... in customs and tourism on the sidelines of the business forum"
        if (
            low in {"in", "of", "since", "from"}
            and index + 1 < len(words)
            and re.fullmatch(r"(?:19|20)\d\d", words[index + 1].text)
        ):
            break  # "agreement on military cooperation in 2019": a date, not the title
        if (
            low in {"in", "at"}
            and index + 1 < len(words)
            and a_capital(text, words[index + 1])
            # "the Project for the Improvement of Water Supply Facilities in Ulaanbaatar": the
            # named project's place
            and not (
                title_case
                and words[index - 1].capitalised
                and _PROJECT.search(text, start, token.span.start)
            )
        ):
            break  # "agreement on technical cooperation in Minsk": where it was signed
        if low == "in" and a_venue(text, words, index + 1):
            break  # "between the People's Committee of X and the Y in Ha Long city on ...": where
        if (
            low in {"for", "of", "worth"}
            and index + 1 < len(words)
            and AMOUNT.match(text, words[index].span.end)
            and not period_at(words, index + 1)
            and not re.fullmatch(r"(?:19|20)\d\d", words[index + 1].text)
        ):
            break  # "Line of Credit Agreement ... for US$ 50 million"
        if low == "and" and between == "open" and index + 1 < len(words):
            between = "joined"
            if words[index + 1].lower == "the":
                index += 1
                count += 1
        elif (
            low == "and"
            and (title_case or between == "joined")
            and index + 2 < len(words)
            and words[index + 1].lower == "the"
            and words[index + 2].capitalised
            and not HEAD.search(
                text,
                words[index + 2].span.start,
                words[min(index + 5, len(words) - 1)].span.end,
            )
        ):
            pass  # "for the Avoidance of Double Taxation and the Prevention of Fiscal Evasion"
        elif (
            low == "and"
            and not title_case
            and index + 3 < len(words)
            and words[index + 1].lower == "the"
            and words[index + 3].lower == "of"
            and words[index + 2].lower not in DETERMINERS
        ):
            pass  # "in the field of geology and the use of mineral resources"
        elif (
            low == "and"
            and index + 1 < len(words)
            and (words[index + 1].lower in AND_STOPS or HEAD.match(words[index + 1].text))
        ):
            break
        end = token.span.end
        if text[end : end + 1] == ")":
            end += 1
        index += 1
        count += 1
    # "... Protection of Investments in": a linking word the title stopped after is not its.
    inside = tokens(text, Span(start, end))
    while len(inside) > 1 and inside[-1].text in TITLE_LINKS | {"with"}:
        inside.pop()
        end = inside[-1].span.end
        if text[end : end + 1] == ")":
            end += 1
    return Span(start, end)
