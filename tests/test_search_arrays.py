"""Long posting lists are ranked with numpy (``kbtool.search.arrays``); short ones by the
Python loop. Forcing either path must give the same hits, scores, snippets and reasons, over
the index in memory and the one on disk."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kbtool.kb import KnowledgeBase
from kbtool.search import ranking
from kbtool.search.memory_index import build_index
from kbtool.search.query_parser import parse
from kbtool.search.scoring import Hit, SearchResult
from kbtool.store.location import DbLocation, Origin

WORDS = ["cooperation", "renewable", "energy", "trade", "and", "&", "Kenya’s", "kenya's",
         "tourism", "air", "services", "of", "the", "Énergie", "co-operation", "cooperating",
         "investment", "marketing", "rare"]  # fmt: skip
QUERIES = ["cooperation", '"renewable energy"', "energy trade", "cooperation -tourism",
           "coop", "kind:treaty cooperation", '"trade and investment"', '"trade & investment"',
           "kenya's", "energie OR tourism", "-cooperation", "type:quotation energy",
           '"renewable energy trade"', "air services", "rare"]  # fmt: skip


def sentence(rng: random.Random, size: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(size))


def tables(count: int) -> dict[str, list[dict[str, Any]]]:
    # Few distinct words, so that many documents share a score and ties must be ordered.
    rng = random.Random(6)
    instruments = [
        {
            "id": f"instrument-{n}",
            "title": sentence(rng, rng.randint(1, 4)),
            "kind": rng.choice(["treaty", "agreement", "memorandum-of-understanding"]),
            "parties": ["Kenya", "Malaysia"],
            "status": "signed",
            "summary": sentence(rng, rng.randint(0, 12)) or None,
            "aims": [sentence(rng, 3) for _ in range(rng.randint(0, 3))],
            "sectors": rng.sample(["energy", "trade", "tourism"], rng.randint(0, 2)),
        }
        for n in range(count)
    ]
    quotations = [
        {
            "id": f"quotation-{n}",
            "text": sentence(rng, rng.randint(1, 10)),
            "speaker": "A. Mensah",
            "instrument": f"instrument-{rng.randrange(count)}",
        }
        for n in range(count)
    ]
    return {"instruments": instruments, "quotations": quotations, "sources": []}


def summary(hit: Hit) -> tuple[Any, ...]:
    reasons = [(r.requirement, r.alternative, r.score, r.idf, dict(r.counts)) for r in hit.reasons]
    return (hit.type, hit.record.id, hit.score, hit.snippet, hit.matched_fields, reasons)


def answers(run: Callable[[str, int | None], SearchResult]) -> list[Any]:
    # Limits all along the list: the pruning before the exact, rounded comparison must
    # keep every document that rounds to the last one shown.
    return [
        [summary(hit) for hit in run(text, limit).hits]
        for text in QUERIES
        for limit in (None, *range(1, 40, 3))
    ]


@pytest.fixture
def base(write_db: Callable[[dict[str, list[dict[str, Any]]]], Path]) -> KnowledgeBase:
    return KnowledgeBase.open(DbLocation(write_db(tables(150)), Origin.OPTION))


def test_arrays_and_the_loop_rank_alike_in_memory(
    base: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = build_index(base.instruments, base.quotations)

    def run(text: str, limit: int | None) -> SearchResult:
        return ranking.query(index, parse(text), limit=limit)

    looped = answers(run)
    monkeypatch.setattr(ranking, "ARRAY_THRESHOLD", 0)
    assert answers(run) == looped
    assert any(len(hits) > 20 for hits in looped)  # the knowledge base is large enough


def test_arrays_and_the_loop_rank_alike_on_disk(
    base: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_memory = build_index(base.instruments, base.quotations)
    assert base.search("energy") is not None  # builds the index on disk

    def on_disk(text: str, limit: int | None) -> SearchResult:
        return base.search(text, limit=limit)

    def from_memory(text: str, limit: int | None) -> SearchResult:
        return ranking.query(in_memory, parse(text), limit=limit)

    looped = answers(on_disk)
    assert looped == answers(from_memory)
    monkeypatch.setattr(ranking, "ARRAY_THRESHOLD", 0)
    assert answers(on_disk) == looped
