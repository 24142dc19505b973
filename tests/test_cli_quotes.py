"""kb quotes: the six verbatim quotations and their filters."""

from __future__ import annotations

from conftest import Run


def test_json_lists_six_quotations(kb: Run) -> None:
    quotations = kb.json("quotes")
    assert len(quotations) == 6
    assert {q["speaker"] for q in quotations} == {"William Ruto", "Kenyan government"}


def test_speaker_filter_is_case_insensitive(kb: Run) -> None:
    quotations = kb.json("quotes", "--speaker", "RUTO")
    assert len(quotations) == 4
    assert all(q["speaker"] == "William Ruto" for q in quotations)


def test_instrument_filter(kb: Run) -> None:
    quotations = kb.json("quotes", "--instrument", "nairobi-kuala-lumpur-twinning-loi")
    assert [q["id"] for q in quotations] == ["kenyan-government-city-level-cooperation"]


def test_unknown_instrument_is_an_error_not_an_empty_list(kb: Run) -> None:
    result = kb("quotes", "--instrument", "tourism-mou")
    assert result.exit_code == 1
    assert "kenya-malaysia-tourism-mou" in result.stderr


def test_piped_output_is_one_line_per_quotation(kb: Run) -> None:
    lines = kb("quotes").stdout.splitlines()
    assert len(lines) == 6
    assert lines[0].split("\t")[:2] == [
        "kenyan-government-culminated-in-signing",
        "Kenyan government",
    ]
