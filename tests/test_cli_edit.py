"""``kb edit``: controlled fields take what ``kb add`` takes, and refuse alike."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import Run

TOURISM_MOU = "kenya-malaysia-tourism-mou"


def test_an_unknown_status_is_a_usage_error_naming_the_allowed(kb: Run, kb_copy: Path) -> None:
    before = kb_copy.read_bytes()
    result = kb("--db", str(kb_copy), "edit", TOURISM_MOU, "--set", "status=banana")
    assert result.exit_code == 2
    assert "'banana'" in result.stderr and "in-force" in result.stderr
    assert result.stderr.count("\n") == 1
    assert kb_copy.read_bytes() == before


def test_a_kind_abbreviation_is_understood_as_kb_add_understands_it(kb: Run, kb_copy: Path) -> None:
    edited = kb("--db", str(kb_copy), "edit", TOURISM_MOU, "--set", "kind=mou")
    assert edited.exit_code == 0, edited.stderr
    shown = kb.json("--db", str(kb_copy), "show", TOURISM_MOU)
    assert shown["kind"] == "memorandum-of-understanding"


def test_a_status_in_capitals_is_stored_as_the_vocabulary_writes_it(kb: Run, kb_copy: Path) -> None:
    edited = kb("--db", str(kb_copy), "edit", TOURISM_MOU, "--set", "status=In-Force")
    assert edited.exit_code == 0, edited.stderr
    assert kb.json("--db", str(kb_copy), "show", TOURISM_MOU)["status"] == "in-force"


# ---------------------------------------------------------------- in $EDITOR


def _editor(tmp_path: Path, *steps: str) -> dict[str, str]:
    """EDITOR set to a Python script that runs ``steps[n]`` on its n-th start (the last step
    again after that), with ``path`` the file and ``text`` its content; it logs each text
    it was given to editor.log."""
    script = tmp_path / "editor.py"
    count = tmp_path / "editor.count"
    log = tmp_path / "editor.log"
    bodies = "".join(
        f"if n == {i}:\n" + "".join(f"    {line}\n" for line in step.splitlines())
        for i, step in enumerate(steps)
    )
    script.write_text(
        "import sys, pathlib\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "text = path.read_text()\n"
        f"counter = pathlib.Path({str(count)!r})\n"
        "n = int(counter.read_text()) if counter.exists() else 0\n"
        "counter.write_text(str(n + 1))\n"
        f"n = min(n, {len(steps) - 1})\n"
        f"with open({str(log)!r}, 'a') as out: out.write(text + '\\n=====\\n')\n" + bodies,
        encoding="utf-8",
    )
    return {"EDITOR": f"{sys.executable} {script}", "VISUAL": ""}


def _opened(tmp_path: Path) -> list[str]:
    """The texts the editor was given, in order."""
    return (tmp_path / "editor.log").read_text().split("\n=====\n")[:-1]


def test_the_editor_shows_readable_fields_and_the_allowed_values(
    kb: Run, kb_copy: Path, tmp_path: Path
) -> None:
    editor = _editor(tmp_path, "pass")
    result = kb("--db", str(kb_copy), "edit", TOURISM_MOU, env=editor)
    assert result.exit_code == 0, result.stderr
    [text] = _opened(tmp_path)
    assert "title: MoU on Tourism Cooperation" in text
    assert "  - Kenya\n  - Malaysia" in text
    assert "# kind is one of: agreement, memorandum-of-understanding," in text
    assert "# status is one of: proposed, signed, ratified, in-force," in text
    assert "\nid:" not in text  # ids are stable: not offered for editing


def test_a_saved_edit_is_written(kb: Run, kb_copy: Path, tmp_path: Path) -> None:
    editor = _editor(
        tmp_path,
        "path.write_text(text.replace('status: signed', 'status: in-force')"
        ".replace('  - Malaysia', '  - Malaysia\\n  - Singapore'))",
    )
    result = kb("--db", str(kb_copy), "edit", TOURISM_MOU, env=editor)
    assert result.exit_code == 0, result.stderr
    shown = kb.json("--db", str(kb_copy), "show", TOURISM_MOU)
    assert shown["status"] == "in-force"
    assert shown["parties"] == ["Kenya", "Malaysia", "Singapore"]
    assert shown["sources"]  # fields not touched are kept


def test_an_unchanged_record_writes_nothing(kb: Run, kb_copy: Path, tmp_path: Path) -> None:
    before = kb_copy.read_bytes()
    result = kb("--db", str(kb_copy), "edit", TOURISM_MOU, env=_editor(tmp_path, "pass"))
    assert result.exit_code == 0, result.stderr
    assert "no changes" in result.stderr
    assert kb_copy.read_bytes() == before


@pytest.mark.parametrize(
    ("step", "said"),
    [
        ("path.write_text('# nothing left\\n')", "left empty"),
        ("path.write_text(text.replace('signed', 'in-force'))\nsys.exit(3)", "status 3"),
    ],
    ids=["emptied", "editor failed"],
)
def test_an_abandoned_edit_writes_nothing(
    kb: Run, kb_copy: Path, tmp_path: Path, step: str, said: str
) -> None:
    before = kb_copy.read_bytes()
    result = kb("--db", str(kb_copy), "edit", TOURISM_MOU, env=_editor(tmp_path, step))
    assert result.exit_code == 1
    assert said in result.stderr and "nothing written" in result.stderr
    assert kb_copy.read_bytes() == before


def test_an_invalid_edit_reopens_with_the_problems_on_top(
    kb: Run, kb_copy: Path, tmp_path: Path
) -> None:
    editor = _editor(
        tmp_path,
        "path.write_text(text.replace('status: signed', 'status: banana'))",
        "path.write_text(text.replace('status: banana', 'status: ratified'))",
    )
    result = kb("--db", str(kb_copy), "edit", TOURISM_MOU, env=editor)
    assert result.exit_code == 0, result.stderr
    _, second = _opened(tmp_path)
    assert second.startswith("# error: ")
    assert "status" in second.splitlines()[0] and "ratified" in second.splitlines()[0]
    assert "status: banana" in second  # the person's text is kept
    assert kb.json("--db", str(kb_copy), "show", TOURISM_MOU)["status"] == "ratified"


def test_problems_left_as_they_were_end_the_edit(kb: Run, kb_copy: Path, tmp_path: Path) -> None:
    before = kb_copy.read_bytes()
    editor = _editor(
        tmp_path,
        "path.write_text(text.replace('  - Kenya\\n  - Malaysia\\n', ''))",
        "pass",
    )
    result = kb("--db", str(kb_copy), "edit", TOURISM_MOU, env=editor)
    assert result.exit_code == 1
    assert "nothing written" in result.stderr
    assert len(_opened(tmp_path)) == 2
    assert kb_copy.read_bytes() == before


def test_a_reference_to_nothing_is_refused_and_shown(
    kb: Run, kb_copy: Path, tmp_path: Path
) -> None:
    source = kb.json("--db", str(kb_copy), "show", TOURISM_MOU)["sources"][0]
    editor = _editor(
        tmp_path,
        f"path.write_text(text.replace('  - {source}', '  - no-such-source'))",
        "path.write_text('')",
    )
    result = kb("--db", str(kb_copy), "edit", TOURISM_MOU, env=editor)
    assert result.exit_code == 1
    reopened = _opened(tmp_path)[1]
    assert reopened.startswith("# error: ") and "no-such-source" in reopened.splitlines()[0]


def test_without_an_editor_or_a_terminal_it_asks_for_set(kb: Run, kb_copy: Path) -> None:
    result = kb("--db", str(kb_copy), "edit", TOURISM_MOU)
    assert result.exit_code == 2
    assert "--set" in result.stderr and "EDITOR" in result.stderr


def test_the_editor_takes_kinds_and_statuses_as_set_does(
    kb: Run, kb_copy: Path, tmp_path: Path
) -> None:
    editor = _editor(
        tmp_path,
        "path.write_text(text.replace('status: signed', 'status: In-Force')"
        ".replace('kind: agreement', 'kind: MoU'))",
    )
    air = "kenya-malaysia-air-services-agreement"
    result = kb("--db", str(kb_copy), "edit", air, env=editor)
    assert result.exit_code == 0, result.stderr
    shown = kb.json("--db", str(kb_copy), "show", air)
    assert (shown["kind"], shown["status"]) == ("memorandum-of-understanding", "in-force")


def test_an_editor_that_cannot_be_started_is_said_plainly(kb: Run, kb_copy: Path) -> None:
    before = kb_copy.read_bytes()
    env = {"EDITOR": "/nonexistent/editor --wait", "VISUAL": ""}
    result = kb("--db", str(kb_copy), "edit", "kenya-malaysia-tourism-mou", env=env)
    assert result.exit_code == 1
    assert "cannot run the editor '/nonexistent/editor' ($EDITOR)" in result.stderr
    assert "internal error" not in result.stderr
    assert kb_copy.read_bytes() == before
