"""How ``kbtool.search.postings`` numbers the places of words that FTS5 keeps.

A field of a document is ``number * 32 + code`` (its code in ``FIELD_NAMES``); a place in
it, ``(number * 32 + code) * PLACE + offset``. Shared by the counting in Python and in numpy
(``kbtool.search.postings_arrays``).
"""

from __future__ import annotations

from kbtool.search.documents import FIELD_NAMES

# Room for a field's offsets: a field has at most this many words (and separators).
PLACE = 1 << 24
FIELDS = "doc * 32 + col"
PLACES = f"({FIELDS}) * {PLACE} + offset"
_CODE = {name: code for code, name in enumerate(FIELD_NAMES)}
TEXT, TITLE = _CODE["text"], _CODE["title"]
QUOTATIONS, ABOUT = _CODE["quotations"], _CODE["about"]
