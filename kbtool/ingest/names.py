"""People and organisations an article names, so that "Ruto" can be resolved to the fullest name.

News style names a person in full once, with a title ("President William Ruto", "Ghana's
Minister for Food and Agriculture, Abena Owusu-Ansah") and afterwards by one name ("Ruto",
"Minh") or a pronoun. A register of every such mention, in text order, answers both: the
fullest name that contains a short one, and the person or body last mentioned before a
pronoun. Photo captions count: they often give the full names of the officials present.
A descriptor ("the Head of State", "the Malian minister") is resolved to the person the
article names with that role. Imports ``segments``, ``interruptions``, ``name_words``,
``person_phrases``, ``titled_people`` and ``descriptors``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from kbtool.ingest.descriptors import (
    HEAD_OF,
    HEADS_OF_GOVERNMENT,
    HEADS_OF_STATE,
    LEADERS,
    countries_near,
    description,
    host_country,
    rank_of_office,
    side_in_visit,
)
from kbtool.ingest.interruptions import interruption
from kbtool.ingest.name_words import (
    HONORIFICS,
    ORG_HEADS,
    PARTICLES,
    Organisation,
    Person,
    is_role_word,
)
from kbtool.ingest.passing_mentions import bare_mentions, counterparts
from kbtool.ingest.person_phrases import NAME_THEN_ROLE, name_then_role
from kbtool.ingest.segments import Span, tokens
from kbtool.ingest.segments import words as word_set
from kbtool.ingest.titled_people import plural_titled, titled_person


@dataclass
class Register:
    people: list[Person]
    organisations: list[Organisation]
    # Later mentions by one name ("Kamaruddin said"): only for what a pronoun means.
    bare: list[Person] = field(default_factory=list)

    def fullest(self, person: Person) -> Person:
        """The mention with the longest name that contains every word of ``person``'s."""
        wanted = set(person.name_tokens)
        best = person
        fuller = [
            c
            for c in self.people
            if wanted < set(c.name_tokens) and not c.name.split()[0].endswith(("'s", "’s"))
        ]
        rivals = {
            c.name
            for c in fuller
            if not any(set(c.name_tokens) < set(o.name_tokens) for o in fuller)
        }
        if len(rivals) > 1:
            # "Sall said" in a report naming President Macky Sall and Foreign Minister
            # Aissata Tall Sall: the higher office, as a reader takes it.
            top = max(rank_of_office(c.role) for c in fuller if c.name in rivals)
            keep = {c.name for c in fuller if c.name in rivals and rank_of_office(c.role) == top}
            if len(keep) == 1 and top == _HEAD_OF_STATE_RANK:
                rivals = keep
        for candidate in self.people:
            if candidate.name.split()[0].endswith(("'s", "’s")):
                continue  # "TOBB's Sarikaya": whose, then the name
            if len(rivals) == 1 and candidate in fuller and candidate.name not in rivals:
                continue
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
        found = description(text, phrase)
        if found is None:
            return None
        pattern, countries = found.pattern, found.countries
        matching = [p for p in self.people if p.role and pattern.search(p.role)]
        if found.side in {"visiting", "host"}:
            host = host_country(text)
            if host is not None:
                # "the visiting leader" is not of the country the report is filed from.
                of_host = [p for p in matching if host in self._countries_of(text, p)]
                of_other = [p for p in matching if self._countries_of(text, p) - {host}]
                unlinked = [p for p in matching if not self._countries_of(text, p)]
                if found.side == "visiting":
                    matching = of_other or unlinked or matching
                else:
                    matching = of_host or unlinked or matching
        # The descriptor as written, without its article: "head of state", "kazakh leader"
        literal = re.sub(r"^(?:the|his|her)\s+", "", phrase.of(text), flags=re.I).lower()
        if pattern in (LEADERS, HEADS_OF_STATE, HEADS_OF_GOVERNMENT) or (
            # "the Paraguayan President" is not the President of a sports secretariat
            LEADERS.search(literal) and not ORG_HEADS & set(literal.split())
        ):
            # "President of the Mauritanian Chamber of Commerce" and "Pertamina President
            # Director" head a body, not a state: the role is the title alone, or "of" a place.
            matching = [
                p
                for p in matching
                if not ORG_HEADS & set(HEAD_OF.sub("", (p.role or "").lower()).split())
                and (
                    pattern not in (LEADERS, HEADS_OF_STATE, HEADS_OF_GOVERNMENT)
                    or re.fullmatch(rf"(?:{pattern.pattern})(?:\s+of\b.*)?", p.role or "", re.I)
                )
            ]
        if countries:
            linked = [p for p in matching if countries & self._countries_of(text, p)]
            unnamed = [p for p in matching if not self._countries_of(text, p)]
            if not linked and unnamed:
                # "the Belarusian leader" in a report that links no leader to Belarus: of those
                # it gives no country, the one the visit makes of that side (the host of the
                # country the report is filed from, or the guest), else the one named last
                # ("President Habimana described ... “...” the Rwandan leader stressed").
                linked = self._of_side(text, unnamed, countries) or unnamed
            # A person named only with that country before one also named near another.
            only = [p for p in linked if self._countries_of(text, p) <= countries]
            matching = only or linked
        # "the governor" is the Governor, not the deputy governor named nearer.
        lesser = {"deputy", "vice", "assistant", "acting", "former", "junior"}
        if not lesser & set(literal.split()):
            full_rank = [p for p in matching if not lesser & set((p.role or "").lower().split())]
            matching = full_rank or matching
        # "the Head of Government" is the one the article styles so, not a prime minister.
        if HEAD_OF.fullmatch(literal):
            styled = [p for p in matching if p.role and p.role.lower() == literal]
            matching = styled or matching
        if not matching:
            return None

        # The one named last before the phrase, by any of their names ("Sidibé, for his
        # part, ..." then "the Malian minister stressed").
        def last_named(person: Person) -> int:
            full = set(self.fullest(person).name_tokens)
            # Named in passing ("..., who sat beside Minister X, said") is not named last.
            seen = [
                q.position
                for q in self.people
                if q.position < phrase.start and set(q.name_tokens) <= full and not q.aside
            ]
            return max(seen, default=-1)

        def last_written(person: Person) -> int:
            # "... said Dr. Owuor.", "Sidibé, for his part, thanked ... for its “approach”":
            # a speech tag or a sentence with a quotation names them too.
            surname = self.fullest(person).name.split()[-1]
            asides = [q.name_span for q in self.people if q.aside]
            found = [
                m.start()
                for m in re.finditer(rf"\b{re.escape(surname)}\b", text[: phrase.start])
                if not any(a.start <= m.start() < a.end for a in asides)
            ]
            return max(last_named(person), found[-1] if found else -1, described_at(person))

        def described_at(person: Person) -> int:
            # "Addressing the press, the Kazakh leader described ...", then "the Head of State
            # said": the leader a nationality named before is the one described again.
            if found.countries or len(matching) < 2:
                return -1
            full = self.fullest(person).name
            at = -1
            for earlier in _NATIONAL_LEADER.finditer(text, 0, phrase.start):
                resolved = self.described(text, Span(earlier.start(), earlier.end()))
                if resolved is not None and resolved.name == full:
                    at = earlier.start()
            return at

        earlier = [p for p in matching if last_named(p) >= 0]
        if found.side == "counterpart" and not found.countries:
            # "her counterpart said": not the one "her" is, the one named before them.
            distinct: dict[str, Person] = {}
            for person in sorted(earlier, key=last_written, reverse=True):
                distinct.setdefault(self.fullest(person).name, person)
            ordered = list(distinct.values())
            if len(ordered) < 2:
                return None
            # Of the other side: someone the article gives another country than the first.
            first = self._countries_of(text, ordered[0])
            other = [p for p in ordered[1:] if self._countries_of(text, p) - first]
            # Counterparts hold the same rank of office: a minister's is not an envoy.
            rank = rank_of_office(ordered[0].role)
            same = [p for p in ordered[1:] if rank_of_office(p.role) == rank]
            same_other = [p for p in same if p in other]
            return self.fullest((same_other or same or other or ordered[1:])[0])
        chosen = max(earlier, key=last_written) if earlier else matching[0]
        return self.fullest(chosen)

    def _of_side(self, text: str, people: list[Person], countries: set[str]) -> list[Person]:
        host = host_country(text)
        if host is None:
            return []
        wanted = "host" if host in countries else "guest"

        def sides(person: Person) -> Iterator[str | None]:
            full = self.fullest(person)
            for mention in self.people:
                if set(mention.name_tokens) <= set(full.name_tokens):
                    yield side_in_visit(text, mention.name_span)
            # "... pacts during Boluarte visit": a headline names the guest by a surname, one
            # no one else's name holds ("Sheikh", "bin" are many people's)
            others = {
                token
                for other in self.people
                if self.fullest(other).name != full.name
                for token in other.name_tokens
            }
            for surname in full.name.split()[1:]:
                if surname.lower() in others or surname.lower() in PARTICLES | HONORIFICS:
                    continue
                for found in re.finditer(rf"\b{re.escape(surname)}\b", text):
                    yield side_in_visit(text, Span(found.start(), found.end()))

        return [person for person in people if wanted in sides(person)]

    def _countries_of(self, text: str, person: Person) -> set[str]:
        """The countries named with any mention of the same person."""
        full = set(self.fullest(person).name_tokens)
        found: set[str] = set()
        for mention in self.people:
            if set(mention.name_tokens) <= full:
                found |= countries_near(text, mention)
        return found

    def last_person_before(self, position: int) -> Person | None:
        earlier = [p for p in self.people + self.bare if p.position < position and not p.aside]
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


_HEAD_OF_STATE_RANK = 3  # rank_of_office of a president, prime minister or king


# "the Kazakh leader", "the Egyptian President": a leader a nationality names
_NATIONAL_LEADER = re.compile(
    r"\bthe\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?:[Ll]eader|[Pp]resident|[Hh]ead\s+of\s+[Ss]tate)\b"
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
    # "the Ministry of Foreign Affairs (Wisma Putra)": the name, without what it is also called.
    plain = re.sub(r"\s*\([^()]*\)$", "", stripped)
    return Organisation(plain, Span(start, start + len(plain)), heads[0])


_ORG_MENTION = re.compile(
    r"\b(?:the|The)\s+(?P<org>(?:[A-Z][\w’'\-]*\s+)*(?:[a-z]+\s+)?"
    r"(?:government|ministry|Government|Ministry|embassy|Embassy|High\s+Commission)\b"
    r"(?:\s+of\s+[A-Z][\w’'\-]*(?:,?\s+(?:and\s+|of\s+|&\s+)?"
    # "the Ministry of Tourism Dr. Mwale ...": a courtesy title starts a person, not the body.
    r"(?!(?:Dr|Mr|Mrs|Ms|Hon|Eng|Amb|Prof)\b)[A-Z][\w’'\-]*)*)?)"
)


def register(text: str, spans: list[Span]) -> Register:
    """Every titled person and every named organisation in the given sentences."""
    people: list[Person] = []
    organisations: list[Organisation] = []
    for span in spans:
        words = tokens(text, span)
        for index, word in enumerate(words):
            if not is_role_word(word) or (index and words[index - 1].lower in PARTICLES):
                continue  # "Hamed bin Sultan": a name after a particle, not a title
            person = titled_person(text, words, index)
            if (
                person is not None
                and all(p.name_span != person.name_span for p in people)
                and not _names_a_place(person.name)
            ):
                people.append(person)
        for match in NAME_THEN_ROLE.finditer(text, span.start, span.end):
            person = name_then_role(text, match)
            if person is not None and all(p.name_span != person.name_span for p in people):
                people.append(person)
        for match in _ORG_MENTION.finditer(text, span.start, span.end):
            found = organisation(text, Span(match.start("org"), match.end("org")))
            if found:
                organisations.append(found)
        people += counterparts(text, span, people)
        people += [
            person
            for person in plural_titled(text, span)
            if all(p.name_span != person.name_span for p in people)
        ]
        aside = interruption(text, span.start, span.end)
        if aside is not None:
            # "Prime Minister Malasikoto, who thanked Vice Minister Zhou ..., said": Zhou is
            # not whom the next "he said" means.
            people[:] = [
                replace(p, aside=True)
                if aside.aside.start <= p.name_span.start < aside.aside.end
                else p
                for p in people
            ]
    people.sort(key=lambda p: p.position)
    return Register(people, organisations, bare_mentions(text, spans, people))


# "Queen Victoria School", "King Fahd Hospital": a title and a name that name a place.
_PLACE_WORDS = word_set(
    "school college hospital palace hall centre center airport port bridge road street avenue "
    "park stadium university institute academy mosque cathedral square highway dam"
)


def _names_a_place(name: str) -> bool:
    return name.split()[-1].lower() in _PLACE_WORDS | ORG_HEADS
