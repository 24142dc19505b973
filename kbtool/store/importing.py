"""Reading what ``kb import`` and ``kb add source --text-file`` are given.

Input is checked before anything is written: it must be UTF-8 and well-formed JSON (no
NaN or Infinity), and every problem of a JSONL file is reported at once, line by line.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec

from kbtool.errors import DataError, RecordsRefused, UsageError
from kbtool.models import TABLE_OF, TABLES


def read_bytes_input(file: str) -> bytes:
    """The bytes of a file, or of stdin for ``-``."""
    if file == "-":
        return sys.stdin.buffer.read()
    if not file:
        raise UsageError("no file given (use - for stdin)")
    try:
        return Path(file).read_bytes()
    except FileNotFoundError:
        raise DataError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise DataError(f"{file} is a directory") from None
    except OSError as error:
        raise DataError(f"cannot read {file}: {error.strerror}") from None


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cycle collector paused, while a large import reads and writes its records.

    They are made by the hundred thousand and kept until the end, in no cycle: the
    collector, run every few hundred objects made, would traverse them all again and
    again (a third of the time of validating them at 14k instruments) to free nothing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def decode_utf8(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError(
            f"{name} is not UTF-8 text (invalid byte at offset {error.start})"
        ) from None


def read_text_input(file: str) -> str:
    name = "stdin" if file == "-" else file
    return decode_utf8(read_bytes_input(file), name)


def parse_import(raw: bytes, name: str) -> dict[str, list[Any]]:
    """The records of an export document or a JSONL file, by table; nothing validated yet.

    Read from the bytes as they are (msgspec checks the UTF-8 of every string): the text
    of a large file costs more than its records, since one character outside Latin-1
    makes it two or four bytes a character. Input that is not simply well-formed is read
    again as text, which names every problem.
    """
    try:
        whole = msgspec.json.decode(raw)
    except msgspec.DecodeError:
        whole = None
    if isinstance(whole, dict) and "type" not in whole:
        return _from_document(whole, name)
    if whole is None or isinstance(whole, dict):
        records = _well_formed_jsonl(raw)
        if records is not None:
            return records
    return _parse_text(decode_utf8(raw, name), name)


def _well_formed_jsonl(raw: bytes) -> dict[str, list[Any]] | None:
    """The records of a JSONL file by table, if every line is blank or a JSON object with
    a known ``"type"``; else None."""
    batch: dict[str, list[Any]] = {table: [] for table in TABLES}
    decode = msgspec.json.decode
    for line in raw.split(b"\n"):  # a line ends at "\n" only, as in _from_jsonl
        if not line.strip():
            continue
        try:
            record = decode(line)
        except msgspec.DecodeError:
            return None
        if not isinstance(record, dict):
            return None
        kind = record.pop("type", None)
        if not isinstance(kind, str) or kind not in TABLE_OF:
            return None
        batch[TABLE_OF[kind]].append(record)
    return batch


def _parse_text(text: str, name: str) -> dict[str, list[Any]]:
    """``parse_import`` of the file's text, naming what is wrong with it."""
    if not text.strip():
        return {table: [] for table in TABLES}  # an empty JSONL file: zero records
    try:
        whole = msgspec.json.decode(text)
    except msgspec.DecodeError:
        whole = None
    if isinstance(whole, dict) and "type" not in whole:
        return _from_document(whole, name)
    if whole is None and not _looks_like_jsonl(text):
        try:
            msgspec.json.decode(text)
        except msgspec.DecodeError as error:
            raise DataError(f"{name} is not valid JSON: {error}") from None
    return _from_jsonl(text, name)


def _looks_like_jsonl(text: str) -> bool:
    """Whether the first line is a whole record, as in JSONL, not the start of a document."""
    first = next((line for line in text.split("\n") if line.strip()), "")
    try:
        return isinstance(msgspec.json.decode(first), dict)
    except msgspec.DecodeError:
        return False


def _from_document(document: dict[str, Any], name: str) -> dict[str, list[Any]]:
    unknown = [key for key in document if key not in TABLES]
    if unknown:
        raise DataError(
            f"{name}: unknown table(s) {', '.join(map(repr, unknown))}; "
            f"an export document has {', '.join(TABLES)}"
        )
    batch: dict[str, list[Any]] = {}
    for table, records in document.items():
        if not isinstance(records, list):
            raise DataError(f"{name}: {table} must be a JSON array of records")
        batch[table] = records
    return batch


def _from_jsonl(text: str, name: str) -> dict[str, list[Any]]:
    # Lines end at "\n" only: JSON strings may hold U+2028 or form feeds, which
    # str.splitlines() would also split at.
    batch: dict[str, list[Any]] = {table: [] for table in TABLES}
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = msgspec.json.decode(line)
        except msgspec.DecodeError as error:
            problems.append(f"line {number}: not valid JSON: {error}")
            continue
        if not isinstance(record, dict):
            problems.append(f"line {number}: not a JSON object")
            continue
        kind = record.pop("type", None)
        if kind not in TABLE_OF:
            problems.append(
                f'line {number}: "type" must be one of {", ".join(TABLE_OF)}, not {kind!r}'
            )
            continue
        batch[TABLE_OF[kind]].append(record)
    if problems:
        raise RecordsRefused(f"nothing imported: {name} has {len(problems)} bad line(s)", problems)
    return batch
