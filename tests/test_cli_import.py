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
