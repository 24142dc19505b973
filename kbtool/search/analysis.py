"""How text becomes search terms: Unicode folding, word tokens, English stems.

The same analysis runs over stored records when the index is built and over the words of a
query, so that "Malaysia’s", "MALAYSIA'S" and "malaysias" meet on one term. Every token
keeps where it stands in the original text, so a snippet can highlight exactly the words that
matched even when folding changed the length of the text (accents, "ß").
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

import msgspec

# Typographic punctuation that people type as its ASCII twin (or get from a word processor):
# curly quotes and apostrophes, primes, and the dashes and hyphens Unicode has besides "-".
_PUNCTUATION = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)

# A word: letters and digits, possibly joined by apostrophes ("malaysia's"); "&" stands for
# "and" so that "Commerce & Industry" and "Commerce and Industry" match each other. No nested
# quantifiers: matching is linear in the length of the text, whatever the text.
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*|&")

# Words too common to say anything about a record. They stay in the index (a quoted phrase
# needs them) but a bare query word that is one of them is not required to match.
_COMMON = (
    "a an and are as at be between both by for from has have in into is it its of on or "
    "than that the their this to was were which with"
)
STOP_WORDS = frozenset(_COMMON.split())


@cache
def _fold_char(char: str) -> str:
    char = char.translate(_PUNCTUATION)
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> str:
    """``text`` without case, accents or typographic punctuation: the form that is compared."""
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


def _fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the index it came from in ``text``."""
    if text.isascii():
        return text.lower(), list(range(len(text) + 1))
    parts: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char)
        parts.append(folded)
        origins.extend([index] * len(folded))
    origins.append(len(text))
    return "".join(parts), origins


@cache
def stem(word: str) -> str:
    """The English (Snowball) stem of a folded word: "flights" → "flight"."""
    stemmed: str = _stemmer().stemWord(word)
    return stemmed


@cache
def _stemmer() -> Any:
    # Imported on first use: only searching and indexing need it, and kb list should not
    # pay for it. PyStemmer is Snowball's own English stemmer compiled to C.
    import Stemmer  # type: ignore[import-not-found]  # compiled, no stubs

    return Stemmer.Stemmer("english")


class Token(msgspec.Struct, frozen=True):
    """One word of a text: folded, stemmed, and where it stands in the original."""

    word: str
    stem: str
    start: int
    end: int
    position: int


def tokenize(text: str, first_position: int = 0) -> list[Token]:
    """The words of ``text``; positions count words from ``first_position``."""
    folded, origins = _fold_with_offsets(text)
    tokens = []
    for position, match in enumerate(_TOKEN.finditer(folded), start=first_position):
        word = "and" if match.group() == "&" else match.group()
        start, end = origins[match.start()], origins[match.end() - 1] + 1
        tokens.append(Token(word, stem(word), start, end, position))
    return tokens


def terms(text: str) -> list[tuple[str, str]]:
    """The (word, stem) pairs of ``text``, the words exactly as ``tokenize`` finds them.

    The vocabulary's terms need neither offsets nor positions, and skipping them makes
    this several times faster.
    """
    return [
        ("and", "and") if word == "&" else (word, stem(word)) for word in _TOKEN.findall(fold(text))
    ]


# Every word stemmed so far, in this process: an import meets each distinct word once and
# then only looks it up (in C, by ``map``), however many records use it.
_STEMS: dict[str, str] = {}


def stems_of(words: Iterable[str]) -> list[str]:
    """``stem`` of each of ``words``, in order."""
    words = list(words)
    try:
        return [*map(_STEMS.__getitem__, words)]
    except KeyError:
        for word in words:
            if word not in _STEMS:
                _STEMS[word] = stem(word)
        return [*map(_STEMS.__getitem__, words)]


# Between the values of a field given to ``word_texts``; and between two texts of a batch.
VALUE_MARK = "\x01"
_TEXT_MARK = "\x00"


@cache
def _fold_word_char(char: str) -> str:
    """``fold`` of a character that is not ASCII, with a space for each character of it
    that is no part of a word (as ``_TOKEN`` reads words)."""
    return "".join(c if c.isascii() or c.isalnum() else " " for c in _fold_char(char))


def _fold_run(error: UnicodeError) -> tuple[bytes, int]:
    """The error handler ``word_texts`` encodes with: each run of characters that are not
    ASCII, folded (``_fold_word_char``) and as UTF-8."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    run = error.object[error.start : error.end]
    return "".join(map(_fold_word_char, run)).encode(), error.end


_FOLD_RUN = "kbtool.search.analysis.fold"
codecs.register_error(_FOLD_RUN, _fold_run)
# Each ASCII byte that is no part of a word becomes a space; a byte of a character that is
# not ASCII is one of ``_fold_word_char``'s, a word's.
_KEPT = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'&\x00\x01"
_BLANKED = bytes(byte if byte >= 0x80 or byte in _KEPT else 0x20 for byte in range(256))


def word_texts(texts: Sequence[str], separator: str) -> list[str]:
    """The words of each of ``texts``, as ``terms`` finds them, joined by single spaces
    (with a space before and after); ``VALUE_MARK`` in a text becomes ``separator``, a word
    of its own. A text has as many words as spaces less one.

    All texts are folded and split at once, in bytes, by calls in C that each pass over
    the whole batch (translate, replace): an index of hundreds of thousands of records pays
    a few of them per field, not a regular expression's match per word. Only runs of
    characters that are not ASCII are folded in Python, by the encoder's error handler.
    """
    if not texts:
        return []
    batch = _TEXT_MARK.join(texts)
    if batch.count(_TEXT_MARK) != len(texts) - 1:  # a text holds the mark itself
        batch = _TEXT_MARK.join(text.replace(_TEXT_MARK, " ") for text in texts)
    spaced = b" " + batch.lower().encode("ascii", _FOLD_RUN).translate(_BLANKED) + b" "
    for mark in (b"&", _TEXT_MARK.encode(), VALUE_MARK.encode()):  # each a word of its own
        if mark in spaced:
            spaced = spaced.replace(mark, b" " + mark + b" ")
    # An apostrophe joins two words' characters into one word; any other is a space.
    while b"''" in spaced:
        spaced = spaced.replace(b"''", b" ")
    spaced = spaced.replace(b" '", b" ").replace(b"' ", b" ")
    while b"  " in spaced:
        spaced = spaced.replace(b"  ", b" ")
    # Every "&" left is the word "&" (no other word holds one), which stands for "and".
    joined = spaced.replace(b"&", b"and").replace(VALUE_MARK.encode(), separator.encode())
    return joined.decode().split(_TEXT_MARK)
