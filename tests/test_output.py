"""What reaches the terminal or the pipe: plain data, inert stored text, colour rules."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import Run
from kbtool.render import output as render
from kbtool.render.output import ColorChoice, Environment, OutputFormat

HOSTILE_TITLE = "[bold red]Treaty[/] [link=http://evil.example]click[/link] \x1b]0;pwned\x07\x1b[2J"


@pytest.fixture
def hostile_db(write_db: Callable[[dict[str, list[dict[str, Any]]]], Path]) -> Path:
    long_summary = "word " * 60
    return write_db(
        {
            "instruments": [
                {
                    "id": "hostile",
                    "title": HOSTILE_TITLE,
                    "kind": "treaty",
                    "parties": ["A\tB", "C\nD"],
                    "status": "signed",
                    "summary": long_summary.strip(),
                    "sources": ["s"],
                }
            ],
            "quotations": [],
            "sources": [{"id": "s", "description": "test"}],
        }
    )


def terminal(color: ColorChoice = ColorChoice.AUTO, no_color: bool = False) -> Environment:
    return Environment(io.StringIO(), io.StringIO(), True, True, color, no_color)


def pipe() -> Environment:
    return Environment(io.StringIO(), io.StringIO(), False, False)


def test_format_defaults_to_table_on_a_terminal_and_tsv_in_a_pipe() -> None:
    assert terminal().output_format(None, False) is OutputFormat.TABLE
    assert pipe().output_format(None, False) is OutputFormat.TSV
    assert pipe().output_format(OutputFormat.TABLE, False) is OutputFormat.TABLE
    assert terminal().output_format(None, True) is OutputFormat.JSON


def test_table_on_a_terminal_has_colour_and_the_count_on_stderr() -> None:
    env = terminal()
    render.write_records(
        env, [{"id": "a", "title": "T"}], OutputFormat.TABLE, None, ("id", "title"), "Instruments"
    )
    assert "\x1b[" in env.stdout.getvalue()  # type: ignore[attr-defined]
    assert env.stderr.getvalue() == "1 instrument\n"  # type: ignore[attr-defined]


def test_color_never_prints_no_escape_codes() -> None:
    env = terminal(ColorChoice.NEVER)
    render.write_records(env, [{"id": "a"}], OutputFormat.TABLE, None, ("id",), "Instruments")
    assert "\x1b" not in env.stdout.getvalue()  # type: ignore[attr-defined]
    assert "┃ id ┃" in env.stdout.getvalue()  # type: ignore[attr-defined]


def test_no_color_removes_colour_but_keeps_the_table() -> None:
    coloured, plain = terminal(), terminal(no_color=True)
    for env in (coloured, plain):
        render.write_records(env, [{"id": "a"}], OutputFormat.TABLE, None, ("id",), "Instruments")
    assert "\x1b[36m" in coloured.stdout.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[36m" not in plain.stdout.getvalue()  # type: ignore[attr-defined]
    assert "id" in plain.stdout.getvalue()  # type: ignore[attr-defined]


def test_colour_always_even_in_a_pipe(kb: Run) -> None:
    result = kb("--color", "always", "list", "--format", "table")
    assert "\x1b[" in result.stdout


def test_stored_markup_is_shown_as_text_and_escapes_are_inert(kb: Run, hostile_db: Path) -> None:
    result = kb("--db", str(hostile_db), "--color", "always", "list", "--format", "table")
    assert result.exit_code == 0
    assert "[bold red]Treaty[/]" in result.stdout
    assert "[link=http://evil.example]" in result.stdout
    assert "\\x1b]0;pwned\\x07" in result.stdout
    assert "\x07" not in result.stdout and "\x1b]" not in result.stdout
    assert "\x1b[2J" not in result.stdout


def test_show_keeps_stored_text_inert(kb: Run, hostile_db: Path) -> None:
    result = kb("--db", str(hostile_db), "show", "hostile", "--format", "table")
    assert result.exit_code == 0
    assert "[bold red]Treaty[/]" in result.stdout
    assert "\x07" not in result.stdout


def test_tsv_escapes_tabs_newlines_and_control_characters(kb: Run, hostile_db: Path) -> None:
    line = kb("--db", str(hostile_db), "list").stdout
    assert line.count("\n") == 1
    fields = line.rstrip("\n").split("\t")
    assert fields[3] == "A\\tB; C\\nD"
    assert "\\x1b[2J" in fields[1]  # ESC shown as the four characters \x1b
    assert "\\\\x1b" not in line  # not as an escaped backslash


def test_json_is_exact_and_never_wrapped(kb: Run, hostile_db: Path) -> None:
    result = kb("--db", str(hostile_db), "list", "--json")
    record = json.loads(result.stdout)[0]
    assert record["title"] == HOSTILE_TITLE
    assert record["summary"] == ("word " * 60).strip()
    assert "\x1b" not in result.stdout  # JSON escapes it as \u001b


def test_missing_knowledge_base_file_is_empty(kb: Run, tmp_path: Path) -> None:
    result = kb("--db", str(tmp_path / "new.json"), "list", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "not a kbtool knowledge base"),
        (b'{"instruments": {"1": {"id": "x"}}}', "record 'x' is invalid"),
        (b"\xff\xfe", "not valid JSON"),
    ],
)
def test_bad_knowledge_base_file_is_a_one_line_error(
    kb: Run, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    result = kb("--db", str(path), "list")
    assert result.exit_code == 1
    assert message in result.stderr
    assert str(path) in result.stderr
    assert result.stderr.count("\n") == 1
    assert path.read_bytes() == content


def test_directory_as_knowledge_base_is_an_error(kb: Run, tmp_path: Path) -> None:
    result = kb("--db", str(tmp_path), "list")
    assert result.exit_code == 1
    assert "is a directory" in result.stderr


@pytest.mark.parametrize("content", [b'{"name": "left-pad", "version": "1.0"}', b'{"a": [1]}'])
def test_another_json_document_is_not_read_as_an_empty_knowledge_base(
    kb: Run, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "package.json"
    path.write_bytes(content)
    for command in (["list"], ["quotes"], ["search", "x"], ["export"]):
        result = kb("--db", str(path), *command)
        assert result.exit_code == 1, command
        assert "not a kbtool knowledge base" in result.stderr


@pytest.mark.parametrize("args", [[], ["add"]])
def test_a_command_group_alone_prints_its_help_and_no_error(kb: Run, args: list[str]) -> None:
    result = kb(*args)
    assert result.exit_code == 0
    assert "Usage: kb" in result.stdout
    assert "error" not in result.stderr
