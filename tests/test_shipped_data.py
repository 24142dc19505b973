"""The shipped knowledge base says only what its sources say, and says it verbatim."""

from __future__ import annotations

from typing import Any

from kbtool.models import Instrument, Quotation, Source, validate

SEED_ARTICLE = "article-9423b8af90372fa0"


def records(shipped: dict[str, Any], table: str) -> list[dict[str, Any]]:
    return list(shipped[table].values())


def test_every_record_is_valid(shipped: dict[str, Any]) -> None:
    for table, record_type in (
        ("instruments", Instrument),
        ("quotations", Quotation),
        ("sources", Source),
    ):
        for document in records(shipped, table):
            validate(document, record_type)


def test_four_instruments_and_six_quotations(shipped: dict[str, Any]) -> None:
    titles = {doc["title"] for doc in records(shipped, "instruments")}
    assert len(titles) == 4
    assert "Bilateral Air Services Agreement" in titles
    assert "MoU on Tourism Cooperation" in titles
    assert "Letter of Intent to twin Nairobi with Kuala Lumpur" in titles
    assert len(records(shipped, "quotations")) == 6


def test_ids_are_unique_across_tables(shipped: dict[str, Any]) -> None:
    ids = [doc["id"] for table in shipped.values() for doc in table.values()]
    assert len(ids) == len(set(ids))


def test_every_quotation_is_verbatim_in_its_source(shipped: dict[str, Any]) -> None:
    texts = {doc["id"]: doc["text"] for doc in records(shipped, "sources")}
    for quotation in records(shipped, "quotations"):
        source_text = texts[quotation["source"]]
        assert source_text, f"{quotation['id']} cites a source without text"
        assert f"“{quotation['text']}”" in source_text, quotation["id"]
        assert quotation["context"] in source_text


def test_every_excerpt_is_verbatim_in_its_source(shipped: dict[str, Any]) -> None:
    texts = {doc["id"]: doc["text"] for doc in records(shipped, "sources")}
    for instrument in records(shipped, "instruments"):
        for excerpt in instrument["excerpts"]:
            assert excerpt["text"] in texts[excerpt["source"]], instrument["id"]


def test_every_reference_resolves(shipped: dict[str, Any]) -> None:
    instrument_ids = {doc["id"] for doc in records(shipped, "instruments")}
    source_ids = {doc["id"] for doc in records(shipped, "sources")}
    for quotation in records(shipped, "quotations"):
        assert quotation["instrument"] is None or quotation["instrument"] in instrument_ids
        assert quotation["source"] in source_ids
    for instrument in records(shipped, "instruments"):
        cited = set(instrument["sources"])
        assert cited <= source_ids
        for item in instrument["claims"] + instrument["officials"] + instrument["excerpts"]:
            assert item["source"] in cited, (instrument["id"], item)


def test_quotations_are_attributed_as_the_article_attributes_them(
    shipped: dict[str, Any],
) -> None:
    by_text = {q["text"]: q for q in records(shipped, "quotations")}
    connectivity = by_text["to expand connectivity, ease travel, and boost trade and tourism,"]
    assert (connectivity["speaker"], connectivity["speaker_role"]) == ("William Ruto", "President")
    assert connectivity["instrument"] == "kenya-malaysia-air-services-agreement"
    city = by_text[
        "to enhance city-level cooperation in urban planning, technology, and service delivery."
    ]
    assert city["speaker"] == "Kenyan government"
    assert city["instrument"] == "nairobi-kuala-lumpur-twinning-loi"
    beginning = by_text[
        "the beginning of a broader and deeper strategic partnership for mutual benefit."
    ]
    assert beginning["instrument"] is None  # about the four instruments together


def test_the_article_gives_no_date_so_none_is_invented(shipped: dict[str, Any]) -> None:
    article = next(s for s in records(shipped, "sources") if s["id"] == SEED_ARTICLE)
    assert (article["outlet"], article["url"], article["published_on"]) == (None, None, None)
    for instrument in records(shipped, "instruments"):
        assert instrument["signed_on"] is None  # reports say "exchanged", not "signed", on 24 Nov
        dates = [c for c in instrument["claims"] if c["field"] == "exchanged_on"]
        assert {c["value"] for c in dates} == {instrument["exchanged_on"]}
        assert {c["source"] for c in dates} != {SEED_ARTICLE}


def test_disagreeing_sources_both_stay(shipped: dict[str, Any]) -> None:
    twinning = shipped["instruments"]["3"]
    assert twinning["id"] == "nairobi-kuala-lumpur-twinning-loi"
    roles = {(o["role"], o["source"]) for o in twinning["officials"] if o["name"] == "Salim Mvurya"}
    assert ("Trade CS", SEED_ARTICLE) in roles
    assert any("Youth Affairs" in role and source != SEED_ARTICLE for role, source in roles)


def test_caption_officials_have_a_home(shipped: dict[str, Any]) -> None:
    for instrument in records(shipped, "instruments"):
        names = {o["name"] for o in instrument["officials"] if o["source"] == SEED_ARTICLE}
        assert names == {"Salim Mvurya", "Rebecca Miano", "Musalia Mudavadi"}
