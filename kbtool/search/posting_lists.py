"""Posting lists gathered a batch of documents at a time, for building ``FILE.index``.

An index of a large knowledge base holds millions of entries (a document's number and
field << 16 | count, for each stem and each run of adjacent words it holds). Putting each
in its key's array one at a time is most of the time of building the index; here a field's
entries are only appended to three flat arrays, with C-level calls (``map``, ``repeat``),
and every ``BATCH`` entries they are grouped by key at once: with numpy for a large batch,
a sort that keeps the order they came in (documents by number, a document's fields in
order), and in Python for a few (one record written by ``kb add`` does not load numpy).
"""

from __future__ import annotations

import itertools
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

# Entries grouped at once: about 40 MB of arrays at most while grouping.
BATCH = 1_000_000
# Fewer entries than this are grouped in Python.
_SMALL = 20_000


class PostingLists:
    """The postings of every key (a stem, or a tuple of adjacent words) as pairs of
    unsigned 32-bit integers: (document number, field << 16 | count)."""

    def __init__(self) -> None:
        # Each key's number, given in C on first sight by the dictionary's default factory.
        self._ids: defaultdict[Any, int] = defaultdict(itertools.count().__next__)
        self._bodies: list[bytearray] = []
        self._pending_ids = array("I")
        self._pending_numbers = array("I")
        self._pending_entries = array("I")

    def add(
        self,
        number: int,
        shifted: int,
        keys: Iterable[Any],
        counts: Iterable[int],
        distinct: int,
        most: int,
    ) -> None:
        """One field's entries of document ``number``: the count of each of ``keys``
        (``distinct`` keys, none twice; no count over ``most``), the field's code already
        shifted left by 16."""
        self._pending_ids.extend(map(self._ids.__getitem__, keys))
        self._pending_numbers.extend(itertools.repeat(number, distinct))
        if most >= 0xFFFF:
            counts = [min(count, 0xFFFF) for count in counts]
        self._pending_entries.extend(map(shifted.__or__, counts))
        if len(self._pending_ids) >= BATCH:
            self._group()

    def items(self) -> Iterator[tuple[Any, bytearray]]:
        """Every key, in the order first seen, and its pairs as bytes (native order, as
        ``array("I").tobytes()``; not copied: SQLite takes a bytearray as a blob)."""
        self._group()
        return zip(self._ids, self._bodies, strict=True)

    def _group(self) -> None:
        bodies = self._bodies
        bodies.extend(bytearray() for _ in range(len(self._ids) - len(bodies)))
        ids, numbers, entries = self._pending_ids, self._pending_numbers, self._pending_entries
        if not ids:
            return
        if len(ids) < _SMALL:
            for key_id, pair in zip(ids, zip(numbers, entries, strict=True), strict=True):
                bodies[key_id] += array("I", pair).tobytes()
        else:
            _group_arrays(bodies, ids, numbers, entries)
        self._pending_ids, self._pending_numbers, self._pending_entries = (
            array("I"),
            array("I"),
            array("I"),
        )


def _group_arrays(
    bodies: list[bytearray], ids: array[int], numbers: array[int], entries: array[int]
) -> None:
    import numpy as np

    key_ids = np.frombuffer(ids, dtype=np.uint32)
    order = np.argsort(key_ids, kind="stable")  # keeps documents and fields in order
    sorted_ids = key_ids[order]
    pairs = np.empty((len(order), 2), dtype=np.uint32)
    pairs[:, 0] = np.frombuffer(numbers, dtype=np.uint32)[order]
    pairs[:, 1] = np.frombuffer(entries, dtype=np.uint32)[order]
    starts = np.flatnonzero(np.diff(sorted_ids)) + 1
    data = memoryview(pairs.tobytes())
    firsts = [0, *starts.tolist()]
    lasts = [*starts.tolist(), len(order)]
    for key_id, first, last in zip(sorted_ids[firsts].tolist(), firsts, lasts, strict=True):
        bodies[key_id] += data[first * 8 : last * 8]
