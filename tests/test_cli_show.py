"""kb show: one instrument with its quotations; unknown ids get a suggestion."""

from __future__ import annotations

import pytest

from conftest import Run

IDS = [
    "kenya-malaysia-air-services-agreement",
    "kenya-malaysia-tourism-mou",
    "nairobi-kuala-lumpur-twinning-loi",
    "kncci-malaysia-chambers-mou",
]


@pytest.mark.parametrize("record_id", IDS)
def test_every_instrument_can_be_shown_in_every_format(kb: Run, record_id: str) -> None:
    for fmt in ("table", "json", "jsonl", "tsv", "csv", "markdown"):
        result = kb("show", record_id, "--format", fmt)
        assert result.exit_code == 0, (fmt, result.stderr)
        assert result.stdout.strip()


def test_json_is_one_object_with_its_quotations_embedded(kb: Run) -> None:
    shown = kb.json("show", "kenya-malaysia-tourism-mou")
    assert shown["id"] == "kenya-malaysia-tourism-mou"
    assert [q["id"] for q in shown["quotations"]] == ["ruto-two-way-tourism"]
    assert shown["quotations"][0]["speaker"] == "William Ruto"


def test_table_shows_facts_quotations_and_sources(kb: Run) -> None:
    stdout = kb("show", "nairobi-kuala-lumpur-twinning-loi", "--format", "table").stdout
    assert "Letter of Intent to twin Nairobi with Kuala Lumpur" in stdout
    assert "city-level cooperation" in stdout
    assert "Zaliha Mustafa" in stdout
    assert "The Sun (Malaysia)" in stdout
    assert "State House, Nairobi" in stdout


def test_unknown_id_exits_1_with_one_line_and_a_suggestion(kb: Run) -> None:
    result = kb("show", "kenya-malaysia-tourism")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "did you mean 'kenya-malaysia-tourism-mou'" in result.stderr


def test_typo_in_id_is_suggested(kb: Run) -> None:
    result = kb("show", "kenya-malaysia-air-service-agreemnt", "--json")
    assert result.exit_code == 1
    assert "kenya-malaysia-air-services-agreement" in result.stderr


def test_fields_limit_the_object(kb: Run) -> None:
    shown = kb.json("show", "kncci-malaysia-chambers-mou", "--fields", "id,quotations")
    assert list(shown) == ["id", "quotations"]


def test_missing_id_argument_is_a_usage_error(kb: Run) -> None:
    result = kb("show")
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr
