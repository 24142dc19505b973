"""The plan of a query: each word with the terms it also matches, and where they occur.

``plan(index, parsed, vocabulary)`` turns a parsed query (``kbtool.search.query_parser``)
into ``Requirement``s of ``Alternative``s: the word's stems, the last word's completions,
the domain vocabulary's terms, a correction when it is misspelt; ``occurrences_of`` finds
where an alternative occurs, phrases checked against the words in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache

import msgspec

from kbtool.search.analysis import STOP_WORDS, Token, fold, tokenize
from kbtool.search.documents import SearchIndex
from kbtool.search.query_parser import Clause, ParsedQuery, Qualifier, Term, shown
from kbtool.search.vocabulary import Relation, Vocabulary, analysed

# How much a term the query did not literally contain counts, against the word itself.
PREFIX_WEIGHT = 0.8
RELATION_WEIGHTS = {Relation.ABBREVIATION: 0.9, Relation.RELATED: 0.6}
MAX_COMPLETIONS = 30
# A word shorter than this is too short to guess what it was meant to be.
MIN_TYPO_LENGTH = 4
MAX_TYPO_LENGTH = 40


class Alternative(msgspec.Struct, frozen=True):
    """One way a clause can match: a stem, or a phrase of stems (``words``: exactly these)."""

    label: str
    stems: tuple[str, ...]
    words: tuple[str, ...] | None = None
    weight: float = 1.0
    why: str = ""

    @property
    def stemmed(self) -> str | None:
        """The stems, when they differ from the words ("flights" -> "flight"), for --explain."""
        stems = " ".join(self.stems)
        return stems if stems != " ".join(t.word for t in tokenize(self.label)) else None


class Requirement(msgspec.Struct, frozen=True):
    """A clause of the query, compiled: a record must match one of its alternatives."""

    label: str
    alternatives: tuple[Alternative, ...]
    negated: bool = False
    corrected_from: str | None = None


class Plan(msgspec.Struct, frozen=True):
    """How a query was understood: what ``kb search --explain`` shows before the hits."""

    query: ParsedQuery
    requirements: tuple[Requirement, ...]
    filters: tuple[Qualifier, ...]
    ignored: tuple[str, ...]
    corrections: tuple[tuple[str, str], ...]
    corrected_query: str | None
    notes: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not self.requirements and not self.filters


class _Unit(msgspec.Struct):
    """Query words that make one requirement: a term, or adjacent words the vocabulary knows."""

    terms: tuple[Term, ...]
    negated: bool
    label: str
    joined: bool = False  # several words that the vocabulary knows as one term


def _is_stop_word(clause: Clause) -> bool:
    if clause.negated or len(clause.terms) != 1 or clause.terms[0].phrase:
        return False
    tokens = tokenize(clause.terms[0].text)
    return len(tokens) == 1 and tokens[0].word in STOP_WORDS


def _single_word(clause: Clause) -> str | None:
    if clause.negated or len(clause.terms) != 1 or clause.terms[0].phrase:
        return None
    tokens = tokenize(clause.terms[0].text)
    return tokens[0].stem if len(tokens) == 1 else None


def _units(clauses: Sequence[Clause], vocabulary: Vocabulary) -> list[_Unit]:
    """Clauses as units, joining adjacent words that together are a vocabulary term."""
    units: list[_Unit] = []
    index = 0
    while index < len(clauses):
        joined = 0
        for size in range(min(vocabulary.longest_key, len(clauses) - index), 1, -1):
            stems = [_single_word(c) for c in clauses[index : index + size]]
            if all(stems) and vocabulary.knows(tuple(s for s in stems if s)):
                joined = size
                break
        if joined:
            terms = tuple(c.terms[0] for c in clauses[index : index + joined])
            units.append(_Unit(terms, False, " ".join(t.text for t in terms), joined=True))
            index += joined
        else:
            clause = clauses[index]
            label = " OR ".join(f'"{t.text}"' if t.phrase else t.text for t in clause.terms)
            units.append(_Unit(clause.terms, clause.negated, label))
            index += 1
    return units


def occurrences_of(index: SearchIndex, alternative: Alternative) -> Mapping[int, Mapping[str, int]]:
    """Where an alternative matches: document number -> field -> how often."""
    words = alternative.words
    if len(alternative.stems) == 1 and words is None:
        return index.postings_for(alternative.stems[0])
    if words and index.words_of_stem(alternative.stems[0]) == [*words]:
        # A quoted word that is the only one with its stem occurs where its stem does.
        return _by_field_name(index.postings_for(alternative.stems[0]))
    counted = index.phrase_postings(words or alternative.stems, exact=words is not None)
    if counted is not None:
        return counted
    # An index that keeps no places of words (in memory): the phrase is looked for in the
    # documents that hold all its stems.
    postings = [index.postings_for(stem) for stem in alternative.stems]
    candidates: set[int] | None = None
    for posting in postings:
        found = set(posting)
        candidates = found if candidates is None else candidates & found
    exact = phrase_pattern(words) if words else None
    result: dict[int, dict[str, int]] = {}
    for number in sorted(candidates or ()):
        # Only the fields that hold every key of the phrase can hold the phrase.
        names: set[str] | None = None
        for posting in postings:
            found_in = set(posting[number])
            names = found_in if names is None else names & found_in
        counts: dict[str, int] = {}
        document = index.document(number) if names else None
        for name in sorted(names or ()):
            assert document is not None
            if exact is not None:
                # Counted on each value's folded text, without analysing the field.
                count = sum(
                    len(exact.findall(fold(value))) for value in document.values(name) if value
                )
            else:
                fld = document.field(name)
                count = len(_phrase_runs(fld.tokens, alternative)) if fld else 0
            if count:
                counts[name] = count
        if counts:
            result[number] = {name: counts[name] for name in sorted(counts)}
    return result


def _by_field_name(
    postings: Mapping[int, Mapping[str, int]],
) -> Mapping[int, Mapping[str, int]]:
    """Occurrences counted when indexed, in the order that counting them in the documents
    (below) gives: by document number, then field name."""
    return {
        number: {name: fields[name] for name in sorted(fields)}
        for number, fields in sorted(postings.items())
    }


# What may stand between two words of a phrase: characters that are not part of a word
# (see ``kbtool.search.analysis``: letters and digits, joined by apostrophes; "&" is a word too).
_BETWEEN_WORDS = r"(?:[^\w&]|_)+"
# A word ends where no letter, digit or apostrophe-and-letter follows, and starts where none
# precedes.
_WORD_END = r"(?![^\W_]|'[^\W_])"
_WORD_START = r"(?<![^\W_])(?<![^\W_]')"


@lru_cache(maxsize=64)
def phrase_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """A regular expression over folded text that finds exactly where ``tokenize`` would
    find these words one after another (overlapping runs included); None when a word is
    "and", which "&" also stands for."""
    if "and" in words:
        return None
    body = _BETWEEN_WORDS.join(re.escape(word) + _WORD_END for word in words)
    return re.compile(f"{_WORD_START}(?=({body}))")


def _phrase_runs(tokens: Sequence[Token], alternative: Alternative) -> list[tuple[int, int]]:
    """Where in ``tokens`` the alternative's phrase stands, as (first, last) token indexes."""
    keys = alternative.words or alternative.stems
    size = len(keys)
    runs = []
    for first in range(len(tokens) - size + 1):
        run = tokens[first : first + size]
        if all(
            (token.word if alternative.words else token.stem) == key
            and token.position == run[0].position + offset
            for offset, (token, key) in enumerate(zip(run, keys, strict=True))
        ):
            runs.append((first, first + size - 1))
    return runs


class _Planner:
    def __init__(self, index: SearchIndex, vocabulary: Vocabulary) -> None:
        self.index = index
        self.vocabulary = vocabulary
        self.corrections: list[tuple[Term, str]] = []
        self.ignored: list[str] = []

    def expansions(self, stems: tuple[str, ...]) -> Iterator[Alternative]:
        # Used for exclusions too: "-aviation" leaves out exactly what "aviation" finds.
        for expansion in self.vocabulary.expansions(stems):
            name = " = ".join(expansion.entry.terms[:2])
            why = (
                f"abbreviation: {name}"
                if expansion.relation is Relation.ABBREVIATION
                else f"related to {expansion.entry.terms[0]}"
            )
            yield Alternative(
                expansion.term,
                expansion.stems,
                weight=RELATION_WEIGHTS[expansion.relation],
                why=why,
            )

    def term_alternatives(self, term: Term, negated: bool) -> list[Alternative]:
        tokens = tokenize(term.text)
        if not tokens:
            return []
        stems = tuple(t.stem for t in tokens)
        if term.phrase:
            words = tuple(t.word for t in tokens)
            return [Alternative(f'"{" ".join(words)}"', stems, words=words, why="exact phrase")]
        label = " ".join(t.word for t in tokens)
        alternatives = [Alternative(label, stems)]
        if term.prefix and len(tokens[-1].word) >= 2 and not negated:
            alternatives += self.completions(tokens)
        alternatives += self.expansions(stems)
        return alternatives

    def completions(self, tokens: Sequence[Token]) -> Iterator[Alternative]:
        last = tokens[-1]
        seen = {last.stem}
        for word in self.index.words_starting_with(last.word):
            stem = self.index.stem_of(word)
            if stem is None or stem in seen:
                continue
            seen.add(stem)
            if len(seen) > MAX_COMPLETIONS:
                return
            stems = (*(t.stem for t in tokens[:-1]), stem)
            label = " ".join([*(t.word for t in tokens[:-1]), word])
            yield Alternative(label, stems, weight=PREFIX_WEIGHT, why=f"begins with {last.word}")

    def matches_anything(self, alternatives: Iterable[Alternative]) -> bool:
        return any(self._matches(a) for a in alternatives)

    def _matches(self, alternative: Alternative) -> bool:
        if len(alternative.stems) == 1 and alternative.words is None:
            # Without turning a common word's packed postings into a mapping.
            packed = self.index.packed_postings(alternative.stems[0])
            if packed is not None:
                return bool(packed)
        return bool(occurrences_of(self.index, alternative))

    def correction(self, word: str) -> str | None:
        """The known word closest to a misspelt one, or None if nothing is close enough."""
        if not (MIN_TYPO_LENGTH <= len(word) <= MAX_TYPO_LENGTH) or not word.isalpha():
            return None
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        known = {*self.index.known_words(), *self.vocabulary.words}
        # A typo seldom changes a word's first letter; a word one letter from a known word
        # that does ("base", "ease") is more likely a word the knowledge base lacks.
        candidates = sorted(w for w in known if len(w) >= 3 and w[:1] == word[:1])
        most = 1 if len(word) <= 5 else 2
        found = process.extract(
            word, candidates, scorer=OSA.distance, score_cutoff=most, limit=None
        )
        if not found:
            return None
        # Closest first; among equals, the word more records use (counted only then: a
        # common word's records are many to count).
        nearest = min(distance for _word, distance, _place in found)
        closest = [word for word, distance, _place in found if distance == nearest]
        if len(closest) == 1:
            return closest[0]
        return min(closest, key=lambda word: (-self.index.word_documents(word), word))

    def requirement(self, unit: _Unit) -> Requirement | None:
        if unit.joined:
            words = tuple(w for t in unit.terms for w in (tok.word for tok in tokenize(t.text)))
            stems = analysed(" ".join(words))
            joined = [Alternative(" ".join(words), stems), *self.expansions(stems)]
            return Requirement(unit.label, tuple(joined))
        alternatives: list[Alternative] = []
        corrected_from = None
        for term in unit.terms:
            found = self.term_alternatives(term, unit.negated)
            if not found:
                self.ignored.append(term.text)
                continue
            single = len(tokenize(term.text)) == 1 and not term.phrase
            if not unit.negated and single and not self.matches_anything(found):
                better = self.correction(found[0].label)
                # A word the vocabulary knows but no record holds (an empty knowledge
                # base) is not corrected to itself.
                if better is not None and better.lower() != found[0].label.lower():
                    self.corrections.append((term, better))
                    corrected_from = term.text
                    found = self.term_alternatives(Term(better, term.start, term.end), False)
            alternatives += found
        if not alternatives:
            return None
        label = (
            unit.label
            if corrected_from is None
            else f"{unit.label} → " + " OR ".join(a.label for a in alternatives if not a.why)
        )
        return Requirement(label, tuple(alternatives), unit.negated, corrected_from)


def plan(index: SearchIndex, parsed: ParsedQuery, vocabulary: Vocabulary) -> Plan:
    """How ``parsed`` will be matched against ``index``."""
    planner = _Planner(index, vocabulary)
    clauses = list(parsed.clauses)
    # Common words say nothing about a record; drop them unless they are all there is.
    if any(not _is_stop_word(c) for c in clauses):
        planner.ignored += [c.terms[0].text for c in clauses if _is_stop_word(c)]
        clauses = [c for c in clauses if not _is_stop_word(c)]
    requirements: list[Requirement] = []
    for unit in _units(clauses, vocabulary):
        requirement = planner.requirement(unit)
        if requirement is not None and requirement not in requirements:
            requirements.append(requirement)
    corrected = None
    if planner.corrections:
        corrected = parsed.raw
        for term, better in sorted(planner.corrections, key=lambda c: -c[0].start):
            corrected = corrected[: term.start] + better + corrected[term.end :]
    notes = list(parsed.notes)
    if not requirements and not parsed.qualifiers:
        notes.append(f"nothing to search for in {shown(parsed.raw)}: try words, or kind:agreement")
    return Plan(
        query=parsed,
        requirements=tuple(requirements),
        filters=parsed.qualifiers,
        ignored=tuple(planner.ignored),
        corrections=tuple((term.text, better) for term, better in planner.corrections),
        corrected_query=corrected,
        notes=tuple(notes),
    )
