"""One mention of an instrument: its head, the words before it and the phrase after it.

Around a head, the words before it (capitalised modifiers, or lower-case ones after
"a"/"an") and the phrase after it ("on Tourism Cooperation", "between X and Y", "to twin
Nairobi with Kuala Lumpur") make the title as written. The phrase ends where the title
ends: at a purpose clause ("to boost trade"), an amount, a date, a finite verb, or a
link word left dangling (``complements`` reads it); the word-by-word decisions are in
``title_words``. Imports ``segments``, ``instrument_words``, ``title_words`` and
``complements``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kbtool.ingest.complements import read_complement
from kbtool.ingest.instrument_words import (
    CLAUSE_WORDS,
    CONNECTORS,
    DETERMINERS,
    GENERIC,
    HEAD,
    MULTILATERAL,
    ORDINALS,
    PRAISE,
    STOPWORDS,
    kind_of,
)
from kbtool.ingest.segments import Document, Sentence, Span, Token, tokens
from kbtool.ingest.title_words import (
    bracketed_abbreviation,
    not_an_instrument,
    period_at,
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
    short_form = False
    while index >= 0 and len(modifiers) < 8:
        token = words[index]
        following = words[index + 1]
        if (
            modifiers
            and not short_form
            and index > 0
            and words[index - 1].capitalised
            and bracketed_abbreviation(text, token)
            and text[token.span.end : following.span.start] == ") "
        ):
            # "an Economic Development Cooperation Fund (EDCF) loan agreement": the short form
            # of the name that modifies the title, inside it
            short_form = True
            index -= 1
            continue
        gap = text[token.span.end : following.span.start]
        if gap.strip(" -–") and not (short_form and gap == " ("):
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
    complement = read_complement(text, sentence, words, end_index, is_plural(head.of(text)))
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
