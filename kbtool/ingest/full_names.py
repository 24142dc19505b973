"""A person's full name as the article first writes it, for a speaker named by one word.

"Kenyatta said": the article gave "Uhuru Kenyatta" somewhere, with or without a title
("President Uhuru Kenyatta", "signed by Pedro Passos Coelho"); "Tesfaye" is the given name of
"Dr. Tesfaye Belachew Gebru". A byline ("By Kim Hyun-soo") names who wrote the report, never
who spoke in it. Imports ``segments``, ``name_words`` and ``descriptors``.
"""

from __future__ import annotations

import re

from kbtool.ingest.descriptors import DESCRIPTOR_WORDS
from kbtool.ingest.name_words import (
    HONORIFICS,
    ORG_HEADS,
    PORTFOLIO_WORDS,
    given_name_after_title,
    is_country_word,
    is_role_word,
)
from kbtool.ingest.segments import Span, Token, tokens

_PATRONYM = frozenset({"bin", "bint", "binti", "ibn"})

_BYLINE = re.compile(r"[ \t]*By[ \t]+[A-Z][^\n]{0,60}$", re.MULTILINE)


def full_name_in(text: str, name: str) -> str | None:
    """ "Kenyatta" as the article first gives it in full: "Uhuru Kenyatta"."""
    pattern = re.compile(
        r"(?:(?:[A-Z]\.|[A-Z][\w’'-]*|binti|bin|ibn|al|el|van|von|dos|del|de|da|wa|e|y)\b"
        rf"[ \t]+){{1,4}}"
        rf"{re.escape(name)}\b"
    )
    best: list[Token] = []
    for match in pattern.finditer(text):
        if _BYLINE.match(text, text.rfind("\n", 0, match.start()) + 1):
            continue  # "By Kim Hyun-soo": who wrote the report, never who spoke in it
        found = tokens(text, Span(match.start(), match.end()))
        given = [w for i, w in enumerate(found) if given_name_after_title(found, i)]
        titled = [
            i
            for i, w in enumerate(found[:-1])
            if (is_role_word(w) and found[i + 1].lower not in _PATRONYM and w not in given)
            or w.lower in ORG_HEADS
            or w.lower in PORTFOLIO_WORDS
        ]
        if titled:
            found = found[titled[-1] + 1 :]  # "... in the National Assembly Jared Okelo"
        following = re.match(r"(?:[ \t]+[A-Z][\w’'-]+){1,2}", text[match.end() : match.end() + 40])
        if following:  # "Jared Okelo Ouma": the surname given after the name spoken
            extra = tokens(text, Span(match.end(), match.end() + following.end()))
            if not any(is_role_word(w) or w.lower in ORG_HEADS for w in extra):
                found = found + extra
        while found and (
            # "Sultan bin Saad Al Muraikhi": a given name before a patronym, not a title
            (
                (is_role_word(found[0]) or found[0].lower in DESCRIPTOR_WORDS)
                and not (len(found) > 1 and found[1].lower in _PATRONYM)
                and found[0] not in given
            )
            or found[0].lower.rstrip(".") in HONORIFICS
            or found[0].lower in ORG_HEADS
            or found[0].lower in PORTFOLIO_WORDS
            or len(found[0].text) == 1
            or is_country_word(found[0])
            or not found[0].capitalised
            or found[0].text.endswith(("'s", "’s"))  # "TOBB's Sarikaya": whose, not a name
        ):
            found = found[1:]
        if len(found) > max(1, len(best)):
            best = found
    if not best and " " not in name:
        # "Tesfaye" for "Dr. Tesfaye Belachew Gebru", "Khalid" for "Khalid bin Saeed Al
        # Nahyan": a given name the article first writes in full.
        after = re.compile(
            rf"\b{re.escape(name)}(?:[ \t]+(?:[A-Z][\w’'-]+|binti|bin|ibn|al|el|wa|e|y)\b){{1,4}}"
        )
        for match in after.finditer(text):
            if _BYLINE.match(text, text.rfind("\n", 0, match.start()) + 1):
                continue
            found = tokens(text, Span(match.start(), match.end()))
            while found and not found[-1].capitalised:
                found = found[:-1]
            if any(
                is_role_word(w) or w.lower in ORG_HEADS or is_country_word(w) for w in found[1:]
            ):
                continue
            if len(found) > max(1, len(best)):
                best = found
    if not best:
        return None
    return text[best[0].span.start : best[-1].span.end]
