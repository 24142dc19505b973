"""The bodies a sentence says people signed for: "signed by X on behalf of the Ministry of
Energy", "representing the Port Authority", "and by B for the Ministry of Economy and
Finance" once the sentence has said "on behalf of". Each body runs up to the next
signatory; two joined by "and" are two. Imports ``countries``, ``name_words``, ``parties``
and ``segments``.
"""

from __future__ import annotations

import re

from kbtool.ingest.countries import country_named
from kbtool.ingest.name_words import ROLE_TITLES, is_role_word
from kbtool.ingest.parties import reads_as_name, split_pair
from kbtool.ingest.segments import Sentence, Span, tokens

_BEHALF = re.compile(
    r"\b(?:on\s+behalf\s+of|representing|signing\s+for)\s+(?:the\s+)?"
    # "the Instituto Caro y Cuervo", "the Banco de la Nación": particles inside names
    r"(?P<party>[A-Z][\w’'&-]*(?:,?\s+(?:of|for|and|&|the|y|de|del|la|do|da|dos|das"
    r"|[A-Z][\w’'&-]*|\([A-Z&]+\)))*)"
)


# "signed by A on behalf of the Viet Nam Development Bank and by B for the Ministry of
# Economy and Finance": "for" says the same as "on behalf of" once the sentence has said it.
_FOR_BODY = re.compile(
    # "... and Fujian Governor Tang Weiming, for the Fujian Provincial People's Government"
    r"(?:\bby\s+[^,;.]{3,80}?\s+|,\s+(?:signing\s+)?)for\s+the\s+"
    r"(?P<party>[A-Z][\w’'&-]*(?:,?\s+(?:of|for|and|&|the|[A-Z][\w’'&-]*|\([A-Z&]+\)))*)"
)


def bodies_signed_for(text: str, sentence: Sentence) -> list[Span]:
    """The parties a sentence says people signed for, each up to the next signatory."""
    found: list[Span] = []
    matches = list(_BEHALF.finditer(text, sentence.span.start, sentence.span.end))
    if matches:
        last = matches[-1]
        after_last = last.start("party") + len(_up_to_next_signatory(last.group("party")))
        matches += [
            m
            for m in _FOR_BODY.finditer(text, after_last, sentence.span.end)
            # "for the Japanese side": a country's word, not a body
            if reads_as_name(m.group("party")) and " " in m.group("party")
        ]
    for match in matches:
        party = _up_to_next_signatory(match.group("party"))
        # "... on behalf of Kenya and Budi Santoso on behalf of ...": the name is not the party.
        words_ = party.split()
        for cut in range(1, len(words_)):
            if words_[cut] in {"and", "&"} and country_named(" ".join(words_[:cut])):
                party = " ".join(words_[:cut])
                break
        party = re.sub(r"(?:,|\s+(?:and|&|the|of|for))+$", "", party.rstrip(", "))
        start = match.start("party")
        both = split_pair(party) if re.search(r"\s(?:and|&)\s", party) else None
        # "the Ministry of Education, Science and Sports, and the Ministry of ...": the comma
        # before "and" is not the first's
        sides = [Span(start + a, start + a + len(party[a:b].rstrip(", "))) for a, b in both or []]
        if len(sides) == 2 and all(reads_as_name(side.of(text)) for side in sides):
            found += sides  # "on behalf of PT PAL Indonesia and the Ministry of Defence"
            continue
        span = Span(start, start + len(party))
        if any(is_role_word(t) for t in tokens(text, span)) or not reads_as_name(party):
            continue  # "on behalf of the two Prime Ministers", a person's name
        found.append(span)
    return found


def _up_to_next_signatory(party: str) -> str:
    """ "the Sabah State Government, and Fujian Governor Tang Weiming, for ...": the body
    ends at a comma that goes on to another signatory, not at one inside a list of
    portfolios ("the Ministry of Employment, Productivity and Industrial Relations")."""
    pieces = party.split(",")
    kept = pieces[0]
    for piece in pieces[1:]:
        words_ = piece.split()
        if not words_ or any(w.lower() in ROLE_TITLES for w in words_):
            break
        # "on behalf of the Ministry of Education, Science and Sports, and the Ministry of
        # Foreign Affairs of Japan": a second body goes on; a signatory's name does not
        other = re.sub(r"^\s*(?:and|&)\s+", "", piece)
        if other != piece and not reads_as_name(other):
            break
        kept += "," + piece
    return kept
