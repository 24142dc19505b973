"""kb export and kb import: a knowledge base travels to a colleague unchanged."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import Run


def test_export_json_is_one_document_of_three_tables(kb: Run) -> None:
    document = json.loads(kb("export").stdout)
    assert list(document) == ["instruments", "quotations", "sources"]
    assert (len(document["instruments"]), len(document["quotations"])) == (4, 6)


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_round_trip_through_an_empty_knowledge_base(kb: Run, tmp_path: Path, fmt: str) -> None:
    exported = kb("export", "--format", fmt).stdout
    colleague = tmp_path / "colleague.json"
    result = kb("--db", str(colleague), "import", "-", input=exported)
    assert result.exit_code == 0, result.stderr
    assert "16 added" in result.stderr
    assert kb("--db", str(colleague), "export", "--format", fmt).stdout == exported
    assert kb("--db", str(colleague), "verify").exit_code == 0


def test_export_to_a_file(kb: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = kb("export", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["quotations"][0]["speaker"]


def test_export_through_a_symbolic_link_writes_the_file_it_points_to(
    kb: Run, tmp_path: Path
) -> None:
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    result = kb("export", "-o", str(link))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert json.loads(target.read_text(encoding="utf-8"))["instruments"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_export_to_a_fifo_gives_its_reader_the_export(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    # Opened before kb writes, without waiting for a writer: read while kb runs (the pipe
    # holds only 64 KiB), and nothing hangs if kb never writes to it.
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    export = subprocess.Popen(
        [sys.executable, "-m", "kbtool", "export", "-o", str(fifo)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    received = b""
    deadline = time.monotonic() + 60
    finished = False
    while time.monotonic() < deadline:
        try:
            chunk = os.read(reader, 1 << 16)
        except BlockingIOError:
            chunk = b""
        received += chunk
        if not chunk:
            if finished:
                break
            finished = export.poll() is not None  # then one more read, for the rest
            time.sleep(0.01)
    os.close(reader)
    _, stderr = export.communicate(timeout=60)
    assert export.returncode == 0, stderr
    assert json.loads(received)["instruments"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="mknod needs root")
def test_export_to_a_device_writes_to_it_and_leaves_it_a_device(kb: Run, tmp_path: Path) -> None:
    null = os.stat("/dev/null")
    device = tmp_path / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, null.st_rdev)  # another name for /dev/null
    result = kb("export", "-o", str(device))
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(device.stat().st_mode)


def test_export_to_a_directory_is_refused_plainly(kb: Run, tmp_path: Path) -> None:
    result = kb("export", "-o", str(tmp_path))
    assert result.exit_code == 1
    assert f"{tmp_path} is a directory" in result.stderr
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("target", ["kb.json", "kb.json.index", "kb.json.backups/000001.json"])
def test_export_never_replaces_the_knowledge_base_or_what_kb_keeps_with_it(
    kb: Run, kb_copy: Path, target: str
) -> None:
    # A version in the backups, and the index, exist once kb has written and searched.
    assert (
        kb("--db", str(kb_copy), "edit", "ruto-two-way-tourism", "--set", "verb=said").exit_code
        == 0
    )
    assert kb("--db", str(kb_copy), "search", "tourism", "--json").exit_code == 0
    path = kb_copy.parent / target
    before = path.read_bytes()
    result = kb("--db", str(kb_copy), "export", "-o", str(path))
    assert result.exit_code == 1
    assert "an export never replaces it" in result.stderr
    assert path.read_bytes() == before
    assert kb.json("--db", str(kb_copy), "list")  # still a knowledge base


def test_export_csv_needs_a_table(kb: Run) -> None:
    assert kb("export", "--format", "csv").exit_code == 2
    rows = list(
        csv.DictReader(io.StringIO(kb("export", "-f", "csv", "--table", "quotations").stdout))
    )
    assert len(rows) == 6 and rows[1]["speaker"] == "William Ruto"


def test_export_markdown_reports_every_instrument_with_its_quotations(kb: Run) -> None:
    report = kb("export", "--format", "markdown").stdout
    assert report.count("\n# ") + report.startswith("# ") >= 5
    assert "> to strengthen two-way tourism, investment, and joint destination marketing," in report


@pytest.mark.parametrize("into", ["a new file", "the shipped knowledge base"])
def test_import_names_each_record_that_misquotes_its_source(
    kb: Run, kb_copy: Path, tmp_path: Path, into: str
) -> None:
    said = "We will open two new routes next year, and more after that."
    records = [
        {"type": "source", "id": "airline-report", "description": "A report.", "text": said},
        {"type": "quotation", "id": "routes-true", "text": "We will open two new routes",
         "speaker": "A. Mensah", "source": "airline-report"},
        {"type": "quotation", "id": "routes-false", "text": "We will open three new routes",
         "speaker": "A. Mensah", "source": "airline-report"},
        {"type": "instrument", "id": "routes-agreement", "title": "Air Routes Agreement",
         "kind": "agreement", "parties": ["Ghana", "India"],
         "spans": [{"field": "title", "source": "airline-report", "start": 5, "end": 900}]},
        {"type": "quotation", "id": "routes-after", "text": "and more after that",
         "speaker": "A. Mensah", "source": "airline-report",
         "context": "We will open two routes"},
    ]  # fmt: skip
    db = tmp_path / "new.json" if into == "a new file" else kb_copy
    before = db.read_bytes() if db.exists() else None
    result = kb("--db", str(db), "import", "-", input="\n".join(map(json.dumps, records)))
    assert result.exit_code == 1
    # Each problem under its record's place in the batch, in the batch's order by table.
    assert result.stderr.splitlines()[1:] == [
        "  instruments[0]: span of `title` [5:900] is outside its source",
        "  quotations[1]: text is not verbatim in source 'airline-report'",
        "  quotations[2]: context is not verbatim in source 'airline-report'",
    ]
    assert (db.read_bytes() if db.exists() else None) == before


def test_import_refuses_existing_ids_unless_update(kb: Run, kb_copy: Path) -> None:
    exported = kb("export").stdout
    before = kb_copy.read_bytes()
    # The same records again change nothing, and are no conflict.
    result = kb("--db", str(kb_copy), "import", "-", input=exported)
    assert result.exit_code == 0, result.stderr
    assert "0 added, 0 updated, 16 unchanged" in result.stderr
    assert kb_copy.read_bytes() == before
    changed = json.loads(exported)
    changed["instruments"][0]["status"] = "in-force"
    result = kb("--db", str(kb_copy), "import", "-", input=json.dumps(changed))
    assert result.exit_code == 1
    assert "instruments[0]: id 'kenya-malaysia-air-services-agreement' exists already" in (
        result.stderr
    )
    assert "--update replaces it" in result.stderr
    assert result.stderr.count("exists already") == 1
    assert kb_copy.read_bytes() == before
    result = kb(
        "--db", str(kb_copy), "import", "-", "--update", "--json", input=json.dumps(changed)
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["updated"] == {"instruments": ["kenya-malaysia-air-services-agreement"]}
    assert len(report["unchanged"]["quotations"]) == 6
    assert (
        kb.json("--db", str(kb_copy), "show", "kenya-malaysia-air-services-agreement")["status"]
        == "in-force"
    )


def test_dry_run_reports_and_writes_nothing(kb: Run, tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    result = kb(
        "--db", str(target), "import", "-", "--dry-run", "--json", input=kb("export").stdout
    )
    assert result.exit_code == 0
    assert (
        json.loads(result.stdout)["added"]["quotations"][0]
        == "kenyan-government-culminated-in-signing"
    )
    assert "would import" in result.stderr
    assert not target.exists()


def test_every_bad_record_is_named_in_one_go(kb: Run, tmp_path: Path) -> None:
    document = json.loads(kb("export").stdout)
    document["instruments"][1]["kind"] = "contract"
    document["instruments"][2]["title"] = ""
    document["quotations"][0]["instrument"] = "missing-instrument"
    del document["quotations"][3]["speaker"]
    target = tmp_path / "new.json"
    result = kb("--db", str(target), "import", "-", input=json.dumps(document))
    assert result.exit_code == 1
    assert "instruments[1] ('kenya-malaysia-tourism-mou'): field `kind`" in result.stderr
    assert "instruments[2] ('nairobi-kuala-lumpur-twinning-loi'): field `title`" in result.stderr
    assert "missing-instrument" in result.stderr
    assert "quotations[3]" in result.stderr and "speaker" in result.stderr
    assert not target.exists()


def test_jsonl_lines_must_say_their_type(kb: Run, tmp_path: Path) -> None:
    good = {"type": "instrument", "id": "a", "title": "T", "kind": "treaty", "parties": ["X"]}
    lines = json.dumps({**good, "status": "signed"}) + "\n"
    lines += '{"id": "b"}\n{"type": "person", "id": "c"}\n'
    result = kb("--db", str(tmp_path / "k.json"), "import", "-", input=lines)
    assert result.exit_code == 1
    assert "line 2" in result.stderr and "line 3" in result.stderr
    assert "line 1" not in result.stderr


def test_verify_lists_every_problem(kb: Run, write_db: object, tmp_path: Path) -> None:
    data = json.loads(kb("export").stdout)
    data["quotations"][1]["text"] = "to expand connectivity and peace"
    data["quotations"][2]["source"] = "nowhere"
    data["quotations"].append(dict(data["quotations"][0]))
    path = tmp_path / "broken.json"
    path.write_text(
        json.dumps(
            {name: {str(i): r for i, r in enumerate(recs, 1)} for name, recs in data.items()}
        ),
        encoding="utf-8",
    )
    result = kb("--db", str(path), "verify", "--json")
    assert result.exit_code == 1
    messages = [p["message"] for p in json.loads(result.stdout)]
    assert any("not verbatim" in m for m in messages)
    assert any("unknown source 'nowhere'" in m for m in messages)
    assert any("used twice" in m for m in messages)


def test_verify_passes_on_the_shipped_knowledge_base(kb: Run) -> None:
    result = kb("verify")
    assert result.exit_code == 0
    assert "no problems" in result.stderr


def test_an_empty_jsonl_file_imports_nothing(kb: Run, kb_copy: Path) -> None:
    before = kb_copy.read_bytes()
    result = kb("--db", str(kb_copy), "import", "-", input="")
    assert result.exit_code == 0
    assert "0 added" in result.stderr
    assert kb_copy.read_bytes() == before


def test_verify_checks_spans_against_the_source_text(kb: Run, tmp_path: Path) -> None:
    data = json.loads(kb("export").stdout)
    article = data["sources"][0]
    quotation = data["quotations"][1]
    start = article["text"].index(quotation["text"])
    good = {
        "field": "text",
        "source": article["id"],
        "start": start,
        "end": start + len(quotation["text"]),
    }
    quotation["spans"] = [good, {**good, "start": start + 1, "end": start + 5}]
    data["quotations"][2]["spans"] = [{**good, "end": 10**6}]
    path = tmp_path / "spans.json"
    path.write_text(
        json.dumps(
            {name: {str(i): r for i, r in enumerate(recs, 1)} for name, recs in data.items()}
        ),
        encoding="utf-8",
    )
    problems = json.loads(kb("--db", str(path), "verify", "--json").stdout)
    assert [(p["record"], p["message"].split(" is ")[-1]) for p in problems] == [
        (quotation["id"], "not the quotation"),
        (data["quotations"][2]["id"], "outside its source"),
    ]
