"""Where words occur in ``FILE.index``: counts by field and phrases, from FTS5's own postings.

FTS5 keeps every place of every word (its row, column and offset), in C; ``term_instances``
(``fts5vocab``) reads them back. A word's places (numbered as ``kbtool.search.places``
says) give the counts by field that BM25F needs, and a phrase is where its words stand at
consecutive offsets of one column (``SEPARATOR`` between two values of a field keeps a
phrase from running across them).

Two fields are made of other records' words and are not in FTS5's rows (so that writing a
record rewrites its own row only): an instrument's ``quotations`` (the text of the
quotations about it) and a quotation's ``about`` (its instrument's title). Their counts
are those of the other records' fields, moved to this record by the array of which
instrument each quotation is about.

A word of ``LONG`` places or more is counted in numpy (``postings_arrays``, imported only
then: a common word's places run into the hundreds of thousands at 160,000 instruments).
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
from kbtool.search.places import ABOUT, FIELDS, PLACE, PLACES, QUOTATIONS, TEXT, TITLE

# From this many places, a word's are counted in numpy (``postings_arrays``): ranking so
# many documents imports numpy anyway (``kbtool.search.ranking.ARRAY_THRESHOLD``).
LONG = 20_000
# A phrase's documents are ranked in Python: a set of places costs less than importing
# numpy up to this many places of all its words.
LONG_PHRASE = 250_000


class Occurrences:
    """Reads a word's places from an index's connection; ``about`` is the number of the
    instrument each quotation (by number) is about, -1 for none and for other records."""

    def __init__(self, connection: sqlite3.Connection, about: array[int]) -> None:
        self.connection = connection
        self.about = about

    def _in(self, words: Sequence[str]) -> tuple[str, Sequence[str]]:
        return f"term IN ({','.join('?' * len(words))})", words

    def _places(self, words: Sequence[str]) -> int:
        condition, values = self._in(words)
        (instances,) = self.connection.execute(
            f"SELECT COALESCE(SUM(cnt), 0) FROM term_rows WHERE {condition}", values
        ).fetchone()
        return int(instances)

    def _is_long(self, words: Sequence[str]) -> bool:
        return self._places(words) >= LONG

    def _select(self, expression: str, words: Sequence[str]) -> Iterable[int]:
        condition, values = self._in(words)
        rows = self.connection.execute(
            f"SELECT {expression} FROM term_instances WHERE {condition}", values
        )
        return map(itemgetter(0), rows)

    def _own(self, words: Sequence[str]) -> Counter[int]:
        """How often any of ``words`` stands in each (number * 32 + code) of own fields."""
        return Counter(self._select(FIELDS, words))

    def _with_derived(self, own: Mapping[int, int]) -> dict[int, int]:
        """``own`` and the counts it makes in the fields made of other records' words."""
        counts = dict(own)
        about = self.about
        titles: dict[int, int] = {}
        for key, count in own.items():
            code = key & 31
            if code == TEXT:
                number = key >> 5
                instrument = about[number] if number < len(about) else -1
                if instrument >= 0:
                    derived = instrument * 32 + QUOTATIONS
                    counts[derived] = counts.get(derived, 0) + count
            elif code == TITLE:
                titles[key >> 5] = count
        for quotation, instrument in self._quotations_about(sorted(titles)):
            derived = quotation * 32 + ABOUT
            counts[derived] = counts.get(derived, 0) + titles[instrument]
        return counts

    def _quotations_about(self, instruments: Sequence[int]) -> Iterable[tuple[int, int]]:
        """(quotation, instrument) of the quotations about these instruments."""
        for start in range(0, len(instruments), 500):
            chunk = instruments[start : start + 500]
            yield from self.connection.execute(
                "SELECT quotation.number, instrument.number FROM documents AS instrument"
                " JOIN documents AS quotation ON quotation.instrument = instrument.id"
                " AND quotation.type = 'quotation'"
                f" WHERE instrument.type = 'instrument' AND instrument.number IN"
                f" ({','.join('?' * len(chunk))})",
                chunk,
            )

    def packed(self, words: Sequence[str]) -> array[int]:
        """Pairs of (number, code << 16 | count) of every field where any of ``words``
        stands, by number, then code (``SearchIndex.packed_postings``)."""
        if self._is_long(words):
            packed: array[int] = self._in_arrays.packed(words)
            return packed
        counts = self._with_derived(self._own(words))
        pairs = array("I", bytes(8 * len(counts)))
        keys = sorted(counts)
        pairs[0::2] = array("I", [key >> 5 for key in keys])
        pairs[1::2] = array("I", [(key & 31) << 16 | min(counts[key], 0xFFFF) for key in keys])
        return pairs

    def documents(self, words: Sequence[str]) -> int:
        """How many documents hold any of ``words``, in any field."""
        if self._is_long(words):
            documents: int = self._in_arrays.documents(words)
            return documents
        return len({key >> 5 for key in self._with_derived(self._own(words))})

    def phrase(self, terms: Sequence[Sequence[str]]) -> dict[int, dict[str, int]]:
        """Where a word of each of ``terms`` stands, one after the other: number -> field
        name -> how often, fields by name."""
        if sum(map(self._places, terms)) >= LONG_PHRASE:
            counts = self._in_arrays.phrase(terms)
        else:
            starts: set[int] | None = None
            for shift, words in enumerate(terms):
                found = {place - shift for place in self._select(PLACES, words)}
                starts = found if starts is None else starts & found
                if not starts:
                    return {}
            counts = self._with_derived(Counter(start // PLACE for start in starts or ()))
        result: dict[int, dict[str, int]] = {}
        for key in sorted(counts):
            result.setdefault(key >> 5, {})[FIELD_NAMES[key & 31]] = counts[key]
        return {number: dict(sorted(fields.items())) for number, fields in result.items()}

    @cached_property
    def _in_arrays(self) -> Any:
        from kbtool.search import postings_arrays

        return postings_arrays.ArrayOccurrences(self.connection, self.about)
