"""README documents every command and every JSON field users rely on."""

from __future__ import annotations

from pathlib import Path

from kbtool.cli.app import app
from kbtool.models import Instrument, Quotation, field_names

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme() -> None:
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        assert f"kb {name}" in README, name


def test_every_record_field_is_in_the_readme() -> None:
    for field in (*field_names(Instrument), *field_names(Quotation)):
        assert f"`{field}`" in README, field


def test_quick_start_has_exactly_two_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = section.split("```", 2)[1]
    commands = [line for line in block.splitlines()[1:] if line.strip()]
    assert len(commands) == 2


def test_ci_runs_the_readme_test_command() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    test_command = section.split("```", 2)[1].splitlines()[2]
    ci_script = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    assert test_command in ci_script.splitlines()
