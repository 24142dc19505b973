"""Single decisions about the words after an instrument's head: does a title go on here?

A complement starts with "on", "for", "between", "in the field of", "to" with a verb
that names what an instrument does ("to twin"), "amending", "extending the ..."; it goes on
over a period ("for the years 2017-2020"), a facility's place ("at the Port of Mombasa"),
name particles (lists inside a title are ``title_lists``'); it ends at a purpose clause ("to
boost trade"), an amount, a duration ("for a further five years"). And a head word used
otherwise: "in agreement", "in keeping with protocol", a convention centre. Imports
``segments``, ``countries`` and ``instrument_words``.
"""

from __future__ import annotations

import re

from kbtool.ingest.countries import country_named, find_countries
from kbtool.ingest.instrument_words import (
    COMPLEMENT_STARTS,
    DETERMINERS,
    HEAD,
    TIME_WORDS,
)
from kbtool.ingest.segments import Token, words

AMOUNT = re.compile(
    r"\s+(?:(?:US|NZ|A|C|S|HK|N)\s?\$|USD|EUR|€|\$|£|KES|KSh|INR|Rs\.?|AED|RM|NOK|Tk|\d)"
)


# An amount or quantity right after "for" or "of": a figure, not "5G" or "3D".
_AMOUNT_AHEAD = re.compile(
    r"\s+(?:(?:US|NZ|A|C|S|HK|N)\s?\$|USD|EUR|€|\$|£|KES|KSh|INR|Rs\.?|AED|RM|NOK|Tk|\d[\d,.]*\s)"
)


_TITLE_VERBS = words("twin avoid eliminate prevent combat suppress abolish exempt waive")


# "in the field of", "in the areas of": a complement that starts with "in".
_FIELD_OF = re.compile(r"in\s+the\s+(?:fields?|areas?|spheres?|domains?|sectors?)\s+of\b", re.I)


# "... to boost two-way trade": a purpose clause after a title, not part of it. "to twin
# Nairobi with Kuala Lumpur" names what a letter of intent does, and stays.
_PURPOSE_VERBS = words(
    "boost strengthen promote enhance deepen expand improve facilitate support increase foster "
    "advance accelerate bolster spur attract unlock ease help enable drive tackle address "
    "create build develop encourage open further elevate intensify diversify make allow give "
    "provide ensure reduce protect pave lay supply finance fund construct train upgrade "
    "modernise modernize rehabilitate connect link export import host deploy set cross bring "
    # Verbs that follow a purpose "to" in reports of every kind: a title never runs on
    # into them ("... driving licences to spare residents retaking their tests").
    "widen broaden extend spare cut lower raise speed streamline simplify end curb combat "
    "fight prevent avoid eliminate remove share exchange let keep save secure grow scale "
    "step attract lure draw channel mobilise mobilize guarantee safeguard shield free "
    "relieve restore revive revitalise revitalize establish formalise formalize regulate "
    "stabilise stabilize "
    "govern guide manage monitor map survey study explore identify assess review "
    "harmonise harmonize align integrate coordinate recognise recognize double triple "
    "halve launch start begin serve meet reach cover benefit position turn transform "
    "scale-up kick-start jump-start fast-track streamline digitise digitize fill assemble "
    "recruit hire send install operate produce process purchase buy sell market conduct "
    "undertake implement equip rebuild repair renovate tap harness exploit manufacture"
)


# "Empresa Nacional de Hidrocarbonetos", "Dar es Salaam": lower-case words inside a name.
NAME_PARTICLES = words("de da do dos das des del du di der es la le van von bin")


# "at the Port of Mombasa", "at Lamu Port": where a facility an instrument sets up stands.
_FACILITIES = frozenset(
    {
        "port",
        "harbour",
        "airport",
        "zone",
        "corridor",
        "park",
        "dam",
        "station",
        "terminal",
        "island",
        "islands",
        "reserve",
        "refinery",
        "mine",
        "basin",
    }
)


# "in Niassa province", "the People's Committee of Quang Ninh province": a place's own noun.
_PLACE_NOUNS = frozenset({"province", "region", "prefecture", "district", "county", "state"})


# What stands somewhere, so that "at X" or "in X" after it says where: "stations at ...".
_VENUES = frozenset({"house", "palace", "hall", "hotel", "centre", "center", "ministry"})
_SITED = frozenset({"station", "stations", "consulate", "consulates", "embassy"})


def place_in_title(words: list[Token], index: int) -> bool:
    if words[index].lower in _PLACE_NOUNS and index > 0 and words[index - 1].capitalised:
        return True
    if (
        words[index].lower in {"at", "in"}
        and index > 0
        and words[index - 1].lower in _SITED
        and index + 1 < len(words)
        and words[index + 1].capitalised
        and not any(w.lower in _VENUES for w in words[index + 1 : index + 4])
    ):
        return True  # "two new land customs stations at Burimari", "a consulate of Tonga in Apia"
    if words[index].lower != "at" or index + 1 >= len(words):
        return False
    ahead = [w.lower for w in words[index + 1 : index + 5]]
    named = words[index + 1].capitalised or ahead[0] == "the"
    return named and bool(_FACILITIES & set(ahead))


def for_a_period(words: list[Token], index: int) -> bool:
    ahead = " ".join(w.lower for w in words[index + 1 : index + 5])
    return bool(
        re.match(
            r"(?:a\s+further|another|an\s+additional|the\s+next)\b"
            r"|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:more\s+)?years\b",
            ahead,
        )
    )


def period_at(words: list[Token], index: int) -> bool:
    """ "for the years 2017-2020", "2023 to 2026": a period a programme's title gives."""
    token = words[index]
    following = words[index + 1] if index + 1 < len(words) else None
    if token.lower in {"years", "period"}:
        return following is not None and following.text[:1].isdigit()
    if not token.text[:1].isdigit():
        return False
    previous = words[index - 1].lower if index else ""
    return (
        bool(re.search(r"\d[-–]\d", token.text))
        or previous in {"years", "period", "to"}
        or (following is not None and following.lower == "to")
    )


def bracketed_abbreviation(text: str, token: Token) -> bool:
    before = text[max(0, token.span.start - 2) : token.span.start].strip()
    return (
        before == "("
        and text[token.span.end : token.span.end + 1] == ")"
        # "(KNCCI)", "(NiDCOM)", "(K-water)"
        and (
            any(c.isupper() for c in token.text[1:]) or bool(re.fullmatch(r"[A-Z]-\w+", token.text))
        )
    )


# Whose something is: "for her sector" says whom an instrument serves.
WHOSE = frozenset({"her", "his", "their", "our", "its", "my", "your"})


_ORDINAL_WORDS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"


def starts_complement(text: str, words: list[Token], index: int) -> bool:
    low = words[index].lower
    following = words[index + 1] if index + 1 < len(words) else None
    if low == "to":
        # "Letter of Intent to twin Nairobi with Kuala Lumpur" names what it does, "Protocol
        # to the Treaty of Maipú" what it adds to; "a treaty to cross the mountains", "an MoU
        # to set up a council" say what it is for.
        after = words[index + 2] if index + 2 < len(words) else None
        # "an additional protocol to the 1964 establishment convention": what it adds to
        amends = any(HEAD.fullmatch(w.text) for w in words[index + 2 : index + 6])
        return following is not None and (
            following.lower in _TITLE_VERBS
            or (following.lower == "the" and after is not None and (after.capitalised or amends))
        )
    if low == "additional" and following is not None and following.lower == "to":
        # "a protocol additional to the Yacyretá Treaty": what it adds to, as "to the" says
        return starts_complement(text, words, index + 1)
    if low in {"extending", "renewing"}:
        # "an exchange of notes extending the 1998 Exchange Rate Cooperation Agreement", not
        # "an agreement extending the deadline for visa applications"
        after = words[index + 2] if index + 2 < len(words) else None
        return (
            following is not None
            and following.lower == "the"
            and after is not None
            and (after.capitalised or re.fullmatch(r"(?:19|20)\d\d", after.text) is not None)
        )
    if low == "establishing" and following is not None and following.lower in {"a", "an"}:
        # "a General Cooperation Agreement establishing a Joint Commission": what it does;
        # "the Agreement establishing the African Continental ..." is its name, and so is
        # "a Memorandum of Understanding establishing a Joint Permanent Commission", which
        # has no other.
        start = index - 1
        while start >= 0 and (
            HEAD.fullmatch(words[start].text) or words[start].lower in {"of", "understanding"}
        ):
            start -= 1
        named = index + 2 < len(words) and words[index + 2].capitalised
        return start >= 0 and words[start].lower in {"a", "an", "the"} and named
    if low == "on" and following is not None and following.lower == "behalf":
        return False  # "signed the memorandum on behalf of her ministry"
    if low in COMPLEMENT_STARTS:
        # "an Air Services Agreement for her sector": whom it serves, not its name
        # "extends the memorandum for a further five years": how long, not what; "a power
        # sales agreement for 40 megawatts": how much
        return not (
            low == "for"
            and following is not None
            and (
                following.lower in WHOSE
                or for_a_period(words, index)
                or (
                    _AMOUNT_AHEAD.match(text, words[index].span.end) is not None
                    and not period_at(words, index + 1)
                    and not re.fullmatch(r"(?:19|20)\d\d", following.text)
                )
            )
        )
    if low == "of":
        if _AMOUNT_AHEAD.match(text, words[index].span.end) and not (
            following is not None and re.fullmatch(r"(?:19|20)\d\d", following.text)
        ):
            return False  # "a grant funding arrangement of NZ$10 million": how much
        # "Protocol of Phytosanitary Requirements", "Protocol of the Second Session"
        after = words[index + 2] if index + 2 < len(words) else None
        return following is not None and (
            following.capitalised
            or (following.lower == "the" and after is not None and after.capitalised)
            # "the Protocol of the sixth session of the Intergovernmental Commission"
            or (
                following.lower == "the"
                and after is not None
                and re.fullmatch(r"\d+(?:st|nd|rd|th)|" + _ORDINAL_WORDS, after.lower) is not None
            )
            # "protocols of cooperation in health and higher education", "an executive
            # programme of cultural cooperation for 2021-2023"
            # "a protocol of cooperation between the diplomatic academies of both countries"
            or (
                following.lower == "cooperation"
                and after is not None
                and after.lower in {"in", "between", "on"}
            )
            or (
                not following.capitalised
                and after is not None
                and after.lower == "cooperation"
                and re.fullmatch(r"[a-z]+(?:al|ic)", following.text) is not None
            )
        )
    if low != "in":
        return False
    if _FIELD_OF.match(text, words[index].span.start):
        return True
    # "memoranda of cooperation in disaster risk reduction", not "an agreement in Nairobi"
    # or "the action plan in positive terms"
    # "cooperation accords in forestry research, renewable energy and education" too
    # "a cooperation programme in vocational training" too
    after_cooperation = words[index - 1].lower == "cooperation" or (
        index > 1
        and words[index - 2].lower == "cooperation"
        and (
            HEAD.fullmatch(words[index - 1].text) is not None
            or words[index - 1].lower in {"programme", "program", "plan"}
        )
    )
    if not after_cooperation:
        return False
    if (
        words[index - 1].capitalised
        and following is not None
        and following.capitalised
        and country_named(following.text) is None
    ):
        return True  # "Programme of Cooperation in Science and Technology"
    return (
        following is not None
        and not following.capitalised
        and following.lower not in DETERMINERS
        # "in line with ...", "in response to ...", "in principle": how, not a field
        and following.lower not in _NOT_FIELDS
        and not TIME_WORDS.match(following.text)
        and not text[words[index].span.end : following.span.start].strip()
    )


def _purpose_at(words: list[Token], index: int) -> bool:
    return index + 1 < len(words) and words[index + 1].lower in _PURPOSE_VERBS


def purpose_starts(token: Token, words: list[Token], index: int) -> bool:
    """Whether a purpose clause ("to boost trade") begins at ``token``."""
    return token.lower == "to" and _purpose_at(words, index)


_NOT_FIELDS = words(
    "line response principle accordance addition order view keeping light place respect terms "
    "support recognition"
)


# "India was in agreement", "there was broad agreement on", "an agreement was reached on the
# agenda", "in keeping with protocol": the words that name instruments, used otherwise. The
# adjectives only in lower case: "a General Cooperation Agreement" is a title.
_AGREEMENT_AS_ACCORD = re.compile(
    r"(?:\b(?:[Ii]n|[Ww]as|[Ww]ere|[Ii]s|[Aa]re|[Rr]eached|broad|full|general|complete|total"
    r"|wide|mutual)\s+(?:[a-z]\w*\s+)?)$"
)


_REACHED_AFTER = re.compile(r"\s+(?:was|were|has\s+been|had\s+been)\s+reached\b", re.I)


# "... on economic, commercial and technical cooperation was signed": a field's adjectives
# only, then the instrument's own verb ("a general agreement on the need for cooperation was
# evident" is consensus)
_SIGNED_GENERAL = re.compile(
    r"\s+(?:on|for)\s+(?:(?!the\b|a\b|an\b)[a-z-]+,?\s+(?:and\s+)?){0,6}cooperation\s+"
    r"(?:was|were)\s+(?:also\s+)?(?:signed|concluded|inked)\b"
)


def not_an_instrument(text: str, match: re.Match[str]) -> bool:
    word = match.group().lower()
    before = text[max(0, match.start() - 30) : match.start()]
    if re.match(
        r"\s+(?:Centre|Center|Hall|Complex|Building|Bureau|Division|Unit|Office)\b",
        text[match.end() : match.end() + 12],
    ):
        return True  # "the Kenyatta International Convention Centre"
    if word == "protocol" and re.search(r"\b(?:with|of|by|diplomatic)\s+$", before, re.I):
        return True  # "in keeping with protocol", "a breach of protocol"
    if word != "agreement":
        return False
    if _REACHED_AFTER.match(text, match.end()):
        return True
    if re.search(r"\b(?:an?|the|this|that|its|their)\s+$", before, re.I):
        return False
    if re.search(r"\b(?:[Aa]n?|[Tt]he)\s+general\s+$", before) and _SIGNED_GENERAL.match(
        text, match.end()
    ):
        return False  # "A general agreement on economic, commercial and technical cooperation"
    return bool(_AGREEMENT_AS_ACCORD.search(before))


def title_start(text: str, head: int) -> int:
    """Where the capitalised words before a head begin ("Paris Agreement", "African ...")."""
    start = head
    for word in reversed(list(re.finditer(r"[A-Z][\w’'-]*\s+", text[max(0, head - 80) : head]))):
        if max(0, head - 80) + word.end() != start:
            break
        start = max(0, head - 80) + word.start()
    return start


def a_capital(text: str, token: Token) -> bool:
    found = find_countries(text, token.span)
    return bool(found) and found[0].by == "capital" and found[0].span == token.span
