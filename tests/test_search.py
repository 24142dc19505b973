"""kb search: the query language, vocabulary, typo tolerance, readable results, --explain."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kbtool.cli.app import app
from kbtool.store.location import shipped_db_path, shipped_vocabulary_path

SHIPPED = str(shipped_db_path())


def kb(*args: str, db: str = SHIPPED) -> Any:
    return CliRunner().invoke(app, ["--db", db, *args])


def hits(*query: str) -> list[dict[str, Any]]:
    result = kb("search", *query, "--json", "--limit", "100")
    assert result.exit_code == 0, result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def ids(*query: str) -> list[str]:
    return [hit["id"] for hit in hits(*query)]


# ---------------------------------------------------------------- matching and language


def test_stemming_finds_flight_routes_for_flights() -> None:
    assert ids("flights")[0] == "kenya-malaysia-air-services-agreement"


def test_folding_ignores_case_accents_curly_quotes_and_dashes() -> None:
    assert ids("KÉNYA tourism") == ids("kenya tourism")
    assert ids("\u201cKuala Lumpur\u201d") == ids('"Kuala Lumpur"')
    assert "ruto-two-way-tourism" in ids("two\u2013way")
    assert ids("Malaysia\u2019s National Chamber")[0] == "kncci-malaysia-chambers-mou"


def test_every_word_must_match_and_or_accepts_either() -> None:
    both = set(ids("zaliha aviation"))
    either = set(ids("zaliha OR aviation"))
    assert both == set()
    assert {"nairobi-kuala-lumpur-twinning-loi", "kenya-malaysia-air-services-agreement"} <= either


def test_a_minus_word_leaves_out_what_the_word_finds() -> None:
    found = ids("tourism -aviation")
    assert "kenya-malaysia-tourism-mou" in found
    assert "kenya-malaysia-air-services-agreement" not in found
    # An exclusion may start the query: it is not taken for an unknown option.
    assert ids("-aviation", "tourism") == found


def test_a_quoted_phrase_needs_its_words_together_and_in_order() -> None:
    assert ids('"Kuala Lumpur"')[0] == "nairobi-kuala-lumpur-twinning-loi"
    assert ids('"Lumpur Kuala"') == []
    assert ids("Lumpur Kuala")[0] == "nairobi-kuala-lumpur-twinning-loi"


def test_the_last_word_matches_as_a_prefix_and_only_the_last() -> None:
    assert ids("touri")[0] == "kenya-malaysia-tourism-mou"
    assert ids("touri kind:mou")[0] == "kenya-malaysia-tourism-mou"
    assert ids("touri kenya") == []


def test_qualifiers_filter_like_kb_list() -> None:
    for option, value in (("party", "kenya national"), ("sector", "tourism"), ("status", "signed")):
        listed = kb("list", f"--{option}", value, "--json")
        wanted = {doc["id"] for doc in json.loads(listed.stdout)}
        found = hits(f'{option}:"{value}"', "type:instrument")
        assert {hit["id"] for hit in found} == wanted, option


def test_speaker_keeps_only_that_speakers_quotations() -> None:
    found = hits("speaker:ruto", "partnership")
    assert {hit["id"] for hit in found} == {
        "ruto-private-sector-partnerships",
        "ruto-broader-deeper-partnership",
    }
    assert all(hit["speaker"] == "William Ruto" for hit in found)


def test_kind_takes_an_abbreviation_from_the_vocabulary() -> None:
    assert set(ids("kind:mou", "type:instrument")) == {
        "kenya-malaysia-tourism-mou",
        "kncci-malaysia-chambers-mou",
    }


def test_an_invalid_qualifier_value_is_a_one_line_usage_error() -> None:
    result = kb("search", "kind:banana tourism", "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("kb: error: kind: 'banana' is not one of:")
    assert result.stderr.count("\n") == 1


def test_a_mistyped_option_is_not_taken_for_a_query_word() -> None:
    result = kb("search", "tourism", "--limt", "3")
    assert result.exit_code == 2
    assert "--limt" in result.stderr


# ---------------------------------------------------------------- vocabulary and typos


def test_abbreviations_and_related_terms_come_from_the_vocabulary() -> None:
    assert ids("KL")[0] == "nairobi-kuala-lumpur-twinning-loi"
    assert ids("aviation")[0] == "kenya-malaysia-air-services-agreement"
    assert ids("sister city")[0] == "nairobi-kuala-lumpur-twinning-loi"


def test_the_vocabulary_is_a_data_file_beside_the_knowledge_base() -> None:
    path = shipped_vocabulary_path()
    assert path.parent == shipped_db_path().parent
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["abbreviations"]["KL"] == ["Kuala Lumpur"]
    assert all(len(group) >= 2 for group in data["related"])


def test_a_custom_vocabulary_changes_what_a_query_finds() -> None:
    from kbtool.kb import KnowledgeBase
    from kbtool.search import ranking, vocabulary
    from kbtool.search.memory_index import build_index
    from kbtool.search.query_parser import parse
    from kbtool.store.location import resolve

    base = KnowledgeBase.open(resolve(shipped_db_path()))
    index = build_index(base.instruments, base.quotations)
    words = vocabulary.parse(b'{"abbreviations": {"ASEAN": ["Southeast Asia"]}}')
    assert ranking.query(index, parse("ASEAN"), vocabulary.parse(b"{}")).hits == []
    found = ranking.query(index, parse("ASEAN"), words).hits
    assert found[0].record.id == "kenya-malaysia-air-services-agreement"


def test_a_misspelt_word_is_corrected_and_stderr_says_so() -> None:
    result = kb("search", "tourisim", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["id"] == "kenya-malaysia-tourism-mou"
    assert "showing results for tourism" in result.stderr


def test_a_word_close_to_nothing_finds_nothing_without_a_correction() -> None:
    result = kb("search", "zebra", "--json")
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])
    assert "showing results" not in result.stderr


def test_a_known_word_is_never_corrected() -> None:
    result = kb("search", "trade", "--json")
    assert "showing results" not in result.stderr


# ---------------------------------------------------------------- results


def test_json_hits_carry_score_matched_fields_and_a_snippet() -> None:
    first = hits("flights")[0]
    assert list(first)[:5] == ["type", "id", "score", "matched_fields", "snippet"]
    assert first["matched_fields"][0] == "summary"
    assert first["snippet"] == first["summary"]
    assert "flight" in first["snippet"]
    assert first["title"] == "Bilateral Air Services Agreement"


def test_a_long_field_gives_a_short_snippet_around_the_match() -> None:
    quotation = next(h for h in hits("KL") if h["id"] == "kenyan-government-culminated-in-signing")
    assert len(quotation["snippet"]) <= 170 < len(quotation["context"])
    assert "Kuala Lumpur" in quotation["snippet"]
    assert quotation["snippet"].startswith("…")


def test_results_are_best_first_and_limited() -> None:
    scores = [hit["score"] for hit in hits("tourism")]
    assert scores == sorted(scores, reverse=True) and len(scores) > 2
    limited = kb("search", "tourism", "--limit", "2", "--json")
    assert len(json.loads(limited.stdout)) == 2


def test_fields_can_pick_the_snippet() -> None:
    result = kb("search", "aviation", "--fields", "id,snippet", "--format", "tsv")
    first = json.loads(kb("search", "aviation", "--json").stdout)[0]
    assert first["snippet"] in (first["title"], first["summary"])
    assert result.stdout.splitlines()[0] == f"{first['id']}\t{first['snippet']}"


def test_a_terminal_table_highlights_the_matched_words() -> None:
    result = kb("--color", "always", "search", "flights", "--format", "table")
    assert result.exit_code == 0
    assert "\x1b[1;7mflight\x1b[0m" in result.stdout


def test_stored_text_in_a_snippet_stays_inert(tmp_path: Path) -> None:
    hostile = {
        "id": "evil",
        "title": "Tourism \x1b]0;pwned\x07 [bold]deal[/bold]",
        "kind": "agreement",
        "parties": ["A", "B"],
        "status": "signed",
        "sources": ["s"],
    }
    db = tmp_path / "kb.json"
    db.write_text(json.dumps({"instruments": {"1": hostile}, "sources": {}}), encoding="utf-8")
    result = kb("--color", "always", "search", "tourism", "--format", "table", db=str(db))
    assert result.exit_code == 0
    assert "\x1b]0;" not in result.stdout
    assert "\\x1b]0;pwned\\x07" in result.stdout
    assert "[bold]deal[/bold]" in result.stdout


def test_explain_shows_the_parse_and_the_scores_on_stderr() -> None:
    result = kb("search", "KL tourisim", "--explain", "--json")
    assert result.exit_code == 0
    # stdout stays the JSON array of hits
    assert json.loads(result.stdout)[0]["id"] == "nairobi-kuala-lumpur-twinning-loi"
    assert "must match: KL" in result.stderr
    assert "Kuala Lumpur weight 0.90 (abbreviation: KL = Kuala Lumpur)" in result.stderr
    assert "tourisim → tourism" in result.stderr
    explained = kb("search", "kind:agreement flights", "--explain", "--json").stderr
    assert "filter: kind:agreement" in explained
    assert "1. instrument kenya-malaysia-air-services-agreement" in explained
    assert "flights [stem flight]" in explained
    assert "flights in summary 1x" in explained


# ---------------------------------------------------------------- queries that must not break it


HOSTILE = [
    "[",
    "c++",
    '"',
    "-",
    ":",
    "",
    "   ",
    "(",
    "*",
    "\\",
    "OR",
    "tourism OR",
    "-kind:",
    'party:"unclosed',
    "kind:",
    "\x00\x1b[2J",
    "x" * 10_000,
    " ".join(["tourism"] * 1_500),
    "-a " * 3_000,
    ":" * 10_000,
    '"' * 9_999,
]


@pytest.mark.parametrize("query", HOSTILE, ids=lambda q: repr(q[:12]) + f"/{len(q)}")
def test_no_query_breaks_it(query: str) -> None:
    result = kb("search", "--json", "--", query)
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), list)
    assert "Traceback" not in result.stderr
    # A message, if any, is a few short lines, never the query echoed back in full.
    assert len(result.stderr) < 400
    assert "\x1b" not in result.stderr


# Query-language characters and words, so that generated queries exercise the parser.
_PIECES = st.sampled_from(
    ['"', "-", ":", "OR", "kind:", "party:", "speaker:", "type:", " ", "tourism", "KL", "\u201c"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=12).map("".join))
@example("--\n")  # an option-like word with a line break: still one line
def test_any_text_gives_results_or_a_one_line_usage_error(query: str) -> None:
    result = kb("search", "--json", "--", query)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 0:
        assert isinstance(json.loads(result.stdout), list)
    else:
        assert result.exit_code == 2
        assert result.stderr.startswith("kb: error: ")
        assert result.stderr.count("\n") == 1


def test_an_empty_query_says_there_is_nothing_to_search_for() -> None:
    result = kb("search", "")
    assert result.exit_code == 0
    assert result.stderr.startswith("kb: nothing to search for")


def test_kb_list_does_not_import_the_search_modules(tmp_path: Path) -> None:
    # kb list's filters are kbtool.search.filters (a query's kind: is --kind), which loads
    # nothing else of the package unless a value needs the vocabulary.
    probe = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from kbtool.cli.app import app\n"
        "CliRunner().invoke(app, ['list', '--json'])\n"
        "shared = ('kbtool.search', 'kbtool.search.filters')\n"
        "print(sorted(m for m in sys.modules if m.startswith(('kbtool.search', "
        "'Stemmer', 'rapidfuzz', 'numpy')) and m not in shared))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
