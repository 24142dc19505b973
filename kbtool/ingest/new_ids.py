"""The ids ``kb ingest`` gives new records, made from their words as a person would.

"kenya-malaysia-air-services-agreement" says who, what about and what kind;
"ruto-partnership-grow-tourism" says who spoke and the first words that matter. An id
already taken (by a stored record, a removed one or another candidate) gets a number.

May import: kbtool.models.
"""

from __future__ import annotations

import re

from kbtool.models import slugify

_KIND_SUFFIX = {
    "agreement": "agreement",
    "memorandum-of-understanding": "mou",
    "letter-of-intent": "loi",
    "treaty": "treaty",
    "protocol": "protocol",
    "exchange-of-notes": "notes",
    "declaration": "declaration",
    "other": "instrument",
}
_TITLE_NOISE = {
    "the", "of", "on", "and", "for", "in", "to", "between", "with", "a", "an", "concerning",
    "regarding", "bilateral", "cooperation", "memorandum", "understanding", "mou", "letter",
    "intent", "loi", "agreement", "treaty", "protocol", "exchange", "notes", "declaration",
    "their", "its", "both",
}  # fmt: skip
_TEXT_NOISE = {
    "the", "a", "an", "of", "to", "and", "in", "on", "for", "is", "are", "was", "that", "this",
    "it", "we", "our", "us", "they", "be", "will", "with", "as", "by", "at", "have", "has",
}  # fmt: skip


def unique_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... when taken; the one given is then taken."""
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def instrument_slug(title: str, parties: list[str], kind: str) -> str:
    """ "kenya-malaysia-air-services-agreement": who, what about, what kind."""
    party_words: list[str] = []
    for party in parties:
        acronym = re.search(r"\(([A-Z][A-Za-z&]{1,9})\)", party)
        words = re.findall(r"[\w]+", party)
        if acronym:
            party_words.append(acronym.group(1))
        elif len(words) > 2:
            party_words.append("".join(w[0] for w in words if w[0].isupper()) or words[0])
        else:
            party_words.append(" ".join(words))
    seen = {w.lower() for p in party_words for w in p.split()}
    # "MoU between X and Y": the parties already say what the title would.
    title = re.split(r"\s+between\s+", title)[0]
    about = [
        w
        for w in re.findall(r"[\w’'-]+", title)
        if w.lower() not in _TITLE_NOISE and w.lower() not in seen and len(w) > 1
    ][:4]
    suffix = _KIND_SUFFIX[kind]
    return slugify(" ".join([*party_words, *about, suffix]), max_length=80)


def quotation_slug(quoted: str, speaker: str, is_person: bool) -> str:
    """Who spoke (a person's last name) and the quotation's first three words that matter."""
    speaker_words = speaker.split()
    who = speaker_words[-1] if is_person else " ".join(speaker_words[-3:])
    words = [w for w in re.findall(r"[\w’'-]+", quoted) if w.lower() not in _TEXT_NOISE]
    return slugify(" ".join([who, *words[:3]]), max_length=80)
