"""What the checks of a write ask of the records already there: which table holds an id,
and a source's text. Answered by the records a transaction read (``BufferLookup``) or, for
an add in place, by the search index while it describes the file (``IndexLookup``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from kbtool.models import RECORD_TYPE_NAMES, TABLE_OF, Source, validate
from kbtool.store.buffer import BufferedStorage

if TYPE_CHECKING:
    from kbtool.search.disk_index import DiskIndex


class Lookup(Protocol):
    """What the checks of a write need of the records already there."""

    def table_of(self, record_id: str) -> str | None:
        """The table of the record with this id, if there is one."""
        ...

    def source(self, record_id: str) -> Source | None: ...


class BufferLookup:
    """The records as a transaction read them."""

    def __init__(self, ids: Mapping[str, tuple[str, int]], buffer: BufferedStorage | None) -> None:
        self.ids = ids
        self.buffer = buffer

    def table_of(self, record_id: str) -> str | None:
        found = self.ids.get(record_id)
        return None if found is None else found[0]

    def source(self, record_id: str) -> Source | None:
        found = self.ids.get(record_id)
        if found is None or found[0] != "sources" or self.buffer is None:
            return None
        return validate(self.buffer.decoded("sources", found[1]), Source)


class IndexLookup:
    """The records as the search index describes them (only while it describes the file)."""

    def __init__(self, index: DiskIndex) -> None:
        self.index = index

    def table_of(self, record_id: str) -> str | None:
        record = self.index.record(record_id)
        return None if record is None else TABLE_OF[RECORD_TYPE_NAMES[type(record)]]

    def source(self, record_id: str) -> Source | None:
        record = self.index.record(record_id)
        return record if isinstance(record, Source) else None
