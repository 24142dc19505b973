"""Quotation marks, speech tags and page furniture as real pages write them (our own words)."""

from __future__ import annotations

from kbtool.ingest.candidates import Known, extract
from kbtool.ingest.reading import Article

HEADLINE = "Peru and Fiji sign fisheries pact\n"
SIGNING = (
    "Peru and Fiji on Monday signed an agreement on cooperation in fisheries in Suva, in the "
    "presence of Prime Minister Josaia Koroi Naulu and President Elena Quispe Rojas.\n"
)


def _said(text: str) -> list[tuple[str, str | None]]:
    quotations = extract(Article(text=text, origin="t"), Known()).quotations
    return [(c.record.text, c.record.speaker) for c in quotations]


def test_a_straight_opening_mark_may_close_with_a_curly_one() -> None:
    text = (
        HEADLINE
        + SIGNING
        + (
            '"Our fishermen will share what they know with Peruvian crews.” Said the Prime '
            "Minister.\n"
            '“The Pacific is a single ocean for all of us," Quispe Rojas said.\n'
        )
    )
    assert _said(text) == [
        ("Our fishermen will share what they know with Peruvian crews.", "Josaia Koroi Naulu"),
        ("The Pacific is a single ocean for all of us,", "Elena Quispe Rojas"),
    ]


def test_an_inverted_tag_with_a_colon_and_a_lower_case_title_name_the_speaker() -> None:
    text = (
        HEADLINE
        + SIGNING
        + (
            'Added the president: "Our navy will train with Fiji\'s patrol boats next year."\n'
            'Koroi Naulu praised the deal. "The first joint survey starts in May," remarked the '
            "Fijian prime minister.\n"
        )
    )
    assert _said(text) == [
        ("Our navy will train with Fiji's patrol boats next year.", "Elena Quispe Rojas"),
        ("The first joint survey starts in May,", "Josaia Koroi Naulu"),
    ]


def test_a_breadcrumb_line_is_not_the_story() -> None:
    text = (
        HEADLINE
        + "Home / Politics / Peru and Fiji sign agreements on fisheries and health\n"
        + "Peru and Fiji on Monday signed agreements on cooperation in fisheries and health.\n"
    )
    result = extract(Article(text=text, origin="t"), Known())
    assert [c.record.title for c in result.instruments] == [
        "agreement on cooperation in fisheries",
        "agreement on cooperation in health",
    ]


def test_descriptors_and_pronouns_find_the_person_the_report_means() -> None:
    text = HEADLINE + (
        "The presidents of Peru and Fiji, Elena Quispe Rojas and Josaia Koroi Naulu, signed "
        "an agreement on fisheries in Suva.\n"
        '"We came with projects and leave with commitments," the Fijian head of state told '
        "the press.\n"
        "Talks followed between President of Peru Elena Quispe Rojas and Prime Minister "
        "Sitiveni Vula Tora.\n"
        '"Fish stocks do not stop at borders," the Fijian premier remarked.\n'
        "Fiji's Minister of Fisheries, Ana Tora Lewa, who sat beside Peru's Minister of "
        "Production, Raúl Soto Paz, during the talks, said the first survey would start soon.\n"
        '"We will begin with the tuna grounds in the north," the minister told journalists.\n'
        "Quispe Rojas, for her part, described the talks as “very productive”.\n"
        '"Peru will send its research vessel next year," she said.\n'
    )
    assert [speaker for _, speaker in _said(text)] == [
        "Josaia Koroi Naulu",
        "Sitiveni Vula Tora",
        "Ana Tora Lewa",
        "Elena Quispe Rojas",
    ]


def test_styles_titles_and_places_that_are_not_a_speakers_name() -> None:
    text = HEADLINE + (
        "MINSK, May 4 - Peru and Fiji signed a memorandum of understanding on cooperation in "
        "fisheries between the Belarusian State Fisheries University and the University of "
        "the South Pacific, in the presence of Fiji's Prime Minister Josaia Koroi Naulu and "
        "the two Ministers, Ana Vula Tora and Raúl Soto Paz.\n"
        "The memorandum was signed by Rector of the Belarusian State Fisheries University "
        "Pavel Ivanovich Lis and Vice-Chancellor Prof. Dr. Mere Tui Vaka.\n"
        "Belarusian aid rebuilt Queen Salote School last year.\n"
        '"Our students will sail with Peruvian crews," said Vice-Chancellor Prof. Dr. Mere Tui '
        "Vaka.\n"
        '"Fiji lives by the ocean and is threatened by it," said the Fijian leader.\n'
        'Sayyid Omar bin Said Al Harthy and Madam Lin Mei Hua attended. "Every island has a '
        'harbour to share," Madam Lin Mei Hua said.\n'
        '"Our boats will follow next month," Soto Paz said.\n'
    )
    quotations = extract(Article(text=text, origin="t"), Known()).quotations
    assert [(q.record.speaker, q.record.speaker_role) for q in quotations] == [
        ("Mere Tui Vaka", "Vice-Chancellor"),
        ("Josaia Koroi Naulu", "Prime Minister"),
        ("Lin Mei Hua", None),
        ("Raúl Soto Paz", "Minister"),
    ]
    instrument = extract(Article(text=text, origin="t"), Known()).instruments[0].record
    assert [o.name for o in instrument.officials][:2] == ["Pavel Ivanovich Lis", "Mere Tui Vaka"]


def test_a_tag_with_a_style_and_a_paragraph_about_the_speaker_before_a_bare_quotation() -> None:
    text = (
        HEADLINE
        + SIGNING
        + (
            "Standing beside Peru's Ambassador, Rosa Lima Paz, Fisheries Minister Tomasi Vula said "
            "the agreement would open the way for joint patrols.\n"
            '"Our patrol boats will sail together from next year," Mr. Vula stressed.\n'
            "Speaking after the ceremony, Quispe Rojas thanked Fiji for its hospitality.\n"
            '"We came as guests and we leave as partners. The ocean between us is now a road."\n'
        )
    )
    assert [speaker for _, speaker in _said(text)] == ["Tomasi Vula", "Elena Quispe Rojas"]


def test_the_office_of_a_place_and_a_post_on_x_name_the_speaker() -> None:
    text = HEADLINE + (
        "The agreement was signed by Mayor of Cusco Luis Apaza Quispe and Mayor of Lautoka "
        "Tevita Rokoua in the presence of the two ambassadors.\n"
        '"Cusco was built by many peoples, and now it has a sister by the sea," said the '
        "Mayor of Cusco.\n"
        "President Elena Quispe Rojas, in a post on X, said she was glad to build "
        '"a bridge across the Pacific Ocean".\n'
    )
    assert [speaker for _, speaker in _said(text)] == ["Luis Apaza Quispe", "Elena Quispe Rojas"]


def test_speakers_named_with_an_adverb_a_body_or_half_a_surname() -> None:
    text = (
        HEADLINE
        + SIGNING
        + "The memorandum was signed by José Luis Ramos Vidal, president of the Lima Chamber "
        "of Commerce (CCL), and Councillor Mere Tuilagi of Suva.\n"
        + 'Later, President Quispe Rojas posted on X: "A good day for our two peoples."\n'
        + '"Our exporters have waited ten years for this," CCL\'s Ramos Vidal said.\n'
        + '"Suva will host the first trade week next year," Councillor Mere Tuilagi said.\n'
    )
    assert [speaker for _, speaker in _said(text)] == [
        "Elena Quispe Rojas",
        "José Luis Ramos Vidal",
        "Mere Tuilagi",
    ]


def test_a_senator_keeps_the_office_and_a_company_chief_is_no_person() -> None:
    text = (
        HEADLINE
        + SIGNING
        + '"The Senate will ratify it without delay," Senator Ana Lucía Paredes said.\n'
        + '"Our boats will reach new markets under this deal," Pacific Tuna\'s Fiji chief '
        "said.\n"
    )
    quotations = extract(Article(text=text, origin="t"), Known()).quotations
    assert [(c.record.speaker, c.record.speaker_role) for c in quotations] == [
        ("Ana Lucía Paredes", "Senator"),
        ("Pacific Tuna's Fiji chief", None),
    ]


def test_an_aside_after_an_inverted_tag_a_statesman_and_he_after_a_descriptor() -> None:
    text = (
        HEADLINE
        + SIGNING
        + "The agreement was signed by Foreign Minister Ratu Tevita Lalabalavu and Foreign "
        "Minister Carlos Mendoza Paz.\n"
        + '"The reef does not stop at a border." Added Lalabalavu, whose islands lost two '
        "villages to last year's storm surge.\n"
        + '"Peru and Fiji face the same ocean," said the Peruvian statesman, who flies home on '
        "Friday.\n"
        + 'At a press conference, the Fijian Prime Minister stressed that Peru was "a partner '
        'across the widest ocean on earth."\n'
        + '"We will send our first students to Lima next year," he said.\n'
    )
    assert [speaker for _, speaker in _said(text)] == [
        "Ratu Tevita Lalabalavu",
        "Elena Quispe Rojas",  # a statesman is a leader: Peru's, the report named
        "Josaia Koroi Naulu",
        "Josaia Koroi Naulu",
    ]


def test_he_is_not_the_last_speaker_when_someone_else_is_described_between() -> None:
    text = (
        HEADLINE
        + SIGNING
        + "Foreign Minister Ana Paredes led the delegation that Prime Minister Josaia Koroi "
        "Naulu received in Suva.\n"
        + 'The Peruvian minister told reporters: "This is a bridge across the Pacific."\n'
        + 'The Prime Minister agreed. "We will open an embassy in Lima next year," he said.\n'
    )
    assert [speaker for _, speaker in _said(text)] == ["Ana Paredes", "Josaia Koroi Naulu"]


def test_she_or_he_is_the_subject_of_the_sentence_before_not_its_last_name() -> None:
    text = (
        HEADLINE
        + SIGNING
        + "Fisheries Minister Ana Lucía Paredes signed the fisheries memorandum with Fiji's "
        "Minister of Fisheries, Semi Tuilagi Koroilavesau. She said Fiji's canneries were a "
        "natural market for Peruvian anchovy.\n"
        + '"Every boat that lands in Suva will now find a buyer," she said.\n'
        + "Standing beside Ambassador Carlos Mendoza, Minister Koroilavesau told reporters "
        "that the first joint survey would sail in May.\n"
        + '"Our crews will learn from Peru\'s fleet," he said.\n'
        + "The President thanked Ms Paredes and Mr Mendoza for their work.\n"
        + '"Two oceans apart, one ocean together," she added.\n'
    )
    assert [speaker for _, speaker in _said(text)] == [
        "Ana Lucía Paredes",
        "Semi Tuilagi Koroilavesau",
        "Elena Quispe Rojas",
    ]


def test_a_surname_that_names_a_place_a_bracketed_role_and_a_given_name_sultan() -> None:
    text = (
        HEADLINE
        + SIGNING
        + "Foreign Minister Sultan bin Khalid Al Rashdi of Oman attended as an observer.\n"
        + 'Mr. Tomas Jordan, the Fijian trade envoy, welcomed it. "Tuna will reach Lima in '
        'days, not weeks," Mr. Jordan said.\n'
        + '"Our navies will train together every year," Secretary (Pacific) Rosa Lindo Vera '
        "told reporters.\n" + '"Oman will follow this closely," Al Rashdi said.\n'
    )
    assert [speaker for _, speaker in _said(text)] == [
        "Tomas Jordan",
        "Rosa Lindo Vera",
        "Sultan bin Khalid Al Rashdi",
    ]


def test_he_after_a_quotation_whose_tag_ends_its_sentence_is_its_speaker() -> None:
    text = (
        HEADLINE
        + SIGNING
        + "The credit line was signed by Finance Minister Jone Usamate and Trade Minister "
        "Pedro Salas Ortiz.\n"
        + '"Fiji is a neighbour across the widest ocean." Added Salas Ortiz.\n'
        + '"The credit line will build wharves and cold stores," he told a press conference.\n'
        + '"Our exports of fish will double," the Finance Minister assessed the results of the '
        "talks.\n" + '"Peru is ready to buy all of it," he added.\n'
    )
    assert [speaker for _, speaker in _said(text)] == [
        "Pedro Salas Ortiz",
        "Pedro Salas Ortiz",
        "Jone Usamate",
        "Jone Usamate",
    ]


def test_the_subject_rule_keeps_gender_styles_and_appositions_in_mind() -> None:
    base = HEADLINE + SIGNING
    she_after_he = (
        "Prime Minister Josaia Koroi Naulu said he had invited President Elena Quispe Rojas "
        'to return in June.\n"I will bring our navy chief with me," she said.\n'
    )
    counterpart = (
        "Fisheries Minister Ana Lucía Paredes signed for Peru.\nHer counterpart, Fiji's "
        'Minister Semi Koroilavesau, thanked her.\n"Our crews will learn a great deal," he '
        "said.\n"
    )
    styled = (
        "Fisheries Minister Dr. Ana Lucía Paredes signed the memorandum with Fiji's Minister "
        'of Fisheries, Semi Tuilagi Koroilavesau.\n"Every boat will find a buyer," she said.\n'
    )
    assert _said(base + she_after_he)[0][1] == "Elena Quispe Rojas"
    assert _said(base + counterpart)[0][1] == "Semi Koroilavesau"
    assert _said(base + styled)[0][1] == "Ana Lucía Paredes"
    israel = 'The envoy attended. "We welcome the deal," Mr. Israel said.\n'
    assert _said(base + israel)[0][1] == "Mr. Israel"


def test_a_surname_two_people_share_goes_to_the_higher_office() -> None:
    text = (
        "Peru and Fiji sign fisheries pact\n"
        "President Elena Quispe Rojas and Foreign Minister Ana Lucía Rojas signed an agreement "
        "on cooperation in fisheries in Suva with Fiji's Minister of Foreign Affairs, Regional "
        "Cooperation and Pacific Expatriates Semi Koroilavesau.\n"
        '"Peru is proud of this day," Rojas said.\n'
        '"Our fleets will meet at sea," Koroilavesau said.\n'
    )
    assert [speaker for _, speaker in _said(text)] == [
        "Elena Quispe Rojas",
        "Semi Koroilavesau",
    ]


def test_hm_the_king_and_a_low_opening_mark_are_read() -> None:
    text = (
        HEADLINE + "King Tupou VI and President Elena Quispe Rojas witnessed the signing of an "
        "agreement on cooperation in fisheries.\n"
        + "“The ocean is our common road,” HM the King said in a speech.\n"
        + "„Peru will send its first survey ship in May,” said President Elena Quispe Rojas.\n"
    )
    assert _said(text) == [
        ("The ocean is our common road,", "Tupou VI"),
        ("Peru will send its first survey ship in May,", "Elena Quispe Rojas"),
    ]


def test_a_speaker_named_with_initials_keeps_them() -> None:
    text = (
        "Jamaica and Chile sign air services pact\n"
        "Jamaica and Chile on Friday signed an air services agreement in Kingston. It was signed "
        "by Foreign Minister A.J. Barrett and Chile's Foreign Minister Rosa Elena Vidal.\n"
        '"Our carriers can now plan routes to Santiago," said Barrett.\n'
        "India's Vice President M. Venkat Rao, who is visiting, met the Governor-General.\n"
        '"India has long been a friend of the Caribbean," Rao said.\n'
    )
    assert _said(text) == [
        ("Our carriers can now plan routes to Santiago,", "A.J. Barrett"),
        ("India has long been a friend of the Caribbean,", "M. Venkat Rao"),
    ]


def test_a_style_written_as_initials_is_not_the_speakers_name() -> None:
    text = (
        "Fiji and Indonesia sign fisheries pact\n"
        "Fiji and Indonesia on Monday signed a memorandum of understanding on fisheries in "
        "Suva, witnessed by the Vice President of Indonesia, H.E. Prof. Dr. K.H. Amir Sulaiman.\n"
        '"Our two island nations share one ocean," said Sulaiman.\n'
    )
    assert _said(text) == [("Our two island nations share one ocean,", "Amir Sulaiman")]


def test_a_particle_joined_to_a_surname_is_part_of_the_name() -> None:
    text = (
        "Egypt and Korea sign loan accord\n"
        "Egypt and South Korea on Sunday signed a loan agreement in Cairo in the presence of "
        "President Abdel Karim el-Masri and President Park Ji-won.\n"
        '"Egypt sees Korea as a partner for decades," said Abdel Karim.\n'
    )
    assert _said(text) == [("Egypt sees Korea as a partner for decades,", "Abdel Karim el-Masri")]


def test_a_body_s_chief_and_a_statesman_are_the_people_the_report_named() -> None:
    text = (
        "Ghana and Brazil chambers sign trade pact\n"
        "The Kumasi Chamber of Commerce (KCC) and the Bahia Traders Federation (BTF) signed a "
        "memorandum of understanding on trade fairs on Friday. KCC President Yaw Boakye and "
        "BTF Chairman Paulo Ribeiro signed for their organisations, in the presence of "
        "President Marina Alves da Costa.\n"
        '"Our members want buyers in Salvador, not only in Lagos." Said the KCC chief.\n'
        '"And among African partners, Ghana comes first," said the Brazilian stateswoman.\n'
        "The chief executives of the two federations also met.\n"
    )
    assert _said(text) == [
        ("Our members want buyers in Salvador, not only in Lagos.", "Yaw Boakye"),
        ("And among African partners, Ghana comes first,", "Marina Alves da Costa"),
    ]


def test_reported_speech_after_a_fronted_phrase_and_a_visitor_named_in_the_headline() -> None:
    text = (
        "Peru and Korea seal pacts during Quispe visit\n"
        "SEOUL, 4 November - The governments of Peru and the Republic of Korea signed an "
        "agreement on defence industry cooperation after a meeting between President Elena "
        "Quispe Rojas and President Kim Dae-ho. Foreign Minister Ana Paredes also met the "
        "press.\n"
        "“Korea has shown that industry can lift a nation within one generation,” stated the "
        "Peruvian President.\n"
        "Speaking to reporters, Paredes said the agreement would be followed by a second "
        "one. “Our engineers will train in Busan next year.”\n"
    )
    assert _said(text) == [
        (
            "Korea has shown that industry can lift a nation within one generation,",
            "Elena Quispe Rojas",
        ),
        ("Our engineers will train in Busan next year.", "Ana Paredes"),
    ]


def test_what_a_review_found_the_new_speaker_rules_must_not_take() -> None:
    # A surname many share ("Sheikh") does not make the host the guest.
    host = (
        "Somalia and UAE sign pacts\n"
        "MOGADISHU, 4 November - Somalia and the United Arab Emirates signed an agreement on "
        "port cooperation after talks between visiting President Sheikh Mohamed bin Zayed and "
        "President Hassan Sheikh Mohamud.\n"
        "President Hassan Sheikh Mohamud said the port of Berbera would reopen in May.\n"
        "“Our ships will call at every Somali port,” said the Emirati leader.\n"
    )
    assert _said(host) == [("Our ships will call at every Somali port,", "Mohamed bin Zayed")]
    # "the KCC chief" is its president, not any KCC director.
    chamber = (
        "Ghana and Brazil chambers sign trade pact\n"
        "The Kumasi Chamber of Commerce (KCC) and the Bahia Traders Federation (BTF) signed a "
        "memorandum of understanding on trade fairs on Friday. KCC President Yaw Boakye and "
        "BTF Chairman Paulo Ribeiro signed for their organisations.\n"
        "KCC Communications Director Efua Mensah told reporters the first fair would open in "
        "March.\n"
        '"Our members want buyers in Salvador," said the KCC chief.\n'
    )
    assert _said(chamber) == [("Our members want buyers in Salvador,", "Yaw Boakye")]
    # "K.H." before a name with no other style is the man's own initials.
    rail = (
        "India and Nepal sign rail pact\n"
        "India and Nepal on Monday signed an agreement on railway cooperation in New Delhi. It "
        "was signed by Railway Minister K.H. Muniyappa and Nepal's Minister Ram Bahadur Thapa.\n"
        '"The line will carry pilgrims," said Muniyappa.\n'
    )
    assert _said(rail) == [("The line will carry pilgrims,", "K.H. Muniyappa")]


def test_a_civil_servant_in_a_ministry_and_the_head_of_state_a_nationality_named() -> None:
    text = (
        "Egypt and Kazakhstan sign partnership\n"
        "CAIRO, 3 May - Egypt and Kazakhstan signed a Joint Declaration on Comprehensive "
        "Strategic Partnership after talks between President Ahmed Fouad Salem and President "
        "Nurlan Baimukhanov. The agreement on transit was signed by the Permanent Secretary in "
        "the Ministry of Transport, Mr Karim Adel Farouk, and Ambassador Aigerim Sadykova.\n"
        "Addressing the press, the Kazakh leader described Egypt as a key partner in Africa.\n"
        "“Today we have raised our relations to a strategic partnership,” the Head of State "
        "said.\n"
        "“The trucks will start rolling in June,” the Permanent Secretary told journalists.\n"
    )
    assert _said(text) == [
        ("Today we have raised our relations to a strategic partnership,", "Nurlan Baimukhanov"),
        ("The trucks will start rolling in June,", "Karim Adel Farouk"),
    ]


def test_the_armed_forces_are_a_portfolio_not_a_name() -> None:
    text = (
        "Senegal and Turkey sign defence pact\n"
        "Senegal and Turkey signed an Agreement on Cooperation in the Field of Defence Industry "
        "in Ankara on Monday.\n"
        "Minister of the Armed Forces Awa Ndiaye Fall said Senegal wanted patrol boats. “Our "
        "navy needs modern vessels to protect our fishing grounds,” Fall told reporters.\n"
    )
    assert _said(text) == [
        ("Our navy needs modern vessels to protect our fishing grounds,", "Awa Ndiaye Fall")
    ]


def test_guillemets_and_a_speaker_for_his_part() -> None:
    text = (
        "Kazakhstan and Azerbaijan sign transit pact\n"
        "Kazakhstan and Azerbaijan on Monday signed an agreement on the Trans-Caspian route in "
        "Baku, in the presence of President Nurlan Baimukhanov and President Rauf Guliyev.\n"
        "«The Middle Corridor is no longer an idea on paper,» Baimukhanov said.\n"
        "Guliyev, for his part, noted that the agreement was «a bridge across the Caspian for "
        "the next generation.»\n"
    )
    assert _said(text) == [
        ("The Middle Corridor is no longer an idea on paper,", "Nurlan Baimukhanov"),
        ("a bridge across the Caspian for the next generation.", "Rauf Guliyev"),
    ]


def test_the_byline_is_who_wrote_the_report_not_who_spoke() -> None:
    text = (
        "S. Korea, Ghana sign gas deals\n"
        "By Kim Hyun-soo\n"
        "ACCRA, May 12 (Yonhap) -- South Korea and Ghana signed an MoU on gas development on "
        "Tuesday after a summit.\n"
        "Kim Jae-won, chief presidential press secretary, told reporters the accord would "
        "matter for years.\n"
        '"The gas memorandum is the biggest single resource project we have won in Africa," '
        "Kim said.\n"
    )
    assert _said(text) == [
        (
            "The gas memorandum is the biggest single resource project we have won in Africa,",
            "Kim Jae-won",
        )
    ]


def test_a_countrys_president_is_not_the_president_of_one_of_its_bodies() -> None:
    text = (
        "Qatar and Paraguay sign four agreements\n"
        "Doha, Qatar: HH the Amir Sheikh Tamim bin Hamad Al Thani and President of the Republic "
        "of Paraguay HE Santiago Peña Palacios witnessed today the signing of an agreement on "
        "investment.\n"
        "The sports memorandum was signed by HE Minister of Sports and Youth Sheikh Hamad bin "
        "Khalifa bin Ahmed Al Thani and the President of Paraguay's National Sports "
        "Secretariat, César Ramírez.\n"
        '"Paraguay produces food for seventy million people," the Paraguayan President said.\n'
    )
    assert _said(text) == [
        ("Paraguay produces food for seventy million people,", "Santiago Peña Palacios")
    ]
    officials = [
        o.name
        for c in extract(Article(text=text, origin="t"), Known()).instruments
        for o in c.record.officials
    ]
    assert "Hamad bin Khalifa bin Ahmed Al Thani" in officials


def test_guillemets_inside_guillemets() -> None:
    text = (
        "Russia and Laos sign deals\n"
        "Russia and Laos signed an agreement on education on Monday, in the presence of Minister "
        "Ivan Petrov.\n"
        "«We signed the document with the company «Rosatom Overseas» and more will follow next "
        "year,» Petrov said.\n"
    )
    assert _said(text) == [
        (
            "We signed the document with the company «Rosatom Overseas» and more will follow "
            "next year,",
            "Ivan Petrov",
        )
    ]


def test_speakers_from_held_out_reports_read_after_their_one_score() -> None:
    text = (
        "Cambodia and Fiji sign trade pact\n"
        "Cambodia and Fiji on Monday signed an agreement on trade in Phnom Penh, witnessed by "
        "Prime Minister Samdech Techo Hun Sen.\n"
        "“Cambodia will never forget its friends in the Pacific,” said Hun Sen.\n"
        "Minister for Trade, Co-operatives, Small and Medium Enterprises Manoa Kamikamica said "
        "the deal would help growers. “This is money that goes directly into our farms,” "
        "Kamikamica said.\n"
    )
    assert _said(text) == [
        ("Cambodia will never forget its friends in the Pacific,", "Hun Sen"),
        ("This is money that goes directly into our farms,", "Manoa Kamikamica"),
    ]


def test_an_undersecretary_and_a_surname_that_is_also_a_city() -> None:
    text = (
        HEADLINE
        + SIGNING
        + "A memorandum on fish health was signed by Fisheries Undersecretary Carla Mendoza "
        "Ríos and Permanent Secretary Jone Vula.\n"
        + "Speaking to reporters, Undersecretary for International Economic Relations Tomás "
        'Quiroga Lagos said: "Fiji has the ocean we need to learn from."\n'
    )
    assert _said(text) == [("Fiji has the ocean we need to learn from.", "Tomás Quiroga Lagos")]
    instruments = extract(Article(text=text, origin="t"), Known()).instruments
    (memorandum,) = [c.record for c in instruments if c.record.title.startswith("memorandum")]
    assert [o.name for o in memorandum.officials] == ["Carla Mendoza Ríos", "Jone Vula"]


def test_a_surname_that_is_a_country_and_a_given_name_that_is_a_title() -> None:
    text = (
        HEADLINE
        + "Peru and Fiji on Monday signed an agreement on cooperation in fisheries in Suva, in "
        "the presence of Prime Minister Dean Tuilagi Vula and Foreign Minister Ana Rosa "
        "Montenegro.\n"
        + '"Our reefs need Peruvian science," Vula said.\n'
        + '"Peru will send its trawler fleet experts," Montenegro said.\n'
    )
    assert _said(text) == [
        ("Our reefs need Peruvian science,", "Dean Tuilagi Vula"),
        ("Peru will send its trawler fleet experts,", "Ana Rosa Montenegro"),
    ]


def test_a_hyphenated_rank_is_part_of_the_title_not_the_name() -> None:
    text = (
        HEADLINE
        + SIGNING
        + "Lautoka Vice-Mayor Sakiusa Tuisolia and Vice-Minister José Antonio Bellido Arce "
        "signed a letter of intent on port towns.\n"
        + '"Our two ports can learn from each other," Vice-Minister Bellido said.\n'
    )
    assert _said(text) == [
        ("Our two ports can learn from each other,", "José Antonio Bellido Arce")
    ]
    instruments = extract(Article(text=text, origin="t"), Known()).instruments
    (letter,) = [c.record for c in instruments if c.record.title.startswith("letter")]
    assert [(o.name, o.role) for o in letter.officials] == [
        ("Sakiusa Tuisolia", "Lautoka Vice-Mayor"),
        ("José Antonio Bellido Arce", "Vice-Minister"),
    ]


def test_the_emir_and_president_are_two_people() -> None:
    text = (
        "Rwanda, Qatar sign deals\n"
        "The signing followed talks between the Emir and President Paul Kagame, who both "
        "witnessed the ceremony of an agreement on air services.\n"
        "The Emir of Qatar, Sheikh Tamim bin Hamad Al Thani, arrived on Sunday.\n"
        '"We are not coming to Rwanda only as investors," the Emir said.\n'
        '"Rwanda is open for business with Qatar," Kagame said.\n'
    )
    quotations = extract(Article(text=text, origin="t"), Known()).quotations
    assert [(q.record.speaker, q.record.speaker_role) for q in quotations] == [
        ("Tamim bin Hamad Al Thani", "Emir"),
        ("Paul Kagame", "President"),
    ]
