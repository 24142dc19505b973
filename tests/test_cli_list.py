"""kb list: instruments, filters, sorting, field selection and output formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from conftest import Run


def test_json_lists_the_four_shipped_instruments(kb: Run) -> None:
    instruments = kb.json("list")
    assert len(instruments) == 4
    assert {i["kind"] for i in instruments} == {
        "agreement",
        "memorandum-of-understanding",
        "letter-of-intent",
    }
    assert all(isinstance(i["parties"], list) for i in instruments)


def test_piped_default_is_plain_tab_separated_lines(kb: Run) -> None:
    result = kb("list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert "\x1b" not in result.stdout
    first = lines[0].split("\t")
    assert first == [
        "kenya-malaysia-air-services-agreement",
        "Bilateral Air Services Agreement",
        "agreement",
        "Kenya; Malaysia",
        "signed",
    ]
    assert result.stderr == ""  # counts and hints only on a terminal


def test_filters_are_case_insensitive(kb: Run) -> None:
    ids = [i["id"] for i in kb.json("list", "--kind", "Memorandum-Of-Understanding")]
    assert ids == ["kenya-malaysia-tourism-mou", "kncci-malaysia-chambers-mou"]
    ids = [i["id"] for i in kb.json("list", "--party", "KNCCI")]
    assert ids == ["kncci-malaysia-chambers-mou"]
    ids = [i["id"] for i in kb.json("list", "--sector", "URBAN PLANNING")]
    assert ids == ["nairobi-kuala-lumpur-twinning-loi"]
    assert len(kb.json("list", "--status", "SIGNED")) == 4


def test_party_filter_matches_what_other_reports_name(kb: Run) -> None:
    ids = [i["id"] for i in kb.json("list", "--party", "Nairobi City County")]
    assert ids == ["nairobi-kuala-lumpur-twinning-loi"]


def test_filters_combine(kb: Run) -> None:
    assert kb.json("list", "--kind", "agreement", "--sector", "agribusiness") == []


def test_empty_result_is_an_empty_array_and_success(kb: Run) -> None:
    result = kb("list", "--party", "Atlantis", "--json")
    assert result.exit_code == 0
    assert result.stdout.strip() == "[]"


def test_unknown_kind_is_a_usage_error_listing_the_kinds(kb: Run) -> None:
    result = kb("list", "--kind", "contract")
    assert result.exit_code == 2
    assert "letter-of-intent" in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_sort_by_title_and_descending(kb: Run) -> None:
    titles = [i["title"] for i in kb.json("list", "--sort", "title")]
    assert titles == sorted(titles, key=str.casefold)
    assert [i["title"] for i in kb.json("list", "--sort=-title")] == titles[::-1]


def test_sort_by_unknown_field_names_the_valid_ones(kb: Run) -> None:
    result = kb("list", "--sort", "colour")
    assert result.exit_code == 2
    assert "colour" in result.stderr and "signed_on" in result.stderr


def test_fields_selects_and_orders_keys(kb: Run) -> None:
    instruments = kb.json("list", "--fields", "title,id")
    assert list(instruments[0]) == ["title", "id"]


def test_unknown_field_is_an_error_that_lists_valid_fields(kb: Run) -> None:
    result = kb("list", "--fields", "id,colour", "--json")
    assert result.exit_code == 2
    assert "'colour'" in result.stderr
    assert "parties" in result.stderr
    assert result.stdout == ""


def test_jsonl_is_one_record_per_line(kb: Run) -> None:
    import json

    lines = kb("list", "--format", "jsonl").stdout.splitlines()
    assert len(lines) == 4
    assert json.loads(lines[0])["id"] == "kenya-malaysia-air-services-agreement"


def test_csv_has_a_header_and_one_row_per_instrument(kb: Run) -> None:
    rows = list(csv.DictReader(io.StringIO(kb("list", "--format", "csv").stdout)))
    assert len(rows) == 4
    assert rows[3]["parties"].startswith("Kenya National Chamber of Commerce & Industry")


def test_markdown_is_a_table(kb: Run) -> None:
    lines = kb("list", "-f", "markdown").stdout.splitlines()
    assert lines[0] == "| id | title | kind | parties | status |"
    assert len(lines) == 6


def test_non_ascii_stays_as_is_in_json(kb: Run) -> None:
    stdout = kb("list", "--json").stdout
    assert "Malaysia’s" in stdout
    assert "\\u2019" not in stdout


def test_json_and_another_format_conflict(kb: Run) -> None:
    result = kb("list", "--json", "--format", "csv")
    assert result.exit_code == 2
    assert "--json" in result.stderr


def test_a_file_kb_wrote_is_listed_from_its_bytes_as_decoding_would_list_it(
    kb: Run, tmp_path: Path, shipped: dict[str, Any]
) -> None:
    from kbtool.store.appending import layout_path, read_layout
    from kbtool.store.files import signature

    db = tmp_path / "written.json"
    exported = kb("export", "--format", "json").stdout
    assert kb("--db", str(db), "import", "-", input=exported).exit_code == 0
    kb("--db", str(db), "edit", "kenya-malaysia-tourism-mou", "--set", "summary=Tourism, “now”")
    layout = read_layout(db, signature(db))
    assert layout is not None and layout.canonical  # every record formatted by kb
    streamed = {
        fmt: kb("--db", str(db), "list", "--format", fmt).stdout for fmt in ("json", "jsonl")
    }
    layout_path(db).unlink()  # without the layout, records are decoded and encoded again
    for fmt, text in streamed.items():
        assert kb("--db", str(db), "list", "--format", fmt).stdout == text, fmt
    assert len(json.loads(streamed["json"])) == 4
    empty = tmp_path / "empty.json"
    kb("--db", str(empty), "import", "-", input='{"instruments": [], "quotations": []}')
    assert kb("--db", str(empty), "list", "--json").stdout == "[]\n"
