"""`kb add` without parsing the file (kbtool.store.appending): the same file, the same refusals."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from kbtool.errors import DataError, RecordsRefused, UsageError
from kbtool.kb import KnowledgeBase
from kbtool.search import disk_index
from kbtool.store import appending
from kbtool.store.files import signature
from kbtool.store.location import shipped_db_path
from kbtool.store.transactions import FileStore

ADDS: list[tuple[Any, dict[str, Any], str]] = [
    (
        "source",
        {
            "id": "s-new",
            "title": "A ministry's note",
            "description": "A note",
            "text": "The minister said: “We fish together.”",
        },
        "",
    ),
    (
        "instrument",
        {
            "title": "Agreement on Fisheries",
            "kind": "agreement",
            "status": "signed",
            "parties": ["Kenya", "Malaysia"],
            "sources": ["s-new"],
            "summary": "Côte d’Ivoire — 李伟",
        },
        "Agreement on Fisheries",
    ),
    # The same title again: the generated id must be the next free one, found the same way.
    (
        "instrument",
        {
            "title": "Agreement on Fisheries",
            "kind": "treaty",
            "status": "in-force",
            "parties": ["Kenya"],
        },
        "Agreement on Fisheries",
    ),
    (
        "quotation",
        {
            "text": "We fish together.",
            "speaker": "Jane Doe",
            "instrument": "agreement-on-fisheries",
            "source": "s-new",
        },
        "Jane Doe We fish together",
    ),
]


def treaty(title: str, **fields: Any) -> dict[str, Any]:
    return {"title": title, "kind": "treaty", "status": "signed", "parties": ["Kenya"], **fields}


@pytest.fixture
def two_copies(tmp_path: Path) -> tuple[KnowledgeBase, KnowledgeBase]:
    """The same knowledge base twice, each written once by kb (so both have a layout and an
    index): one for adds in place, one for adds by transaction."""
    kbs = []
    for name in ("in-place", "transaction"):
        path = tmp_path / name / "kb.json"
        path.parent.mkdir()
        shutil.copyfile(shipped_db_path(), path)
        kb = KnowledgeBase(FileStore(path))
        kb.add("source", {"id": "s-first", "description": "First", "text": "Words here."}, "")
        kbs.append(kb)
    return kbs[0], kbs[1]


def add_by_transaction(kb: KnowledgeBase, *args: Any) -> Any:
    assert isinstance(kb.store, FileStore)
    appending.forget_layout(kb.store.path)
    return kb.add(*args)


@pytest.mark.parametrize("flushed_every", [None, 1_000])
def test_adding_in_place_writes_the_bytes_a_transaction_writes(
    two_copies: tuple[KnowledgeBase, KnowledgeBase],
    monkeypatch: pytest.MonkeyPatch,
    flushed_every: int | None,
) -> None:
    if flushed_every is not None:  # copied a piece at a time, each flushed while the next is
        monkeypatch.setattr(appending, "FLUSH_EVERY", flushed_every)
    in_place, by_transaction = two_copies
    assert isinstance(in_place.store, FileStore) and isinstance(by_transaction.store, FileStore)
    for kind, document, id_from in ADDS:
        with monkeypatch.context() as patch:
            patch.setattr(FileStore, "transaction", None)  # an add in place never calls it
            added = in_place.add(kind, document, id_from)
        assert add_by_transaction(by_transaction, kind, document, id_from) == added
        assert in_place.store.path.read_bytes() == by_transaction.store.path.read_bytes()
    found = [hit.record.id for hit in in_place.search("fisheries").hits]
    assert found == [hit.record.id for hit in by_transaction.search("fisheries").hits]
    assert set(found) >= {
        "agreement-on-fisheries",
        "agreement-on-fisheries-2",
    }
    assert in_place.verify() == []
    assert len(in_place.store.backups()) == len(by_transaction.store.backups())


def test_a_flush_that_fails_during_the_copy_fails_the_add(
    two_copies: tuple[KnowledgeBase, KnowledgeBase], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The kernel reports a failed write once, to whichever call flushes the file first: a
    # flush while the file is copied must not swallow it.
    in_place, _ = two_copies
    assert isinstance(in_place.store, FileStore)
    before = in_place.store.path.read_bytes()
    monkeypatch.setattr(appending, "FLUSH_EVERY", 1_000)
    flushes: list[int] = []

    def failing(fd: int) -> None:
        flushes.append(fd)
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fdatasync", failing)
    with pytest.raises(DataError, match=r"could not write .*Input/output error"):
        in_place.add("instrument", treaty("Agreement on Fisheries"), "Agreement on Fisheries")
    assert flushes
    assert in_place.store.path.read_bytes() == before
    assert not list(in_place.store.path.parent.glob(".*.tmp"))


def test_a_system_without_fdatasync_flushes_with_fsync(
    two_copies: tuple[KnowledgeBase, KnowledgeBase], monkeypatch: pytest.MonkeyPatch
) -> None:
    # macOS and Windows have no fdatasync: the copy is flushed all the same.
    in_place, by_transaction = two_copies
    assert isinstance(in_place.store, FileStore) and isinstance(by_transaction.store, FileStore)
    monkeypatch.setattr(appending, "FLUSH_EVERY", 1_000)
    monkeypatch.delattr(os, "fdatasync", raising=False)
    added = in_place.add("instrument", treaty("Agreement on Fisheries"), "Agreement on Fisheries")
    assert (
        add_by_transaction(
            by_transaction, "instrument", treaty("Agreement on Fisheries"), "Agreement on Fisheries"
        )
        == added
    )
    assert in_place.store.path.read_bytes() == by_transaction.store.path.read_bytes()


@pytest.mark.parametrize(
    ("kind", "document", "error"),
    [
        ("instrument", treaty("T", id="s-first"),
         UsageError),
        ("quotation", {"text": "Hello", "speaker": "A", "instrument": "no-such-thing"},
         RecordsRefused),
        ("instrument", treaty("T", sources=["no-such-source"]), RecordsRefused),
        ("instrument", treaty("T", kind="banana"), RecordsRefused),
        # Not what the source says, word for word.
        ("quotation", {"text": "Other words", "speaker": "A", "source": "s-first"},
         RecordsRefused),
    ],
)  # fmt: skip
def test_adding_in_place_refuses_what_a_transaction_refuses(
    two_copies: tuple[KnowledgeBase, KnowledgeBase],
    monkeypatch: pytest.MonkeyPatch,
    kind: Any,
    document: dict[str, Any],
    error: type[Exception],
) -> None:
    in_place, by_transaction = two_copies
    assert isinstance(in_place.store, FileStore)
    before = in_place.store.path.read_bytes()
    with monkeypatch.context() as patch:
        patch.setattr(FileStore, "transaction", None)
        with pytest.raises(error) as in_place_error:
            in_place.add(kind, document, "T")
    with pytest.raises(error) as transaction_error:
        add_by_transaction(by_transaction, kind, document, "T")
    assert str(in_place_error.value) == str(transaction_error.value)
    assert getattr(in_place_error.value, "problems", None) == getattr(
        transaction_error.value, "problems", None
    )
    assert in_place.store.path.read_bytes() == before


def test_a_removed_records_id_is_not_given_again_in_place(
    two_copies: tuple[KnowledgeBase, KnowledgeBase], monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = two_copies[0]
    kb.add(
        "instrument",
        treaty("Short"),
        "Short",
    )
    kb.remove("short")
    with monkeypatch.context() as patch:
        patch.setattr(FileStore, "transaction", None)
        with pytest.raises(UsageError, match="ids are never reused"):
            kb.add("instrument", treaty("S", id="short"), "")
        again = kb.add(
            "instrument",
            treaty("Short"),
            "Short",
        )
    assert again.id == "short-2"


def test_a_file_another_program_wrote_is_parsed_as_usual(
    two_copies: tuple[KnowledgeBase, KnowledgeBase],
) -> None:
    kb = two_copies[0]
    assert isinstance(kb.store, FileStore)
    path = kb.store.path
    # Another program rewrites the file (here: the same JSON, indented differently).
    path.write_text(path.read_text(encoding="utf-8").replace("\n    ", "\n\t"), encoding="utf-8")
    added = kb.add(
        "instrument",
        treaty("Later"),
        "Later",
    )
    assert added.id in {i.id for i in KnowledgeBase(FileStore(path)).instruments}
    assert kb.verify() == []


def test_a_failed_write_in_place_leaves_the_file_as_it_was(
    two_copies: tuple[KnowledgeBase, KnowledgeBase], monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = two_copies[0]
    assert isinstance(kb.store, FileStore)
    path = kb.store.path
    before = path.read_bytes()
    backups = kb.store.backups()

    def disk_full(*args: Any) -> None:
        raise OSError(28, os.strerror(28))

    monkeypatch.setattr(appending, "copy_with_splices", disk_full)
    with pytest.raises(DataError, match="could not write"):
        kb.add(
            "instrument",
            treaty("Lost"),
            "Lost",
        )
    assert path.read_bytes() == before
    assert kb.store.backups() == backups
    assert list(path.parent.glob(".*.tmp")) == []
    monkeypatch.undo()
    kb.add(
        "instrument",
        treaty("Kept"),
        "Kept",
    )
    assert "kept" in {i.id for i in KnowledgeBase(FileStore(path)).instruments}


def test_a_reader_reads_each_table_from_the_same_version_of_the_file(
    two_copies: tuple[KnowledgeBase, KnowledgeBase],
) -> None:
    writer = two_copies[0]
    assert isinstance(writer.store, FileStore)
    path = writer.store.path
    expected = KnowledgeBase(FileStore(path, read_only=True))
    expected.store.tables()  # the whole file parsed, as without a layout
    reader = KnowledgeBase(FileStore(path, read_only=True))
    assert reader.instruments == expected.instruments  # read by the layout: that table alone
    added = writer.add("quotation", {"text": "Later words", "speaker": "B"}, "Later words")
    assert reader.quotations == expected.quotations  # not the version written meanwhile
    assert reader.sources == expected.sources
    assert added.id in {q.id for q in KnowledgeBase(FileStore(path)).quotations}
    assert added.id not in {q.id for q in reader.quotations}


def test_a_file_replaced_during_an_add_in_place_is_not_spliced_into(
    two_copies: tuple[KnowledgeBase, KnowledgeBase], monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = two_copies[0]
    assert isinstance(kb.store, FileStore)
    path = kb.store.path
    original = path.read_bytes()
    # What another program (which takes no lock) puts in its place while the add checks.
    other = path.with_name("other.json")
    other.write_bytes(original.replace(b"Kenya", b"Kenya, the Republic of", 1))
    checks = KnowledgeBase._new_record

    def replace_meanwhile(self: KnowledgeBase, *args: Any) -> Any:
        os.replace(other, path)
        return checks(self, *args)

    monkeypatch.setattr(KnowledgeBase, "_new_record", replace_meanwhile)
    added = kb.add("instrument", treaty("Meanwhile"), "Meanwhile")
    monkeypatch.undo()
    after = KnowledgeBase(FileStore(path))
    assert added.id in {i.id for i in after.instruments}  # the file is whole, and has it
    assert after.verify() == []


def test_keys_tinydb_would_rewrite_take_the_ordinary_way(tmp_path: Path) -> None:
    kbs = []
    for name in ("in-place", "transaction"):
        path = tmp_path / name / "kb.json"
        path.parent.mkdir()
        shutil.copyfile(shipped_db_path(), path)
        # Another program wrote the sources' first key as "01".
        text = path.read_text(encoding="utf-8")
        start = text.index('"sources": {')
        text = text[:start] + text[start:].replace('"1": {', '"01": {', 1)
        path.write_text(text, encoding="utf-8")
        kb = KnowledgeBase(FileStore(path))
        kb.add("instrument", treaty("First"), "First")  # a layout, but not for "sources"
        kbs.append(kb)
    in_place, by_transaction = kbs
    source = {"description": "A note"}
    in_place.add("source", source, "A note")
    add_by_transaction(by_transaction, "source", source, "A note")
    assert isinstance(in_place.store, FileStore) and isinstance(by_transaction.store, FileStore)
    assert in_place.store.path.read_bytes() == by_transaction.store.path.read_bytes()


def test_an_index_is_signed_as_the_file_its_records_were_read_from(
    two_copies: tuple[KnowledgeBase, KnowledgeBase],
) -> None:
    writer = two_copies[0]
    assert isinstance(writer.store, FileStore)
    path = writer.store.path
    disk_index.index_path(path).unlink()
    reader = KnowledgeBase(FileStore(path))
    assert reader.instruments  # read before another write ...
    writer.add("instrument", treaty("Between"), "Between")
    disk_index.index_path(path).unlink()
    reader.search("between")  # ... and indexed after it: that index describes the old file
    assert disk_index.open_current(path, signature(path)) is None
    assert KnowledgeBase(FileStore(path)).search("between").hits[0].record.id == "between"


def test_an_empty_table_takes_a_record_in_place(
    two_copies: tuple[KnowledgeBase, KnowledgeBase], monkeypatch: pytest.MonkeyPatch
) -> None:
    for kb in two_copies:
        for quotation in kb.quotations:
            kb.remove(quotation.id)
        assert isinstance(kb.store, FileStore)
        assert b'"quotations": {}' in kb.store.path.read_bytes()  # how kb writes an empty table
    in_place, by_transaction = two_copies
    quotation = {"text": "Words here.", "speaker": "Jane Doe", "source": "s-first"}
    with monkeypatch.context() as patch:
        patch.setattr(FileStore, "transaction", None)  # an add in place never calls it
        added = in_place.add("quotation", quotation, "Jane Doe words")
    assert add_by_transaction(by_transaction, "quotation", quotation, "Jane Doe words") == added
    assert isinstance(in_place.store, FileStore) and isinstance(by_transaction.store, FileStore)
    assert in_place.store.path.read_bytes() == by_transaction.store.path.read_bytes()
    assert [q.id for q in KnowledgeBase(FileStore(in_place.store.path)).quotations] == [added.id]
