"""One mention of an instrument: its head, the words before it and the phrase after it.

Around a head, the words before it (capitalised modifiers, or lower-case ones after
"a"/"an") and the phrase after it ("on Tourism Cooperation", "between X and Y", "to twin
Nairobi with Kuala Lumpur") make the title as written. The phrase ends where the title
ends: at a purpose clause ("to boost trade"), an amount, a date, a finite verb, or a
link word left dangling; the word-by-word decisions are in ``title_words``. Imports
``segments``, ``instrument_words`` and ``title_words``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kbtool.ingest.instrument_words import (
    AND_STOPS,
    CLAUSE_WORDS,
    COMPLEMENT_STOPS,
    CONNECTORS,
    DETERMINERS,
    GENERIC,
    HEAD,
    MULTILATERAL,
    ORDINALS,
    PRAISE,
    STOPWORDS,
    TIME_WORDS,
    TITLE_LINKS,
    kind_of,
)
from kbtool.ingest.segments import Document, Sentence, Span, Token, tokens
from kbtool.ingest.title_words import (
    AMOUNT,
    NAME_PARTICLES,
    WHOSE,
    a_capital,
    bracketed_abbreviation,
    for_a_period,
    list_goes_on,
    not_an_instrument,
    parallel_item,
    period_at,
    place_in_title,
    purpose_starts,
    repeats_preposition,
    semicolon_item,
    starts_complement,
    title_start,
)
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


# Company forms written with a full stop inside a name.
COMPANY_ENDINGS = frozenset({"inc", "ltd", "co", "corp", "bhd", "plc", "llc", "pty", "sdn"})


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
        if low in DETERMINERS and not (
            token.capitalised
            and index > 0
            and modifiers
            and modifiers[-1].capitalised
            and low not in {"the", "this", "that", "a", "an", "its", "their"}
        ):  # "the 2004 Four Freedoms Agreement": a number inside a name
            determiner = low
            break
        if low in CLAUSE_WORDS:
            break
        if (
            low in {"further", "separate"}
            and not token.capitalised
            and index > 0
            and words[index - 1].lower in {"a", "an"}
        ):
            # "a further memorandum"; but "an additional protocol" is a kind of protocol
            determiner = "a"
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
            # "a line of credit agreement": one modifier of three words.
            line_of = low == "of" and previous is not None and previous.lower in {"line", "lines"}
            if not (capitals or joined or line_of):
                break
        modifiers.append(token)
        index -= 1
    modifiers.reverse()
    while modifiers and determiner is not None and modifiers[0].text in PRAISE:
        modifiers.pop(0)
    opens_item = index < 0 or (
        words[index].text.isdigit()
        and text[words[index].span.end : words[index + 1].span.start].strip() in {".", ")"}
    )
    sentence_case = (
        0 < len(modifiers) <= 4
        and modifiers[0].capitalised
        and not any(
            m.capitalised or (m.lower in CONNECTORS and not _line_of(modifiers, i))
            for i, m in enumerate(modifiers[1:], start=1)
        )
    )  # not "France and Morocco sign justice convention", a headline's words
    complement = _complement(text, sentence, words, end_index, is_plural(head.of(text)))
    item_ends = end_index + 1 >= len(words) or text[head.end : head.end + 1] in {";", "."}
    if determiner is None and opens_item and sentence_case and (complement or item_ends):
        # "5. Credit line agreement between ...", "Technical cooperation agreement on ...":
        # a list item or a sentence opens with the title, in sentence case; not "Free trade
        # agreement negotiations stalled".
        determiner = "a"
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
    start = modifiers[0].span.start if modifiers else head.start
    end = complement.end if complement else head.end
    period: list[Token] = []
    if complement is None and end_index + 1 < len(words):
        following = words[end_index + 1]
        year = re.fullmatch(r"(?:19|20)\d\d", following.text) and head.of(text)[:1].isupper()
        if (period_at(words, end_index + 1) or year) and not text[
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


def _line_of(modifiers: list[Token], at: int) -> bool:
    """Whether ``modifiers[at]`` is the "of" of "line of credit", one modifier of three words."""
    return modifiers[at].lower == "of" and modifiers[at - 1].lower in {"line", "lines"}


def _complement(
    text: str, sentence: Sentence, words: list[Token], head_end: int, plural: bool = False
) -> Span | None:
    """The phrase after a head that belongs to its title ("on Tourism Cooperation")."""
    index = head_end + 1
    if index < len(words) and bracketed_abbreviation(text, words[index]):
        index += 1  # "memorandum of understanding (MoU) on water management"
    if index >= len(words) or not starts_complement(text, words, index):
        return None
    gap = text[words[head_end].span.end : words[index].span.start]
    # "Two further MoUs, on renewable energy and on traditional medicine, were added",
    # "Three MoUs — on a refinery, on renewable energy, and on minerals — were signed".
    set_off = plural and gap.strip() in {",", "—", "–"} and repeats_preposition(words, index)
    if gap.strip() and not set_off and not re.fullmatch(r"\s*\([A-Z][\w&]*\)\s*", gap):
        return None
    start = words[index].span.start
    end = words[index].span.end
    if set_off:
        # The list runs to its closing dash, or to the comma after which no item follows.
        close = gap.strip()
        rest = text[start : sentence.span.end]
        ending = (
            re.search(r"\s*[—–]", rest)
            if close != ","
            else re.search(r",\s+(?!(?:and\s+)?(?:on|for|in)\s)", rest)
        )
        if ending is not None:
            return Span(start, start + ending.start())
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
        words[first_word].capitalised or period_at(words, first_word)
    )
    second = first_word + 1
    if (
        title_case
        and second < len(words)
        and not text[words[first_word].span.end : words[second].span.start].strip()
        and words[second].text.isalpha()
        and words[second].text.islower()
        and words[second].lower not in TITLE_LINKS
        and words[second].lower not in COMPLEMENT_STOPS
        and not HEAD.fullmatch(words[second].text)
    ):
        title_case = False  # "on Antarctic science cooperation": a proper adjective only
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
            and not period_at(words, index)
            and token.lower not in TITLE_LINKS
            # "Agreement on Cooperation in the field of Agriculture"
            and not (
                token.lower in {"field", "fields", "area", "areas", "sphere", "spheres"}
                and index + 1 < len(words)
                and words[index + 1].lower == "of"
            )
            and not place_in_title(words, index)
            # "Empresa Nacional de Hidrocarbonetos", "with respect to Taxes on Income"
            and not (
                token.lower in NAME_PARTICLES | {"respect"}
                and index + 1 < len(words)
                and (words[index + 1].capitalised or words[index + 1].lower == "to")
            )
        ):
            break
        gap = text[words[index - 1].span.end : token.span.start]
        if words[index - 1].lower in COMPANY_ENDINGS and gap.startswith("."):
            gap = gap[1:]  # "Barbados Tourism Marketing Inc. (BTMI) and ...": not a stop
        # Punctuation ends the phrase, except an acronym in brackets ("(KNCCI)") and the
        # commas of a list inside the title ("on scientific, technical and cultural ...").
        if (
            gap.strip()
            and not re.fullmatch(r"\s*[(]?\s*", gap)
            and not re.fullmatch(r"\)\s*", gap)
            and not (gap.strip() == "," and list_goes_on(text, words, index))
            # "MoUs on surveillance in the border zone; on the recognition of degrees; and on
            # ...": a plural's items, each with its own preposition.
            and not (plural and gap.strip() in {";", ","} and parallel_item(words, index))
            and not (plural and gap.strip() == ";" and semicolon_item(words, index))
        ):
            break
        if purpose_starts(token, words, index):
            break
        if "(" in gap and not re.match(
            # "(KNCCI)", "(K-water)", "(KenInvest)", "(Norad)", "(EEPCo)", "(Exim Bank)"
            r"[A-Z][\w&-]*\)"
            r"|[A-Z][a-z]{2,9} [A-Z][a-z]{2,9}\)",
            text[token.span.start : token.span.end + 12],
        ):
            break
        low = token.lower
        if (
            low in COMPLEMENT_STOPS
            and not place_in_title(words, index)
            # "routes linking the two sides" ends a title, "protocol on linking the grids" not
            and not (low.endswith("ing") and words[index - 1].lower in TITLE_LINKS)
        ):
            break
        if low == "for" and index + 1 < len(words) and words[index + 1].lower in WHOSE:
            break  # "the Air Services Agreement for her sector": whom it serves, not its name
        if low == "on" and index + 1 < len(words) and words[index + 1].lower == "behalf":
            break  # "... fisheries on behalf of their governments": for whom, not what
        if low == "for" and for_a_period(words, index):
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
        if low in {"in", "at"} and index + 1 < len(words) and a_capital(text, words[index + 1]):
            break  # "agreement on technical cooperation in Minsk": where it was signed
        if (
            low in {"for", "of", "worth"}
            and index + 1 < len(words)
            and AMOUNT.match(text, words[index].span.end)
            and not period_at(words, index + 1)
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
                or not_an_instrument(text, match)
                or MULTILATERAL.match(text, title_start(text, match.start()))
            ):
                continue
            found.append(
                _mention(
                    text, sentence, words, at, kind_of(match), Span(match.start(), match.end())
                )
            )
    return found
