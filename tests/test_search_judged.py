"""Judged queries: what a person types about the shipped article, and the record they want.

Each row is a query, the record that must rank first, and records that must not appear at
all. One test runs them all through ``kb search --json`` over the shipped knowledge base and
reports success@1 (the share of queries whose wanted record is first) and MRR (the mean of
1/rank of the wanted record, 0 when it is missing); run ``pytest -s`` to see the numbers.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from typer.testing import CliRunner

from kbtool.cli.app import app
from kbtool.store.location import shipped_db_path

AIR = "kenya-malaysia-air-services-agreement"
TOURISM = "kenya-malaysia-tourism-mou"
TWINNING = "nairobi-kuala-lumpur-twinning-loi"
CHAMBERS = "kncci-malaysia-chambers-mou"


class Judged(NamedTuple):
    query: str
    first: str
    absent: tuple[str, ...] = ()


JUDGED = [
    # sector words
    Judged("tourism", TOURISM),
    Judged("flights", AIR, (TWINNING, CHAMBERS, TOURISM)),
    Judged("connectivity", AIR, (TWINNING, CHAMBERS)),
    Judged("urban planning", TWINNING, (AIR, TOURISM, CHAMBERS)),
    Judged("agribusiness", CHAMBERS, (AIR, TOURISM, TWINNING)),
    Judged("manufacturing", CHAMBERS, (AIR, TOURISM)),
    Judged("destination marketing", TOURISM, (AIR, CHAMBERS)),
    Judged("investment", TOURISM, (TWINNING, CHAMBERS)),
    Judged("waste management", TWINNING, (AIR, TOURISM, CHAMBERS)),
    # related terms from the vocabulary
    Judged("aviation", AIR, (TWINNING, CHAMBERS, TOURISM)),
    Judged("sister city", TWINNING, (AIR, TOURISM, CHAMBERS)),
    Judged("twinning", TWINNING, (AIR, TOURISM, CHAMBERS)),
    Judged("holiday", TOURISM),
    Judged("chamber of commerce", CHAMBERS, (AIR, TOURISM, TWINNING)),
    # place names
    Judged("Nairobi", TWINNING),
    Judged("East Africa", AIR, (TWINNING, CHAMBERS)),
    # abbreviations
    Judged("KL", TWINNING, (AIR, TOURISM, CHAMBERS)),
    Judged("KNCCI", CHAMBERS, (AIR, TOURISM, TWINNING)),
    Judged("LoI", TWINNING, (AIR, TOURISM, CHAMBERS)),
    Judged("MoU tourism", TOURISM, (AIR, TWINNING)),
    Judged("CS youth", TWINNING, (AIR, TOURISM, CHAMBERS)),
    Judged("NCCIM", CHAMBERS, (AIR, TOURISM, TWINNING)),
    # people
    Judged("Zaliha", TWINNING, (AIR, TOURISM, CHAMBERS)),
    Judged("speaker:ruto strategic partnership", "ruto-broader-deeper-partnership", (AIR,)),
    Judged("speaker:government city", "kenyan-government-city-level-cooperation"),
    # typos
    Judged("tourisim", TOURISM),
    Judged("toursim", TOURISM),
    Judged("urbn planing", TWINNING, (AIR, TOURISM)),
    Judged("agribusines", CHAMBERS),
    # phrases and words from the quotations
    Judged('"Kuala Lumpur"', TWINNING, (AIR, TOURISM, CHAMBERS)),
    Judged('"letter of intent"', TWINNING, (AIR, TOURISM, CHAMBERS)),
    Judged("mutual benefit", "ruto-broader-deeper-partnership", (AIR, TOURISM)),
    Judged("culminated signing", "kenyan-government-culminated-in-signing"),
    Judged("two-way", TOURISM, (AIR, TWINNING, CHAMBERS)),
    # query language: qualifiers, exclusion, OR, the last word as a prefix
    Judged("kind:agreement", AIR, (TOURISM, TWINNING, CHAMBERS)),
    Judged("kind:mou private sector", CHAMBERS, (AIR, TWINNING)),
    Judged("party:KNCCI", CHAMBERS, (AIR, TOURISM, TWINNING)),
    Judged("type:quotation two-way tourism", "ruto-two-way-tourism", (TOURISM,)),
    Judged("tourism -aviation", TOURISM, (AIR, "ruto-expand-connectivity")),
    Judged("zaliha OR aviation", TWINNING, (TOURISM, CHAMBERS)),
    Judged("touri", TOURISM),
    Judged("kuala lum", TWINNING, (AIR, TOURISM, CHAMBERS)),
]


def ranked_ids(query: str) -> list[str]:
    result = CliRunner().invoke(
        app, ["--db", str(shipped_db_path()), "search", query, "--json", "--limit", "100"]
    )
    assert result.exit_code == 0, (query, result.output)
    return [hit["id"] for hit in json.loads(result.stdout)]


def test_judged_queries_rank_the_wanted_record_first() -> None:
    assert len(JUDGED) >= 25
    failures = []
    reciprocal_ranks = []
    for judged in JUDGED:
        ids = ranked_ids(judged.query)
        rank = ids.index(judged.first) + 1 if judged.first in ids else None
        reciprocal_ranks.append(1 / rank if rank else 0.0)
        unwanted = [record for record in judged.absent if record in ids]
        if rank != 1 or unwanted:
            failures.append(f"{judged.query!r}: {judged.first} at {rank}, unwanted {unwanted}")
    success_at_1 = sum(rr == 1.0 for rr in reciprocal_ranks) / len(JUDGED)
    mrr = sum(reciprocal_ranks) / len(JUDGED)
    print(f"\n{len(JUDGED)} judged queries: success@1 = {success_at_1:.3f}, MRR = {mrr:.3f}")
    assert not failures, "\n".join(failures)
    assert success_at_1 == 1.0
