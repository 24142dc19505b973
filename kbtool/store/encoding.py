"""The knowledge base file's bytes: TinyDB's JSON layout, encoded and decoded with msgspec.

A file is ``{"instruments": {"1": {...}, ...}, "quotations": ..., "sources": ...}``; a
file that is not one raises ``DataError`` naming the file and the backup to restore.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import msgspec

from kbtool.errors import DataError
from kbtool.store.appending import TableSpan, largest_key

if TYPE_CHECKING:
    pass


TABLE_NAMES = ("instruments", "quotations", "sources")
# Ids of removed records, so that a generated id is never given to another record.
RETIRED_TABLE = "retired_ids"

Tables = dict[str, dict[str, dict[str, Any]]]


class _Handle(msgspec.Struct):
    """The one field a transaction needs of every record: its id (the rest stays undecoded)."""

    id: Any = None


def encode(data: Tables) -> bytes:
    """The file's bytes: indented, tables in a fixed order, records' keys in model order."""
    return b"".join(encode_chunks(data))


def encode_record(key: str, document: Any) -> bytes:
    """One record as it stands in its table: key, and the record indented for its place."""
    return b"\n    " + msgspec.json.encode(key) + b": " + indented(document)


def indented(document: Any) -> msgspec.Raw:
    """A record (a dict, or the record itself: its fields are the dict's, in the same
    order) formatted as it stands in its table, indented for its place."""
    formatted = msgspec.json.format(msgspec.json.encode(document), indent=2)
    return msgspec.Raw(formatted.replace(b"\n", b"\n    "))


def encode_chunks(
    data: Tables, spans: dict[str, TableSpan] | None = None
) -> Iterator[bytes | msgspec.Raw]:
    """``encode``'s bytes in pieces, so that a large file is written without being joined.

    Records a transaction did not decode (``msgspec.Raw``) are copied as they were read,
    already indented for their place; only new and changed records are formatted. Formatting
    the whole file again would cost a large knowledge base a quarter of a second per write.
    ``spans``, if given, is filled with where each table lies in the bytes (see
    ``kbtool.store.appending``).
    """
    order = [*TABLE_NAMES, RETIRED_TABLE]
    names = [name for name in order if name in data]
    names += [name for name in data if name not in names]
    encode_json = msgspec.json.encode
    offset = 1
    yield b"{"
    for table_number, name in enumerate(names):
        opening = b"\n  " + encode_json(name) + b": "
        yield opening + b"{"
        offset += len(opening)
        start = offset
        offset += 1
        table = data[name]
        last = len(table) - 1
        for record_number, (key, document) in enumerate(table.items()):
            piece = b"\n    " + encode_json(key) + b": "
            yield piece
            if isinstance(document, msgspec.Raw):
                yield document
                offset += len(piece) + len(document)
            else:
                formatted = msgspec.json.format(encode_json(document), indent=2)
                body = formatted.replace(b"\n", b"\n    ")
                yield body
                offset += len(piece) + len(body)
            if record_number < last:
                yield b","
                offset += 1
        closing = b"\n  }" if table else b"}"
        yield closing
        offset += len(closing)
        if spans is not None:
            spans[name] = TableSpan(start, offset, largest_key(list(table)), len(table))
        if table_number < len(names) - 1:
            yield b","
            offset += 1
    yield b"\n}\n" if names else b"}\n"


# What to restore instead, for an error message: made only when there is an error (it may
# read the backups).
RestoreHint = str | Callable[[], str]


def _hint(restore_hint: RestoreHint) -> str:
    return restore_hint() if callable(restore_hint) else restore_hint


def _decode_as(raw: bytes, name: str, restore_hint: RestoreHint, shape: Any) -> Any:
    """Decode a knowledge base file as ``shape``, or raise ``DataError`` naming the file."""
    if not raw or raw.isspace():  # isspace stops at the first other byte; strip would copy
        raise DataError(f"{name} is empty, not a knowledge base{_hint(restore_hint)}")
    try:
        return msgspec.json.decode(raw, type=shape)
    except msgspec.ValidationError:
        raise DataError(
            f"{name} is not a kbtool knowledge base (expected TinyDB tables){_hint(restore_hint)}"
        ) from None
    except msgspec.DecodeError as error:
        raise DataError(f"{name} is not valid JSON ({error}){_hint(restore_hint)}") from None


def decode(
    raw: bytes, name: str, restore_hint: RestoreHint = "", *, lazily: bool = False
) -> Tables:
    """Parse a knowledge base file's bytes, or raise ``DataError`` naming the file.

    ``lazily`` leaves each record undecoded (``msgspec.Raw``), for a transaction; each is
    checked to be an object when the transaction scans the ids.
    """
    shape = dict[str, dict[str, msgspec.Raw]] if lazily else dict[str, dict[str, dict[str, Any]]]
    tables: Tables = _decode_as(raw, name, restore_hint, shape)
    return tables


def decode_tables(raw: bytes, name: str, restore_hint: RestoreHint = "") -> dict[str, msgspec.Raw]:
    """The tables of a knowledge base file, each left undecoded until it is needed."""
    tables: dict[str, msgspec.Raw] = _decode_as(raw, name, restore_hint, dict[str, msgspec.Raw])
    # Some other JSON object ({"name": "..."}) must not read as an empty knowledge base.
    if not all(bytes(memoryview(table)[:1]) == b"{" for table in tables.values()):
        raise DataError(
            f"{name} is not a kbtool knowledge base (expected TinyDB tables){_hint(restore_hint)}"
        )
    return tables
