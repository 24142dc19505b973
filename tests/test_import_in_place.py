"""`kb import` of new records without parsing the file (kbtool.service.import_in_place):
the same file, index, history and refusals as the import's transaction."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from kbtool.errors import DataError, RecordsRefused
from kbtool.kb import KnowledgeBase
from kbtool.search import background_update, disk_index, index_updates
from kbtool.service import importing
from kbtool.store import appending
from kbtool.store.files import signature
from kbtool.store.location import shipped_db_path
from kbtool.store.transactions import FileStore

SHIPPED_SOURCE = "article-9423b8af90372fa0"  # a source of the shipped data that keeps its text
SHIPPED_INSTRUMENT = "kenya-malaysia-tourism-mou"


def batch(prefix: str = "n") -> dict[str, list[dict[str, Any]]]:
    """New records citing each other and records already there, in every table."""
    return {
        "sources": [
            {
                "id": f"{prefix}-note",
                "description": "A ministry's note",
                "text": "The minister said: “We fish together.” Côte d’Ivoire — 李伟",
            },
        ],
        "instruments": [
            {
                "id": f"{prefix}-fisheries",
                "title": "Agreement on Fisheries",
                "kind": "agreement",
                "status": "signed",
                "parties": ["Kenya", "Malaysia"],
                "sources": [f"{prefix}-note", SHIPPED_SOURCE],
                "summary": "Hydrography and fisheries",
            },
            {
                "id": f"{prefix}-hydrography",
                "title": "Treaty on Hydrography",
                "kind": "treaty",
                "parties": ["Kenya"],
            },
        ],
        "quotations": [
            {
                "id": f"{prefix}-fish",
                "text": "We fish together.",
                "speaker": "Jane Doe",
                "instrument": f"{prefix}-fisheries",
                "source": f"{prefix}-note",
            },
            {
                "id": f"{prefix}-culminated",
                "text": "culminated in the signing of key cooperation instruments,",
                "speaker": "A spokesperson",
                "instrument": SHIPPED_INSTRUMENT,
                "source": SHIPPED_SOURCE,
            },
        ],
    }


@pytest.fixture(autouse=True, params=["index updated here", "index updated in a child"])
def where_the_index_is_updated(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test both ways: the index updated in this process while a thread writes the
    file, and (as for a large batch) in a child process while this one writes it."""
    if request.param == "index updated in a child":
        monkeypatch.setattr(background_update, "BACKGROUND_FROM", 0)
    else:
        monkeypatch.setattr(background_update, "start", lambda *args: None)


def written_once(path: Path) -> KnowledgeBase:
    """A knowledge base kb has written (a layout that vouches for it) and indexed."""
    kb = KnowledgeBase(FileStore(path))
    kb.add("source", {"id": "s-first", "description": "First", "text": "Words here."}, "")
    assert disk_index.open_current(path, signature(path)) is not None
    return kb


@pytest.fixture
def two_copies(tmp_path: Path) -> tuple[KnowledgeBase, KnowledgeBase]:
    """The same knowledge base twice: one to import into in place, one by transaction."""
    kbs = []
    for name in ("in-place", "transaction"):
        path = tmp_path / name / "kb.json"
        path.parent.mkdir()
        shutil.copyfile(shipped_db_path(), path)
        kbs.append(written_once(path))
    return kbs[0], kbs[1]


def path_of(kb: KnowledgeBase) -> Path:
    assert isinstance(kb.store, FileStore)
    return kb.store.path


def import_in_place(
    kb: KnowledgeBase, records: dict[str, list[Any]], monkeypatch: pytest.MonkeyPatch
) -> importing.ImportReport:
    with monkeypatch.context() as patch:
        patch.setattr(FileStore, "transaction", None)  # never called by an import in place
        return kb.import_records(records)


def import_by_transaction(
    kb: KnowledgeBase, records: dict[str, list[Any]], monkeypatch: pytest.MonkeyPatch
) -> importing.ImportReport:
    with monkeypatch.context() as patch:
        patch.setattr(importing, "import_in_place", lambda *args: None)
        return kb.import_records(records)


def search_ids(kb: KnowledgeBase, query: str) -> list[tuple[str, float]]:
    return [(hit.record.id, round(hit.score, 9)) for hit in kb.search(query).hits]


def test_importing_in_place_writes_the_file_a_transaction_writes(
    two_copies: tuple[KnowledgeBase, KnowledgeBase], monkeypatch: pytest.MonkeyPatch
) -> None:
    in_place, by_transaction = two_copies
    before = path_of(in_place).read_bytes()
    for prefix in ("n", "m"):  # the second batch goes after the first's records
        report = import_in_place(in_place, batch(prefix), monkeypatch)
        assert report == import_by_transaction(by_transaction, batch(prefix), monkeypatch)
        assert path_of(in_place).read_bytes() == path_of(by_transaction).read_bytes()
    assert report.added["quotations"] == ["m-fish", "m-culminated"]
    path = path_of(in_place)
    # The layout and the index describe the file written, so the next write is in place too.
    layout = appending.read_layout(path, signature(path))
    assert layout is not None and layout.checked
    assert disk_index.open_current(path, signature(path)) is not None
    for query in ("fisheries", "hydrography", '"fish together"', "cooperation"):
        assert search_ids(in_place, query) == search_ids(by_transaction, query)
    assert {"n-fisheries", "m-fish"} <= {hit[0] for hit in search_ids(in_place, "fish")}
    assert in_place.verify() == []
    assert len(in_place.store.backups()) == len(by_transaction.store.backups())
    in_place.undo()
    in_place.undo()
    assert path.read_bytes() == before


def test_an_empty_table_takes_the_records_in_place(
    two_copies: tuple[KnowledgeBase, KnowledgeBase], monkeypatch: pytest.MonkeyPatch
) -> None:
    for kb in two_copies:
        for quotation in kb.quotations:
            kb.remove(quotation.id)
        assert b'"quotations": {}' in path_of(kb).read_bytes()  # how kb writes an empty table
    in_place, by_transaction = two_copies
    report = import_in_place(in_place, batch(), monkeypatch)
    assert report == import_by_transaction(by_transaction, batch(), monkeypatch)
    assert path_of(in_place).read_bytes() == path_of(by_transaction).read_bytes()
    assert in_place.verify() == []
    assert search_ids(in_place, "fish") == search_ids(by_transaction, "fish") != []


def test_a_table_the_file_lacks_takes_the_transaction(tmp_path: Path) -> None:
    path = tmp_path / "kb.json"
    kb = KnowledgeBase(FileStore(path))
    kb.import_records({"sources": batch()["sources"]})  # a file of one table
    kb.search("fish")
    assert b"instruments" not in path.read_bytes()
    report = kb.import_records({"instruments": batch()["instruments"][1:]})
    assert report.added == {"instruments": ["n-hydrography"]}
    assert [i.id for i in KnowledgeBase(FileStore(path)).instruments] == report.added["instruments"]
    assert kb.verify() == []


def with_problems(prefix: str) -> list[dict[str, list[Any]]]:
    """Batches the import refuses, each for what the records already there say."""
    good = batch(prefix)
    dangling = {**good, "quotations": [{**good["quotations"][1], "instrument": "no-such"}]}
    unfaithful = {**good, "quotations": [{**good["quotations"][1], "text": "Other words"}]}
    retired = {"instruments": [{**good["instruments"][1], "id": "short"}]}
    # A record that is not valid, and one whose reference is to a record of another table.
    mixed = {
        "instruments": [{**good["instruments"][1], "kind": "banana"}],
        "quotations": [{**good["quotations"][1], "instrument": SHIPPED_SOURCE}],
    }
    # Valid in shape, refused by validation only: the index's child, started before it,
    # has read it (``kbtool.models.unchecked``) and must be stopped.
    blank = {**good, "instruments": [{**good["instruments"][1], "title": "   "}]}
    return [dangling, unfaithful, retired, mixed, blank]


@pytest.mark.parametrize("case", range(len(with_problems("n"))))
def test_importing_in_place_refuses_what_a_transaction_refuses(
    two_copies: tuple[KnowledgeBase, KnowledgeBase], monkeypatch: pytest.MonkeyPatch, case: int
) -> None:
    errors = []
    for kb, importer in zip(two_copies, (import_in_place, import_by_transaction), strict=True):
        kb.add("instrument", {"title": "Short", "kind": "treaty", "parties": ["Kenya"]}, "Short")
        kb.remove("short")
        before = path_of(kb).read_bytes()
        with pytest.raises(RecordsRefused) as refused:
            importer(kb, with_problems("n")[case], monkeypatch)
        errors.append((str(refused.value), refused.value.problems))
        assert path_of(kb).read_bytes() == before
        # The index still describes the file, without the records refused.
        assert disk_index.open_current(path_of(kb), signature(path_of(kb))) is not None
        assert "n-fisheries" not in {hit[0] for hit in search_ids(kb, "fisheries")}
    assert errors[0] == errors[1]
    assert errors[0][1]


def test_a_record_already_there_takes_the_transaction(
    two_copies: tuple[KnowledgeBase, KnowledgeBase],
) -> None:
    kb = two_copies[0]
    kb.import_records(batch())
    # The same records again: unchanged, which only the transaction (comparing them) says.
    again = kb.import_records(batch())
    assert again.added == {} and again.unchanged["quotations"] == ["n-fish", "n-culminated"]
    changed = batch()
    changed["instruments"][1]["title"] = "Treaty on Hydrography and Fisheries"
    changed["instruments"].append({**changed["instruments"][1], "id": "n-new"})
    with pytest.raises(RecordsRefused) as refused:
        kb.import_records(changed)
    assert refused.value.problems == [
        "instruments[1]: id 'n-hydrography' exists already (--update replaces it)"
    ]


@pytest.mark.parametrize(
    ("failure", "raised"),
    [(OSError(28, os.strerror(28)), DataError), (KeyboardInterrupt(), KeyboardInterrupt)],
    ids=["disk full", "ctrl-c"],
)
def test_a_failed_write_leaves_the_file_and_its_index_as_they_were(
    two_copies: tuple[KnowledgeBase, KnowledgeBase],
    monkeypatch: pytest.MonkeyPatch,
    failure: BaseException,
    raised: type[BaseException],
) -> None:
    kb = two_copies[0]
    path = path_of(kb)
    before, backups = path.read_bytes(), kb.store.backups()
    found = search_ids(kb, "tourism")

    def failing(*args: Any) -> None:
        raise failure

    with monkeypatch.context() as patch:
        patch.setattr(appending, "copy_with_splices", failing)
        with pytest.raises(raised):
            import_in_place(kb, batch(), monkeypatch)
    assert path.read_bytes() == before
    assert kb.store.backups() == backups
    assert list(path.parent.glob(".*.tmp")) == []
    # The index took the records while the file was written, and gave them back.
    assert disk_index.open_current(path, signature(path)) is not None
    assert search_ids(kb, "tourism") == found and search_ids(kb, "fisheries") == []
    # A failed write forgets the layout (as kb add's): the next write takes the transaction.
    assert kb.import_records(batch()).added["instruments"] == ["n-fisheries", "n-hydrography"]
    assert search_ids(kb, "fisheries") != []


def test_an_index_that_fails_to_follow_is_built_again(
    two_copies: tuple[KnowledgeBase, KnowledgeBase], monkeypatch: pytest.MonkeyPatch
) -> None:
    in_place, by_transaction = two_copies

    def broken(*args: Any) -> None:
        raise RuntimeError("a bug in the index's update")

    with monkeypatch.context() as patch:
        patch.setattr(index_updates._Updater, "apply", broken)
        import_in_place(in_place, batch(), monkeypatch)  # the records are written all the same
    import_by_transaction(by_transaction, batch(), monkeypatch)
    assert path_of(in_place).read_bytes() == path_of(by_transaction).read_bytes()
    assert disk_index.open_current(path_of(in_place), signature(path_of(in_place))) is None
    assert search_ids(in_place, "fish") == search_ids(by_transaction, "fish") != []
