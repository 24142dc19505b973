"""The ways real reports name instruments and attribute quotations, one test per form."""

from __future__ import annotations

from kbtool.ingest.candidates import Known, extract
from kbtool.ingest.reading import Article


def _titles(text: str) -> list[str]:
    return [c.record.title for c in extract(Article(text=text, origin="t"), Known()).instruments]


def _speakers(text: str) -> list[tuple[str, str]]:
    quotations = extract(Article(text=text, origin="t"), Known()).quotations
    return [(c.record.text, c.record.speaker) for c in quotations]


HEADLINE = "Kenya and Zambia sign deals\n"


def test_an_instrument_named_by_its_kind_alone_is_reported() -> None:
    text = HEADLINE + "The protocol was exchanged by the two foreign ministers.\n"
    assert _titles(text) == ["protocol"]
    text = HEADLINE + "A memorandum was also signed between the central banks.\n"
    assert _titles(text) == ["memorandum"]


def test_coordinated_plurals_are_one_instrument_per_item() -> None:
    text = HEADLINE + "Kenya and Zambia signed agreements on cooperation in health and education.\n"
    assert _titles(text) == [
        "agreement on cooperation in health",
        "agreement on cooperation in education",
    ]
    text = (
        HEADLINE
        + "They also signed three cooperation agreements on trade, fisheries and culture.\n"
    )
    assert _titles(text) == [
        "cooperation agreement on trade",
        "cooperation agreement on fisheries",
        "cooperation agreement on culture",
    ]


def test_titles_end_where_the_title_ends() -> None:
    text = (
        HEADLINE
        + "They signed an agreement on scientific, technical and cultural cooperation to boost "
        + "two-way trade.\n"
        + "Zambia signed a memorandum of understanding (MoU) on water management.\n"
        + "Kenya signed a credit-line agreement worth $40 million.\n"
    )
    assert _titles(text) == [
        "agreement on scientific, technical and cultural cooperation",
        "memorandum of understanding on water management",
        "credit-line agreement",
    ]


def test_instruments_of_the_past_or_future_are_not_reported_as_signed_here() -> None:
    text = (
        HEADLINE
        + "Kenya and Zambia signed an MoU on Fisheries.\n"
        + "It builds on the trade pact concluded last year and the 2019 air services agreement.\n"
        + "An agreement on double taxation, still being negotiated, will follow.\n"
    )
    assert _titles(text) == ["MoU on Fisheries"]


def test_parties_whose_names_hold_and_stay_whole() -> None:
    text = (
        HEADLINE
        + "The Ministry of Trade and Industry and the Food and Drugs Authority signed an MoU on "
        + "Product Standards.\n"
    )
    parties = extract(Article(text=text, origin="t"), Known()).instruments[0].record.parties
    assert parties == ["Ministry of Trade and Industry", "Food and Drugs Authority"]


def test_an_inverted_tag_after_the_closing_mark_names_the_speaker() -> None:
    text = (
        HEADLINE
        + "Kenya and Zambia signed an MoU on Fisheries, Mayor Jane Wambui said.\n"
        + "“This will bring water to every family in the city.” Said the mayor.\n"
    )
    assert _speakers(text) == [
        ("This will bring water to every family in the city.", "Jane Wambui")
    ]


def test_a_descriptor_is_resolved_to_the_person_the_article_names() -> None:
    text = (
        HEADLINE
        + "President Hakainde Hichilema of Zambia met President William Ruto in Nairobi.\n"
        + "Kenya and Zambia signed an MoU on Fisheries.\n"
        + "“Zambia is a partner we trust with our future,” the Head of State said.\n"
    )
    assert _speakers(text)[0][1] in {"Hakainde Hichilema", "William Ruto"}


def test_a_quotation_over_two_paragraphs_is_one_quotation() -> None:
    text = (
        HEADLINE
        + "Kenya and Zambia signed an MoU on Fisheries.\n"
        + "“Our fishermen have waited a long time for this day.\n"
        + "“Now they can sell their catch on both shores of the lake,” Minister Alice Banda said.\n"
    )
    [(quoted, speaker)] = _speakers(text)
    assert quoted.startswith("Our fishermen") and quoted.endswith("both shores of the lake,")
    assert speaker == "Alice Banda"


def test_a_quotation_over_two_paragraphs_in_straight_marks_is_one_quotation() -> None:
    text = (
        HEADLINE
        + "Kenya and Zambia signed an MoU on Fisheries.\n"
        + '"With the MoU, our boats can land their catch in Mpulungu," said Minister Alice '
        + "Banda.\n"
        + '"For a landlocked country, a port is a lifeline. Until now we depended on others.\n'
        + '"The MoU gives us certainty for a generation," said Minister Peter Mwale.\n'
    )
    assert _speakers(text) == [
        ("With the MoU, our boats can land their catch in Mpulungu,", "Alice Banda"),
        # Verbatim, as `kb verify` checks it: the paragraph break and its mark are kept.
        (
            "For a landlocked country, a port is a lifeline. Until now we depended on others.\n"
            '"The MoU gives us certainty for a generation,',
            "Peter Mwale",
        ),
    ]


def test_another_outlets_report_of_the_shipped_event_matches_all_four_instruments() -> None:
    from pathlib import Path

    from kbtool.ingest.evaluation import shipped_records
    from kbtool.ingest.reading import read_article

    known = shipped_records()
    path = Path(__file__).resolve().parents[1] / "evaluation/articles/kenya-malaysia-bernama.txt"
    candidates = extract(read_article(str(path), lambda: b""), known)
    matched = {c.record.id for c in candidates.instruments if c.existing}
    assert matched == {i.id for i in known.instruments}
    assert len(candidates.instruments) == 4


def test_bodies_that_sign_on_behalf_of_their_countries_are_the_parties() -> None:
    text = (
        HEADLINE
        + "Kenya and Zambia signed a Protocol on Power Interconnection.\n"
        + "The protocol was signed by Jane Wambui on behalf of the Ministry of Energy and "
        + "Petroleum and by Peter Banda on behalf of the Ministry of Water and Electricity.\n"
        + "The Disaster Memorandum, between the Kenya Red Cross Authority and the Zambia "
        + "Disaster Management Agency, was also signed.\n"
    )
    found = {
        c.record.title: c.record.parties
        for c in extract(Article(text=text, origin="t"), Known()).instruments
    }
    assert found["Protocol on Power Interconnection"] == [
        "Ministry of Energy and Petroleum",
        "Ministry of Water and Electricity",
    ]
    assert found["Disaster Memorandum"] == [
        "Kenya Red Cross Authority",
        "Zambia Disaster Management Agency",
    ]


def test_a_role_is_never_taken_from_the_person_named_before() -> None:
    text = (
        HEADLINE
        + "Kenya and Zambia signed an MoU on Fisheries.\n"
        + "“The lake will feed both our peoples for generations,” said Managing Director Amina "
        + "Salim and Zambia Fisheries Director Peter Banda.\n"
        + "“This memorandum gives our fishermen new markets,” Banda said.\n"
    )
    quotations = extract(Article(text=text, origin="t"), Known()).quotations
    banda = [q.record for q in quotations if q.record.speaker == "Peter Banda"]
    assert banda and banda[0].speaker_role == "Fisheries Director"


def test_programmes_records_and_the_period_they_cover_are_instruments() -> None:
    text = (
        HEADLINE
        + "The sides also signed a programme of cooperation in agriculture for 2019-2021.\n"
        + "A Cultural Exchange Programme for the Years 2023 to 2026 was signed too.\n"
    )
    assert _titles(text) == [
        "programme of cooperation in agriculture for 2019-2021",
        "Cultural Exchange Programme for the Years 2023 to 2026",
    ]


def test_an_instrument_named_inside_another_title_is_not_another_instrument() -> None:
    text = (
        HEADLINE
        + "A Protocol amending the Convention for the Avoidance of Double Taxation was signed.\n"
        + "They recalled the Basic Convention on Scientific Cooperation of 1971.\n"
    )
    assert _titles(text) == [
        "Protocol amending the Convention for the Avoidance of Double Taxation"
    ]


def test_heads_of_state_and_government_and_courtesy_titles_are_told_apart() -> None:
    text = (
        "Belarus and Equatorial Guinea sign deals\n"
        + "Belarusian President Aleksandr Lukashenko received Prime Minister of Equatorial "
        + "Guinea Francisco Pascual Obama Asue in Minsk.\n"
        + "The two sides signed an Agreement on Trade.\n"
        + "“We have tractors, trucks and engineers to offer,” the Head of State said.\n"
        + "“Our country values partners who respect our choices,” the Prime Minister noted.\n"
        + "Prime Minister the Most Hon. Desmond Clarke of Jamaica was also present.\n"
    )
    assert [speaker for _, speaker in _speakers(text)] == [
        "Aleksandr Lukashenko",
        "Francisco Pascual Obama Asue",
    ]


def test_a_name_and_a_role_side_by_side_are_the_speaker_and_the_role() -> None:
    text = (
        HEADLINE
        + "Kenya and Zambia signed an MoU on Fisheries.\n"
        + "“Kiel has shown us that a harbour town can recycle,” said the Mayor of Walvis Bay, "
        + "Naomi Shilongo.\n"
        + "Al-Mutairi, Deputy Minister for Electricity Affairs, explained that the grid link "
        + "was “the backbone of the whole project for years to come.”\n"
        + "The agreement was signed by Eng. Fahd Al-Mutairi.\n"
        + "Mauritius' Minister of Foreign Affairs, Regional Integration and International Trade "
        + "Arvin Boolell said visas were “no longer needed by our students or our traders.”\n"
    )
    assert [speaker for _, speaker in _speakers(text)] == [
        "Naomi Shilongo",
        "Fahd Al-Mutairi",
        "Arvin Boolell",
    ]


def test_instruments_named_in_quotations_or_for_later_are_not_reported_as_signed() -> None:
    text = (
        HEADLINE
        + "Kenya and Zambia signed an MoU on Fisheries.\n"
        + "“With the MoU on the blue economy we will fish further,” Minister Alice Banda said.\n"
        + "The central banks are expected to sign a currency swap agreement on Friday.\n"
        + "They agreed that an Investment Promotion Agreement should be negotiated soon.\n"
        + "An Additional Protocol to the Treaty of Lusaka on Border Crossings was also signed.\n"
    )
    assert _titles(text) == [
        "MoU on Fisheries",
        "Additional Protocol to the Treaty of Lusaka on Border Crossings",
    ]


def test_speakers_announced_styled_or_described_by_nationality() -> None:
    text = (
        "UAE and India sign deals\n"
        + "The MoU on Ports was signed in the presence of His Highness Sheikh Khalid bin "
        + "Saeed Al Nahyan and Rajesh Venkataraman, Minister of Commerce of India.\n"
        + "“Today's agreements will channel long-term capital into India,” His Highness said.\n"
        + "“Investors keep coming to our ports every single year,” the Indian minister noted.\n"
        + "Stating that the ports would grow, Minister Asha Rao said:\n"
        + "“Our harbours will double their capacity within five years.”\n"
    )
    assert [speaker for _, speaker in _speakers(text)] == [
        "Khalid bin Saeed Al Nahyan",
        "Rajesh Venkataraman",
        "Asha Rao",
    ]


def test_a_table_of_instruments_gives_each_its_title_and_signatories() -> None:
    text = (
        "List of agreements signed during the visit\n"
        + "The following were signed in the presence of Prime Minister Manmohan Singh and "
        + "President Bingu wa Mutharika:\n"
        + "| No. | Name of document | Signatory from Indian side | Signatory from Malawian side |\n"
        + "|---|---|---|---|\n"
        + "| 1. | Agreement on Cooperation in the field of Agriculture and Allied Sectors | "
        + "Shri Ashok Kumar Nair, Secretary | Hon. Gracian Chimwaza, Minister of Agriculture |\n"
        + "| 2. | Line of Credit Agreement between the Export-Import Bank of India and the "
        + "Government of Malawi for US$ 50 million | Shri Pradeep Rao, Chief General Manager | "
        + "Hon. Chikondi Banda, Minister of Finance |\n"
    )
    found = {
        c.record.title: (c.record.witnesses, [o.name for o in c.record.officials])
        for c in extract(Article(text=text, origin="t"), Known()).instruments
    }
    assert found == {
        "Agreement on Cooperation in the field of Agriculture and Allied Sectors": (
            ["Manmohan Singh", "Bingu wa Mutharika"],
            ["Ashok Kumar Nair", "Gracian Chimwaza"],
        ),
        "Line of Credit Agreement between the Export-Import Bank of India and the Government "
        "of Malawi": (
            ["Manmohan Singh", "Bingu wa Mutharika"],
            ["Pradeep Rao", "Chikondi Banda"],
        ),
    }


def test_nationalities_by_their_endings_and_heads_of_bodies_are_not_heads_of_state() -> None:
    text = (
        "Algeria and Mauritania sign six instruments\n"
        + "Mohamed Lemine Ould Cheikh, President of the Islamic Republic of Mauritania, was "
        + "received in Algiers.\n"
        + "Ahmed Baba Ould Ely, President of the Mauritanian Chamber of Commerce, also came.\n"
        + "The two sides signed an Agreement on Maritime Transport.\n"
        + "“The agreement on maritime transport will open our ports,” the Mauritanian Head of "
        + "State said.\n"
        + "“More than one hundred Algerian firms want to take part in it.” Said Mr. Benkhelifa.\n"
        + "Director General Rachid Benkhelifa of the chamber spoke last.\n"
    )
    assert [speaker for _, speaker in _speakers(text)] == [
        "Mohamed Lemine Ould Cheikh",
        "Rachid Benkhelifa",
    ]


def test_an_agreement_relating_to_something_is_read_whole_and_a_pluperfect_is_history() -> None:
    text = (
        HEADLINE
        + "They signed an agreement relating to the opening of the Tindouf border crossing.\n"
        + "The two countries had signed, in August 2018, the agreement on land transport.\n"
    )
    assert _titles(text) == ["agreement relating to the opening of the Tindouf border crossing"]


def test_items_that_repeat_their_preposition_and_a_programme_with_its_period() -> None:
    text = (
        HEADLINE
        + "The ministers signed MoUs on surveillance in the border zone; on the recognition of "
        + "degrees; and on the management of the Mira and Mataje river basins.\n"
        + "The centrepiece is the Strategic Cooperation Programme 2022-2026, signed by the "
        + "two foreign ministers.\n"
        + "The Declaration of Ipiales and the Binational Action Plan 2015 were also signed.\n"
    )
    assert _titles(text) == [
        "MoU on surveillance in the border zone",
        "MoU on the recognition of degrees",
        "MoU on the management of the Mira and Mataje river basins",
        "Strategic Cooperation Programme 2022-2026",
        "Declaration of Ipiales",
        "Binational Action Plan 2015",
    ]


def test_the_host_leader_whom_the_article_gives_no_country() -> None:
    text = (
        "Belarus and Zimbabwe sign documents\n"
        + "Talks were held between President Aleksandr Lukashenko and President of Zimbabwe "
        + "Emmerson Mnangagwa.\n"
        + "The two sides signed an Agreement on Education.\n"
        + "“We come with tractors and with people to teach their use,” the Belarusian leader "
        + "stressed.\n"
        + "“Deputy PM Khiem and Minister Ulisses Correia e Silva will follow up the work,” "
        + "Deputy PM Khiem said.\n"
    )
    assert next(speaker for _, speaker in _speakers(text)) == "Aleksandr Lukashenko"


def test_a_pages_date_widget_navigation_or_image_name_is_never_its_title() -> None:
    from kbtool.ingest.reading import read_html

    page = (
        "<html><head><title>News | Kenya Broadcasting</title>"
        '<meta property="og:title" content="Kenya and Malaysia exchange four instruments">'
        "</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<div class='date'>Monday, 24 November 2025</div>"
        "<img src='/uploads/IMG_4471.jpg' alt='IMG_4471.jpg'>"
        "<article><h1>Kenya and Malaysia exchange four instruments</h1>"
        "<p>Kenya and Malaysia exchanged an MoU on Tourism Cooperation at State House in "
        "Nairobi on Monday, witnessed by President William Ruto and Prime Minister Anwar "
        "Ibrahim, in a ceremony that closed the official visit.</p></article></body></html>"
    )
    article = read_html(page, "test.html")
    candidates = extract(article, Known())
    assert candidates.source.title == "Kenya and Malaysia exchange four instruments"


def test_a_party_that_begins_with_whose_it_is_starts_where_the_other_ends() -> None:
    text = (
        HEADLINE
        + "Sri Lanka's Ministry of Labour and Foreign Employment and Bahrain's Labour Market "
        + "Regulatory Authority signed an MoU on Labour Cooperation.\n"
    )
    parties = extract(Article(text=text, origin="t"), Known()).instruments[0].record.parties
    assert parties == [
        "Sri Lanka's Ministry of Labour and Foreign Employment",
        "Bahrain's Labour Market Regulatory Authority",
    ]


def test_bodies_named_as_the_sides_win_over_their_countries() -> None:
    text = (
        "Indonesia and Australia sign deals\n"
        + "Australia and Indonesia signed a Memorandum of Understanding on Disaster Risk.\n"
        + "The disaster memorandum, between Emergency Management Australia and Indonesia's "
        + "National Disaster Management Agency, was signed by the heads of the two agencies.\n"
        + "The Russian Export Center and the Agency for the Promotion of Investments in Mali "
        + "also concluded a memorandum of understanding on support for exporters.\n"
    )
    found = {
        c.record.title: c.record.parties
        for c in extract(Article(text=text, origin="t"), Known()).instruments
    }
    assert found == {
        "Memorandum of Understanding on Disaster Risk": [
            "Emergency Management Australia",
            "Indonesia's National Disaster Management Agency",
        ],
        "memorandum of understanding on support for exporters": [
            "Russian Export Center",
            "Agency for the Promotion of Investments in Mali",
        ],
    }


def test_the_visiting_leader_the_envoy_and_a_country_named_body() -> None:
    text = (
        "Kenya and Ethiopia sign deals\n"
        + "NAIROBI - Kenya and Ethiopia signed an Agreement on Power Trade, as Ethiopian "
        + "Prime Minister H.E. Dawit Alemu Bekele held talks with President Joseph Kamau.\n"
        + "“Ethiopian power will light Kenyan homes,” the visiting leader remarked.\n"
        + "Moraa said Kenya would import power at night. “Cheaper power means lower bills "
        + "for our households.”\n"
        + "“The agreement opens the way for a study on coaches,” Kenya Railways said.\n"
    )
    assert [speaker for _, speaker in _speakers(text)] == [
        "Dawit Alemu Bekele",
        "Moraa",
        "Kenya Railways",
    ]


def test_a_body_without_its_other_name_and_a_surname_with_its_particle_in_full() -> None:
    text = (
        "Malaysia and Qatar sign deals\n"
        + "Malaysia and Qatar signed an MoU on Education.\n"
        + "“The memorandum gives our students places in Doha,” the Ministry of Foreign Affairs "
        + "(Wisma Putra) said.\n"
        + "It was signed by H.E. Dr. Abdullah bin Nasser Al Marri for Qatar.\n"
        + "“Up to fifty students a year will come to our universities,” Al Marri said.\n"
    )
    assert [speaker for _, speaker in _speakers(text)] == [
        "Ministry of Foreign Affairs",
        "Abdullah bin Nasser Al Marri",
    ]


def test_titles_keep_their_place_particles_and_wording_but_not_a_period_or_a_vague_accord() -> None:
    text = (
        HEADLINE
        + "They signed an Agreement on a Dedicated Berth at the Port of Mombasa.\n"
        + "Pertamina signed an Agreement on Gas between PT Pertamina and Empresa Nacional de "
        + "Hidrocarbonetos.\n"
        + "The police chiefs renewed the MoU on Police Cooperation for a further five years.\n"
        + "The ministers were in agreement that trade must grow, and in keeping with protocol "
        + "thanked their hosts; they recalled the Paris Agreement.\n"
    )
    assert _titles(text) == [
        "Agreement on a Dedicated Berth at the Port of Mombasa",
        "Agreement on Gas between PT Pertamina and Empresa Nacional de Hidrocarbonetos",
        "MoU on Police Cooperation",
    ]


def test_areas_listed_after_the_signing_and_a_short_name_by_its_initials() -> None:
    text = (
        HEADLINE
        + "MoUs were signed in the following areas: health, education and agriculture.\n"
        + "A Treaty on Mutual Legal Assistance in Criminal Matters was also signed.\n"
        + "The MLA treaty will speed up extraditions, officials said.\n"
    )
    assert _titles(text) == [
        "MoU on health",
        "MoU on education",
        "MoU on agriculture",
        "Treaty on Mutual Legal Assistance in Criminal Matters",
    ]


def test_a_counterpart_holds_the_same_office_and_a_body_qualifies_a_descriptor() -> None:
    text = (
        "Mozambique and Indonesia sign deals\n"
        + "President Alberto Sitoe and his Indonesian counterpart, Bambang Wibisono, witnessed "
        + "the signing of an MoU on Fisheries.\n"
        + "“Illegal fishing robs both our nations of their catch,” the Indonesian President said.\n"
        + "The Power Purchase Agreement was signed by Faisal Al Hammadi, Chief Executive "
        + "Officer of Masdar.\n"
        + "“Under this agreement the plant will light half a million homes,” the Masdar chief "
        + "said.\n"
    )
    assert [speaker for _, speaker in _speakers(text)] == ["Bambang Wibisono", "Faisal Al Hammadi"]


def test_lower_case_modifiers_joined_by_and_and_a_javanese_given_name() -> None:
    text = (
        HEADLINE
        + "They signed an investment promotion and protection agreement.\n"
        + "“The governments have opened the door for our traders,” said Sri Wahyuni Prasetyo, "
        + "the chamber's chair.\n"
        + "The talks were held at the Kenyatta International Convention Centre.\n"
    )
    assert _titles(text) == ["investment promotion and protection agreement"]
    assert [speaker for _, speaker in _speakers(text)] == ["Sri Wahyuni Prasetyo"]


def test_a_possible_or_older_instrument_and_whom_one_serves_are_not_titles() -> None:
    text = (
        HEADLINE
        + "They signed an Air Services Agreement for her sector, the minister said.\n"
        + "Talks continued on a possible preferential trade arrangement.\n"
        + "The framework replaces an older arrangement on shipping.\n"
    )
    assert _titles(text) == ["Air Services Agreement"]


def test_an_instrument_still_to_be_made_or_replaced_is_not_reported_as_signed() -> None:
    text = (
        HEADLINE
        + "Kenya and Zambia signed an Agreement on Mutual Legal Assistance. It replaces a legal "
        + "cooperation arrangement dating from 1964.\n"
        + "The two sides have not yet closed an agreement on the avoidance of double taxation.\n"
        + "Exporters need not wait for a preferential trade agreement, which both sides have "
        + "agreed to study.\n"
        + "The ministers also signed the formalities that will put the free trade agreement "
        + "into force.\n"
        + "A Bilateral Air Services Agreement was signed too, replacing arrangements dating "
        + "back to the 1990s.\n"
    )
    assert _titles(text) == [
        "Agreement on Mutual Legal Assistance",
        "Bilateral Air Services Agreement",
    ]


def test_companies_and_agencies_that_sign_with_each_other_are_the_parties() -> None:
    text = (
        HEADLINE
        + "Sawit Jaya Refineries Sdn Bhd signed a palm olein supply agreement worth RM85 "
        + "million with Mombasa-based Pwani Edible Oils Ltd.\n"
        + "A Letter of Intent on Rolling Stock was signed between Kenya Railways and PT "
        + "Industri Kereta Api by Managing Director Stanley Wachira and Agus Setiawan.\n"
        + "Vanuatu and the People’s Republic of China signed an Economic Cooperation "
        + "Agreement.\n"
    )
    candidates = extract(Article(text=text, origin="t"), Known()).instruments
    found = {c.record.title: c.record for c in candidates}
    supply = found["palm olein supply agreement"]
    assert supply.parties == ["Sawit Jaya Refineries Sdn Bhd", "Pwani Edible Oils Ltd"]
    assert supply.officials == []  # the company is not a person who signed
    assert found["Letter of Intent on Rolling Stock"].parties == [
        "Kenya Railways",
        "PT Industri Kereta Api",
    ]
    assert found["Economic Cooperation Agreement"].parties == ["Vanuatu", "China"]


def test_signatories_styled_by_their_bodies_lower_case_roles_are_both_read() -> None:
    text = (
        HEADLINE
        + "Matrade chief executive officer Azman Mohd Hashim and KEBS managing director Esther "
        + "Ngari signed a memorandum of understanding on trade promotion.\n"
    )
    candidates = extract(Article(text=text, origin="t"), Known()).instruments
    names = [o.name for o in candidates[0].record.officials]
    assert names == ["Azman Mohd Hashim", "Esther Ngari"]


def test_a_counterpart_is_of_the_same_rank_and_a_title_with_a_body_word_is_a_person() -> None:
    text = (
        HEADLINE
        + "Prime Cabinet Secretary Francis Were led the delegation.\n"
        + "Cabinet Secretary for Foreign Affairs Monica Owuor met Zambia's Minister of Foreign "
        + "Affairs, Mulambo Haimbe, in Lusaka.\n"
        + "The Agreement on Science was signed by Kenya's High Commissioner to Zambia, Amb. "
        + "Peter Kilonzo, and Zambia's Joint Secretary for Africa, Mr. Nikhil Banda.\n"
        + '"Kenya looks to Zambia as a partner in medicine," said Dr. Owuor.\n'
        + '"Our two countries have a great deal to learn from one another," her counterpart '
        + "said.\n"
        + '"Our fund managers should see Nairobi as their second home," the Prime Cabinet '
        + "Secretary remarked.\n"
        + '"Twelve researchers will spend a year in Lusaka under the agreement," the envoy '
        + "told reporters.\n"
    )
    assert [speaker for _, speaker in _speakers(text)] == [
        "Monica Owuor",
        "Mulambo Haimbe",
        "Francis Were",
        "Peter Kilonzo",
    ]


def test_titles_of_programmes_credit_lines_and_proper_adjectives_read_whole() -> None:
    text = (
        HEADLINE
        + "They signed a Programme of Cooperation in Science and Technology for the years "
        + "2023-2026.\n"
        + "A line of credit agreement between the Export-Import Bank of Kenya and the "
        + "National Bank of Zambia, worth US$25 million, was signed.\n"
        + "A letter of intent on Antarctic science cooperation was signed too.\n"
        + "A further memorandum was signed between the two regional councils.\n"
        + "An exchange of notes on the Japanese loan for the Lusaka Airport Project was "
        + "exchanged, followed by the loan agreement for the Lusaka Airport Project.\n"
    )
    assert _titles(text) == [
        "Programme of Cooperation in Science and Technology for the years 2023-2026",
        "line of credit agreement between the Export-Import Bank of Kenya and the National "
        "Bank of Zambia",
        "letter of intent on Antarctic science cooperation",
        "memorandum",
        "exchange of notes on the Japanese loan for the Lusaka Airport Project",
        "loan agreement for the Lusaka Airport Project",
    ]


def test_documents_adopted_or_issued_and_instruments_of_an_earlier_visit_are_left_out() -> None:
    text = (
        HEADLINE
        + "Kenya and Zambia signed an Agreement on Visa Exemption.\n"
        + "The two sides issued a joint communiqué and adopted a roadmap for raising trade.\n"
        + "A joint communiqué on the visit will be issued tomorrow.\n"
        + "Zambia and Kenya signed a Memorandum of Understanding on fisheries cooperation "
        + "during the 2019 visit of a Zambian delegation.\n"
    )
    assert _titles(text) == ["Agreement on Visa Exemption"]


def test_a_head_of_government_a_two_word_nationality_and_a_family_name_tan() -> None:
    text = (
        HEADLINE
        + "Talks were co-chaired by Moroccan Head of Government Karim Bennani and Senegalese "
        + "Prime Minister Mamadou Sarr.\n"
        + "President Han Seung-woo received visiting Uzbek President Sardor Nazarov.\n"
        + "Singapore was represented by its Assistant Chief Executive Officer, Tan Wei Ming, "
        + "and Malaysia by Rubber Board chairman Tan Sri Abdul Wahid Sulaiman.\n"
        + "“Our relations are those of two brothers who build together.” Stressed the Head "
        + "of Government.\n"
        + '"Korea wants to be the most trusted partner of Central Asia," the South Korean '
        + "leader told reporters.\n"
        + '"Kigali is a very easy place to do business for our companies," said Tan.\n'
        + '"Rubber was once a Malaysian story only, now it is ours too," said Abdul Wahid.\n'
    )
    assert [speaker for _, speaker in _speakers(text)] == [
        "Karim Bennani",
        "Han Seung-woo",
        "Tan Wei Ming",
        "Abdul Wahid Sulaiman",
    ]


def test_a_nationality_means_the_one_named_only_with_that_country() -> None:
    text = (
        HEADLINE
        + "President of the Republic of Serbia Nenad Stojkovic and President of the Republic "
        + "of Azerbaijan Ramil Huseynov met in Belgrade.\n"
        + "President Huseynov, on his first visit to Serbia, signed an Agreement on Energy.\n"
        + "“Serbia will never forget the respect Azerbaijan has shown us.” Said the Serbian "
        + "President.\n"
    )
    assert [speaker for _, speaker in _speakers(text)] == ["Nenad Stojkovic"]


def test_an_amount_in_us_dollars_does_not_make_the_united_states_a_party() -> None:
    text = (
        HEADLINE
        + "President Ruto arrived in Lusaka on Monday for a two-day visit to Zambia.\n"
        + "Kenya signed a Grant Agreement on Budget Support worth US$30 million, or 30 "
        + "million US dollars.\n"
    )
    candidates = extract(Article(text=text, origin="t"), Known()).instruments
    assert sorted(candidates[0].record.parties) == ["Kenya", "Zambia"]


def test_parties_of_concluded_between_past_an_apposition_or_an_amount() -> None:
    text = (
        HEADLINE
        + "The first was a Production Sharing Agreement for the Mnazi Block worth USD 1.2 "
        + "billion, concluded between the Government of the Republic of Zambia and Nusantara "
        + "Gas and Power Company.\n"
        + "A further memorandum, covering sister-region links and dairy farming, was signed "
        + "between the Nakuru County Government and the Regional Government of Copperbelt.\n"
        + "They also signed a Memorandum of Understanding between the China Development Bank "
        + "and Zambia's Agency for the Promotion of Investments and Major Works (APIX) on "
        + "infrastructure financing.\n"
    )
    found = [c.record.parties for c in extract(Article(text=text, origin="t"), Known()).instruments]
    assert found == [
        ["Zambia", "Nusantara Gas and Power Company"],
        ["Nakuru County Government", "Regional Government of Copperbelt"],
        [
            "China Development Bank",
            "Zambia's Agency for the Promotion of Investments and Major Works (APIX)",
        ],
    ]


def test_the_head_of_state_and_the_head_of_a_countrys_government_are_speakers() -> None:
    text = (
        HEADLINE
        + "Prime Minister Roman Golovchenko of Belarus met President Emmerson Mnangagwa.\n"
        + "Belarus and Zimbabwe signed an Agreement on Tractors.\n"
        + "“Today we have moved from declarations to contracts,” the head of the Belarusian "
        + "government assessed the outcome of the talks.\n"
        + "“We want to build the industry together, here and in Harare,” the head of state "
        + "remarked.\n"
    )
    assert [speaker for _, speaker in _speakers(text)] == [
        "Roman Golovchenko",
        "Emmerson Mnangagwa",
    ]


def test_an_envoy_posted_to_a_country_is_the_envoy_who_speaks() -> None:
    text = (
        HEADLINE
        + "Kenya and Zambia signed an MoU on Fisheries.\n"
        + "Kenya's Ambassador to Zambia, Sheikh Saud bin Ali Al Rowahi, who sat beside the "
        + "ministers at the ceremony, said firms had shown interest.\n"
        + '"We will bring at least twenty companies to Lusaka within a year," the envoy said.\n'
    )
    quotations = extract(Article(text=text, origin="t"), Known()).quotations
    record = quotations[0].record
    assert (record.speaker, record.speaker_role) == (
        "Saud bin Ali Al Rowahi",
        "Ambassador to Zambia",
    )


def test_a_descriptor_means_the_one_named_last_even_in_a_sentence_with_a_quotation() -> None:
    text = (
        HEADLINE
        + "Zambia's Minister of Finance Mamadou Banda and Zambia's Minister of Energy Alice "
        + "Phiri met Kenya's Minister of Mining Dmitry Otieno.\n"
        + "Kenya and Zambia signed an Agreement on Geology.\n"
        + 'Banda, for his part, thanked the Kenyan side for its "constructive and friendly '
        + 'approach". "We are not asking for charity," the Zambian minister stressed.\n'
    )
    assert [speaker for _, speaker in _speakers(text)][-1] == "Mamadou Banda"


def test_the_governor_is_not_the_deputy_governor_named_nearer() -> None:
    text = (
        HEADLINE
        + "Bank of Zambia Governor Vikash Banda met Kenya's Foreign Minister Amina Yusuf.\n"
        + "The MoU on Local Currencies was signed by CBK deputy governor Peter Otieno.\n"
        + '"Our importers will no longer go through the dollar for every shipment," the '
        + "governor said.\n"
    )
    assert [speaker for _, speaker in _speakers(text)] == ["Vikash Banda"]


def test_a_nationality_no_leader_is_linked_to_means_the_leader_named_last() -> None:
    text = (
        HEADLINE
        + "President Peter Gitonga and his host, President Jean-Baptiste Habimana, witnessed "
        + "the signing of an Agreement on Port Berths.\n"
        + 'President Habimana described the agreement as modest. "Our young musicians already '
        + 'know each other online," the Zambian leader stressed.\n'
        + 'Gitonga laughed. "We did not come all this way to sign paper," the Kenyan leader '
        + "said.\n"
    )
    assert [speaker for _, speaker in _speakers(text)] == [
        "Jean-Baptiste Habimana",
        "Peter Gitonga",
    ]


def test_a_name_with_particles_and_its_title_before_said_and_an_outlet_is_not_a_name() -> None:
    text = (
        HEADLINE
        + "Kenya and Zambia signed an Agreement on Trade.\n"
        + "Sheikh Hamed bin Sultan Al Harthy, Minister of Commerce and Industry, said: “Zambia "
        + "sees Kenya as its door to the markets of East Africa.”\n"
        + "Minister Abdulrahman Al-Othman attended too. In a statement to ASNA, Al-Othman "
        + "stated that “the agreement gives investors the guarantees they have long sought.”\n"
        + "Kenya's Ministry of Labour, Invalids and Social Affairs said the agreement would "
        + '"protect trainees from brokers who charge illegal fees."\n'
    )
    assert [speaker for _, speaker in _speakers(text)] == [
        "Hamed bin Sultan Al Harthy",
        "Abdulrahman Al-Othman",
        "Kenya's Ministry of Labour, Invalids and Social Affairs",
    ]


def test_instruments_to_be_concluded_joined_ratified_or_proposed_are_not_signed_here() -> None:
    text = (
        HEADLINE
        + "Kenya and Ghana signed an Agreement on Visa Exemption.\n"
        + "Both leaders agreed to expedite the conclusion of the Comprehensive Economic "
        + "Partnership Agreement.\n"
        + "They called for the early conclusion of a Free Trade Agreement between the two "
        + "countries.\n"
        + "The ministers welcomed progress towards a Bilateral Investment Treaty.\n"
        + "The talks took place within the framework of the Strategic Partnership Agreement.\n"
        + "Trade is governed in accordance with the Agreement on Trade and Economic Cooperation.\n"
        + "The sides are exploring the possibility of a double taxation agreement.\n"
        + "Officials reviewed a draft memorandum of understanding on fisheries.\n"
        + "The two countries discussed pending agreements and an outstanding protocol on "
        + "consular affairs.\n"
        + "Ghana also proposed a memorandum of understanding on mining, which Kenya will study.\n"
        + "Kenya invited Ghana to join the Nairobi Convention on marine protection.\n"
        + "The president urged parliament to ratify the Agreement on Mutual Legal Assistance.\n"
        + "Negotiations on an agreement on air services will resume in March.\n"
        + "The leaders directed their ministers to conclude a memorandum of understanding on "
        + "health by June.\n"
    )
    assert _titles(text) == ["Agreement on Visa Exemption"]


def test_a_name_after_a_dash_or_before_a_colon_is_the_speaker() -> None:
    text = (
        HEADLINE
        + "President William Ruto and Foreign Minister Musalia Mudavadi of Kenya met Zambia's "
        + "President Hakainde Hichilema.\n"
        + "Kenya and Zambia signed an Agreement on Visa Exemption.\n"
        + '"Our peoples should travel freely across this continent," Hichilema said.\n'
        + '"We will remove every barrier between our traders and their markets." — President '
        + "Ruto\n"
        + 'Mudavadi: "The visa waiver takes effect in thirty days for all holders."\n'
    )
    assert [speaker for _, speaker in _speakers(text)] == [
        "Hakainde Hichilema",
        "William Ruto",
        "Musalia Mudavadi",
    ]


def test_a_nationality_no_leader_is_linked_to_means_the_host_or_the_guest() -> None:
    text = (
        "Kenya and Ghana sign a visa deal\n"
        + "NAIROBI, March 3 (KNA) – President William Ruto hosted President Nana Akufo-Addo at "
        + "State House, where the two leaders witnessed the signing of an Agreement on Visa "
        + "Exemption.\n"
        + '"Africa cannot trade with itself if its people cannot move," the Ghanaian leader '
        + "said.\n"
        + '"Our doors are open to every Ghanaian trader," the Kenyan leader said.\n'
    )
    assert [speaker for _, speaker in _speakers(text)] == [
        "Nana Akufo-Addo",
        "William Ruto",
    ]


def test_list_items_in_sentence_case_plans_minutes_and_generic_sides() -> None:
    text = (
        HEADLINE
        + "The documents signed were:\n"
        + "1. Credit line agreement between the Development Bank of Kenya and the Zambian "
        + "Export-Import Bank worth 100 million dollars;\n"
        + "2. Technical cooperation agreement on the control of the fruit fly.\n"
        + "The foreign ministries signed a program of consultations for 2022-2024 and a Work "
        + "Plan on Small Enterprises for 2024-2026.\n"
        + "The Agreed Minutes of the Second Session of the Joint Commission were signed too.\n"
        + "The Nairobi and Lusaka city councils signed an MoU on Urban Mobility; the memorandum "
        + "between the capitals was signed by the two mayors.\n"
        + "France and Morocco sign justice convention\n"
    )
    assert _titles(text) == [
        "Credit line agreement between the Development Bank of Kenya and the Zambian "
        "Export-Import Bank",
        "Technical cooperation agreement on the control of the fruit fly",
        "program of consultations for 2022-2024",
        "Work Plan on Small Enterprises for 2024-2026",
        "Agreed Minutes of the Second Session of the Joint Commission",
        "MoU on Urban Mobility",
    ]


def test_a_capital_ends_a_lower_case_title_and_stands_for_its_country() -> None:
    text = (
        "Belarus and Oman sign deals\n"
        + "MINSK, 18 October (BelTA) – Belarus and Oman signed an intergovernmental agreement "
        + "on economic, trade and technical cooperation in Minsk on 18 October.\n"
        + "Muscat and Minsk also signed a memorandum of understanding on tourism.\n"
    )
    candidates = extract(Article(text=text, origin="t"), Known()).instruments
    assert [(c.record.title, c.record.parties) for c in candidates] == [
        (
            "intergovernmental agreement on economic, trade and technical cooperation",
            ["Belarus", "Oman"],
        ),
        ("memorandum of understanding on tourism", ["Oman", "Belarus"]),
    ]


def test_a_style_written_he_without_stops_is_not_part_of_the_name() -> None:
    text = (
        HEADLINE
        + "President of the Republic of Zambia HE Mario Banda witnessed the signing of an MoU "
        + "on Trade.\n"
        + '"Zambia produces food for seventy million people," said HE Mario Banda.\n'
    )
    assert [speaker for _, speaker in _speakers(text)] == ["Mario Banda"]


def test_cooperation_accords_in_several_fields_are_one_per_field_and_a_day_is_not_one() -> None:
    text = (
        HEADLINE
        + "The presidents witnessed the signing of cooperation accords in forestry research, "
        + "renewable energy and education, on the second day of the state visit.\n"
    )
    assert _titles(text) == [
        "cooperation accord in forestry research",
        "cooperation accord in renewable energy",
        "cooperation accord in education",
    ]


def test_a_capital_in_another_instruments_name_is_not_a_party() -> None:
    text = (
        "Singapore and Vietnam sign deals\n"
        + "The two governments signed a Memorandum of Understanding on Carbon Credits to help "
        + "Singapore and Vietnam meet their targets under the Paris Agreement.\n"
        + "Singapore's minister said the Paris Agreement was the frame.\n"
    )
    candidates = extract(Article(text=text, origin="t"), Known()).instruments
    assert [c.record.parties for c in candidates] == [["Singapore", "Vietnam"]]


def test_plural_lists_set_off_by_commas_dashes_or_semicolons_give_one_per_item() -> None:
    text = (
        HEADLINE
        + "The documents exchanged included MoUs on hydrogen cooperation; climate change and "
        + "carbon neutrality; and defence industry cooperation.\n"
        + "Two further MoUs, on renewable energy and on traditional medicine, were added.\n"
        + "Three protocols — on a refinery and petrochemical complex at Ndola, on mining, and "
        + "on the development of minerals — were signed by the two ministers.\n"
    )
    assert _titles(text) == [
        "MoU on hydrogen cooperation",
        "MoU on climate change and carbon neutrality",
        "MoU on defence industry cooperation",
        "MoU on renewable energy",
        "MoU on traditional medicine",
        "protocol on a refinery and petrochemical complex at Ndola",
        "protocol on mining",
        "protocol on the development of minerals",
    ]


def test_nationalities_the_endings_miss_and_png_are_known() -> None:
    text = (
        "India and Seychelles sign deals\n"
        + "Prime Minister Narendra Modi met Seychelles President Wavel Ramkalawan and Papua "
        + "New Guinea's Prime Minister Peter O'Neill.\n"
        + "India and Seychelles signed an MoU on Hydrography.\n"
        + '"Seychelles is a small nation with a very large ocean," the Seychellois president '
        + "said.\n"
        + '"We have looked towards Australia and the Pacific for too long," the PNG leader '
        + "said.\n"
    )
    assert [speaker for _, speaker in _speakers(text)] == ["Wavel Ramkalawan", "Peter O'Neill"]


def test_a_tags_line_is_page_furniture_and_links_no_one_to_a_country() -> None:
    text = (
        "Morocco and Ghana sign deals\n"
        + "The signing took place in the presence of King Mohammed VI and President Nana "
        + "Akufo-Addo in Accra.\n"
        + "Morocco and Ghana signed an Agreement on Fisheries.\n"
        + "“Morocco is not a stranger in Ghana; our fathers walked together,” the Ghanaian "
        + "leader told guests.\n"
        + "Tags: Morocco, Ghana, King Mohammed VI, South-South cooperation\n"
    )
    assert [speaker for _, speaker in _speakers(text)] == ["Nana Akufo-Addo"]


def test_a_general_agreement_establishing_a_body_and_a_list_after_a_semicolon() -> None:
    text = (
        HEADLINE
        + "They include a General Cooperation Agreement establishing a Joint Permanent "
        + "Commission for Cooperation; memoranda of understanding on agriculture and on public "
        + "service reform.\n"
        + "There was general agreement on the agenda.\n"
    )
    assert _titles(text) == [
        "General Cooperation Agreement",
        "memorandum of understanding on agriculture",
        "memorandum of understanding on public service reform",
    ]


def test_an_acronym_in_title_case_in_brackets_stays_inside_the_title() -> None:
    text = (
        HEADLINE
        + "An agreement between the Norwegian Agency for Development Cooperation (Norad) and "
        + "the Zambia Electricity Supply Corporation on the upgrading of transmission lines was "
        + "signed.\n"
    )
    assert _titles(text) == [
        "agreement between the Norwegian Agency for Development Cooperation (Norad) and the "
        "Zambia Electricity Supply Corporation on the upgrading of transmission lines"
    ]


def test_the_crown_prince_and_the_king_in_lower_case_are_speakers() -> None:
    text = (
        "Pakistan and Saudi Arabia sign deals\n"
        + "Crown Prince Mohammed bin Salman and Prime Minister Imran Khan witnessed the signing "
        + "of an MoU on Energy.\n"
        + '"Pakistan has never been a stranger to the kingdom; this is only the beginning," the '
        + "crown prince said in brief remarks.\n"
    )
    assert [speaker for _, speaker in _speakers(text)] == ["Mohammed bin Salman"]


def test_quoted_as_saying_and_a_relative_clause_before_the_verb() -> None:
    text = (
        HEADLINE
        + "President William Ruto received Zambia's Foreign Minister Mulambo Haimbe, who signed "
        + "an Agreement on Trade with Trade Cabinet Secretary Rebecca Miano.\n"
        + 'Haimbe was quoted as saying "our two nations have waited too long for this."\n'
        + '"This agreement is the first of many that we shall sign this year," Ruto, who '
        + "chaired the talks, said.\n"
    )
    assert [speaker for _, speaker in _speakers(text)] == ["Mulambo Haimbe", "William Ruto"]


def test_instruments_looked_forward_to_paved_for_or_to_be_signed_are_not_signed_here() -> None:
    text = (
        HEADLINE
        + "Kenya and Ghana signed an Agreement on Visa Exemption.\n"
        + "The ministers looked forward to the signing of a Memorandum of Understanding on "
        + "Health.\n"
        + "The visit paved the way for a Free Trade Agreement between the two countries.\n"
        + "The talks laid the groundwork for an agreement on air services.\n"
        + "A new protocol on fisheries is being negotiated by officials.\n"
        + "The two sides will sign a Bilateral Investment Treaty in the coming months.\n"
        + "The leaders discussed a possible Defence Cooperation Agreement.\n"
        + "They hoped that an agreement on mining would be concluded soon.\n"
        + "A follow-up memorandum on tourism is planned for next year.\n"
        + "Officials said the Agreement on Visa Exemption replaces an older arrangement.\n"
        + "The two presidents welcomed the signing of the Agreement on Visa Exemption.\n"
        + "The two governments expect to sign an agreement on river basins in 2027.\n"
        + "Officials will begin work on a three-year programme of cooperation.\n"
        + "Kenya will host the next round of talks on a Comprehensive Economic Partnership "
        + "Agreement.\n"
    )
    assert _titles(text) == ["Agreement on Visa Exemption"]


def test_a_counterpart_with_a_title_of_its_own_is_named_without_it() -> None:
    text = (
        HEADLINE
        + "Foreign Minister Martín Echeverría received his Zambian counterpart, Foreign Minister "
        + "Ignacio Larraín Vial, today at the palace.\n"
        + "Kenya and Zambia signed a Protocol on Border Control.\n"
        + "“That is integration that people can see and touch,” stated Foreign Minister "
        + "Larraín.\n"
    )
    assert [speaker for _, speaker in _speakers(text)] == ["Ignacio Larraín Vial"]


def test_an_additional_protocol_to_a_dated_convention_and_a_capital_ending_a_name() -> None:
    text = (
        HEADLINE
        + "An additional protocol to the 1964 establishment convention between the two "
        + "countries was signed by Paulo Nogueira Lima.\n"
    )
    candidates = extract(Article(text=text, origin="t"), Known()).instruments
    assert [c.record.title for c in candidates] == [
        "additional protocol to the 1964 establishment convention between the two countries",
    ]
    assert "Peru" not in candidates[0].record.parties  # Lima ends a name here


def test_two_sides_at_most_and_a_period_is_not_part_of_a_party() -> None:
    text = (
        "Chile and New Zealand sign deals\n"
        + "Chile and New Zealand signed an MoU on Antarctic Science with Spanish partners.\n"
        + "They adopted nothing else, but signed a Roadmap for cooperation between Belarus and "
        + "Zimbabwe for 2019-2021.\n"
    )
    candidates = extract(Article(text=text, origin="t"), Known()).instruments
    assert [c.record.parties for c in candidates] == [
        ["Chile", "New Zealand"],
        ["Belarus", "Zimbabwe"],
    ]


def test_an_inch_mark_a_line_label_or_a_noun_after_a_title_invent_nothing() -> None:
    text = (
        HEADLINE
        + "Kenya and Zambia signed an MoU on Pipelines.\n"
        + 'President William Ruto spoke. The 12" pipes were "fine" he said of the deal.\n'
        + '"We will also cut tariffs on cars," he added.\n'
        + 'Note: "The visa waiver takes effect in thirty days, officials confirmed."\n'
        + "Free trade agreement negotiations stalled.\n"
    )
    assert _speakers(text) == [("We will also cut tariffs on cars,", "William Ruto")]
    assert _titles(text) == ["MoU on Pipelines"]
