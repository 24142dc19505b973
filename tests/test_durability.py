"""No record is lost to a crash or to two writers at once."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from kbtool.kb import KnowledgeBase
from kbtool.store.location import DbLocation, Origin

if sys.platform == "win32":  # pragma: no cover
    pytest.skip("SIGKILL and fork-free subprocess timing are POSIX tests", allow_module_level=True)


def tables(path: Path) -> dict[str, list[str]]:
    """The ids in a knowledge base file, by table; loading it also validates every record."""
    kb = KnowledgeBase.open(DbLocation(path, Origin.OPTION))
    return {
        "instruments": [r.id for r in kb.instruments],
        "quotations": [r.id for r in kb.quotations],
        "sources": [r.id for r in kb.sources],
    }


def kb_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "kbtool", *args]


@pytest.fixture
def large_import(tmp_path: Path) -> Path:
    path = tmp_path / "large.jsonl"
    with path.open("w", encoding="utf-8") as file:
        for number in range(20_000):
            record = {
                "type": "instrument",
                "id": f"instrument-{number}",
                "title": f"Agreement {number} on trade, tourism and ünïcödé",
                "kind": "agreement",
                "parties": ["Kenya", "Malaysia"],
                "status": "signed",
                "summary": "word " * 30,
            }
            file.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def test_sigkill_during_a_large_import_leaves_before_or_after(
    kb_copy: Path, large_import: Path, tmp_path: Path
) -> None:
    before = tables(kb_copy)
    reference = tmp_path / "reference.json"
    shutil.copyfile(kb_copy, reference)
    subprocess.run(
        kb_command("--db", str(reference), "import", str(large_import)),
        check=True,
        capture_output=True,
    )
    after = tables(reference)
    outcomes = set()
    for delay in (0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 1.0):
        victim = tmp_path / f"victim-{delay}.json"
        shutil.copyfile(kb_copy, victim)
        import_then_kill(victim, large_import, delay)
        state = tables(victim)
        assert state in (before, after), f"killed after {delay}s: a state that is neither"
        outcomes.add("after" if state == after else "before")
        # The next writer cleans up what the killed one left and works normally.
        add_a_source(victim)
        assert not list(tmp_path.glob(f".victim-{delay}.json.*.tmp"))
    assert "before" in outcomes  # the kills did land while the import was running


def test_sigkill_during_a_large_import_into_a_new_file_leaves_none_or_all(
    large_import: Path, tmp_path: Path
) -> None:
    # Into a new file, the index is built by a second process (on Linux): a kill of kb must
    # not leave it behind, holding the lock or its temporary file.
    reference = tmp_path / "reference" / "kb.json"
    reference.parent.mkdir()
    subprocess.run(
        kb_command("--db", str(reference), "import", str(large_import)),
        check=True,
        capture_output=True,
    )
    after = tables(reference)
    outcomes = set()
    # Before the file is written (the child is forked once the batch is read, about 0.1 s
    # in), while it is written and the child builds, and after both are done.
    for delay in (0.15, 0.3, 0.5, 0.7, 1.0):
        victim = tmp_path / f"victim-{delay}" / "kb.json"
        victim.parent.mkdir()
        import_then_kill(victim, large_import, delay)
        if victim.exists():
            assert tables(victim) == after, f"killed after {delay}s: a state that is neither"
        outcomes.add("after" if victim.exists() else "before")
        # The next writer gets the lock (the child let go of it) and works normally.
        add_a_source(victim)
        assert not list(victim.parent.glob(".kb.json.*.tmp"))
        search_agrees(victim, "tourism", "19999")  # every record, and the last one
    assert "before" in outcomes


def test_sigkill_during_a_large_import_in_place_leaves_before_or_after(
    kb_copy: Path, large_import: Path, tmp_path: Path
) -> None:
    # New records into a file kb wrote, its index current: added without parsing the file,
    # the index updated while the file is copied in a second thread.
    add_a_source(kb_copy)  # kb's own file now: its layout and index describe it
    before = tables(kb_copy)

    def as_written(folder: Path) -> Path:
        """``kb_copy``'s folder as kb left it: the same file (kb replaces a file, never
        writes it again), so that its layout and index still describe it."""
        folder.mkdir()
        for name in ("kb.json", "kb.json.layout"):
            os.link(kb_copy.with_name(name), folder / name)
        shutil.copyfile(kb_copy.with_name("kb.json.index"), folder / "kb.json.index")
        return folder / "kb.json"

    reference = as_written(tmp_path / "reference")
    subprocess.run(
        kb_command("--db", str(reference), "import", str(large_import)),
        check=True,
        capture_output=True,
    )
    after = tables(reference)
    outcomes = set()
    # Before the write, while the file is copied and the index updated, and after.
    for delay in (0.2, 0.45, 0.7, 1.0):
        victim = as_written(tmp_path / f"victim-{delay}")
        import_then_kill(victim, large_import, delay)
        state = tables(victim)
        assert state in (before, after), f"killed after {delay}s: a state that is neither"
        outcomes.add("after" if state == after else "before")
        add_a_source(victim)
        assert not list(victim.parent.glob(".kb.json.*.tmp"))
        search_agrees(victim, "tourism", "19999")  # every record, and the last one
    assert "before" in outcomes
    assert tables(kb_copy) == before  # the file the copies shared was never written


def import_then_kill(victim: Path, records: Path, delay: float) -> None:
    """Start ``kb import`` into ``victim`` and SIGKILL it ``delay`` seconds in."""
    process = subprocess.Popen(
        kb_command("--db", str(victim), "import", str(records)),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()


def add_a_source(path: Path) -> None:
    """A write after the kill: it must get the lock and succeed."""
    subprocess.run(
        kb_command("--db", str(path), "add", "source", "--description", "next"),
        check=True,
        capture_output=True,
        timeout=20,
    )


# An index built in memory from a file's records, by the records' digest: the victims of a
# test end in one of two states, and indexing 20,000 instruments takes seconds.
_BUILT: dict[bytes, Any] = {}


def search_agrees(path: Path, *queries: str) -> None:
    """Search through whatever index kb trusts answers as an index built from the file: the
    first page of hits (every record is scored either way, as for kb search)."""
    import hashlib

    import msgspec

    from kbtool.search import memory_index, ranking
    from kbtool.search.query_parser import parse

    kb = KnowledgeBase.open(DbLocation(path, Origin.OPTION))
    records = hashlib.sha256(msgspec.json.encode([kb.instruments, kb.quotations])).digest()
    fresh = _BUILT.get(records)
    if fresh is None:
        fresh = _BUILT[records] = memory_index.build_index(kb.instruments, kb.quotations)
    for query in queries:
        found = [(h.record.id, round(h.score, 9)) for h in kb.search(query, limit=20).hits]
        hits = ranking.query(fresh, parse(query), limit=20).hits
        assert found == [(h.record.id, round(h.score, 9)) for h in hits], query


def test_two_writers_at_once_lose_no_update(tmp_path: Path) -> None:
    db = tmp_path / "shared.json"
    writer = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from kbtool.kb import KnowledgeBase
        from kbtool.store.location import DbLocation, Origin
        kb = KnowledgeBase.open(DbLocation(Path(sys.argv[1]), Origin.OPTION))
        for number in range(50):
            kb.add("source", {"description": f"{sys.argv[2]} {number}"}, f"{sys.argv[2]} {number}")
        """
    )
    processes = [
        subprocess.Popen([sys.executable, "-c", writer, str(db), name], stderr=subprocess.PIPE)
        for name in ("alpha", "beta")
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr.decode()
    ids = tables(db)["sources"]
    assert len(ids) == 100
    assert {f"alpha-{n}" for n in range(50)} | {f"beta-{n}" for n in range(50)} == set(ids)
