"""Bad input of every kind: one line on stderr, a non-zero exit, and the file untouched."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Run

INSTRUMENT = {"id": "x", "title": "T", "kind": "treaty", "parties": ["A"], "status": "signed"}


def document(**changes: object) -> str:
    return json.dumps({"instruments": [{**INSTRUMENT, **changes}]})


IMPORTS = {
    "malformed JSON": (b'{"instruments": [', "is not valid JSON: Input data was truncated"),
    "NaN": (b'{"instruments": [{"id": "x", "title": NaN}]}', "malformed"),
    "Infinity": (b'{"type": "instrument", "id": "x", "year": Infinity}\n', "malformed"),
    "wrong type": (document(parties="A").encode(), "field `parties`: Expected `array`"),
    "unknown kind": (document(kind="pact").encode(), "must be one of: agreement"),
    "unknown status": (document(status="done").encode(), "field `status`"),
    "missing field": (
        json.dumps({"instruments": [{"id": "x"}]}).encode(),
        "missing required field",
    ),
    "empty string": (document(title="").encode(), "field `title`: must be non-blank"),
    "blank string": (document(title="   ").encode(), "field `title`: must be non-blank"),
    "huge field": (document(title="x" * 30_000).encode(), "length <= 20000"),
    "id with space": (document(id="two words").encode(), "field `id`: must be lower-case"),
    "id with slash": (document(id="a/b").encode(), "field `id`: must be lower-case"),
    "unknown field": (document(colour="red").encode(), "unknown field `colour`"),
    "not UTF-8": (b'{"instruments": [{"title": "\xff\xfe"}]}', "not UTF-8"),
    "unknown table": (b'{"people": []}', "unknown table"),
}


@pytest.mark.parametrize("case", list(IMPORTS))
def test_bad_import_changes_nothing(kb: Run, kb_copy: Path, tmp_path: Path, case: str) -> None:
    content, message = IMPORTS[case]
    source = tmp_path / "input.json"
    source.write_bytes(content)
    before = kb_copy.read_bytes()
    result = kb("--db", str(kb_copy), "import", str(source))
    assert result.exit_code == 1
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert kb_copy.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--kind", "pact"], 2, "is not one of"),
        (["--status", "done"], 2, "is not one of"),
        (["--title", ""], 1, "field `title`: must be non-blank"),
        (["--party", " "], 1, "field `parties[0]`"),
        (["--id", "has space"], 1, "field `id`: must be lower-case"),
        (["--id", "a/b"], 1, "field `id`"),
        (["--signed-on", "yesterday"], 1, "field `signed_on`"),
        (["--title", "bad \udcff bytes"], 1, "valid UTF-8"),
        (["--title", "x" * 30_000], 1, "length <= 20000"),
    ],
)
def test_bad_add_options_change_nothing(
    kb: Run, kb_copy: Path, args: list[str], code: int, message: str
) -> None:
    options = {"--title": "T", "--kind": "treaty", "--party": "A", "--status": "signed"}
    options.update(zip(args[::2], args[1::2], strict=True))
    argv = [item for pair in options.items() for item in pair]
    before = kb_copy.read_bytes()
    result = kb("--db", str(kb_copy), "add", "instrument", *argv)
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert kb_copy.read_bytes() == before


def test_markup_and_escapes_are_stored_as_given_and_shown_inert(kb: Run, kb_copy: Path) -> None:
    title = "[bold]Pact[/] [link=https://example.org]x[/link] \x1b[31mred\x1b[0m"
    result = kb(
        "--db",
        str(kb_copy),
        "add",
        "instrument",
        "--title",
        title,
        "--kind",
        "treaty",
        "--party",
        "A",
        "--status",
        "signed",
        "--json",
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == title
    shown = kb(
        "--db",
        str(kb_copy),
        "--color",
        "always",
        "show",
        json.loads(result.stdout)["id"],
        "-f",
        "table",
    )
    assert "[bold]Pact[/]" in shown.stdout
    assert "\\x1b[31mred" in shown.stdout
    assert "\x1b[31mred" not in shown.stdout


def test_non_utf8_argument_bytes_from_a_real_shell(tmp_path: Path) -> None:
    kb_program = shutil.which("kb", path=str(Path(sys.executable).parent))
    if kb_program is None:
        pytest.skip("kb is not installed")
    db = tmp_path / "kb.json"
    env = {k: v for k, v in os.environ.items() if k != "KB_DB"}
    result = subprocess.run(
        [kb_program, "--db", str(db), "add", "source", "--description", b"caf\xe9"],
        capture_output=True, env=env, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert b"valid UTF-8" in result.stderr
    assert b"Traceback" not in result.stderr
    assert not db.exists()


def test_non_utf8_text_file_is_refused(kb: Run, tmp_path: Path) -> None:
    text = tmp_path / "article.txt"
    text.write_bytes(b"Le caf\xe9")
    db = tmp_path / "kb.json"
    result = kb("--db", str(db), "add", "source", "--description", "d", "--text-file", str(text))
    assert result.exit_code == 1
    assert "not UTF-8" in result.stderr
    assert not db.exists()


def test_missing_import_file(kb: Run, kb_copy: Path) -> None:
    result = kb("--db", str(kb_copy), "import", "no-such-file.json")
    assert result.exit_code == 1
    assert "no such file" in result.stderr


@pytest.mark.parametrize(
    "content", [b"", b"   \n", b"{trunc", b'{"instruments": {"1": {"id": "x"', b"[]"]
)
def test_corrupt_knowledge_base_is_never_overwritten(
    kb: Run, tmp_path: Path, content: bytes
) -> None:
    db = tmp_path / "kb.json"
    db.write_bytes(content)
    result = kb("--db", str(db), "add", "source", "--description", "d")
    assert result.exit_code == 1
    assert str(db) in result.stderr
    assert result.stderr.count("\n") == 1
    assert db.read_bytes() == content


def test_corrupt_file_error_names_the_backup_to_restore(kb: Run, kb_copy: Path) -> None:
    kb("--db", str(kb_copy), "add", "source", "--description", "d")
    kb_copy.write_bytes(b"{half a fi")
    result = kb("--db", str(kb_copy), "list")
    assert result.exit_code == 1
    assert "kb.json.backups/000001.json" in result.stderr
    assert "kb undo" in result.stderr
    assert kb("--db", str(kb_copy), "undo").exit_code == 0
    assert len(kb.json("--db", str(kb_copy), "list")) == 4


@pytest.mark.parametrize("command", [["import", ""], ["ingest", ""], ["import", "missing.json"]])
def test_an_empty_or_missing_file_argument_is_a_clear_error(
    kb: Run, tmp_path: Path, command: list[str]
) -> None:
    result = kb("--db", str(tmp_path / "kb.json"), *command)
    assert result.exit_code in (1, 2)
    assert result.stderr.startswith("kb: error: ")
    assert "directory" not in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["show", "ID"],
        ["edit", "ID", "--set", "status=signed"],
        ["remove", "ID", "--yes"],
        ["quotes", "--instrument", "ID"],
        ["list", "--kind", "ID"],
        ["search", "--type", "ID", "tourism"],
        ["edit", "kenya-malaysia-tourism-mou", "--set", "ID=1"],
        ["list", "--sort", "ID"],
        ["list", "--fields", "ID"],
    ],
)
def test_a_long_value_is_shortened_in_the_error(kb: Run, kb_copy: Path, command: list[str]) -> None:
    pasted = "a" * 10_000
    result = kb("--db", str(kb_copy), *[arg.replace("ID", pasted) for arg in command])
    assert result.exit_code != 0
    assert len(result.stderr) < 1_000, result.stderr[:300]
    assert "a" * 40 in result.stderr  # its start, to recognise it
    assert "10,000 characters" in result.stderr
