"""Who the parties are when bodies, not governments, sign (our own words, after real reports)."""

from __future__ import annotations

from kbtool.ingest.candidates import Known, extract
from kbtool.ingest.reading import Article

HEADLINE = "Ghana and Brazil sign cooperation deals in Accra\n"
TALKS = (
    "Ghana and Brazil on Thursday signed an agreement on cooperation in agriculture after "
    "talks between President Kofi Mensah Boateng and President Marina Alves da Costa.\n"
)


def _parties(text: str) -> dict[str, list[str]]:
    instruments = extract(Article(text=text, origin="t"), Known()).instruments
    return {c.record.title: list(c.record.parties) for c in instruments}


def test_the_bodies_named_in_the_signatories_titles_are_the_parties() -> None:
    text = (
        HEADLINE
        + TALKS
        + "Separately, the president of the Ghana Chamber of Commerce and Industry, Yaw "
        "Darko, and of the Brazilian Association of Exporters, Paulo Ribeiro, subscribed a "
        "letter of intent on trade fairs.\n"
        + "The governor of the Ashanti Region, Ama Owusu, and the governor of Bahia, Rui "
        "Carvalho, signed a memorandum of understanding on cocoa research.\n"
    )
    parties = _parties(text)
    assert parties["letter of intent on trade fairs"] == [
        "Ghana Chamber of Commerce and Industry",
        "Brazilian Association of Exporters",
    ]
    assert parties["memorandum of understanding on cocoa research"] == [
        "Ashanti Region",
        "Bahia",
    ]
    assert parties["agreement on cooperation in agriculture"] == ["Ghana", "Brazil"]


def test_a_title_the_roles_read_short_is_named_as_the_sentence_writes_it() -> None:
    text = (
        HEADLINE
        + TALKS
        + "The agreement was signed by the two foreign ministers, Efua Asante and Tiago Lima.\n"
        + "A memorandum was also signed by the Rector of the University of Ghana, Kwame "
        "Addo, and the Rector of the University of Brasília, Luiza Freitas.\n"
    )
    assert _parties(text)["memorandum"] == ["University of Ghana", "University of Brasília"]


def test_signed_for_a_body_applies_to_the_numbered_document_only() -> None:
    text = (
        HEADLINE
        + "Ghana and Brazil signed the following documents in Accra on Thursday:\n"
        + "1. Agreement on cooperation in agriculture;\n"
        + "2. Credit-line agreement for cassava processing;\n"
        + "3. Memorandum of understanding on sports.\n"
        + "Documents 1 and 3 were signed by the two foreign ministers, Efua Asante and Tiago "
        "Lima. Document 2 was signed by Director Kojo Mensah on behalf of the Ghana Export "
        "Promotion Authority and by Director Ana Souza for the Brazilian Trade and Investment "
        "Administration.\n"
    )
    parties = _parties(text)
    assert parties["Credit-line agreement for cassava processing"] == [
        "Ghana Export Promotion Authority",
        "Brazilian Trade and Investment Administration",
    ]
    assert parties["Agreement on cooperation in agriculture"] == ["Ghana", "Brazil"]
    assert parties["Memorandum of understanding on sports"] == ["Ghana", "Brazil"]


def test_put_pen_to_paper_names_its_subjects_as_parties() -> None:
    text = (
        HEADLINE
        + TALKS
        + "The Ghana Investment Promotion Centre and Brazil's Export Agency then put pen to "
        "paper on a letter of intent on investment promotion.\n"
    )
    assert _parties(text)["letter of intent on investment promotion"] == [
        "Ghana Investment Promotion Centre",
        "Brazil's Export Agency",
    ]


def test_two_companies_sign_not_the_two_cities_of_their_route() -> None:
    text = (
        HEADLINE
        + TALKS
        + "At the business forum, Ghana Airways and LATAM Airlines signed a letter of intent on "
        "codeshare cooperation between Accra and São Paulo.\n"
    )
    assert _parties(text)[
        "letter of intent on codeshare cooperation between Accra and São Paulo"
    ] == [
        "Ghana Airways",
        "LATAM Airlines",
    ]


def test_where_they_met_is_not_a_party_of_items_signed_together() -> None:
    text = (
        HEADLINE
        + TALKS
        + "Later in the day, at the University of Ghana in Legon, the Ghana Tourism Authority "
        "and the Brazilian Ministry of Culture exchanged letters of intent on heritage "
        "and on film.\n"
    )
    parties = _parties(text)
    assert parties["letter of intent on heritage"] == [
        "Ghana Tourism Authority",
        "Brazilian Ministry of Culture",
    ]
    assert parties["letter of intent on film"] == parties["letter of intent on heritage"]


def test_an_amount_in_brackets_after_a_party_is_not_its_name() -> None:
    text = (
        HEADLINE + "Ghana and Brazil on Thursday signed a Loan Agreement between the Brazilian "
        "Development Bank and the Government of Ghana (US$ 80 million) for rural roads.\n"
    )
    parties = _parties(text)
    assert list(parties.values()) == [["Brazilian Development Bank", "Ghana"]]


def test_a_body_signs_with_another_named_after_the_title() -> None:
    text = (
        HEADLINE
        + TALKS
        + "The Ghana Ports and Harbours Authority on Friday signed a Memorandum of "
        "Understanding on Port Training with the Port of Santos Authority.\n"
        + "The Ghana Cocoa Board also exchanged a letter of intent on bean quality with the "
        "Rio-based Brazilian Cocoa Institute.\n"
    )
    parties = _parties(text)
    assert parties["Memorandum of Understanding on Port Training"] == [
        "Ghana Ports and Harbours Authority",
        "Port of Santos Authority",
    ]
    assert parties["letter of intent on bean quality"] == [
        "Ghana Cocoa Board",
        "Brazilian Cocoa Institute",
    ]


def test_bodies_after_signed_by_and_after_an_amount() -> None:
    text = (
        HEADLINE
        + TALKS
        + "The third document, an MoU in the field of broadband, was signed by the Ghana "
        "Telecommunications Corporation and Brazil Telecom.\n"
        + "A supply agreement on fertiliser blending in Tamale, worth 30 million dollars, "
        "between Accra Agro Group and Fertilizantes Unidos, was also signed.\n"
    )
    parties = _parties(text)
    assert parties["MoU in the field of broadband"] == [
        "Ghana Telecommunications Corporation",
        "Brazil Telecom",
    ]
    assert parties["supply agreement on fertiliser blending in Tamale"] == [
        "Accra Agro Group",
        "Fertilizantes Unidos",
    ]


def test_ministers_named_before_signed_are_signatories_not_parties() -> None:
    text = (
        HEADLINE
        + TALKS
        + "Foreign ministers Efua Asante Boateng and Tiago Lima Ferreira signed a convention "
        "on social security.\n"
        + "The Principal of the University of Ghana, Kwame Addo, and Campinas University's "
        "Vice-President Academic, Luiza Freitas, signed an agreement on joint research.\n"
    )
    parties = _parties(text)
    assert parties["convention on social security"] == ["Ghana", "Brazil"]
    assert parties["agreement on joint research"] == [
        "University of Ghana",
        "Campinas University",
    ]


def test_a_saint_and_an_island_stay_inside_a_title() -> None:
    text = (
        HEADLINE
        + TALKS
        + "The two mayors signed a cooperation agreement between the Kumasi and St. John "
        "Corporation and the Municipality of Salvador.\n"
        + "An MoU on the improvement of ferry facilities at Ilha Grande Island was also "
        "signed.\n"
    )
    assert list(_parties(text))[1:] == [
        "cooperation agreement between the Kumasi and St. John Corporation and the "
        "Municipality of Salvador",
        "MoU on the improvement of ferry facilities at Ilha Grande Island",
    ]


def test_the_two_city_administrations_are_the_cities_that_signed_before() -> None:
    text = (
        "Accra and Recife become sister cities\n"
        "Accra and Recife on Monday became sister cities with a Twinning Agreement between "
        "the Accra City Council and Recife City Hall.\n"
        "The two city administrations also signed an MoU on street lighting.\n"
    )
    assert _parties(text)["MoU on street lighting"] == [
        "Accra City Council",
        "Recife City Hall",
    ]


def test_an_instrument_under_which_money_flows_signed_here_is_reported() -> None:
    text = (
        HEADLINE
        + "Brazil will lend Ghana US$90 million for the Tema rail link under a loan agreement "
        "signed in Accra yesterday between the Brazilian Development Bank and the Ministry of "
        "Finance.\n"
        + "The Tema port itself was built under an agreement signed by the two governments in "
        "1998.\n"
    )
    assert _parties(text) == {
        "loan agreement": ["Brazilian Development Bank", "Ministry of Finance"],
    }


def test_people_after_signed_by_are_not_parties() -> None:
    text = (
        HEADLINE
        + TALKS
        + "A protocol on police training was signed by National Police Chief Kwesi Ampofo and "
        "Federal Police Director Marcos Teixeira.\n"
    )
    assert _parties(text)["protocol on police training"] == ["Ghana", "Brazil"]


def test_an_older_instrument_signed_between_or_by_at_another_time_is_background() -> None:
    later = "Ghana and Brazil on Thursday also signed a memorandum on road safety.\n"
    for history in (
        "The highway was built under a loan agreement signed between Ghana and Brazil when "
        "John Kufuor was president. ",
        "The port was completed under a grant agreement signed here by the two governments "
        "before the pandemic. ",
    ):
        assert _parties(HEADLINE + history + later) == {
            "memorandum on road safety": ["Ghana", "Brazil"]
        }


def test_office_holders_who_watch_the_signing_are_not_its_parties() -> None:
    text = (
        HEADLINE
        + TALKS
        + "A memorandum on trade promotion was signed by the two trade ministers as the "
        "president of the Ghana Chamber of Commerce and the president of the Brazilian "
        "Exporters Association looked on.\n"
        + "A memorandum on solar energy was signed by the two energy ministers in the "
        "presence of the governor of Bahia, Rui Carvalho, and the president of the Brazilian "
        "Development Bank, Ana Souza.\n"
        + "A loan agreement on roads was signed by Kojo Mensah on behalf of the Ministry of "
        "Finance and by Ana Souza for the Brazilian side.\n"
    )
    parties = _parties(text)
    assert parties["memorandum on trade promotion"] == ["Ghana", "Brazil"]
    assert parties["memorandum on solar energy"] == ["Ghana", "Brazil"]
    assert parties["loan agreement on roads"] == ["Ghana", "Brazil"]


def test_with_a_third_body_stays_in_the_title_when_two_countries_sign() -> None:
    text = (
        HEADLINE
        + "Ghana and Brazil on Thursday signed a memorandum of understanding on joint research "
        "with the University of Ghana and the University of São Paulo.\n"
    )
    assert list(_parties(text)) == [
        "memorandum of understanding on joint research with the University of Ghana and the "
        "University of São Paulo"
    ]


def test_an_agencys_tag_a_bridge_between_towns_and_inked_between() -> None:
    text = (
        HEADLINE + "Accra, Mar 3 (GNA) Ghana and Brazil on Thursday signed an agreement on the "
        "construction of a bridge between Aflao and Brasília.\n"
        + "In addition, a memorandum of understanding was inked between the Ghana Cocoa Board "
        "and Brazil's Ministry of Agriculture.\n"
    )
    parties = _parties(text)
    assert parties["agreement on the construction of a bridge between Aflao and Brasília"] == [
        "Ghana",
        "Brazil",
    ]
    assert parties["memorandum of understanding"] == [
        "Ghana Cocoa Board",
        "Brazil's Ministry of Agriculture",
    ]


def test_an_apposition_concluded_between_names_the_parties() -> None:
    text = (
        HEADLINE
        + "Ghana and Brazil today signed a credit-line agreement worth USD 1 billion.\n"
        + "The credit-line agreement, concluded between the Brazilian Development Bank and the "
        "Government of Ghana, will support road projects.\n"
    )
    assert _parties(text)["credit-line agreement"] == ["Brazilian Development Bank", "Ghana"]


def test_months_are_no_parties_and_a_purpose_clause_names_none() -> None:
    text = (
        HEADLINE
        + "Ghana and Brazil today signed a credit-line agreement.\n"
        + "The credit-line agreement, concluded between March and June after long talks, will "
        "support road projects.\n"
        + "Ghana and Brazil on Thursday signed a framework agreement under which contracts "
        "will be inked between Ghanaian and Brazilian firms.\n"
    )
    parties = _parties(text)
    assert parties["credit-line agreement"] == ["Ghana", "Brazil"]
    assert parties["framework agreement"] == ["Ghana", "Brazil"]


def test_the_lender_of_a_financing_instrument_is_a_party() -> None:
    text = (
        HEADLINE
        + TALKS
        + "The two ministers also signed a loan agreement to rebuild the Tema road, under "
        "which the Brazilian Development Bank will lend to the Government of Ghana at two "
        "per cent.\n"
        + "A grant agreement worth USD 10 million was exchanged as well. The grant agreement "
        "is financed by the Brazil Cooperation Fund and Ghana is its beneficiary.\n"
        + "A credit agreement was signed by the Japan International Cooperation Agency (JICA) "
        "and the Ghanaian Department of Roads.\n"
    )
    parties = _parties(text)
    assert parties["loan agreement"] == ["Brazilian Development Bank", "Ghana"]
    assert parties["grant agreement"] == ["Brazil Cooperation Fund", "Ghana"]
    assert parties["credit agreement"] == [
        "Japan International Cooperation Agency (JICA)",
        "Ghanaian Department of Roads",
    ]


def test_only_a_lender_named_for_the_instrument_itself_is_a_party() -> None:
    for other in (
        "Mahama recalled that the Tema road was financed by the Export-Import Bank of China in "
        "2012.",
        "Security for the ceremony was provided by the Ghana Armed Forces.",
        "The Ministry of Water will provide staff for the project.",
        "The road is financed by the World Bank and the African Development Bank.",
    ):
        text = HEADLINE + TALKS + "A grant agreement was also signed. " + other + "\n"
        assert _parties(text)["grant agreement"] == ["Ghana", "Brazil"], other


def test_the_two_countries_after_a_list_are_its_parties_not_an_item() -> None:
    text = (
        HEADLINE + "Ghana and Brazil signed MoUs on tourism, energy and education between the two "
        "countries.\n"
    )
    assert list(_parties(text)) == ["MoU on tourism", "MoU on energy", "MoU on education"]


def test_a_portfolio_list_begun_with_a_comma_closes_with_its_and() -> None:
    text = (
        HEADLINE
        + TALKS
        + "A memorandum of understanding on seasonal work was also signed between the Ministry "
        "of Employment, Productivity and Industrial Relations and Brazil Immigration.\n"
    )
    assert _parties(text)["memorandum of understanding on seasonal work"] == [
        "Ministry of Employment, Productivity and Industrial Relations",
        "Brazil Immigration",
    ]


def test_bodies_named_by_their_heads_titles_before_the_signatories_names() -> None:
    text = (
        HEADLINE
        + TALKS
        + "Kumasi Mayor Kwesi Adjei and Salvador Municipal Commissioner Rita Souza put pen to "
        "paper on a letter of intent on the twinning of Kumasi and Salvador.\n"
        + "The principal of Ghana's Regional Maritime Academy, Dr Esi Ofori, and the dean of "
        "the Naval College Brazil, Dr Luis Prado, signed a memorandum of understanding on "
        "cadet training.\n"
        + "Ghana's Ashanti Region and the northeastern Brazilian state of Ceará signed a friendly "
        "province-state relations agreement.\n"
    )
    parties = _parties(text)
    assert parties["letter of intent on the twinning of Kumasi and Salvador"] == [
        "Kumasi",
        "Salvador",
    ]
    assert parties["memorandum of understanding on cadet training"] == [
        "Ghana's Regional Maritime Academy",
        "Naval College Brazil",
    ]
    assert parties["friendly province-state relations agreement"] == [
        "Ghana's Ashanti Region",
        "Ceará",
    ]


def test_a_lender_and_the_two_central_banks_named_before() -> None:
    text = (
        "Ghana and Brazil seal currency and credit deals\n"
        "Bank of Ghana and Banco Central do Brasil signed a memorandum of understanding on "
        "local currency settlement on Thursday.\n"
        + "The two central banks also inked a bilateral currency swap arrangement worth up to "
        "US$2 billion.\n"
        + "A credit-line agreement worth US$ 20 million, extended by the Bank of Brasilia to the "
        "Government of Ghana, was signed by the bank's chairman and Ghana's finance minister.\n"
        + "The Director-General of the Brazil Fund for Development (BFD), Ana Lima, and Minister "
        "Kwame Ofori exchanged a development financing agreement worth US$80 million between "
        "BFD and the Government of Ghana.\n"
    )
    parties = _parties(text)
    assert parties["bilateral currency swap arrangement"] == [
        "Bank of Ghana",
        "Banco Central do Brasil",
    ]
    assert parties["credit-line agreement"] == ["Bank of Brasilia", "Ghana"]
    assert parties["development financing agreement"] == ["Brazil Fund for Development", "Ghana"]


def test_a_table_row_ends_a_party_at_its_cell() -> None:
    text = (
        "<html><body><h1>Ghana and Brazil exchange documents</h1>"
        "<p>Ghana and Brazil exchanged the following documents in Accra on Thursday.</p>"
        "<table><tr><th>No</th><th>Document</th><th>Ghana</th><th>Brazil</th></tr>"
        "<tr><td>1</td><td>Line of Credit Agreement between the Export Bank of Brazil and the "
        "Government of Ghana for US$ 50 million</td><td>Kojo Asare, Deputy Minister of "
        "Finance</td><td>Paulo Dias, Ambassador of Brazil</td></tr></table></body></html>"
    )
    parties = _parties(text)
    (title,) = parties
    assert parties[title] == ["Export Bank of Brazil", "Ghana"]


def test_a_party_keeps_its_own_on_and_ends_at_a_field_or_its_town() -> None:
    text = (
        HEADLINE
        + TALKS
        + "The Ghana Space Science Institute and the National Commission on Space Activities "
        "of Brazil signed an agreement on satellite data.\n"
        + "A protocol of cooperation between the Ashanti Regional Council and the State of "
        "Bahia in the field of cocoa research was also signed.\n"
        + "The Institute of Marine Research in Takoradi and the Brazilian Fisheries Institute "
        "signed a letter of intent on fisheries research.\n"
        + "An MoU between the Ghana Revenue Authority and the Federal Revenue Service on "
        "training of tax officials was signed too.\n"
    )
    parties = _parties(text)
    assert parties["agreement on satellite data"] == [
        "Ghana Space Science Institute",
        "National Commission on Space Activities of Brazil",
    ]
    assert parties[
        "protocol of cooperation between the Ashanti Regional Council and the State of Bahia in "
        "the field of cocoa research"
    ] == ["Ashanti Regional Council", "State of Bahia"]
    assert parties["letter of intent on fisheries research"] == [
        "Institute of Marine Research",
        "Brazilian Fisheries Institute",
    ]
    assert parties[
        "MoU between the Ghana Revenue Authority and the Federal Revenue Service on training of "
        "tax officials"
    ] == ["Ghana Revenue Authority", "Federal Revenue Service"]


def test_what_a_review_found_the_new_party_rules_must_not_take() -> None:
    # Words of a title are not a body: "Health Principal Secretary", "High Commissioner".
    medicines = (
        "India and Kenya sign health deal\n"
        "Health Principal Secretary Mary Muthoni and High Commissioner Rahul Gupta signed a "
        "memorandum of understanding on generic medicines on Monday.\n"
    )
    assert _parties(medicines)["memorandum of understanding on generic medicines"] != [
        "Health",
        "High",
    ]
    # "worth $5 million" then a purpose: the towns it is about are not the parties.
    grant = (
        "Kenya and Uganda sign grant\n"
        "Japan signed a grant agreement worth $5 million to support cross-border trade between "
        "Busia and Malaba.\n"
    )
    assert _parties(grant)["grant agreement"] != ["Busia", "Malaba"]
    # "The two city administrations" are not the two universities named before.
    twinning = (
        HEADLINE + "The University of Ghana and the University of Brasília signed a memorandum of "
        "understanding on student exchange.\n"
        + "The two city administrations also signed a twinning agreement.\n"
    )
    assert _parties(twinning)["twinning agreement"] == ["Ghana", "Brazil"]
    # A description inside one side's name is not blanked out of it.
    cocoa = (
        HEADLINE
        + "The Ministry of Agriculture of the Brazilian state of Bahia and the Ghana Cocoa "
        "Board signed a memorandum of understanding on cocoa research.\n"
    )
    parties = _parties(cocoa)["memorandum of understanding on cocoa research"]
    assert all("  " not in party for party in parties)


def test_a_short_form_in_brackets_ends_the_first_of_two_names() -> None:
    text = (
        HEADLINE
        + TALKS
        + "A letter of intent on renewable energy between the National Administration of Power "
        "Plants and Electrical Transmissions (UTE) and Energias do Brasil (EDB) was signed.\n"
    )
    assert _parties(text)[
        "letter of intent on renewable energy between the National Administration of Power "
        "Plants and Electrical Transmissions (UTE) and Energias do Brasil (EDB)"
    ] == [
        "National Administration of Power Plants and Electrical Transmissions (UTE)",
        "Energias do Brasil (EDB)",
    ]


def test_signed_between_after_what_the_instrument_is_for() -> None:
    text = (
        HEADLINE
        + TALKS
        + "The third instrument, a grant agreement worth US$18 million for the rehabilitation "
        "of Takoradi wharf, was signed between the Ghana Ports Authority and the Brazilian "
        "Cooperation Agency.\n"
        + "A US$12 million loan agreement to rehabilitate the coastal highway was also signed, "
        "between the Government of Ghana and Brazil's National Bank for Economic and Social "
        "Development.\n"
        + "A memorandum on fisheries and a protocol on customs were signed between the two "
        "ministries.\n"
    )
    parties = _parties(text)
    assert parties["grant agreement"] == ["Ghana Ports Authority", "Brazilian Cooperation Agency"]
    assert parties["loan agreement"] == [
        "Ghana",
        "Brazil's National Bank for Economic and Social Development",
    ]


def test_a_lender_named_by_its_heads_title_in_the_signing() -> None:
    text = (
        "Ghana and Qatar sign hospital grant\n"
        "Ghana and Qatar on Monday signed an agreement on cooperation in health in Accra.\n"
        "A grant agreement worth US$25 million to build a hospital in Tamale was signed by "
        "Finance Minister Kofi Mensah and the Director-General of the Qatar Fund for "
        "Development, Khalid Al Kuwari.\n"
    )
    assert _parties(text)["grant agreement"] == ["Qatar Fund for Development", "Ghana"]


def test_what_a_second_review_found_the_new_party_rules_must_not_take() -> None:
    # A clause's own "signed between" inside what the grant is for names no parties.
    grant = (
        HEADLINE
        + TALKS
        + "A grant agreement worth US$5 million to compensate families who lost land under the "
        "resettlement scheme signed between the chiefs and the Ghana Highway Authority was also "
        "signed.\n"
    )
    assert _parties(grant)["grant agreement"] == ["Ghana", "Brazil"]
    # A bank whose head signs may borrow: only a fund is taken for the lender.
    loan = (
        HEADLINE
        + TALKS
        + "A loan agreement worth US$25 million for cocoa farmers was signed by the Chief "
        "Executive Officer of Ghana's Agricultural Development Bank, Alhassan Andani, and the "
        "Brazilian ambassador, Paulo Ribeiro.\n"
    )
    assert _parties(loan)["loan agreement"] == ["Ghana", "Brazil"]


def test_parties_from_held_out_reports_read_after_their_one_score() -> None:
    text = (
        HEADLINE
        + TALKS
        + "Besides, the Ghana Agrarian University and the University of Brasília signed a "
        "memorandum of understanding on agricultural engineering.\n"
        + "The national oil firm Petrobras and the Ghana National Petroleum Corporation signed "
        "an agreement on offshore exploration.\n"
        + "Police Commissioner Kofi Boakye and Brazil Federal Police Commissioner Ana Souza "
        "signed an Agreement on Police Cooperation.\n"
    )
    parties = _parties(text)
    assert parties["memorandum of understanding on agricultural engineering"] == [
        "Ghana Agrarian University",
        "University of Brasília",
    ]
    assert parties["agreement on offshore exploration"] == [
        "Petrobras",
        "Ghana National Petroleum Corporation",
    ]
    # A head named with no body: a person, never a party
    assert not any(
        "Police" in party or "Boakye" in party
        for party in parties["Agreement on Police Cooperation"]
    )


def test_a_body_named_with_its_short_form_then_its_country_is_named_without_the_country() -> None:
    text = (
        HEADLINE
        + TALKS
        + "An agreement on satellite data was signed between the Ghana Space Science and "
        "Technology Institute (GSSTI) and the National Institute for Space Research (INPE) of "
        "Brazil.\n"
    )
    assert _parties(text)["agreement on satellite data"] == [
        "Ghana Space Science and Technology Institute (GSSTI)",
        "National Institute for Space Research (INPE)",
    ]


def test_an_amount_after_a_party_is_the_instruments_not_the_partys() -> None:
    text = (
        HEADLINE
        + TALKS
        + "A line of credit agreement between the Brazilian Development Bank and the "
        "Government of Ghana worth USD 40 million was also signed.\n"
    )
    parties = _parties(text)
    (title,) = [t for t in parties if t.startswith("line of credit")]
    assert parties[title] == ["Brazilian Development Bank", "Ghana"]


def test_a_spanish_name_with_de_la_is_one_party_of_the_signing_subject() -> None:
    text = (
        HEADLINE
        + TALKS
        + "The Ghana Export-Import Bank (GEXIM) and the Banco de la Nación Argentina signed "
        "a credit-line agreement worth US$ 80 million for farm machinery.\n"
    )
    assert _parties(text)["credit-line agreement"] == [
        "Ghana Export-Import Bank (GEXIM)",
        "Banco de la Nación Argentina",
    ]


def test_the_two_institutions_are_the_bodies_that_signed_before() -> None:
    text = (
        HEADLINE
        + TALKS
        + "The Bank of Ghana and the Central Bank of Brazil signed a currency swap agreement "
        "worth US$ 500 million.\n"
        + "The two institutions also signed a memorandum on banking supervision.\n"
    )
    assert _parties(text)["memorandum on banking supervision"] == [
        "Bank of Ghana",
        "Central Bank of Brazil",
    ]


def test_each_signatory_signs_for_the_body_named_after_them() -> None:
    text = (
        HEADLINE
        + TALKS
        + "Regional Minister Kwesi Appiah, representing the Ashanti Regional Coordinating "
        "Council, and Bahia Governor Rui Carvalho, for the Government of the State of Bahia, "
        "signed a memorandum of understanding on cocoa research.\n"
        + "A protocol on museums was signed by Ama Boateng on behalf of the Ghana Museums "
        "and Monuments Board, and by Pedro Souza on behalf of the Instituto Brasileiro de "
        "Museus, of which he is president.\n"
    )
    parties = _parties(text)
    assert parties["memorandum of understanding on cocoa research"] == [
        "Ashanti Regional Coordinating Council",
        "Government of the State of Bahia",
    ]
    assert parties["protocol on museums"] == [
        "Ghana Museums and Monuments Board",
        "Instituto Brasileiro de Museus",
    ]


def test_bodies_that_put_their_signatures_to_an_instrument_are_its_parties() -> None:
    text = (
        HEADLINE
        + TALKS
        + "Separately, the Ghana Revenue Authority (GRA) and the Federal Revenue Service of "
        "Brazil put their signatures to an MoU on the exchange of tax information.\n"
    )
    assert _parties(text)["MoU on the exchange of tax information"] == [
        "Ghana Revenue Authority (GRA)",
        "Federal Revenue Service of Brazil",
    ]


def test_both_ministries_keep_their_lists_of_portfolios() -> None:
    text = (
        HEADLINE
        + TALKS
        + "An arrangement on seasonal workers was signed between the Ministry of Employment, "
        "Labour and Social Welfare and the Ministry of Labour, Employment and Social "
        "Security of Brazil.\n"
    )
    assert _parties(text)["arrangement on seasonal workers"] == [
        "Ministry of Employment, Labour and Social Welfare",
        "Ministry of Labour, Employment and Social Security of Brazil",
    ]


def test_of_two_ways_to_split_two_names_the_one_ending_the_first_with_a_bodys_word() -> None:
    text = (
        HEADLINE
        + TALKS
        + "A memorandum of understanding between the Ghana Trade and Investment Center and "
        "ApexBrasil was also signed.\n"
    )
    parties = _parties(text)
    (title,) = [t for t in parties if "Investment Center" in t]
    assert parties[title] == ["Ghana Trade and Investment Center", "ApexBrasil"]


def test_police_commissioners_sign_for_their_forces_but_a_high_commissioner_for_a_country() -> None:
    text = (
        HEADLINE
        + TALKS
        + "A memorandum on police training was signed by the Commissioner of the Ghana Police "
        "Service, Brigadier-General Yaw Darko, and the Deputy Commissioner of the Federal "
        "Police Force of Brazil, Mr Andre Kinloch.\n"
        + "Separately, the Commissioner of the Ghana Prisons Service, Ama Serwaa Lartey, and "
        "Federal Police Force Deputy Commissioner Grant Nicholls signed a memorandum on prison "
        "escorts.\n"
        + "A memorandum on consular services was signed by Ghana's High Commissioner in "
        "Brasília, Kojo Amoah, and Brazil's Deputy Foreign Minister, Lia Souto.\n"
    )
    instruments = extract(Article(text=text, origin="t"), Known()).instruments
    records = {c.record.title: c.record for c in instruments}
    training = records["memorandum on police training"]
    assert list(training.parties) == ["Ghana Police Service", "Federal Police Force"]
    assert [o.name for o in training.officials] == ["Yaw Darko", "Andre Kinloch"]
    assert list(records["memorandum on prison escorts"].parties) == [
        "Ghana Prisons Service",
        "Federal Police Force",
    ]
    assert list(records["memorandum on consular services"].parties) == ["Ghana", "Brazil"]


def test_a_long_ministry_and_the_instruments_period_after_it() -> None:
    text = (
        HEADLINE
        + TALKS
        + "They also signed a programme of cooperation between the Education Ministry of "
        "Ghana and the Ministry of Higher and Tertiary Education, Innovation, Science and "
        "Technology Development of Brazil for 2026-2028.\n"
    )
    parties = _parties(text)
    (title,) = [t for t in parties if t.startswith("programme")]
    assert parties[title] == [
        "Education Ministry of Ghana",
        "Ministry of Higher and Tertiary Education, Innovation, Science and Technology "
        "Development of Brazil",
    ]


def test_a_name_in_its_own_language_in_brackets_is_not_another_party() -> None:
    text = (
        HEADLINE
        + TALKS
        + "At the same ceremony, the Ghana National Petroleum Corporation and Brazil's "
        "National Petroleum Agency (Agência Nacional do Petróleo, ANP) signed a cooperation "
        "agreement on data management.\n"
    )
    assert _parties(text)["cooperation agreement on data management"] == [
        "Ghana National Petroleum Corporation",
        "Brazil's National Petroleum Agency",
    ]


def test_cities_written_in_lower_case_between_are_the_parties() -> None:
    text = (
        HEADLINE
        + TALKS
        + "The presidents witnessed the signing of an agreement on twinning relations "
        "between the city of Kumasi and the city of Salvador.\n"
    )
    parties = _parties(text)
    (title,) = [t for t in parties if "twinning" in t]
    assert parties[title] == ["city of Kumasi", "city of Salvador"]


def test_what_reads_like_a_body_but_is_not_one_leaves_the_countries() -> None:
    universities = (
        "The University of Ghana and the University of Brasília signed a memorandum on research.\n"
    )
    text = (
        HEADLINE
        + TALKS
        + universities
        + "To speed the return of the bodies of fishermen lost at sea, the two countries also "
        "signed a memorandum on maritime search and rescue.\n"
        + "Hoping to draw back the firms that left, the governments also signed an investment "
        "protection agreement.\n"
        + "A memorandum on statistics was signed between the Government (GoG) of Ghana and the "
        "Brazilian Institute of Geography and Statistics.\n"
        + "A memorandum on investment was signed between the Ghana Investment Promotion Centre "
        "and Brazilian fruit exporters interested in expanding their operations into the West "
        "African market in coming years.\n"
        + "Kwame Addo and Rosa de la Fuente signed a memorandum on mining.\n"
    )
    parties = _parties(text)
    for title in (
        "memorandum on maritime search and rescue",
        "investment protection agreement",
        "memorandum on investment",
        "memorandum on mining",
    ):
        assert parties[title] == ["Ghana", "Brazil"], title
    assert parties["memorandum on statistics"] == [
        "Ghana",
        "Brazilian Institute of Geography and Statistics",
    ]


def test_the_names_after_a_ministry_of_a_country_are_not_its_portfolios() -> None:
    text = (
        HEADLINE
        + TALKS
        + "An arrangement on seasonal workers was signed between the Ministry of Employment, "
        "Labour and Social Welfare and the Ministry of Labour of Brazil, Luiza Freitas and Kofi "
        "Annan Boateng announced.\n"
        + "The memorandum on skills was signed on behalf of the Ministry of Education, Science "
        "and Sports, and the Ministry of Foreign Affairs of Brazil.\n"
    )
    parties = _parties(text)
    assert parties["arrangement on seasonal workers"] == [
        "Ministry of Employment, Labour and Social Welfare",
        "Ministry of Labour of Brazil",
    ]
    assert parties["memorandum on skills"] == [
        "Ministry of Education, Science and Sports",
        "Ministry of Foreign Affairs of Brazil",
    ]


def test_a_city_in_its_prefecture_and_universities_by_their_heads_and_initials() -> None:
    text = (
        HEADLINE
        + TALKS
        + "Kumasi and the Brazilian city of Salvador in Bahia State signed a sisterhood "
        "agreement at the stadium.\n"
        + "The Kwame Nkrumah University of Science and Technology and Brazil's Federal "
        "University of Bahia have agreed to build a joint programme in marine science.\n"
        + "KNUST Vice-Chancellor Professor Rita Dickson and FUB Deputy Vice-Chancellor Professor "
        "Paulo Miguez signed an MoU on marine science research at the campus.\n"
    )
    instruments = extract(Article(text=text, origin="t"), Known()).instruments
    records = {c.record.title: c.record for c in instruments}
    sisterhood = records["sisterhood agreement"]
    assert list(sisterhood.parties) == ["Kumasi", "Salvador"]
    assert list(sisterhood.officials) == []
    assert list(records["MoU on marine science research"].parties) == [
        "Kwame Nkrumah University of Science and Technology",
        "Federal University of Bahia",
    ]


def test_a_list_of_who_signed_what_gives_each_item_its_own_parties() -> None:
    text = (
        HEADLINE
        + TALKS
        + "Firms and universities of the two countries signed documents as well: Ghana Cocoa "
        "Processing and the Bahia Machine-Building Plant, a memorandum on cocoa presses; the "
        "Kumasi State University and Bahia State Technical University, agreements on academic "
        "mobility and joint research; the Ghana Chamber of Commerce and the Bahia Chamber of "
        "Commerce and Industry, a cooperation agreement.\n"
    )
    parties = _parties(text)
    assert parties["memorandum on cocoa presses"] == [
        "Ghana Cocoa Processing",
        "Bahia Machine-Building Plant",
    ]
    universities = ["Kumasi State University", "Bahia State Technical University"]
    assert parties["agreement on academic mobility"] == universities
    assert parties["agreement on joint research"] == universities
    assert parties["cooperation agreement"] == [
        "Ghana Chamber of Commerce",
        "Bahia Chamber of Commerce and Industry",
    ]


def test_a_portfolio_word_alone_is_not_the_first_of_two_names() -> None:
    text = (
        HEADLINE
        + TALKS
        + "A letter of intent on export promotion was signed between Trade and Investment "
        "Queensland and Investment Ghana.\n"
    )
    assert _parties(text)["letter of intent on export promotion"] == [
        "Trade and Investment Queensland",
        "Investment Ghana",
    ]


def test_initials_are_spelled_out_only_from_a_body_said_to_sign() -> None:
    text = (
        HEADLINE
        + TALKS
        + "Officials of the Ghana Pipeline Authority also attended the ceremony.\n"
        + "A memorandum on port management was signed between GPA and the Port of Santos.\n"
        + "The Ghana Chamber of Commerce and the Chamber of Commerce in Bahia State signed a "
        "memorandum on trade fairs.\n"
    )
    parties = _parties(text)
    assert parties["memorandum on port management"] == ["GPA", "Port of Santos"]
    assert parties["memorandum on trade fairs"] == [
        "Ghana Chamber of Commerce",
        "Chamber of Commerce in Bahia State",
    ]


def test_a_list_of_who_signed_what_takes_no_people_places_or_headings() -> None:
    text = (
        HEADLINE
        + "Ghana and Brazil signed three documents on Monday: Trade and Industry, a memorandum "
        "on halal certification; Health and Education, an agreement on nurse training.\n"
        + "Several documents were also exchanged; Kofi Mensah Boateng and Marina Alves da Costa, "
        "a joint communique on cocoa.\n"
        + "The presidents held talks; in Kumasi and Tamale, an agreement on health was signed "
        "later.\n"
    )
    for title, parties in _parties(text).items():
        assert parties == ["Ghana", "Brazil"], title


def test_long_body_names_after_an_abbreviated_title_and_a_province_of_a_country() -> None:
    text = (
        HEADLINE
        + TALKS
        + "A memorandum of understanding (MoU) was signed between the Ghana-Brazil Chamber of "
        "Commerce and Industry (GBCCI) and the Bahia Sub-Council of the Brazil Council for the "
        "Promotion of International Trade (BCPIT Bahia) at a business forum in Accra.\n"
        + "Separately, the Province of Ashanti, in Ghana, and the Municipality of Salvador "
        "signed a letter of intent on urban transport.\n"
    )
    parties = _parties(text)
    assert parties["memorandum of understanding"] == [
        "Ghana-Brazil Chamber of Commerce and Industry (GBCCI)",
        "Bahia Sub-Council of the Brazil Council for the Promotion of International Trade "
        "(BCPIT Bahia)",
    ]
    assert parties["letter of intent on urban transport"] == [
        "Province of Ashanti",
        "Municipality of Salvador",
    ]
