"""Who signed an instrument and who witnessed the signing, from the sentences that say so.

Reports of signing ceremonies name these people in a few set ways, and these rules read
exactly those:

- witnesses: "in the presence of A and B", "witnessed by A and B", "A and B witnessed the
  signing" (or "oversaw", "presided over"); "the two leaders witnessed ..." stands for the
  two heads of state or government the article names;
- signatories: "signed by A on behalf of X and B for Y", "exchanged by A and B", "A and B
  signed the MoU", "A and his counterpart B put pen to paper"; "the two foreign ministers
  exchanged the protocol" stands for the article's two people with that role.

A person is read from the words next to the cue (courtesy titles, roles and "his
counterpart" dropped) and resolved through the article's register to the fullest name it
gives ("Ruto" is "William Ruto"); a single word that the register does not know is not taken
for a name ("In Nairobi, ..."). A cue applies to the instruments its sentence names, else to
every instrument the article reports. Imports only ``segments``, ``names`` and
``instruments`` of this package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kbtool.ingest.countries import country_named
from kbtool.ingest.found import InstrumentReading
from kbtool.ingest.instrument_words import is_instrument_word
from kbtool.ingest.name_words import (
    HONORIFICS,
    ORG_HEADS,
    PORTFOLIO_ADJECTIVES,
    PORTFOLIO_WORDS,
    Person,
    is_role_word,
)
from kbtool.ingest.names import Register, full_name_in
from kbtool.ingest.parties import reads_as_name
from kbtool.ingest.person_phrases import parse_person
from kbtool.ingest.segments import Document, Sentence, Span, Token, tokens, words


@dataclass(frozen=True)
class NamedPerson:
    """A person a cue names: their fullest name, their role if known, and where it was read."""

    name: str
    role: str | None
    span: Span


@dataclass
class CeremonyReading:
    """Per instrument (index into the reading's instruments): its witnesses and signatories."""

    witnesses: dict[int, list[NamedPerson]] = field(default_factory=dict)
    signatories: dict[int, list[tuple[NamedPerson, str]]] = field(default_factory=dict)
    # "signed by X on behalf of the Ministry of Energy": who signed for whom, as written.
    behalf: dict[int, list[Span]] = field(default_factory=dict)


_WITNESS_AFTER = re.compile(r"\b(?:in\s+the\s+presence\s+of|witnessed\s+by|overseen\s+by)\s+")
_WITNESS_BEFORE = re.compile(
    r"\b(?:(?:later|also|jointly|then|personally)\s+)?(?:witnessed|oversaw|presided\s+over|"
    r"watched)\s+(?:as\s+|the\s+|over\s+the\s+)",
    re.IGNORECASE,
)
_SIGNED_AFTER = re.compile(
    r"\b(?P<verb>signed|exchanged|initialled|initialed|inked)\s+"
    # "signed in Hanoi by", "signed on the Algerian side by", "signed between the National
    # Fisheries Authority and the Philippines' Bureau of Fisheries by"
    r"(?:(?:[\w’']+\s+){0,5}?|between\s+[^.;]{0,160}?\s+)by\s+"
    r"|\band\s+on\s+the\s+[\w-]+\s+side\s+(?P<side>by)\s+"
)
_SIGNED_BEFORE = re.compile(
    r"\b(?:(?:also|then|later|formally|jointly)\s+)?(?P<verb>signed|exchanged|initialled|inked"
    r"|put\s+pen\s+to\s+paper|put\s+(?:their|his|her)\s+signatures?\s+(?:to|on)|sign|exchange)"
    r"\b(?!\s+(?:by|of|in|on|at)\b)"
)
# Words a phrase of names may hold in lower case: connectors, particles of names, and the
# words of "his Malaysian counterpart".
_INSIDE_NAMES = words(
    "and & the his her their of for to counterpart counterparts bin binti ibn al el van von de "
    "da du la le dos del di wa ole arap e y"
)
# Capitalised at a sentence's start but not part of a name.
_OPENERS = words(
    "in at on after before during later earlier following yesterday today also the this then "
    "meanwhile separately similarly there both"
)
_HEADS_OF_STATE = re.compile(
    r"\b(?:president|prime\s+minister|premier|king|queen|emir|sultan|chancellor|"
    r"head\s+of\s+state|crown\s+prince)\b",
    re.IGNORECASE,
)
_GROUP = re.compile(
    r"\b(?:the\s+two|both)\s+(?P<who>leaders|heads\s+of\s+(?:state|government)|presidents|"
    r"prime\s+ministers|(?:[a-z]+\s+){0,2}ministers|(?:[a-z]+\s+)?secretaries|mayors|"
    r"governors|ambassadors)\b",
    re.IGNORECASE,
)


def read_ceremony(
    document: Document, reading: InstrumentReading, names: Register
) -> CeremonyReading:
    """The witnesses and signatories the article names for each instrument it reports."""
    result = CeremonyReading()
    if not reading.instruments:
        return result
    text = document.text
    quoted = [Span(m.start(), m.end()) for m in re.finditer(r"“[^“”]*”?|\"[^\"\n]*\"", text)]
    for sentence in document.sentences():
        piece = sentence.span.of(text)
        # What people say about a ceremony is not the ceremony.
        if '"' in piece or "“" in piece or "”" in piece:
            continue
        if any(q.start <= sentence.span.start < q.end for q in quoted):
            continue
        targets = _instruments_of(reading, sentence)
        for person in _witnesses_in(text, sentence, names):
            for index in targets:
                _add(result.witnesses.setdefault(index, []), person)
        for party in _behalf_in(text, sentence):
            for index in targets:
                spans = result.behalf.setdefault(index, [])
                if all(party.of(text) != other.of(text) for other in spans):
                    spans.append(party)
        signings = _signatories_in(text, sentence, names)
        for position, signing in enumerate(signings):
            following = signings[position + 1 :]
            next_cue = following[0].cue.start if following else sentence.span.end
            for index in _signed_objects(reading, sentence, signing, next_cue):
                listed = result.signatories.setdefault(index, [])
                for person in signing.people:
                    if all(p.name != person.name for p, _ in listed):
                        listed.append((person, signing.note))
    _table_signatories(document, reading, names, result)
    _list_signatories(document, reading, names, result)
    return result


def _list_signatories(
    document: Document, reading: InstrumentReading, names: Register, result: CeremonyReading
) -> None:
    """A list item that names its signatories after the title: "Agreement on X (Minister A –
    Minister B)", "MoU on Y — A, Secretary / B, Minister"."""
    text = document.text
    for paragraph in document.paragraphs:
        introduced = [
            index
            for index, found in enumerate(reading.instruments)
            if paragraph.span.start <= found.title.start < paragraph.span.end
        ]
        if len(introduced) != 1 or result.signatories.get(introduced[0]):
            continue
        title_end = reading.instruments[introduced[0]].title.end
        rest = text[title_end : paragraph.span.end]
        listed = re.match(r"\s*(?:\(([^()]+)\)|[—–]\s*(.+))\s*[;.,]?\s*(?:and)?\s*$", rest)
        if listed is None:
            continue
        inner = listed.group(1) or listed.group(2)
        inner_start = title_end + rest.index(inner)
        people: list[NamedPerson] = []
        offset = 0
        for part in re.split(r"\s+[–—/-]\s+|\s*/\s*", inner):
            at = inner.index(part, offset)
            offset = at + len(part)
            name_end = part.find(",")
            piece = part[:name_end] if name_end > 0 else part
            start = inner_start + at
            person = _person(text, tokens(text, Span(start, start + len(piece))), names)
            if person is not None:
                people.append(person)
        if len(people) >= 2:
            result.signatories[introduced[0]] = [(person, "signed it") for person in people]


def _table_signatories(
    document: Document, reading: InstrumentReading, names: Register, result: CeremonyReading
) -> None:
    """A release's table of instruments with a column of signatories for each side."""
    text = document.text
    columns: list[int] = []
    for paragraph in document.paragraphs:
        row = paragraph.span.of(text)
        if not row.startswith("|"):
            columns = []
            continue
        cells = _cells(text, paragraph.span)
        if not columns and any("signator" in cell.of(text).lower() for cell in cells):
            columns = [i for i, cell in enumerate(cells) if "signator" in cell.of(text).lower()]
            continue
        introduced = [
            index
            for index, found in enumerate(reading.instruments)
            if paragraph.span.start <= found.title.start < paragraph.span.end
        ]
        for column in columns:
            if column >= len(cells) or len(introduced) != 1:
                continue
            cell = cells[column]
            # "Shri Ashok Kumar Nair, Secretary, Department of Agriculture": the name first.
            name_end = text.find(",", cell.start, cell.end)
            part = tokens(text, Span(cell.start, name_end if name_end != -1 else cell.end))
            person = _person(text, part, names)
            if person is not None:
                listed = result.signatories.setdefault(introduced[0], [])
                if all(p.name != person.name for p, _ in listed):
                    listed.append((person, "signed it"))


def _cells(text: str, row: Span) -> list[Span]:
    """The cells of a table row written "| a | b |", each without its spaces."""
    cells = []
    start = row.start
    for match in re.finditer(r"\|", text[row.start : row.end]):
        end = row.start + match.start()
        piece = text[start:end]
        stripped = piece.strip()
        if stripped or start != row.start:
            offset = start + (len(piece) - len(piece.lstrip()))
            cells.append(Span(offset, offset + len(stripped)))
        start = row.start + match.end()
    return cells


def _add(people: list[NamedPerson], person: NamedPerson) -> None:
    if all(p.name != person.name for p in people):
        people.append(person)


def _instruments_of(reading: InstrumentReading, sentence: Sentence) -> list[int]:
    named = [r.instrument for r in reading.in_sentence(sentence) if r.instrument is not None]
    if named:
        return sorted(set(named))
    return list(range(len(reading.instruments)))


def _witnesses_in(text: str, sentence: Sentence, names: Register) -> list[NamedPerson]:
    start, end = sentence.span.start, sentence.span.end
    found: list[NamedPerson] = []
    for match in _WITNESS_AFTER.finditer(text, start, end):
        found += _people_after(text, match.end(), end, names)
    for match in _WITNESS_BEFORE.finditer(text, start, end):
        found += _people_before(text, start, match.start(), names)
    return found


@dataclass(frozen=True)
class _Signing:
    """People a cue names as signing, and where the instrument they signed is named."""

    people: list[NamedPerson]
    note: str
    cue: Span
    object_follows: bool  # "X signed the MoU" (object after), not "the MoU was signed by X"


def _signatories_in(text: str, sentence: Sentence, names: Register) -> list[_Signing]:
    start, end = sentence.span.start, sentence.span.end
    found: list[_Signing] = []
    for match in _SIGNED_AFTER.finditer(text, start, end):
        people = _people_after(text, match.end(), end, names)
        cue = Span(match.start(), match.end())
        found.append(_Signing(people, _note(match.group("verb") or "signed"), cue, False))
    for match in _SIGNED_BEFORE.finditer(text, start, end):
        people = _people_before(text, start, match.start(), names)
        cue = Span(match.start(), match.end())
        found.append(_Signing(people, _note(match.group("verb")), cue, True))
    found.sort(key=lambda signing: signing.cue.start)
    return [signing for signing in found if signing.people]


def _signed_objects(
    reading: InstrumentReading, sentence: Sentence, signing: _Signing, next_cue: int
) -> list[int]:
    """The instruments a signing cue is about: what it signed, else what its sentence names."""
    named = [(r.span, r.instrument) for r in reading.in_sentence(sentence)]
    named += [(found.kind_span, index) for index, found in enumerate(reading.instruments)
              if found.intro == sentence]  # fmt: skip
    if signing.object_follows:
        chosen = [i for span, i in named if signing.cue.end <= span.start < next_cue]
    else:
        before = [(span, i) for span, i in named if span.end <= signing.cue.start]
        chosen = [max(before, key=lambda pair: pair[0].start)[1]] if before else []
    found = sorted({i for i in chosen if i is not None})
    if not found and signing.object_follows:
        # "put their signatures to a memorandum" the rules did not resolve: not all of them.
        following = reading.text[signing.cue.end : signing.cue.end + 60]
        if re.match(r"\s+(?:to\s+|on\s+)?(?:a|an|the|this)\s+(?:[\w-]+\s+){0,3}?", following) and (
            re.search(r"memorand|agreement|protocol|letter|treaty|accord|declaration", following)
        ):
            return []
    return found or _instruments_of(reading, sentence)


_BEHALF = re.compile(
    r"\b(?:on\s+behalf\s+of|representing)\s+(?:the\s+)?"
    r"(?P<party>[A-Z][\w’'&-]*(?:,?\s+(?:of|for|and|&|the|[A-Z][\w’'&-]*|\([A-Z&]+\)))*)"
)


def _behalf_in(text: str, sentence: Sentence) -> list[Span]:
    """The parties a sentence says people signed for, each up to the next signatory."""
    found: list[Span] = []
    for match in _BEHALF.finditer(text, sentence.span.start, sentence.span.end):
        party = match.group("party")
        # "... on behalf of Kenya and Budi Santoso on behalf of ...": the name is not the party.
        words_ = party.split()
        for cut in range(1, len(words_)):
            if words_[cut] in {"and", "&"} and country_named(" ".join(words_[:cut])):
                party = " ".join(words_[:cut])
                break
        party = re.sub(r"(?:,|\s+(?:and|&|the|of|for))+$", "", party.rstrip(", "))
        start = match.start("party")
        span = Span(start, start + len(party))
        if any(is_role_word(t) for t in tokens(text, span)) or not reads_as_name(party):
            continue  # "on behalf of the two Prime Ministers", a person's name
        found.append(span)
    return found


def _note(verb: str) -> str:
    return "exchanged it" if verb.startswith("exchange") else "signed it"


def _people_after(text: str, start: int, end: int, names: Register) -> list[NamedPerson]:
    """The names after a cue, read word by word or, when that finds fewer, by commas."""
    by_words = _people_word_by_word(text, start, end, names)
    by_commas = _people_in_chunks(text, start, end, names)
    return by_commas if len(by_commas) > len(by_words) else by_words


def _people_in_chunks(text: str, start: int, end: int, names: Register) -> list[NamedPerson]:
    """ "Hamad Al Suwaidi, Executive Director at ADIA, and Sanjay Mehra, Managing Director
    of NIIF": a name, its role, the next name, its role, read chunk by chunk between commas,
    up to a chunk that is neither."""
    people: list[NamedPerson] = []
    piece_start = start
    # Commas part a name from its role; "and for Zambia by" starts the next signatory.
    separators = r",|;|\.(?=\s|$)|\s+and\s+(?=(?:for|on)\s[^,]{0,50}?\bby\s)|$"
    for match in re.finditer(separators, text[start:end]):
        piece = Span(piece_start, start + match.start())
        piece_start = start + match.end()
        words_ = tokens(text, piece)
        if words_ and words_[0].lower == "and":
            words_ = words_[1:]
        if words_ and words_[0].lower in {"on", "by", "for"}:
            # "and on the Mauritanian side by the Minister ...": another signatory follows.
            by = [i for i, w in enumerate(words_) if w.lower == "by"]
            words_ = words_[by[-1] + 1 :] if by else []
        if not words_:
            continue
        if not words_[0].capitalised and words_[0].lower not in {"the", "his", "her", "its"}:
            break
        if any(w.lower in {"on", "behalf"} for w in words_[:2]):
            break
        person = _person(text, words_, names) if _all_name_like(words_) else None
        if person is not None:
            if all(p.name != person.name for p in people):
                people.append(person)
        elif not any(is_role_word(w) or w.lower in ORG_HEADS for w in words_):
            break  # neither a name nor a role: the phrase has ended
        if text[piece.end : piece.end + 1] in {";", "."}:
            break
    return people


def _all_name_like(words_: list[Token]) -> bool:
    """A chunk that could name a person: capitalised words, with a role or particles."""
    return all(
        w.capitalised or w.lower in _INSIDE_NAMES or w.lower in _LOWER_ROLES for w in words_
    ) and not any(is_instrument_word(w.text) for w in words_)


def _people_word_by_word(text: str, start: int, end: int, names: Register) -> list[NamedPerson]:
    """The names in the phrase that starts at ``start``: up to a word that ends it."""
    group = _GROUP.match(text, start, end)
    if group:
        # "the two foreign ministers, Winston Peters and Josaia Vosarogo": the names, if given.
        named = re.match(r"\s*,\s*", text[group.end() : end])
        if named:
            listed = _people_after(text, group.end() + named.end(), end, names)
            if listed:
                return listed
        return _group(group.group("who"), names)
    kept: list[Token] = []
    words_ = tokens(text, Span(start, end))
    party: list[Token] = []  # "on behalf of X", "representing X", "for Kenya": not a name
    in_party = False
    for position, token in enumerate(words_):
        if position:
            gap = text[words_[position - 1].span.end : token.span.start]
            if not _joins(gap, words_[position - 1]):
                break
        low = token.lower
        following = [t.lower for t in words_[position + 1 : position + 3]]
        if (low == "on" and following == ["behalf", "of"]) or low == "representing":
            in_party, party = True, []
            continue
        if low == "for" and position + 1 < len(words_) and _is_place(words_[position + 1]):
            in_party, party = True, []
            continue
        if in_party:
            if low in {"and", "&"} and _party_ends(text, party, words_, position):
                in_party = False
                kept.append(token)
            elif token.capitalised or low in {"behalf", "of", "the", "and", "&", "for"}:
                party.append(token)
            else:
                break
            continue
        if low == "by" and kept and kept[-1].lower in {"and", "&"}:
            continue  # "signed by X on behalf of ... and by Y"
        if is_instrument_word(token.text) or (
            not token.capitalised and low not in _INSIDE_NAMES and low not in _LOWER_ROLES
        ):
            break
        kept.append(token)
    return _split_people(text, kept, names)


# "its director general, Ibrahima Fall Ndao": roles written in lower case.
_LOWER_ROLES = words(
    "its director general vice-president chief executive head deputy ministers minister "
    "presidents governors mayors secretaries"
)


def _party_ends(text: str, party: list[Token], words_: list[Token], position: int) -> bool:
    """At "and" after "on behalf of X": does X end here, or go on ("Trade and Industry")?"""
    named = [t for t in party if t.lower not in {"behalf", "of", "the"}]
    if named and country_named(text[named[0].span.start : named[-1].span.end]) is not None:
        return True
    following = words_[position + 1] if position + 1 < len(words_) else None
    if following is not None and _looks_like_person_start(following):
        return True
    # "... and Budi Santoso on behalf of Indonesia": the next signatory's own "on behalf of".
    ahead = [t.lower for t in words_[position + 1 : position + 7]]
    return "behalf" in ahead or "representing" in ahead


def _looks_like_person_start(token: Token) -> bool:
    return is_role_word(token) or token.lower.rstrip(".") in HONORIFICS


def _is_place(token: Token) -> bool:
    return country_named(re.sub(r"[’']s$", "", token.text)) is not None


def _people_before(text: str, start: int, end: int, names: Register) -> list[NamedPerson]:
    """The names in the phrase that ends at ``end``, read backwards to a word that ends it."""
    before = text[start:end]
    groups = list(_GROUP.finditer(before))
    group = groups[-1] if groups else None
    if group is not None and before[group.end() :].strip() == "":
        return _group(group.group("who"), names)
    words_ = tokens(text, Span(start, end))
    kept: list[Token] = []
    for position in range(len(words_) - 1, -1, -1):
        token = words_[position]
        if kept:
            gap = text[token.span.end : kept[0].span.start]
            if not _joins(gap, token):
                break
        elif text[token.span.end : end].strip(" ,"):
            break  # the verb does not follow a name: "... in Nairobi; the MoU was signed"
        low = token.lower
        if (
            low in _OPENERS
            or is_instrument_word(token.text)
            or (not token.capitalised and low not in _INSIDE_NAMES)
        ):
            break
        kept.insert(0, token)
    return _split_people(text, kept, names)


def _joins(gap: str, previous: Token) -> bool:
    """Whether the text between two words keeps them in one phrase of names."""
    stripped = gap.strip()
    if stripped in {"", ",", "(", ")", "),", "'", "’"}:
        return True  # "Minister in the Prime Minister's Department (Federal Territories) ..."
    # "Dr. Amina", "H.E. Budi": the full stop of an abbreviation.
    return stripped == "." and (previous.lower in HONORIFICS or len(previous.text) == 1)


def _split_people(text: str, kept: list[Token], names: Register) -> list[NamedPerson]:
    parts: list[list[Token]] = [[]]
    for index, token in enumerate(kept):
        comma = index > 0 and text[kept[index - 1].span.end : token.span.start].strip() == ","
        if token.lower in {"and", "&"} or comma:
            if parts[-1]:
                parts.append([])
            if token.lower in {"and", "&"}:
                continue
        parts[-1].append(token)
    people: list[NamedPerson] = []
    for part in parts:
        person = _person(text, part, names)
        if person is not None and all(p.name != person.name for p in people):
            people.append(person)
    return people


def _person(text: str, part: list[Token], names: Register) -> NamedPerson | None:
    if not part:
        return None
    span = Span(part[0].span.start, part[-1].span.end)
    described = names.described(text, span)
    if described is not None:  # "in the presence of the Head of State and the Prime Minister"
        return NamedPerson(described.name, described.role, span)
    parsed = parse_person(text, span)
    if parsed is None:
        # "his Malaysian counterpart Anwar Ibrahim": the capitalised words at the end.
        tail: list[Token] = []
        for token in reversed(part):
            if not token.capitalised and token.lower not in {"bin", "binti", "al", "van", "de"}:
                break
            tail.insert(0, token)
        while tail and (
            tail[0].lower.rstrip(".") in HONORIFICS
            or is_role_word(tail[0])
            or tail[0].lower in PORTFOLIO_WORDS
            or tail[0].lower in PORTFOLIO_ADJECTIVES
        ):
            tail.pop(0)  # "... and Environment Pedro Esono Nchama": the portfolio's last words
        if not tail or any(
            t.lower in ORG_HEADS or is_role_word(t) or t.lower in PORTFOLIO_WORDS for t in tail
        ):
            return None
        name_span = Span(tail[0].span.start, tail[-1].span.end)
        parsed = Person(name_span.of(text), name_span, None, None, name_span.start)
    before = [t for t in part if t.span.end <= parsed.name_span.start]
    if before and before[-1].lower in {"of", "for", "and", "&"}:
        return None  # "Minister of Foreign Affairs": a portfolio, not a name
    if _names_a_place(text, parsed.name_span):
        return None  # "Enterprise Singapore", "Immigration New Zealand": a body, not a person
    full = names.fullest(parsed)
    name = full.name
    if len(name.split()) < 2:
        # "Minister Tremblay": the article may give the full name without a title.
        name = full_name_in(text, name) or name
    if len(name.split()) < 2:
        return None  # one word the article never gives in full: a place, not a person
    return NamedPerson(name, full.role, parsed.name_span)


def _names_a_place(text: str, span: Span) -> bool:
    words_ = [re.sub(r"[’']s?$", "", t.text) for t in tokens(text, span)]
    return any(
        country_named(" ".join(words_[start:end])) is not None
        for start in range(len(words_))
        for end in range(start + 1, min(len(words_), start + 3) + 1)
    )


def _group(who: str, names: Register) -> list[NamedPerson]:
    """ "the two leaders", "both foreign ministers": the two people the article names so."""
    who = who.lower()
    if who.startswith(("leader", "head", "president", "prime")):
        singular = who[:-1] if who.endswith("s") else who
        pattern = (
            _HEADS_OF_STATE if who.startswith(("leader", "head")) else re.compile(singular, re.I)
        )
    else:
        qualifier = " ".join(who.split()[:-1])
        role = who.split()[-1].rstrip("s")
        if role.endswith("ie"):
            role = role[:-2] + "y"  # secretaries
        wanted = [re.escape(w) for w in (*qualifier.split(), role)]
        pattern = re.compile(".*".join(wanted) if qualifier else wanted[-1], re.I)
    people: list[NamedPerson] = []
    for person in names.people:
        if person.role and pattern.search(person.role):
            full = names.fullest(person)
            if all(p.name != full.name for p in people):
                people.append(NamedPerson(full.name, full.role, person.name_span))
        if len(people) == 2:
            break
    return people if len(people) == 2 else []
