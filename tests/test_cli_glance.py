"""``kb stats``, ``kb timeline`` and ``kb partners``: the numbers, the order, the charts."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from glance_data import HOSTILE_TITLE, benchmark_kb, small_kb

from conftest import Run


@pytest.fixture
def small(write_db: Callable[[dict[str, list[dict[str, Any]]]], Path]) -> Path:
    return write_db(small_kb())


@pytest.fixture
def large() -> Path:
    return benchmark_kb()


# ---------------------------------------------------------------- stats


def test_stats_of_the_shipped_knowledge_base(kb: Run) -> None:
    stats = kb.json("stats")
    # Unfiltered: every source, one no record cites included, as kb sources lists them.
    assert (stats["instruments"], stats["quotations"], stats["sources"]) == (4, 6, 6)
    assert stats["sources"] == len(kb.json("sources"))
    # Filtered: the sources the selection's records cite.
    assert kb.json("stats", "--party", "kenya")["sources"] == 5
    assert stats["kind"] == {
        "memorandum-of-understanding": 2,
        "agreement": 1,
        "letter-of-intent": 1,
    }
    assert stats["status"] == {"signed": 4}
    assert stats["year"] == {"2025": 4} and stats["undated"] == 0
    assert list(stats["party"])[:2] == ["Kenya", "Malaysia"]


def test_stats_take_the_filters_of_kb_list(kb: Run) -> None:
    for options in (["--party", "kncci"], ["--kind", "mou"], ["--sector", "tourism"]):
        listed = kb.json("list", *options)
        stats = kb.json("stats", *options)
        assert stats["instruments"] == len(listed) > 0
        assert sum(stats["kind"].values()) == len(listed)


def test_stats_count_names_that_differ_only_in_case_once(kb: Run, small: Path) -> None:
    stats = kb.json("--db", str(small), "stats")
    # "Textiles" and "textiles": one sector, under the spelling of the first record.
    assert stats["sector"]["Textiles"] == 2 and "textiles" not in stats["sector"]


def test_stats_year_is_the_first_date_an_instrument_carries(kb: Run, small: Path) -> None:
    stats = kb.json("--db", str(small), "stats")
    # The trade agreement's own date (2024) counts, not another source's; the health MoU has
    # only a claimed exchange date (2023); the culture LoI none.
    assert stats["year"] == {"2019": 1, "2021": 1, "2023": 1, "2024": 1}
    assert stats["undated"] == 1


def test_stats_with_two_parties_keeps_instruments_naming_both(kb: Run, small: Path) -> None:
    stats = kb.json("--db", str(small), "stats", "--party", "ghana", "--party", "india")
    assert stats["instruments"] == 3
    assert stats["selection"] == "Ghana – India"  # as the records write them
    # The quotation about the trade agreement; the one about the relationship as a whole
    # comes from a release that also reports the Ghana–Togo protocol, so it is left out.
    assert stats["quotations"] == 1
    assert kb.json("--db", str(small), "stats", "--party", "ghana")["quotations"] == 2


def test_stats_piped_are_tab_separated_numbers(kb: Run) -> None:
    result = kb("stats")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "total\tinstruments\t4" in lines and "kind\tagreement\t1" in lines
    assert "\x1b" not in result.stdout and "█" not in result.stdout


def test_an_unknown_kind_is_a_usage_error(kb: Run) -> None:
    result = kb("stats", "--kind", "banana")
    assert result.exit_code == 2 and "banana" in result.stderr


@pytest.mark.parametrize("width", [60, 250])
def test_stats_chart_fits_the_terminal_with_whole_labels(kb: Run, small: Path, width: int) -> None:
    result = kb("--db", str(small), "stats", "--format", "table", env={"COLUMNS": str(width)})
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    assert any("█" in line for line in lines)
    # Kinds by their short labels, as the tables show them; --json keeps the values.
    for label in ("MoU ", "LoI ", "Textiles"):
        assert any(line.startswith(label) for line in lines), label
    assert "memorandum-of-understanding" in kb.json("--db", str(small), "stats")["kind"]


# ---------------------------------------------------------------- timeline


def test_timeline_orders_dated_events_and_lists_undated_apart(kb: Run, small: Path) -> None:
    timeline = kb.json("--db", str(small), "timeline")
    dated = [(e["date"], e["what"], e["id"]) for e in timeline["entries"]]
    assert dated == sorted(dated)
    assert ("2024-03-01", "signed", "ghana-india-trade-agreement") in dated
    # Another source's date stands in for a date the record lacks, and says whose it is.
    health = next(e for e in timeline["entries"] if e["id"] == "ghana-india-health-mou")
    assert (health["date"], health["claimed_by"]) == ("2023-07-15", "wire-report")
    # A quotation is dated by its source.
    quoted = next(e for e in timeline["entries"] if e["id"] == "mensah-new-chapter")
    assert (quoted["date"], quoted["what"]) == ("2024-03-02", "quoted")
    undated = {(u["type"], u["id"]): u["reason"] for u in timeline["undated"]}
    assert set(undated) == {
        ("instrument", "ghana-india-culture-loi"),
        ("quotation", "envoy-coffee"),
    }
    assert "no date" in undated[("quotation", "envoy-coffee")]


def test_timeline_since_and_until_take_years_and_months(kb: Run, small: Path) -> None:
    timeline = kb.json("--db", str(small), "timeline", "--since", "2021", "--until", "2024-02")
    assert {e["id"] for e in timeline["entries"]} == {
        "kenya-peru-coffee-mou",
        "ghana-india-health-mou",
    }
    bad = kb("--db", str(small), "timeline", "--since", "last year")
    assert bad.exit_code == 2 and "YYYY" in bad.stderr


def test_timeline_terminal_groups_by_year_and_month(kb: Run, small: Path) -> None:
    result = kb("--db", str(small), "timeline", "-f", "table", env={"COLUMNS": "100"})
    text = result.stdout
    headings = [line.strip() for line in text.splitlines() if re.fullmatch(r"\s*[A-Z0-9]\w+", line)]
    assert headings[:4] == ["2019", "November", "2021", "June"]
    assert "Not dated (2)" in text and "its source has no date" in text
    assert "<script>" in text  # stored text shown as it is, never interpreted


def test_timeline_of_the_shipped_pair(kb: Run) -> None:
    timeline = kb.json("timeline", "--party", "kenya", "--party", "malaysia")
    assert {e["id"] for e in timeline["entries"]} >= {"kenya-malaysia-tourism-mou"}
    # The shipped article has no date: its six quotations are listed apart, and say so.
    assert len(timeline["undated"]) == 6
    assert all(u["reason"] == "its source has no date" for u in timeline["undated"])


def test_timeline_piped_is_one_line_an_event(kb: Run, small: Path) -> None:
    lines = kb("--db", str(small), "timeline").stdout.splitlines()
    assert lines[0].startswith("2019-11-05\texchanged\tinstrument\tghana-togo-border-protocol")
    assert lines[-1].startswith("\tundated\t")


# ---------------------------------------------------------------- partners


def test_partners_of_a_party(kb: Run, small: Path) -> None:
    found = kb.json("--db", str(small), "partners", "ghana")
    assert found["matched"] == ["Ghana"]
    india, togo = found["partners"]
    assert (india["name"], india["instruments"], togo["name"]) == ("India", 3, "Togo")
    assert india["kinds"] == {
        "agreement": 1,
        "letter-of-intent": 1,
        "memorandum-of-understanding": 1,
    }
    assert (india["first"], india["latest"]) == ("2023-07-15", "2024-03-01")
    assert togo["sectors"] == {"security": 1}


def test_partners_of_the_shipped_kenya(kb: Run) -> None:
    found = kb.json("partners", "kenya")
    names = [partner["name"] for partner in found["partners"]]
    assert names[0] == "Malaysia"
    assert found["partners"][0]["instruments"] == 3


def test_partners_terminal_shows_every_name_whole_at_60_columns(kb: Run) -> None:
    result = kb("partners", "kenya", "-f", "table", env={"COLUMNS": "60"})
    assert "Malaysia’s National Chamber of Commerce & Industry" in result.stdout
    assert all(len(line) <= 60 for line in result.stdout.splitlines())


def test_a_hostile_title_is_inert_in_a_terminal(kb: Run, small: Path) -> None:
    result = kb(
        "--db",
        str(small),
        "--color",
        "always",
        "timeline",
        "-f",
        "table",
        env={"COLUMNS": "250"},
    )
    # Whole: not read as Rich markup ("[links]" would vanish), nor as anything else.
    assert HOSTILE_TITLE in re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)


# ---------------------------------------------------------------- at scale


def test_every_command_answers_on_the_benchmark_knowledge_base(kb: Run, large: Path) -> None:
    db = ("--db", str(large))
    stats = kb.json(*db, "stats")
    assert stats["instruments"] == 14_000
    assert sum(stats["year"].values()) + stats["undated"] == 14_000
    assert stats["instruments"] == len(kb.json(*db, "list", "--fields", "id"))
    party = next(iter(stats["party"]))
    found = kb.json(*db, "partners", party)
    assert sum(p["instruments"] for p in found["partners"]) >= found["instruments"] > 100
    timeline = kb.json(*db, "timeline", "--party", party, "--since", "2000")
    assert timeline["entries"] and all(e["date"] >= "2000-01-01" for e in timeline["entries"])
    table = kb(*db, "stats", "-f", "table", env={"COLUMNS": "80"})
    assert "By party" in table.stdout and max(map(len, table.stdout.splitlines())) <= 80
    assert json.loads(kb(*db, "timeline", "--json").stdout)["entries"]


def test_an_empty_knowledge_base_gives_empty_answers(kb: Run, tmp_path: Path) -> None:
    db = ("--db", str(tmp_path / "new.json"))
    assert kb.json(*db, "stats")["instruments"] == 0
    assert kb.json(*db, "timeline") | {"selection": ""} == {
        "selection": "",
        "since": None,
        "until": None,
        "entries": [],
        "undated": [],
    }
    assert kb.json(*db, "partners", "kenya")["partners"] == []
    report = kb(*db, "report", "--format", "markdown")
    assert report.exit_code == 0 and "No instrument matches this selection." in report.stdout


@pytest.mark.parametrize("width", [60, 80])
def test_partners_blocks_stay_indented_when_they_wrap(kb: Run, width: int) -> None:
    names = {p["name"] for p in kb.json("partners", "kenya")["partners"]}
    result = kb("partners", "kenya", "--format", "table", env={"COLUMNS": str(width)})
    lines = result.stdout.splitlines()
    blocks = lines[next(i for i, line in enumerate(lines) if line in names) :]
    for line in blocks:
        assert not line.endswith(" "), line
        assert not line or line in names or line.startswith(("  ", "…")), line
