"""Rules that find the instruments an article reports, and every later mention of each.

An instrument is named by a *head* word of the model's vocabulary ("Agreement", "MoU",
"Letter of Intent", "Protocol", "treaty", "exchange of notes"...). Around the head, the
words before it (capitalised modifiers, or lower-case ones after "a"/"an") and the phrase
after it ("on Tourism Cooperation", "between X and Y", "to twin Nairobi with Kuala Lumpur")
make its title as written. A mention with such words introduces an instrument unless its
words match one already found ("the tax treaty" after "Agreement on the Avoidance of Double
Taxation"); a bare "the agreement", "the deal" or "this partnership" refers back to the
instrument last mentioned; a plural ("the four instruments") refers to all of them, and a
mention with an ordinal ("the second agreement is ...") only announces the next one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kbtool.ingest.countries import CountryMention, country_named, find_countries, main_countries
from kbtool.ingest.parties import country_of_state, split_pair
from kbtool.ingest.segments import Document, Sentence, Span, Token, tokens, words
from kbtool.ingest.titles import coordinated_titles, is_background
from kbtool.models import Kind, Status

# (pattern, kind); None marks words that only ever refer back ("the deal", "the pact").
_HEADS: tuple[tuple[str, Kind | None], ...] = (
    (r"memorand(?:um|a) of understanding", "memorandum-of-understanding"),
    (r"memorand(?:um|a) of cooperation", "memorandum-of-understanding"),
    (r"memorand(?:um|a)", "memorandum-of-understanding"),
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
    (r"action\s+plans?|plans?\s+of\s+action", "other"),
    (
        r"(?:(?:cultural\s+)?exchange|executive|cooperation)\s+programmes?"
        r"|programmes?\s+of\s+(?:\w+\s+){0,2}(?:cooperation|exchanges?)",
        "other",
    ),
    (r"deals?|pacts?|documents?", None),
    (r"partnerships?|initiatives?|instruments?", None),
)
_HEAD = re.compile(
    "|".join(rf"(?P<h{index}>\b(?:{pattern})\b)" for index, (pattern, _) in enumerate(_HEADS)),
    re.IGNORECASE,
)
# Words that only refer back and never name an instrument, whatever modifies them.
_REFERENCE_ONLY = {"partnership", "initiative", "instrument"}

_DEFINITE = {"the", "this", "that", "its", "their", "said"}
_INDEFINITE = {"a", "an", "another", "one"}
_DETERMINERS = (
    _DEFINITE
    | _INDEFINITE
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
_ORDINALS = {
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
_GENERIC = _ORDINALS | {
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
_STOPWORDS = {
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
_CONNECTORS = {"and", "of", "&", "for", "on", "the"}
_COMPLEMENT_STARTS = {
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
}
# Words that end the phrase after a head: a relative clause, a participle, a time.
_COMPLEMENT_STOPS = {
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
_TIME_WORDS = re.compile(
    r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|may|june|july|august|september|october|november|december|\d+)$",
    re.IGNORECASE,
)
_TITLE_LINKS = {"of", "the", "and", "&", "for", "on", "in", "between", "to", "with", "a", "an"}
_AND_STOPS = _DETERMINERS | {"signed", "also", "will", "would"}

_STATUS_CUES: tuple[tuple[Status, re.Pattern[str]], ...] = (
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
_SIGNED = _STATUS_CUES[-1][1]

_PURPOSE = re.compile(
    r"\b(?:aims?|aimed|aiming|seeks?|seeking|designed|intended|meant|expected|set)\s+to\s+"
    r"(?P<to>[^.;]+)"
    r"|\bfocus(?:ing|ed|es)?\s+on\s+(?P<on>[^.;]+)"
    r"|\bwill\s+(?P<will>(?:facilitate|enable|allow|help|promote|boost|strengthen|deepen|support"
    r"|open|ease|expand|improve|protect|let|create|establish|provide)\b[^.;]+)"
    r"|\bunder\s+which\s+(?P<under>[^.;]+)"
    r"|\bcommits?\s+(?:both\s+sides|the\s+two\s+(?:countries|sides|governments)|them)\s+to\s+"
    r"(?P<commit>[^.;]+)"
    r"|\ballowing\s+(?P<allow>[^.;]+)"
    r"|\bthat\s+(?P<that>(?:protects|allows|enables|guarantees|opens|removes|provides)\b[^.;]+)",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r",\s+(?:which|while|as|signalling|signaling|marking|creating|and\s+is)\b")
_SUBJECT_VERB = re.compile(
    r"\b(?:also\s+|on\s+\w+\s+|have\s+|has\s+|had\s+|jointly\s+|formally\s+|today\s+|"
    r"yesterday\s+|are\s+|were\s+|will\s+|is\s+|also\s+)*"
    r"(?:signed|inked|sealed|concluded|exchanged|agreed|negotiating|negotiated|initialled|"
    r"ratified|adopted|sign)\b",
    re.I,
)
_NAME_PART = r"[A-Z][\w’'\-–.&]*"
_NAME_WORD = rf"(?:{_NAME_PART}|of|for|and|&|the|in|\([A-Z][\w&-]*\))"
# The names before a verb: "the Ministry of Trade and Industry and the Food and Drugs Authority".
_NAMES_AT_END = re.compile(rf"{_NAME_WORD}(?:,?\s+{_NAME_WORD})*\s*$")


@dataclass(frozen=True)
class Mention:
    """One occurrence of an instrument head, with the words that qualify it."""

    head: Span
    kind: Kind | None
    plural: bool
    determiner: str | None
    title: Span  # modifiers + head + complement, as written
    complement: Span | None
    content: frozenset[str]
    capitalised: bool  # a proper title ("Bilateral Air Services Agreement")
    announces: bool  # has an ordinal: "the second agreement is ..." names nothing itself
    sentence: Sentence


@dataclass
class FoundInstrument:
    """An instrument the article reports, with the spans that support each field."""

    title: Span
    kind: Kind
    kind_span: Span
    intro: Sentence
    content: frozenset[str]
    parties: list[tuple[str, Span]] = field(default_factory=list)
    status: Status = "signed"
    status_span: Span | None = None
    aims: list[Span] = field(default_factory=list)
    summary: Sentence | None = None
    excerpts: list[Sentence] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    # One item of a coordination ("agreements on X and Y") is named in words that are not
    # all together in the text: "agreement on X".
    written: str | None = None
    # The parties are the countries the article names, not words that say who signed.
    parties_inferred: bool = False

    def name(self, text: str) -> str:
        """The title as a person would write it down."""
        if self.written is not None:
            return self.written
        title = self.title.of(text)
        # "memorandum of understanding (MoU) on water": the abbreviation is not the title's.
        head = self.kind_span.end - self.title.start
        if 0 < head < len(title):
            title = title[:head] + re.sub(r"^\s*\([A-Z][\w&]*\)", "", title[head:])
        return title


@dataclass(frozen=True)
class Reference:
    """A mention resolved: to one instrument (its index), or to several (``None``)."""

    span: Span
    sentence: Sentence
    instrument: int | None


@dataclass
class InstrumentReading:
    instruments: list[FoundInstrument]
    references: list[Reference]
    text: str = ""

    def in_sentence(self, sentence: Sentence) -> list[Reference]:
        return [r for r in self.references if r.sentence == sentence]

    def in_paragraph(self, paragraph: int) -> list[Reference]:
        return [r for r in self.references if r.sentence.paragraph == paragraph]


def is_instrument_word(word: str) -> bool:
    """Whether ``word`` is a head that names instruments ("MoU", "Agreement", "protocols")."""
    return _HEAD.fullmatch(word) is not None


def _kind_of(match: re.Match[str]) -> Kind | None:
    for index, (_, kind) in enumerate(_HEADS):
        if match.group(f"h{index}") is not None:
            return kind
    return None  # pragma: no cover - one group always matches


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
    return all(any(_similar(w, o) for o in other) for w in words)


def _gap_is_space(text: str, left: Token, right: Token) -> bool:
    return text[left.span.end : right.span.start].strip(" -–") == ""


def _mention(
    text: str, sentence: Sentence, words: list[Token], at: int, kind: Kind | None, head: Span
) -> Mention:
    """Read the words around the head ``words[at:...]`` ending at ``head.end``."""
    end_index = at
    while end_index + 1 < len(words) and words[end_index + 1].span.end <= head.end:
        end_index += 1
    # Modifiers, read backwards from the head up to a determiner.
    modifiers: list[Token] = []
    determiner: str | None = None
    index = at - 1
    while index >= 0 and len(modifiers) < 8:
        token = words[index]
        following = words[index + 1]
        if not _gap_is_space(text, token, following):
            break
        low = token.lower
        if low in _DETERMINERS:
            determiner = low
            break
        if low in {"million", "billion", "trillion"} or (
            token.text[:1].isdigit() and not re.fullmatch(r"(?:19|20)\d\d", token.text)
        ):
            determiner = "a"  # "a NOK 120 million grant agreement": an amount, then the title
            break
        if low in _CONNECTORS:
            previous = words[index - 1] if index > 0 else None
            if not (modifiers and modifiers[-1].capitalised and previous and previous.capitalised):
                break
        modifiers.append(token)
        index -= 1
    modifiers.reverse()
    if determiner is None:
        # Without "a"/"the" only a capitalised run is a title ("the Bilateral ..." and
        # "Bilateral Investment Treaty that" both are); lower-case words there are verbs
        # or headline-speak ("France and Morocco sign justice convention").
        lower = [
            i for i, m in enumerate(modifiers) if not m.capitalised and m.lower not in _CONNECTORS
        ]
        if lower:
            modifiers = modifiers[lower[-1] + 1 :]
        while modifiers and not modifiers[0].capitalised:
            modifiers.pop(0)
    while modifiers and modifiers[0].lower in _CONNECTORS:
        modifiers.pop(0)
    complement = _complement(text, sentence, words, end_index, _is_plural(head.of(text)))
    start = modifiers[0].span.start if modifiers else head.start
    end = complement.end if complement else head.end
    period: list[Token] = []
    if complement is None and end_index + 1 < len(words):
        following = words[end_index + 1]
        year = re.fullmatch(r"(?:19|20)\d\d", following.text) and head.of(text)[:1].isupper()
        if (_period_at(words, end_index + 1) or year) and not text[
            head.end : following.span.start
        ].strip():
            end = following.span.end  # "Strategic Cooperation Programme 2022-2026"
            period = [following]
    # Numbers ("a 1990 arrangement") date an instrument but do not name it.
    described = modifiers + (tokens(text, complement) if complement else []) + period
    content = {
        t.lower
        for t in described
        if t.lower not in _GENERIC and t.lower not in _STOPWORDS and not t.text.isdigit()
    }
    head_text = head.of(text)
    return Mention(
        head=head,
        kind=kind,
        plural=_is_plural(head_text),
        determiner=determiner,
        title=Span(start, end),
        complement=complement,
        content=frozenset(content),
        capitalised=any(t.capitalised for t in modifiers)
        or (head_text[:1].isupper() and complement is not None),
        announces=any(t.lower in _ORDINALS for t in modifiers),
        sentence=sentence,
    )


def _is_plural(head: str) -> bool:
    # In "exchange of notes" and "letters of intent" the first word carries the number.
    first = head.split()[0].lower()
    return first.endswith("s") or first == "memoranda"


def _complement(
    text: str, sentence: Sentence, words: list[Token], head_end: int, plural: bool = False
) -> Span | None:
    """The phrase after a head that belongs to its title ("on Tourism Cooperation")."""
    index = head_end + 1
    if index < len(words) and _bracketed_abbreviation(text, words[index]):
        index += 1  # "memorandum of understanding (MoU) on water management"
    if index >= len(words) or not _starts_complement(text, words, index):
        return None
    gap = text[words[head_end].span.end : words[index].span.start]
    if gap.strip() and not re.fullmatch(r"\s*\([A-Z][\w&]*\)\s*", gap):
        return None
    start = words[index].span.start
    end = words[index].span.end
    # "between X and the Y on port logistics": one "and" joins the parties, and a topic in
    # lower case may follow them.
    between = "open" if words[index].lower == "between" else "no"
    index += 1
    count = 0
    # A title-case phrase ("on Fisheries Cooperation") ends at the first lower-case word that
    # is not a linking word ("... Cooperation protects our coasts"); a lower-case one
    # ("on joint exploration in deepwater blocks") runs on to punctuation or a stop word.
    # Title case when the first word after the linking words is capitalised ("to the
    # Treaty of ...", not "relating to the opening of ...").
    first_word = index
    while first_word < len(words) and words[first_word].lower in _TITLE_LINKS:
        first_word += 1
    title_case = first_word < len(words) and (
        words[first_word].capitalised or _period_at(words, first_word)
    )
    while index < len(words) and count < 25:
        token = words[index]
        if (
            title_case
            and between == "joined"
            and token.lower in {"on", "in", "for"}
            and index + 1 < len(words)
            and not words[index + 1].capitalised
        ):
            title_case = False
        elif (
            title_case
            and not token.capitalised
            and not _period_at(words, index)
            and token.lower not in _TITLE_LINKS
            # "Agreement on Cooperation in the field of Agriculture"
            and not (
                token.lower in {"field", "fields", "area", "areas", "sphere", "spheres"}
                and index + 1 < len(words)
                and words[index + 1].lower == "of"
            )
        ):
            break
        gap = text[words[index - 1].span.end : token.span.start]
        # Punctuation ends the phrase, except an acronym in brackets ("(KNCCI)") and the
        # commas of a list inside the title ("on scientific, technical and cultural ...").
        if (
            gap.strip()
            and not re.fullmatch(r"\s*[(]?\s*", gap)
            and not re.fullmatch(r"\)\s*", gap)
            and not (gap.strip() == "," and _list_goes_on(text, words, index))
            # "MoUs on surveillance in the border zone; on the recognition of degrees; and on
            # ...": a plural's items, each with its own preposition.
            and not (plural and gap.strip() in {";", ","} and _parallel_item(words, index))
        ):
            break
        if _purpose_starts(token, words, index):
            break
        if "(" in gap and not re.match(r"[A-Z&]+\)", text[token.span.start : token.span.end + 1]):
            break
        low = token.lower
        if low in _COMPLEMENT_STOPS:
            break
        if low == "between" and between == "no":
            between = "open"  # "in the field of Mining between the Ministry of ... and the ..."
        if low == "on" and index + 1 < len(words) and _TIME_WORDS.match(words[index + 1].text):
            break
        if (
            low in {"in", "of", "since", "from"}
            and index + 1 < len(words)
            and re.fullmatch(r"(?:19|20)\d\d", words[index + 1].text)
        ):
            break  # "agreement on military cooperation in 2019": a date, not the title
        if (
            low in {"for", "of", "worth"}
            and index + 1 < len(words)
            and _AMOUNT.match(text, words[index].span.end)
            and not _period_at(words, index + 1)
            and not re.fullmatch(r"(?:19|20)\d\d", words[index + 1].text)
        ):
            break  # "Line of Credit Agreement ... for US$ 50 million"
        if low == "and" and between == "open" and index + 1 < len(words):
            between = "joined"
            if words[index + 1].lower == "the":
                index += 1
                count += 1
        elif (
            low == "and"
            and (title_case or between == "joined")
            and index + 2 < len(words)
            and words[index + 1].lower == "the"
            and words[index + 2].capitalised
            and not _HEAD.search(
                text,
                words[index + 2].span.start,
                words[min(index + 5, len(words) - 1)].span.end,
            )
        ):
            pass  # "for the Avoidance of Double Taxation and the Prevention of Fiscal Evasion"
        elif (
            low == "and"
            and not title_case
            and index + 3 < len(words)
            and words[index + 1].lower == "the"
            and words[index + 3].lower == "of"
            and words[index + 2].lower not in _DETERMINERS
        ):
            pass  # "in the field of geology and the use of mineral resources"
        elif (
            low == "and"
            and index + 1 < len(words)
            and (words[index + 1].lower in _AND_STOPS or _HEAD.match(words[index + 1].text))
        ):
            break
        end = token.span.end
        if text[end : end + 1] == ")":
            end += 1
        index += 1
        count += 1
    # "... Protection of Investments in": a linking word the title stopped after is not its.
    inside = tokens(text, Span(start, end))
    while len(inside) > 1 and inside[-1].text in _TITLE_LINKS | {"with"}:
        inside.pop()
        end = inside[-1].span.end
        if text[end : end + 1] == ")":
            end += 1
    return Span(start, end)


_AMOUNT = re.compile(r"\s+(?:US\s?\$|USD|EUR|€|\$|£|KES|KSh|INR|Rs\.?|AED|RM|NOK|\d)")
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
    "modernise modernize rehabilitate connect link export import host deploy set cross bring"
)


def _period_at(words: list[Token], index: int) -> bool:
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


def _bracketed_abbreviation(text: str, token: Token) -> bool:
    before = text[max(0, token.span.start - 2) : token.span.start].strip()
    return (
        before == "("
        and text[token.span.end : token.span.end + 1] == ")"
        and any(c.isupper() for c in token.text[1:])
    )


def _starts_complement(text: str, words: list[Token], index: int) -> bool:
    low = words[index].lower
    following = words[index + 1] if index + 1 < len(words) else None
    if low == "to":
        # "Letter of Intent to twin Nairobi with Kuala Lumpur" names what it does, "Protocol
        # to the Treaty of Maipú" what it adds to; "a treaty to cross the mountains", "an MoU
        # to set up a council" say what it is for.
        after = words[index + 2] if index + 2 < len(words) else None
        return following is not None and (
            following.lower in _TITLE_VERBS
            or (following.lower == "the" and after is not None and after.capitalised)
        )
    if low in _COMPLEMENT_STARTS:
        return True
    if low == "of":
        # "Protocol of Phytosanitary Requirements", "Protocol of the Second Session"
        after = words[index + 2] if index + 2 < len(words) else None
        return following is not None and (
            following.capitalised
            or (following.lower == "the" and after is not None and after.capitalised)
        )
    if low != "in":
        return False
    if _FIELD_OF.match(text, words[index].span.start):
        return True
    # "memoranda of cooperation in disaster risk reduction", not "an agreement in Nairobi"
    # or "the action plan in positive terms"
    if words[index - 1].lower != "cooperation":
        return False
    return (
        following is not None
        and not following.capitalised
        and following.lower not in _DETERMINERS
        and not _TIME_WORDS.match(following.text)
        and not text[words[index].span.end : following.span.start].strip()
    )


def _purpose_at(words: list[Token], index: int) -> bool:
    return index + 1 < len(words) and words[index + 1].lower in _PURPOSE_VERBS


def _purpose_starts(token: Token, words: list[Token], index: int) -> bool:
    """Whether a purpose clause ("to boost trade") begins at ``token``."""
    return token.lower == "to" and _purpose_at(words, index)


def _parallel_item(words: list[Token], index: int) -> bool:
    token = words[index]
    if token.lower == "and" and index + 1 < len(words):
        token = words[index + 1]
    return token.lower in {"on", "for", "in", "concerning", "regarding"}


def _list_goes_on(text: str, words: list[Token], index: int) -> bool:
    """After a comma inside a title: "technical and cultural cooperation" goes on with it."""
    for position in range(index, min(index + 8, len(words))):
        token = words[position]
        gap = text[words[position - 1].span.end : token.span.start].strip()
        if position > index and gap not in {"", ","}:
            return False
        low = token.lower
        if low in _DETERMINERS or low in _COMPLEMENT_STOPS or _HEAD.fullmatch(token.text):
            return False
        if low == "and" and position > index:
            return True
    return False


def _mentions(document: Document) -> list[Mention]:
    text = document.text
    found: list[Mention] = []
    for sentence in document.sentences():
        words = tokens(text, sentence.span)
        starts = {token.span.start: position for position, token in enumerate(words)}
        for match in _HEAD.finditer(text, sentence.span.start, sentence.span.end):
            at = starts.get(match.start())
            if at is None:
                continue
            found.append(
                _mention(
                    text, sentence, words, at, _kind_of(match), Span(match.start(), match.end())
                )
            )
    return found


def _is_title(text: str, mention: Mention) -> bool:
    """Whether a mention names an instrument (and so can introduce one)."""
    if mention.plural or mention.announces or mention.kind is None:
        return False
    if mention.capitalised and (mention.content or mention.complement):
        return True
    return bool(mention.content) and mention.determiner in _INDEFINITE | _DEFINITE


def read_instruments(document: Document) -> InstrumentReading:
    """Every instrument the body of the article reports, and every mention's referent."""
    text = document.text
    instruments: list[FoundInstrument] = []
    references: list[Reference] = []
    last_seen: dict[int, int] = {}  # instrument index -> position of its latest mention

    def latest(kind: Kind | None) -> int | None:
        ordered = sorted(last_seen, key=lambda i: last_seen[i], reverse=True)
        if kind in (
            "memorandum-of-understanding",
            "letter-of-intent",
            "treaty",
            "protocol",
            "exchange-of-notes",
        ):
            for index in ordered:
                if instruments[index].kind == kind:
                    return index
        return ordered[0] if ordered else None

    quotations = _quoted_spans(document)
    for mention in _mentions(document):
        target: int | None = None
        if any(
            found.title.start <= mention.head.start < found.title.end
            and found.kind_span != mention.head
            for found in instruments
        ):
            continue  # "a Protocol amending the Convention for ...": part of another's title
        if mention.plural:
            # "the four instruments", "the agreements": all of them, i.e. no one instrument.
            # Plural "partnerships" and "initiatives" are rarely about instruments at all.
            if mention.head.of(text).lower().rstrip("s") not in {"partnership", "initiative"}:
                references.append(Reference(mention.head, mention.sentence, None))
            for item in _coordinated(text, mention):
                index = _match(instruments, item.mention, reference=False)
                if index is None and not is_background(
                    text, mention.sentence.span, mention.title, mention.head
                ):
                    instruments.append(_new_instrument(item.mention, item.title))
                    index = len(instruments) - 1
                if index is not None:
                    last_seen[index] = mention.head.start
            continue
        if mention.announces:
            continue
        quoted = any(span.start <= mention.head.start < span.end for span in quotations)
        if mention.kind is not None and (
            quoted or is_background(text, mention.sentence.span, mention.title, mention.head)
        ):
            # "building on the 2019 air services agreement": not signed here; and what people
            # say ("With the MoU on the ocean economy, ...") may name an instrument, not report one.
            target = _match(instruments, mention, reference=True) if mention.content else None
            if target is None and quoted and not mention.content:
                target = latest(mention.kind) if mention.determiner in _DEFINITE else None
            if target is not None:
                last_seen[target] = mention.head.start
                instruments[target].mentions.append(mention.head)
                references.append(Reference(mention.head, mention.sentence, target))
            continue
        head_word = mention.head.of(text).lower()
        if mention.kind is None:
            # "the deal", "the pact", "this partnership": only with a determiner, and for
            # "partnership" and "initiative" only bare, since "a long-term partnership" is
            # not an instrument.
            bare = not mention.content and not mention.complement
            if mention.determiner in _DEFINITE and (bare or head_word not in _REFERENCE_ONLY):
                target = _match(instruments, mention, reference=True) if mention.content else None
                if target is None and bare:
                    target = latest(None)
            elif re.search(
                r"\bthis\s+(?:kind|type|sort)\s+of\s+$",
                text[max(0, mention.head.start - 20) : mention.head.start],
            ):
                target = latest(None)
        elif _is_title(text, mention):
            introduces = mention.determiner in _INDEFINITE or mention.capitalised
            target = _match(instruments, mention, reference=not introduces)
            if target is None and introduces and _short_name(mention):
                # "Macadamia protocol signed": a short name for one already reported.
                target = _match(instruments, mention, reference=True)
            if target is None:
                instruments.append(_new_instrument(mention))
                target = len(instruments) - 1
        elif mention.determiner in _DEFINITE:
            target = latest(mention.kind)
            if _introduces_untitled(text, mention, instruments, target):
                instruments.append(_new_instrument(mention))
                target = len(instruments) - 1
        elif mention.determiner in _INDEFINITE and _SIGNED.search(mention.sentence.span.of(text)):
            # "A memorandum was also signed between the central banks": named by kind alone.
            instruments.append(_new_instrument(mention))
            target = len(instruments) - 1
        if target is not None:
            last_seen[target] = mention.head.start
            instruments[target].mentions.append(mention.head)
            references.append(Reference(mention.head, mention.sentence, target))
    reading = InstrumentReading(instruments, references, text)
    _add_abbreviation_references(document, reading)
    _add_pronoun_references(document, reading)
    for instrument in instruments:
        _describe(document, reading, instrument)
    return reading


def _quoted_spans(document: Document) -> list[Span]:
    """Where the body quotes someone: instruments named there are not reported as signed."""
    text = document.text
    spans = []
    for sentence in document.sentences():
        for match in re.finditer(
            r"“[^“”]*”?|\"[^\"]*\"", text[sentence.span.start : sentence.span.end]
        ):
            spans.append(
                Span(sentence.span.start + match.start(), sentence.span.start + match.end())
            )
    return spans


def _short_name(mention: Mention) -> bool:
    return mention.complement is None and mention.determiner is None and len(mention.content) <= 2


def _match(instruments: list[FoundInstrument], mention: Mention, reference: bool) -> int | None:
    """The instrument a titled mention names again, if any (latest first)."""
    for index in range(len(instruments) - 1, -1, -1):
        instrument = instruments[index]
        if not mention.content:
            continue
        if reference:
            # A reference may use another head ("the tax treaty") and fewer words.
            if _covers(mention.content, instrument.content):
                return index
        elif (
            mention.kind == instrument.kind
            and _covers(mention.content, instrument.content)
            and _covers(instrument.content, mention.content)
        ):
            return index
    return None


def _new_instrument(mention: Mention, written: str | None = None) -> FoundInstrument:
    assert mention.kind is not None
    return FoundInstrument(
        title=mention.title,
        kind=mention.kind,
        kind_span=mention.head,
        intro=mention.sentence,
        content=mention.content,
        mentions=[],
        written=written,
    )


@dataclass(frozen=True)
class _Item:
    title: str
    mention: Mention


def _coordinated(text: str, mention: Mention) -> list[_Item]:
    """ "agreements on cooperation in health and education": one mention per instrument."""
    if mention.kind is None or mention.complement is None:
        return []
    items = []
    before = Span(max(mention.sentence.span.start, mention.head.start - 60), mention.head.start)
    for title in coordinated_titles(text, before, mention.head, mention.complement):
        content = frozenset(
            w.lower()
            for w in re.findall(r"[\w’'-]+", title)
            if w.lower() not in _GENERIC
            and w.lower() not in _STOPWORDS
            and not w.isdigit()
            and not _HEAD.fullmatch(w)
        )
        items.append(_Item(title, replace(mention, plural=False, content=content)))
    return items


def _introduces_untitled(
    text: str, mention: Mention, instruments: list[FoundInstrument], target: int | None
) -> bool:
    """ "The protocol was exchanged by the two foreign ministers", with no protocol before it."""
    if mention.kind is None or not _SIGNED.search(mention.sentence.span.of(text)):
        return False
    if target is None:
        return True
    if mention.kind in ("agreement", "other"):
        return False  # "the agreement" stands for any instrument already named
    return all(instrument.kind != mention.kind for instrument in instruments)


def _abbreviations(text: str, instrument: FoundInstrument) -> set[str]:
    """ "Comprehensive Economic Partnership Agreement (CEPA)": CEPA, given or by initials."""
    found = set()
    given = re.match(r"\s*\(([A-Z]{2,6})\)", text[instrument.title.end : instrument.title.end + 12])
    if given:
        found.add(given.group(1))
    words_ = re.findall(r"[A-Z][a-z]+", instrument.name(text))
    capitals = [w for w in re.findall(r"[\w’'-]+", instrument.name(text)) if w[:1].isupper()]
    if len(capitals) >= 3 and len(words_) == len(capitals):
        found.add("".join(w[0] for w in capitals))
    return found


def _add_abbreviation_references(document: Document, reading: InstrumentReading) -> None:
    """ "the BASA", "the DTAA": an instrument named again by its abbreviation."""
    text = document.text
    known: dict[str, int] = {}
    for index, instrument in enumerate(reading.instruments):
        for abbreviation in _abbreviations(text, instrument):
            known.setdefault(abbreviation, index)
    if not known:
        return
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, known)) + r")\b")
    for sentence in document.sentences():
        for match in pattern.finditer(text, sentence.span.start, sentence.span.end):
            index = known[match.group(1)]
            if (
                reading.instruments[index].title.start
                <= match.start()
                < reading.instruments[index].title.end + 12
            ):
                continue  # the abbreviation given with the title itself
            span = Span(match.start(), match.end())
            reading.instruments[index].mentions.append(span)
            reading.references.append(Reference(span, sentence, index))
    reading.references.sort(key=lambda r: r.span.start)


_PRONOUN_SUBJECT = re.compile(
    r"(?:^|\b(?:said|says|added|noted|stressed|emphasi[sz]ed|explained|indicated)\s+(?:that\s+)?)"
    r"(?P<pronoun>[Ii]t|[Tt]his)\s+(?:is|was|will|would|aims|seeks|focuses|covers|allows|"
    r"provides|commits|opens|has|also)\b"
)


def _add_pronoun_references(document: Document, reading: InstrumentReading) -> None:
    """ "It is designed ...", "This is expected ...": the instrument of the sentence before."""
    previous: list[Sentence] = []
    for sentence in document.sentences():
        piece = sentence.span.of(document.text)
        match = _PRONOUN_SUBJECT.search(piece)
        if match and not any(
            r.sentence == sentence and r.instrument is not None for r in reading.references
        ):
            recent = [
                r
                for r in reading.references
                if r.sentence in previous[-2:] and r.instrument is not None
            ]
            if recent:
                start = sentence.span.start + match.start("pronoun")
                span = Span(start, start + len(match.group("pronoun")))
                reading.references.append(Reference(span, sentence, recent[-1].instrument))
        previous.append(sentence)
    reading.references.sort(key=lambda r: r.span.start)


def _describe(document: Document, reading: InstrumentReading, instrument: FoundInstrument) -> None:
    """Parties, status, aims and excerpts of one instrument, from the sentences about it."""
    text = document.text
    index = reading.instruments.index(instrument)
    instrument.parties = _parties(document, instrument)
    about = [instrument.intro] + [
        r.sentence
        for r in reading.references
        if r.instrument == index and r.sentence.span.start > instrument.intro.span.start
    ]
    # The sentence right after the introduction usually goes on describing it ("This is
    # expected to ..."), even without naming it.
    body = list(document.sentences())
    position = body.index(instrument.intro)
    if position + 1 < len(body):
        following = body[position + 1]
        introduced_there = any(
            other.intro == following for other in reading.instruments if other is not instrument
        )
        if not introduced_there and re.match(
            r"(?:This|It|The\s+\w+\s+)\b", following.span.of(text)
        ):
            about.append(following)
    seen: list[Sentence] = []
    for sentence in about:
        if sentence not in seen:
            seen.append(sentence)
    for sentence in seen:
        piece = sentence.span.of(text)
        if "“" in piece or '"' in piece:
            continue  # what officials said is a quotation, not the instrument's description
        found = False
        for match in _PURPOSE.finditer(piece):
            group = next(name for name, value in match.groupdict().items() if value)
            clause_start = match.start(group)
            clause = piece[clause_start : match.end(group)]
            cut = _CLAUSE_END.search(clause)
            if cut:
                clause = clause[: cut.start()]
            clause = clause.rstrip(' ,.”"')
            if not clause:
                continue
            begin = sentence.span.start + clause_start
            instrument.aims.append(Span(begin, begin + len(clause)))
            found = True
        if found and instrument.summary is None:
            instrument.summary = sentence
        if sentence is instrument.intro or found:
            instrument.excerpts.append(sentence)
    instrument.status, instrument.status_span = _status(document, instrument)


def _status(document: Document, instrument: FoundInstrument) -> tuple[Status, Span | None]:
    text = document.text
    piece = instrument.intro.span.of(text)
    for status, cue in _STATUS_CUES:
        match = cue.search(piece)
        if match:
            start = instrument.intro.span.start + match.start()
            return status, Span(start, start + len(match.group()))
    # The introduction does not say; an article reporting a signing says so somewhere.
    for sentence in document.sentences():
        match = _SIGNED.search(sentence.span.of(text))
        if match:
            start = sentence.span.start + match.start()
            return "signed", Span(start, start + len(match.group()))
    return "signed", None


def _parties(document: Document, instrument: FoundInstrument) -> list[tuple[str, Span]]:
    """Who is bound: "between X and Y", the subject of "signed", else the countries.

    When bodies sign (ministries, agencies, cities, companies) they are the parties, so a
    pair of bodies the article names wins over a pair of countries or places.
    """
    text = document.text
    intro = instrument.intro
    pairs = [pair for pair in _written_pairs(text, instrument) if pair]
    bodies = [pair for pair in pairs if not all(country_named(name) for name, _ in pair)]
    if bodies or pairs:
        return (bodies or pairs)[0]
    in_sentence = _distinct(find_countries(text, intro.span))
    article = main_countries(
        [m for s in document.sentences() for m in find_countries(text, s.span)]
    )
    chosen = list(in_sentence)
    for mention in article:
        if len(chosen) >= 2:
            break
        if all(mention.country != c.country for c in chosen):
            chosen.append(mention)
    # The article's own order ("Kenya and Malaysia"), whichever sentence named them first.
    order = [m.country for m in article]
    chosen.sort(key=lambda m: order.index(m.country) if m.country in order else len(order))
    instrument.parties_inferred = True
    return [(m.country, m.span) for m in chosen]


def _written_pairs(text: str, instrument: FoundInstrument) -> list[list[tuple[str, Span]]]:
    """Every "X and Y" the article gives as the two sides of this instrument, in order."""
    found: list[list[tuple[str, Span]]] = []
    title = instrument.title.of(text)
    between = re.search(r"\bbetween\s+(?:the\s+)?(.+)$", title)
    if between:
        found.append(_pair(text, instrument.title.start + between.start(1), between.group(1)))
    # "The disaster memorandum, between Emergency Management Australia and ..., was signed".
    for said in instrument.mentions:
        apposition = re.match(
            r"\s*,\s*(?:signed\s+)?between\s+(?:the\s+)?([^,.;]+)", text[said.end :]
        )
        if apposition:
            found.append(_pair(text, said.end + apposition.start(1), apposition.group(1)))
    intro = instrument.intro
    before = text[intro.span.start : instrument.title.start]
    verbs = list(_SUBJECT_VERB.finditer(before))
    if verbs:
        subject = before[: verbs[-1].start()].rstrip()
        subject = re.sub(r"\s+(?:on\s+\w+|also|today|yesterday|jointly)$", "", subject)
        names = _NAMES_AT_END.search(subject)
        if names:
            phrase = re.sub(r"^(?:(?:of|for|and|&|the|in)\s+)+", "", names.group())
            start = intro.span.start + names.end() - len(phrase)
            found.append(_pair(text, start, phrase))
    # "A memorandum was also signed between the central banks of X and Y".
    after = re.match(
        r"[^.;]{0,40}?\bsigned\s+between\s+(?:the\s+)?([^.;,]+)",
        text[instrument.title.end : intro.span.end],
    )
    if after:
        found.append(_pair(text, instrument.title.end + after.start(1), after.group(1)))
    return found


def _pair(text: str, start: int, phrase: str) -> list[tuple[str, Span]]:
    """The two parties of "X and Y" written at ``start``, or ``[]``."""
    phrase = re.split(r"\s+(?:to|which|that|who|on)\b", phrase)[0]
    opener = re.match(
        r"^(?:\w+ly|Meanwhile|Also|Earlier|Later|Additionally|Moreover|Elsewhere|"
        r"(?:In|At|On)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?),\s+(?:the\s+)?",
        phrase,
    )
    if opener:  # "Separately, the Rwanda Development Board and ..."
        start, phrase = start + opener.end(), phrase[opener.end() :]
    split = split_pair(phrase.rstrip(" ,."))
    if split is None:
        return []
    sides = [phrase[a:b] for a, b in split]
    if any(len(side.split()) > 9 or _ROLE_IN_PARTY.search(side) for side in sides):
        return []  # "Foreign Minister Lee Dong-jin and ...": people, not parties
    return [_party(text, start + a, phrase[a:b]) for a, b in split]


_ROLE_IN_PARTY = re.compile(r"\b(?:Minister|Ministers|President|Secretary|Ambassador|CS)\b")


def _distinct(mentions: list[CountryMention]) -> list[CountryMention]:
    seen: dict[str, CountryMention] = {}
    for mention in mentions:
        seen.setdefault(mention.country, mention)
    return list(seen.values())


def _party(text: str, start: int, written: str) -> tuple[str, Span]:
    """A party as written, or the country a name or capital stands for."""
    written = written.strip().rstrip(".,")
    if written[:4] in ("the ", "The "):
        start, written = start + 4, written[4:]
    span = Span(start, start + len(written))
    country = country_of_state(written)
    return (country if country else written), span
