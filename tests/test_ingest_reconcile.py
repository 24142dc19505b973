"""``kb ingest`` against a knowledge base that holds the event already: matching, --apply's
updates, idempotence, --only; and ``kbtool.ingest.reconcile`` on records alone."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from kbtool.ingest import reconcile
from kbtool.models import Claim, Excerpt, Instrument, Quotation

HERE = Path(__file__).resolve().parent
# Another outlet's report of the shipped Kenya–Malaysia exchange, written for these tests.
SECOND_REPORT = HERE / "articles" / "kenya-malaysia-second-report.txt"
SHIPPED_INSTRUMENTS = [
    "kenya-malaysia-air-services-agreement",
    "kenya-malaysia-tourism-mou",
    "nairobi-kuala-lumpur-twinning-loi",
    "kncci-malaysia-chambers-mou",
]
TWO_INSTRUMENTS = (
    "Chile and Japan sign copper research memorandum\n"
    "Chile and Japan signed a Memorandum of Understanding on Copper Research on Monday.\n"
    "“The Memorandum of Understanding on Copper Research opens a new chapter for both "
    "countries,” the Chilean government said.\n"
    "The two countries also signed an Agreement on Seismic Monitoring.\n"
)


@pytest.fixture
def seed_article(tmp_path: Path, shipped: dict[str, Any]) -> Path:
    source = next(s for s in shipped["sources"].values() if s["id"] == "article-9423b8af90372fa0")
    path = tmp_path / "seed.txt"
    path.write_text(source["text"] + "\n", encoding="utf-8")
    return path


def _instrument(**fields: Any) -> Instrument:
    base: dict[str, Any] = {
        "id": "x",
        "title": "MoU on Tourism Cooperation",
        "kind": "memorandum-of-understanding",
        "parties": ["Kenya", "Malaysia"],
        "status": "signed",
    }
    return Instrument(**(base | fields))


# ------------------------------------------------------------------ through the CLI


def test_a_second_report_matches_all_four_shipped_instruments(kb: Any, kb_copy: Path) -> None:
    found = kb.json("--db", str(kb_copy), "ingest", str(SECOND_REPORT))

    assert [i["id"] for i in found["instruments"]] == SHIPPED_INSTRUMENTS
    for instrument in found["instruments"]:
        match = instrument["match"]
        assert match["id"] == instrument["id"]
        assert reconcile.THRESHOLD <= match["score"] <= 1
        assert any(r.startswith("kind:") for r in match["reasons"])
        assert any(r.startswith("title:") for r in match["reasons"])
    # The article's own wording stays in the proposed record.
    assert found["instruments"][1]["title"] == "memorandum of understanding on tourism cooperation"


def test_a_quotation_already_held_is_matched_not_proposed(kb: Any, kb_copy: Path) -> None:
    found = kb.json("--db", str(kb_copy), "ingest", str(SECOND_REPORT))

    (quotation,) = found["quotations"]
    assert quotation["id"] == "ruto-two-way-tourism"
    assert quotation["match"]["id"] == "ruto-two-way-tourism"
    assert "same words" in quotation["match"]["reasons"]


def test_review_says_already_in_the_knowledge_base_and_what_it_adds(kb: Any, kb_copy: Path) -> None:
    result = kb("--db", str(kb_copy), "ingest", str(SECOND_REPORT))

    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "already in the knowledge base as kenya-malaysia-tourism-mou" in out
    assert "kind: memorandum-of-understanding in both" in out
    assert "+ claim title: memorandum of understanding on tourism cooperation" in out
    assert "0 new, 5 already in the knowledge base (4 to update with this article)" in out


def test_apply_adds_the_source_excerpts_and_claims_to_the_known_records(
    kb: Any, kb_copy: Path
) -> None:
    before = {i["id"]: i for i in kb.json("--db", str(kb_copy), "list")}
    quotes_before = kb.json("--db", str(kb_copy), "quotes")

    result = kb("--db", str(kb_copy), "ingest", str(SECOND_REPORT), "--apply")

    assert result.exit_code == 0, result.stderr
    assert "1 record(s) added, 4 updated" in result.stderr  # the article, as a source
    after = {i["id"]: i for i in kb.json("--db", str(kb_copy), "list")}
    assert list(after) == list(before)
    assert kb.json("--db", str(kb_copy), "quotes") == quotes_before
    tourism = kb.json("--db", str(kb_copy), "show", "kenya-malaysia-tourism-mou")
    new_source = tourism["sources"][-1]
    assert new_source.startswith("article-") and new_source not in before[tourism["id"]]["sources"]
    assert tourism["title"] == "MoU on Tourism Cooperation"  # kept, not overwritten
    assert [e["text"] for e in tourism["excerpts"] if e["source"] == new_source] == [
        "The two sides also exchanged a memorandum of understanding on tourism cooperation, "
        "which covers joint promotion of both destinations."
    ]
    assert {"field": "title", "value": "memorandum of understanding on tourism cooperation",
            "source": new_source} in tourism["claims"]  # fmt: skip
    for claim in before["kenya-malaysia-tourism-mou"]["claims"]:
        assert claim in tourism["claims"]
    assert kb("--db", str(kb_copy), "verify").exit_code == 0


def test_applying_the_same_report_twice_changes_nothing(kb: Any, kb_copy: Path) -> None:
    assert kb("--db", str(kb_copy), "ingest", str(SECOND_REPORT), "--apply").exit_code == 0
    once = kb_copy.read_bytes()

    again = kb("--db", str(kb_copy), "ingest", str(SECOND_REPORT), "--apply")

    assert again.exit_code == 0, again.stderr
    assert "0 record(s) added, 0 updated" in again.stderr
    assert kb_copy.read_bytes() == once
    found = kb.json("--db", str(kb_copy), "ingest", str(SECOND_REPORT))
    assert all(i["match"] for i in found["instruments"])


def test_the_seed_article_yields_its_four_instruments_and_six_quotations_as_known(
    kb: Any, kb_copy: Path, seed_article: Path
) -> None:
    found = kb.json("--db", str(kb_copy), "ingest", str(seed_article))

    assert len(found["instruments"]) == 4 and len(found["quotations"]) == 6
    for record in [*found["instruments"], *found["quotations"]]:
        assert record["match"]["id"] == record["id"]
    before = kb_copy.read_bytes()
    applied = kb("--db", str(kb_copy), "ingest", str(seed_article), "--apply")
    assert "0 record(s) added, 0 updated" in applied.stderr
    assert kb_copy.read_bytes() == before


def test_the_same_words_by_another_speaker_are_a_new_quotation(kb: Any, kb_copy: Path) -> None:
    article = kb_copy.parent / "other-speaker.txt"
    article.write_text(
        "Kenya and Malaysia signed an MoU on Tourism Cooperation.\n"
        "Tourism Minister Jane Wambui said the pact seeks “to strengthen two-way tourism, "
        "investment, and joint destination marketing.”\n",
        encoding="utf-8",
    )
    found = kb.json("--db", str(kb_copy), "ingest", str(article))

    (quotation,) = found["quotations"]
    assert quotation["match"] is None
    assert quotation["id"] != "ruto-two-way-tourism"
    assert found["instruments"][0]["match"]["id"] == "kenya-malaysia-tourism-mou"


def test_only_keeps_just_the_named_candidates(kb: Any, kb_copy: Path) -> None:
    before = {i["id"]: i for i in kb.json("--db", str(kb_copy), "list")}
    result = kb(
        "--db", str(kb_copy), "ingest", str(SECOND_REPORT), "--apply",
        "--only", "kenya-malaysia-tourism-mou",
    )  # fmt: skip

    assert result.exit_code == 0, result.stderr
    assert "1 updated" in result.stderr
    tourism = kb.json("--db", str(kb_copy), "show", "kenya-malaysia-tourism-mou")
    air = kb.json("--db", str(kb_copy), "show", "kenya-malaysia-air-services-agreement")
    assert len(tourism["sources"]) == len(before["kenya-malaysia-tourism-mou"]["sources"]) + 1
    assert air["sources"] == before["kenya-malaysia-air-services-agreement"]["sources"]


def test_only_with_an_unknown_id_names_it_and_writes_nothing(kb: Any, kb_copy: Path) -> None:
    before = kb_copy.read_bytes()
    result = kb(
        "--db", str(kb_copy), "ingest", str(SECOND_REPORT), "--apply",
        "--only", "kenya-malaysia-tourism-mou,no-such-record",
    )  # fmt: skip

    assert result.exit_code == 2
    assert "'no-such-record'" in result.stderr
    assert kb_copy.read_bytes() == before


def test_only_needs_apply(kb: Any, kb_copy: Path) -> None:
    result = kb("--db", str(kb_copy), "ingest", str(SECOND_REPORT), "--only", "x")
    assert result.exit_code == 2
    assert "--only needs --apply" in result.stderr


def test_a_kept_quotation_about_a_left_out_instrument_refers_to_none(
    kb: Any, tmp_path: Path
) -> None:
    article = tmp_path / "chile.txt"
    article.write_text(TWO_INSTRUMENTS, encoding="utf-8")
    db = str(tmp_path / "kb.json")
    found = kb.json("--db", db, "ingest", str(article))
    (quotation,) = found["quotations"]
    assert quotation["instrument"] == found["instruments"][0]["id"]

    result = kb("--db", db, "ingest", str(article), "--apply", "--only", quotation["id"])

    assert result.exit_code == 0, result.stderr
    assert kb.json("--db", db, "list") == []
    (stored,) = kb.json("--db", db, "quotes")
    assert stored["instrument"] is None
    assert kb("--db", db, "verify").exit_code == 0


# ------------------------------------------------------------------ reconcile, on records


@pytest.mark.parametrize(
    ("report", "record"),
    [
        ("MoU on Tourist Promotion", "Memorandum of Understanding on Tourism Promotion"),
        ("Letter of intent on the twinning of Nairobi and Kuala Lumpur",
         "Letter of Intent to twin Nairobi with Kuala Lumpur"),
        ("air services agreement", "Bilateral Air Services Agreement"),
    ],
)  # fmt: skip
def test_titles_that_name_the_same_thing_match(report: str, record: str) -> None:
    kind = "letter-of-intent" if "intent" in report.lower() else "memorandum-of-understanding"
    kind = "agreement" if "air" in report else kind
    match = reconcile.score_instrument(
        _instrument(title=report, kind=kind), _instrument(title=record, kind=kind)
    )
    assert match is not None and match.score >= reconcile.THRESHOLD


def test_parties_match_by_words_abbreviation_and_country() -> None:
    stored = _instrument(
        title="MoU between the chambers",
        parties=[
            "Kenya National Chamber of Commerce & Industry (KNCCI)",
            "Malaysia’s National Chamber of Commerce & Industry",
        ],
    )
    for parties in (
        ["KNCCI", "National Chamber of Commerce and Industry of Malaysia"],
        ["Kenya National Chamber of Commerce and Industry", "Malaysia"],
        ["Kenya", "Malaysia"],
    ):
        match = reconcile.score_instrument(
            _instrument(title="chambers memorandum", parties=parties), stored
        )
        assert match is not None, parties
        assert match.score == pytest.approx(1.0), (parties, match.reasons)


def test_other_countries_kind_or_subject_do_not_match() -> None:
    stored = _instrument()
    assert reconcile.score_instrument(_instrument(parties=["Kenya", "Indonesia"]), stored) is None
    assert reconcile.score_instrument(_instrument(kind="agreement"), stored) is None
    assert reconcile.score_instrument(_instrument(title="MoU on Trade"), stored) is None


def test_a_contradicting_date_rules_a_match_out() -> None:
    stored = _instrument(exchanged_on=datetime.date(2025, 11, 24))
    same = _instrument(exchanged_on=datetime.date(2025, 11, 24))
    other = _instrument(exchanged_on=datetime.date(2019, 3, 1))
    assert reconcile.score_instrument(same, stored) is not None
    assert reconcile.score_instrument(other, stored) is None
    # A report published before the exchange cannot report it as done.
    assert reconcile.score_instrument(_instrument(), stored, datetime.date(2024, 1, 1)) is None
    assert reconcile.score_instrument(_instrument(), stored, datetime.date(2025, 11, 25))


def test_each_record_is_matched_at_most_once_best_first() -> None:
    stored = [_instrument(id="tourism")]
    reports = [
        _instrument(title="MoU on Tourism and Culture", parties=["Kenya"]),
        _instrument(title="MoU on Tourism Cooperation"),
    ]
    first, second = reconcile.match_instruments(reports, stored)
    assert first is None
    assert second is not None and second.id == "tourism"


def test_update_adds_claims_and_excerpts_and_never_overwrites() -> None:
    stored = _instrument(
        id="tourism",
        sources=["article-a"],
        witnesses=["William Ruto"],
        claims=[Claim(field="witnesses", value=["William Ruto"], source="report-b")],
    )
    report = _instrument(
        title="tourism memorandum",
        witnesses=["William Ruto", "Anwar Ibrahim"],
        exchanged_on=datetime.date(2025, 11, 24),
        sources=["article-c"],
        excerpts=[Excerpt(source="article-c", text="They exchanged a tourism memorandum.")],
    )

    updated = reconcile.update(stored, report, "article-c")

    assert updated.title == stored.title and updated.witnesses == ["William Ruto"]
    assert updated.sources == ["article-a", "article-c"]
    assert updated.excerpts == report.excerpts
    assert {(c.field, str(c.value)) for c in updated.claims if c.source == "article-c"} == {
        ("title", "tourism memorandum"),
        ("witnesses", "['William Ruto', 'Anwar Ibrahim']"),
        ("exchanged_on", "2025-11-24"),
    }
    assert reconcile.update(updated, report, "article-c") == updated
    assert any(line.startswith("claim witnesses") for line in reconcile.added(stored, updated))


def test_a_report_that_says_the_same_adds_no_claim() -> None:
    stored = _instrument(witnesses=["William Ruto"])
    assert reconcile.claims_from(stored, _instrument(witnesses=["William Ruto"]), "c") == []


def test_quotations_match_on_words_and_surname() -> None:
    held = Quotation(id="q", text="to open new routes", speaker="William Ruto")
    assert reconcile.match_quotation("To open  new routes", "President Ruto", [held]) is not None
    assert reconcile.match_quotation("to open new routes", "Anwar Ibrahim", [held]) is None


def test_a_report_that_never_names_a_stored_records_country_matches_none_of_it(
    kb: Any, kb_copy: Path, tmp_path: Path
) -> None:
    article = tmp_path / "malaysia-peru.txt"
    article.write_text(
        "Malaysia and Peru sign tourism pact\n"
        "LIMA, June 3 (Bernama) -- Tourism Malaysia and PromPeru on Monday signed a memorandum "
        "on tourism promotion between Tourism Malaysia and PromPeru, to market the two "
        "countries together in Asia and Latin America.\n",
        encoding="utf-8",
    )
    found = kb.json("--db", str(kb_copy), "ingest", str(article))
    assert [i["match"] for i in found["instruments"]] == [None]
