"""Whether a mention names an instrument already found, and which.

"the tax treaty" after "the Agreement for the Avoidance of Double Taxation", "the MLA treaty"
after "the Treaty on Mutual Legal Assistance", "The Power Purchase Agreement between X and
Y" after "a power purchase agreement": a mention names one found before when its words are
among that one's (a word as its stem, or initials as the words they stand for). Imports
``found``, ``instrument_words``, ``mentions`` and ``segments``.
"""

from __future__ import annotations

import re

from kbtool.ingest.found import FoundInstrument
from kbtool.ingest.instrument_words import DEFINITE, HEAD
from kbtool.ingest.mentions import Mention


def _stem(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _similar(a: str, b: str) -> bool:
    """Same word, allowing for inflection ("tax"/"taxation", "currency"/"currencies")."""
    shorter, longer = sorted((_stem(a), _stem(b)), key=len)
    return len(shorter) >= 3 and longer.startswith(shorter)


def _covers(words: frozenset[str], other: frozenset[str]) -> bool:
    return all(any(_similar(w, o) for o in other) or _initials_of(w, other) for w in words)


def _initials_of(word: str, other: frozenset[str]) -> bool:
    """ "mla" for "mutual legal assistance": an abbreviation of words the other holds."""
    if not 2 <= len(word) <= 6 or not word.isalpha():
        return False
    initials = {w[0] for w in other}
    return all(letter in initials for letter in word) and len(other) >= len(word)


def short_name(mention: Mention) -> bool:
    """ "Macadamia protocol signed", "the MLA treaty": a short name for one reported already."""
    return (
        mention.complement is None
        and mention.determiner in (None, *DEFINITE)
        and len(mention.content) <= 2
    )


def match_found(
    instruments: list[FoundInstrument], mention: Mention, reference: bool
) -> int | None:
    """The instrument a titled mention names again, if any (latest first)."""
    if reference and mention.content:
        # A reference may use another head ("the tax treaty") and fewer words; "the tourism
        # agreement" is the agreement on tourism before it is the tourism memorandum.
        covering = [
            index
            for index in range(len(instruments) - 1, -1, -1)
            if _covers(mention.content, instruments[index].content)
        ]
        same_kind = [index for index in covering if instruments[index].kind == mention.kind]
        chosen = same_kind or covering
        return chosen[0] if chosen else None
    if reference or not mention.content:
        return None
    for index in range(len(instruments) - 1, -1, -1):
        instrument = instruments[index]
        if (
            mention.kind == instrument.kind
            and _covers(mention.content, instrument.content)
            and _covers(instrument.content, mention.content)
        ):
            return index
    return None


def named_before_parties(
    text: str, instruments: list[FoundInstrument], mention: Mention
) -> int | None:
    """ "a power purchase agreement" ... "The Power Purchase Agreement between the Ethiopian
    Electric Power Corporation and ...": the one named before, now with its parties."""
    if mention.complement is None or not mention.complement.of(text).startswith("between"):
        return None
    for index in range(len(instruments) - 1, -1, -1):
        instrument = instruments[index]
        if (
            instrument.kind == mention.kind
            and instrument.content
            and "between" not in instrument.title.of(text)
            and _covers(instrument.content, mention.content)
        ):
            return index
    return None


# Between a summary and a list, words that make the list another time's
_EARLIER = re.compile(
    r"\b(?:earlier|previous|previously|already|include|includes|included|past|former)\b",
    re.IGNORECASE,
)


def named_by_kind_alone(
    text: str, instruments: list[FoundInstrument], mention: Mention
) -> int | None:
    """The one instrument of the mention's kind found so far, if it was named by its kind
    alone ("an exchange of notes") and this is the first full title of that kind: "The
    Exchange of Notes on ..." after it, or a list's "Letter of Intent on rice trade ..."
    after a summary ("signed one agreement, two memoranda, a letter of intent and a
    protocol")."""
    same_kind = [i for i, found in enumerate(instruments) if found.kind == mention.kind]
    if len(same_kind) != 1 or instruments[same_kind[0]].content or not mention.content:
        return None
    if mention.determiner not in DEFINITE:
        summary = instruments[same_kind[0]].intro.span
        if len(HEAD.findall(text, summary.start, summary.end)) < 3:
            return None
        if _EARLIER.search(text, summary.end, mention.head.start):
            return None  # "Earlier agreements between the two include: ...": not these
    return same_kind[0]


def sharing_a_word(instruments: list[FoundInstrument], mention: Mention) -> int | None:
    """The one instrument of the mention's kind that has a word of it, if only one has."""
    sharing = [
        index
        for index, found in enumerate(instruments)
        if found.kind == mention.kind
        and any(_similar(word, other) for word in mention.content for other in found.content)
    ]
    return sharing[0] if len(sharing) == 1 else None
