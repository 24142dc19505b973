"""Signatories and witnesses: the ways reports of signing ceremonies name them."""

from __future__ import annotations

import pytest

from kbtool.ingest.candidates import Known, extract
from kbtool.ingest.evaluation import signatories
from kbtool.ingest.reading import Article


def _people(text: str) -> dict[str, tuple[list[str], list[str]]]:
    """Title -> (signatories, witnesses) of every instrument ingest proposes for ``text``."""
    article = Article(text=text, origin="test")
    candidates = extract(article, Known())
    return {
        c.record.title: (signatories(c.record), list(c.record.witnesses))
        for c in candidates.instruments
    }


HEADLINE = "Kenya and Indonesia sign deals\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "The MoU on Blue Economy was signed in the presence of President William Ruto and "
        "President Joko Widodo.",
        "The MoU on Blue Economy was witnessed by President William Ruto and his Indonesian "
        "counterpart Joko Widodo.",
        "President William Ruto and President Joko Widodo witnessed the signing of the MoU on "
        "Blue Economy.",
    ],
)
def test_witnesses_are_read_in_each_of_their_usual_forms(sentence: str) -> None:
    found = _people(HEADLINE + sentence + "\n")
    assert found["MoU on Blue Economy"][1] == ["William Ruto", "Joko Widodo"]


def test_the_two_leaders_are_the_heads_of_state_the_article_names() -> None:
    text = (
        HEADLINE
        + "President William Ruto hosted President Joko Widodo at State House, Nairobi.\n"
        + "Kenya and Indonesia signed an Agreement on Health Cooperation and an MoU on Blue "
        + "Economy.\n"
        + "The two leaders witnessed the signing of the agreements.\n"
    )
    found = _people(text)
    for title in ("Agreement on Health Cooperation", "MoU on Blue Economy"):
        assert found[title][1] == ["William Ruto", "Joko Widodo"]


def test_a_surname_is_resolved_to_the_full_name_the_article_gives() -> None:
    text = (
        HEADLINE
        + "Foreign Minister Retno Marsudi met Cabinet Secretary Musalia Mudavadi in Nairobi.\n"
        + "The Agreement on Visa Exemption was signed by Marsudi and Mudavadi.\n"
    )
    assert _people(text)["Agreement on Visa Exemption"][0] == ["Retno Marsudi", "Musalia Mudavadi"]


def test_on_behalf_of_names_the_party_not_a_signatory() -> None:
    text = (
        HEADLINE
        + "The MoU on Trade Promotion was signed by Amina Yusuf on behalf of the Ministry of "
        + "Trade and Industry and Budi Santoso on behalf of Indonesia.\n"
    )
    assert _people(text)["MoU on Trade Promotion"][0] == ["Amina Yusuf", "Budi Santoso"]


def test_exchanged_by_makes_signatories_whose_note_says_exchanged() -> None:
    text = (
        HEADLINE + "The Protocol on Fisheries was exchanged by Alfred Mutua and Sakti Trenggono.\n"
    )
    article = Article(text=text, origin="test")
    record = extract(article, Known()).instruments[0].record
    assert [(o.name, o.note) for o in record.officials] == [
        ("Alfred Mutua", "exchanged it"),
        ("Sakti Trenggono", "exchanged it"),
    ]


def test_a_portfolio_a_place_or_a_body_is_never_a_person() -> None:
    text = (
        HEADLINE
        + "In Nairobi, the Kenya Ports Authority and Enterprise Singapore signed an MoU on Port "
        + "Logistics.\n"
        + "The Agreement on Trade was signed by Kenya's Minister of Foreign Affairs, Amina "
        + "Yusuf, and Indonesia's Minister for Trade and Industry, Budi Santoso.\n"
    )
    found = _people(text)
    assert found["MoU on Port Logistics"][0] == []
    assert found["Agreement on Trade"][0] == ["Amina Yusuf", "Budi Santoso"]


def test_a_cue_naming_one_instrument_does_not_spread_to_the_others() -> None:
    text = (
        HEADLINE
        + "Kenya and Indonesia signed an Agreement on Health Cooperation and an MoU on Blue "
        + "Economy.\n"
        + "The MoU on Blue Economy was signed by Alfred Mutua and Sakti Trenggono.\n"
    )
    found = _people(text)
    assert found["MoU on Blue Economy"][0] == ["Alfred Mutua", "Sakti Trenggono"]
    assert found["Agreement on Health Cooperation"][0] == []


def test_each_signing_names_the_instrument_it_signed() -> None:
    text = (
        HEADLINE
        + "Kenya and Indonesia signed an MoU on Disaster Risk and an Arrangement on Work Visas.\n"
        + "Cabinet Secretary Alfred Mutua and Minister Sakti Trenggono signed the MoU on "
        + "Disaster Risk, while Minister Karen Wanjiru and Minister Andi Siregar signed the "
        + "Arrangement on Work Visas.\n"
    )
    found = _people(text)
    assert found["MoU on Disaster Risk"][0] == ["Alfred Mutua", "Sakti Trenggono"]
    assert found["Arrangement on Work Visas"][0] == ["Karen Wanjiru", "Andi Siregar"]


def test_names_after_the_two_ministers_are_read_and_descriptors_are_resolved() -> None:
    text = (
        HEADLINE
        + "President William Ruto hosted President Joko Widodo.\n"
        + "The Protocol on Fisheries was exchanged by the two foreign ministers, Alfred Mutua "
        + "and Indonesia's Minister for Foreign Affairs Retno Marsudi, in the presence of the "
        + "two leaders.\n"
    )
    signed, witnessed = _people(text)["Protocol on Fisheries"]
    assert signed == ["Alfred Mutua", "Retno Marsudi"]
    assert witnessed == ["William Ruto", "Joko Widodo"]


def test_an_instrument_named_again_by_its_abbreviation_takes_its_signatories() -> None:
    text = (
        HEADLINE
        + "Kenya and Indonesia signed a Comprehensive Economic Partnership Agreement and a "
        + "Bilateral Air Services Agreement (BASA).\n"
        + "The CEPA was signed by Alfred Mutua and Sakti Trenggono.\n"
        + "The BASA was signed by Amina Yusuf and Budi Santoso.\n"
    )
    found = _people(text)
    assert found["Comprehensive Economic Partnership Agreement"][0] == [
        "Alfred Mutua",
        "Sakti Trenggono",
    ]
    assert found["Bilateral Air Services Agreement"][0] == ["Amina Yusuf", "Budi Santoso"]


def test_signatories_named_with_their_roles_between_commas_and_for_each_side() -> None:
    text = (
        HEADLINE
        + "The MoU on Ports was exchanged by Hamad Al Suwaidi, Executive Director at ADIA, and "
        + "Sanjay Mehra, Managing Director of NIIF.\n"
        + "The Agreement on Fisheries was signed for Kenya by Cabinet Secretary Joseph Langat "
        + "and for Indonesia by Minister of Fisheries Mutinta Hamweemba.\n"
        + "The Protocol on Geology was signed by ministers Pavel Mazurkevich and Tinashe Murerwa.\n"
    )
    found = _people(text)
    assert found["MoU on Ports"][0] == ["Hamad Al Suwaidi", "Sanjay Mehra"]
    assert found["Agreement on Fisheries"][0] == ["Joseph Langat", "Mutinta Hamweemba"]
    assert found["Protocol on Geology"][0] == ["Pavel Mazurkevich", "Tinashe Murerwa"]


def test_a_list_item_names_its_signatories_after_the_title() -> None:
    text = (
        HEADLINE
        + "The following agreements were signed:\n"
        + "• Agreement on Hydrocarbons (Minister of Energy Fatih Demirtas – Minister of "
        + "Petroleum Abdirizak Omar Hassan);\n"
        + "MoU on Fisheries Cooperation — Ruhul Amin Talukder, Secretary, Ministry of "
        + "Fisheries / Ibrahim Fazeel, Minister of Fisheries\n"
    )
    found = _people(text)
    assert found["Agreement on Hydrocarbons"][0] == ["Fatih Demirtas", "Abdirizak Omar Hassan"]
    assert found["MoU on Fisheries Cooperation"][0] == ["Ruhul Amin Talukder", "Ibrahim Fazeel"]


def test_signing_on_behalf_of_two_bodies_at_once_names_both_parties() -> None:
    text = (
        HEADLINE
        + "Kenya and Indonesia signed a Letter of Intent on Patrol Vessels.\n"
        + "It was signed by Hendra Kusuma and Carlos Zandamela on behalf of PT PAL Indonesia "
        + "and the Ministry of National Defence.\n"
    )
    record = extract(Article(text=text, origin="t"), Known()).instruments[0].record
    assert record.parties == ["PT PAL Indonesia", "Ministry of National Defence"]


def test_witnesses_of_the_documents_before_the_cue_and_of_the_visiting_president() -> None:
    text = (
        "Ethiopia and Belarus sign documents\n"
        + "Ethiopia and Belarus signed an Agreement on Education and an MoU on Agriculture.\n"
        + "The two documents were signed in the presence of Foreign Minister Tesfaye Gebru and "
        + "his Belarusian counterpart Andrei Rudenko, who then signed the Roadmap on Cooperation.\n"
    )
    found = _people(text)
    assert found["Agreement on Education"][1] == ["Tesfaye Gebru", "Andrei Rudenko"]
    assert found["MoU on Agriculture"][1] == ["Tesfaye Gebru", "Andrei Rudenko"]
    assert found["Roadmap on Cooperation"][1] == []


def test_a_fronted_witness_phrase_ends_where_the_signers_begin() -> None:
    text = (
        HEADLINE
        + "President William Ruto hosted President Joko Widodo at State House, Nairobi.\n"
        + "In the presence of the two presidents, Trade Cabinet Secretary Lee Kinyanjui and "
        + "Trade Minister Zulkifli Hasan signed an MoU on Trade Promotion.\n"
    )
    signed, witnessed = _people(text)["MoU on Trade Promotion"]
    assert signed == ["Lee Kinyanjui", "Zulkifli Hasan"]
    assert witnessed == ["William Ruto", "Joko Widodo"]


def test_the_body_a_signatory_heads_is_not_a_second_signatory() -> None:
    text = (
        HEADLINE
        + "The MoU on Port Logistics was signed by Saif Al Kaabi, Managing Director and Group "
        + "CEO of AD Ports Group, and Abdallah Mwamba, Managing Director of the Kenya Ports "
        + "Authority.\n"
    )
    assert _people(text)["MoU on Port Logistics"][0] == ["Saif Al Kaabi", "Abdallah Mwamba"]


def test_a_portfolio_ends_at_the_courtesy_title_or_the_name_before_and() -> None:
    text = (
        HEADLINE
        + "The Agreement on Trade was signed by Cabinet Secretary for Trade and "
        + "Industrialisation Hon. Beatrice Jeptoo and Minister of Trade Rini Astuti.\n"
        + "The MoU on Farming was signed by Cabinet Secretary for Agriculture, Livestock and "
        + "Fisheries Dr. Paul Kibet Rotich and Minister of Agriculture Andi Prasetyo.\n"
        + "The MoU on Roads was signed by Cabinet Secretary for Roads Kipchumba Murkomen and "
        + "Minister of Works Dody Hanggodo.\n"
        + '"Better seed will lift our yields within three seasons," the CS told reporters.\n'
    )
    found = _people(text)
    assert found["Agreement on Trade"][0] == ["Beatrice Jeptoo", "Rini Astuti"]
    assert found["MoU on Farming"][0] == ["Paul Kibet Rotich", "Andi Prasetyo"]
    assert found["MoU on Roads"][0] == ["Kipchumba Murkomen", "Dody Hanggodo"]
    quotation = extract(Article(text=text, origin="test"), Known()).quotations[0].record
    assert (quotation.speaker, quotation.speaker_role) == (
        "Kipchumba Murkomen",
        "Cabinet Secretary for Roads",
    )


def test_a_masthead_in_capitals_and_a_menu_name_nobody() -> None:
    text = (
        HEADLINE
        + "PRESIDENT OF THE REPUBLIC OF KENYA\n"
        + "Press releases | Activities | Photo gallery | Video\n"
        + "President of the Republic of Kenya William Ruto and President of the Republic of "
        + "Indonesia Joko Widodo met in Nairobi.\n"
        + "The two Presidents witnessed the signing of the MoU on Blue Economy.\n"
    )
    assert _people(text)["MoU on Blue Economy"][1] == ["William Ruto", "Joko Widodo"]


def test_a_body_of_ministers_in_a_title_is_not_part_of_the_name() -> None:
    text = (
        HEADLINE
        + "The MoU on Water was signed in the presence of Chairman of the Cabinet of Ministers "
        + "Adylbek Sultanaliev and Minister of Water Ali Bekov.\n"
    )
    assert _people(text)["MoU on Water"][1] == ["Adylbek Sultanaliev", "Ali Bekov"]


def test_signatories_in_more_of_the_ways_reports_name_them() -> None:
    text = (
        HEADLINE
        + "Kenya and the Republic of Indonesia on Thursday signed four agreements.\n"
        + "1. Agreement on Farming;\n"
        + "2. MoU on Halal Certification;\n"
        + "3. Grant Arrangement for Education;\n"
        + "4. MoU between the Kenya Defence Forces and the Indonesian National Armed Forces.\n"
        + "Kenya's Minister of Agriculture, Peter Joubert, and Indonesia's Minister of "
        + "Agriculture, Pham Lan, put pen to paper on the Agreement on Farming.\n"
        + "The MoU on Halal Certification was inked by JAKIM director-general Haji Razali "
        + "Shaari and KEBS managing director Esther Ngari.\n"
        + "Kenya's Minister of Foreign Affairs, Graham Tulloch, and Indonesia's Deputy Prime "
        + "Minister, Siaosi Taufa, yesterday signed the Grant Arrangement for Education.\n"
        + "The fourth document was signed by General Andrew Persaud and Admiral Keith "
        + "Baptiste.\n"
    )
    found = _people(text)
    assert found["Agreement on Farming"][0] == ["Peter Joubert", "Pham Lan"]
    assert found["MoU on Halal Certification"][0] == ["Razali Shaari", "Esther Ngari"]
    assert found["Grant Arrangement for Education"][0] == ["Graham Tulloch", "Siaosi Taufa"]
    assert found["MoU between the Kenya Defence Forces and the Indonesian National Armed Forces"][
        0
    ] == ["Andrew Persaud", "Keith Baptiste"]


def test_signatories_after_on_behalf_of_the_two_bodies_and_with_another() -> None:
    text = HEADLINE + (
        "Kenya and Indonesia on Monday signed a memorandum of understanding on coffee "
        "research between the Coffee Board of Kenya and the Indonesian Coffee Institute. "
        "It was signed, on behalf of the two bodies, by Chief Executive Officer Amina Wanjiru "
        "and the institute's director, Budi Hartono.\n"
        "They also signed a protocol on fisheries and an exchange of notes on port fees.\n"
        "The protocol and the exchange of notes were signed by Foreign Minister Musalia "
        "Mudavadi and Foreign Minister Retno Marsudi.\n"
        "Mudavadi also signed an agreement on trade with the Minister of Trade, Agus "
        "Suparmanto.\n"
    )
    found = _people(text)
    assert found[
        "memorandum of understanding on coffee research between the Coffee Board of Kenya "
        "and the Indonesian Coffee Institute"
    ][0] == ["Amina Wanjiru", "Budi Hartono"]
    assert found["protocol on fisheries"][0] == ["Musalia Mudavadi", "Retno Marsudi"]
    assert found["exchange of notes on port fees"][0] == ["Musalia Mudavadi", "Retno Marsudi"]
    assert found["agreement on trade"][0] == ["Musalia Mudavadi", "Agus Suparmanto"]


def test_bodies_are_not_parties_when_they_sign_for_the_two_governments() -> None:
    text = HEADLINE + (
        "Kenya and Indonesia on Monday signed an Air Services Agreement. It was signed on "
        "behalf of the two governments by Kenya Civil Aviation Authority director-general "
        "Emile Arao and Indonesian Directorate of Civil Aviation director-general Maria "
        "Kristi.\n"
    )
    instruments = extract(Article(text=text, origin="test"), Known()).instruments
    assert [list(c.record.parties) for c in instruments] == [["Kenya", "Indonesia"]]


def test_witnesses_after_an_adverbial_and_after_signing_one_themselves() -> None:
    text = HEADLINE + (
        "President William Ruto and President Joko Widodo witnessed on Monday at State House "
        "the signing of agreements on fisheries and tourism.\n"
        "The two presidents also signed a Joint Declaration on Maritime Cooperation and then "
        "witnessed the signing of a memorandum of understanding on energy.\n"
    )
    found = _people(text)
    leaders = ["William Ruto", "Joko Widodo"]
    assert found["agreement on fisheries"][1] == leaders
    assert found["agreement on tourism"][1] == leaders
    assert found["memorandum of understanding on energy"][1] == leaders
    assert found["Joint Declaration on Maritime Cooperation"][1] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Kenya and Indonesia on Monday signed an MoU on Blue Economy at State House, as "
        "President William Ruto and his guest, President Joko Widodo, looked on.",
        "President William Ruto and President Joko Widodo looked on as the MoU on Blue "
        "Economy was signed.",
        "President William Ruto and President Joko Widodo looked on yesterday as their "
        "ministers signed the MoU on Blue Economy.",
        "Kenya and Indonesia on Monday signed an MoU on Blue Economy under the gaze of "
        "President William Ruto and President Joko Widodo.",
        "President William Ruto and President Joko Widodo observed the signing ceremony of "
        "the MoU on Blue Economy.",
        "President William Ruto and President Joko Widodo chaired on Monday, at State House, "
        "the ceremony of signing the MoU on Blue Economy.",
    ],
)
def test_witnesses_who_look_on_observe_or_chair_the_ceremony(sentence: str) -> None:
    found = _people(HEADLINE + sentence + "\n")
    assert found["MoU on Blue Economy"][1] == ["William Ruto", "Joko Widodo"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Foreign Minister Musalia Mudavadi signed the MoU on Trade on Monday, then flew to "
        "Mombasa with the Deputy President, Rigathi Gachagua.",
        "Foreign Minister Musalia Mudavadi signed the MoU on Trade with the Deputy President, "
        "Rigathi Gachagua, in attendance.",
        "The MoU on Trade was signed on behalf of the Kenyan government at a State House "
        "ceremony attended by Deputy President Rigathi Gachagua.",
    ],
)
def test_people_present_or_elsewhere_in_the_sentence_are_not_signatories(
    sentence: str,
) -> None:
    found = _people(HEADLINE + sentence + "\n")
    assert "Rigathi Gachagua" not in found["MoU on Trade"][0]


@pytest.mark.parametrize(
    "sentence",
    [
        "Opposition leader Raila Odinga looked on the MoU on Trade with suspicion.",
        "Economist David Ndii observed the signing of such deals rarely changed trade figures.",
        "Trade Minister Rebecca Miano chaired in Mombasa the talks that led to the signing of "
        "the MoU on Trade.",
        "The MoU on Trade was signed under the gaze of President Jomo Kenyatta's statue.",
    ],
)
def test_words_that_only_look_like_witnessing_name_no_witness(sentence: str) -> None:
    text = HEADLINE + "Kenya and Indonesia on Monday signed an MoU on Trade.\n" + sentence + "\n"
    assert _people(text)["MoU on Trade"][1] == []


def test_a_witness_clause_does_not_cut_the_list_of_what_was_signed() -> None:
    text = HEADLINE + (
        "Foreign Ministers Musalia Mudavadi and Retno Marsudi signed an MoU on Trade, which "
        "President William Ruto watched as cameras rolled, and an Agreement on Health.\n"
    )
    found = _people(text)
    assert found["Agreement on Health"][0] == ["Musalia Mudavadi", "Retno Marsudi"]
