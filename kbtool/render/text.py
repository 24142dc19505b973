"""Stored text made safe to show: one line per value, every control character inert.

Every writer (``output``, ``tables``, ``panels``) shows stored text through these, so that
a record cannot move the cursor, recolour or retitle the user's terminal.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import msgspec

if TYPE_CHECKING:
    from rich.text import Text

# C0 and C1 control characters other than newline and tab, and the Unicode bidirectional
# overrides that can make text read differently from what it is.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str) -> str:
    """``text`` with every character that a terminal would act on shown as an escape."""
    return _UNSAFE.sub(_escape_char, text)


def cell(value: Any) -> str:
    """A field value as one line of text, for tables, TSV, CSV and Markdown."""
    if value is None:
        return ""
    if isinstance(value, list):
        if all(isinstance(item, str) for item in value):
            return "; ".join(value)
        return msgspec.json.encode(value).decode()
    if isinstance(value, dict):
        return msgspec.json.encode(value).decode()
    return str(value)


def plain_text(value: str, style: str = "") -> Text:
    """Stored text as an inert Rich ``Text``: never parsed as markup, control characters
    shown escaped."""
    from rich.text import Text

    return Text(inert(value), style=style)
