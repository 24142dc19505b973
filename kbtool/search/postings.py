"""Where words occur in ``FILE.index``: counts by field and phrases, from FTS5's own postings.

FTS5 keeps every place of every word (its row, column and offset), in C; ``term_instances``
(``fts5vocab``) reads them back. A word's places, as integers ``(number * 32 + code) *
PLACE + offset``, give the counts by field that BM25F needs, and a phrase is where its words
stand at consecutive offsets of one column (``SEPARATOR`` between two values of a field
keeps a phrase from running across them).

Two fields are made of other records' words and are not in FTS5's rows (so that writing a
record rewrites its own row only): an instrument's ``quotations`` (the text of the
quotations about it) and a quotation's ``about`` (its instrument's title). Their counts
are those of the other records' fields, moved to this record by the array of which
instrument each quotation is about.

A list of places this long or longer is counted in numpy, imported only then (a common
word's places run into the hundreds of thousands at 160,000 instruments).
"""

from __future__ import annotations

import sqlite3
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from operator import itemgetter
from typing import Any

from kbtool.search.documents import FIELD_NAMES

# Room for a field's offsets: a field has at most this many words (and separators).
PLACE = 1 << 24
_CODE = {name: code for code, name in enumerate(FIELD_NAMES)}
TEXT, TITLE = _CODE["text"], _CODE["title"]
QUOTATIONS, ABOUT = _CODE["quotations"], _CODE["about"]


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), 500):
        yield values[start : start + 500]


class Occurrences:
    """Reads a word's places from an index's connection; ``about`` is the number of the
    instrument each quotation (by number) is about, -1 for none and for other records."""

    def __init__(self, connection: sqlite3.Connection, about: array[int]) -> None:
        self.connection = connection
        self.about = about

    @cached_property
    def quotations_of(self) -> dict[int, list[int]]:
        """Instrument number -> the numbers of the quotations about it."""
        found: dict[int, list[int]] = {}
        for number, instrument in enumerate(self.about):
            if instrument >= 0:
                found.setdefault(instrument, []).append(number)
        return found

    def _select(self, expression: str, words: Sequence[str]) -> Iterable[int]:
        for chunk in _chunks(words):
            rows = self.connection.execute(
                f"SELECT {expression} FROM term_instances WHERE term IN"
                f" ({','.join('?' * len(chunk))})",
                chunk,
            )
            yield from map(itemgetter(0), rows)

    def own(self, words: Sequence[str]) -> Counter[int]:
        """How often any of ``words`` stands in each (number * 32 + code) of own fields."""
        return Counter(self._select("doc * 32 + col", words))

    def places(self, words: Sequence[str]) -> Iterable[int]:
        return self._select(f"(doc * 32 + col) * {PLACE} + offset", words)

    def with_derived(self, own: Mapping[int, int]) -> dict[int, int]:
        """``own`` and the counts it makes in the fields made of other records' words."""
        counts = dict(own)
        about = self.about
        for key, count in own.items():
            code = key & 31
            if code == TEXT:
                number = key >> 5
                instrument = about[number] if number < len(about) else -1
                if instrument >= 0:
                    derived = instrument * 32 + QUOTATIONS
                    counts[derived] = counts.get(derived, 0) + count
            elif code == TITLE:
                for quotation in self.quotations_of.get(key >> 5, ()):
                    derived = quotation * 32 + ABOUT
                    counts[derived] = counts.get(derived, 0) + count
        return counts

    def packed(self, words: Sequence[str]) -> array[int]:
        """Pairs of (number, code << 16 | count) of every field where any of ``words``
        stands, by number, then code (``SearchIndex.packed_postings``)."""
        counts = self.with_derived(self.own(words))
        pairs = array("I", bytes(8 * len(counts)))
        keys = sorted(counts)
        pairs[0::2] = array("I", [key >> 5 for key in keys])
        pairs[1::2] = array("I", [(key & 31) << 16 | min(counts[key], 0xFFFF) for key in keys])
        return pairs

    def documents(self, words: Sequence[str]) -> int:
        """How many documents hold any of ``words``, in any field."""
        return len({key >> 5 for key in self.with_derived(self.own(words))})

    def phrase(self, terms: Sequence[Sequence[str]]) -> dict[int, dict[str, int]]:
        """Where a word of each of ``terms`` stands, one after the other: number -> field
        name -> how often, fields by name."""
        starts: set[int] | None = None
        for shift, words in enumerate(terms):
            found = {place - shift for place in self.places(words)}
            starts = found if starts is None else starts & found
            if not starts:
                return {}
        counts = self.with_derived(Counter(start // PLACE for start in starts or ()))
        result: dict[int, dict[str, int]] = {}
        for key in sorted(counts):
            result.setdefault(key >> 5, {})[FIELD_NAMES[key & 31]] = counts[key]
        return {number: dict(sorted(fields.items())) for number, fields in result.items()}
