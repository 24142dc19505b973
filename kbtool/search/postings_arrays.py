"""``kbtool.search.postings.Occurrences`` for words of many places, in numpy.

"cooperation" stands about 830,000 times in 160,000 instruments and their quotations: read
as rows and counted in a Python loop, that takes seconds. Here SQLite joins the places into
one string (``group_concat``), numpy parses it, and counts, derived fields and phrases are
whole-array operations. The answers are those of the Python loop, in the same order.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from kbtool.search.places import ABOUT, FIELDS, PLACE, PLACES, QUOTATIONS, TEXT, TITLE

if TYPE_CHECKING:
    import numpy.typing as npt

    Integers = npt.NDArray[np.int64]


class ArrayOccurrences:
    def __init__(self, connection: sqlite3.Connection, about: array[int]) -> None:
        self.connection = connection
        self.about: Integers = np.frombuffer(about, dtype=np.int32).astype(np.int64)

    def _select(self, expression: str, words: Sequence[str]) -> Integers:
        (joined,) = self.connection.execute(
            f"SELECT group_concat({expression}) FROM term_instances"
            f" WHERE term IN ({','.join('?' * len(words))})",
            words,
        ).fetchone()
        if not joined:
            return np.zeros(0, dtype=np.int64)
        return np.fromstring(joined, dtype=np.int64, sep=",")

    def _with_derived(self, keys: Integers, counts: Integers) -> tuple[Integers, Integers]:
        """Each (number * 32 + code) by number, then code, with its count, the fields made
        of other records' words included. ``keys`` are sorted and distinct."""
        about = self.about
        size = len(about)
        codes, numbers = keys & 31, keys >> 5
        # An instrument's quotations: its quotations' counts in their text, added up.
        texts = (codes == TEXT) & (numbers < size)
        instruments = about[numbers[texts]]
        linked = instruments >= 0
        quoted = np.bincount(instruments[linked], weights=counts[texts][linked], minlength=size)
        quoting = np.flatnonzero(quoted)
        # A quotation's about: its instrument's count in its title.
        in_title = np.zeros(size, dtype=np.int64)
        titled = (codes == TITLE) & (numbers < size)
        in_title[numbers[titled]] = counts[titled]
        quotations = np.flatnonzero(about >= 0)
        about_counts = in_title[about[quotations]]
        named = about_counts > 0
        # Three sorted runs of distinct keys (no own field is a derived one): a stable sort
        # merges them in linear time.
        every = np.concatenate([keys, quoting * 32 + QUOTATIONS, quotations[named] * 32 + ABOUT])
        weights = np.concatenate([counts, quoted[quoting].astype(np.int64), about_counts[named]])
        order = np.argsort(every, kind="stable")
        return every[order], weights[order]

    def _counted(self, words: Sequence[str]) -> tuple[Integers, Integers]:
        return self._with_derived(*_runs(self._select(FIELDS, words)))

    def packed(self, words: Sequence[str]) -> array[int]:
        keys, counts = self._counted(words)
        pairs = np.empty((len(keys), 2), dtype=np.uint32)
        pairs[:, 0] = keys >> 5
        pairs[:, 1] = ((keys & 31) << 16) | np.minimum(counts, 0xFFFF)
        packed = array("I")
        packed.frombytes(pairs.tobytes())
        return packed

    def documents(self, words: Sequence[str]) -> int:
        keys, _counts = self._counted(words)
        return len(np.unique(keys >> 5))

    def phrase(self, terms: Sequence[Sequence[str]]) -> dict[int, int]:
        """(number * 32 + code) -> how often the phrase stands there."""
        starts: Integers | None = None
        for shift, words in enumerate(terms):
            found = np.unique(self._select(PLACES, words)) - shift
            starts = found if starts is None else np.intersect1d(starts, found, assume_unique=True)
            if not len(starts):
                return {}
        assert starts is not None
        unique, summed = self._with_derived(*_runs(starts // PLACE))
        return dict(zip(unique.tolist(), summed.tolist(), strict=True))


def _runs(values: Integers) -> tuple[Integers, Integers]:
    """The distinct values, sorted, and how often each stands. FTS5 gives one word's places
    in order: then counting them is one pass, not a sort."""
    if len(values) > 1 and not bool(np.all(values[1:] >= values[:-1])):
        values = np.sort(values, kind="stable")
    if not len(values):
        return values, values
    firsts = np.flatnonzero(np.concatenate([[True], values[1:] != values[:-1]]))
    return values[firsts], np.diff(np.append(firsts, len(values)))
