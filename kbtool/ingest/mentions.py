"""One mention of an instrument: its head, the words before it and the phrase after it.

Around a head, the words before it (capitalised modifiers, or lower-case ones after
"a"/"an") and the phrase after it ("on Tourism Cooperation", "between X and Y", "to twin
Nairobi with Kuala Lumpur") make the title as written. The phrase ends where the title
ends: at a purpose clause ("to boost trade"), an amount, a date, a finite verb, or a
link word left dangling. Imports ``segments`` and ``instrument_words``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kbtool.ingest.instrument_words import (
    AND_STOPS,
    COMPLEMENT_STARTS,
    COMPLEMENT_STOPS,
    CONNECTORS,
    DETERMINERS,
    GENERIC,
    HEAD,
    MULTILATERAL,
    ORDINALS,
    STOPWORDS,
    TIME_WORDS,
    TITLE_LINKS,
    kind_of,
)
from kbtool.ingest.segments import Document, Sentence, Span, Token, tokens, words
from kbtool.models import Kind


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
        if low in DETERMINERS:
            determiner = low
            break
        if low in {"million", "billion", "trillion"} or (
            token.text[:1].isdigit() and not re.fullmatch(r"(?:19|20)\d\d", token.text)
        ):
            determiner = "a"  # "a NOK 120 million grant agreement": an amount, then the title
            break
        if low in CONNECTORS:
            previous = words[index - 1] if index > 0 else None
            capitals = modifiers and modifiers[-1].capitalised and previous and previous.capitalised
            # "an investment promotion and protection agreement": lower-case modifiers joined
            # by "and" after an article a few words back.
            joined = (
                low == "and"
                and modifiers
                and previous is not None
                and not previous.capitalised
                and previous.lower not in DETERMINERS
                and any(w.lower in {"a", "an", "the"} for w in words[max(0, index - 4) : index])
            )
            if not (capitals or joined):
                break
        modifiers.append(token)
        index -= 1
    modifiers.reverse()
    if determiner is None:
        # Without "a"/"the" only a capitalised run is a title ("the Bilateral ..." and
        # "Bilateral Investment Treaty that" both are); lower-case words there are verbs
        # or headline-speak ("France and Morocco sign justice convention").
        lower = [
            i for i, m in enumerate(modifiers) if not m.capitalised and m.lower not in CONNECTORS
        ]
        if lower:
            modifiers = modifiers[lower[-1] + 1 :]
        while modifiers and not modifiers[0].capitalised:
            modifiers.pop(0)
    while modifiers and modifiers[0].lower in CONNECTORS:
        modifiers.pop(0)
    complement = _complement(text, sentence, words, end_index, is_plural(head.of(text)))
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
        if t.lower not in GENERIC and t.lower not in STOPWORDS and not t.text.isdigit()
    }
    head_text = head.of(text)
    return Mention(
        head=head,
        kind=kind,
        plural=is_plural(head_text),
        determiner=determiner,
        title=Span(start, end),
        complement=complement,
        content=frozenset(content),
        capitalised=any(t.capitalised for t in modifiers)
        or (head_text[:1].isupper() and complement is not None),
        announces=any(t.lower in ORDINALS for t in modifiers),
        sentence=sentence,
    )


def is_plural(head: str) -> bool:
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
    while first_word < len(words) and words[first_word].lower in TITLE_LINKS:
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
            and token.lower not in TITLE_LINKS
            # "Agreement on Cooperation in the field of Agriculture"
            and not (
                token.lower in {"field", "fields", "area", "areas", "sphere", "spheres"}
                and index + 1 < len(words)
                and words[index + 1].lower == "of"
            )
            and not _place_in_title(words, index)
            # "Empresa Nacional de Hidrocarbonetos", "with respect to Taxes on Income"
            and not (
                token.lower in _NAME_PARTICLES | {"respect"}
                and index + 1 < len(words)
                and (words[index + 1].capitalised or words[index + 1].lower == "to")
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
        if low in COMPLEMENT_STOPS and not _place_in_title(words, index):
            break
        if low == "for" and _for_a_period(words, index):
            break  # "... Police Cooperation for a further five years": how long, not what
        if low == "between" and between == "no":
            between = "open"  # "in the field of Mining between the Ministry of ... and the ..."
        if low == "on" and index + 1 < len(words) and TIME_WORDS.match(words[index + 1].text):
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
            and not HEAD.search(
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
            and words[index + 2].lower not in DETERMINERS
        ):
            pass  # "in the field of geology and the use of mineral resources"
        elif (
            low == "and"
            and index + 1 < len(words)
            and (words[index + 1].lower in AND_STOPS or HEAD.match(words[index + 1].text))
        ):
            break
        end = token.span.end
        if text[end : end + 1] == ")":
            end += 1
        index += 1
        count += 1
    # "... Protection of Investments in": a linking word the title stopped after is not its.
    inside = tokens(text, Span(start, end))
    while len(inside) > 1 and inside[-1].text in TITLE_LINKS | {"with"}:
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


_NAME_PARTICLES = frozenset(
    {"de", "da", "do", "dos", "das", "del", "la", "le", "van", "von", "bin"}
)
# "at the Port of Mombasa", "at Lamu Port": where a facility an instrument sets up stands.
_FACILITIES = frozenset(
    {"port", "harbour", "airport", "zone", "corridor", "park", "dam", "station", "terminal"}
)


def _place_in_title(words: list[Token], index: int) -> bool:
    if words[index].lower != "at" or index + 1 >= len(words):
        return False
    ahead = [w.lower for w in words[index + 1 : index + 5]]
    named = words[index + 1].capitalised or ahead[0] == "the"
    return named and bool(_FACILITIES & set(ahead))


def _for_a_period(words: list[Token], index: int) -> bool:
    ahead = " ".join(w.lower for w in words[index + 1 : index + 5])
    return bool(
        re.match(
            r"(?:a\s+further|another|an\s+additional|the\s+next)\b"
            r"|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:more\s+)?years\b",
            ahead,
        )
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
    if low in COMPLEMENT_STARTS:
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
        and following.lower not in DETERMINERS
        and not TIME_WORDS.match(following.text)
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
        if low in DETERMINERS or low in COMPLEMENT_STOPS or HEAD.fullmatch(token.text):
            return False
        if position == index and low in {"with", "by", "in", "from", "under", "as"}:
            return False  # ", with Principal Secretary ... and ...": a new clause
        if low == "and" and position > index:
            return True
    return False


# "India was in agreement", "there was broad agreement on", "an agreement was reached on the
# agenda", "in keeping with protocol": the words that name instruments, used otherwise.
_AGREEMENT_AS_ACCORD = re.compile(
    r"(?:\b(?:in|was|were|is|are|reached|broad|full|general|complete|total|wide|mutual)"
    r"\s+(?:\w+\s+)?)$",
    re.IGNORECASE,
)
_REACHED_AFTER = re.compile(r"\s+(?:was|were|has\s+been|had\s+been)\s+reached\b", re.I)


def _not_an_instrument(text: str, match: re.Match[str]) -> bool:
    word = match.group().lower()
    before = text[max(0, match.start() - 30) : match.start()]
    if re.match(
        r"\s+(?:Centre|Center|Hall|Complex|Building|Bureau|Division|Unit|Office)\b",
        text[match.end() : match.end() + 12],
    ):
        return True  # "the Kenyatta International Convention Centre"
    if word == "protocol" and re.search(r"\b(?:with|of|by|diplomatic)\s+$", before, re.I):
        return True  # "in keeping with protocol", "a breach of protocol"
    if word != "agreement":
        return False
    if _REACHED_AFTER.match(text, match.end()):
        return True
    if re.search(r"\b(?:an?|the|this|that|its|their)\s+$", before, re.I):
        return False
    return bool(_AGREEMENT_AS_ACCORD.search(before))


def _title_start(text: str, head: int) -> int:
    """Where the capitalised words before a head begin ("Paris Agreement", "African ...")."""
    start = head
    for word in reversed(list(re.finditer(r"[A-Z][\w’'-]*\s+", text[max(0, head - 80) : head]))):
        if max(0, head - 80) + word.end() != start:
            break
        start = max(0, head - 80) + word.start()
    return start


def read_mentions(document: Document) -> list[Mention]:
    text = document.text
    found: list[Mention] = []
    for sentence in document.sentences():
        words = tokens(text, sentence.span)
        starts = {token.span.start: position for position, token in enumerate(words)}
        for match in HEAD.finditer(text, sentence.span.start, sentence.span.end):
            at = starts.get(match.start())
            if (
                at is None
                or _not_an_instrument(text, match)
                or MULTILATERAL.match(text, _title_start(text, match.start()))
            ):
                continue
            found.append(
                _mention(
                    text, sentence, words, at, kind_of(match), Span(match.start(), match.end())
                )
            )
    return found
