"""Which instruments an article reports, and what each later mention refers to.

Every mention of a head word (read by ``mentions``) either introduces an instrument or
refers to one: a mention with words of its own introduces one unless they match one already
found ("the tax treaty" after "Agreement on the Avoidance of Double Taxation"); a bare "the
agreement", "the deal" or "this partnership" refers back to the instrument last mentioned;
a plural ("the four instruments") refers to all of them, unless it lists its items
("agreements on X and Y" are two); a mention with an ordinal ("the second agreement is ...")
only announces the next one. What is named as history, for later, or inside a quotation
refers but never introduces. Imports ``segments``, ``titles``, ``instrument_words``,
``mentions``, ``found`` and ``describing`` of this package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kbtool.ingest.describing import describe
from kbtool.ingest.found import FoundInstrument, InstrumentReading, Reference
from kbtool.ingest.instrument_words import (
    DEFINITE,
    GENERIC,
    HEAD,
    INDEFINITE,
    NUMBER_WORDS,
    REFERENCE_ONLY,
    SIGNED,
    STOPWORDS,
)
from kbtool.ingest.mentions import Mention, read_mentions
from kbtool.ingest.same_instrument import (
    match_found,
    named_before_parties,
    named_by_kind_alone,
    sharing_a_word,
    short_name,
)
from kbtool.ingest.segments import Document, Sentence, Span
from kbtool.ingest.titles import areas_listed, coordinated_titles, is_background
from kbtool.models import Kind


def _is_title(text: str, mention: Mention) -> bool:
    """Whether a mention names an instrument (and so can introduce one)."""
    if mention.plural or mention.announces or mention.kind is None:
        return False
    if mention.complement and _GENERIC_SIDES.fullmatch(mention.complement.of(text)):
        return False  # "the memorandum between the capitals": a call-back, not a name
    if mention.capitalised and (mention.content or mention.complement):
        return True
    return bool(mention.content) and mention.determiner in INDEFINITE | DEFINITE


# "between the two business organisations", "between the park services": sides not named.
_GENERIC_SIDES = re.compile(r"between\s+(?:the\s+)?(?:two\s+|both\s+)?[a-z][a-z\s-]*")


def _other_kind_in_full(mention: Mention, found: FoundInstrument) -> bool:
    """ "the loan agreement for the X Project" after "an exchange of notes on the loan for the
    X Project": a title in full of another kind is another instrument, though its words match.
    (A bare "the agreement" may still mean an MoU: reports use it loosely.)"""
    specific = {"memorandum-of-understanding", "letter-of-intent", "protocol", "exchange-of-notes"}
    return (
        mention.complement is not None
        and mention.kind != found.kind
        and found.kind in specific
        and mention.kind not in (None, "other")
    )


def read_instruments(document: Document) -> InstrumentReading:
    """Every instrument the body of the article reports, and every mention's referent."""
    text = document.text
    instruments: list[FoundInstrument] = []
    references: list[Reference] = []
    last_seen: dict[int, int] = {}  # instrument index -> position of its latest mention
    # "signed four agreements on electricity, port use and border management": a count that
    # is not the list's length may count instruments the report names one by one later.
    topics: set[int] = set()

    def latest(kind: Kind | None) -> int | None:
        ordered = sorted(last_seen, key=lambda i: last_seen[i], reverse=True)
        if kind in (
            "memorandum-of-understanding",
            "letter-of-intent",
            "treaty",
            "protocol",
            "exchange-of-notes",
        ):
            for index in ordered:
                if instruments[index].kind == kind:
                    return index
        return ordered[0] if ordered else None

    quotations = _quoted_spans(document)
    for mention in read_mentions(document):
        target: int | None = None
        if any(
            found.title.start <= mention.head.start < found.title.end
            and found.kind_span != mention.head
            for found in instruments
        ):
            continue  # "a Protocol amending the Convention for ...": part of another's title
        if mention.plural:
            # "the four instruments", "the agreements": all of them, i.e. no one instrument.
            # Plural "partnerships" and "initiatives" are rarely about instruments at all.
            if mention.head.of(text).lower().rstrip("s") not in {"partnership", "initiative"}:
                references.append(Reference(mention.head, mention.sentence, None))
            items = _coordinated(text, mention)
            count = NUMBER_WORDS.get(mention.determiner or "")
            for item in items:
                index = match_found(instruments, item.mention, reference=False)
                if index is None and not is_background(
                    text, mention.sentence.span, mention.title, mention.head
                ):
                    instruments.append(_new_instrument(item.mention, item.title))
                    index = len(instruments) - 1
                    if count is not None and count != len(items):
                        topics.add(index)
                if index is not None:
                    last_seen[index] = mention.head.start
            continue
        if mention.announces:
            continue
        quoted = any(span.start <= mention.head.start < span.end for span in quotations)
        if mention.kind is not None and (
            quoted or is_background(text, mention.sentence.span, mention.title, mention.head)
        ):
            # "building on the 2019 air services agreement": not signed here; and what people
            # say ("With the MoU on the ocean economy, ...") may name an instrument, not report one.
            target = match_found(instruments, mention, reference=True) if mention.content else None
            if target is None and quoted and not mention.content:
                target = latest(mention.kind) if mention.determiner in DEFINITE else None
            if target is not None:
                last_seen[target] = mention.head.start
                instruments[target].mentions.append(mention.head)
                references.append(Reference(mention.head, mention.sentence, target))
            continue
        head_word = mention.head.of(text).lower()
        if mention.kind is None:
            # "the deal", "the pact", "this partnership": only with a determiner, and for
            # "partnership" and "initiative" only bare, since "a long-term partnership" is
            # not an instrument.
            bare = not mention.content and not mention.complement
            if mention.determiner in DEFINITE and (bare or head_word not in REFERENCE_ONLY):
                target = (
                    match_found(instruments, mention, reference=True) if mention.content else None
                )
                if target is None and bare:
                    target = latest(None)
            elif re.search(
                r"\bthis\s+(?:kind|type|sort)\s+of\s+$",
                text[max(0, mention.head.start - 20) : mention.head.start],
            ):
                target = latest(None)
        elif _is_title(text, mention):
            introduces = mention.determiner in INDEFINITE or mention.capitalised
            target = match_found(instruments, mention, reference=not introduces)
            if target is not None and _other_kind_in_full(mention, instruments[target]):
                target = None
            if target is None and introduces and short_name(mention):
                # "Macadamia protocol signed": a short name for one already reported.
                target = match_found(instruments, mention, reference=True)
            if target is None and mention.determiner in DEFINITE:
                # "the Agreement on Economic and Technical Cooperation" after the same title
                # with "between the Government of ... and ...": the one already named.
                target = match_found(instruments, mention, reference=True)
                if target is not None and instruments[target].kind != mention.kind:
                    target = None
            if target is None and mention.determiner in DEFINITE:
                target = named_before_parties(text, instruments, mention)
            if target is None and mention.capitalised:
                # "signed three MoUs and an exchange of notes" ... "The Exchange of Notes on
                # the Establishment of a Joint Commission was signed by ...": the one named
                # by its kind alone, now in full.
                by_kind = named_by_kind_alone(text, instruments, mention)
                if by_kind is not None:
                    instruments[by_kind] = _new_instrument(mention)
                    target = by_kind
            if target is None and mention.determiner in DEFINITE and short_name(mention):
                # "the visa waiver agreement" after the "Agreement on exemption of visa
                # requirement ...": the one agreement with a word of it.
                target = sharing_a_word(instruments, mention)
            if (
                target is None
                and mention.determiner in DEFINITE
                and not mention.capitalised
                and short_name(mention)
            ):
                # "who signed the municipal memorandum": "the" says it is known, and a short
                # lower-case name is how a report calls back the last one of its kind.
                target = latest(mention.kind)
                if target is not None and instruments[target].kind != mention.kind:
                    target = None
            if (
                target is None
                and mention.determiner in DEFINITE
                and not mention.capitalised
                and not _reports_signing(mention.sentence.span.of(text))
            ):
                # "stressed the value of the port arrangement for landlocked Paraguay": "the"
                # and no signing in the sentence; an instrument is reported as signed.
                continue
            if target is None:
                instruments.append(_new_instrument(mention))
                target = len(instruments) - 1
        elif mention.determiner in DEFINITE:
            target = latest(mention.kind)
            if _introduces_untitled(text, mention, instruments, target):
                instruments.append(_new_instrument(mention))
                target = len(instruments) - 1
        elif mention.determiner in INDEFINITE and SIGNED.search(mention.sentence.span.of(text)):
            # "A memorandum was also signed between the central banks": named by kind alone.
            instruments.append(_new_instrument(mention))
            target = len(instruments) - 1
        if target is not None:
            last_seen[target] = mention.head.start
            instruments[target].mentions.append(mention.head)
            references.append(Reference(mention.head, mention.sentence, target))
    instruments, references = _without_topics(instruments, references, topics)
    reading = InstrumentReading(instruments, references, text)
    _add_abbreviation_references(document, reading)
    _add_pronoun_references(document, reading)
    for instrument in instruments:
        describe(document, reading, instrument)
    return reading


def _quoted_spans(document: Document) -> list[Span]:
    """Where the body quotes someone: instruments named there are not reported as signed."""
    text = document.text
    spans = []
    for sentence in document.sentences():
        for match in re.finditer(
            r"“[^“”]*”?|\"[^\"]*\"", text[sentence.span.start : sentence.span.end]
        ):
            spans.append(
                Span(sentence.span.start + match.start(), sentence.span.start + match.end())
            )
    return spans


def _new_instrument(mention: Mention, written: str | None = None) -> FoundInstrument:
    assert mention.kind is not None
    return FoundInstrument(
        title=mention.title,
        kind=mention.kind,
        kind_span=mention.head,
        intro=mention.sentence,
        content=mention.content,
        mentions=[],
        written=written,
    )


def _reports_signing(sentence: str) -> bool:
    """Whether a sentence reports a signing; "Addressing the press after the signing, the
    President said the gas agreement ..." only dates what is said."""
    return bool(SIGNED.search(_AFTER_THE_SIGNING.sub("", sentence)))


_AFTER_THE_SIGNING = re.compile(
    r"\b(?:after|at|during|following|before)\s+the\s+(?:signing|ceremony)(?:\s+ceremony)?\b",
    re.IGNORECASE,
)


def _without_topics(
    instruments: list[FoundInstrument], references: list[Reference], topics: set[int]
) -> tuple[list[FoundInstrument], list[Reference]]:
    """Drop the items of a miscounted list when instruments of their kind are introduced
    after them: those are what the count counted ("four agreements on electricity, port use
    and border management", then "a power purchase agreement between ..."). Without any,
    the items are the instruments ("five MoUs in the fields of tourism, energy and ...")."""
    dropped = {
        index
        for index in topics
        if any(
            later not in topics and instruments[later].kind == instruments[index].kind
            for later in range(index + 1, len(instruments))
        )
    }
    if not dropped:
        return instruments, references
    kept = [index for index in range(len(instruments)) if index not in dropped]
    new_index = {old: new for new, old in enumerate(kept)}
    references = [
        replace(r, instrument=None if r.instrument is None else new_index[r.instrument])
        for r in references
        if r.instrument is None or r.instrument in new_index
    ]
    return [instruments[index] for index in kept], references


@dataclass(frozen=True)
class _Item:
    title: str
    mention: Mention


def _coordinated(text: str, mention: Mention) -> list[_Item]:
    """ "agreements on cooperation in health and education": one mention per instrument."""
    if mention.kind is None:
        return []
    before = Span(max(mention.sentence.span.start, mention.head.start - 60), mention.head.start)
    if mention.complement is not None:
        titles = coordinated_titles(text, before, mention.head, mention.complement)
    else:
        titles = areas_listed(text, mention.head, mention.sentence.span.end)
    items = []
    for title in titles:
        content = frozenset(
            w.lower()
            for w in re.findall(r"[\w’'-]+", title)
            if w.lower() not in GENERIC
            and w.lower() not in STOPWORDS
            and not w.isdigit()
            and not HEAD.fullmatch(w)
        )
        items.append(_Item(title, replace(mention, plural=False, content=content)))
    return items


def _introduces_untitled(
    text: str, mention: Mention, instruments: list[FoundInstrument], target: int | None
) -> bool:
    """ "The protocol was exchanged by the two foreign ministers", with no protocol before it."""
    if mention.kind is None or not _reports_signing(mention.sentence.span.of(text)):
        return False
    if target is None:
        return True
    if mention.kind in ("agreement", "other"):
        return False  # "the agreement" stands for any instrument already named
    return all(instrument.kind != mention.kind for instrument in instruments)


def _abbreviations(text: str, instrument: FoundInstrument) -> set[str]:
    """ "Comprehensive Economic Partnership Agreement (CEPA)": CEPA, given or by initials."""
    found = set()
    given = re.match(r"\s*\(([A-Z]{2,6})\)", text[instrument.title.end : instrument.title.end + 12])
    if given:
        found.add(given.group(1))
    words_ = re.findall(r"[A-Z][a-z]+", instrument.name(text))
    capitals = [w for w in re.findall(r"[\w’'-]+", instrument.name(text)) if w[:1].isupper()]
    if len(capitals) >= 3 and len(words_) == len(capitals):
        found.add("".join(w[0] for w in capitals))
    return found


def _add_abbreviation_references(document: Document, reading: InstrumentReading) -> None:
    """ "the BASA", "the DTAA": an instrument named again by its abbreviation."""
    text = document.text
    known: dict[str, int] = {}
    for index, instrument in enumerate(reading.instruments):
        for abbreviation in _abbreviations(text, instrument):
            known.setdefault(abbreviation, index)
    if not known:
        return
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, known)) + r")\b")
    for sentence in document.sentences():
        for match in pattern.finditer(text, sentence.span.start, sentence.span.end):
            index = known[match.group(1)]
            if (
                reading.instruments[index].title.start
                <= match.start()
                < reading.instruments[index].title.end + 12
            ):
                continue  # the abbreviation given with the title itself
            span = Span(match.start(), match.end())
            reading.instruments[index].mentions.append(span)
            reading.references.append(Reference(span, sentence, index))
    reading.references.sort(key=lambda r: r.span.start)


_PRONOUN_SUBJECT = re.compile(
    r"(?:^|\b(?:said|says|added|noted|stressed|emphasi[sz]ed|explained|indicated)\s+(?:that\s+)?)"
    r"(?P<pronoun>[Ii]t|[Tt]his)\s+(?:is|was|will|would|aims|seeks|focuses|covers|allows|"
    r"provides|commits|opens|has|also)\b"
)


def _add_pronoun_references(document: Document, reading: InstrumentReading) -> None:
    """ "It is designed ...", "This is expected ...": the instrument of the sentence before."""
    previous: list[Sentence] = []
    for sentence in document.sentences():
        piece = sentence.span.of(document.text)
        match = _PRONOUN_SUBJECT.search(piece)
        if match and not any(
            r.sentence == sentence and r.instrument is not None for r in reading.references
        ):
            recent = [
                r
                for r in reading.references
                if r.sentence in previous[-2:] and r.instrument is not None
            ]
            if recent:
                start = sentence.span.start + match.start("pronoun")
                span = Span(start, start + len(match.group("pronoun")))
                reading.references.append(Reference(span, sentence, recent[-1].instrument))
        previous.append(sentence)
    reading.references.sort(key=lambda r: r.span.start)
