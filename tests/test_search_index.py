"""The search index on disk beside a knowledge base: same answers as without it, kept in
step with every write, and rebuilt when the file changed behind its back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from test_search_judged import JUDGED

from conftest import Run
from kbtool.kb import KnowledgeBase
from kbtool.search.disk_index import (
    DiskIndex,
    index_path,
    journal_path,
    open_current,
    read_array,
)
from kbtool.search.documents import FIELD_NAMES
from kbtool.store.files import signature
from kbtool.store.location import DbLocation, Origin

PHRASES = [("air", "pact"), ("trade", "winds"), ("two", "way"), ("a", "zanzibar", "of", "new")]


def postings(path: Path) -> dict[str, dict[str, dict[str, int]]]:
    """Where every stem of the index occurs, and a few phrases, by record id: numbers are
    not kept from an update to a rebuild."""
    index = open_current(path, signature(path))
    assert isinstance(index, DiskIndex)
    stems = [stem for (stem,) in index.connection.execute("SELECT DISTINCT stem FROM words")]
    found = {
        stem: {
            index.label(number)[1]: dict(fields)
            for number, fields in index.postings_for(stem).items()
        }
        for stem in stems
    }
    for phrase in PHRASES:
        occurrences = index.phrase_postings(phrase, exact=True) or {}
        found[" ".join(phrase)] = {
            index.label(number)[1]: dict(fields) for number, fields in occurrences.items()
        }
    index.close()
    return found


def lengths(path: Path) -> dict[str, dict[str, int]]:
    """Every record's length of each field it has, and the instrument a quotation is about
    (by id: numbers are not kept from an update to a rebuild)."""
    index = open_current(path, signature(path))
    assert isinstance(index, DiskIndex)
    about = read_array(index.connection, "about", "i")
    found = {}
    for number, record_id in index.connection.execute("SELECT number, id FROM documents"):
        fields = {name: index.field_length(number, name) for name in FIELD_NAMES}
        found[record_id] = {name: length for name, length in fields.items() if length}
        if number < len(about) and about[number] >= 0:
            found[record_id]["about"] = index.label(about[number])[1]
    index.close()
    return found


def hits(kb: Run, *args: str) -> list[tuple[str, str, float, str]]:
    found = kb.json(*args, "--limit", "100")
    return [(h["type"], h["id"], h["score"], h["snippet"]) for h in found]


def test_a_search_builds_the_index_and_answers_as_the_in_memory_one(kb: Run, kb_copy: Path) -> None:
    queries = [judged.query for judged in JUDGED] + ["-aviation", "kind:mou", "tourisim", "KL"]
    for query in queries:
        in_memory = hits(kb, "search", query)  # the shipped file: indexed in memory
        on_disk = hits(kb, "--db", str(kb_copy), "search", query)
        assert on_disk == in_memory, query
    assert open_current(kb_copy, signature(kb_copy)) is not None


def test_show_reads_from_the_index_with_the_same_result(kb: Run, kb_copy: Path) -> None:
    kb("--db", str(kb_copy), "search", "tourism")  # builds the index
    for record_id in ("kenya-malaysia-tourism-mou", "nairobi-kuala-lumpur-twinning-loi"):
        assert kb.json("--db", str(kb_copy), "show", record_id) == kb.json("show", record_id)
    result = kb("--db", str(kb_copy), "show", "kenya-malaysia-tourism")
    assert "did you mean 'kenya-malaysia-tourism-mou'" in result.stderr


def test_writes_keep_the_index_current(kb: Run, kb_copy: Path) -> None:
    db = str(kb_copy)
    kb("--db", db, "search", "tourism")
    kb("--db", db, "add", "instrument", "--id", "ghana-india-aviation",
       "--title", "Air Transport Agreement", "--kind", "agreement",
       "--party", "Ghana", "--party", "India", "--status", "signed")  # fmt: skip
    assert open_current(kb_copy, signature(kb_copy)) is not None  # updated, not stale
    assert "ghana-india-aviation" in [h[1] for h in hits(kb, "--db", db, "search", "aviation")]
    kb("--db", db, "add", "quote", "--text", "wings over the savannah", "--speaker", "A. Mensah",
       "--instrument", "ghana-india-aviation")  # fmt: skip
    # A quotation makes its instrument findable by its words.
    found = hits(kb, "--db", db, "search", "savannah")
    assert {h[1] for h in found} == {"ghana-india-aviation", "mensah-wings-over-the-savannah"}
    kb("--db", db, "edit", "kenya-malaysia-tourism-mou", "--set", "title=MoU on Safari Cooperation")
    assert "kenya-malaysia-tourism-mou" in [h[1] for h in hits(kb, "--db", db, "search", "safari")]
    kb("--db", db, "remove", "ghana-india-aviation", "--cascade", "--yes")
    assert hits(kb, "--db", db, "search", "savannah") == []
    # After all that, the index answers exactly as one built from scratch.
    updated = {q.query: hits(kb, "--db", db, "search", q.query) for q in JUDGED}
    index_path(kb_copy).unlink()
    for query, answer in updated.items():
        assert hits(kb, "--db", db, "search", query) == answer, query


def test_a_file_changed_behind_kbs_back_gets_a_new_index(kb: Run, kb_copy: Path) -> None:
    kb("--db", str(kb_copy), "search", "tourism")
    data = json.loads(kb_copy.read_text(encoding="utf-8"))
    data["instruments"]["1"]["title"] = "Bilateral Zeppelin Services Agreement"
    kb_copy.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    assert open_current(kb_copy, signature(kb_copy)) is None  # stale: it says so itself
    found = [h[1] for h in hits(kb, "--db", str(kb_copy), "search", "zeppelin")]
    assert found[0] == "kenya-malaysia-air-services-agreement"


def test_a_broken_index_is_rebuilt(kb: Run, kb_copy: Path) -> None:
    kb("--db", str(kb_copy), "search", "tourism")
    index_path(kb_copy).write_bytes(b"not a database")
    assert hits(kb, "--db", str(kb_copy), "search", "tourism")[0][1] == "kenya-malaysia-tourism-mou"


def test_when_no_index_can_be_written_search_works_without_one(kb: Run, kb_copy: Path) -> None:
    # A folder kb may not write to, as root sees it too: the index's place is taken.
    index_path(kb_copy).mkdir()
    found = hits(kb, "--db", str(kb_copy), "search", "tourism")
    assert found[0][1] == "kenya-malaysia-tourism-mou"
    assert found == hits(kb, "search", "tourism")


def test_the_knowledge_base_answers_show_from_the_index_without_parsing(kb_copy: Path) -> None:
    base = KnowledgeBase.open(DbLocation(kb_copy, Origin.OPTION))
    base.search("tourism")
    fresh = KnowledgeBase.open(DbLocation(kb_copy, Origin.OPTION))
    assert fresh.instrument("kenya-malaysia-tourism-mou").title == "MoU on Tourism Cooperation"
    assert "instruments" not in fresh.__dict__  # nothing was parsed to answer


def test_after_imports_edits_and_removals_the_index_answers_as_a_fresh_one(
    kb: Run, kb_copy: Path
) -> None:
    db = str(kb_copy)
    kb("--db", db, "search", "tourism")  # builds the index that the writes below update
    batch = {
        "sources": [],
        "instruments": [
            {"id": "ghana-india-trade", "title": "Agreement on Trade", "kind": "agreement",
             "parties": ["Ghana", "India"], "status": "signed"},
        ],
        "quotations": [
            {"id": "mensah-zanzibar", "text": "a zanzibar of new markets", "speaker": "A. Mensah",
             "instrument": "ghana-india-trade"},
            {"id": "mensah-second", "text": "trade winds blow", "speaker": "A. Mensah",
             "instrument": "kenya-malaysia-tourism-mou"},
        ],
    }  # fmt: skip
    assert kb("--db", db, "import", "-", input=json.dumps(batch)).exit_code == 0
    changed = json.loads(kb("--db", db, "export").stdout)
    changed["instruments"][0]["title"] += " and Zanzibar"  # an update of an instrument
    changed["quotations"][0]["speaker_role"] = "Zanzibar envoy"  # and of a quotation
    result = kb("--db", db, "import", "--update", "-", input=json.dumps(changed))
    assert result.exit_code == 0, result.stderr
    kb("--db", db, "edit", "ruto-two-way-tourism", "--set", "verb=stressed")
    kb("--db", db, "edit", "kenya-malaysia-air-services-agreement", "--set", "title=Air Pact")
    kb("--db", db, "remove", "ruto-private-sector-partnerships", "--yes")
    queries = ["zanzibar", "trade", "mensah", "tourism", "air pact", "winds", "partnerships"]
    queries += ['"trade winds"', '"air pact"', '"a zanzibar of new markets"', '"two way"']
    shows = ["kenya-malaysia-tourism-mou", "ghana-india-trade"]
    updated = [hits(kb, "--db", db, "search", q) for q in queries]
    shown = [kb.json("--db", db, "show", s) for s in shows]
    assert open_current(kb_copy, signature(kb_copy)) is not None
    assert ("instrument", "ghana-india-trade") in [h[:2] for h in updated[0]]
    assert [h[1] for h in updated[7]] == ["mensah-second", "kenya-malaysia-tourism-mou"]
    kept = postings(kb_copy)
    assert kept["air pact"]["kenya-malaysia-air-services-agreement"] == {"title": 1}
    kept_lengths = lengths(kb_copy)
    assert kept_lengths["mensah-zanzibar"]["about"] == "ghana-india-trade"
    index_path(kb_copy).unlink()
    assert [hits(kb, "--db", db, "search", q) for q in queries] == updated
    assert postings(kb_copy) == kept
    assert lengths(kb_copy) == kept_lengths
    assert [kb.json("--db", db, "show", s) for s in shows] == shown


def test_an_index_build_reads_each_field_across_records_as_record_by_record() -> None:
    from kbtool.models import Claim, Instrument, Official, Quotation
    from kbtool.search.disk_index import DERIVED
    from kbtool.search.documents import field_values, own_field_texts
    from kbtool.store.location import shipped_db_path
    from kbtool.store.transactions import FileStore

    shipped = KnowledgeBase(FileStore(shipped_db_path(), read_only=True))
    edge = Instrument(
        id="edge", title="Edge", kind="exchange-of-notes", parties=["Ghana"],
        officials=[Official(name="A. Mensah", source="s"), Official(name="B. Osei", role="Envoy",
                                                                    source="s")],
        witnesses=["C. Appiah"], exchanged_at="Accra",
        claims=[Claim(field="sectors", value=["trade", "fish"], source="s"),
                Claim(field="title", value="Edge Pact", source="s")],
    )  # fmt: skip
    bare = Quotation(id="bare", text="Words.", speaker="Someone")
    for records in ([*shipped.instruments, edge], [*shipped.quotations, bare]):
        by_record = [
            {name: "|".join(filter(None, values)) for name, values in field_values(r, None)}
            for r in records
        ]
        expected = {
            name: [fields[name] for fields in by_record]
            for name in by_record[0]
            if name not in DERIVED
        }
        assert own_field_texts(records, "|") == expected


@pytest.fixture
def in_background(monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """Every import into a new file indexes in a second process, however few its records;
    the process id of each build started (None: none started), in order."""
    from kbtool.search import background_build

    started: list[int | None] = []
    start = background_build.start

    def recorded(*args: Any) -> object:
        building = start(*args)
        started.append(None if building is None else building.pid)
        return building

    monkeypatch.setattr(background_build, "BACKGROUND_FROM", 1)
    monkeypatch.setattr(background_build, "start", recorded)
    return started


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux only")
def test_an_import_into_a_new_file_indexes_in_a_second_process_as_a_search_would(
    kb: Run, tmp_path: Path, in_background: list[int | None]
) -> None:
    exported = tmp_path / "export.json"
    exported.write_text(kb("export").stdout, encoding="utf-8")
    new = tmp_path / "new.json"
    result = kb("--db", str(new), "import", str(exported))
    assert result.exit_code == 0, result.stderr
    assert len(in_background) == 1 and in_background[0] is not None
    assert open_current(new, signature(new)) is not None  # signed with the file written
    imported = postings(new)
    queries = ["tourism", '"air services"', "mou", "ruto"]
    found = [hits(kb, "--db", str(new), "search", q) for q in queries]
    shown = kb.json("--db", str(new), "show", "kenya-malaysia-tourism-mou")
    index_path(new).unlink()
    assert [hits(kb, "--db", str(new), "search", q) for q in queries] == found  # rebuilt
    assert postings(new) == imported
    assert kb.json("--db", str(new), "show", "kenya-malaysia-tourism-mou") == shown


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux only")
@pytest.mark.parametrize(
    ("refused", "said"),
    [
        ({"instrument": "nowhere"}, "unknown instrument 'nowhere'"),
        # Refused by validation, which runs while the child reads the records unchecked.
        ({"id": "Not An Id"}, "lower-case letters and digits"),
        ({"speaker": "   "}, "non-blank text"),
    ],
)
def test_a_refused_import_stops_its_index_and_leaves_nothing(
    kb: Run,
    tmp_path: Path,
    in_background: list[int | None],
    refused: dict[str, str],
    said: str,
) -> None:
    import os

    records = [
        {"type": "instrument", "id": f"agreement-{n}", "title": f"Agreement {n}",
         "kind": "agreement", "parties": ["Ghana", "India"]}
        for n in range(50)
    ] + [{"type": "quotation", "id": "lost", "text": "words", "speaker": "A. Mensah",
          "instrument": "agreement-7", **refused}]  # fmt: skip
    new = tmp_path / "new.json"
    result = kb("--db", str(new), "import", "-", input="\n".join(map(json.dumps, records)))
    assert result.exit_code == 1
    assert said in result.stderr
    assert len(in_background) == 1 and in_background[0] is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.json.lock"]
    with pytest.raises(ChildProcessError):  # stopped and waited for: no process is left
        os.waitpid(in_background[0], os.WNOHANG)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux only")
@pytest.mark.parametrize("trouble", [RuntimeError, KeyboardInterrupt])
def test_an_index_failing_after_the_write_leaves_no_process_and_no_file(
    kb: Run,
    tmp_path: Path,
    in_background: list[int | None],
    monkeypatch: pytest.MonkeyPatch,
    trouble: type[BaseException],
) -> None:
    import os

    from kbtool.search import index_building

    def failing(*args: object) -> None:
        raise trouble

    monkeypatch.setattr(index_building, "body_blocks", failing)
    exported = tmp_path / "export.json"
    exported.write_text(kb("export").stdout, encoding="utf-8")
    new = tmp_path / "kb" / "new.json"
    new.parent.mkdir()
    result = kb("--db", str(new), "import", str(exported))
    # The file is written either way (the index is only a cache); an interrupt says so.
    assert (result.exit_code == 0) == (trouble is RuntimeError), result.stderr
    assert kb("--db", str(new), "show", "kenya-malaysia-tourism-mou").exit_code == 0
    assert sorted(p.name for p in new.parent.iterdir()) == [
        "new.json",
        "new.json.layout",
        "new.json.lock",
    ]
    (pid,) = in_background
    assert pid is not None
    with pytest.raises(ChildProcessError):  # the child was waited for: none is left
        os.waitpid(pid, os.WNOHANG)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux only")
def test_a_file_written_meanwhile_stops_the_new_files_index_and_takes_the_import(
    kb: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import shutil

    from kbtool.search import background_build

    exported = tmp_path / "export.json"
    exported.write_text(kb("export").stdout, encoding="utf-8")
    theirs = tmp_path / "theirs" / "kb.json"
    theirs.parent.mkdir()
    assert kb("--db", str(theirs), "import", str(exported)).exit_code == 0
    new = tmp_path / "kb" / "new.json"
    new.parent.mkdir()
    started: list[int] = []
    start = background_build.start

    def and_another_writes(*args: Any) -> object:
        building = start(*args)
        assert building is not None
        started.append(building.pid)
        # Another kb writes the file between this one's fork and its lock.
        shutil.copy(theirs, new)
        return building

    monkeypatch.setattr(background_build, "BACKGROUND_FROM", 1)
    monkeypatch.setattr(background_build, "start", and_another_writes)
    records = [
        {"type": "instrument", "id": f"hydrography-agreement-{n}", "kind": "agreement",
         "title": f"Agreement {n} on hydrography", "parties": ["Ghana", "India"]}
        for n in range(20)
    ]  # fmt: skip
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(map(json.dumps, records)), encoding="utf-8")
    result = kb("--db", str(new), "import", str(batch))
    assert result.exit_code == 0, result.stderr
    assert len(started) == 1
    with pytest.raises(ChildProcessError):  # stopped and waited for: no process is left
        os.waitpid(started[0], os.WNOHANG)
    assert not [p for p in new.parent.iterdir() if ".tmp" in p.name or "building" in p.name]
    ids = [r["id"] for r in kb.json("--db", str(new), "list")]
    assert "kenya-malaysia-tourism-mou" in ids and "hydrography-agreement-7" in ids
    found = hits(kb, "--db", str(new), "search", "hydrography")
    assert len(found) == 20


def test_an_interrupted_build_leaves_no_temporary_file(
    kb_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kbtool.kb import KnowledgeBase
    from kbtool.search import index_building
    from kbtool.store.transactions import FileStore

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(index_building, "analysed", interrupted)
    with pytest.raises(KeyboardInterrupt):
        KnowledgeBase(FileStore(kb_copy)).search("tourism")
    assert sorted(p.name for p in kb_copy.parent.iterdir()) == ["kb.json"]


def test_an_index_commit_killed_midway_is_rolled_back_not_rebuilt(kb: Run, kb_copy: Path) -> None:
    db = str(kb_copy)
    kb("--db", db, "search", "tourism")  # builds the index
    target = index_path(kb_copy)
    # A writer killed in the middle of its commit: pages of the index already overwritten,
    # their old content in a hot journal beside it.
    killed = f"""
import os, sqlite3
connection = sqlite3.connect({str(target)!r}, isolation_level=None)
connection.execute("PRAGMA cache_size=1")  # changed pages go to the file before the commit
connection.execute("BEGIN IMMEDIATE")
connection.execute("DELETE FROM documents")
connection.execute("DELETE FROM meta")
os._exit(9)
"""
    subprocess.run([sys.executable, "-c", killed], check=False)
    assert journal_path(target).exists()
    built = target.stat().st_ino
    assert hits(kb, "--db", db, "search", "tourism")[0][1] == "kenya-malaysia-tourism-mou"
    assert target.stat().st_ino == built  # the same index, rolled back, not built anew
    assert not journal_path(target).exists()
    assert open_current(kb_copy, signature(kb_copy)) is not None


def test_words_of_many_places_are_counted_in_numpy_as_in_python(
    kb: Run, kb_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kbtool.search import postings as counting

    db = str(kb_copy)
    kb("--db", db, "search", "tourism")  # builds the index, which the writes below update
    kb("--db", db, "add", "instrument", "--id", "ghana-india-aviation",
       "--title", "Air Services Agreement", "--kind", "agreement",
       "--party", "Ghana", "--party", "India", "--status", "signed")  # fmt: skip
    kb("--db", db, "add", "quote", "--text", "air services over the savannah",
       "--speaker", "A. Mensah", "--instrument", "ghana-india-aviation")  # fmt: skip
    queries = [judged.query for judged in JUDGED] + ['"air services"', '"kenya malaysia"']
    queries += ["savannah", "air"]
    in_python = [hits(kb, "--db", db, "search", query) for query in queries]
    kept = postings(kb_copy)
    monkeypatch.setattr(counting, "LONG", 0)  # every word through numpy
    monkeypatch.setattr(counting, "LONG_PHRASE", 0)
    assert postings(kb_copy) == kept
    base = KnowledgeBase.open(DbLocation(kb_copy, Origin.OPTION))
    for query, expected in zip(queries, in_python, strict=True):
        found = base.search(query, limit=100).hits
        assert [(h.type, h.record.id, h.score) for h in found] == [e[:3] for e in expected]
