"""The three record types of a knowledge base, their vocabularies and their validation.

Records are ``msgspec.Struct`` types: msgspec validates a decoded document in one pass and
imports in a couple of milliseconds, which matters because every ``kb`` command loads
records. (pydantic would validate as well, but building its models costs tens of
milliseconds per start-up.) Field order here is the key order of stored and printed JSON.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal, TypeAlias, TypeVar, get_args

import msgspec

KIND_VALUES = (
    "agreement",
    "memorandum-of-understanding",
    "letter-of-intent",
    "treaty",
    "protocol",
    "exchange-of-notes",
    "declaration",
    "other",
)
STATUS_VALUES = (
    "proposed",
    "signed",
    "ratified",
    "in-force",
    "suspended",
    "terminated",
    "expired",
)
Kind: TypeAlias = Literal[
    "agreement",
    "memorandum-of-understanding",
    "letter-of-intent",
    "treaty",
    "protocol",
    "exchange-of-notes",
    "declaration",
    "other",
]
Status: TypeAlias = Literal[
    "proposed", "signed", "ratified", "in-force", "suspended", "terminated", "expired"
]
assert get_args(Kind) == KIND_VALUES and get_args(Status) == STATUS_VALUES
# How a terminal table names each kind, where a column is narrow: the abbreviations people
# write (search reads MoU and LoI too). JSON, TSV, CSV and filters keep the values.
KIND_LABELS: dict[str, str] = {
    "agreement": "agreement",
    "memorandum-of-understanding": "MoU",
    "letter-of-intent": "LoI",
    "treaty": "treaty",
    "protocol": "protocol",
    "exchange-of-notes": "exch. of notes",
    "declaration": "declaration",
    "other": "other",
}
assert tuple(KIND_LABELS) == KIND_VALUES

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Lower-case words joined by single hyphens: safe in URLs, shell arguments and file names.
RecordId = Annotated[str, msgspec.Meta(pattern=ID_PATTERN, max_length=120)]
# At least one non-blank character, and no lone surrogates: those are what Python makes of
# bytes that are not UTF-8 (in a file name, an argument), and they cannot be stored as JSON.
# The first non-blank character is looked for from the start (``*?``), not back from the end:
# every text field of every record imported is matched (74,000 in 3,000 instruments).
TEXT_PATTERN = r"^(?=[\s\S]*?\S)[^\ud800-\udfff]*$"
# A field of a record: a name, a title, a sentence or a paragraph.
Text = Annotated[str, msgspec.Meta(pattern=TEXT_PATTERN, max_length=20_000)]
# The full text of a source document.
Document = Annotated[str, msgspec.Meta(pattern=TEXT_PATTERN, max_length=5_000_000)]
ClaimValue = str | list[str]


class Record(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Fields every record has."""

    id: RecordId


class Excerpt(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A verbatim passage of a source's text that supports a record."""

    source: RecordId
    text: Text


class Claim(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A value for one field of a record, as one source (other than the article) gives it.

    Sources can disagree, so a field may have several claims; none replaces another.
    """

    field: Text
    value: ClaimValue
    source: RecordId


class Official(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A person a source names in connection with an instrument, in that source's words."""

    name: Text
    role: Text | None = None
    note: Text | None = None
    source: RecordId


class Span(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Where in a source's text the value of one field was read: ``text[start:end]``."""

    field: Text
    source: RecordId
    start: Annotated[int, msgspec.Meta(ge=0)]
    end: Annotated[int, msgspec.Meta(ge=1)]


class Instrument(Record, kw_only=True, forbid_unknown_fields=True):
    """An agreement, memorandum, letter of intent or other cooperation instrument."""

    title: Text
    kind: Kind
    parties: Annotated[list[Text], msgspec.Meta(min_length=1)]
    status: Status | None = None  # null when no source states it, as every unknown fact
    summary: Text | None = None
    aims: list[Text] = []
    sectors: list[Text] = []
    places: list[Text] = []
    signed_on: datetime.date | None = None
    signed_at: Text | None = None
    exchanged_on: datetime.date | None = None
    exchanged_at: Text | None = None
    witnesses: list[Text] = []
    officials: list[Official] = []
    sources: list[RecordId] = []
    excerpts: list[Excerpt] = []
    claims: list[Claim] = []
    spans: list[Span] = []


class Quotation(Record, kw_only=True, forbid_unknown_fields=True):
    """Words a person or body said, verbatim as the source prints them."""

    text: Text
    speaker: Text
    speaker_role: Text | None = None
    verb: Text | None = None
    context: Text | None = None
    instrument: RecordId | None = None
    source: RecordId | None = None
    spans: list[Span] = []


class Source(Record, kw_only=True, forbid_unknown_fields=True):
    """Where facts come from: an article kept in full, or a report cited for some facts."""

    title: Text | None = None
    outlet: Text | None = None
    url: Text | None = None
    published_on: datetime.date | None = None
    description: Text
    statements: list[Text] = []
    text: Document | None = None


RecordType = TypeVar("RecordType", bound=Record)

TABLES: dict[str, type[Instrument] | type[Quotation] | type[Source]] = {
    "instruments": Instrument,
    "quotations": Quotation,
    "sources": Source,
}
RECORD_TYPE_NAMES = {Instrument: "instrument", Quotation: "quotation", Source: "source"}
# What a record is called (kb add's argument, JSONL's "type") -> its table.
RecordKind = Literal["instrument", "quotation", "source"]
TABLE_OF: dict[str, str] = {
    "instrument": "instruments",
    "quotation": "quotations",
    "source": "sources",
}


def field_names(record_type: type[msgspec.Struct]) -> tuple[str, ...]:
    """The fields of a record type, in their stored order."""
    return record_type.__struct_fields__


def validate(document: Any, record_type: type[RecordType]) -> RecordType:
    """Turn a decoded JSON object into a record, or raise ``msgspec.ValidationError``."""
    return msgspec.convert(document, record_type)


def unchecked(record_type: type[RecordType]) -> type[RecordType]:
    """``record_type`` without its constraints (patterns, lengths): a subclass that reads
    documents three times faster, for a copy of records that ``validate`` checks in
    another process (``kb import``'s index child, started before the check)."""
    found = _UNCHECKED.get(record_type)
    if found is None:
        found = _UNCHECKED[record_type] = _without_constraints(record_type)
    return found  # type: ignore[return-value]  # a subclass made by defstruct


_UNCHECKED: dict[type[msgspec.Struct], type[msgspec.Struct]] = {}


def _without_constraints(struct_type: type[msgspec.Struct]) -> type[msgspec.Struct]:
    import functools
    import operator
    import types
    import typing

    def loosened(kind: Any) -> Any:
        if isinstance(kind, type) and issubclass(kind, msgspec.Struct):
            return unchecked(kind)
        arguments = tuple(map(loosened, get_args(kind)))
        if typing.get_origin(kind) is list:
            return list[arguments[0]]  # type: ignore[valid-type]
        if typing.get_origin(kind) in (typing.Union, types.UnionType):
            return functools.reduce(operator.or_, arguments)
        return kind

    # Without include_extras, type hints leave out Annotated's constraints.
    hints = typing.get_type_hints(struct_type)
    fields: list[Any] = []
    for info in msgspec.structs.fields(struct_type):
        default = info.default
        if info.default_factory is not msgspec.NODEFAULT:
            default = msgspec.field(default_factory=info.default_factory)
        kind = loosened(hints[info.name])
        fields.append(
            (info.name, kind) if default is msgspec.NODEFAULT else (info.name, kind, default)
        )
    return msgspec.defstruct(
        f"Unchecked{struct_type.__name__}",
        fields,
        bases=(struct_type,),
        kw_only=True,
        forbid_unknown_fields=True,
    )


def to_document(record: msgspec.Struct) -> dict[str, Any]:
    """The JSON-ready dict of a record: dates as ISO strings, fields in model order."""
    document: dict[str, Any] = msgspec.to_builtins(record)
    return document


_ERROR_LOCATION = re.compile(r" - at `\$(?P<path>[^`]*)`$")
_FRIENDLY = {
    f"Expected `str` matching regex {ID_PATTERN!r}": (
        "must be lower-case letters and digits joined by single hyphens, "
        "e.g. 'kenya-malaysia-tourism-mou'"
    ),
    f"Expected `str` matching regex {TEXT_PATTERN!r}": ("must be non-blank text, valid UTF-8"),
    "Invalid RFC3339 encoded date": "must be a date written YYYY-MM-DD, e.g. 2025-11-24",
}


def explain(error: msgspec.ValidationError) -> str:
    """A validation error in a user's words: which field, and what it must be."""
    message = str(error)
    path = ""
    located = _ERROR_LOCATION.search(message)
    if located:
        path = located.group("path").lstrip(".")
        message = message[: located.start()]
    message = _FRIENDLY.get(message, message)
    if message.startswith("Invalid enum") and path in ("kind", "status"):
        allowed = KIND_VALUES if path == "kind" else STATUS_VALUES
        message += f"; must be one of: {', '.join(allowed)}"
    return f"field `{path}`: {message}" if path else message


def slugify(text: str, max_length: int = 60) -> str:
    """A record id made from words: 'MoU on Tourism (2025)' -> 'mou-on-tourism-2025'."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or (words[0][:max_length] if words else "record")
