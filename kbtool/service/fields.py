"""Field values as users type them (``kb edit --set``, ``--unset``) and as TinyDB stores them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

import msgspec

from kbtool.errors import UsageError
from kbtool.models import (
    KIND_VALUES,
    RECORD_TYPE_NAMES,
    STATUS_VALUES,
    TABLES,
    Instrument,
    to_document,
    validate,
)

# An instrument's fields whose values come from a vocabulary, and its values.
CONTROLLED_FIELDS = {"kind": KIND_VALUES, "status": STATUS_VALUES}


def normalised(document: Any, table_name: str) -> Any:
    """A stored document as this version writes it (a file from an older one may lack
    fields that now have defaults), so that comparing it with a new one is fair."""
    try:
        return to_document(validate(document, TABLES[table_name]))
    except msgspec.ValidationError:
        return document


def replace_with(
    documents: Mapping[str, dict[str, Any]],
) -> Callable[[MutableMapping[str, Any]], None]:
    """A TinyDB update that replaces documents whole, by record id (TinyDB's update merges)."""

    def replace(document: MutableMapping[str, Any]) -> None:
        new = documents[document["id"]]
        document.clear()
        document.update(new)

    return replace


def _field_types(record_type: type[msgspec.Struct]) -> dict[str, Any]:
    info = msgspec.inspect.type_info(record_type)
    assert isinstance(info, msgspec.inspect.StructType)
    return {f.name: f.type for f in info.fields}


def _is_text_list(field_type: Any) -> bool:
    inner = field_type
    return isinstance(inner, msgspec.inspect.ListType) and isinstance(
        inner.item_type, msgspec.inspect.StrType
    )


def parse_field_value(record_type: type[msgspec.Struct], name: str, text: str) -> Any:
    """A ``--set FIELD=VALUE`` value as the field's type wants it."""
    types = _field_types(record_type)
    if name not in types:
        raise UsageError(
            f"{RECORD_TYPE_NAMES[record_type]}s have no field {name!r}; fields are: "
            + ", ".join(types)
        )
    field_type = types[name]
    controlled = CONTROLLED_FIELDS.get(name) if record_type is Instrument else None
    if controlled is not None:
        # What kb add and kb list take: any case, or an abbreviation (mou); else a usage
        # error naming the allowed values.
        from kbtool.search.filters import controlled_value

        return controlled_value(text, controlled, name)
    if _is_text_list(field_type):
        return [item.strip() for item in text.split(",") if item.strip()]
    if isinstance(field_type, msgspec.inspect.ListType):
        try:
            return msgspec.json.decode(text)
        except msgspec.DecodeError:
            raise UsageError(f"{name} takes a JSON array of objects, e.g. '[{{...}}]'") from None
    if not text.strip():
        raise UsageError(f"{name}= is empty; use --unset {name} to clear a field")
    return text


def cleared_value(record_type: type[msgspec.Struct], name: str) -> Any:
    """What ``--unset FIELD`` leaves: an empty list, or null where the field allows it."""
    types = _field_types(record_type)
    if name not in types:
        raise UsageError(f"no field {name!r}; fields are: " + ", ".join(types))
    field_type = types[name]
    if isinstance(field_type, msgspec.inspect.ListType):
        return []
    if isinstance(field_type, msgspec.inspect.UnionType) and any(
        isinstance(t, msgspec.inspect.NoneType) for t in field_type.types
    ):
        return None
    raise UsageError(f"{name} is required and cannot be unset")
