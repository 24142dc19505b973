"""The ``kb search`` query language: what a person typed, as clauses, phrases and filters.

    tourism kenya          every word must match
    aviation OR flights    either word (OR binds its two neighbours)
    tourism -aviation      records that do not match "aviation"
    "Kuala Lumpur"         the words next to each other, in this order
    kind:agreement         a filter, as ``kb list --kind``; also party:, sector:, status:,
                           speaker:, type:  (quote a value with spaces: party:"city hall")
    touri                  the last word also matches words it starts, as you type

The parser never fails: any text is a query. Punctuation it cannot use is dropped and the
notes say so; a hand-written scanner (no regular expressions, no recursion) reads the text
once, so even a very long query is parsed in linear time.
"""

from __future__ import annotations

import msgspec

QUALIFIERS = ("kind", "party", "sector", "status", "speaker", "type")
QUOTES = '"\u201c\u201d\u201e'
MINUS = "-\u2010\u2011\u2012\u2013\u2014\u2212"
# Enough for any question a person asks; a pasted page is cut here rather than ranked.
MAX_CLAUSES = 32


class Term(msgspec.Struct, frozen=True):
    """A word or a quoted phrase, with where it stands in the query (for corrections)."""

    text: str
    start: int
    end: int
    phrase: bool = False
    negated: bool = False
    prefix: bool = False  # the last word of the query also matches words it begins


class Clause(msgspec.Struct, frozen=True):
    """One thing a record must match (any of ``terms``), or, negated, must not match."""

    terms: tuple[Term, ...]
    negated: bool = False


class Qualifier(msgspec.Struct, frozen=True):
    """A filter such as ``kind:agreement``; negated (``-kind:agreement``) it excludes."""

    name: str
    value: str
    negated: bool = False

    def __str__(self) -> str:
        value = f'"{self.value}"' if " " in self.value else self.value
        return f"{'-' if self.negated else ''}{self.name}:{value}"


class ParsedQuery(msgspec.Struct, frozen=True):
    raw: str
    clauses: tuple[Clause, ...] = ()
    qualifiers: tuple[Qualifier, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.clauses and not self.qualifiers


class _Or:
    """The OR operator, between two terms."""


_OR = _Or()
_Item = Term | Qualifier | _Or


def shown(text: str, width: int = 40) -> str:
    """Query text quoted for a message, cut short so a pasted page does not flood stderr."""
    text = text if len(text) <= width else text[: width - 1] + "…"
    return repr(text)


def _closing_quote(raw: str, start: int) -> int:
    """Index of the first quote at or after ``start``, or -1."""
    for index in range(start, len(raw)):
        if raw[index] in QUOTES:
            return index
    return -1


class _Scanner:
    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.items: list[_Item] = []
        self.notes: list[str] = []

    def scan(self) -> None:
        raw, index = self.raw, 0
        while index < len(raw):
            if raw[index].isspace():
                index += 1
                continue
            negated = raw[index] in MINUS
            if negated:
                index += 1
                if index == len(raw) or raw[index].isspace():
                    self.notes.append("a lone '-' excludes nothing; ignored")
                    continue
            index = self._item(index, negated)

    def _item(self, index: int, negated: bool) -> int:
        raw = self.raw
        if raw[index] in QUOTES:
            close = _closing_quote(raw, index + 1)
            if close < 0:
                self.notes.append("a quote was not closed; the phrase runs to the end")
                close = len(raw)
            text = raw[index + 1 : close]
            if text.strip():
                self.items.append(Term(text, index + 1, close, phrase=True, negated=negated))
            return close + 1
        end = index
        while end < len(raw) and not raw[end].isspace():
            end += 1
        word = raw[index:end]
        name, colon, _ = word.partition(":")
        if colon and name.casefold() in QUALIFIERS:
            return self._qualifier(name.casefold(), index + len(name) + 1, end, negated)
        if word == "OR" and not negated:
            self.items.append(_OR)
        else:
            self.items.append(Term(word, index, end, negated=negated))
        return end

    def _qualifier(self, name: str, start: int, end: int, negated: bool) -> int:
        raw = self.raw
        if start < len(raw) and raw[start] in QUOTES:
            close = _closing_quote(raw, start + 1)
            if close < 0:
                self.notes.append(f"the quoted value of {name}: was not closed")
                close = len(raw)
            value, end = raw[start + 1 : close], close + 1
        else:
            value = raw[start:end]
        if value.strip():
            self.items.append(Qualifier(name, value.strip(), negated))
        else:
            self.notes.append(f"{name}: needs a value, e.g. {_EXAMPLES[name]}; ignored")
        return end


_EXAMPLES = {
    "kind": "kind:agreement",
    "party": "party:kenya",
    "sector": "sector:tourism",
    "status": "status:signed",
    "speaker": "speaker:ruto",
    "type": "type:quotation",
}


def _clauses(items: list[_Item], notes: list[str]) -> list[Clause]:
    clauses: list[Clause] = []
    previous: _Item | None = None
    pending_or = False
    for item in items:
        if isinstance(item, _Or):
            joinable = isinstance(previous, Term) and not previous.negated
            if joinable and not pending_or:
                pending_or = True
            else:
                notes.append("OR joins two words or phrases; this one was ignored")
        elif isinstance(item, Term) and pending_or and not item.negated:
            last = clauses[-1]
            clauses[-1] = Clause((*last.terms, item))
            pending_or = False
        else:
            if pending_or:
                notes.append("OR joins two words or phrases; this one was ignored")
                pending_or = False
            if isinstance(item, Term):
                clauses.append(Clause((item,), item.negated))
        previous = item
    if pending_or:
        notes.append("OR at the end of the query was ignored")
    return clauses


def parse(raw: str) -> ParsedQuery:
    """The query ``raw`` as clauses and filters; never raises."""
    scanner = _Scanner(raw)
    scanner.scan()
    items, notes = scanner.items, scanner.notes
    # As you type, the last word is usually unfinished: let it match the words it begins.
    # Filters typed after it ("touri kind:mou") do not change which word that is.
    words = [i for i, item in enumerate(items) if not isinstance(item, Qualifier)]
    if words:
        last = items[words[-1]]
        if isinstance(last, Term) and not last.phrase and not last.negated:
            items[words[-1]] = msgspec.structs.replace(last, prefix=True)
    clauses = _clauses(items, notes)
    if len(clauses) > MAX_CLAUSES:
        notes.append(f"the query is long; only its first {MAX_CLAUSES} words are used")
        clauses = clauses[:MAX_CLAUSES]
    qualifiers = tuple(item for item in items if isinstance(item, Qualifier))
    # The same note once, however often the query repeats its cause.
    return ParsedQuery(raw, tuple(clauses), qualifiers, tuple(dict.fromkeys(notes)))
