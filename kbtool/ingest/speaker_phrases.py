"""The noun phrase of a speech tag: where it starts and ends in the text.

Read backwards from the verb ("Sheikh Hamed bin Sultan Al Harthy, Minister of Commerce,
said"), forwards after it ("..., said Maria Lopes in Jakarta"): capitalised words, the
lower-case words of titles and bodies, particles of names, a title beside its name across a
comma; adverbs and relative clauses between the phrase and the verb are skipped.
``attribution`` resolves the phrase to a person or body. Imports ``segments`` and
``name_words``.
"""

from __future__ import annotations

import re

from kbtool.ingest.name_words import (
    ORG_HEADS,
    PARTICLES,
    PRONOUNS,
    ROLE_TITLES,
    is_role_word,
)
from kbtool.ingest.segments import Span, Token, tokens

# Words between a speaker and the verb ("Ruto also said", "the ministry has said").
_ADVERBS = re.compile(
    r"\s+(?:also|later|then|further|previously|earlier|recently|has|have|had|again|once)$"
)


# A clause between a speaker and the verb: ", who received ...,", ", a campaigner,",
# ", speaking at a community event,".
_RELATIVE = re.compile(r",\s+(?:(?:who|whose|which)\b|(?:a|an)\s|\w+ing\b|\w+ed\b)[^,]*,$")


_LOWER_NP_WORDS = (
    ORG_HEADS
    | ROLE_TITLES
    | {
        "visiting",
        "host",
        "counterpart",
        "guest",
        "leader",
        "head",
        "state",
        "foreign",
        "finance",
        "trade",
        "chief",
        "executive",
        "deputy",
        "prime",
        "vice",
        "officials",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "minister",
        "president",
        "secretary",
        "director",
        "crown",
        "prince",
        "princess",
        "king",
        "queen",
        "emir",
        "sultan",
    }
)


# Styles a descriptor may follow: "HM the King said".
STYLES_BEFORE_THE = frozenset({"HM", "HRH", "HE", "HH"})


def trim_after(text: str, span: Span) -> Span:
    """Keep the capitalised name of "Maria Lopes in Jakarta" / "the ministry on Monday"."""
    words = tokens(text, span)
    kept = []
    for index, word in enumerate(words):
        styled_the = index == 1 and word.lower == "the" and words[0].text in STYLES_BEFORE_THE
        if (
            index
            and not styled_the
            and not (word.capitalised or word.lower in _LOWER_NP_WORDS | {"of", "and", "&"})
        ):
            break
        kept.append(word)
    while kept and kept[-1].lower in {"of", "and", "&"}:
        kept.pop()
    return Span(kept[0].span.start, kept[-1].span.end) if kept else span


def is_noun_phrase(text: str, span: Span) -> bool:
    words = tokens(text, span)
    if not words or len(words) > 10:
        return False
    if len(words) == 1 and words[0].lower in PRONOUNS:
        return True
    for index, word in enumerate(words):
        if word.capitalised or word.lower in _LOWER_NP_WORDS or word.lower in {"of", "and", "&"}:
            continue
        if index > 0 and word.lower == "for":
            continue  # "Second Minister for Trade and Industry Grace Lim"
        if index == 0 and word.lower in {"the", "his", "her", "their"}:
            continue
        if index > 0 and word.lower == "the" and words[index - 1].lower == "of":
            continue  # "the head of the Belarusian government"
        if index == 1 and word.lower == "the" and words[0].text in STYLES_BEFORE_THE:
            continue  # "HM the King"
        return False
    return any(
        w.capitalised or w.lower in ORG_HEADS or w.lower in ROLE_TITLES or w.lower in _PEOPLE
        for w in words
    )


# Nouns that stand for a person in a descriptor, though not a title: "the visiting leader".
_PEOPLE = frozenset({"leader", "host", "counterpart", "guest"})


_OPENING_ADVERBS = frozenset(
    {
        "later",
        "earlier",
        "meanwhile",
        "separately",
        "afterwards",
        "subsequently",
        "also",
        "however",
        "today",
        "yesterday",
        "then",
        "finally",
        "elsewhere",
        "similarly",
        "likewise",
        "additionally",
        "moreover",
        "furthermore",
        "nonetheless",
        "still",
    }
)


def phrase_before(text: str, start: int, verb_start: int) -> Span | None:
    """The speaker phrase that ends just before a speech verb, read backwards."""
    piece = text[start:verb_start].rstrip()
    while True:
        shorter = _ADVERBS.sub("", piece)
        if shorter == piece:
            break
        piece = shorter
    relative = _RELATIVE.search(piece)
    if relative:
        piece = piece[: relative.start()]
    piece = piece.rstrip()
    words = tokens(text, Span(start, start + len(piece)))
    chosen: list[int] = []
    index = len(words) - 1
    while index >= 0:
        word = words[index]
        if chosen:
            gap = text[word.span.end : words[chosen[-1]].span.start]
            # "Later, President Ruto posted": an adverb opening the sentence, not a name.
            between_capitals = (
                gap.strip() == "," and word.capitalised and word.lower not in _OPENING_ADVERBS
            )
            if between_capitals:
                # "Al Harthy, Minister of Commerce, said" and "the Mayor of Walvis Bay, Naomi
                # Shilongo, said" are a name and its title; "In a statement to ASNA, Al-Othman
                # said" is not: one side of the comma must hold a title.
                after = [words[i] for i in reversed(chosen)]
                before = _capitalised_run(words, index)
                # A body's name may hold a list ("Ministry of Labour, Invalids and ...").
                between_capitals = any(
                    has_title(side) or any(w.lower in ORG_HEADS for w in side)
                    for side in (after, before)
                )
            if gap.strip() and not between_capitals:
                break
        if word.lower in PRONOUNS and not chosen:
            return word.span
        if word.lower == "the":
            break
        if (
            word.capitalised
            or word.lower in _LOWER_NP_WORDS
            or (chosen and word.lower in {"of", "and", "&", "for"})
            # "Sheikh Hamed bin Sultan Al Harthy": a particle inside a name
            or (chosen and word.lower in PARTICLES and words[chosen[-1]].capitalised)
        ):
            chosen.append(index)
            index -= 1
            continue
        break
    while chosen and words[chosen[-1]].lower in {"of", "and", "&", "for"} | PARTICLES:
        chosen.pop()
    if not chosen:
        return None
    first, last = words[chosen[-1]], words[chosen[0]]
    return Span(first.span.start, last.span.end)


def _capitalised_run(words: list[Token], end: int) -> list[Token]:
    """The capitalised words (and "of", "and") that end at ``words[end]``."""
    start = end
    while start > 0 and (
        words[start - 1].capitalised or words[start - 1].lower in {"of", "and", "for"}
    ):
        start -= 1
    return words[start : end + 1]


def has_title(words: list[Token]) -> bool:
    """A title among the words, not a name after a particle ("Hamed bin Sultan")."""
    return any(
        is_role_word(w) and not (i > 0 and words[i - 1].lower in PARTICLES)
        for i, w in enumerate(words)
    )
