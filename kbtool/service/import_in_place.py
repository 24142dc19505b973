"""``kb import`` of new records into a knowledge base kb wrote, without parsing its file.

The ordinary import (``kbtool.service.importing``) is a transaction: it parses the whole
file for its ids, then writes every table again. Into a large knowledge base that is most of
the time of a batch (at 160k instruments, 435 MB scanned and re-encoded for a batch of a few
thousand records). When the batch only adds records, neither is needed:

- the checks ask which records exist (is an id taken; does a reference resolve) and what a
  cited source says: the search index answers both while it describes the file
  (``IndexLookup``: its list of ids, read for the whole batch in a few queries, and a
  source's JSON), and the layout's retired ids give the ids never to reuse;
- the records go at the end of their tables (``Appender.append_records``), the old bytes
  copied by the kernel: the file the transaction would have written, byte for byte; while
  it copies, the index takes the records (``index_following.write_following``): for a large
  batch in a child process forked as soon as the batch is read (``start_index_update``;
  ``kbtool.search.background_update``), which analyses their text while this process
  validates them, takes the lock and reads the index, updates the index while this one
  checks the records and writes the file, commits once the file is in place and rolls back
  if the batch is refused.

Everything else is the transaction's: the same lock, the backup ``kb undo`` restores, the
atomic replace, the index updated in one batch (``index_following.follow_write``), and the
same problems in the same order when a record is refused. Only a file whose layout says kb
wrote and checked it, whose tables can take records at their end and whose index is
current, and only a batch of records that are all new: an id already in the file (the
record unchanged, or ``--update``'s) takes the transaction, which compares the two.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from kbtool.errors import RecordsRefused
from kbtool.models import Instrument, Quotation, Source
from kbtool.service.index_following import write_following
from kbtool.service.lookups import (
    BatchLookup,
    IndexLookup,
    cited_sources,
    dangling_references,
    unfaithful_quotations_of,
)
from kbtool.service.reading import Record
from kbtool.store.transactions import FileStore

if TYPE_CHECKING:
    from kbtool.search.background_update import BackgroundUpdate


def start_index_update(
    store: FileStore, batch: Mapping[str, Sequence[Any]]
) -> BackgroundUpdate | None:
    """For a batch that ``import_in_place`` may take, the index's update, started in a
    child process (for a large batch) before its records are validated and the lock is
    taken: its analysis of the records needs nothing of the file. The caller cancels it (at
    once: it has opened nothing) if the batch is refused or takes the transaction after
    all."""
    if store.read_only or not store.exists():
        return None
    # disk_index, which the child needs and this process opens the index with next: imported
    # once, before the fork, not in each process.
    from kbtool.search import background_update, disk_index  # noqa: F401

    return background_update.start(store.path, batch)


def import_in_place(
    store: FileStore,
    records: Sequence[tuple[str, Record]],
    where: Mapping[str, str],
    problems: list[str],
    updating: BackgroundUpdate | None = None,
) -> dict[str, list[str]] | None:
    """Add ``records`` (table name, record; all valid, no id twice) at the end of their
    tables; the ids added, by table. None, with nothing written and ``problems`` as it was,
    when this way cannot take the batch: the caller's transaction then does.

    ``where`` names each record's place in the batch and ``problems`` holds those already
    found in the batch, for a refusal worded as the transaction's. ``updating`` is the
    index's update from ``start_index_update``, begun here (none: the index is updated in
    this process while a thread writes the file); the caller cancels it when this returns
    None.
    """
    if not records or store.read_only or not store.exists():
        return None
    from kbtool.search import disk_index

    tables = list(dict.fromkeys(name for name, _record in records))
    with store.appending() as appender:
        # Only into a file kb wrote and checked whole (``Layout.checked``): the transaction
        # checks any other first.
        if (
            appender is None
            or not appender.layout.checked
            or not all(appender.can_append(name) for name in tables)
        ):
            return None
        index = disk_index.open_current(store.path, appender.signature)
        if index is None:
            return None
        try:
            stored = IndexLookup(index)
            stored.prefetch([*(r.id for _name, r in records), *_references(records)])
            if any(stored.table_of(r.id) is not None for _name, r in records):
                return None
            # Everything the checks ask of the index, read now: it is closed before the
            # index's update is forked (SQLite's connections do not survive a fork).
            stored.prefetch_sources(i for _name, r in records for i in cited_sources(r))
        finally:
            index.close()
        written = [record for _name, record in records]
        # The index takes the records in a child process (for a large batch) while this
        # one checks them, then copies and syncs the file: it commits once the file is in
        # place, or rolls back if the batch is refused.
        if updating is not None:
            updating.begin(appender.signature)
        try:
            found = _problems(records, where, stored, appender.retired_ids())
            if problems or found:
                problems += found
                raise RecordsRefused(f"nothing imported: {len(problems)} problem(s)", problems)
        except BaseException:
            if updating is not None:
                updating.cancel()
            raise
        additions: dict[str, list[Record]] = {name: [] for name in tables}
        for name, record in records:
            additions[name].append(record)
        write_following(
            store,
            appender.signature,
            lambda: appender.append_records(additions),
            written,
            updating,
        )
        return {name: [record.id for record in added] for name, added in additions.items()}


def _problems(
    records: Sequence[tuple[str, Record]],
    where: Mapping[str, str],
    stored: IndexLookup,
    retired: set[str],
) -> list[str]:
    """What the transaction would find wrong with records that are all new, in its order."""
    referable = BatchLookup({record.id: name for name, record in records}, stored)
    incoming = {record.id: record for _name, record in records if isinstance(record, Source)}
    unfaithful = unfaithful_quotations_of([record for _name, record in records], stored, incoming)
    found: list[str] = []
    for _name, record in records:
        place = where[record.id]
        if record.id in retired:
            found.append(
                f"{place}: id {record.id!r} belonged to a removed record; ids are never reused"
            )
        found.extend(f"{place}: {p}" for p in dangling_references(record, referable))
        found.extend(f"{place}: {p}" for p in unfaithful.get(record.id, ()))
    return found


def _references(records: Sequence[tuple[str, Record]]) -> list[str]:
    """Every id the records refer to (``dangling_references``' fields)."""
    ids: list[str] = []
    for _name, record in records:
        if isinstance(record, Instrument):
            ids += record.sources
            ids += [official.source for official in record.officials]
            ids += [excerpt.source for excerpt in record.excerpts]
            ids += [claim.source for claim in record.claims]
        elif isinstance(record, Quotation):
            ids += [i for i in (record.instrument, record.source) if i is not None]
    return ids
