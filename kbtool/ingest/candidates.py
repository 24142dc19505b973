"""From what the rules found to candidate records of the knowledge base's schema.

Each candidate is a validated ``Instrument`` or ``Quotation`` with, for every field it
fills, the character spans of the article text that support it. Ids are stable: a
candidate that matches a record already in the knowledge base (an instrument or quotation
as ``reconcile`` decides, the article by its text or URL) takes that record's id, so
ingesting an article twice, another report of the same event, or the article a knowledge
base was built from, proposes nothing new. Other ids are made from the record's words, as a
person would.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import msgspec

from kbtool.ingest.ceremony import read_ceremony
from kbtool.ingest.countries import find_countries
from kbtool.ingest.found import FoundInstrument
from kbtool.ingest.instrument_people import InstrumentPeople, caption_people
from kbtool.ingest.instruments import read_instruments
from kbtool.ingest.names import register
from kbtool.ingest.new_ids import instrument_slug, quotation_slug, unique_id
from kbtool.ingest.parties import country_of_state
from kbtool.ingest.quotations import FoundQuotation, read_quotations
from kbtool.ingest.reading import Article
from kbtool.ingest.reconcile import Match, match_instruments, match_quotation, update
from kbtool.ingest.segments import Document, Role, Span, segment
from kbtool.models import Excerpt, Instrument, Quotation, Source, to_document
from kbtool.models import Span as RecordSpan

R = TypeVar("R", Instrument, Quotation)


@dataclass(frozen=True)
class FieldSpan:
    """Evidence for one field: ``text[start:end]`` of the source record ``source``."""

    field: str
    start: int
    end: int

    def document(self, source: str) -> dict[str, Any]:
        return {"field": self.field, "source": source, "start": self.start, "end": self.end}

    def record_span(self, source: str) -> RecordSpan:
        return RecordSpan(field=self.field, source=source, start=self.start, end=self.end)


@dataclass
class Candidate(Generic[R]):
    record: R
    spans: list[FieldSpan]
    existing: bool  # the knowledge base has a record with this id already
    sentence: Span  # the sentence a reviewer should read first
    match: Match[R] | None = None  # the stored record it is, and why (existing is then True)


@dataclass
class Candidates:
    """Everything ``kb ingest`` proposes for one article."""

    article: Article
    document: Document
    source: Source
    source_exists: bool
    instruments: list[Candidate[Instrument]] = field(default_factory=list)
    quotations: list[Candidate[Quotation]] = field(default_factory=list)

    def json_document(self) -> dict[str, Any]:
        """``--json``: the source and every candidate, in the record schema, with spans."""
        return {
            "source": to_document(self.source),
            "instruments": [self._with_match(c) for c in self.instruments],
            "quotations": [self._with_match(c) for c in self.quotations],
        }

    def _with_spans(self, candidate: Candidate[Any]) -> dict[str, Any]:
        document = to_document(candidate.record)
        document["spans"] = [span.document(self.source.id) for span in candidate.spans]
        return document

    def _with_match(self, candidate: Candidate[Any]) -> dict[str, Any]:
        document = self._with_spans(candidate)
        document["match"] = candidate.match.document() if candidate.match else None
        return document

    def updated(self, candidate: Candidate[Instrument]) -> Instrument | None:
        """The stored instrument ``candidate`` matched, with what this article adds to it
        (``reconcile.update``); None when it matched nothing."""
        if candidate.match is None:
            return None
        spans = [span.record_span(self.source.id) for span in candidate.spans]
        return update(candidate.match.record, candidate.record, self.source.id, spans)

    def to_write(self) -> list[Candidate[Instrument] | Candidate[Quotation]]:
        """The candidates --apply would write: new records, and the matched instruments
        this article adds something to."""
        written: list[Candidate[Instrument] | Candidate[Quotation]] = [
            c for c in self.instruments if c.match is None or self.updated(c) != c.match.record
        ]
        return written + self.new_quotations()

    def new_quotations(self) -> list[Candidate[Quotation]]:
        return [c for c in self.quotations if not c.existing]

    def unknown_ids(self, ids: Collection[str]) -> list[str]:
        """Of ``ids``, those no candidate has."""
        known = {c.record.id for c in self.instruments} | {c.record.id for c in self.quotations}
        return [i for i in ids if i not in known]

    def import_batch(self, keep: Collection[str] | None = None) -> dict[str, list[dict[str, Any]]]:
        """What --apply writes, as ``kb import --update`` takes it: the records a knowledge
        base does not have yet, with their spans, and each matched instrument updated with
        what this article adds. ``keep`` limits it to those candidate ids; a kept quotation
        that refers to a new instrument left out then refers to none."""
        ids = {c.record.id for c in self.to_write() if keep is None or c.record.id in keep}
        chosen = [c for c in self.instruments if c.record.id in ids]
        instruments = [
            to_document(updated) if (updated := self.updated(c)) else self._with_spans(c)
            for c in chosen
        ]
        dropped = {c.record.id for c in self.instruments if c.match is None}
        dropped -= {c.record.id for c in chosen}
        quotations = [
            self._unlinked(c, dropped) for c in self.new_quotations() if c.record.id in ids
        ]
        written = bool(instruments or quotations)
        return {
            "sources": [to_document(self.source)] if written and not self.source_exists else [],
            "instruments": instruments,
            "quotations": quotations,
        }

    def _unlinked(self, candidate: Candidate[Any], dropped: set[str]) -> dict[str, Any]:
        document = self._with_spans(candidate)
        if document["instrument"] in dropped:
            document["instrument"] = None
            document["spans"] = [s for s in document["spans"] if s["field"] != "instrument"]
        return document

    def skipped(self) -> dict[Role, int]:
        """How many paragraphs of each kind of boilerplate were recognised and left out."""
        counts: dict[Role, int] = {}
        for paragraph in self.document.paragraphs:
            if paragraph.role not in (Role.BODY, Role.HEADLINE):
                counts[paragraph.role] = counts.get(paragraph.role, 0) + 1
        return counts


@dataclass(frozen=True)
class Known:
    """The records of the knowledge base that candidates are matched against."""

    instruments: Sequence[Instrument] = ()
    quotations: Sequence[Quotation] = ()
    sources: Sequence[Source] = ()
    retired: frozenset[str] = frozenset()  # ids of removed records, never given out again


def extract(article: Article, known: Known) -> Candidates:
    """Run every rule over ``article`` and build its candidate records."""
    document = segment(article.text, article.captions)
    reading = read_instruments(document)
    names = register(
        article.text, [s.span for s in document.sentences(frozenset({Role.BODY, Role.CAPTION}))]
    )
    found_quotations = read_quotations(document, reading, names)
    source, source_exists = _source(article, known)
    result = Candidates(article, document, source, source_exists)
    taken = {r.id for r in (*known.instruments, *known.quotations, *known.sources)}
    taken |= known.retired
    in_captions = caption_people(document, names.people)
    ceremony = read_ceremony(document, reading, names)
    for index, found in enumerate(reading.instruments):
        people = InstrumentPeople(in_captions, ceremony, index)
        result.instruments.append(_instrument(article.text, found, source.id, people))
    _reconcile(result, reading.instruments, known, taken)
    instrument_ids = [c.record.id for c in result.instruments]
    for quotation in found_quotations:
        result.quotations.append(
            _quotation(article.text, quotation, source.id, known, taken, instrument_ids)
        )
    _validate(result)
    return result


def _source(article: Article, known: Known) -> tuple[Source, bool]:
    for existing in known.sources:
        if (existing.text is not None and existing.text == article.text) or (
            article.url is not None and existing.url == article.url
        ):
            source_id = existing.id
            break
    else:
        digest = hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:16]
        source_id = f"article-{digest}"
    matched = any(s.id == source_id for s in known.sources)
    described = f"News article read by kb ingest from {article.origin}."
    source = Source(
        id=source_id,
        title=article.title or _headline(article.text),
        outlet=article.outlet,
        url=article.url,
        published_on=article.published_on,
        description=described,
        text=article.text,
    )
    return source, matched


def _headline(text: str) -> str | None:
    first = segment(text).paragraphs[:1]
    if first and first[0].role is Role.HEADLINE:
        return first[0].span.of(text)
    return None


def _reconcile(
    result: Candidates, found: list[FoundInstrument], known: Known, taken: set[str]
) -> None:
    """Give each instrument its id: a matched one the stored record's, others new ones."""
    records = [c.record for c in result.instruments]
    # A report of a stored instrument names the countries it binds: "Tourism Malaysia and
    # PromPeru" in a Malaysia-Peru report is not the Kenya-Malaysia tourism MoU.
    text = result.article.text
    named = {m.country for m in find_countries(text, Span(0, len(text)))}
    possible = [
        record
        for record in known.instruments
        if all(_named_in(_countries_of_party(party), named) for party in record.parties)
    ]
    matches = match_instruments(records, possible, result.source.published_on)
    for candidate, found_one, match in zip(result.instruments, found, matches, strict=True):
        if match is None:
            parties = [name for name, _ in found_one.parties]
            slug = instrument_slug(candidate.record.title, parties, found_one.kind)
            record_id = unique_id(slug, taken)
        else:
            record_id = match.id
        candidate.record = msgspec.structs.replace(candidate.record, id=record_id)
        candidate.existing, candidate.match = match is not None, match


@functools.lru_cache(maxsize=4096)
def _countries_of_party(party: str) -> frozenset[str]:
    """The countries a stored party stands for, read as an article is read; none for a
    body. Cached: a large knowledge base repeats a few hundred parties many times."""
    if country_of_state(party) is None:
        return frozenset()
    return frozenset(m.country for m in find_countries(party, Span(0, len(party))))


def _named_in(countries: frozenset[str], named: set[str]) -> bool:
    # "Congo" may be either Congo the article names.
    return all(c in named or any(c in other.split() for other in named) for c in countries)


def _instrument(
    text: str, found: FoundInstrument, source_id: str, people: InstrumentPeople
) -> Candidate[Instrument]:
    """The instrument as this article reports it; ``_reconcile`` gives it its id."""
    title = found.name(text)
    party_spans = people.parties(text, found)
    parties = [name for name, _ in party_spans]
    officials = people.officials(source_id)
    witnesses = people.ceremony.witnesses.get(people.index, [])
    excerpts = [Excerpt(source=source_id, text=s.span.of(text)) for s in found.excerpts]
    record = Instrument(
        id="",
        title=title,
        kind=found.kind,
        parties=parties or ["unknown"],
        status=found.status,
        summary=found.summary.span.of(text) if found.summary else None,
        aims=[a.of(text) for a in found.aims],
        witnesses=[w.name for w in witnesses],
        officials=[official for official, _ in officials],
        sources=[source_id],
        excerpts=excerpts,
    )
    spans = [
        FieldSpan("title", found.title.start, found.title.end),
        FieldSpan("kind", found.kind_span.start, found.kind_span.end),
    ]
    spans += [FieldSpan("parties", s.start, s.end) for _, s in party_spans]
    if found.status_span:
        spans.append(FieldSpan("status", found.status_span.start, found.status_span.end))
    if found.summary:
        spans.append(FieldSpan("summary", found.summary.span.start, found.summary.span.end))
    spans += [FieldSpan("aims", a.start, a.end) for a in found.aims]
    spans += [FieldSpan("witnesses", w.span.start, w.span.end) for w in witnesses]
    spans += [FieldSpan("officials", span.start, span.end) for _, span in officials]
    spans += [FieldSpan("excerpts", s.span.start, s.span.end) for s in found.excerpts]
    return Candidate(record, spans, False, found.intro.span)


def _quotation(
    text: str,
    found: FoundQuotation,
    source_id: str,
    known: Known,
    taken: set[str],
    instrument_ids: list[str],
) -> Candidate[Quotation]:
    quoted = found.quote.text.of(text)
    attribution = found.attribution
    match = match_quotation(quoted, attribution.speaker, known.quotations)
    if match:
        record_id = match.id
    else:
        slug = quotation_slug(quoted, attribution.speaker, attribution.is_person)
        record_id = unique_id(slug, taken)
    instrument = instrument_ids[found.instrument] if found.instrument is not None else None
    record = Quotation(
        id=record_id,
        text=quoted,
        speaker=attribution.speaker,
        speaker_role=attribution.role,
        verb=None if found.continued else attribution.verb,
        context=found.quote.sentence.span.of(text),
        instrument=instrument,
        source=source_id,
    )
    spans = [FieldSpan("text", found.quote.text.start, found.quote.text.end)]
    spans.append(FieldSpan("speaker", attribution.speaker_span.start, attribution.speaker_span.end))
    if attribution.full_span is not None:
        spans.append(FieldSpan("speaker", attribution.full_span.start, attribution.full_span.end))
    if attribution.role_span is not None:
        spans.append(
            FieldSpan("speaker_role", attribution.role_span.start, attribution.role_span.end)
        )
    if attribution.verb_span is not None and not found.continued:
        spans.append(FieldSpan("verb", attribution.verb_span.start, attribution.verb_span.end))
    sentence = found.quote.sentence.span
    spans.append(FieldSpan("context", sentence.start, sentence.end))
    if found.instrument_span is not None and instrument is not None:
        spans.append(
            FieldSpan("instrument", found.instrument_span.start, found.instrument_span.end)
        )
    return Candidate(record, spans, match is not None, sentence, match)


def _validate(candidates: Candidates) -> None:
    # Struct constructors do not check constraints (id pattern, non-blank text); a record
    # the rules got wrong must fail here, not when `kb import` refuses it.
    records: list[Instrument | Quotation] = [c.record for c in candidates.instruments]
    records += [c.record for c in candidates.quotations]
    for record in records:
        msgspec.convert(to_document(record), type(record))
