"""The checks a write makes against the records already there, and what they ask of them.

A record's references must resolve (``dangling_references``) and what it quotes must stand
word for word in its sources (``unfaithful_quotations``). They ask which table holds an id
and a source's text: answered by the records a transaction read (``BufferLookup``) or, for
an add in place, by the search index while it describes the file (``IndexLookup``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from kbtool.models import RECORD_TYPE_NAMES, TABLE_OF, Instrument, Quotation, Source, validate
from kbtool.store.buffer import BufferedStorage

Record = Instrument | Quotation | Source

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


def dangling_references(record: Record, lookup: Lookup) -> list[str]:
    """References of ``record`` that do not resolve to a record of the right table."""
    wanted: list[tuple[str, str]] = []
    if isinstance(record, Instrument):
        wanted += [("sources", s) for s in record.sources]
        wanted += [("sources", official.source) for official in record.officials]
        wanted += [("sources", excerpt.source) for excerpt in record.excerpts]
        wanted += [("sources", claim.source) for claim in record.claims]
    elif isinstance(record, Quotation):
        if record.instrument is not None:
            wanted.append(("instruments", record.instrument))
        if record.source is not None:
            wanted.append(("sources", record.source))
    return [
        f"{record.id!r} refers to unknown {table[:-1]} {target!r}"
        for table, target in dict.fromkeys(wanted)
        if lookup.table_of(target) != table
    ]


def unfaithful_quotations(
    record: Record, lookup: Lookup, incoming: Mapping[str, Source] | None = None
) -> list[str]:
    """What ``record`` quotes that its sources' texts do not say, word for word: the
    checks of ``kb verify``, made before anything is written."""
    from kbtool import integrity

    cited: set[str] = set()
    if isinstance(record, Quotation) and record.source:
        cited.add(record.source)
    if isinstance(record, Instrument | Quotation):
        cited.update(span.source for span in record.spans)
    if isinstance(record, Instrument):
        cited.update(excerpt.source for excerpt in record.excerpts)
    if not cited:
        return []  # what is checked is checked against a source
    sources: list[Source] = []
    for source_id in cited:
        if incoming and source_id in incoming:
            sources.append(incoming[source_id])
        elif (source := lookup.source(source_id)) is not None:
            sources.append(source)
    instruments = [record] if isinstance(record, Instrument) else []
    quotations = [record] if isinstance(record, Quotation) else []
    problems = integrity.check_verbatim(instruments, quotations, sources)
    problems += integrity.check_spans(instruments, quotations, sources)
    return [problem.message for problem in problems]
