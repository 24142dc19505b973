"""Sorting records and suggesting ids: what ``kb list --sort`` and "did you mean" ask.

The filters of ``kb list`` and ``kb quotes`` are in ``kbtool.search.filters``: they
understand the search vocabulary's abbreviations (``--kind mou``), and a query's qualifiers
(``kind:``, ``party:``) are the same filters.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kbtool.errors import UsageError
from kbtool.models import field_names


def _sort_key(value: Any) -> tuple[bool, str]:
    # Missing values sort last whatever the direction of the rest.
    if value is None or value == []:
        return (True, "")
    if isinstance(value, list):
        return (False, "; ".join(str(item) for item in value).casefold())
    return (False, str(value).casefold())


def sort_records(records: list[Any], field: str, record_type: type[Any]) -> list[Any]:
    descending = field.startswith("-")
    name = field.removeprefix("-")
    valid = field_names(record_type)
    if name not in valid:
        raise UsageError(f"cannot sort by {name!r}; fields are: {', '.join(valid)}")
    present = [r for r in records if _sort_key(getattr(r, name))[0] is False]
    missing = [r for r in records if _sort_key(getattr(r, name))[0] is True]
    present.sort(key=lambda r: _sort_key(getattr(r, name)), reverse=descending)
    return present + missing


def suggest_id(wanted: str, known: Sequence[str]) -> str | None:
    """The known id a user most likely meant, for a "did you mean" hint."""
    folded = wanted.strip().casefold()
    containing = [candidate for candidate in known if folded and folded in candidate]
    if len(containing) == 1:
        return containing[0]
    import difflib  # only an unknown id needs it

    close = difflib.get_close_matches(folded, known, n=1, cutoff=0.5)
    if close:
        return close[0]
    return containing[0] if containing else None
