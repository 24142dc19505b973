"""A speaker, the clause that interrupts them, and their verb: "Vice President Bello, seated
beside Dwight Gittens, Minister of Foreign Affairs, told the gathering: ...".

News style often puts a long clause between a speaker and the speech verb: a participle
("seated beside ...", "flanked by ..."), a relative clause ("who signed the memorandum with
Nigeria's Permanent Secretary, Nkechi Nwosu,") or the speaker's own role. The people named
inside it neither speak there nor are the ones a later "he said" means. Imports
``segments`` and ``name_words``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kbtool.ingest.name_words import PARTICLES, ROLE_TITLES, SPEECH_VERBS
from kbtool.ingest.segments import Span, tokens, words

_PATTERN = re.compile(
    r"(?P<subject>[^,;:“”\"]{2,120}?),\s+"
    # "President Kagame, in a post on X, said": where they said it, not who.
    r"(?P<aside>(?:who|whose|which|flanked|seated|accompanied|alongside|together|with|in|on|"
    r"at|for|during|after|a|an|the|[a-z]+ing|[a-z]+ed|[A-Z])\b[^;:“”\"]*?),\s+"
    rf"(?:also\s+|later\s+|then\s+)?(?P<verb>{SPEECH_VERBS})\b"
)

# "Vietnam's Minister of Agriculture, Le Van Phuoc, who sat beside ..., said": the name in
# apposition is the subject's, the relative clause after it the aside.
_APPOSED = re.compile(
    r"(?P<subject>[^,;:“”\"]{2,120}?,\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,4}),\s+"
    r"(?P<aside>(?:who|whose)\b[^;:“”\"]*?),\s+"
    rf"(?:also\s+|later\s+|then\s+)?(?P<verb>{SPEECH_VERBS})\b"
)

# Words that open a sentence with a circumstance, not a speaker: "At the ceremony, ...".
_NOT_SUBJECTS = words(
    "at in on during after before speaking addressing following when while as for with "
    "earlier later meanwhile separately also however it there this that these those"
)

# Lower-case words a speaker phrase may hold: "the visiting leader", "the Peruvian leader".
_DESCRIBING = ROLE_TITLES | PARTICLES | words("of for and the & visiting host guest counterpart")


@dataclass(frozen=True)
class Interruption:
    subject: Span
    aside: Span
    verb: Span


def interruption(text: str, start: int, end: int) -> Interruption | None:
    """The speaker, the interrupting clause and the verb of a clause opening at ``start``."""
    match = _APPOSED.match(text, start, end) or _PATTERN.match(text, start, end)
    if match is None:
        return None
    subject = Span(match.start("subject"), match.end("subject"))
    subject_words = tokens(text, subject)
    if not subject_words or subject_words[0].lower in _NOT_SUBJECTS:
        return None
    if not subject_words[0].capitalised and subject_words[0].lower != "the":
        return None
    if not all(w.capitalised or w.lower in _DESCRIBING for w in subject_words):
        return None
    return Interruption(
        subject,
        Span(match.start("aside"), match.end("aside")),
        Span(match.start("verb"), match.end("verb")),
    )
