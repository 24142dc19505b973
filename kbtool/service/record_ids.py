"""The ids of a knowledge base's records, cheaply: what shell completion offers.

A shell asks for them at every Tab, so they must come back at once from a knowledge base of
tens of thousands of records. Only each record's ``id`` is decoded (msgspec skips the other
fields without building them), and only the tables asked for are read when kb knows where
they lie in the file (``FILE.layout``): 14,000 instruments' ids take about 25 ms. (The search
index beside the file has the ids too, but reading them there measured slower: its rows
hold whole records.) Nothing here validates records or reports a broken file: completion
offers what it can find.
"""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from kbtool.errors import KbError
from kbtool.models import TABLE_OF, RecordKind
from kbtool.store.location import DbLocation
from kbtool.store.transactions import FileStore


class _IdOnly(msgspec.Struct):
    """A record with every field but its id left undecoded."""

    id: str = ""


def ids_starting_with(
    location: DbLocation, kinds: Iterable[RecordKind], prefix: str = ""
) -> list[str]:
    """Ids of the records of these kinds (kind by kind, each in stored order) that begin
    with ``prefix``; none when the file cannot be read."""
    store = FileStore(location.path, read_only=True)
    ids: list[str] = []
    try:
        for kind in kinds:
            records = store.records(TABLE_OF[kind], _IdOnly) or []
            ids.extend(r.id for r in records if r.id.startswith(prefix) and r.id)
    except (OSError, KbError, msgspec.MsgspecError):
        return []
    return ids
