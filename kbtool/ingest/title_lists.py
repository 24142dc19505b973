"""Lists inside a title and after a plural head: does the list go on here?

"agreement on scientific, technical and cultural cooperation": a comma inside a title
(``list_goes_on``), unless a clause opens there (", extending Norwegian support to ...",
", focused on ..."); "MoUs on surveillance in the border zone; on the recognition of
degrees; and on ...": a plural's items, each with its own preposition (``parallel_item``,
``repeats_preposition``) or run together with semicolons (``semicolon_item``). Imports
``segments`` and ``instrument_words``.
"""

from __future__ import annotations

import re

from kbtool.ingest.instrument_words import COMPLEMENT_STOPS, DETERMINERS, HEAD
from kbtool.ingest.segments import Token, words


def parallel_item(words: list[Token], index: int) -> bool:
    position = index
    if words[position].lower == "and" and position + 1 < len(words):
        position += 1
    ahead = " ".join(w.lower for w in words[position : position + 4])
    # ", on the second day of the visit", ", on Tuesday": when, not another item
    if re.match(r"(?:on|in|for)\s+(?:the\s+)?(?:\w+\s+)?(?:day|days|occasion|sidelines|margins)\b"
                r"|(?:on|in)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
                ahead):  # fmt: skip
        return False
    return words[position].lower in {"on", "for", "in", "concerning", "regarding"}


# Participles that open a clause saying what an instrument does, after a comma
_CLAUSE_PARTICIPLES = words(
    "extending expanding allowing replacing renewing paving giving bringing enabling ensuring "
    "committing creating strengthening deepening boosting focused focusing centred centered"
)


def list_goes_on(text: str, words: list[Token], index: int) -> bool:
    """After a comma inside a title: "technical and cultural cooperation" goes on with it."""
    for position in range(index, min(index + 8, len(words))):
        token = words[position]
        gap = text[words[position - 1].span.end : token.span.start].strip()
        if position > index and gap not in {"", ","}:
            return False
        low = token.lower
        if low in DETERMINERS or low in COMPLEMENT_STOPS or HEAD.fullmatch(token.text):
            return False
        if position == index and low in {"with", "by", "in", "from", "under", "as"}:
            return False  # ", with Principal Secretary ... and ...": a new clause
        if (
            position == index
            and low in _CLAUSE_PARTICIPLES
            and position + 1 < len(words)
            and words[position + 1].lower not in {"of", "and"}
        ):
            return False  # ", extending Norwegian support to ... oil and gas": what it does
        if low == "and" and position > index:
            return True
    return False


def repeats_preposition(words: list[Token], index: int) -> bool:
    """Whether the list from ``index`` repeats its first preposition ("on X and on Y")."""
    first = words[index].lower
    return first in {"on", "for", "in"} and any(
        w.lower == first for w in words[index + 1 : index + 16]
    )


def semicolon_item(words: list[Token], index: int) -> bool:
    """ "MoUs on hydrogen cooperation; climate change ...; and defence ...": another item."""
    if words[index].lower == "and" and index + 1 < len(words):
        index += 1
    token = words[index]
    following = words[index + 1] if index + 1 < len(words) else None
    # "...; Islamic finance; and tourism": a proper adjective opens an item too, not a name
    # ("...; President Ruto said").
    proper = (
        token.capitalised
        and following is not None
        and following.text.isalpha()
        and following.text.islower()
        and following.lower not in COMPLEMENT_STOPS
        and following.lower not in {"said", "says", "added", "noted"}
    )
    return (
        token.text.isalpha()
        and (token.text.islower() or proper)
        and token.lower not in DETERMINERS
        and token.lower not in COMPLEMENT_STOPS
        and token.lower not in {"they", "it", "we", "he", "she", "which", "while"}
    )
