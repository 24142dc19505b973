"""The knowledge base service: the records of one knowledge base, what can be asked of them,
and every change to them.

Commands call this module and never TinyDB directly. It validates every document it loads,
and every write goes through one transaction of the store (locked, atomic, backed up) after
the records it writes have been validated and their references checked. Failures are
``kbtool.errors`` exceptions that the CLI turns into one-line messages.

``KnowledgeBase`` is a thin façade over the parts in ``kbtool.service``, split by what
callers need: reading (``Reader``), writing (``Writer``), importing (``Importer``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kbtool.errors import DataError
from kbtool.service.details import QuotationDetail as QuotationDetail
from kbtool.service.details import SourceDetail as SourceDetail
from kbtool.service.importing import Importer
from kbtool.service.importing import ImportReport as ImportReport
from kbtool.service.reading import InstrumentDetail as InstrumentDetail
from kbtool.service.reading import Record as Record
from kbtool.service.writing import Removal as Removal
from kbtool.store.location import DbLocation, Origin
from kbtool.store.transactions import FileStore

if TYPE_CHECKING:  # what kb stats, timeline, partners and report give kbtool.render to draw
    from kbtool.service.dossier import Dossier as Dossier
    from kbtool.service.overview import Partners as Partners
    from kbtool.service.overview import Stats as Stats
    from kbtool.service.overview import Timeline as Timeline


class KnowledgeBase(Importer):
    """One knowledge base: read it, change it record by record, import into it."""

    @classmethod
    def open(cls, location: DbLocation) -> KnowledgeBase:
        return cls(FileStore(location.path, read_only=location.read_only))


def open_for_writing(location: DbLocation) -> tuple[KnowledgeBase, str | None]:
    """The knowledge base a write goes to, and a notice for the user if it is new.

    The shipped knowledge base is never written: the first write without --db or $KB_DB
    makes the user's own copy of it in the platform data directory.
    """
    from kbtool.store.location import shipped_db_path, user_db_path

    if location.origin is Origin.SHIPPED:
        target = FileStore(user_db_path())
        if not target.exists():
            shipped = FileStore(shipped_db_path(), read_only=True)
            try:
                target.create(shipped.tables(), make_folder=True)
            except DataError:
                if not target.exists():
                    raise
                return KnowledgeBase(target), None  # another process made it first
            return KnowledgeBase(target), (
                f"created your own knowledge base at {target.path}, a copy of the shipped one"
            )
        return KnowledgeBase(target), None
    store = FileStore(location.path)
    if store.exists():
        return KnowledgeBase(store), None
    store.check_not_missing()
    # The folder of the file itself: through a symbolic link, of the file it points to.
    if not store.path.parent.is_dir():
        raise DataError(
            f"cannot create {location.path}: directory {store.path.parent} does not exist"
        )
    return KnowledgeBase(
        store
    ), f"created {location.path}, a new knowledge base (the file did not exist)"
