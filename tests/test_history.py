"""kb undo and kb redo: crash-atomic, and no version they replace is ever lost."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import Run
from crash_points import kb_command, kill_points, needs_strace, run_killed
from kbtool.errors import DataError
from kbtool.kb import KnowledgeBase
from kbtool.store.location import DbLocation, Origin
from kbtool.store.transactions import FileStore


def open_kb(path: Path) -> KnowledgeBase:
    return KnowledgeBase.open(DbLocation(path, Origin.OPTION))


def source_ids(path: Path) -> list[str]:
    return [s["id"] for s in json.loads(path.read_text(encoding="utf-8"))["sources"].values()]


def add_sources(path: Path, *descriptions: str) -> list[bytes]:
    """Add one source per description; the file's bytes after each write."""
    versions = []
    for description in descriptions:
        open_kb(path).add("source", {"description": description}, description)
        versions.append(path.read_bytes())
    return versions


# The calls that change what is on disk, or make it durable, during an undo or a redo.
SYSCALLS = ("mkdir", "link", "rename", "fsync", "unlink")


def kept_versions(path: Path) -> set[bytes]:
    """The contents of the file and of every version kept beside it."""
    store = FileStore(path)
    kept = {version.read_bytes() for version in [*store.backups(), *store.redo_versions()]}
    return kept | ({path.read_bytes()} if path.exists() else set())


@needs_strace
@pytest.mark.parametrize("command", ["undo", "redo"])
def test_undo_and_redo_killed_at_any_step_leave_a_whole_file_and_lose_nothing(
    kb_copy: Path, tmp_path: Path, command: str
) -> None:
    add_sources(kb_copy, "one", "two")
    if command == "redo":
        open_kb(kb_copy).undo()
    start = tmp_path / "start"
    start.mkdir()
    for name in ("kb.json", "kb.json.backups", "kb.json.layout"):
        source = kb_copy.parent / name
        if source.is_dir():
            shutil.copytree(source, start / name)
        else:
            shutil.copy2(source, start / name)
    before = kb_copy.read_bytes()
    versions = kept_versions(kb_copy)
    getattr(open_kb(kb_copy), command)()
    after = kb_copy.read_bytes()
    calls = {}
    for syscall in SYSCALLS:  # each count runs the command: on a copy of its own
        counted = tmp_path / f"counted-{syscall}"
        shutil.copytree(start, counted)
        calls[syscall] = kill_points(["--db", str(counted / "kb.json"), command], [syscall])
    assert calls["link"] >= 1 and calls["rename"] >= 1 and calls["fsync"] >= 1, calls
    print(f"kb {command}: {sum(calls.values())} kill points tried {calls}")  # pytest -s shows
    for syscall, count in calls.items():
        for when in range(1, count + 1):
            victim = tmp_path / f"{command}-{syscall}-{when}"
            shutil.copytree(start, victim)
            db = victim / "kb.json"
            killed = run_killed(["--db", str(db), command], syscall, when)
            assert killed.returncode == -9, (syscall, when, killed.stderr)
            assert db.read_bytes() in (before, after), (syscall, when)
            assert kept_versions(db) == versions, (syscall, when)  # none lost, none made up
            listed = Run()("--db", str(db), "list", "--json")
            assert listed.exit_code == 0, listed.stderr
            if db.read_bytes() == before:  # killed before the rename: do it again
                getattr(open_kb(db), command)()
            assert db.read_bytes() == after


def test_a_missing_file_with_backups_is_not_read_as_empty(kb: Run, kb_copy: Path) -> None:
    add_sources(kb_copy, "one")
    kb_copy.unlink()
    for command in (["list", "--json"], ["verify"], ["add", "source", "--description", "x"]):
        result = kb("--db", str(kb_copy), *command)
        assert result.exit_code == 1, command
        assert "missing" in result.stderr
        assert "kb undo" in result.stderr
        assert not kb_copy.exists()
    assert kb("--db", str(kb_copy), "undo").exit_code == 0
    assert len(kb.json("--db", str(kb_copy), "list")) == 4


def test_a_missing_file_with_only_a_version_to_redo_says_so(kb: Run, kb_copy: Path) -> None:
    add_sources(kb_copy, "one")
    assert kb("--db", str(kb_copy), "undo").exit_code == 0
    kb_copy.unlink()
    result = kb("--db", str(kb_copy), "list", "--json")
    assert result.exit_code == 1
    assert "'kb redo' puts it back" in result.stderr
    assert "no earlier version of it is kept" not in result.stderr
    assert kb("--db", str(kb_copy), "redo").exit_code == 0
    assert kb_copy.exists()


def test_every_version_undone_is_kept_and_redo_puts_them_back(kb_copy: Path) -> None:
    original = kb_copy.read_bytes()
    versions = [original, *add_sources(kb_copy, "one", "two", "three", "four")]
    for expected in reversed(versions[:-1]):
        open_kb(kb_copy).undo()
        assert kb_copy.read_bytes() == expected
    with pytest.raises(DataError, match="nothing to undo"):
        open_kb(kb_copy).undo()
    for expected in versions[1:]:
        open_kb(kb_copy).redo()
        assert kb_copy.read_bytes() == expected
    with pytest.raises(DataError, match="nothing to redo"):
        open_kb(kb_copy).redo()


def test_a_write_after_undo_keeps_the_versions_undone_as_backups(kb_copy: Path) -> None:
    one, two = add_sources(kb_copy, "one", "two")
    open_kb(kb_copy).undo()
    (three,) = add_sources(kb_copy, "three")
    assert source_ids(kb_copy)[-2:] == ["one", "three"]
    with pytest.raises(DataError, match="nothing to redo"):
        open_kb(kb_copy).redo()
    # Undo walks back: the version the write replaced, then the one undone before it.
    open_kb(kb_copy).undo()
    assert kb_copy.read_bytes() == one
    open_kb(kb_copy).undo()
    assert kb_copy.read_bytes() == two
    assert three in [path.read_bytes() for path in FileStore(kb_copy).redo_versions()]


def test_cli_undo_and_redo_say_what_they_did(kb: Run, kb_copy: Path) -> None:
    add_sources(kb_copy, "one", "two")
    undone = kb("--db", str(kb_copy), "undo")
    assert undone.exit_code == 0, undone.stderr
    assert "1 earlier version(s) left" in undone.stderr
    assert "kb redo" in undone.stderr
    redone = kb("--db", str(kb_copy), "redo")
    assert redone.exit_code == 0, redone.stderr
    assert source_ids(kb_copy)[-1] == "two"
    assert "nothing to redo" in kb("--db", str(kb_copy), "redo").stderr


def test_stray_files_in_the_backups_folder_are_ignored(kb_copy: Path) -> None:
    (one,) = add_sources(kb_copy, "one")
    backups = FileStore(kb_copy).backup_dir
    (backups / "notes.json").write_text('{"sources": {"1": {"id": "stray"}}}')
    (backups / "zzz.json").write_text("{}")
    add_sources(kb_copy, "two")  # no "internal error: ValueError"
    open_kb(kb_copy).undo()
    assert kb_copy.read_bytes() == one
    open_kb(kb_copy).undo()
    assert "stray" not in source_ids(kb_copy)
    assert (backups / "notes.json").exists()


def test_undo_on_a_missing_file_leaves_no_lock_file(kb: Run, tmp_path: Path) -> None:
    db = tmp_path / "never.json"
    result = kb("--db", str(db), "undo")
    assert result.exit_code == 1
    assert "nothing to undo" in result.stderr
    assert not [name for name in os.listdir(tmp_path) if name.startswith("never.json")]


def test_a_backups_path_that_is_a_file_is_said_plainly(kb: Run, kb_copy: Path) -> None:
    backups = FileStore(kb_copy).backup_dir
    backups.write_text("not a folder")
    before = kb_copy.read_bytes()
    result = kb("--db", str(kb_copy), "add", "source", "--description", "x")
    assert result.exit_code == 1
    assert "Errno" not in result.stderr
    assert f"{backups} is a file, not a folder" in result.stderr
    assert kb_copy.read_bytes() == before


def test_the_restore_hint_says_what_the_newest_backup_lacks(kb: Run, kb_copy: Path) -> None:
    add_sources(kb_copy, "one", "two")
    kb_copy.write_text("{ damaged by hand")
    result = kb("--db", str(kb_copy), "list", "--json")
    assert result.exit_code == 1
    assert "last good version" not in result.stderr
    newest = FileStore(kb_copy).backups()[-1]
    assert str(newest) in result.stderr
    assert "7 sources" in result.stderr  # what the backup holds: the shipped six and "one"
    assert "8 sources" in result.stderr  # what kb last wrote: the write it lacks
    assert "kb undo" in result.stderr


def test_undo_in_a_subprocess_restores_whole(kb_copy: Path) -> None:
    import subprocess

    original = kb_copy.read_bytes()
    add_sources(kb_copy, "one")
    done = subprocess.run(
        kb_command("--db", str(kb_copy), "undo"), capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert kb_copy.read_bytes() == original


def test_search_follows_undo_and_redo(kb: Run, kb_copy: Path) -> None:
    def found() -> list[str]:
        return [hit["id"] for hit in kb.json("--db", str(kb_copy), "search", "zanzibar")]

    added = kb("--db", str(kb_copy), "add", "source", "--description", "x", "--id", "z-note")
    assert added.exit_code == 0
    kb("--db", str(kb_copy), "add", "instrument", "--title", "Zanzibar Accord", "--kind",
       "treaty", "--party", "Kenya", "--status", "signed")  # fmt: skip
    assert found() == ["zanzibar-accord"]
    kb("--db", str(kb_copy), "undo")
    assert found() == []
    kb("--db", str(kb_copy), "redo")
    assert found() == ["zanzibar-accord"]


def test_the_restore_hint_says_the_backup_lacks_an_edit_that_kept_the_counts(
    kb: Run, kb_copy: Path
) -> None:
    add_sources(kb_copy, "one")
    backup_time = os.stat(kb_copy).st_mtime
    os.utime(kb_copy, (backup_time - 5, backup_time - 5))  # the version one write back
    result = kb("--db", str(kb_copy), "edit", "one", "--set", "title=One")
    assert result.exit_code == 0, result.stderr
    kb_copy.write_text("{ damaged by hand")
    result = kb("--db", str(kb_copy), "list", "--json")
    assert "it lacks what kb wrote after it" in result.stderr
