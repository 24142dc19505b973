"""kb search as a command: the JSON contract of hits and the --type filter."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Run


def test_tourism_finds_both_instruments_and_the_quotations_that_say_it(kb: Run) -> None:
    hits = kb.json("search", "tourism")
    found = {(h["type"], h["id"]) for h in hits}
    assert ("instrument", "kenya-malaysia-tourism-mou") in found
    assert ("instrument", "kenya-malaysia-air-services-agreement") in found
    quotations = {h["id"] for h in hits if h["type"] == "quotation"}
    assert quotations == {"ruto-expand-connectivity", "ruto-two-way-tourism"}
    assert hits[0]["id"] == "kenya-malaysia-tourism-mou"


def test_hits_carry_type_id_score_and_the_record(kb: Run) -> None:
    hit = kb.json("search", "tourism")[0]
    assert list(hit)[:3] == ["type", "id", "score"]
    assert isinstance(hit["score"], float)
    assert hit["title"] == "MoU on Tourism Cooperation"
    scores = [h["score"] for h in kb.json("search", "tourism")]
    assert scores == sorted(scores, reverse=True)


def test_every_word_must_match(kb: Run) -> None:
    ids = {h["id"] for h in kb.json("search", "tourism connectivity")}
    assert "kenya-malaysia-air-services-agreement" in ids
    assert "kenya-malaysia-tourism-mou" not in ids


def test_type_filter(kb: Run) -> None:
    hits = kb.json("search", "tourism", "--type", "quotation")
    assert hits and all(h["type"] == "quotation" for h in hits)
    result = kb("search", "tourism", "--type", "person")
    assert result.exit_code == 2


def test_no_match_is_an_empty_array(kb: Run) -> None:
    result = kb("search", "zebra", "--json")
    assert result.exit_code == 0
    assert result.stdout.strip() == "[]"


def test_an_empty_knowledge_base_reads_a_word_as_itself_without_a_note(
    kb: Run, tmp_path: Path
) -> None:
    path = tmp_path / "empty.json"
    assert kb("--db", str(path), "init").exit_code == 0
    result = kb("--db", str(path), "search", "tourism", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert "read 'tourism' as 'tourism'" not in result.stderr
