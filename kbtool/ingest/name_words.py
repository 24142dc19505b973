"""The words around people's names: roles, courtesy titles, portfolios, bodies.

Word lists and the two small records of a person or body mentioned, shared by the rules
that read names (``person_phrases``, ``descriptors``, ``names``) and those that use them
(``quotations``, ``attribution``, ``ceremony``). Imports ``segments`` and ``countries``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kbtool.ingest.countries import country_named, country_of_word
from kbtool.ingest.segments import Span, Token, words

ROLE_TITLES = words(
    "president minister secretary cs ps ambassador commissioner governor general chairman "
    "chairperson chairwoman chair ceo director director-general executive spokesperson "
    "spokesman spokeswoman mayor premier king queen prince princess sultan emir senator envoy "
    "chancellor officer head chief adviser advisor campaigner analyst economist "
    "professor lecturer researcher manager founder president-elect vice-president "
    "high-commissioner consul attaché diplomat admiral colonel lieutenant captain rector "
    "vice-chancellor dean leader brigadier commodore marshal major-general rear-admiral "
    "councillor statesman stateswoman undersecretary under-secretary brigadier-general "
    "lieutenant-general lieutenant-colonel vice-admiral air-marshal"
)


# Titles of courtesy: part of how someone is addressed, not of their name.
HONORIFICS = words(
    "mr mrs ms miss mx dr prof hon sir dame datuk dato dato’ dato' datin seri sri "
    "tun his her excellency h.e shri smt eng engr the most right honourable highness royal "
    "majesty sheikh sheikha amb haji hajjah sayyid sayyida madam madame ato hm hrh samdech "
    "techo"
)


ORG_HEADS = words(
    "government ministry department embassy commission office board agency authority chamber "
    "assembly senate committee "
    "council company corporation bank presidency parliament cabinet secretariat administration "
    "statement spokesperson house union federation association institute group holdings fund "
    "university"
)


# Words of portfolios and offices ("Minister of Fisheries and Maritime Economy"), and kinds
# of places ("Miyagi Prefecture", "Lagos State"): never a person's name, though capitalised
# and next to a role.
PORTFOLIO_WORDS = words(
    "affairs trade development integration economy industry industries energy cooperation "
    "co-operation relations finance planning health education agriculture tourism culture "
    "defence defense security investment investments commerce transport works environment "
    "resources services fisheries water electricity mines mining interior justice labour "
    "labor employment information communications technology innovation science sports youth "
    "housing lands infrastructure aviation maritime blue wildlife heritage arts commission "
    "department ministry relations treasury revenue customs immigration police abroad diaspora "
    "livestock food supply fiscal planning promotion affairs ecology climate atomic nuclear "
    "gender family welfare statistics republic kingdom islamic democratic socialist emirates "
    "airport palace house hall square stadium hotel centre center university hospital "
    "environmental protection child care wellness social transmigration manpower expatriates "
    "nationals residents forces armed army navy veterans enterprises cooperatives co-operatives "
    "aquaculture forestry forests irrigation oceans service "
    # places' kinds: "Iwanuma in Miyagi Prefecture signed" names no one
    "prefecture province oblast governorate county district state"
)


# Adjectives of portfolios: "International Trade", "Mineral Resources" are never names.
PORTFOLIO_ADJECTIVES = words(
    "international foreign regional national mineral petroleum creative economic social public "
    "local urban rural digital natural higher basic federal state home"
)


PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})


# Lower-case words allowed inside a speaker's description ("the Japanese foreign ministry",
# "RDB chief executive").
LOWER_IN_NP = ORG_HEADS | ROLE_TITLES | {"foreign", "finance", "trade", "state", "federal"}


NAME_CONNECTORS = frozenset({"of", "for", "and", "&"})


PARTICLES = words("al el bin binti ibn abu van von de da di del dos du la le wa ole arap e y")


# Capitalised at the start of a sentence, but groups of people, not a name.
GROUPS = words(
    "officials sources analysts critics residents experts observers diplomats leaders "
    "delegates both"
)


@dataclass(frozen=True)
class Person:
    name: str
    name_span: Span
    role: str | None
    role_span: Span | None
    position: int  # where the mention starts
    # Named as someone's counterpart, in passing: never what a later "he" or "she" means.
    aside: bool = False

    @property
    def name_tokens(self) -> tuple[str, ...]:
        return tuple(t.lower() for t in self.name.split())


@dataclass(frozen=True)
class Organisation:
    name: str  # as written, without a leading "the"
    span: Span
    head: str  # the organisation word ("government", "ministry")


_TITLES_THAT_ARE_GIVEN_NAMES = frozenset({"dean"})


def given_name_after_title(words: list[Token], index: int) -> bool:
    """ "Prime Minister Dean Arzú Flowers": a title's word that is also a given name, right
    after a whole title and before a name."""
    return (
        words[index].lower in _TITLES_THAT_ARE_GIVEN_NAMES
        and 0 < index < len(words) - 1
        and is_role_word(words[index - 1])
        and words[index + 1].capitalised
    )


def is_country_word(token: Token) -> bool:
    word = re.sub(r"[’']s$", "", token.text)
    return country_named(word) is not None


_LEADING = frozenset({"the", "his", "her", "their", "and", "&", "a", "an"})


def drop_whose(text: str, words: list[Token]) -> list[Token]:
    """Drop what says whose official someone is: "the", "Japanese", "South Korea's"."""
    while len(words) > 1:
        if words[0].lower in _LEADING:
            words = words[1:]
            continue
        # A country of one to three words, as an adjective or a possessive.
        for size in (3, 2, 1):
            if len(words) <= size:
                continue
            phrase = re.sub(r"[’']s$", "", text[words[0].span.start : words[size - 1].span.end])
            if country_named(phrase) is not None or (size == 1 and country_of_word(phrase)):
                words = words[size:]
                break
        else:
            return words
    return words


def drop_country_after(text: str, words: list[Token]) -> list[Token]:
    """ "President of the Federal Republic of Somalia" is the President: the country a
    role ends with says whose it is, as "Somali" would."""
    for start in range(1, len(words) - 1):
        if words[start].lower != "of":
            continue
        rest = text[words[start + 1].span.start : words[-1].span.end]
        stripped = re.sub(
            r"^(?:the\s+)?(?:(?:Federal|United|Islamic|Democratic|Socialist|People's|Arab|"
            r"Kingdom|Republic|State|Sultanate|Commonwealth|Federation)\s+(?:of\s+)?)*(?:the\s+)?",
            "",
            rest,
        )
        if country_named(stripped) is not None:
            return words[:start]
    return words


def is_role_word(token: Token) -> bool:
    return (
        token.lower in ROLE_TITLES
        or token.text.rstrip(".") in {"CS", "PS", "CEO", "PM", "DPM", "VP"}
        # "Vice-Governor", "Vice-Minister", "Deputy-Mayor": a title's hyphenated rank
        or (_RANKED.match(token.lower) is not None and token.lower.split("-", 1)[1] in ROLE_TITLES)
    )


_RANKED = re.compile(r"(?:vice|deputy|co|acting|assistant)-")


# A style written with its full stop before a name ("Mr. Linton", "Prof. Dr. Islam"): the
# stop does not end a speaker phrase.
STYLE_WITH_STOP = r"(?:Mr|Mrs|Ms|Dr|Prof|Hon|Eng|Amb)\.\s+"

# The verbs of a speech tag: "said", "told reporters", "stressed", "posted on X".
SPEECH_VERBS = (
    r"(?:was|is)\s+quoted\s+as\s+saying|"
    r"said|says|say|told|tells|added|adds|noted|notes|stated|explained|indicated|"
    r"emphasi[sz]ed|stressed|highlighted|described|remarked|declared|announced|observed|"
    r"affirmed|underscored|urged|pointed\s+out|asserted|insisted|continued|recalled|argued|"
    r"maintained|acknowledged|reiterated|wrote|tweeted|posted|vowed|promised|pledged|hailed|"
    r"praised|called|termed|assured|warned|revealed|disclosed|confirmed|cautioned|replied|"
    r"conceded|admitted|predicted|hoped|welcomed|lauded|assessed|commented|responded"
)
