"""Records as search sees them: weighted fields, analysed on demand, and what an index answers.

``Document`` is a record with its fields (its own, and those made for search: people, roles,
venue, quotations, about) analysed into tokens when first asked for; ``SearchIndex`` is what
planning and ranking ask of an index, in memory (``kbtool.search.memory_index``) or on disk
(``kbtool.search.disk_index``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Literal, Protocol, cast

import msgspec

from kbtool.models import Instrument, Quotation
from kbtool.search.analysis import Token, tokenize

if TYPE_CHECKING:
    from array import array


Record = Instrument | Quotation
RecordTypeName = Literal["instrument", "quotation"]

# How much a match in a field says about the record: what the record is (title, kind) over
# what it covers (sectors, places, parties, people) over what it says about itself.
FIELD_WEIGHTS = {
    # An instrument's fields, then a quotation's, each in the order ``field_values`` gives
    # them: a document's matches are added up in this order on every path (in memory, on
    # disk, in arrays), so that their sums are the same float.
    "title": 3.0,
    "kind": 3.0,
    "sectors": 2.0,
    "places": 2.0,
    "parties": 2.0,
    "people": 1.5,
    "summary": 1.0,
    "aims": 1.0,
    "quotations": 0.6,
    "claims": 0.5,
    "roles": 0.4,
    "venue": 0.4,
    "text": 1.0,
    "speaker": 2.0,
    "speaker_role": 0.8,
    "about": 0.6,
    "context": 0.5,
}
# A field's code in packed postings is its place here.
FIELD_NAMES = tuple(FIELD_WEIGHTS)
# Tokens of two values of one field (two sectors, two aims) are this far apart, so that a
# phrase never matches across them.
VALUE_GAP = 10


class Field(msgspec.Struct, frozen=True):
    """One field of a record: its values joined by "; ", and the tokens of that text."""

    name: str
    text: str
    tokens: tuple[Token, ...]


class Document:
    """A record as search sees it, its fields analysed into tokens when first asked for.

    ``instrument`` is the instrument itself, or the one a quotation is about: what kind:,
    party: and the other instrument qualifiers look at. ``related`` gives what a field of
    the record is made from besides the record (an instrument's quotations, a quotation's
    instrument); an index on disk reads it only if a phrase or a snippet needs that field.
    """

    def __init__(
        self,
        record: Record,
        instrument: Instrument | Callable[[], Instrument | None] | None = None,
        *,
        fields: tuple[Field, ...] | None = None,
        related: Callable[[], Sequence[Quotation] | Instrument | None] | None = None,
    ) -> None:
        self.record = record
        self._instrument = instrument
        self._related = related
        self._fields: dict[str, Field | None] = {}
        self._complete = fields is not None
        for given in fields or ():
            self._fields[given.name] = given

    @cached_property
    def instrument(self) -> Instrument | None:
        found = self._instrument
        return found() if callable(found) else found

    def _values(self, name: str) -> list[str | None]:
        needs_related = name in ("quotations", "about") and self._related is not None
        related = self._related() if needs_related and self._related else None
        if related is None and name == "about" and isinstance(self.record, Quotation):
            related = self.instrument  # read only for the field that needs it
        return next(
            (values for field, values in field_values(self.record, related) if field == name), []
        )

    def values(self, name: str) -> list[str | None]:
        """A field's values, as ``field_values`` gives them."""
        return self._values(name)

    def text(self, name: str) -> str:
        """A field's text, without analysing it (as ``Field.text``)."""
        if name in self._fields:
            found = self._fields[name]
            return found.text if found else ""
        return "; ".join(value for value in self._values(name) if value)

    def field(self, name: str) -> Field | None:
        if name not in self._fields and not self._complete:
            self._fields[name] = _field(name, self._values(name))
        return self._fields.get(name)

    @cached_property
    def fields(self) -> tuple[Field, ...]:
        if self._complete:
            return tuple(f for f in self._fields.values() if f is not None)
        names = [name for name, _ in field_values(self.record, None)]
        return tuple(f for name in names if (f := self.field(name)) is not None)

    @property
    def type(self) -> RecordTypeName:
        return "instrument" if isinstance(self.record, Instrument) else "quotation"


class SearchIndex(Protocol):
    """What a query reads of an index: kept in memory (``Index``) or on disk
    (``kbtool.search.disk_index.DiskIndex``). Documents are numbered; numbers may have gaps."""

    @property
    def size(self) -> int:
        """How many documents there are (for the rarity of a term)."""
        ...

    def numbers(self) -> Iterable[int]: ...

    def postings_for(self, stem: str) -> Mapping[int, Mapping[str, int]]:
        """Where a stem occurs: document number -> field name -> how often, fields in the
        order of ``FIELD_NAMES``."""
        ...

    def phrase_postings(
        self, keys: Sequence[str], exact: bool
    ) -> Mapping[int, Mapping[str, int]] | None:
        """Where ``keys`` stand one after another in a value (words with ``exact``, else
        stems), fields by name; None for an index that cannot tell without the documents'
        tokens."""
        ...

    def document(self, number: int) -> Document: ...

    def documents_of(self, numbers: Sequence[int]) -> Mapping[int, Document]:
        """``document`` of each of ``numbers`` (an index on disk reads them together)."""
        ...

    def field_length(self, number: int, field_name: str) -> int: ...

    def field_lengths(self, field_name: str) -> Sequence[int]:
        """``field_length`` of every document, by number (shorter if the last have none)."""
        ...

    def packed_postings(self, stem: str) -> array[int] | None:
        """``postings_for(stem)`` flat, if the index keeps it so: pairs of (document number,
        field code << 16 | count), a field's code being its place in ``FIELD_NAMES``, and a
        document's fields together in the order ``postings_for`` gives them. None for an
        index that keeps only the mapping."""
        ...

    def average_length(self, field_name: str) -> float: ...

    def stem_of(self, word: str) -> str | None: ...

    def words_of_stem(self, stem: str) -> Sequence[str]:
        """Every word the documents use with this stem."""
        ...

    def word_documents(self, word: str) -> int: ...

    def words_starting_with(self, prefix: str) -> Iterator[str]: ...

    def known_words(self) -> Iterable[str]: ...

    def label(self, number: int) -> tuple[str, str]:
        """A document's type and record id, to order equal scores without reading it."""
        ...

    def prefetch(self, numbers: Iterable[int]) -> None:
        """Get ready to score these documents (an index on disk reads their lengths at once)."""
        ...


def _field(name: str, values: Iterable[str | None]) -> Field | None:
    parts: list[str] = []
    tokens: list[Token] = []
    offset, position = 0, 0
    for value in values:
        if not value:
            continue
        if parts:
            offset += 2  # the "; " between values
        for token in tokenize(value, position):
            tokens.append(
                Token(
                    token.word, token.stem, token.start + offset, token.end + offset, token.position
                )
            )
        if tokens:
            position = tokens[-1].position + VALUE_GAP
        parts.append(value)
        offset += len(value)
    return Field(name, "; ".join(parts), tuple(tokens)) if tokens else None


def _instrument_values(
    instrument: Instrument, quotations: Sequence[Quotation]
) -> Iterator[tuple[str, list[str | None]]]:
    yield "title", [instrument.title]
    yield "kind", [instrument.kind.replace("-", " ")]
    yield "sectors", [*instrument.sectors]
    yield "places", [*instrument.places]
    yield "parties", [*instrument.parties]
    yield "people", [*(o.name for o in instrument.officials), *instrument.witnesses]
    yield "summary", [instrument.summary]
    yield "aims", [*instrument.aims]
    yield "quotations", [q.text for q in quotations]
    yield (
        "claims",
        [
            value
            for claim in instrument.claims
            for value in ([claim.value] if isinstance(claim.value, str) else claim.value)
        ],
    )
    yield "roles", [o.role for o in instrument.officials]
    yield "venue", [instrument.signed_at, instrument.exchanged_at]


def _quotation_values(
    quotation: Quotation, about: Instrument | None
) -> Iterator[tuple[str, list[str | None]]]:
    yield "text", [quotation.text]
    yield "speaker", [quotation.speaker]
    yield "speaker_role", [quotation.speaker_role]
    yield "about", [about.title if about else None]
    yield "context", [quotation.context]


def field_values(
    record: Record, related: Sequence[Quotation] | Instrument | None
) -> Iterator[tuple[str, list[str | None]]]:
    """The searchable fields of a record and their values; ``related`` is an instrument's
    quotations, or the instrument a quotation is about."""
    if isinstance(record, Instrument):
        yield from _instrument_values(record, related if isinstance(related, Sequence) else [])
    else:
        yield from _quotation_values(record, related if isinstance(related, Instrument) else None)


def own_field_texts(
    records: Sequence[Instrument] | Sequence[Quotation], mark: str
) -> dict[str, list[str]]:
    """For each field of ``field_values`` made of the record's own words (not an
    instrument's quotations, nor a quotation's about), every record's values joined by
    ``mark``, empty ones left out: ``field_values`` read a field at a time across many
    records, which an index build does several times faster than a record at a time."""
    join = mark.join
    if not records:
        return {}
    if isinstance(records[0], Quotation):
        quotations = cast(Sequence[Quotation], records)
        return {
            "text": [q.text or "" for q in quotations],
            "speaker": [q.speaker or "" for q in quotations],
            "speaker_role": [q.speaker_role or "" for q in quotations],
            "context": [q.context or "" for q in quotations],
        }
    instruments = cast(Sequence[Instrument], records)
    return {
        "title": [i.title or "" for i in instruments],
        "kind": [i.kind.replace("-", " ") for i in instruments],
        "sectors": [join(filter(None, i.sectors)) for i in instruments],
        "places": [join(filter(None, i.places)) for i in instruments],
        "parties": [join(filter(None, i.parties)) for i in instruments],
        "people": [
            join(filter(None, [*(o.name for o in i.officials), *i.witnesses]))
            if i.officials or i.witnesses
            else ""
            for i in instruments
        ],
        "summary": [i.summary or "" for i in instruments],
        "aims": [join(filter(None, i.aims)) for i in instruments],
        "claims": [
            join(
                filter(
                    None,
                    [
                        value
                        for claim in i.claims
                        for value in (
                            [claim.value] if isinstance(claim.value, str) else claim.value
                        )
                    ],
                )
            )
            if i.claims
            else ""
            for i in instruments
        ],
        "roles": [
            join(filter(None, [o.role for o in i.officials])) if i.officials else ""
            for i in instruments
        ],
        "venue": [join(filter(None, [i.signed_at, i.exchanged_at])) for i in instruments],
    }


def document_of(record: Record, related: Sequence[Quotation] | Instrument | None) -> Document:
    """A record analysed for search; ``related`` as for ``field_values``."""
    fields = tuple(
        made
        for name, values in field_values(record, related)
        if (made := _field(name, values)) is not None
    )
    if isinstance(record, Instrument):
        return Document(record, record, fields=fields, related=lambda: related)
    about = related if isinstance(related, Instrument) else None
    return Document(record, about, fields=fields, related=lambda: related)
