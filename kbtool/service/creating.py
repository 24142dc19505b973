"""Creating a knowledge base file: empty, or holding the shipped records.

``kb init`` makes a file that must not replace one with records in it; but a file that holds
none (made by a plain ``kb init``, say) loses nothing when it is given the shipped records,
and refusing that left deleting it by hand as the only way on. Filling one is an import,
so it is checked, backed up and undoable like any other write.
"""

from __future__ import annotations

from pathlib import Path

from kbtool.errors import DataError
from kbtool.models import RecordKind
from kbtool.service.importing import Importer
from kbtool.service.reading import Reader
from kbtool.service.record_ids import ids_starting_with
from kbtool.store.location import DbLocation, Origin, shipped_db_path
from kbtool.store.transactions import FileStore

_KINDS: tuple[RecordKind, ...] = ("instrument", "quotation", "source")


def create(path: Path, with_shipped: bool, *, make_folder: bool = False) -> str:
    """Create the knowledge base at ``path``; what was done, in a user's words."""
    shipped = Reader(FileStore(shipped_db_path(), read_only=True))
    what = "a copy of the shipped knowledge base" if with_shipped else "an empty knowledge base"
    store = FileStore(path)
    if not store.exists():
        store.create(shipped.store.tables() if with_shipped else {}, make_folder=make_folder)
        return f"created {path}, {what}"
    held = len(ids_starting_with(DbLocation(path, Origin.OPTION), _KINDS))
    if held or not with_shipped:
        hint = (
            f"it holds {held} record(s); 'kb import' adds records to it"
            if held
            else "it holds no records; 'kb init --with-shipped' gives it the shipped ones"
        )
        raise DataError(f"{path} exists already", hint=hint)
    Importer(store).import_records(shipped.export_document())
    return f"filled {path}, which held no records, with the shipped knowledge base"
