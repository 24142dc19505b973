"""Realistic synthetic knowledge bases for the benchmarks, as JSONL that ``kb import`` reads.

``python benchmarks/generate.py --instruments 14000 --out kb-14k.jsonl`` writes one record a
line, each tagged with ``"type"`` (``source``, then ``instrument``, then ``quotation``), the
format of ``kb export --format jsonl``. The same seed and size always give the same bytes.

What makes it realistic enough to benchmark search and storage on:

- titles built the way treaty series title instruments ("Memorandum of Understanding on
  Cooperation in Agriculture between the Government of Ghana and the Government of India"),
  parties drawn from real country names (a few countries sign far more than others), sectors,
  places, dates, officials and witnesses with roles;
- free text (summaries, aims, quotations and their sentences) drawn from a domain vocabulary
  with a Zipf-like word frequency, so a few words are in most records and most words are rare;
- 0 to 4 quotations per instrument (about 2 on average), some about no instrument;
- unicode everywhere a real knowledge base has it: accents (Côte d’Ivoire, Bogotá),
  typographic quotes and dashes, non-Latin names (李伟, Олена Коваленко, أحمد منصور);
- a few hundred sources shared by many records, as news reports are; they keep no full text,
  so the verbatim check of ``kb verify`` has nothing to compare and imports stay fast.

The words the benchmark searches for are planted at a fixed rate so that every size has hits:
``RARE_WORD`` in 0.1% of instruments, ``PHRASE`` and ``QUALIFIER`` through the title
templates, and ``COMMON_WORD`` in most records.
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import itertools
import json
import random
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

# Bump when the output changes, so that cached files made by an older generator are not used.
GENERATOR_VERSION = 1
DEFAULT_SEED = 6

# What the benchmark searches for (see the module docstring for how each is planted).
RARE_WORD = "hydrography"
RARE_EVERY = 1000  # one instrument in RARE_EVERY mentions RARE_WORD
COMMON_WORD = "cooperation"
PHRASE = "renewable energy"
QUALIFIER_KIND = "treaty"
QUALIFIER_WORD = "extradition"


def words(text: str) -> list[str]:
    """The words of a block of text: long lists of names stay readable."""
    return text.split()


COUNTRIES = words(
    """Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria
Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia
Botswana Brazil Brunei Bulgaria Burundi Cambodia Cameroon Canada Chad Chile China Colombia
Comoros Croatia Cuba Cyprus Czechia Denmark Djibouti Dominica Ecuador Egypt Eritrea Estonia
Eswatini Ethiopia Fiji Finland France Gabon Gambia Georgia Germany Ghana Greece Grenada
Guatemala Guinea Guyana Haiti Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel
Italy Jamaica Japan Jordan Kazakhstan Kenya Kiribati Kuwait Kyrgyzstan Laos Latvia Lebanon
Lesotho Liberia Libya Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia Maldives
Mali Malta Mauritania Mauritius Mexico Micronesia Moldova Monaco Mongolia Montenegro Morocco
Mozambique Myanmar Namibia Nauru Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan
Palau Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Samoa
Senegal Serbia Seychelles Singapore Slovakia Slovenia Somalia Spain Sudan Suriname Sweden
Switzerland Syria Tajikistan Tanzania Thailand Togo Tonga Tunisia Türkiye Turkmenistan Tuvalu
Uganda Ukraine Uruguay Uzbekistan Vanuatu Venezuela Vietnam Yemen Zambia Zimbabwe"""
)
COUNTRIES += [
    "Côte d’Ivoire",
    "São Tomé and Príncipe",
    "the United Kingdom",
    "the United States",
    "the United Arab Emirates",
    "the Republic of Korea",
    "South Africa",
    "New Zealand",
    "Saudi Arabia",
    "Sri Lanka",
    "Timor-Leste",
    "Papua New Guinea",
    "Costa Rica",
    "El Salvador",
    "Burkina Faso",
    "Sierra Leone",
    "Cabo Verde",
    "Bosnia and Herzegovina",
    "North Macedonia",
    "the Dominican Republic",
    "Trinidad and Tobago",
    "Antigua and Barbuda",
    "Equatorial Guinea",
    "Guinea-Bissau",
    "the Holy See",
]

CITIES = """Nairobi|Kuala Lumpur|Accra|New Delhi|Bogotá|Brasília|Asunción|Reykjavík|Yaoundé|Lomé|
Ouagadougou|Hà Nội|Malé|Zürich|Genève|Québec|Montréal|Kraków|Łódź|Göteborg|Málaga|Córdoba|
Jakarta|Manila|Bangkok|Dhaka|Kathmandu|Islamabad|Tashkent|Astana|Baku|Tbilisi|Yerevan|Ankara|
İstanbul|Cairo|Tunis|Rabat|Dakar|Abuja|Lagos|Addis Ababa|Kampala|Kigali|Dar es Salaam|Lusaka|
Harare|Gaborone|Windhoek|Pretoria|Maputo|Antananarivo|Port Louis|Canberra|Wellington|Suva|
Tokyo|Seoul|Beijing|Shanghai|Ulaanbaatar|Singapore|Colombo|Doha|Riyadh|Muscat|Amman|Beirut|
Athens|Rome|Paris|Berlin|Madrid|Lisbon|Brussels|The Hague|Copenhagen|Oslo|Stockholm|Helsinki|
Tallinn|Vilnius|Warsaw|Prague|Vienna|Budapest|Bucharest|Sofia|Belgrade|Kyiv|Moscow|Ottawa|
Washington|Mexico City|Havana|Lima|Santiago|Buenos Aires|Montevideo|Quito|Caracas|Panamá|
San José|Kingston|Bridgetown|Port of Spain|Georgetown|Paramaribo""".replace("\n", "").split("|")

REGIONS = [
    "East Africa",
    "West Africa",
    "Southern Africa",
    "the Sahel",
    "the Horn of Africa",
    "Southeast Asia",
    "South Asia",
    "Central Asia",
    "the Gulf",
    "the Caribbean",
    "Latin America",
    "the Pacific",
    "the Indian Ocean",
    "the Mediterranean",
    "the Balkans",
    "the Baltic Sea region",
    "the Great Lakes region",
    "the Mekong basin",
]

# Fields of cooperation: title words, sectors and the backbone of summaries and aims.
FIELDS = [
    ("Agriculture", ["agriculture", "food security"]),
    ("Tourism", ["tourism", "travel"]),
    ("Air Services", ["transport", "aviation", "connectivity"]),
    ("Renewable Energy", ["energy", "renewable energy", "climate"]),
    ("Higher Education", ["education", "research"]),
    ("Health", ["health", "public health"]),
    ("Fisheries", ["fisheries", "oceans"]),
    ("Maritime Transport", ["transport", "shipping", "ports"]),
    ("Defence", ["defence", "security"]),
    ("Culture", ["culture", "arts"]),
    ("Science and Technology", ["science", "technology", "innovation"]),
    ("Trade and Investment", ["trade", "investment"]),
    ("Water Resources", ["water", "sanitation"]),
    ("the Digital Economy", ["digital economy", "ICT"]),
    ("Customs Matters", ["customs", "trade facilitation"]),
    ("Mining and Geology", ["mining", "minerals"]),
    ("Youth and Sports", ["youth", "sports"]),
    ("Disaster Risk Reduction", ["disaster management", "emergency response"]),
    ("Climate Change", ["climate", "environment"]),
    ("Urban Development", ["urban planning", "housing", "infrastructure"]),
    ("Railways", ["transport", "railways", "infrastructure"]),
    ("Telecommunications", ["telecommunications", "ICT"]),
    ("Small and Medium Enterprises", ["SMEs", "private sector", "trade"]),
    ("Labour Mobility", ["labour", "migration"]),
    ("Environmental Protection", ["environment", "biodiversity"]),
    ("Halal Certification", ["halal", "trade", "standards"]),
    ("the Peaceful Uses of Nuclear Energy", ["energy", "nuclear"]),
    ("Cultural Heritage", ["heritage", "culture", "museums"]),
    ("Public Administration", ["governance", "civil service"]),
    ("Statistics", ["statistics", "data"]),
    ("Meteorology", ["meteorology", "climate"]),
    ("Space Technology", ["space", "technology"]),
    ("Pharmaceuticals", ["health", "pharmaceuticals"]),
    ("Textiles", ["textiles", "manufacturing", "trade"]),
    ("Forestry", ["forestry", "environment"]),
]
TREATY_TOPICS = [
    ("Extradition", ["justice", "law enforcement"]),
    ("Mutual Legal Assistance in Criminal Matters", ["justice", "law enforcement"]),
    ("the Transfer of Sentenced Persons", ["justice"]),
    ("Friendship and Cooperation", ["diplomacy"]),
    ("the Delimitation of the Maritime Boundary", ["borders", "oceans"]),
    ("Investment Promotion and Protection", ["investment"]),
    ("Social Security", ["social security", "labour"]),
]
TAX_TOPIC = (
    "the Avoidance of Double Taxation and the Prevention of Fiscal Evasion",
    ["taxation", "finance"],
)
DECLARATION_TOPICS = [
    "Strategic Partnership",
    "Comprehensive Partnership",
    "Enhanced Cooperation",
    "the Sixtieth Anniversary of Diplomatic Relations",
    "Climate Action",
    "Food Security",
]

KINDS = [
    ("memorandum-of-understanding", 35),
    ("agreement", 30),
    ("treaty", 8),
    ("protocol", 7),
    ("letter-of-intent", 6),
    ("exchange-of-notes", 6),
    ("declaration", 6),
    ("other", 2),
]
STATUSES = [
    ("signed", 40),
    ("in-force", 30),
    ("ratified", 10),
    ("proposed", 8),
    ("expired", 5),
    ("terminated", 4),
    ("suspended", 3),
]

# The free-text vocabulary, roughly most common first; the Zipf weights follow this order.
NOUNS = words(
    """cooperation development partnership trade investment capacity exchange framework
support growth sector programme relations training expertise security technology market
projects infrastructure institutions knowledge research services standards collaboration
experience opportunities policies resources access innovation skills information countries
economy communities people regions industry tourism mobility connectivity ties business
agencies experts officials delegations visits students scholarships facilities networks
ministries governments stakeholders priorities measures mechanisms initiatives activities
dialogue consultations agreements procedures regulations certification products goods exports
imports value chains supply logistics ports airports routes flights corridors railways roads
energy electricity power grids water irrigation crops livestock farmers fisheries seafood
aquaculture forests biodiversity wildlife parks climate emissions resilience adaptation
disasters floods droughts health hospitals vaccines medicines diseases nutrition education
schools universities curricula teachers youth women entrepreneurs enterprises SMEs startups
finance banks credit payments currencies customs tariffs barriers quotas borders migration
labour workers employment jobs pensions culture heritage museums arts films music languages
sports athletes media journalism broadcasting telecommunications broadband satellites data
statistics cybersecurity software platforms governance transparency accountability justice
courts police crime terrorism trafficking smuggling defence maritime navigation shipping coast
oceans minerals mining oil gas refineries pipelines manufacturing textiles garments automotive
pharmaceuticals chemicals fertilisers machinery equipment construction housing cities
municipalities planning transport logistics warehousing standards metrology accreditation
laboratories inspections veterinary phytosanitary halal tea coffee cocoa rice wheat maize
sugar palm rubber timber cotton horticulture flowers fruit vegetables dairy poultry meat
exhibitions fairs festivals anniversaries ceremonies summits"""
)
ADJECTIVES = words(
    """bilateral mutual joint economic technical regional national sustainable strategic
public private new key long-term closer deeper broader comprehensive practical cultural
scientific digital renewable green inclusive structured two-way cross-border international
commercial financial agricultural industrial maritime urban rural social legal institutional
environmental academic professional vocational local global multilateral concrete effective
innovative resilient modern efficient affordable reliable secure transparent fair balanced
shared common friendly historic significant major important productive"""
)
VERBS = words(
    """strengthen promote enhance expand deepen develop support facilitate boost improve
foster encourage establish build increase accelerate advance broaden consolidate diversify
implement explore identify share exchange coordinate harmonise modernise upgrade open ease
reduce protect preserve train finance invest attract market"""
)
# The long tail: words that real reports use now and then.
RARE_WORDS = words(
    """geothermal desalination mangroves sorghum cassava apiculture sericulture
biotechnology nanotechnology genomics hydropower photovoltaic microfinance remittances
e-commerce blockchain fintech geospatial cartography seismology volcanology oceanography
glaciers permafrost coral reefs seagrass whales turtles elephants rhinos pangolins orchids
vanilla saffron cashew shea quinoa teff millet jute sisal bamboo rattan lithium cobalt nickel
bauxite graphite phosphate uranium helium hydrogen ammonia biogas biomass ethanol tidal
archives manuscripts calligraphy archaeology numismatics philately puppetry gastronomy
viticulture oenology perfumery handicrafts weaving pottery embroidery"""
)
SAID_VERBS = [
    ("said", 30),
    ("noted", 8),
    ("emphasised", 6),
    ("stressed", 6),
    ("indicated", 5),
    ("added", 5),
    ("declared", 3),
    ("remarked", 3),
    ("affirmed", 2),
    ("underlined", 2),
]

FIRST_NAMES = words(
    """William Anwar Rebecca Musalia Salim Amina Grace John Mary Peter Fatima Ahmed
Mohamed Ibrahim Aisha Yusuf Kwame Ama Kofi Nana Chinedu Ngozi Oluwaseun Thabo Lindiwe Sipho
Jean Marie Pierre François Hélène Zoë Chloé Søren Björn Åsa Jörg Jürgen Łukasz Małgorzata
José María Inés Ramón Joaquín João Conceição Raúl Sebastián Ana Luis Carlos Rajesh Priya
Anil Sunita Arjun Lakshmi Siti Nurul Hafiz Farah Budi Dewi Thanh Minh Hiroshi Yuki Kenji
Hana Ji-woo Min-jun Seo-yeon Olga Sergei Dmitri Natalia Mehmet Ayşe Elif Kemal"""
)
LAST_NAMES = words(
    """Ruto Ibrahim Miano Mudavadi Mvurya Mohamed Otieno Wanjiku Kamau Mensah Boateng
Okafor Adeyemi Nkosi Dlamini Diallo Traoré Koné Ndiaye Dubois Lefèvre Müller Schröder
Nielsen Johansson Kowalski Wiśniewski García Fernández López Martínez Gonçalves Sánchez
Pérez Sharma Patel Gupta Reddy Rahman Hossain Abdullah Hassan Tan Lim Wong Nguyễn Trần
Santoso Wijaya Sato Suzuki Takahashi Kim Park Lee Ivanov Petrov Smirnova Demir
Kaya O’Connor O’Brien Al-Farsi Al-Mansouri Haddad"""
)
LAST_NAMES.append("Y\u0131lmaz")  # Turkish dotless i, written escaped for the linter
# Names a source prints in their own script.
NATIVE_NAMES = [
    "李伟",
    "王芳",
    "张敏",
    "佐藤 健",
    "田中 美咲",
    "김민준",
    "Олена Коваленко",
    "Сергей Иванов",
    "أحمد منصور",
    "فاطمة الزهراء",
    "Νίκος Παπαδόπουλος",
    "राजेश कुमार",
    "สมชาย ใจดี",
    "ნინო ბერიძე",
    "Արամ Պետրոսյան",
    "דוד לוי",
]
ROLES = [
    ("Minister of Foreign Affairs", 12),
    ("President", 8),
    ("Prime Minister", 6),
    ("Ambassador", 10),
    ("High Commissioner", 4),
    ("Minister of Trade", 6),
    ("Trade CS", 2),
    ("Tourism CS", 2),
    ("Minister of Agriculture", 4),
    ("Minister of Energy", 3),
    ("Minister of Health", 3),
    ("Minister of Education", 3),
    ("Deputy Minister", 5),
    ("Permanent Secretary", 4),
    ("Governor", 3),
    ("Mayor", 4),
    ("Secretary-General", 2),
    ("Chairman of the Chamber of Commerce", 3),
    ("Director-General", 4),
    ("Chief Executive Officer", 3),
]
OUTLETS = [
    "Reuters",
    "Agence France-Presse",
    "Xinhua",
    "Kyodo News",
    "The Hindu",
    "Daily Nation",
    "Le Monde",
    "El País",
    "Folha de S.Paulo",
    "Al Jazeera",
    "Malay Mail",
    "The Star",
    "Ministry of Foreign Affairs",
    "Office of the President",
    "Anadolu Agency",
    "Yonhap",
    "TASS",
    "Ecofin Agency",
    "Capital FM",
    "The Straits Times",
]
VENUES = ["State House", "the Ministry of Foreign Affairs", "the Presidential Palace", "City Hall"]


def zipf_weights(count: int, exponent: float = 1.07) -> list[float]:
    """Cumulative weights for ranks 1..count, each rank's weight 1 / rank**exponent."""
    return list(itertools.accumulate(1.0 / (rank**exponent) for rank in range(1, count + 1)))


def slugify(text: str, max_words: int = 8) -> str:
    """Lower-case ASCII words joined by hyphens, 'Côte d’Ivoire' -> 'cote-d-ivoire'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower())[:max_words])


def gerund(verb: str) -> str:
    """'promote' -> 'promoting', 'open' -> 'opening'."""
    return (verb[:-1] if verb.endswith("e") and not verb.endswith("ee") else verb) + "ing"


class Generator:
    """Draws records from one seeded random stream, so that a seed and a size fix the output."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.countries = self._zipf(COUNTRIES)
        self.nouns = self._zipf(NOUNS)
        self.adjectives = self._zipf(ADJECTIVES)
        self.verbs = self._zipf(VERBS)
        self.rare = self._zipf(RARE_WORDS)
        self.fields = self._zipf(FIELDS, exponent=0.6)
        # A few thousand people; prominent ones speak far more often (Zipf over the pool).
        people = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
        random.Random(seed + 1).shuffle(people)
        people = people[:3000]
        # Every 97th person is named in their own script, as some sources print them.
        for k, i in enumerate(range(5, len(people), 97)):
            people[i] = NATIVE_NAMES[k % len(NATIVE_NAMES)]
        self.people = self._zipf(people, exponent=0.8)
        self.quotation_serial = 0

    @staticmethod
    def _zipf(items: Sequence[Any], exponent: float = 1.07) -> tuple[Sequence[Any], list[float]]:
        return items, zipf_weights(len(items), exponent)

    def pick(self, table: tuple[Sequence[Any], list[float]]) -> Any:
        items, cumulative = table
        return items[bisect.bisect(cumulative, self.random.random() * cumulative[-1])]

    def weighted(self, choices: Sequence[tuple[Any, int]]) -> Any:
        return self.random.choices([c for c, _ in choices], [w for _, w in choices])[0]

    def noun_phrase(self) -> str:
        """'closer bilateral trade', 'investment' or, now and then, a word of the long tail."""
        noun: str = self.pick(self.rare) if self.random.random() < 0.04 else self.pick(self.nouns)
        roll = self.random.random()
        if roll < 0.45:
            return noun
        if roll < 0.85:
            return f"{self.pick(self.adjectives)} {noun}"
        return f"{self.pick(self.nouns)} and {noun}"

    def clause(self) -> str:
        """'to strengthen bilateral trade and investment'."""
        return f"{self.pick(self.verbs)} {self.noun_phrase()} and {self.noun_phrase()}"

    def date(self) -> datetime.date:
        # Most instruments are recent: a triangular draw over 1950–2025 leaning to the end.
        year = int(self.random.triangular(1950, 2026, 2025))
        return datetime.date(
            min(year, 2025), self.random.randint(1, 12), self.random.randint(1, 28)
        )

    def sources(self, count: int) -> list[dict[str, Any]]:
        records = []
        for n in range(count):
            outlet = OUTLETS[n % len(OUTLETS)]
            a, b = self.pick(self.countries), self.pick(self.countries)
            published = self.date()
            title = f"{a} and {b} sign agreements on {self.noun_phrase()}"
            records.append(
                {
                    "type": "source",
                    "id": f"{slugify(outlet, 3)}-{published.isoformat()}-{n}",
                    "title": title,
                    "outlet": outlet,
                    "url": f"https://news.example.org/{published.year}/{slugify(title)}-{n}",
                    "published_on": published.isoformat(),
                    "description": f"Report by {outlet} on instruments signed by {a} and {b}.",
                    "statements": [f"{a} and {b} agreed to {self.clause()}."],
                    "text": None,
                }
            )
        return records

    def title(self, kind: str, a: str, b: str) -> tuple[str, list[str]]:
        """A title in the style of treaty series, and the sectors its subject implies."""
        field, sectors = self.pick(self.fields)
        gov_a, gov_b = f"the Government of {a}", f"the Government of {b}"
        if kind == "memorandum-of-understanding":
            return (
                f"Memorandum of Understanding on Cooperation in {field}"
                f" between {gov_a} and {gov_b}",
                sectors,
            )
        if kind == "agreement":
            if self.random.random() < 0.15:
                return f"Bilateral Air Services Agreement between {a} and {b}", [
                    "transport",
                    "aviation",
                ]
            return f"Agreement between {gov_a} and {gov_b} on {field}", sectors
        if kind == "treaty":
            topic, sectors = self.random.choice(TREATY_TOPICS)
            return f"Treaty between {a} and {b} on {topic}", sectors
        if kind == "protocol":
            if self.random.random() < 0.5:
                topic, sectors = TAX_TOPIC
                return f"Protocol amending the Agreement between {a} and {b} for {topic}", sectors
            return f"Protocol to the Agreement on {field} between {a} and {b}", sectors
        if kind == "letter-of-intent":
            city_a, city_b = self.random.sample(CITIES, 2)
            return f"Letter of Intent on {field} between {city_a} and {city_b}", [
                "urban planning",
                *sectors[:1],
            ]
        if kind == "exchange-of-notes":
            return (
                f"Exchange of Notes constituting an Agreement between {gov_a} and {gov_b}"
                f" concerning {field}",
                sectors,
            )
        if kind == "declaration":
            topic = self.random.choice(DECLARATION_TOPICS)
            return f"Joint Declaration on {topic} between {a} and {b}", ["diplomacy", *sectors[:1]]
        return f"Framework Arrangement on {field} between {a} and {b}", sectors

    def instrument(self, n: int, source_ids: Sequence[str]) -> dict[str, Any]:
        kind = self.weighted(KINDS)
        a = self.pick(self.countries)
        b = self.pick(self.countries)
        while b == a:
            b = self.pick(self.countries)
        title, sectors = self.title(kind, a, b)
        status = self.weighted(STATUSES)
        signed = self.date() if status != "proposed" and self.random.random() < 0.85 else None
        places = [a, b]
        if self.random.random() < 0.4:
            places.append(self.random.choice(REGIONS))
        if self.random.random() < 0.3:
            places.append(self.random.choice(CITIES))
        summary = (
            f"Provides a framework for {a} and {b} to {self.clause()}, including "
            f"{self.noun_phrase()}, {self.noun_phrase()} and {self.noun_phrase()}."
        )
        if n % RARE_EVERY == 7:
            summary = summary[:-1] + f", and joint {RARE_WORD} surveys."
        aims = [self.clause() for _ in range(self.random.randint(1, 4))]
        if self.random.random() < 0.6:
            aims.append(f"{COMMON_WORD} in {self.noun_phrase()}")
        cited = self.random.sample(source_ids, self.random.choice((1, 1, 1, 2, 2, 3)))
        officials = [
            {
                "name": self.pick(self.people),
                "role": self.weighted(ROLES),
                "note": "signed on behalf of the government" if i == 0 else None,
                "source": cited[0],
            }
            for i in range(self.random.choice((0, 1, 1, 2, 2, 3)))
        ]
        venue = f"{self.random.choice(VENUES)}, {self.random.choice(CITIES)}"
        excerpts = []
        if self.random.random() < 0.3:
            excerpts.append({"source": cited[0], "text": f"The instrument aims to {aims[0]}."})
        claims = []
        if signed and len(cited) > 1 and self.random.random() < 0.3:
            claims.append({"field": "signed_on", "value": signed.isoformat(), "source": cited[1]})
        slug = slugify(title.replace("the Government of ", ""), 10)
        return {
            "type": "instrument",
            "id": f"{slug}-{n}",
            "title": title,
            "kind": kind,
            "parties": [a, b],
            "status": status,
            "summary": summary,
            "aims": aims,
            "sectors": sectors,
            "places": places,
            "signed_on": signed.isoformat() if signed else None,
            "signed_at": venue if signed and self.random.random() < 0.6 else None,
            "exchanged_on": None,
            "exchanged_at": None,
            "witnesses": [self.pick(self.people) for _ in range(self.random.choice((0, 0, 1, 2)))],
            "officials": officials,
            "sources": cited,
            "excerpts": excerpts,
            "claims": claims,
        }

    def quotation(self, instrument: dict[str, Any] | None, source_id: str) -> dict[str, Any]:
        self.quotation_serial += 1
        if instrument and instrument["officials"] and self.random.random() < 0.6:
            official = self.random.choice(instrument["officials"])
            speaker, role = official["name"], official["role"]
        else:
            speaker = self.pick(self.people)
            role = self.weighted(ROLES) if self.random.random() < 0.85 else None
        verb = self.weighted(SAID_VERBS)
        what = instrument["kind"].replace("-", " ") if instrument else "partnership"
        text = self.random.choice(
            (
                f"to {self.clause()},",
                f"a new chapter in our {self.noun_phrase()}",
                f"this {what} will {self.clause()} between our two countries",
                f"{self.noun_phrase()} remains a priority for both sides,",
                f"we will {self.clause()} and {self.pick(self.verbs)} {self.noun_phrase()}",
            )
        )
        shown_as = f"{role} {speaker}" if role else speaker
        region = self.random.choice(REGIONS)
        tail = f"{gerund(self.pick(self.verbs))} {self.noun_phrase()} across {region}"
        if text.startswith("to "):
            context = f"{shown_as} {verb} that the {what} seeks “{text}” {tail}."
        else:
            context = f"“{text}” {verb} {shown_as}, {tail}."
        surname = slugify(speaker.split()[-1], 1) or "speaker"
        return {
            "type": "quotation",
            "id": f"{surname}-{slugify(text, 3)}-{self.quotation_serial}",
            "text": text,
            "speaker": speaker,
            "speaker_role": role,
            "verb": verb,
            "context": context if self.random.random() < 0.9 else None,
            "instrument": instrument["id"] if instrument else None,
            "source": source_id,
        }


def records(instruments: int, seed: int = DEFAULT_SEED) -> Iterator[dict[str, Any]]:
    """Every record of a knowledge base of ``instruments`` instruments, sources first."""
    generator = Generator(seed)
    # A few sources shared by many records, as a handful of outlets report most signings.
    sources = generator.sources(max(10, instruments // 400))
    yield from sources
    source_ids = [s["id"] for s in sources]
    made = [generator.instrument(n, source_ids) for n in range(instruments)]
    yield from made
    for instrument in made:
        # 0–4 quotations, 2 on average; one in twenty is about the partnership as a whole.
        for _ in range(generator.random.choice((0, 1, 2, 2, 3, 4))):
            about = instrument if generator.random.random() < 0.95 else None
            source = instrument["sources"][0]
            yield generator.quotation(about, source)


def write_jsonl(path: Path, instruments: int, seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Write the knowledge base as JSONL; returns how many records of each type."""
    counts: dict[str, int] = {}
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        for record in records(instruments, seed):
            counts[record["type"]] = counts.get(record["type"], 0) + 1
            out.write(json.dumps(record, ensure_ascii=False))
            out.write("\n")
    tmp.replace(path)  # a half-written file is never mistaken for a cached one
    return counts


def smoke(instruments: int = 2000) -> None:
    """A quick self-check to run by hand (not part of the test suite): determinism, ids, hits."""
    first = list(records(instruments))
    assert first == list(records(instruments)), "not deterministic"
    ids = [r["id"] for r in first]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i) and len(i) <= 120 for i in ids)
    instruments_made = [r for r in first if r["type"] == "instrument"]
    quotations = [r for r in first if r["type"] == "quotation"]
    text = json.dumps(first, ensure_ascii=False).lower()
    assert RARE_WORD in text and PHRASE in text and QUALIFIER_WORD in text
    assert any("’" in r["title"] for r in instruments_made), "no typographic apostrophes"
    assert any(not r["speaker"].isascii() for r in quotations), "no non-Latin names"
    print(
        f"ok: {len(instruments_made)} instruments, {len(quotations)} quotations "
        f"({len(quotations) / len(instruments_made):.2f} each), {len(first)} records"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instruments", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, help="JSONL file to write")
    parser.add_argument("--smoke", action="store_true", help="run the self-check and exit")
    args = parser.parse_args(argv)
    if args.smoke:
        smoke()
        return
    if args.out is None:
        parser.error("--out is required")
    counts = write_jsonl(args.out, args.instruments, args.seed)
    print(json.dumps(counts), file=sys.stderr)


if __name__ == "__main__":
    main()
