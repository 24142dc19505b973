"""The words that name instruments, and the words around them in a title.

The head words of the model's vocabulary ("Agreement", "MoU", "Letter of Intent",
"Protocol", "treaty", "exchange of notes"...), with the kind each names; the determiners,
ordinals and generic words a title may carry; the words that start and end the phrase
after a head; and the cues of an instrument's status. Data and two small lookups only;
imports nothing of this package but ``segments``.
"""

from __future__ import annotations

import re

from kbtool.models import Kind, Status

# (pattern, kind); None marks words that only ever refer back ("the deal", "the pact").
_HEADS: tuple[tuple[str, Kind | None], ...] = (
    (r"memorand(?:um|a|ums) of understanding", "memorandum-of-understanding"),
    (r"memorand(?:um|a|ums) of cooperation", "memorandum-of-understanding"),
    # The Philippines' "Memorandum of Agreement"
    (r"memorand(?:um|a|ums) of agreement", "memorandum-of-understanding"),
    (r"memorand(?:um|a|ums)", "memorandum-of-understanding"),
    (r"(?-i:MoUs?|MOUs?)", "memorandum-of-understanding"),
    (r"letters? of intent", "letter-of-intent"),
    (r"(?-i:LoIs?|LOIs?)", "letter-of-intent"),
    (r"exchanges? of (?:diplomatic )?notes", "exchange-of-notes"),
    (r"agreements?", "agreement"),
    (r"accords?", "agreement"),
    (r"treaty|treaties", "treaty"),
    (r"conventions?", "treaty"),
    (r"protocols?", "protocol"),
    (r"declarations?", "declaration"),
    (r"arrangements?", "other"),
    (r"records?\s+of\s+discussions?", "other"),
    (r"road\s?maps?", "other"),
    (r"communiqu[ée]s?", "declaration"),
    (r"action\s+plans?|plans?\s+of\s+action|work\s+plans?|agreed\s+minutes", "other"),
    (
        r"(?:(?:cultural\s+)?exchange|executive|cooperation)\s+program(?:me)?s?"
        r"|program(?:me)?s?\s+of\s+(?:\w+\s+){0,3}(?:cooperation|exchanges?|consultations?)",
        "other",
    ),
    (r"deals?|pacts?|documents?", None),
    (r"partnerships?|initiatives?|instruments?", None),
)
HEAD = re.compile(
    "|".join(rf"(?P<h{index}>\b(?:{pattern})\b)" for index, (pattern, _) in enumerate(_HEADS)),
    re.IGNORECASE,
)
# Words that only refer back and never name an instrument, whatever modifies them.
REFERENCE_ONLY = {"partnership", "initiative", "instrument"}

DEFINITE = {"the", "this", "that", "its", "their", "said"}
INDEFINITE = {"a", "an", "another", "one"}
DETERMINERS = (
    DEFINITE
    | INDEFINITE
    | {
        "these",
        "those",
        "both",
        "two",
        "three",
        "four",
        "five",
        "six",
        "several",
        "key",
        "all",
        "our",
        "his",
        "her",
        "such",
        "each",
        "every",
    }
)
ORDINALS = {
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "final",
    "last",
    "next",
    "latest",
    "another",
    "other",
}
# Words that describe but do not identify an instrument; they are kept in a title as
# written but do not count when deciding whether two mentions are the same instrument.
GENERIC = ORDINALS | {
    "major",
    "new",
    "key",
    "landmark",
    "historic",
    "important",
    "significant",
    "formal",
    "bilateral",
    "cooperation",
    "co-operation",
    "framework",
    "joint",
    "signed",
    "proposed",
    "draft",
    "comprehensive",
    "strategic",
}
STOPWORDS = {
    "the",
    "of",
    "on",
    "and",
    "for",
    "in",
    "to",
    "between",
    "with",
    "a",
    "an",
    "&",
    "concerning",
    "regarding",
    "by",
    "at",
    "from",
    "their",
    "its",
    "our",
    "both",
    "two",
    "countries",
}
CONNECTORS = {"and", "of", "&", "for", "on", "the"}
# "two MoUs", "six agreements": how many instruments a plural counts.
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
# What a report thinks of an instrument, not its name: "a long-awaited extradition treaty",
# "a new Working Holiday Scheme Arrangement".
PRAISE = frozenset(
    [
        "new",
        "long-awaited",
        "much-awaited",
        "long-pending",
        "long-negotiated",
        "much-anticipated",
        "landmark",
        "historic",
        "milestone",
        "groundbreaking",
        "ground-breaking",
        "first-ever",
        "important",
        "key",
        "major",
        "significant",
        "crucial",
        "ambitious",
        "fresh",
    ]
)
# Words of the clause before a title, never its modifiers: "... and the Sultanate of Oman
# yesterday signed agreements on ...".
CLAUSE_WORDS = frozenset(
    [
        "signed",
        "signs",
        "inked",
        "inks",
        "concluded",
        "initialled",
        "witnessed",
        "yesterday",
        "today",
        "also",
        "jointly",
        "formally",
        "have",
        "has",
        "had",
        "were",
        "was",
        "will",
        "would",
        "are",
        "is",
    ]
)
COMPLEMENT_STARTS = {
    "on",
    "for",
    "concerning",
    "regarding",
    "between",
    "to",
    "relating",
    "establishing",
    "against",
    "amending",
    "extending",
    "renewing",
}
# Words that end the phrase after a head: a relative clause, a participle, a time.
COMPLEMENT_STOPS = {
    "which",
    "that",
    "who",
    "whom",
    "whose",
    "under",
    "signed",
    "aimed",
    "aiming",
    "designed",
    "as",
    "while",
    "during",
    "after",
    "before",
    "following",
    "at",
    "by",
    "last",
    "this",
    "yesterday",
    "today",
    "earlier",
    "will",
    "would",
    "is",
    "was",
    "were",
    "are",
    "has",
    "have",
    "had",
    "could",
    "should",
    "may",
    "might",
    "focusing",
    "seeking",
    "also",
    "took",
    "linking",
    "connecting",
    "allowing",
    "expected",
    "meant",
    "intended",
    "witnessed",
    "exchanged",
    "concluded",
    "inked",
    "reached",
    "initialled",
    "entered",
    "allows",
    "enables",
    "covers",
    "provides",
    "gives",
    "opens",
    "sets",
    "aims",
    "seeks",
    "includes",
    "creates",
    "establishes",
    "commits",
    "paves",
    "makes",
    "lets",
    "means",
    "providing",
    "covering",
    "including",
    "paving",
    "giving",
    "enabling",
    "bringing",
    "worth",
    "valued",
    "totalling",
    "totaling",
    "amounting",
}
TIME_WORDS = re.compile(
    r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|may|june|july|august|september|october|november|december|\d+)$",
    re.IGNORECASE,
)
TITLE_LINKS = {"of", "the", "and", "&", "for", "on", "in", "between", "to", "with", "a", "an"}
AND_STOPS = DETERMINERS | {"signed", "also", "will", "would"}

# The verbs of signing, and a signing its subject does ("A and B signed the MoU", "put pen to
# paper on the MoU"), not a place or time after it ("signed in Nairobi", "signed on Monday").
SIGNING_VERBS = r"signed|exchanged|initialled|initialed|inked"
SIGNED_BY_SUBJECT = (
    rf"(?:{SIGNING_VERBS}|sign|exchange)\b(?!\s+(?:by|of|in|on|at)\b)"
    r"|put\s+pen\s+to\s+paper\b|put\s+(?:their|his|her)\s+signatures?\s+(?:to|on)\b"
)

STATUS_CUES: tuple[tuple[Status, re.Pattern[str]], ...] = (
    ("in-force", re.compile(r"\b(?:entered|enters|came|comes)\s+into\s+force\b", re.I)),
    (
        "ratified",
        re.compile(
            r"\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+ratified\b"
            r"|\bratified\s+(?:the|an?)\b",
            re.I,
        ),
    ),
    (
        "proposed",
        re.compile(
            r"\b(?:negotiat\w*|will\s+sign|(?:plans?|planning|expected|set|"
            r"due|hope|hopes|aim)\s+to\s+sign|draft|proposed|under\s+discussion"
            r"|are\s+to\s+sign)\b",
            re.I,
        ),
    ),
    (
        "signed",
        re.compile(
            r"\b(?:signed|signing|inked|sealed|concluded|exchanged|formali[sz]ed|signatures?"
            r"|put\s+pen\s+to\s+paper)\b",
            re.I,
        ),
    ),
)
SIGNED = STATUS_CUES[-1][1]


# Multilateral instruments reports name in passing; never one two sides sign at a visit.
MULTILATERAL = re.compile(
    r"(?:Paris\s+(?:Climate\s+)?Agreement|Kyoto\s+Protocol|Montreal\s+Protocol|Nagoya\s+Protocol"
    r"|Cartagena\s+Protocol|Maputo\s+Protocol|Rome\s+Statute|Geneva\s+Conventions?"
    r"|Vienna\s+Convention|Chicago\s+Convention|African\s+Continental\s+Free\s+Trade"
    r"|AfCFTA|United\s+Nations\s+Convention|UN\s+Convention|Lomé\s+Convention"
    r"|Cotonou\s+Agreement|Nile\s+Basin\s+Cooperative\s+Framework"
    r"|Framework\s+Agreement\s+on\s+the\s+[Ee]stablishment\s+of\s+the\s+International\s+Solar"
    r"|(?:EAC|East\s+African\s+Community|SADC|ECOWAS|COMESA|ASEAN)\s+Treaty)"
)


def is_instrument_word(word: str) -> bool:
    """Whether ``word`` is a head that names instruments ("MoU", "Agreement", "protocols")."""
    return HEAD.fullmatch(word) is not None


def kind_of(match: re.Match[str]) -> Kind | None:
    for index, (_, kind) in enumerate(_HEADS):
        if match.group(f"h{index}") is not None:
            return kind
    return None  # pragma: no cover - one group always matches
