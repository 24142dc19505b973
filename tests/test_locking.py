"""Writers of one knowledge base take turns: one waits for another, and says so if it waits
too long; a writer that dies lets go of the lock."""

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

HOLD = textwrap.dedent(
    """
    import fcntl, os, sys, time
    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
    """
)


def _holder(lock: Path, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(lock), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


def _open(db: Path) -> KnowledgeBase:
    return KnowledgeBase.open(DbLocation(db, Origin.OPTION))


def test_a_writer_that_waits_too_long_says_who_holds_the_file_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "kb.json"
    _open(db).add("source", {"description": "first"}, "first")
    before = db.read_bytes()
    monkeypatch.setattr(transactions, "LOCK_TIMEOUT_SECONDS", 0.3)
    holder = _holder(tmp_path / "kb.json.lock", 30)
    try:
        with pytest.raises(DataError, match="locked by another kb process"):
            _open(db).add("source", {"description": "second"}, "second")
    finally:
        holder.kill()
        holder.wait()
    assert db.read_bytes() == before


def test_a_writer_waits_for_the_lock_and_then_writes(tmp_path: Path) -> None:
    db = tmp_path / "kb.json"
    holder = _holder(tmp_path / "kb.json.lock", 0.5)
    _open(db).add("source", {"description": "after the wait"}, "after the wait")
    assert holder.wait() == 0  # the holder let go by ending, not by being killed
    assert [s.id for s in _open(db).sources] == ["after-the-wait"]


def test_a_writer_killed_while_holding_the_lock_does_not_block_the_next(tmp_path: Path) -> None:
    db = tmp_path / "kb.json"
    holder = _holder(tmp_path / "kb.json.lock", 30)
    holder.kill()
    holder.wait()
    _open(db).add("source", {"description": "next"}, "next")
    assert [s.id for s in _open(db).sources] == ["next"]
