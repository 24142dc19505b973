"""``kb import --dry-run``: each record the import would add or change, field by field.

Written for a person reading a diff: a record a line (``+`` added, ``~`` updated), then
one indented line per field that would change, ``before → after``; a list of words gives
its items taken out (``-``) and put in (``+``). Every value is one inert line, cut at
``_WIDEST`` characters (a source's whole text would fill the screen): the JSON form
(``--json``) has every value whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kbtool.render.output import Environment, cell, inert

if TYPE_CHECKING:
    from kbtool.kb import ImportReport

_WIDEST = 100
_MARKS = {"added": "+", "updated": "~"}


def _shown(value: Any) -> str:
    if value is None or value == []:
        return "(none)"
    text = " ".join(cell(value).split())
    return inert(text if len(text) <= _WIDEST else text[: _WIDEST - 1] + "…")


def _is_word_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _field_lines(name: str, before: Any, after: Any, added: bool) -> list[str]:
    if added:
        return [f"    {name}: {_shown(after)}"]
    if _is_word_list(before or []) and _is_word_list(after or []):
        taken = [item for item in before or [] if item not in (after or [])]
        put = [item for item in after or [] if item not in (before or [])]
        if taken or put:  # not merely reordered
            marks = [f"- {_shown(item)}" for item in taken] + [f"+ {_shown(item)}" for item in put]
            return [f"    {name}: {', '.join(marks)}"]
    return [f"    {name}: {_shown(before)} → {_shown(after)}"]


def write_changes(env: Environment, report: ImportReport) -> None:
    """The report's changes as text on stdout, a record and its changed fields at a time."""
    lines: list[str] = []
    for change in report.changes:
        lines.append(f"{_MARKS.get(change.outcome, '?')} {change.type} {inert(change.id)}")
        for name, field in change.fields.items():
            lines += _field_lines(name, field.before, field.after, change.outcome == "added")
    if lines:
        env.stdout.write("\n".join(lines) + "\n")
