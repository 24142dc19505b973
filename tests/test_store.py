"""The storage itself: atomic replace, failure injection, leftovers, backups."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from conftest import Run
from kbtool.errors import DataError
from kbtool.kb import KnowledgeBase
from kbtool.store import encoding, files
from kbtool.store import transactions as store_module
from kbtool.store.base import MemoryStore
from kbtool.store.history import BACKUPS_KEPT
from kbtool.store.location import DbLocation, Origin
from kbtool.store.transactions import FileStore


def open_kb(path: Path) -> KnowledgeBase:
    return KnowledgeBase.open(DbLocation(path, Origin.OPTION))


def add_source(kb: KnowledgeBase, description: str) -> str:
    return kb.add("source", {"description": description}, description).id


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_failure_inside_the_write_leaves_the_file_unchanged(
    kb_copy: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    before = kb_copy.read_bytes()

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module.os, failing, broken)
    with pytest.raises(DataError, match="No space left on device"):
        add_source(open_kb(kb_copy), "never written")
    monkeypatch.undo()
    assert kb_copy.read_bytes() == before
    assert not list(kb_copy.parent.glob(".kb.json.*.tmp"))
    assert FileStore(kb_copy).backups() == []  # no backup of a write that did not happen
    assert "never-written" not in [s.id for s in open_kb(kb_copy).sources]


def test_leftover_temporary_files_are_cleaned_up_by_the_next_write(kb_copy: Path) -> None:
    leftover = kb_copy.parent / ".kb.json.abc12345.tmp"
    leftover.write_text("half a write")
    # A writer killed while it kept the file's layout beside it.
    layout = kb_copy.parent / ".kb.json.layout.4242.tmp"
    layout.write_text("half a layout")
    add_source(open_kb(kb_copy), "next write")
    assert not leftover.exists()
    assert not layout.exists()


def test_the_clean_up_leaves_other_files_temporaries_alone(kb_copy: Path) -> None:
    folder = kb_copy.parent
    others = [
        folder / ".kb.json.x.abc12345.tmp",  # in flight for the knowledge base kb.json.x
        # The search index being built, by a process that runs (an abandoned one goes).
        folder / f".kb.json.index.{os.getppid()}.tmp",
        folder / ".kb.json.ab.cd.ef.tmp",
    ]
    for other in others:
        other.write_text("another writer's")
    in_flight = folder / ".kb.json.zz998877.tmp"
    in_flight.write_text("written to right now")
    later = time.time() + 60
    os.utime(in_flight, (later, later))  # changed after the lock was taken: not stale
    add_source(open_kb(kb_copy), "next write")
    assert all(other.exists() for other in [*others, in_flight])


def test_a_read_only_file_is_never_rewritten(kb: Run, kb_copy: Path) -> None:
    add_source(open_kb(kb_copy), "one")
    os.chmod(kb_copy, 0o444)
    before = kb_copy.read_bytes()
    source_file = kb_copy.parent / "import.json"
    source_file.write_text(json.dumps({"sources": [{"id": "imported", "description": "d"}]}))
    attempts = [
        ["add", "source", "--description", "x"],
        ["edit", "kenya-malaysia-tourism-mou", "--set", "status=in-force"],
        ["import", str(source_file)],
        ["undo"],
        ["remove", "one", "--yes"],
    ]
    for attempt in attempts:
        result = kb("--db", str(kb_copy), *attempt)
        assert result.exit_code == 1, attempt
        assert "read-only" in result.stderr, attempt
        assert kb_copy.read_bytes() == before, attempt
    assert kb_copy.stat().st_mode & 0o777 == 0o444


def test_a_dangling_link_in_a_missing_folder_is_refused_like_a_path(
    kb: Run, tmp_path: Path
) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "missing-folder" / "kb.json")
    plain = tmp_path / "missing-too" / "kb.json"
    for db in (link, plain):
        for command in (["add", "source", "--description", "x"], ["init"]):
            result = kb("--db", str(db), *command)
            assert result.exit_code == 1, (db, command)
            assert "does not exist" in result.stderr
    assert not (tmp_path / "missing-folder").exists()
    assert not (tmp_path / "missing-too").exists()


def test_a_key_that_is_not_a_number_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "kb.json"
    path.write_text('{"sources": {"a": {"id": "s", "description": "d"}}}')
    with pytest.raises(DataError, match=f"{path}.*key is not a number"):
        add_source(open_kb(path), "new")


def test_a_change_the_size_mtime_and_inode_hide_is_seen_by_the_signature(
    kb_copy: Path,
) -> None:
    status = kb_copy.stat()
    before = files.signature(kb_copy)
    content = bytearray(kb_copy.read_bytes())
    last_letter = max(i for i, byte in enumerate(content) if chr(byte).isalpha())
    content[last_letter] ^= 0x20  # its case changed: same size, same inode
    with kb_copy.open("r+b") as file:
        file.write(content)
    os.utime(kb_copy, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert kb_copy.stat().st_ino == status.st_ino
    assert files.signature(kb_copy) != before


def test_the_file_is_replaced_not_rewritten(kb_copy: Path) -> None:
    inode = kb_copy.stat().st_ino
    add_source(open_kb(kb_copy), "new")
    assert kb_copy.stat().st_ino != inode
    backup = FileStore(kb_copy).backups()[-1]
    assert backup.stat().st_ino == inode  # the old file, kept whole as the backup


def test_only_the_last_backups_are_kept(kb_copy: Path) -> None:
    kb = open_kb(kb_copy)
    for number in range(BACKUPS_KEPT + 3):
        add_source(kb, f"note {number}")
    backups = FileStore(kb_copy).backups()
    assert len(backups) == BACKUPS_KEPT
    assert backups[-1].name == f"{BACKUPS_KEPT + 3:06d}.json"


def test_file_keeps_its_permissions(kb_copy: Path) -> None:
    os.chmod(kb_copy, 0o640)
    add_source(open_kb(kb_copy), "new")
    assert kb_copy.stat().st_mode & 0o777 == 0o640


def test_written_file_is_indented_with_tables_in_order(kb_copy: Path) -> None:
    add_source(open_kb(kb_copy), "new")
    text = kb_copy.read_text(encoding="utf-8")
    assert text.startswith('{\n  "instruments": {\n    "1": {\n      "id": ')
    assert list(json.loads(text)) == ["instruments", "quotations", "sources"]
    assert "Malaysia’s" in text


def test_a_failed_transaction_in_memory_leaves_no_trace() -> None:
    memory = MemoryStore()
    add_source(KnowledgeBase(memory), "kept")
    with pytest.raises(RuntimeError), memory.transaction() as db:
        db.table("sources").insert({"id": "half-done", "description": "x"})
        raise RuntimeError("a failure after the change, before the commit")
    assert [s["id"] for s in memory.documents("sources")] == ["kept"]


def test_a_failed_transaction_on_file_leaves_no_trace(kb_copy: Path) -> None:
    before = kb_copy.read_bytes()
    store = FileStore(kb_copy)
    with pytest.raises(RuntimeError), store.transaction() as db:
        db.table("sources").insert({"id": "half-done", "description": "x"})
        raise RuntimeError("a failure after the change, before the commit")
    assert kb_copy.read_bytes() == before
    assert store.backups() == []


def test_a_knowledge_base_behind_a_symbolic_link_stays_one_file(kb_copy: Path) -> None:
    link = kb_copy.parent / "link.json"
    link.symlink_to(kb_copy)
    add_source(open_kb(link), "through the link")
    assert link.is_symlink()
    assert "through-the-link" in [s.id for s in open_kb(kb_copy).sources]


def test_a_key_that_is_not_a_tinydb_id_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "kb.json"
    path.write_text('{"sources": {"a": {"id": "s", "description": "d"}}}')
    with pytest.raises(DataError, match="key is not a number"):
        add_source(open_kb(path), "new")


def test_undo_refuses_to_restore_an_unreadable_backup(kb_copy: Path) -> None:
    add_source(open_kb(kb_copy), "one")
    current = kb_copy.read_bytes()
    FileStore(kb_copy).backups()[-1].write_bytes(b"{broken")
    with pytest.raises(DataError, match="not valid JSON"):
        open_kb(kb_copy).undo()
    assert kb_copy.read_bytes() == current


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "kb.json"
    path.write_text("{}")
    with pytest.raises(DataError, match="read-only"):
        add_source(KnowledgeBase(FileStore(path, read_only=True)), "x")


def test_records_left_undecoded_are_written_back_exactly(kb_copy: Path) -> None:
    # A write copies the records it did not touch as they were read; the file must come
    # out as if every record had been decoded and formatted again.
    original = kb_copy.read_bytes()
    assert encoding.encode(encoding.decode(original, "kb", lazily=True)) == original
    kb = open_kb(kb_copy)
    kb.edit("kenya-malaysia-tourism-mou", {"status": "in-force"}, [])
    add_source(kb, "Ünïcode “quoted” source")
    written = kb_copy.read_bytes()
    data = json.loads(written)
    reformatted = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert written.decode("utf-8") == reformatted
    assert data["instruments"]["2"]["status"] == "in-force"
