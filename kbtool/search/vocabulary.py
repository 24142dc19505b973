"""The domain vocabulary of ``kb search``: abbreviations and related terms, read from data.

The words live in ``data/vocabulary.json`` (shipped inside the package once installed), not in
code, so that whoever curates the knowledge base can teach search that "KL" is Kuala Lumpur
or that people say "aviation" for air services without touching Python. Terms are compared by
their analysed form (folded, stemmed), the same form the index holds.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from enum import StrEnum
from functools import cache, cached_property
from pathlib import Path

import msgspec

from kbtool.errors import DataError
from kbtool.search.analysis import terms, tokenize


class Relation(StrEnum):
    ABBREVIATION = "abbreviation"  # the same thing in other words: matches almost fully
    RELATED = "related"  # the same subject: matches at a lower weight


class VocabularyFile(msgspec.Struct, forbid_unknown_fields=True):
    """The layout of ``vocabulary.json``."""

    about: str = ""
    abbreviations: dict[str, list[str]] = {}
    related: list[list[str]] = []


class Entry(msgspec.Struct, frozen=True):
    """Terms that stand for one another; the first is the entry's name."""

    relation: Relation
    terms: tuple[str, ...]


class Expansion(msgspec.Struct, frozen=True):
    """A term a query word also matches, and the entry that says so."""

    term: str
    stems: tuple[str, ...]
    relation: Relation
    entry: Entry


def analysed(term: str) -> tuple[str, ...]:
    """The stems of a term, the key under which the vocabulary and the index compare it."""
    # terms() finds the words tokenize() does, without the offsets a key has no use for:
    # every search analyses the whole vocabulary, so this is part of its start-up.
    return tuple(stem for _, stem in terms(term))


class Vocabulary:
    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = tuple(entries)
        self._by_key: dict[tuple[str, ...], list[Entry]] = {}
        for entry in self.entries:
            for term in entry.terms:
                key = analysed(term)
                if key and entry not in self._by_key.setdefault(key, []):
                    self._by_key[key].append(entry)
        self.longest_key = max((len(key) for key in self._by_key), default=0)

    def knows(self, stems: tuple[str, ...]) -> bool:
        return stems in self._by_key

    def expansions(self, stems: tuple[str, ...]) -> Iterator[Expansion]:
        """The other terms of every entry that ``stems`` belongs to, each once."""
        seen = {stems}
        for entry in self._by_key.get(stems, []):
            for term in entry.terms:
                key = analysed(term)
                if key and key not in seen:
                    seen.add(key)
                    yield Expansion(term, key, entry.relation, entry)

    @cached_property
    def words(self) -> frozenset[str]:
        """Every folded word of every term: candidates when a query word is misspelt."""
        return frozenset(
            token.word for entry in self.entries for term in entry.terms for token in tokenize(term)
        )


def parse(data: bytes, name: str = "vocabulary") -> Vocabulary:
    try:
        layout = msgspec.json.decode(data, type=VocabularyFile)
    except msgspec.DecodeError as error:  # ValidationError is a DecodeError too
        raise DataError(f"{name} is not a valid vocabulary file: {error}") from None
    entries = [
        Entry(Relation.ABBREVIATION, (short, *long)) for short, long in layout.abbreviations.items()
    ]
    entries += [Entry(Relation.RELATED, tuple(group)) for group in layout.related if group]
    return Vocabulary(entries)


def load(path: Path) -> Vocabulary:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DataError(f"cannot read the search vocabulary {path}: {error.strerror}") from None
    return parse(data, str(path))


@cache
def shipped() -> Vocabulary:
    """The vocabulary that ships with kbtool, read once per process."""
    from kbtool.store.location import shipped_vocabulary_path

    return load(shipped_vocabulary_path())
