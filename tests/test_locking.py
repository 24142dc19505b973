"""Writers of one knowledge base take turns: one waits for another, and says so if it waits
too long; a writer that dies lets go of the lock; a lock file that cannot be opened is named."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kbtool.errors import DataError
from kbtool.kb import KnowledgeBase
from kbtool.store import transactions
from kbtool.store.location import DbLocation, Origin

if sys.platform == "win32":  # pragma: no cover
    pytest.skip("the lock is filelock's on Windows", allow_module_level=True)

# Another writer: takes the lock (or fails loudly if it cannot at once), holds it for the
# seconds given, and leaves a mark in a file just before it lets go.
HOLD = textwrap.dedent(
    """
    import fcntl, os, sys, time
    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
    with open(sys.argv[3], "w") as mark:
        mark.write("released")
    """
)


def _holder(lock: Path, seconds: float, mark: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(lock), str(seconds), str(mark)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


def _open(db: Path) -> KnowledgeBase:
    return KnowledgeBase.open(DbLocation(db, Origin.OPTION))


def test_a_writer_that_waits_past_the_deadline_says_the_file_is_locked_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "kb.json"
    _open(db).add("source", {"description": "first"}, "first")
    before = db.read_bytes()
    monkeypatch.setattr(transactions, "LOCK_TIMEOUT_SECONDS", 0.3)
    holder = _holder(tmp_path / "kb.json.lock", 30, tmp_path / "mark")
    try:
        with pytest.raises(DataError, match="locked by another kb process"):
            _open(db).add("source", {"description": "second"}, "second")
    finally:
        holder.kill()
        holder.wait(timeout=10)
    assert db.read_bytes() == before


def test_a_writer_waits_for_the_lock_and_writes_only_after_it_is_let_go(
    tmp_path: Path,
) -> None:
    db = tmp_path / "kb.json"
    mark = tmp_path / "mark"
    holder = _holder(tmp_path / "kb.json.lock", 0.5, mark)
    _open(db).add("source", {"description": "after the wait"}, "after the wait")
    assert mark.exists()  # the add returned after the holder let go, not before
    assert holder.wait(timeout=10) == 0
    assert [s.id for s in _open(db).sources] == ["after-the-wait"]


def test_the_lock_is_let_go_when_the_write_ends(tmp_path: Path) -> None:
    db = tmp_path / "kb.json"
    _open(db).add("source", {"description": "one"}, "one")
    # Another process takes it at once (LOCK_NB): it fails loudly if the lock were kept.
    holder = _holder(tmp_path / "kb.json.lock", 0, tmp_path / "mark")
    assert holder.wait(timeout=10) == 0


def test_a_writer_killed_while_holding_the_lock_does_not_block_the_next(tmp_path: Path) -> None:
    db = tmp_path / "kb.json"
    holder = _holder(tmp_path / "kb.json.lock", 30, tmp_path / "mark")
    holder.kill()
    holder.wait(timeout=10)
    _open(db).add("source", {"description": "next"}, "next")
    assert [s.id for s in _open(db).sources] == ["next"]


def test_a_lock_file_that_cannot_be_opened_is_named(tmp_path: Path) -> None:
    db = tmp_path / "kb.json"
    (tmp_path / "kb.json.lock").mkdir()
    with pytest.raises(DataError, match=r"its lock file .*kb\.json\.lock cannot be opened"):
        _open(db).add("source", {"description": "one"}, "one")
    assert not db.exists()
