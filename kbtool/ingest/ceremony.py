"""Who signed an instrument and who witnessed the signing, from the sentences that say so.

Reports of signing ceremonies name these people in a few set ways, and these rules read
exactly those:

- witnesses: "in the presence of A and B", "witnessed by A and B", "under the gaze of",
  "A and B witnessed the signing" (or "oversaw", "presided over", "chaired", "observed the
  signing ceremony"), "as A and B looked on"; "the two leaders witnessed ..." stands for
  the two heads of state or government the article names; who signed an instrument is not
  its witness;
- signatories: "signed by A on behalf of X and B for Y", "exchanged by A and B", "A and B
  signed the MoU", "A and his counterpart B put pen to paper"; "the two foreign ministers
  exchanged the protocol" stands for the article's two people with that role.

The people are read from the words next to the cue by ``people_phrases``; lists and tables
of signatories by ``signing_lists``. A signing applies to the instrument it signed ("A signed
the MoU, while B signed the arrangement"), a witness cue to the instruments its sentence
names, else to every instrument the article reports; the bodies signed for ("on behalf of
the Ministry of Energy", ``signed_for``) are kept as the parties they name. Imports
``segments``, ``found``, ``instrument_words``, ``names``, ``people_phrases``, ``signed_for``
and ``signing_lists`` of this package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kbtool.ingest.found import InstrumentReading
from kbtool.ingest.instrument_words import (
    HEAD,
    NUMBER_WORDS,
    SIGNED_BY_SUBJECT,
    SIGNING_VERBS,
    kind_of,
)
from kbtool.ingest.names import Register
from kbtool.ingest.people_phrases import NamedPerson, people_after, people_before
from kbtool.ingest.segments import Document, Sentence, Span
from kbtool.ingest.signed_for import bodies_signed_for
from kbtool.ingest.signing_lists import list_signatories, table_signatories


@dataclass
class CeremonyReading:
    """Per instrument (index into the reading's instruments): its witnesses and signatories."""

    witnesses: dict[int, list[NamedPerson]] = field(default_factory=dict)
    signatories: dict[int, list[tuple[NamedPerson, str]]] = field(default_factory=dict)
    # "signed by X on behalf of the Ministry of Energy": who signed for whom, as written.
    behalf: dict[int, list[Span]] = field(default_factory=dict)


_WITNESS_AFTER = re.compile(
    r"\b(?:in\s+the\s+presence\s+of|witnessed\s+by|overseen\s+by|"
    r"under\s+the\s+(?:watchful\s+)?gaze\s+of)\s+",
    re.IGNORECASE,
)
# "as President Kagabo and his host, Brice Ndong Oligui, looked on"; "Prime Minister Reid and
# the Dominican President looked on as the agreements were signed".
_LOOKED_ON = re.compile(
    # not "looked on the deal with suspicion": on, then the end of the clause
    r"\b(?:looked|look|looking|looks)\s+on"
    # "looked on yesterday as their ministers signed ..."
    r"(?:\s+(?:yesterday|today))?(?=\s*(?:[,.;]|as\b|while\b|$))",
    re.IGNORECASE,
)


_WITNESS_BEFORE = re.compile(
    r"\b(?:(?:later|also|jointly|then|personally|today|yesterday|on\s+\w+day)\s+)*"
    r"(?:(?:(?:have|has|had)\s+)?witnessed|oversaw|presided\s+over|chaired|watched)\s+"
    r"(?:as\s+|the\s+(?=signing|ceremony|exchange)|over\s+the\s+"
    # "witnessed on Tuesday at the Executive Tower the signing of ...", "chaired on Tuesday,
    # at the Amiri Diwan, the ceremony of exchanging ...": when and where, by their names
    r"|(?:(?:on|at|in)\s+(?:the\s+)?(?-i:[A-Z0-9][\w’'-]*(?:\s+[A-Z0-9][\w’'-]*)*),?\s+)+"
    r"the\s+(?=signing\b|ceremony\b|exchange\b))"
    # "The two leaders observed the signing ceremony" (not "observed [that] the signing ...")
    r"|\bobserved\s+the\s+(?=(?:signing\s+)?ceremony\b)",
    re.IGNORECASE,
)


_SIGNED_AFTER = re.compile(
    rf"\b(?P<verb>{SIGNING_VERBS})(?:\s+|(?=,\s*on\s+behalf\b))"
    # "signed in Hanoi by", "signed on the Algerian side by", "signed between the National
    # Fisheries Authority and the Philippines' Bureau of Fisheries by"
    # "signed, on behalf of the two bodies, by", "signed on behalf of the two companies by"
    r"(?:(?:[\w’']+\s+){0,5}?|between\s+[^.;]{0,160}?\s+"
    r"|,?\s*on\s+behalf\s+of\s+(?:(?!attended|hosted|led\b|accompanied|chaired)[^.;,]){0,80}?"
    r",?\s+)by\s+"
    r"|\band\s+on\s+the\s+[\w-]+\s+side\s+(?P<side>by)\s+"
)


_WITH_SIGNER = re.compile(r"\bwith\s+(?=(?:the|his|her|their)\s+(?:[A-Z]|counterpart\b))")
# Who is there, not who signs: "with the President ..., looking on", "in attendance".
_PRESENT = re.compile(r"\b(?:looking\s+on|in\s+attendance|watching|present)\b")
_SIGNED_BEFORE = re.compile(
    r"\b(?:(?:also|then|later|formally|jointly|yesterday|today|on\s+\w+day)\s+)*"
    rf"(?P<verb>{SIGNED_BY_SUBJECT})"
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
        targets = _witnessed(reading, sentence, text)
        for person in _witnesses_in(text, sentence, names):
            for index in targets:
                _add(result.witnesses.setdefault(index, []), person)
        signings = _signatories_in(text, sentence, names)
        signed: set[int] = set()
        for position, signing in enumerate(signings):
            following = signings[position + 1 :]
            next_cue = following[0].cue.start if following else sentence.span.end
            # "signed a Joint Declaration ... and then witnessed the signing of a memorandum":
            # what they witnessed, they did not sign.
            watched = _WITNESS_BEFORE.search(text, signing.cue.end, next_cue)
            if watched and re.search(
                r"\band\s+(?:then\s+|later\s+|also\s+)?$", text[signing.cue.end : watched.start()]
            ):
                next_cue = watched.start()
            for index in _signed_objects(reading, sentence, signing, next_cue):
                signed.add(index)
                listed = result.signatories.setdefault(index, [])
                for person in signing.people:
                    if all(p.name != person.name for p, _ in listed):
                        listed.append((person, signing.note))
        # Signed for a body: what those people signed, else what the sentence is about.
        for party in bodies_signed_for(text, sentence):
            for index in sorted(signed) or targets:
                spans = result.behalf.setdefault(index, [])
                if all(party.of(text) != other.of(text) for other in spans):
                    spans.append(party)
    table_signatories(document, reading, names, result.signatories)
    list_signatories(document, reading, names, result.signatories)
    for index, witnesses in result.witnesses.items():
        # "A and B signed the Declaration and then witnessed the signing of four agreements":
        # who signed an instrument did not witness it.
        signers = {person.name for person, _ in result.signatories.get(index, [])}
        witnesses[:] = [w for w in witnesses if w.name not in signers]
    return result


def _add(people: list[NamedPerson], person: NamedPerson) -> None:
    if all(p.name != person.name for p in people):
        people.append(person)


def _instruments_of(reading: InstrumentReading, sentence: Sentence) -> list[int]:
    named = [r.instrument for r in reading.in_sentence(sentence) if r.instrument is not None]
    # "witnessed ... the signing of cooperation accords in forestry research, renewable energy
    # and education": the items the sentence introduces.
    named += [i for i, found in enumerate(reading.instruments) if found.intro == sentence]
    if named:
        return sorted(set(named))
    return list(range(len(reading.instruments)))


def _witnessed(reading: InstrumentReading, sentence: Sentence, text: str) -> list[int]:
    """What a witness cue is about: "The three documents were signed in the presence of ...,
    who then signed the Roadmap": the documents before the cue, not the one named after it."""
    cue = (
        _WITNESS_AFTER.search(text, sentence.span.start, sentence.span.end)
        or _WITNESS_BEFORE.search(text, sentence.span.start, sentence.span.end)
        or _LOOKED_ON.search(text, sentence.span.start, sentence.span.end)
    )
    references = reading.in_sentence(sentence)
    definite = re.compile(r"\b(?:the|these|those|both|all)\s+(?:[\w-]+\s+){0,2}$", re.I)
    if cue is not None and any(
        r.instrument is None
        and r.span.end <= cue.start()
        and definite.search(text, max(0, r.span.start - 30), r.span.start)
        for r in references
    ):
        # A plural before the cue: every instrument reported before this sentence.
        earlier = [
            index
            for index, found in enumerate(reading.instruments)
            if found.intro.span.start < sentence.span.start
        ]
        if earlier:
            return earlier
    return _instruments_of(reading, sentence)


def _witnesses_in(text: str, sentence: Sentence, names: Register) -> list[NamedPerson]:
    start, end = sentence.span.start, sentence.span.end
    found: list[NamedPerson] = []
    for match in _WITNESS_AFTER.finditer(text, start, end):
        if "gaze" in match.group().lower() and re.match(r"[^,.;]*[’']s\s", text[match.end() : end]):
            continue  # "under the gaze of President Kenyatta's statue"
        found += people_after(text, match.end(), end, names)
    for match in _WITNESS_BEFORE.finditer(text, start, end):
        people = people_before(text, start, match.start(), names)
        signed = _SIGNED_BEFORE.search(text, start, match.start())
        if not people and signed and re.search(r",?\s+and\s+$", text[start : match.start()]):
            # "A and his counterpart, B, signed the Declaration ..., and then witnessed the
            # signing of four agreements": the subject of the sentence's first verb.
            people = people_before(text, start, signed.start(), names)
        found += people
    for match in _LOOKED_ON.finditer(text, start, end):
        clause = text.rfind(" as ", start, match.start())
        found += people_before(text, clause + 4 if clause >= 0 else start, match.start(), names)
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
        people = people_after(text, match.end(), end, names)
        cue = Span(match.start(), match.end())
        found.append(_Signing(people, _note(match.group("verb") or "signed"), cue, False))
    for match in _SIGNED_BEFORE.finditer(text, start, end):
        people = people_before(text, start, match.start(), names)
        # "Nakamura also signed a grant agreement ... with the Secretary General of the
        # Supreme Council of Antiquities, Dr. Hany Mostafa Kamel": the other signatory.
        # Only in the signing's own clause: not "..., then flew to Mombasa with the ...".
        clause = re.search(
            r"[;]|,\s+(?:then|and|before|after|while)\b|\s+then\s+", text[match.end() : end]
        )
        clause_end = match.end() + clause.start() if clause else end
        other = _WITH_SIGNER.search(text, match.end(), clause_end)
        if other is not None and _PRESENT.search(text, other.end(), clause_end):
            other = None  # "with the President ..., Joko Widodo, looking on"
        if people and other is not None:
            people += [
                person
                for person in people_after(text, other.end(), clause_end, names)
                if (
                    person.role
                    or text[other.end() : person.span.start].strip().endswith("counterpart")
                )
                and all(person.name != p.name for p in people)
            ]
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
        before = sorted(
            [(span, i) for span, i in named if span.end <= signing.cue.start],
            key=lambda pair: -pair[0].start,
        )[::-1]  # by position; of two at one place, the first named keeps the last place
        chosen = [before[-1][1]] if before else []
        # "The protocol and the exchange of notes were signed by": each named in the subject.
        for (first, one), (second, _) in zip(before[-2::-1], before[:0:-1], strict=False):
            if not re.fullmatch(
                r"\s*(?:,|,?\s*and)\s+(?:the\s+)?", reading.text[first.end : second.start]
            ):
                break
            chosen.append(one)
    found = sorted({i for i in chosen if i is not None})
    if not found and signing.object_follows:
        found = _plural_of_a_kind(reading, sentence, signing.cue.end, next_cue)
    if not found:
        found = _by_ordinal(reading, sentence)
    if not found and not named:
        found = _named_just_before(reading, sentence)
    if not found and signing.object_follows:
        # "put their signatures to a memorandum" the rules did not resolve: not all of them.
        following = reading.text[signing.cue.end : signing.cue.end + 60]
        if re.match(r"\s+(?:to\s+|on\s+)?(?:a|an|the|this)\s+(?:[\w-]+\s+){0,3}?", following) and (
            re.search(r"memorand|agreement|protocol|letter|treaty|accord|declaration", following)
        ):
            return []
    return found or _instruments_of(reading, sentence)


def _note(verb: str) -> str:
    return "exchanged it" if verb.startswith("exchange") else "signed it"


_NUMBERS = {**NUMBER_WORDS, "both": 2}


def _plural_of_a_kind(
    reading: InstrumentReading, sentence: Sentence, start: int, end: int
) -> list[int]:
    """ "signed the two MoUs": the MoUs reported before, the last two of them."""
    text = reading.text
    for reference in reading.in_sentence(sentence):
        if reference.instrument is not None or not start <= reference.span.start < end:
            continue
        head = HEAD.fullmatch(reference.span.of(text))
        kind = kind_of(head) if head else None
        if kind is None or kind in ("agreement", "other"):
            continue  # "the agreements" may mean instruments of any kind
        of_kind = [
            index
            for index, found in enumerate(reading.instruments)
            if found.kind == kind and found.intro.span.start < sentence.span.start
        ]
        number = re.search(
            r"(\w+)\s+$", text[max(0, reference.span.start - 12) : reference.span.start]
        )
        count = _NUMBERS.get(number.group(1).lower()) if number else None
        return of_kind[-count:] if count and len(of_kind) >= count else of_kind
    return []


_ORDINAL = re.compile(
    r"\b(?P<nth>first|second|third|fourth|fifth|sixth|seventh|last|final)\s+"
    r"(?:document|instrument|agreement|memorandum|accord|one|text)\b",
    re.IGNORECASE,
)
_NUMBERED = re.compile(
    r"\b(?:Documents?|Instruments?|Items?)\s+(?:No\.?\s*)?(?P<numbers>\d+(?:\s*(?:,|and|&)\s*\d+)*)\b"
)
_ORDER = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh")


def _by_ordinal(reading: InstrumentReading, sentence: Sentence) -> list[int]:
    """ "The fourth document was signed by ...": the fourth instrument the article reported."""
    ordinal = _ORDINAL.search(reading.text, sentence.span.start, sentence.span.end)
    count = len(reading.instruments)
    numbered = _NUMBERED.search(reading.text, sentence.span.start, sentence.span.end)
    if numbered is not None and count:
        # "Documents 1, 3 and 4 were signed by ...": the items of the article's list.
        numbers = [int(n) for n in re.findall(r"\d+", numbered.group("numbers"))]
        return [n - 1 for n in numbers if 0 < n <= count]
    if ordinal is None or not count:
        return []
    nth = ordinal.group("nth").lower()
    index = count - 1 if nth in {"last", "final"} else _ORDER.index(nth)
    return [index] if index < count else []


def _named_just_before(reading: InstrumentReading, sentence: Sentence) -> list[int]:
    """ "The extension was exchanged by X and Y": a sentence naming no instrument after one
    naming a single one is about that one."""
    earlier = [r for r in reading.references if r.sentence.span.end <= sentence.span.start]
    if not earlier:
        return []
    last = max(earlier, key=lambda r: r.sentence.span.start).sentence
    if last.paragraph != sentence.paragraph:
        return []
    named = {r.instrument for r in reading.in_sentence(last)}
    only = named.pop() if len(named) == 1 else None
    return [only] if only is not None else []
