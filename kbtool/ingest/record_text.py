"""A record as text a person edits: one ``field: value`` line each, lists as ``- item`` lines.

``kb ingest -i`` writes a candidate in this form to a file for ``$VISUAL``/``$EDITOR`` and
reads it back; so does ``kb edit ID`` without ``--set``, for a stored record. It is a small
subset of YAML that needs no library::

    # Lines that start with # are ignored.
    title: MoU on Tourism Cooperation
    kind: memorandum-of-understanding
    parties:
      - Kenya
      - Malaysia
    summary:
    officials:
      - {"name": "Rebecca Miano", "role": "Tourism CS", "source": "article-0123"}

An empty value is none (or an empty list); a list item that is an object is written as
JSON; a value that would not survive the round trip (a line break, leading spaces, a
leading quote or brace) is written as a JSON string. Reading back checks the record with
``kbtool.models.validate`` and says what is wrong in the words of ``models.explain``.
May import ``kbtool.models`` only.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec

from kbtool.models import KIND_VALUES, STATUS_VALUES, RecordType, explain, to_document, validate

# Where the knowledge base's own bookkeeping lives; edited by hand it would only go wrong.
HIDDEN = ("spans", "claims")


class EditError(ValueError):
    """What is wrong with an edited record, in a user's words (a line number if it helps)."""


def _needs_json(value: str) -> bool:
    return "\n" in value or value != value.strip() or value.startswith(('"', "{", "[")) or not value


def _scalar(value: Any) -> str:
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    return json.dumps(text, ensure_ascii=False) if _needs_json(text) else text


def dump(record: msgspec.Struct, about: str, hidden: tuple[str, ...] = HIDDEN) -> str:
    """``record`` as editable text, under a header of comments (``about`` first); the
    fields in ``hidden`` are left out."""
    lines = [
        f"# {about}",
        "# Edit the fields, save and quit the editor; lines starting with # are ignored.",
        "# A list is one '- item' per line; an empty value means none.",
    ]
    if "kind" in record.__struct_fields__:
        lines.append(f"# kind is one of: {', '.join(KIND_VALUES)}")
    if "status" in record.__struct_fields__:
        lines.append(f"# status is one of: {', '.join(STATUS_VALUES)} (empty: unknown)")
    lines.append("")
    for name, value in to_document(record).items():
        if name in hidden:
            continue
        if isinstance(value, list):
            lines.append(f"{name}:")
            lines += [f"  - {_scalar(item)}" for item in value]
        else:
            lines.append(f"{name}: {'' if value is None else _scalar(value)}")
    return "\n".join(lines) + "\n"


def _parse_value(text: str, where: str) -> Any:
    if text.startswith(('"', "{", "[")):
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise EditError(f"{where}: not valid JSON ({error.msg})") from None
    return text


def _read_fields(text: str, names: tuple[str, ...]) -> tuple[dict[str, Any], set[str]]:
    """The fields as written, and which of them were written as lists."""
    fields: dict[str, Any] = {}
    lists: set[str] = set()
    current: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        where = f"line {number}"
        if stripped.startswith("-") and (line[0].isspace() or stripped == "-" or line[1] == " "):
            if current is None:
                raise EditError(f"{where}: a '- item' line must follow a 'field:' line")
            fields[current].append(_parse_value(stripped[1:].strip(), where))
            continue
        name, colon, value = line.partition(":")
        name = name.strip()
        if not colon or not name:
            raise EditError(f"{where}: expected 'field: value', got {stripped!r}")
        if name not in names:
            raise EditError(f"{where}: no field {name!r}; fields are: {', '.join(names)}")
        if name in fields:
            raise EditError(f"{where}: {name!r} is given twice")
        value = value.strip()
        current = None if value else name
        fields[name] = _parse_value(value, where) if value else []
        if not value:
            lists.add(name)
    return fields, lists


def load(
    text: str, record_type: type[RecordType], like: RecordType, hidden: tuple[str, ...] = HIDDEN
) -> RecordType:
    """The record ``text`` describes; a field left out is cleared, except those not shown
    (``hidden``), which keep ``like``'s values. Raises ``EditError``."""
    names = tuple(n for n in record_type.__struct_fields__ if n not in hidden)
    fields, lists = _read_fields(text, names)
    document = to_document(like)
    original = dict(document)
    for name, value in fields.items():
        if name in lists and not value and not isinstance(original.get(name), list):
            value = None  # "summary:" with nothing after it: no summary
        elif isinstance(original.get(name), list) and not isinstance(value, list):
            value = [value]  # "parties: Kenya" is a list of one
        document[name] = value
    for name in names:
        if name not in fields:
            document[name] = [] if isinstance(original.get(name), list) else None
    try:
        return validate(document, record_type)
    except msgspec.ValidationError as error:
        raise EditError(explain(error)) from None
