"""Countries named in an article, by name, short form, adjective or capital city.

Names come from pycountry (ISO 3166), so every country is recognised under its ISO name,
official name and common name. News text also names a country by its adjective ("the Kenyan
government") or by its capital standing for its government ("Tokyo and Hanoi are
negotiating"); ISO lists neither, so the tables below add them for the countries most often
in such reports. Every country is reported by one display name (its common name).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from kbtool.errors import KbError
from kbtool.ingest.segments import Span


def _table(text: str) -> dict[str, str]:
    """``"Name=CODE; Name=CODE"`` as a dict: the tables stay readable, a line per few entries."""
    pairs = (item.split("=") for item in re.split(r";\s*", text.strip()) if item)
    return {name.strip(): code.strip() for name, code in pairs}


# Short forms news text uses, mapped to the ISO alpha-2 code.
_ALIASES = _table(
    """
    US=US; U.S.=US; USA=US; America=US; UK=GB; U.K.=GB; Britain=GB; Great Britain=GB;
    PNG=PG;
    Russia=RU; Turkey=TR; Türkiye=TR; Ivory Coast=CI; Côte d'Ivoire=CI; Côte d’Ivoire=CI;
    DRC=CD; DR Congo=CD; Democratic Republic of the Congo=CD; Czech Republic=CZ;
    Cape Verde=CV; Swaziland=SZ; Brunei=BN; Palestine=PS; Holland=NL; the Netherlands=NL;
    UAE=AE; Emirates=AE; Republic of Korea=KR; Korea=KR; Vatican=VA; Macedonia=MK;
    East Timor=TL; Burma=MM
    """
)
# Display names where ISO's is not the one a reader expects.
_DISPLAY = _table(
    """
    US=United States; GB=United Kingdom; RU=Russia; TR=Türkiye;
    CD=Democratic Republic of the Congo; CZ=Czechia; BN=Brunei; PS=Palestine;
    AE=United Arab Emirates; VA=Vatican City; MK=North Macedonia; CI=Côte d'Ivoire;
    FM=Micronesia
    """
)
_ADJECTIVES = _table(
    """
    Afghan=AF; Algerian=DZ; Angolan=AO; Argentine=AR; Argentinian=AR; Australian=AU;
    Austrian=AT; Bangladeshi=BD; Belgian=BE; Beninese=BJ; Bolivian=BO; Botswanan=BW;
    Brazilian=BR; British=GB; Bruneian=BN; Burundian=BI; Cambodian=KH; Cameroonian=CM;
    Canadian=CA; Chilean=CL; Chinese=CN; Colombian=CO; Congolese=CD; Cuban=CU; Czech=CZ;
    Danish=DK; Dutch=NL; Egyptian=EG; Emirati=AE; Ethiopian=ET; Filipino=PH; Finnish=FI;
    French=FR; Gabonese=GA; Gambian=GM; German=DE; Ghanaian=GH; Greek=GR; Hungarian=HU;
    Indian=IN; Indonesian=ID; Iranian=IR; Iraqi=IQ; Irish=IE; Israeli=IL; Italian=IT;
    Ivorian=CI; Jamaican=JM; Japanese=JP; Jordanian=JO; Kazakh=KZ; Kenyan=KE; Korean=KR;
    Kuwaiti=KW; Lao=LA; Laotian=LA; Lebanese=LB; Liberian=LR; Libyan=LY; Malagasy=MG;
    Malawian=MW; Malaysian=MY; Malian=ML; Mauritian=MU; Mexican=MX; Mongolian=MN;
    Moroccan=MA; Mozambican=MZ; Namibian=NA; Nepali=NP; Nepalese=NP; Nigerian=NG;
    Nigerien=NE; Norwegian=NO; Omani=OM; Pakistani=PK; Peruvian=PE; Polish=PL;
    Portuguese=PT; Qatari=QA; Romanian=RO; Russian=RU; Rwandan=RW; Saudi=SA; Senegalese=SN;
    Singaporean=SG; Somali=SO; South African=ZA; Spanish=ES; Sri Lankan=LK; Sudanese=SD;
    Swedish=SE; Swiss=CH; Syrian=SY; Taiwanese=TW; Tanzanian=TZ; Thai=TH; Togolese=TG;
    Tunisian=TN; Turkish=TR; Ugandan=UG; Ukrainian=UA; Uruguayan=UY; Uzbek=UZ;
    Venezuelan=VE; Vietnamese=VN; Yemeni=YE; Zambian=ZM; Zimbabwean=ZW; American=US;
    Seychellois=SC; Kyrgyz=KG; Tajik=TJ; Turkmen=TM; Comorian=KM; Djiboutian=DJ;
    Burkinabe=BF; Barbadian=BB; Bajan=BB; Trinidadian=TT; Guyanese=GY; Surinamese=SR;
    Belizean=BZ; Fijian=FJ; Timorese=TL; Burmese=MM; Maldivian=MV; Slovak=SK; Icelandic=IS;
    Cypriot=CY; Maltese=MT; Motswana=BW; Swazi=SZ; Paraguayan=PY; Panamanian=PA;
    Costa Rican=CR; Honduran=HN; Salvadoran=SV; Haitian=HT; Papua New Guinean=PG;
    Belarusian=BY; Azerbaijani=AZ; Azeri=AZ; Armenian=AM; Moldovan=MD; Bulgarian=BG;
    Serbian=RS; Croatian=HR; Slovenian=SI; Bosnian=BA; Albanian=AL; Montenegrin=ME;
    Estonian=EE; Latvian=LV; Lithuanian=LT; Kazakhstani=KZ; Uzbekistani=UZ;
    Kyrgyzstani=KG; Tajikistani=TJ; Ecuadorian=EC; Ecuadorean=EC; Guatemalan=GT;
    Nicaraguan=NI; Bahamian=BS; Grenadian=GD; Samoan=WS; Tongan=TO; Bahraini=BH;
    Eritrean=ER; Chadian=TD; Sierra Leonean=SL; Mauritanian=MR; Cape Verdean=CV;
    Equatorial Guinean=GQ; Equatoguinean=GQ; Basotho=LS; Vincentian=VC; Antiguan=AG;
    Kittitian=KN; Saint Lucian=LC; Bhutanese=BT; Sahrawi=EH; Palestinian=PS
    """
)
_CAPITALS = _table(
    """
    Abu Dhabi=AE; Abuja=NG; Accra=GH; Addis Ababa=ET; Algiers=DZ; Amman=JO; Ankara=TR;
    Antananarivo=MG; Astana=KZ; Athens=GR; Baghdad=IQ; Bangkok=TH; Beijing=CN; Beirut=LB;
    Berlin=DE; Bern=CH; Brasília=BR; Brasilia=BR; Brussels=BE; Buenos Aires=AR; Cairo=EG;
    Canberra=AU; Caracas=VE; Colombo=LK; Dakar=SN; Dar es Salaam=TZ; Dhaka=BD; Dodoma=TZ;
    Doha=QA; Gaborone=BW; Hanoi=VN; Harare=ZW; Havana=CU; Islamabad=PK; Jakarta=ID;
    Kampala=UG; Kathmandu=NP; Khartoum=SD; Kigali=RW; Kinshasa=CD; Kuala Lumpur=MY;
    Kyiv=UA; Lagos=NG; Lilongwe=MW; Lima=PE; Lisbon=PT; London=GB; Luanda=AO; Lusaka=ZM;
    Madrid=ES; Manila=PH; Maputo=MZ; Mexico City=MX; Moscow=RU; Nairobi=KE; New Delhi=IN;
    Oslo=NO; Ottawa=CA; Paris=FR; Pretoria=ZA; Rabat=MA; Riyadh=SA; Rome=IT; Santiago=CL;
    Seoul=KR; Singapore=SG; Stockholm=SE; Tehran=IR; Tokyo=JP; Tunis=TN; Vienna=AT;
    Warsaw=PL; Washington=US; Wellington=NZ; Windhoek=NA; Putrajaya=MY;
    Minsk=BY; Muscat=OM; Tashkent=UZ; Tbilisi=GE; Baku=AZ; Yerevan=AM; Bishkek=KG;
    Dushanbe=TJ; Ashgabat=TM; Kabul=AF; Thimphu=BT; Vientiane=LA; Phnom Penh=KH;
    Ulaanbaatar=MN; Bandar Seri Begawan=BN; Dili=TL; Kuwait City=KW; Manama=BH; Damascus=SY;
    Nicosia=CY; Valletta=MT; Budapest=HU; Bucharest=RO; Chisinau=MD; Chișinău=MD; Sofia=BG;
    Belgrade=RS; Zagreb=HR; Ljubljana=SI; Sarajevo=BA; Podgorica=ME; Skopje=MK; Tirana=AL;
    Prague=CZ; Bratislava=SK; Vilnius=LT; Riga=LV; Tallinn=EE; Helsinki=FI; Copenhagen=DK;
    Dublin=IE; Amsterdam=NL; Reykjavik=IS; Asunción=PY; Asuncion=PY; Montevideo=UY; Quito=EC;
    Bogotá=CO; Bogota=CO; Georgetown=GY; Paramaribo=SR; Port of Spain=TT; Bridgetown=BB;
    Castries=LC; Nassau=BS; Belmopan=BZ; Guatemala City=GT; San Salvador=SV; Tegucigalpa=HN;
    Managua=NI; Panama City=PA; Santo Domingo=DO; Port-au-Prince=HT; Suva=FJ;
    Port Moresby=PG; Port Vila=VU; Honiara=SB; Apia=WS; Nuku'alofa=TO; Nuku’alofa=TO;
    Tarawa=KI; Majuro=MH; Praia=CV; Bissau=GW; Conakry=GN; Freetown=SL; Monrovia=LR;
    Ouagadougou=BF; Niamey=NE; Bamako=ML; Nouakchott=MR; N'Djamena=TD; Yaoundé=CM;
    Libreville=GA; Brazzaville=CG; Bangui=CF; Malabo=GQ; Juba=SS; Asmara=ER; Mogadishu=SO;
    Moroni=KM; Maseru=LS; Mbabane=SZ; Tripoli=LY; Port Louis=MU; Lomé=TG; Lome=TG;
    Porto-Novo=BJ; Cotonou=BJ; Yamoussoukro=CI; Abidjan=CI; Banjul=GM; Kathmandu=NP;
    Naypyidaw=MM; Malé=MV"""
)


@dataclass(frozen=True)
class CountryMention:
    country: str  # display name
    span: Span
    by: str  # "name", "adjective" or "capital": how the text named it


@dataclass(frozen=True)
class _Gazetteer:
    pattern: re.Pattern[str]
    lookup: dict[str, tuple[str, str]]  # surface form -> (display name, how)


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    try:
        import pycountry
    except ImportError:  # pragma: no cover - the ingest extra is missing
        raise KbError(
            "kb ingest needs its optional dependencies",
            hint="pip install 'kbtool[ingest]'",
        ) from None
    display: dict[str, str] = {}
    lookup: dict[str, tuple[str, str]] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        shown = _DISPLAY.get(code) or getattr(country, "common_name", None) or country.name
        display[code] = shown
        for name in (
            country.name,
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
        ):
            # ISO's inverted forms ("Korea, Republic of") never occur in running text.
            if name and "," not in name:
                lookup[name] = (shown, "name")
    for alias, code in _ALIASES.items():
        lookup[alias] = (display[code], "name")
    for adjective, code in _ADJECTIVES.items():
        lookup[adjective] = (display[code], "adjective")
    for capital, code in _CAPITALS.items():
        lookup.setdefault(capital, (display[code], "capital"))
    surfaces = sorted(lookup, key=len, reverse=True)
    alternation = "|".join(re.escape(surface) for surface in surfaces)
    # Case-sensitive: "turkey" and "chad" in lower case are not countries.
    # "US$25 million", "US dollars": a currency, not the United States.
    pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-]|’\w\w|\$|\s+dollars?\b)")
    return _Gazetteer(pattern, lookup)


def find_countries(text: str, span: Span) -> list[CountryMention]:
    """Country mentions inside ``span`` of ``text``, in order."""
    gazetteer = _gazetteer()
    found = []
    for match in gazetteer.pattern.finditer(text, span.start, span.end):
        country, how = gazetteer.lookup[match.group()]
        found.append(CountryMention(country, Span(match.start(), match.end()), how))
    return found


def country_named(phrase: str) -> str | None:
    """The country that ``phrase`` names as a whole ("Kenya", "Hanoi"), if any."""
    found = _gazetteer().lookup.get(phrase.strip())
    return found[0] if found else None


def is_country_name(phrase: str) -> bool:
    """Whether ``phrase`` is a country's name ("Viet Nam"), not its adjective ("Belarusian")."""
    found = _gazetteer().lookup.get(phrase.strip())
    return found is not None and found[1] == "name"


def country_of_word(word: str) -> str | None:
    """The country a single word names or describes: "Kenya", "Kenyan", "Mauritanian",
    "Senegalese", "Pakistani", "Malaysia's"; the tables cover the common adjectives, the
    endings the rest."""
    word = re.sub(r"[’']s?$", "", word.strip())
    found = country_named(word)
    if found is not None or len(word) < 5 or not word[:1].isupper():
        return found
    for ending, replacement in (("ese", ""), ("an", "a"), ("ian", ""), ("n", ""), ("i", "")):
        if word.endswith(ending):
            found = country_named(word[: len(word) - len(ending)] + replacement)
            if found is not None:
                return found
    return None


def main_countries(mentions: list[CountryMention], count: int = 2) -> list[CountryMention]:
    """The ``count`` countries an article names most, in the order it first names them."""
    frequency = Counter(mention.country for mention in mentions)
    chosen = {country for country, _ in frequency.most_common(count)}
    first: dict[str, CountryMention] = {}
    for mention in mentions:
        if mention.country in chosen and mention.country not in first:
            first[mention.country] = mention
    return list(first.values())
