"""Where a title starts and ends, and who signs, in forms real reports use (our own words)."""

from __future__ import annotations

from kbtool.ingest.candidates import Known, extract
from kbtool.ingest.evaluation import _title_key
from kbtool.ingest.reading import Article
from kbtool.models import Instrument

HEADLINE = "Chile and Ghana sign deals\n"


def _instruments(text: str) -> list[Instrument]:
    return [c.record for c in extract(Article(text=text, origin="t"), Known()).instruments]


def _titles(text: str) -> list[str]:
    return [instrument.title for instrument in _instruments(text)]


def test_a_list_item_opening_with_line_of_credit_keeps_its_whole_title() -> None:
    text = HEADLINE + (
        "The documents exchanged were:\n"
        "1. Memorandum of Understanding on cooperation in mining;\n"
        "2. Line of credit agreement between the Development Bank of Chile (Banco Sur) and "
        "the Government of Ghana for USD 30 million.\n"
    )
    assert _titles(text) == [
        "Memorandum of Understanding on cooperation in mining",
        "Line of credit agreement between the Development Bank of Chile (Banco Sur) and the "
        "Government of Ghana",
    ]


def test_praise_and_the_clause_before_a_title_are_not_part_of_it() -> None:
    text = HEADLINE + (
        "GHANA and the Republic of Chile yesterday signed agreements on cooperation in "
        "mining and forestry, as well as memoranda of understanding on ports and culture.\n"
        "The ministers also signed a long-awaited extradition treaty and a new Youth "
        "Exchange Arrangement.\n"
    )
    instruments = _instruments(text)
    assert [i.title for i in instruments] == [
        "agreement on cooperation in mining",
        "agreement on cooperation in forestry",
        "memorandum of understanding on ports",
        "memorandum of understanding on culture",
        "extradition treaty",
        "Youth Exchange Arrangement",
    ]
    # A newspaper's capitals at the story's start still name the country.
    assert instruments[0].parties == ["Ghana", "Chile"]


def test_of_cooperation_and_establishing_a_body_are_part_of_a_title() -> None:
    text = HEADLINE + (
        "The two sides signed protocols of cooperation in health and higher education.\n"
        "They also signed an executive programme of cultural cooperation for 2024-2026.\n"
        "The ministers put pen to paper on a Memorandum of Understanding establishing a "
        "Joint Trade Council, which will meet every year.\n"
    )
    assert _titles(text) == [
        "protocol of cooperation in health",
        "protocol of cooperation in higher education",
        "executive programme of cultural cooperation for 2024-2026",
        "Memorandum of Understanding establishing a Joint Trade Council",
    ]


def test_instruments_of_another_time_or_only_spoken_through_are_not_signed_here() -> None:
    text = HEADLINE + (
        "Chile and Ghana signed an agreement on fisheries on Monday.\n"
        "A visa accord will follow, the two sides said in a joint communiqué.\n"
        "The talks drew on the 2004 Four Ports Agreement, which is to be reviewed.\n"
        "The two countries last met in 2009, when they concluded an agreement on double "
        "taxation.\n"
        "They are also discussing a customs arrangement for traders, which could be signed "
        "next year.\n"
    )
    assert _titles(text) == ["agreement on fisheries"]


def test_bodies_named_with_their_instrument_after_a_plain_first_mention_are_its_parties() -> None:
    text = HEADLINE + (
        "Chile and Ghana on Friday signed a power supply agreement and an agreement on "
        "customs cooperation.\n"
        "The Power Supply Agreement between the Ghana Grid Company (GridCo) and Empresa "
        "Eléctrica de Chile (EEC) was signed by the two companies' chief executives.\n"
        "The Crown research body AgriLab and Chile's Instituto de Estudios Agrarios (IEA) "
        "concluded an MoU on soil science.\n"
    )
    instruments = _instruments(text)
    assert [(i.title, i.parties) for i in instruments] == [
        (
            "power supply agreement",
            ["Ghana Grid Company (GridCo)", "Empresa Eléctrica de Chile (EEC)"],
        ),
        ("agreement on customs cooperation", ["Chile", "Ghana"]),
        ("MoU on soil science", ["AgriLab", "Chile's Instituto de Estudios Agrarios (IEA)"]),
    ]


def test_the_scorer_leaves_a_short_form_in_brackets_out_of_a_title() -> None:
    assert _title_key("agreement between Exim Bank (Exim Bank) and X") == _title_key(
        "agreement between Exim Bank and X"
    )
    assert _title_key("MoU on water (MoU) management") == _title_key("MoU on water management")
    assert _title_key("agreement (on water) management") != _title_key("agreement management")


def _quotations(text: str) -> list[tuple[str, str | None, str | None]]:
    quotations = extract(Article(text=text, origin="t"), Known()).quotations
    return [(c.record.speaker, c.record.speaker_role, c.record.instrument) for c in quotations]


def test_one_plural_title_names_two_people_who_are_not_parties() -> None:
    text = HEADLINE + (
        "Presidents Rosa Medina Vial and Kofi Mensah Boateng yesterday signed agreements on "
        "cooperation in mining and tourism in Accra.\n"
        "The two ministers also signed a memorandum of understanding on wine tourism routes "
        "linking the two coasts, and a protocol on linking the power grids.\n"
        '"Today we open a road between our peoples," Medina Vial said.\n'
        'Added Boateng: "The tourism agreement will bring visitors from Santiago to Cape '
        'Coast."\n'
    )
    instruments = _instruments(text)
    assert [(i.title, i.parties) for i in instruments] == [
        ("agreement on cooperation in mining", ["Ghana", "Chile"]),
        ("agreement on cooperation in tourism", ["Ghana", "Chile"]),
        ("memorandum of understanding on wine tourism routes", ["Ghana", "Chile"]),
        ("protocol on linking the power grids", ["Ghana", "Chile"]),
    ]
    tourism = instruments[1].id
    assert _quotations(text) == [
        ("Rosa Medina Vial", "President", None),
        ("Kofi Mensah Boateng", "President", tourism),
    ]


def test_bodies_named_only_in_their_signatories_titles_are_the_parties() -> None:
    text = HEADLINE + (
        "Chile and Ghana signed three documents in Accra on Tuesday.\n"
        "A memorandum of understanding on solar power was signed by Ama Owusu, Chief "
        "Executive Officer of VoltaSol, and Diego Rojas Soto, Chairman of the Management "
        "Board of Andes-Energía.\n"
        "Earlier, Ferrocarriles del Norte (FDN), the rail company, presented its plans.\n"
        "Puerto Sur Group and FDN then signed a framework agreement, with the document signed "
        "by Kwame Addo, Puerto Sur Group's Managing Director, and Luis Vera Pinto, FDN's "
        "Chairman.\n"
        "An agreement on fisheries was signed by Ghana's Minister of Fisheries Abena Dapaah "
        "and Chile's Ambassador Carlos Ruiz Tagle, and by the ports authority chief "
        "executive Yaw Osei.\n"
    )
    assert [(i.title, i.parties) for i in _instruments(text)] == [
        ("memorandum of understanding on solar power", ["VoltaSol", "Andes-Energía"]),
        ("framework agreement", ["Puerto Sur Group", "Ferrocarriles del Norte"]),
        ("agreement on fisheries", ["Chile", "Ghana"]),
    ]


def test_instruments_in_force_or_still_negotiated_are_not_signed_here() -> None:
    text = HEADLINE + (
        "Chile and Ghana signed an agreement on mining cooperation on Monday.\n"
        "Both sides agreed to step up work on the Chile-Ghana Economic Partnership Agreement, "
        "whose third round of negotiations opens in May.\n"
        "They will also make full use of the EU-Ghana Interim Partnership Agreement signed "
        "last year.\n"
        "The two countries have had a visa waiver agreement for diplomats since 2015.\n"
    )
    assert _titles(text) == ["agreement on mining cooperation"]


def test_an_instrument_named_by_its_kind_then_in_full_is_one() -> None:
    text = HEADLINE + (
        "Chile and Ghana today signed two memoranda of understanding and an exchange of "
        "notes.\n"
        "The Exchange of Notes on the Opening of Consulates was signed by the two foreign "
        "ministers.\n"
        "An exchange of notes on the upgrade of the Tema wharf also took place.\n"
    )
    assert _titles(text) == [
        "Exchange of Notes on the Opening of Consulates",
        "exchange of notes on the upgrade of the Tema wharf",
    ]


def test_parties_with_portfolio_lists_and_a_possessive_before_the_second() -> None:
    text = HEADLINE + (
        "Chile and Ghana signed two documents in Accra on Tuesday.\n"
        "A letter of intent on seed research was signed between the Ministry of Agriculture, "
        "Food, Forests and Fisheries and the Andean Seed Foundation of Chile, represented by "
        "their heads.\n"
        "The Diplomatic Academy of Chile and the Ghanaian foreign ministry's Institute for "
        "Training and Research then signed a memorandum of understanding on diplomatic "
        "training.\n"
    )
    assert [i.parties for i in _instruments(text)] == [
        ["Ministry of Agriculture, Food, Forests and Fisheries", "Andean Seed Foundation of Chile"],
        ["Diplomatic Academy of Chile", "Institute for Training and Research"],
    ]


def test_a_long_formal_title_and_a_short_name_that_shares_a_word_with_it() -> None:
    formal = (
        "Memorandum of Understanding between the State Customs Committee of the Republic of "
        "Chile and the Customs Committee of the Republic of Ghana on the exchange of "
        "preliminary information on goods and vehicles"
    )
    text = HEADLINE + (
        "The documents signed were:\n"
        f"1. {formal};\n"
        "2. Agreement on exemption of visa requirement for holders of official passports.\n"
        "The customs memorandum and the visa waiver agreement were signed by the two "
        "ministers.\n"
    )
    assert _titles(text) == [
        formal,
        "Agreement on exemption of visa requirement for holders of official passports",
    ]


def test_the_scorer_leaves_a_short_form_out_of_a_party_too() -> None:
    from kbtool.ingest.evaluation import _party_key

    assert _party_key("Export-Import Bank of India (Exim Bank)") == _party_key(
        "Export-Import Bank of India"
    )


def test_session_protocols_memorandums_and_parties_of_every_item() -> None:
    text = HEADLINE + (
        "The two presidents witnessed the signing of memoranda of understanding in the fields "
        "of mining and higher education between the governments of the Republic of Chile and "
        "Ghana.\n"
        "Deputy ministers also signed memorandums of understanding on cooperation in customs "
        "and tourism on the sidelines of the business forum.\n"
        "The co-chairs signed the Protocol of the fourth session of the Joint Commission.\n"
    )
    assert [(i.title, i.parties) for i in _instruments(text)] == [
        ("memorandum of understanding in the field of mining", ["Chile", "Ghana"]),
        ("memorandum of understanding in the field of higher education", ["Chile", "Ghana"]),
        ("memorandum of understanding on cooperation in customs", ["Chile", "Ghana"]),
        ("memorandum of understanding on cooperation in tourism", ["Chile", "Ghana"]),
        ("Protocol of the fourth session of the Joint Commission", ["Chile", "Ghana"]),
    ]


def test_a_count_that_disagrees_with_its_list_lists_topics_not_instruments() -> None:
    text = HEADLINE + (
        "Chile and Ghana on Monday signed four agreements on mining, port use and fisheries.\n"
        "The first was a Power Purchase Agreement between Volta Power and Andes Grid.\n"
        "The other three MoUs were on halal industry development; Islamic finance; and tourism.\n"
        "A partnership agreement between the Office Chérifien des Phosphates and the Ministry "
        "of Agriculture was also signed.\n"
    )
    assert _titles(text) == [
        "Power Purchase Agreement between Volta Power and Andes Grid",
        "MoU on halal industry development",
        "MoU on Islamic finance",
        "MoU on tourism",
        "partnership agreement between the Office Chérifien des Phosphates and the Ministry "
        "of Agriculture",
    ]


def test_an_instrument_only_spoken_of_after_the_signing_or_funding_them_is_not_new() -> None:
    text = HEADLINE + (
        "Chile and Ghana signed a production sharing agreement for the Keta offshore block.\n"
        "Addressing the press after the signing, the President said the gas agreement would "
        "change lives in the south.\n"
        "The two towns will apply together for funds from the Andes-Volta Cross-border "
        "Cooperation Programme 2021-2027.\n"
    )
    assert _titles(text) == ["production sharing agreement for the Keta offshore block"]


def test_one_body_signing_with_another_and_the_two_of_them_again() -> None:
    text = HEADLINE + (
        "ACCRA, May 24: Volta University of Science and Technology (VUST) has signed a "
        "Memorandum of Understanding on academic and research collaboration with Andes "
        "University of Chile, the university said today.\n"
        "The two universities also concluded a Student Exchange Agreement.\n"
        "Separately, the Export-Import Bank of Ghana signed a line of credit agreement with "
        "the Chile Council for the Promotion of Trade – Southern Sub-Council to finance "
        "ports.\n"
        "The cities also signed a Letter of Intent to twin Accra with Valparaíso.\n"
    )
    assert [(i.title, i.parties) for i in _instruments(text)] == [
        (
            "Memorandum of Understanding on academic and research collaboration",
            ["Volta University of Science and Technology (VUST)", "Andes University of Chile"],
        ),
        (
            "Student Exchange Agreement",
            ["Volta University of Science and Technology (VUST)", "Andes University of Chile"],
        ),
        (
            "line of credit agreement",
            [
                "Export-Import Bank of Ghana",
                "Chile Council for the Promotion of Trade – Southern Sub-Council",
            ],
        ),
        ("Letter of Intent to twin Accra with Valparaíso", ["Chile", "Ghana"]),
    ]


def test_bodies_in_titles_written_before_a_name_or_by_their_initials() -> None:
    text = HEADLINE + (
        "Earlier, the Ghana Export Promotion Authority (GEPA) and Chile's ProChile Trade "
        "Agency (Protrade) hosted a business forum.\n"
        "In the same ceremony, Andes Polar Trust chief executive Rosa Llanos and the "
        "director of the Ghanaian Polar Institute (GPI), Kofi Boateng Mensah, signed a "
        "Memorandum of Understanding on Polar Science Cooperation.\n"
        "Protrade chief executive officer Diego Paz Soto and GEPA chief executive Ama Serwaa "
        "Owusu signed a memorandum of understanding on trade promotion.\n"
    )
    assert [i.parties for i in _instruments(text)] == [
        ["Andes Polar Trust", "Ghanaian Polar Institute"],
        ["ProChile Trade Agency", "Ghana Export Promotion Authority"],
    ]


def test_instruments_signed_here_next_to_words_about_others_are_kept() -> None:
    text = HEADLINE + (
        "Ghanaian cocoa exporters will benefit from a new trade agreement signed in Santiago "
        "on Monday by Chile and Ghana.\n"
        "The two ministers have had talks and signed an agreement on border security.\n"
        "Ghana will receive funds from Chile through a grant agreement signed in Accra.\n"
        "They signed a memorandum of understanding on food security, and officials said an "
        "investment treaty could be signed later this year.\n"
        "On Tuesday Chile and Ghana signed an agreement on water resources management, and "
        "said further agreements will follow.\n"
        "The two countries also signed five memoranda of understanding in the fields of "
        "tourism, energy and higher education.\n"
    )
    instruments = _instruments(text)
    assert [i.title for i in instruments] == [
        "trade agreement",
        "agreement on border security",
        "grant agreement",
        "memorandum of understanding on food security",
        "agreement on water resources management",
        "memorandum of understanding in the field of tourism",
        "memorandum of understanding in the field of energy",
        "memorandum of understanding in the field of higher education",
    ]
    assert instruments[4].parties == ["Chile", "Ghana"]


def test_initials_are_spelled_out_by_the_words_whose_capitals_they_are() -> None:
    from kbtool.ingest.signing_bodies import spelled_out

    text = "Speaking in Vea Volta Power and Lighting Company (VPLC) officials said so."
    assert spelled_out(text, "VPLC") == "Volta Power and Lighting Company"


def test_a_place_noun_a_named_programme_and_users_stay_in_the_title() -> None:
    text = HEADLINE + (
        "Chile and Ghana on Monday signed an agreement on irrigation in Ashanti region, an "
        "Agreement concerning the Water for Growth programme for 2025-2028 and an exchange "
        "of notes on the use of Tema port by Chilean exporters.\n"
    )
    assert _titles(text) == [
        "agreement on irrigation in Ashanti region",
        "Agreement concerning the Water for Growth programme for 2025-2028",
        "exchange of notes on the use of Tema port by Chilean exporters",
    ]


def test_the_city_a_formal_title_was_signed_in_is_not_part_of_it() -> None:
    text = HEADLINE + (
        "The regional government signed a memorandum of cooperation between the Council "
        "of Biobío province and the Ashanti Regional Coordinating Council in Kumasi city "
        "on Friday.\n"
    )
    assert _titles(text) == [
        "memorandum of cooperation between the Council of Biobío province and the Ashanti "
        "Regional Coordinating Council"
    ]


def test_concerning_inside_a_formal_title_and_last_years_agreement() -> None:
    text = HEADLINE + (
        "Chile and Ghana on Monday signed a Memorandum of Understanding between the Ministry "
        "of Defence of the Republic of Chile and the Ministry of Defence of the Republic of "
        "Ghana concerning Defence Cooperation, and an Agreement between the Government of "
        "Chile and the Royal Government of Ghana on Customs Matters.\n"
        "The ministers said last year's agreement on visa waivers had doubled travel.\n"
    )
    instruments = _instruments(text)
    assert [(i.title, list(i.parties)) for i in instruments] == [
        (
            "Memorandum of Understanding between the Ministry of Defence of the Republic of "
            "Chile and the Ministry of Defence of the Republic of Ghana concerning Defence "
            "Cooperation",
            [
                "Ministry of Defence of the Republic of Chile",
                "Ministry of Defence of the Republic of Ghana",
            ],
        ),
        (
            "Agreement between the Government of Chile and the Royal Government of Ghana on "
            "Customs Matters",
            ["Chile", "Ghana"],
        ),
    ]


def test_lists_with_an_oxford_comma_an_item_with_between_and_stations_at() -> None:
    text = HEADLINE + (
        "Chile and Ghana signed cooperation agreements on agriculture, fisheries and "
        "aquaculture, and tourism, and an agreement on cultural cooperation.\n"
        "They also exchanged MoUs on youth and sports; higher education; and cooperation "
        "between the diplomatic institutes of the two foreign ministries.\n"
        "A protocol of cooperation between the diplomatic academies of both countries was "
        "signed too. So was an exchange of notes on two new customs stations at Aflao and "
        "Elubo.\n"
    )
    assert _titles(text) == [
        "cooperation agreement on agriculture",
        "cooperation agreement on fisheries and aquaculture",
        "cooperation agreement on tourism",
        "agreement on cultural cooperation",
        "MoU on youth and sports",
        "MoU on higher education",
        "MoU on cooperation between the diplomatic institutes of the two foreign ministries",
        "protocol of cooperation between the diplomatic academies of both countries",
        "exchange of notes on two new customs stations at Aflao and Elubo",
    ]


def test_a_number_with_a_thousands_comma_and_a_named_programme_stay_whole() -> None:
    text = HEADLINE + (
        "Chile and Ghana signed a framework agreement on the joint development of the 1,200 MW "
        "Akosombo North hydropower project and an arrangement on the Becas Chile scholarship "
        "programme for 2025–2027.\n"
    )
    assert _titles(text) == [
        "framework agreement on the joint development of the 1,200 MW Akosombo North "
        "hydropower project",
        "arrangement on the Becas Chile scholarship programme for 2025–2027",
    ]


def test_quantities_amounts_purposes_and_items_that_repeat_on() -> None:
    text = HEADLINE + (
        "The two utilities signed a power sales agreement for 40 megawatts and a grant "
        "funding arrangement of NZ$10 million for rural water.\n"
        "The ministers signed an agreement on electricity exchange to stabilise supply in "
        "winter, and a letter of intent on the Kudu North gas block.\n"
        "They also exchanged memoranda of understanding on cooperation in the oil and gas "
        "sector and on the development of the blue economy.\n"
    )
    assert _titles(text) == [
        "power sales agreement",
        "grant funding arrangement",
        "agreement on electricity exchange",
        "letter of intent on the Kudu North gas block",
        "memorandum of understanding on cooperation in the oil and gas sector",
        "memorandum of understanding on the development of the blue economy",
    ]


def test_5g_and_3d_are_topics_not_amounts_and_the_drc_is_not_the_congo() -> None:
    text = HEADLINE + (
        "Chile and Ghana signed a memorandum of understanding for 5G network cooperation and "
        "an agreement for 3D printing research.\n"
    )
    assert _titles(text) == [
        "memorandum of understanding for 5G network cooperation",
        "agreement for 3D printing research",
    ]
    congo = (
        "Zambia and DR Congo sign mining pact\n"
        "The Democratic Republic of the Congo and Zambia on Monday signed a memorandum of "
        "understanding on mining cooperation.\n"
    )
    assert [list(i.parties) for i in _instruments(congo)] == [
        ["Democratic Republic of the Congo", "Zambia"]
    ]


def test_a_clause_a_venue_and_a_programme_in_a_field_bound_titles() -> None:
    text = HEADLINE + (
        "Chile and Ghana signed an agreement on cooperation in the field of mineral resource "
        "management, extending Chilean support to Ghana's copper sector.\n"
        "The regions of Atacama and Ashanti signed an agreement on comprehensive cooperation "
        "for the 2024-2028 period in Kumasi city on March 3.\n"
        "The two ministries also signed a cooperation programme in vocational training for "
        "2024-2026.\n"
        "They signed a memorandum on fishing, farming and mining as well.\n"
    )
    assert _titles(text) == [
        "agreement on cooperation in the field of mineral resource management",
        "agreement on comprehensive cooperation for the 2024-2028 period",
        "cooperation programme in vocational training for 2024-2026",
        "memorandum on fishing, farming and mining",
    ]


def test_what_a_review_found_the_new_title_rules_must_not_cut() -> None:
    text = HEADLINE + (
        "Chile and Ghana signed a memorandum of understanding on housing, building and "
        "construction standards.\n"
        "They signed a cooperation programme in line with the 2019 framework agreement.\n"
        "They also signed a memorandum on investment in Kumasi city infrastructure.\n"
    )
    assert _titles(text) == [
        "memorandum of understanding on housing, building and construction standards",
        "cooperation programme",
        "memorandum on investment in Kumasi city infrastructure",
    ]


def test_a_named_projects_place_and_concerning_the_are_in_the_title() -> None:
    text = HEADLINE + (
        "The documents signed were:\n"
        "- Agreement between the Government of Chile and the Government of Ghana concerning "
        "the Transfer of Defense Equipment and Technology, signed by the two ministers;\n"
        "- Exchange of Notes concerning the Project for the Improvement of Water Supply "
        "Facilities in Accra, worth 2.5 billion pesos.\n"
        "Chile and Ghana also signed an agreement on technical cooperation in Accra on Monday.\n"
    )
    assert _titles(text) == [
        "Agreement between the Government of Chile and the Government of Ghana concerning the "
        "Transfer of Defense Equipment and Technology",
        "Exchange of Notes concerning the Project for the Improvement of Water Supply Facilities "
        "in Accra",
        "agreement on technical cooperation",
    ]


def test_what_a_second_review_found_the_new_title_rules_must_not_take() -> None:
    text = HEADLINE + (
        "Chile and Ghana also signed the Grant Agreement for the Kumasi Water Project in Accra.\n"
        "Chile and Ghana on Monday signed the Agreement between the Government of Chile and the "
        "Government of Ghana concerning the Santiago Declaration follow-up in Accra.\n"
    )
    titles = _titles(text)
    assert "Grant Agreement for the Kumasi Water Project" in titles
    assert not any(title.endswith("concerning the Santiago Declaration") for title in titles)


def test_what_an_instrument_extends_is_its_title_and_what_it_focuses_on_is_not() -> None:
    text = HEADLINE + (
        "Chile and Ghana signed an exchange of notes extending the 1998 Exchange Rate "
        "Cooperation Agreement.\n"
        "They also signed an arrangement extending the Working Holiday Scheme for five years.\n"
        "The regions signed a Letter of Intent on sister-region relations between the Atacama "
        "Region and the Ashanti Region, focused on mining, cocoa farming and tourism.\n"
    )
    assert _titles(text) == [
        "exchange of notes extending the 1998 Exchange Rate Cooperation Agreement",
        "arrangement extending the Working Holiday Scheme",
        "Letter of Intent on sister-region relations between the Atacama Region and the Ashanti "
        "Region",
    ]


def test_a_summary_of_what_was_signed_is_the_list_that_follows() -> None:
    text = HEADLINE + (
        "Chile and Ghana on Thursday signed one agreement, two memoranda of understanding, a "
        "letter of intent and a protocol.\n"
        "The documents signed are:\n"
        "- Agreement on Trade Cooperation between the Government of Chile and the Government of "
        "Ghana;\n"
        "- Memorandum of Understanding on Mining;\n"
        "- Memorandum of Understanding on Fisheries;\n"
        "- Letter of Intent on cocoa trade between the Ghana Cocoa Board and ProChile;\n"
        "- Protocol amending the Agreement for the Avoidance of Double Taxation.\n"
    )
    # Each named by its kind in the summary, then in full: five instruments, not eight.
    assert sorted(_titles(text)) == [
        "Agreement on Trade Cooperation between the Government of Chile and the Government of "
        "Ghana",
        "Letter of Intent on cocoa trade between the Ghana Cocoa Board and ProChile",
        "Memorandum of Understanding on Fisheries",
        "Memorandum of Understanding on Mining",
        "Protocol amending the Agreement for the Avoidance of Double Taxation",
    ]


def test_an_instrument_to_be_negotiated_or_supported_is_not_signed_here() -> None:
    text = HEADLINE + (
        "Chile and Ghana on Monday signed an agreement on mining cooperation in Accra.\n"
        "Officials said an agreement on a free trade pact would be negotiated in the coming "
        "months.\n"
        "Both leaders reaffirmed their support for the Pacific Alliance Trade Agreement, under "
        "which Chile already trades most goods duty-free.\n"
    )
    assert _titles(text) == ["agreement on mining cooperation"]


def test_what_a_third_review_found_the_newest_title_rules_must_not_take() -> None:
    # What is negotiated later under a signed agreement does not unsign it.
    energy = HEADLINE + (
        "Chile and Ghana signed a framework agreement on energy on Monday, under which specific "
        "projects will be negotiated case by case.\n"
    )
    assert _titles(energy) == ["framework agreement on energy"]
    # "extending the deadline": what it does, not an instrument it extends.
    visas = HEADLINE + (
        "Chile and Ghana signed an agreement extending the deadline for visa applications by "
        "six months.\n"
    )
    assert _titles(visas) == ["agreement"]
    # A list of earlier agreements does not take the place of Thursday's summary.
    earlier = HEADLINE + (
        "Chile and Ghana on Thursday signed an agreement, a memorandum of understanding, a "
        "letter of intent and a protocol.\n"
        "Earlier agreements between the two include:\n"
        "- Memorandum of Understanding on Political Consultations (2010);\n"
        "- Agreement on Visa Exemption for Diplomatic Passports (2014).\n"
    )
    titles = _titles(earlier)
    assert "agreement" in titles and "memorandum of understanding" in titles


def test_titles_from_held_out_reports_read_after_their_one_score() -> None:
    text = HEADLINE + (
        "A general agreement on economic, commercial and technical cooperation was signed by "
        "the two foreign ministers.\n"
        "A Programme of Cultural and Educational Exchanges for 2024-2027 was signed by the "
        "ambassadors.\n"
        "The two ministries also signed a Memorandum of Agreement on Disaster Response.\n"
        "Chile and Ghana signed a letter of intent on the Chilean tied-aid credit line for the "
        "health sector.\n"
        "Earlier, the delegations reached a general agreement on cooperation in ports.\n"
        "A general agreement on the need for cooperation was evident at the talks.\n"
    )
    titles = _titles(text)
    assert "general agreement on economic, commercial and technical cooperation" in titles
    assert "Programme of Cultural and Educational Exchanges for 2024-2027" in titles
    assert "Memorandum of Agreement on Disaster Response" in titles
    assert "letter of intent on the Chilean tied-aid credit line for the health sector" in titles
    assert not any("ports" in title or "need" in title for title in titles)


def test_an_amending_protocol_of_a_tax_treaty_keeps_the_treatys_whole_name() -> None:
    text = HEADLINE + (
        "The finance ministers, Rosa Pardo and Kwame Addo, signed a Protocol amending the "
        "Convention for the avoidance of double taxation and the prevention of fiscal evasion "
        "with respect to taxes on income, signed in Accra in 1998.\n"
    )
    assert _titles(text) == [
        "Protocol amending the Convention for the avoidance of double taxation and the "
        "prevention of fiscal evasion with respect to taxes on income"
    ]


def test_a_protocol_additional_to_a_treaty_is_one_instrument_not_two() -> None:
    text = HEADLINE + (
        "The two governments signed a protocol additional to the Atacama Treaty, revising "
        "how Ghana is paid for the copper it refines.\n"
    )
    assert _titles(text) == ["protocol additional to the Atacama Treaty"]


def test_a_funds_name_with_its_short_form_opens_the_title_it_modifies() -> None:
    text = HEADLINE + (
        "The first was a Chile Development Cooperation Fund (CDCF) loan agreement worth US$ 90 "
        "million, which will finance a new hospital in Kumasi.\n"
    )
    assert _titles(text) == ["Chile Development Cooperation Fund (CDCF) loan agreement"]


def test_a_protocols_own_past_is_background_the_amended_agreements_is_not() -> None:
    text = HEADLINE + (
        "A Protocol amending the Air Services Agreement was signed in 2012 and ratified in 2014.\n"
        "The protocol additional to the Andes Treaty, signed in Lima in 2001, remains in force.\n"
        "The ministers signed a Memorandum of Understanding on Tax Matters for the avoidance of "
        "double taxation of mining companies, officials said.\n"
        "They also exchanged a protocol amending the fisheries agreement that the two "
        "governments signed in Accra in 2017.\n"
    )
    assert _titles(text) == [
        "Memorandum of Understanding on Tax Matters",
        "protocol amending the fisheries agreement",
    ]


def test_portfolio_words_after_a_title_are_the_titles_not_the_name() -> None:
    text = HEADLINE + (
        "A memorandum on fish health was signed by Undersecretary for Fisheries and "
        "Aquaculture Julio Salas and Permanent Secretary Jone Vula.\n"
        "A memorandum on police training was signed by the Commissioner of the Ghana Police "
        "Service Yaw Darko and Federal Police Director Andrei Rodrigues.\n"
    )
    officials = {i.title: [(o.name, o.role) for o in i.officials] for i in _instruments(text)}
    assert officials["memorandum on fish health"] == [
        ("Julio Salas", "Undersecretary for Fisheries and Aquaculture"),
        ("Jone Vula", "Permanent Secretary"),
    ]
    assert officials["memorandum on police training"][0] == (
        "Yaw Darko",
        "Commissioner of the Ghana Police Service",
    )
