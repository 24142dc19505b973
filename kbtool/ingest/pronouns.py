"""Whom "he" or "she" in a speech tag means: the subject of the sentence before.

"Minister Norhayati signed the memorandum with Ethiopia's minister, Mesfin Tadesse Gebru.
She said ... . “...,” she said.": reports refer back to the sentence's subject, not to the
last name written. The subject is the first person named at the start of the nearest
sentence before the quotation that does not open with a pronoun or a quotation mark (past a
fronted "Standing beside X,"), or a descriptor there with its verb ("The President thanked
Mr Kusnanto ..."); never a subject the sentence itself calls by the other pronoun. Imports
``name_words``, ``names`` and ``segments``.
"""

from __future__ import annotations

import re

from kbtool.ingest.name_words import Person
from kbtool.ingest.names import Register
from kbtool.ingest.segments import Span

# A sentence ends at a full stop, not at one of "Dr.", "Mr." or "U.S.".
_SENTENCE_END = re.compile(
    r"(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bMrs\.)(?<!\bProf\.)(?<!\bSt\.)(?<!U\.S\.)"
    r"(?<=[.!?])[”\"’']?\s+(?=[“\"A-Z])|\n+"
)
# "The President thanked ...": a descriptor as the subject, its verb right after it.
_DESCRIBED = re.compile(r"\s*The\s+(?:[A-Z]?[a-z]+\s+){0,3}?[A-Za-z-]+(?=\s+[a-z]+\b)")
# A phrase before the subject: "Standing next to ...,", "Flanked by ...,", "In Nairobi,".
FRONTED = re.compile(
    r"\s*(?:[A-Z][a-z]+ing\b|Flanked|Accompanied|Alongside|Together|Next|Beside|With|After|"
    r"Before|In|At|On|During|Following|Later|Earlier|Meanwhile|For)\b[^,.;“\"]{0,100},\s*"
)
# How far into a sentence its subject may be named: "Plantation and Commodities Minister
# Datuk Seri Norhayati binti Abdul Rahman".
_SUBJECT_REACH = 90


def subject_before(text: str, start: int, names: Register, pronoun: str) -> Person | None:
    """The subject of the sentence before ``start`` ``pronoun`` ("he", "she") refers back
    to, if clear."""
    window_start = max(0, start - 800)
    before = text[window_start:start]
    starts = [window_start] + [window_start + m.end() for m in _SENTENCE_END.finditer(before)]
    starts = [at for at in starts if text[at:start].strip()]
    for sentence_start in reversed(starts[-3:]):
        opening = text[sentence_start : sentence_start + 12]
        if re.match(r"\s*(?:He|She)\b", opening):
            continue  # "She said ...": the one before is whom it means
        if re.match(r"\s*[“\"]", opening):
            return None  # a quotation: its speaker is for the tag rules to say
        sentence = text[sentence_start:start]
        # Subject pronouns only: "her ministry" may be anyone's.
        other = r"\bshe\b" if pronoun == "he" else r"\bhe\b"
        same = r"\bhe\b" if pronoun == "he" else r"\bshe\b"
        if re.search(other, sentence, re.I) and not re.search(same, sentence, re.I):
            return None  # "X said he had invited President Y ..." before "she said"
        fronted = FRONTED.match(text, sentence_start)
        if fronted:  # "Standing beside Ambassador Rahmawati, Minister Ratu told reporters"
            sentence_start = fronted.end()
        described = _DESCRIBED.match(text, sentence_start)
        if described:  # "The President thanked Mr Kusnanto ...": the President
            person = names.described(text, Span(described.start(), described.end()))
            if person is not None:
                return person
        people = [
            p
            for p in names.people + names.bare
            if sentence_start <= p.position < min(start, sentence_start + _SUBJECT_REACH)
            and not p.aside
        ]
        return names.fullest(min(people, key=lambda p: p.position)) if people else None
    return None
