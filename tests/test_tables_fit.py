"""Terminal output fits any width: every table and record at 60, 80, 120 and 200 columns.

Each view is drawn as a terminal of that width draws it (Rich, force_terminal, no colour)
and compared with its snapshot in ``tests/snapshots/``; ``KB_UPDATE_SNAPSHOTS=1 pytest
tests/test_tables_fit.py`` writes them anew (read the diff before committing it). The
properties a person notices are also checked on their own, so that a snapshot taken of a
broken layout cannot pass: no line is wider than the terminal, every id stands whole on one
line, and no word is split across lines.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from conftest import Run
from kbtool.models import KIND_LABELS
from kbtool.render.output import ColorChoice, Environment

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
WIDTHS = (60, 80, 120, 200)
VIEWS = {
    "list": ("list",),
    "quotes": ("quotes",),
    "search-tourism": ("search", "tourism"),
    "sources": ("sources",),
    "sources-of-instrument": ("sources", "--instrument", "kenya-malaysia-tourism-mou"),
    "show-instrument": ("show", "kncci-malaysia-chambers-mou"),
    "show-quotation": ("show", "ruto-two-way-tourism"),
    "show-source": ("show", "malaymail-2025-11-24-anwar-state-welcome-kenya"),
    "show-article": ("show", "article-9423b8af90372fa0"),
}
# Words kb itself prints around the data: headings, labels, panel titles, counts.
_OWN_TEXT = """Instruments Quotations Results Sources Instrument Quotation Source ID Kind Status
    Parties Sectors Places Signed Exchanged on at Witnesses Summary Aims Official Speaker
    Verb About URL Title Outlet Published In the source its sentence Cited for by Text
    quoted passages highlighted From Other reports field value according to score in
    about id title kind parties status type snippet speaker text instrument outlet
    published_on description url • · — “ ”"""
OWN_WORDS = set(_OWN_TEXT.split())
_EDGES = "“”\"'()[]…,.;:"


def _terminal_output(
    kb: Run, monkeypatch: pytest.MonkeyPatch, width: int, args: tuple[str, ...]
) -> str:
    """What ``kb ARGS`` prints on a terminal ``width`` columns wide, without colour."""

    def terminal(
        cls: type[Environment], color: ColorChoice = ColorChoice.AUTO, paging: bool = True
    ) -> Environment:
        return cls(sys.stdout, sys.stderr, True, False, ColorChoice.NEVER, width=width)

    monkeypatch.setattr(Environment, "from_system", classmethod(terminal))
    result = kb(*args)
    assert result.exit_code == 0, result.stderr
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"


def _strings(data: Any) -> Iterator[str]:
    """Every string in a JSON document, keys included."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item)


def _ids(data: Any) -> set[str]:
    """The ids a view shows: its records', and those a table or record refers to."""
    if isinstance(data, list):  # a table: each record's id, a quotation's instrument
        return {
            record[name] for record in data for name in ("id", "instrument") if record.get(name)
        }
    found = {data["id"], *(data.get("sources") or [])}
    found |= {data[name] for name in ("instrument", "source") if data.get(name)}
    found |= {record["id"] for record in (*data.get("quotations", []), *data.get("cited_by", []))}
    return found


def _word(token: str) -> str:
    return token.strip(_EDGES)


def _words(texts: Iterator[str]) -> set[str]:
    return {_word(token) for text in texts for token in text.split()} | {""}


@pytest.fixture(scope="module")
def shown_data() -> dict[str, Any]:
    """Each view's records as JSON: what its terminal output is checked against."""
    from typer.testing import CliRunner

    from kbtool.cli.app import app

    runner = CliRunner()
    data = {}
    for name, args in VIEWS.items():
        result = runner.invoke(app, [*args, "--json"])
        assert result.exit_code == 0, result.stderr
        data[name] = json.loads(result.stdout)
    # Views show words of records they refer to (an instrument's title, a source's outlet).
    export = runner.invoke(app, ["export", "--format", "json"])
    data["every record"] = json.loads(export.stdout)
    return data


def _assert_fits(screen: str, width: int, shown: Any, every_record: Any) -> None:
    """What a person would notice: a line too wide, an id broken, a word split."""
    lines = screen.splitlines()
    too_wide = [line for line in lines if cell_len(line) > width]
    assert not too_wide, f"{len(too_wide)} line(s) wider than {width}: {too_wide[0]!r}"

    for record_id in _ids(shown):
        assert any(record_id in line for line in lines), f"{record_id} is not whole on a line"

    known = _words(_strings(shown)) | _words(_strings(every_record))
    known |= OWN_WORDS | set(KIND_LABELS.values()) | _words(iter(KIND_LABELS.values()))
    for line in lines:
        for token in re.split(r"[\s\u2500-\u257f·]+", line):
            word = _word(token)
            if "/" in word or token.endswith("…") or re.fullmatch(r"[\d.]+", word):
                continue  # a URL shortened to fit (its link is whole), a score
            assert word in known, f"{word!r} is a piece of a word, in {line!r}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("view", list(VIEWS))
def test_view_fits_and_matches_its_snapshot(
    kb: Run,
    monkeypatch: pytest.MonkeyPatch,
    shown_data: dict[str, Any],
    view: str,
    width: int,
) -> None:
    screen = _terminal_output(kb, monkeypatch, width, VIEWS[view])
    _assert_fits(screen, width, shown_data[view], shown_data["every record"])

    snapshot = SNAPSHOTS / f"{view}-{width}.txt"
    if os.environ.get("KB_UPDATE_SNAPSHOTS"):
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(screen, encoding="utf-8")
    assert snapshot.exists(), f"no snapshot {snapshot.name}: run with KB_UPDATE_SNAPSHOTS=1"
    assert screen == snapshot.read_text(encoding="utf-8")


@pytest.mark.parametrize("view", list(VIEWS))
def test_view_fits_every_width_from_60_to_250(
    kb: Run, monkeypatch: pytest.MonkeyPatch, shown_data: dict[str, Any], view: str
) -> None:
    # Between the snapshots too: where one layout gives way to the next is where it breaks.
    for width in range(60, 251, 11):
        screen = _terminal_output(kb, monkeypatch, width, VIEWS[view])
        _assert_fits(screen, width, shown_data[view], shown_data["every record"])


@pytest.mark.parametrize("width", (60, 80))
def test_narrow_list_keeps_every_column_and_the_vocabulary_labels(
    kb: Run, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    screen = _terminal_output(kb, monkeypatch, width, ("list",))
    assert "Bilateral Air Services Agreement" in screen
    assert "MoU · Kenya; Malaysia · signed" in screen
    assert "memorandum-of-understanding" not in screen  # the label, not the value
    assert kb.json("list")[1]["kind"] == "memorandum-of-understanding"  # JSON keeps it


@pytest.mark.parametrize("view", ["list", "sources-of-instrument", "show-quotation", "show-source"])
def test_readme_shows_the_80_column_output_as_kb_prints_it(view: str) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    command = "kb " + " ".join(VIEWS[view])
    shown = (SNAPSHOTS / f"{view}-80.txt").read_text(encoding="utf-8")
    assert f"$ {command}\n{shown}" in readme
