"""People and organisations an article names, so that "Ruto" can be resolved to the fullest name.

News style names a person in full once, with a title ("President William Ruto", "Ghana's
Minister for Food and Agriculture, Abena Owusu-Ansah") and afterwards by one name ("Ruto",
"Minh") or a pronoun. A register of every such mention, in text order, answers both: the
fullest name that contains a short one, and the person or body last mentioned before a
pronoun. Photo captions count: they often give the full names of the officials present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kbtool.ingest.countries import country_named, country_of_word
from kbtool.ingest.segments import Span, Token, tokens, words

ROLE_TITLES = words(
    "president minister secretary cs ps ambassador commissioner governor general chairman "
    "chairperson chairwoman chair ceo director director-general executive spokesperson "
    "spokesman spokeswoman mayor premier king queen prince princess sultan emir senator envoy "
    "chancellor officer head chief adviser advisor campaigner analyst economist "
    "professor lecturer researcher manager founder president-elect vice-president "
    "high-commissioner consul attaché diplomat admiral colonel lieutenant captain"
)
# Titles of courtesy: part of how someone is addressed, not of their name.
HONORIFICS = words(
    "mr mrs ms miss mx dr prof hon sir dame datuk dato dato’ dato' datin seri tan sri "
    "tun his her excellency h.e shri smt eng engr the most right honourable highness royal "
    "majesty sheikh sheikha"
)
ORG_HEADS = words(
    "government ministry department embassy commission office board agency authority chamber "
    "council company corporation bank presidency parliament cabinet secretariat administration "
    "statement spokesperson house union federation association institute"
)
# Words of portfolios and offices ("Minister of Fisheries and Maritime Economy"): never a
# person's name, though capitalised and next to a role.
PORTFOLIO_WORDS = words(
    "affairs trade development integration economy industry industries energy cooperation "
    "co-operation relations finance planning health education agriculture tourism culture "
    "defence defense security investment investments commerce transport works environment "
    "resources services fisheries water electricity mines mining interior justice labour "
    "labor employment information communications technology innovation science sports youth "
    "housing lands infrastructure aviation maritime blue wildlife heritage arts commission "
    "department ministry relations treasury revenue customs immigration police abroad diaspora "
    "livestock food supply fiscal planning promotion affairs ecology climate atomic nuclear "
    "gender family welfare statistics republic kingdom islamic democratic socialist emirates "
    "airport palace house hall square stadium hotel centre center university hospital "
    "environmental protection"
)
# Adjectives of portfolios: "International Trade", "Mineral Resources" are never names.
PORTFOLIO_ADJECTIVES = words(
    "international foreign regional national mineral petroleum creative economic social public "
    "local urban rural digital natural higher basic federal state home"
)
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
# Lower-case words allowed inside a speaker's description ("the Japanese foreign ministry",
# "RDB chief executive").
_LOWER_IN_NP = ORG_HEADS | ROLE_TITLES | {"foreign", "finance", "trade", "state", "federal"}
_CONNECTORS = frozenset({"of", "for", "and", "&"})
_PARTICLES = words("al el bin binti ibn abu van von de da di del dos du la le wa ole arap e y")
# Capitalised at the start of a sentence, but groups of people, not a name.
_GROUPS = words(
    "officials sources analysts critics residents experts observers diplomats leaders "
    "delegates both"
)


@dataclass(frozen=True)
class Person:
    name: str
    name_span: Span
    role: str | None
    role_span: Span | None
    position: int  # where the mention starts

    @property
    def name_tokens(self) -> tuple[str, ...]:
        return tuple(t.lower() for t in self.name.split())


@dataclass(frozen=True)
class Organisation:
    name: str  # as written, without a leading "the"
    span: Span
    head: str  # the organisation word ("government", "ministry")


@dataclass
class Register:
    people: list[Person]
    organisations: list[Organisation]

    def fullest(self, person: Person) -> Person:
        """The mention with the longest name that contains every word of ``person``'s."""
        wanted = set(person.name_tokens)
        best = person
        for candidate in self.people:
            if wanted <= set(candidate.name_tokens) and (
                len(candidate.name_tokens) > len(best.name_tokens)
                or (
                    len(candidate.name_tokens) == len(best.name_tokens)
                    and best.role is None
                    and candidate.role is not None
                )
            ):
                best = candidate
        role, role_span = person.role, person.role_span
        if role is None or len(role.split()) == 1:
            # "Minister Tremblay" after "Minister of International Development ... Tremblay":
            # the fuller role the article gives the same person.
            same = [
                p
                for p in self.people
                if p.role and set(best.name_tokens) >= set(p.name_tokens) >= wanted
            ]
            # The fuller the name next to a role, the surer it is the same person.
            same.sort(key=lambda p: -len(p.name_tokens))
            if role is not None:
                same = [p for p in same if p.role and len(p.role) > len(role)]
            if same:
                role, role_span = same[0].role, same[0].role_span
        return Person(best.name, best.name_span, role, role_span, person.position)

    def described(self, text: str, phrase: Span) -> Person | None:
        """ "the Head of State", "the Prime Minister", "the Ghanaian leader": whom it names.

        The person the article names with that role (a leader or head of state: a president,
        prime minister, king...), of that country if the phrase says which; the latest
        before the phrase, else the first after it.
        """
        found = _description(text, phrase)
        if found is None:
            return None
        pattern, countries = found
        matching = [p for p in self.people if p.role and pattern.search(p.role)]
        if pattern in (_LEADERS, _HEADS_OF_STATE, _HEADS_OF_GOVERNMENT):
            # "President of the Mauritanian Chamber of Commerce" heads a body, not a state.
            matching = [
                p for p in matching if not ORG_HEADS & {w.lower() for w in (p.role or "").split()}
            ]
        if countries:
            linked = [p for p in matching if countries & self._countries_of(text, p)]
            # "the Belarusian leader" in a report that gives only the guest's country: the
            # one leader of that kind the article gives no country is the host.
            unlinked = {self.fullest(p).name for p in matching if not self._countries_of(text, p)}
            if not linked and len(unlinked) == 1:
                linked = [p for p in matching if self.fullest(p).name in unlinked]
            matching = linked
        if not matching:
            return None

        # The one named last before the phrase, by any of their names ("Sidibé, for his
        # part, ..." then "the Malian minister stressed").
        def last_named(person: Person) -> int:
            full = set(self.fullest(person).name_tokens)
            seen = [
                q.position
                for q in self.people
                if q.position < phrase.start and set(q.name_tokens) <= full
            ]
            return max(seen, default=-1)

        earlier = [p for p in matching if last_named(p) >= 0]
        chosen = max(earlier, key=last_named) if earlier else matching[0]
        return self.fullest(chosen)

    def _countries_of(self, text: str, person: Person) -> set[str]:
        """The countries named with any mention of the same person."""
        full = set(self.fullest(person).name_tokens)
        found: set[str] = set()
        for mention in self.people:
            if set(mention.name_tokens) <= full:
                found |= _countries_near(text, mention)
        return found

    def last_person_before(self, position: int) -> Person | None:
        earlier = [p for p in self.people if p.position < position]
        return max(earlier, key=lambda p: p.position) if earlier else None

    def last_organisation_before(self, position: int) -> Organisation | None:
        earlier = [o for o in self.organisations if o.span.start < position]
        return max(earlier, key=lambda o: o.span.start) if earlier else None

    def fullest_organisation(self, bare: Organisation) -> Organisation:
        """ "the government" as the article names it in full ("the Kenyan government")."""
        candidates = [
            o for o in self.organisations if o.head == bare.head and len(o.name) > len(bare.name)
        ]
        earlier = [o for o in candidates if o.span.start < bare.span.start]
        pool = earlier or candidates
        return max(pool, key=lambda o: o.span.start) if pool else bare


_LEADERS = re.compile(
    r"\b(?:president|prime\s+minister|premier|king|queen|emir|sultan|chancellor)\b", re.I
)
_HEADS_OF_STATE = re.compile(r"\b(?:president|king|queen|emir|sultan)\b", re.I)
_HEADS_OF_GOVERNMENT = re.compile(r"\b(?:prime\s+minister|premier|chancellor)\b", re.I)
_DESCRIPTOR_WORDS = ROLE_TITLES | words(
    "of for and the leader state government prime deputy vice foreign first second senior "
    "chief executive managing general assistant permanent cabinet"
)


def _description(text: str, phrase: Span) -> tuple[re.Pattern[str], set[str]] | None:
    """What a descriptor asks for: a pattern of roles, and the countries it names."""
    words = tokens(text, phrase)
    countries: set[str] = set()
    kept: list[str] = []
    for word in words:
        country = country_of_word(word.text)
        if country is not None:
            countries.add(country)
        elif word.lower in _DESCRIPTOR_WORDS or is_role_word(word) or word.lower in PORTFOLIO_WORDS:
            kept.append(word.lower)
        else:
            return None  # a name: not a descriptor
    roles = [w for w in kept if w not in {"the", "of", "for", "and"}]
    if not roles or not (words and words[0].lower == "the"):
        return None
    described = " ".join(w for w in kept if w != "the")
    if described == "head of state":
        return _HEADS_OF_STATE, countries
    if described == "head of government":
        return _HEADS_OF_GOVERNMENT, countries
    if described == "leader" or roles == ["leader"]:
        return _LEADERS, countries
    return re.compile(r"\b" + r"\b.*\b".join(map(re.escape, roles)) + r"\b", re.I), countries


def _countries_near(text: str, person: Person) -> set[str]:
    """The countries named in the words that introduce a person ("Ghana's President ...")."""
    start = max(0, min(person.position, person.name_span.start) - 25)
    before = re.split(r"\n|[.;]\s", text[start : person.name_span.end])[-1]
    # "President Chanda Mwansa of the Republic of Zambia": up to the end of that phrase.
    after = re.split(r"[,.;\n]|\s(?:and|said|who)\s", text[person.name_span.end :][:60])[0]
    window = f"{before} {after} {person.role or ''}"
    found = set()
    for word in re.findall(r"[^\W\d_][\w’'-]*", window):
        country = country_of_word(word)
        if country is not None:
            found.add(country)
    return found


def full_name_in(text: str, name: str) -> str | None:
    """ "Kenyatta" as the article first gives it in full: "Uhuru Kenyatta"."""
    pattern = re.compile(
        r"(?:(?:[A-Z]\.|[A-Z][\w’'-]*|bin|binti|ibn|al|el|van|von|de|da|dos|del|wa|e|y)"
        rf"[ \t]+){{1,4}}"
        rf"{re.escape(name)}\b"
    )
    best: list[Token] = []
    for match in pattern.finditer(text):
        found = tokens(text, Span(match.start(), match.end()))
        while found and (
            is_role_word(found[0])
            or found[0].lower.rstrip(".") in HONORIFICS
            or found[0].lower in ORG_HEADS
            or found[0].lower in PORTFOLIO_WORDS
            or found[0].lower in _DESCRIPTOR_WORDS
            or len(found[0].text) == 1
            or _is_country_word(found[0])
            or not found[0].capitalised
        ):
            found = found[1:]
        if len(found) > max(1, len(best)):
            best = found
    if not best:
        return None
    return text[best[0].span.start : best[-1].span.end]


def _is_country_word(token: Token) -> bool:
    word = re.sub(r"[’']s$", "", token.text)
    return country_named(word) is not None


_LEADING = frozenset({"the", "his", "her", "their", "and", "&"})


def _drop_whose(text: str, words: list[Token]) -> list[Token]:
    """Drop what says whose official someone is: "the", "Japanese", "South Korea's"."""
    while len(words) > 1:
        if words[0].lower in _LEADING:
            words = words[1:]
            continue
        # A country of one to three words, as an adjective or a possessive.
        for size in (3, 2, 1):
            if len(words) <= size:
                continue
            phrase = re.sub(r"[’']s$", "", text[words[0].span.start : words[size - 1].span.end])
            if country_named(phrase) is not None:
                words = words[size:]
                break
        else:
            return words
    return words


def is_role_word(token: Token) -> bool:
    return token.lower in ROLE_TITLES or token.text.rstrip(".") in {
        "CS", "PS", "CEO", "PM", "DPM", "VP",
    }  # fmt: skip


def parse_person(text: str, span: Span) -> Person | None:
    """Split a phrase like "Ghana's President Kwame Asante" into role and name."""
    # "the", and whose official it is ("Ghana's", "Japanese"): neither is role nor name.
    words = _drop_whose(text, tokens(text, span))
    if not words:
        return None
    last_title = max((i for i, w in enumerate(words) if is_role_word(w)), default=None)
    if last_title is None:
        name_words = words
        role_words: list[Token] = []
    elif last_title + 1 < len(words) and words[last_title + 1].lower in {"for", "of"}:
        # "Minister for Food and Agriculture Abena Owusu-Ansah": the portfolio runs on in
        # capitals, so the name is taken as the last two words.
        if len(words) - last_title < 4:
            return None
        cut = len(words) - 2
        commas = [
            i
            for i in range(last_title + 3, len(words))
            if "," in text[words[i - 1].span.end : words[i].span.start]
        ]
        country_end = _country_end(text, words, last_title + 2)
        if commas and all(
            w.capitalised or w.lower in _PARTICLES or w.lower.rstrip(".") in HONORIFICS
            for w in words[commas[-1] :]
        ):
            cut = commas[-1]  # "Minister of Fisheries and Maritime Economy, Pape Malick Ndoye"
        elif country_end is not None:
            cut = country_end  # "President of the Socialist Republic of Viet Nam Nguyen Minh Triet"
        else:
            # "Minister of Foreign Affairs, Regional Integration and International Trade Arvin
            # Boolell": the name is the capitalised words after the portfolio's last word.
            run = len(words)
            while (
                run - 1 > last_title + 2
                and (words[run - 1].capitalised or words[run - 1].lower in _PARTICLES)
                and words[run - 1].lower not in PORTFOLIO_WORDS
                and words[run - 1].lower not in PORTFOLIO_ADJECTIVES
                and not _is_country_word(words[run - 1])
                and not is_role_word(words[run - 1])
            ):
                run -= 1
            if len(words) - run >= 2:
                cut = run
        # "Omar Al Falasi", "Khalid bin Rashid": a particle joins the name to the word before.
        while cut - 1 > last_title + 2 and words[cut].lower in _PARTICLES:
            cut -= 1
        role_words, name_words = words[:cut], words[cut:]
    else:
        role_words, name_words = words[: last_title + 1], words[last_title + 1 :]
    while name_words and (
        name_words[0].lower.rstrip(".") in HONORIFICS
        or (len(name_words[0].text) == 1 and len(name_words) > 1)  # "H.E. Mr. Uhuru Kenyatta"
        or (
            len(name_words) > 2
            and (
                name_words[0].lower in PORTFOLIO_WORDS
                or name_words[0].lower in PORTFOLIO_ADJECTIVES
            )
        )
    ):
        name_words = name_words[1:]  # "International Trade Arvin Boolell" after "and"
    if not name_words or not all(w.capitalised for w in name_words):
        return None
    if country_named(" ".join(w.text for w in name_words)) is not None:
        return None  # "Prime Minister of Equatorial Guinea": a country, not a name
    if any(
        w.lower in ROLE_TITLES
        or w.lower in ORG_HEADS
        or w.lower in _GROUPS
        or w.lower in PORTFOLIO_WORDS
        for w in name_words
    ):
        return None
    name_span = Span(name_words[0].span.start, name_words[-1].span.end)
    possessive = re.search(r"[’']s$", name_span.of(text))
    if possessive:  # "Ibrahim Bello's visit"
        name_span = Span(name_span.start, name_span.end - len(possessive.group()))
    role_words = _after_last_person(text, role_words)
    role_span = Span(role_words[0].span.start, role_words[-1].span.end) if role_words else None
    return Person(
        name=name_span.of(text),
        name_span=name_span,
        role=role_span.of(text) if role_span else None,
        role_span=role_span,
        position=span.start,
    )


def organisation(text: str, span: Span) -> Organisation | None:
    """The phrase as an organisation ("the Kenyan government"), if an organisation word is in it."""
    phrase = span.of(text)
    stripped = re.sub(r"^(?:the|The)\s+", "", phrase)
    start = span.start + (len(phrase) - len(stripped))
    words = tokens(text, Span(start, span.end))
    heads = [w.lower for w in words if w.lower in ORG_HEADS]
    if not heads:
        return None
    return Organisation(stripped, Span(start, span.end), heads[0])


_ORG_MENTION = re.compile(
    r"\b(?:the|The)\s+(?P<org>(?:[A-Z][\w’'\-]*\s+)*(?:[a-z]+\s+)?"
    r"(?:government|ministry|Government|Ministry|embassy|Embassy|High\s+Commission)\b"
    r"(?:\s+of\s+[A-Z][\w’'\-]*(?:,?\s+(?:and\s+|of\s+|&\s+)?[A-Z][\w’'\-]*)*)?)"
)


def register(text: str, spans: list[Span]) -> Register:
    """Every titled person and every named organisation in the given sentences."""
    people: list[Person] = []
    organisations: list[Organisation] = []
    for span in spans:
        words = tokens(text, span)
        for index, word in enumerate(words):
            if not is_role_word(word):
                continue
            person = _titled_person(text, words, index)
            if person is not None and all(p.name_span != person.name_span for p in people):
                people.append(person)
        for match in _NAME_THEN_ROLE.finditer(text, span.start, span.end):
            person = _name_then_role(text, match)
            if person is not None and all(p.name_span != person.name_span for p in people):
                people.append(person)
        for match in _ORG_MENTION.finditer(text, span.start, span.end):
            found = organisation(text, Span(match.start("org"), match.end("org")))
            if found:
                organisations.append(found)
    people.sort(key=lambda p: p.position)
    return Register(people, organisations)


# "Rajesh Venkataraman, Minister of Commerce and Industry of the Republic of India": a name,
# then its role after a comma.
_NAME_THEN_ROLE = re.compile(
    r"(?P<name>(?:[A-Z][\w’'-]+\s+){1,3}[A-Z][\w’'-]+),\s+(?:the\s+)?"
    r"(?P<role>(?:(?:[A-Z][\w’'-]*|of|for|and|the)\s+){0,4}?"
    r"(?:President|Minister|Secretary|Chairman|Chairperson|Governor|Ambassador|Director|"
    r"Commissioner|Mayor|Chief\s+Executive(?:\s+Officer)?|CEO|Speaker|Premier)\b"
    r"(?:\s+(?:of|for|and|the|[A-Z][\w’'-]*))*)"
)


def _name_then_role(text: str, match: re.Match[str]) -> Person | None:
    name = tokens(text, Span(match.start("name"), match.end("name")))
    while name and (name[0].lower.rstrip(".") in HONORIFICS or is_role_word(name[0])):
        name = name[1:]
    if len(name) < 2 or any(
        w.lower in ORG_HEADS or w.lower in PORTFOLIO_WORDS or is_role_word(w) or _is_country_word(w)
        for w in name
    ):
        return None
    role = match.group("role")
    role = re.sub(r"\s+(?:of|for|and|the)$", "", role)
    name_span = Span(name[0].span.start, name[-1].span.end)
    role_span = Span(match.start("role"), match.start("role") + len(role))
    return Person(name_span.of(text), name_span, role, role_span, name_span.start)


def _titled_person(text: str, words: list[Token], index: int) -> Person | None:
    """A name after a title word: "President William Ruto", "Minister ..., Abena Owusu-Ansah"."""
    # The role runs back over capitalised words, acronyms and connectors between them.
    start = index
    while start > 0:
        previous = words[start - 1]
        gap = text[previous.span.end : words[start].span.start]
        if gap.strip():
            break
        joined = start > 1 and not text[words[start - 2].span.end : previous.span.start].strip()
        # "..., and Japan's Ambassador": the "and" joins two people, not a portfolio.
        joins_people = _is_country_word(words[start])
        if (
            previous.capitalised
            or is_role_word(previous)
            or (
                previous.lower in {"and", "&"}
                and joined
                and words[start - 2].capitalised
                and not joins_people
            )
        ):
            start -= 1
            continue
        break
    end = index + 1
    # A portfolio: "Minister for Food and Agriculture", "Minister of Trade, Industry and
    # Energy" (a comma inside a list of portfolios does not end it).
    if end < len(words) and words[end].lower in {"for", "of"}:
        end += 1
        while end < len(words) and (
            words[end].capitalised
            or words[end].lower in _CONNECTORS
            # "President of the Republic of Kenya", "Minister of the Interior"
            or (words[end].lower == "the" and end + 1 < len(words) and words[end + 1].capitalised)
        ):
            if is_role_word(words[end]) or (
                words[end].lower == "and"
                and end + 1 < len(words)
                and (_is_country_word(words[end + 1]) or is_role_word(words[end + 1]))
            ):
                break  # the next person's title begins
            gap = text[words[end - 1].span.end : words[end].span.start].strip()
            if gap == "," and _portfolio_list_continues(text, words, end):
                end += 1
                continue
            if gap:
                break
            end += 1
    name_start = end
    # An appositive: "Minister of Foreign Affairs, Claudine Mukamana,".
    if end < len(words) and text[words[end - 1].span.end : words[end].span.start].strip() == ",":
        name_start = end
    elif end < len(words) and text[words[end - 1].span.end : words[end].span.start].strip():
        return None
    first = name_start
    while first < len(words) - 1 and words[first].lower.rstrip(".") in HONORIFICS:
        first += 1  # "Prime Minister the Most Hon. Desmond Clarke"
    if first < len(words) and is_role_word(words[first]):
        return None  # "his counterpart, General X": the title after the comma is the role
    name_end = first
    while (
        name_end < len(words)
        and words[name_end].capitalised
        and name_end - first < 4
        and (
            name_end == first
            or not text[words[name_end - 1].span.end : words[name_end].span.start].strip()
        )
    ):
        name_end += 1
    if name_end == first and end == index + 1:
        return None
    if name_start == end and name_end > first:
        phrase = Span(words[start].span.start, words[name_end - 1].span.end)
    else:
        phrase = Span(words[start].span.start, words[end - 1].span.end)
    person = parse_person(text, phrase)
    if person is None:
        return None
    if text[phrase.start : person.name_span.start].rstrip().endswith(","):
        # Appositive: the role is everything before the comma.
        role_text = text[phrase.start : person.name_span.start].rstrip(" ,")
        role_start = phrase.start
        role_words = _drop_whose(text, tokens(text, Span(role_start, role_start + len(role_text))))
        if role_words:
            role_span = Span(role_words[0].span.start, role_words[-1].span.end)
            person = Person(
                person.name, person.name_span, role_span.of(text), role_span, person.position
            )
    return _strip_nationality(text, person)


def _portfolio_list_continues(text: str, words: list[Token], index: int) -> bool:
    """After a comma: "Industry and Energy" goes on with the list, "Park Ji-hoon," does not."""
    position = index
    while position < len(words) and words[position].capitalised:
        position += 1
        if text[words[position - 1].span.end : words[position - 1].span.end + 1] == ",":
            return False
    return position < len(words) and words[position].lower == "and"


def _strip_nationality(text: str, person: Person) -> Person:
    """ "Japanese Defence Minister" is the Defence Minister; the country is not the role."""
    if person.role_span is None:
        return person
    words = _after_last_person(text, _drop_whose(text, tokens(text, person.role_span)))
    role_span = Span(words[0].span.start, words[-1].span.end)
    return Person(person.name, person.name_span, role_span.of(text), role_span, person.position)


def _country_end(text: str, words: list[Token], start: int) -> int | None:
    """Where the last country's name in ``words[start:]`` ends, if a name follows it."""
    for end in range(len(words) - 1, start, -1):
        for size in (3, 2, 1):
            if end - size >= start:
                phrase = text[words[end - size].span.start : words[end - 1].span.end]
                if country_named(re.sub(r"[’']s$", "", phrase)) is not None:
                    return end
    return None


def _after_last_person(text: str, words: list[Token]) -> list[Token]:
    """The role words that belong to the person they introduce, not to one named before."""
    # "Prime Minister Sitiveni Rabuka and New Zealand Prime Minister": the role is the one
    # after the last person named before it.
    for index in range(len(words) - 1, 0, -1):
        if words[index].lower in {"and", "&"} and _ends_with_a_name(words[:index]):
            words = _drop_whose(text, words[index + 1 :]) or words
            break
    # "Remarked President Ruto.": the verb of an inverted tag is not part of the role.
    while len(words) > 1 and _SPEECH_VERB_WORDS.match(words[0].lower):
        words = words[1:]
    return words


_SPEECH_VERB_WORDS = re.compile(
    r"(?:said|added|noted|remarked|stressed|stated|explained|observed|declared|continued)$"
)


def _ends_with_a_name(words: list[Token]) -> bool:
    """ "... Managing Director Amina Salim": a role word, then capitalised names, at the end."""
    for count, word in enumerate(reversed(words)):
        if is_role_word(word):
            return count > 0
        if not word.capitalised or word.lower in PORTFOLIO_WORDS or word.lower in _CONNECTORS:
            return False
    return False
