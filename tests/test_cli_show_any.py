"""kb show for a quotation or a source, and kb sources: any record can be looked at."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import Run

ARTICLE = "article-9423b8af90372fa0"
QUOTATION = "ruto-two-way-tourism"
MALAYMAIL = "malaymail-2025-11-24-anwar-state-welcome-kenya"


@pytest.mark.parametrize("record_id", [QUOTATION, ARTICLE, MALAYMAIL])
def test_any_record_can_be_shown_in_every_format(kb: Run, record_id: str) -> None:
    for fmt in ("table", "json", "jsonl", "tsv", "csv", "markdown"):
        result = kb("show", record_id, "--format", fmt)
        assert result.exit_code == 0, (fmt, result.stderr)
        assert result.stdout.strip()


def test_a_quotation_comes_with_the_sentence_it_stands_in(kb: Run) -> None:
    shown = kb.json("show", QUOTATION)
    assert shown["id"] == QUOTATION and shown["instrument"] == "kenya-malaysia-tourism-mou"
    assert shown["sentence"] == (
        "Ruto emphasised that the pact seeks “to strengthen two-way tourism, investment, and "
        "joint destination marketing,” creating structured avenues for both countries to "
        "market their attractions collaboratively."
    )
    table = kb("show", QUOTATION, "--format", "table").stdout
    assert "MoU on Tourism Cooperation" in table  # its instrument, by title
    assert "creating structured avenues" in table


def test_a_source_comes_with_the_records_citing_it_and_where_they_quote_it(kb: Run) -> None:
    shown = kb.json("show", ARTICLE)
    cited = {(record["type"], record["id"]) for record in shown["cited_by"]}
    assert ("instrument", "kenya-malaysia-tourism-mou") in cited
    assert ("quotation", QUOTATION) in cited
    text = shown["text"]
    quoted = {
        passage["id"]: text[passage["start"] : passage["end"]] for passage in shown["passages"]
    }
    assert (
        quoted[QUOTATION]
        == "to strengthen two-way tourism, investment, and joint destination marketing,"
    )


def test_a_source_without_text_has_no_passages(kb: Run) -> None:
    shown = kb.json("show", MALAYMAIL)
    assert shown["text"] is None and shown["passages"] == []
    assert len(shown["cited_by"]) == 4


def test_fields_are_those_of_the_record_shown(kb: Run) -> None:
    assert list(kb.json("show", QUOTATION, "--fields", "speaker,sentence")) == [
        "speaker",
        "sentence",
    ]
    result = kb("show", QUOTATION, "--fields", "parties")
    assert result.exit_code == 2
    assert "sentence" in result.stderr


def test_quoted_passages_are_highlighted_and_stored_text_stays_inert(
    kb: Run, write_db: Callable[[dict[str, list[dict[str, Any]]]], Path]
) -> None:
    text = "Intro. The minister said \x1b[2J“[bold]we will trade more[/bold]” today. End."
    db = write_db(
        {
            "instruments": [],
            "quotations": [
                {
                    "id": "q",
                    "text": "[bold]we will trade more[/bold]",
                    "speaker": "A minister",
                    "source": "s",
                }
            ],
            "sources": [
                {
                    "id": "s",
                    "description": "test",
                    "url": "https://example.com/\x1b]8;;evil\x1b\\",
                    "text": text,
                }
            ],
        }
    )
    result = kb("--db", str(db), "--color", "always", "show", "s", "--format", "table")
    assert result.exit_code == 0, result.stderr
    assert "[bold]we will trade more[/bold]" in result.stdout  # markup shown, not obeyed
    assert "\x1b[2J" not in result.stdout and "\\x1b[2J" in result.stdout
    assert "\x1b]8;;evil" not in result.stdout  # a URL cannot end the hyperlink early
    # The quoted words are drawn in reverse video (SGR 7) with the rest plain.
    assert "\x1b[1;7m[bold]we will trade more[/bold]" in result.stdout
    sentence = kb.json("--db", str(db), "show", "q")["sentence"]
    assert sentence == "The minister said \x1b[2J“[bold]we will trade more[/bold]” today."


def test_urls_are_whole_terminal_hyperlinks(kb: Run) -> None:
    url = kb.json("show", MALAYMAIL)["url"]
    result = kb("--color", "always", "sources", "--format", "table")
    assert "\x1b]8;id=" in result.stdout and f";{url}\x1b\\" in result.stdout
    plain = kb("--color", "never", "sources", "--format", "table").stdout
    assert url.removeprefix("https://")[:40] in plain  # shown once, shortened, on one line


def test_sources_lists_every_source(kb: Run) -> None:
    sources = kb.json("sources")
    assert len(sources) == 6
    assert sources[0]["id"] == ARTICLE
    lines = kb("sources").stdout.splitlines()  # piped: one source a line
    assert len(lines) == 6 and lines[0].split("\t")[0] == ARTICLE


def test_sources_filter_and_sort(kb: Run) -> None:
    assert [s["id"] for s in kb.json("sources", "--outlet", "MALAY MAIL")] == [MALAYMAIL]
    newest = kb.json("sources", "--sort=-published_on", "--fields", "id,published_on")
    assert newest[0]["published_on"] == "2025-11-24" and newest[-1]["published_on"] is None
    result = kb("sources", "--sort", "banana")
    assert result.exit_code == 2


def test_an_unknown_id_names_the_commands_that_list_ids(kb: Run) -> None:
    result = kb("show", "zzzz")
    assert result.exit_code == 1
    assert "no record with id 'zzzz'" in result.stderr
    assert "kb sources" in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.parametrize("record_id", [QUOTATION, ARTICLE])
def test_show_json_of_any_record_does_not_load_rich_or_typer(record_id: str) -> None:
    # Scripts run kb show --json in loops: it stays on the fast path, without a framework.
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kbtool", "show", record_id, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout)["id"] == record_id
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert not {name for name in imported if name.split(".")[0] in ("rich", "typer")}


def test_sources_of_one_instrument(kb: Run) -> None:
    cited = kb.json("show", "kenya-malaysia-tourism-mou")["sources"]
    listed = kb.json("sources", "--instrument", "kenya-malaysia-tourism-mou")
    assert sorted(source["id"] for source in listed) == sorted(cited)
    assert len(listed) < len(kb.json("sources"))
    result = kb("sources", "--instrument", "tourism-mou")
    assert result.exit_code == 1
    assert "kenya-malaysia-tourism-mou" in result.stderr  # did you mean
