"""``kb import``: what it says it does is what it does; --dry-run shows each change."""

from __future__ import annotations

from pathlib import Path

from conftest import Run


def test_a_failed_import_into_a_new_file_says_nothing_of_creating_it(
    kb: Run, tmp_path: Path
) -> None:
    # It once said "creating an empty knowledge base", failed, and created nothing.
    bad = tmp_path / "bad.json"
    bad.write_text('{"instruments": [{"id": "x"}]}', encoding="utf-8")
    new = tmp_path / "new.json"
    result = kb("--db", str(new), "import", str(bad))
    assert result.exit_code == 1
    assert "creat" not in result.stderr
    assert not new.exists()


def test_an_import_into_a_new_file_says_it_was_created(kb: Run, tmp_path: Path) -> None:
    exported = tmp_path / "export.json"
    exported.write_text(kb("export").stdout, encoding="utf-8")
    new = tmp_path / "new.json"
    result = kb("--db", str(new), "import", str(exported))
    assert result.exit_code == 0, result.stderr
    assert f"created {new}" in result.stderr
    assert new.exists()


def _changed_export(kb: Run, tmp_path: Path) -> Path:
    """The shipped records with one instrument changed and one added."""
    import json

    document = json.loads(kb("export").stdout)
    changed = next(i for i in document["instruments"] if i["id"] == "kenya-malaysia-tourism-mou")
    changed["status"] = "in-force"
    changed["parties"].append("Singapore")
    changed["summary"] = None
    document["instruments"].append(
        {"id": "agreement-on-trade", "title": "Agreement on Trade", "kind": "agreement",
         "parties": ["Ghana", "India"]}
    )  # fmt: skip
    path = tmp_path / "changes.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_dry_run_lists_each_change_field_by_field(kb: Run, kb_copy: Path, tmp_path: Path) -> None:
    changes = _changed_export(kb, tmp_path)
    before = kb_copy.read_bytes()
    result = kb("--db", str(kb_copy), "import", str(changes), "--update", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "~ instrument kenya-malaysia-tourism-mou",
        "    parties: + Singapore",
        "    status: signed → in-force",
        "    summary: Focuses on reciprocal tourism promotion and destination marketing. → (none)",
        "+ instrument agreement-on-trade",
        "    title: Agreement on Trade",
        "    kind: agreement",
        "    parties: Ghana; India",
    ]
    assert "1 added, 1 updated" in result.stderr
    assert kb_copy.read_bytes() == before


def test_dry_run_json_gives_every_change(kb: Run, kb_copy: Path, tmp_path: Path) -> None:
    import json

    changes = _changed_export(kb, tmp_path)
    result = kb("--db", str(kb_copy), "import", str(changes), "--update", "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    updated, added = document["changes"]
    assert updated == {
        "type": "instrument",
        "id": "kenya-malaysia-tourism-mou",
        "outcome": "updated",
        "fields": {
            "parties": {
                "before": ["Kenya", "Malaysia"],
                "after": ["Kenya", "Malaysia", "Singapore"],
            },
            "status": {"before": "signed", "after": "in-force"},
            "summary": {
                "before": "Focuses on reciprocal tourism promotion and destination marketing.",
                "after": None,
            },
        },
    }
    assert added["outcome"] == "added" and added["id"] == "agreement-on-trade"
    assert added["fields"]["title"] == {"before": None, "after": "Agreement on Trade"}


def test_an_import_that_writes_lists_no_changes(kb: Run, kb_copy: Path, tmp_path: Path) -> None:
    changes = _changed_export(kb, tmp_path)
    result = kb("--db", str(kb_copy), "import", str(changes), "--update")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "1 added, 1 updated" in result.stderr
