"""The checks a write makes against the records already there, and what they ask of them.

A record's references must resolve (``dangling_references``) and what it quotes must stand
word for word in its sources (``unfaithful_quotations``). They ask which table holds an id
and a source's text: answered by the records a transaction read (``BufferLookup``) or, for
an add in place, by the search index while it describes the file (``IndexLookup``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from kbtool.models import TABLE_OF, Instrument, Quotation, Source, validate
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
    """The records as the search index describes them (only while it describes the file).

    Which table holds an id is read from the index's list of records, without decoding the
    record; ``prefetch`` reads it for many ids at once, and sources, cited by many records,
    are decoded once."""

    def __init__(self, index: DiskIndex) -> None:
        self.index = index
        self._tables: dict[str, str | None] = {}
        self._sources: dict[str, Source | None] = {}

    def prefetch(self, record_ids: Iterable[str]) -> None:
        """Read which table holds each of ``record_ids``, in a few queries."""
        wanted = [i for i in dict.fromkeys(record_ids) if i not in self._tables]
        types = self.index.types_of(wanted)
        for record_id in wanted:
            found = types.get(record_id)
            self._tables[record_id] = None if found is None else TABLE_OF[found]

    def prefetch_sources(self, record_ids: Iterable[str]) -> None:
        """Read the sources among ``record_ids``, so that the checks can go on without the
        index once it is closed."""
        for record_id in record_ids:
            self.source(record_id)

    def table_of(self, record_id: str) -> str | None:
        if record_id not in self._tables:
            self.prefetch([record_id])
        return self._tables[record_id]

    def source(self, record_id: str) -> Source | None:
        if record_id not in self._sources:
            found = self.index.record(record_id) if self.table_of(record_id) == "sources" else None
            self._sources[record_id] = found if isinstance(found, Source) else None
        return self._sources[record_id]


class BatchLookup:
    """The records of a batch being imported, then those already there (``behind``)."""

    def __init__(self, batch: Mapping[str, str], behind: Lookup) -> None:
        self.batch = batch  # id -> table
        self.behind = behind

    def table_of(self, record_id: str) -> str | None:
        found = self.batch.get(record_id)
        return found if found is not None else self.behind.table_of(record_id)

    def source(self, record_id: str) -> Source | None:
        return None if record_id in self.batch else self.behind.source(record_id)


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


def cited_sources(record: Record) -> set[str]:
    """The sources whose text ``record`` quotes (``unfaithful_quotations`` reads them)."""
    cited: set[str] = set()
    if isinstance(record, Quotation) and record.source:
        cited.add(record.source)
    if isinstance(record, Instrument | Quotation):
        cited.update(span.source for span in record.spans)
    if isinstance(record, Instrument):
        cited.update(excerpt.source for excerpt in record.excerpts)
    return cited


def unfaithful_quotations(
    record: Record, lookup: Lookup, incoming: Mapping[str, Source] | None = None
) -> list[str]:
    """What ``record`` quotes that its sources' texts do not say, word for word: the
    checks of ``kb verify``, made before anything is written."""
    return unfaithful_quotations_of([record], lookup, incoming).get(record.id, [])


def unfaithful_quotations_of(
    records: Sequence[Record], lookup: Lookup, incoming: Mapping[str, Source] | None = None
) -> dict[str, list[str]]:
    """``unfaithful_quotations`` of records whose ids differ, by id (none: nothing wrong):
    each source they cite looked up once, and all checked in one pass of each check, not
    one per record (an import's)."""
    from kbtool import integrity

    citing: list[Record] = []
    cited: set[str] = set()
    for record in records:
        if found := cited_sources(record):
            citing.append(record)  # what is checked is checked against a source
            cited |= found
    sources: list[Source] = []
    for source_id in cited:
        if incoming and source_id in incoming:
            sources.append(incoming[source_id])
        elif (source := lookup.source(source_id)) is not None:
            sources.append(source)
    instruments = [record for record in citing if isinstance(record, Instrument)]
    quotations = [record for record in citing if isinstance(record, Quotation)]
    problems = integrity.check_verbatim(instruments, quotations, sources)
    problems += integrity.check_spans(instruments, quotations, sources)
    by_record: dict[str, list[str]] = {}
    for problem in problems:
        by_record.setdefault(problem.record, []).append(problem.message)
    return by_record
