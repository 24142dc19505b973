"""People named again in passing: by one of their names, or as someone's counterpart.

"At a press conference, Kamaruddin said ...": a later mention by one name of a person named
in full before, so that a "he" after it means them. "President Sitoe and his Indonesian
counterpart, Bambang Wibisono": the counterpart holds the same office. ``names`` adds both
to its register. Imports ``interruptions``, ``name_words`` and ``segments``.
"""

from __future__ import annotations

import re

from kbtool.ingest.interruptions import interruption
from kbtool.ingest.name_words import HONORIFICS, PARTICLES, Person, is_role_word
from kbtool.ingest.segments import Span, tokens


def bare_mentions(text: str, spans: list[Span], people: list[Person]) -> list[Person]:
    """ "At a press conference, Kamaruddin said ...": a later mention by one name of a person
    named in full before, so that the "he" after it means them and not an earlier speaker."""
    owners: dict[str, set[str]] = {}
    for person in people:
        for token in person.name.split():
            if len(token) >= 4 and token[:1].isupper() and token.lower() not in PARTICLES:
                owners.setdefault(token, set()).add(" ".join(person.name_tokens))
    # A name word two people share ("Abdul", a family name) says neither.
    unique = {token for token, names in owners.items() if len(names) == 1}
    if not unique:
        return []
    pattern = re.compile(rf"(?<![\w’'-])(?:{'|'.join(map(re.escape, unique))})(?![\w-])")
    taken = [p.name_span for p in people]
    found: list[Person] = []
    for span in spans:
        # A quotation's own words name people the speaker talks about, not who is speaking;
        # a tag beside it, or a scare quote ("assessed the results as “beyond
        # expectations”"), names who is.
        quoted = [
            (span.start + m.start(), span.start + m.end())
            for m in re.finditer(r"[“\"][^“”\"]*[”\"]?", span.of(text))
            if len(m.group().split()) >= 4
        ]
        interrupted = interruption(text, span.start, span.end)
        for match in pattern.finditer(text, span.start, span.end):
            if any(t.start <= match.start() < t.end for t in taken) or any(
                start <= match.start() < end for start, end in quoted
            ):
                continue
            owner = next(p for p in people if match.group() in p.name.split())
            name = Span(match.start(), match.end())
            aside = interrupted is not None and (
                interrupted.aside.start <= match.start() < interrupted.aside.end
            )
            found.append(Person(match.group(), name, owner.role, None, match.start(), aside))
            taken.append(name)
    return found


_COUNTERPART = re.compile(
    r"\b(?:his|her|their)\s+(?:[A-Z][\w’'-]+\s+)?counterparts?,?\s+"
    r"(?P<name>(?:[A-Z][\w’'-]+\s+){1,3}[A-Z][\w’'-]+)"
)


def counterparts(text: str, span: Span, people: list[Person]) -> list[Person]:
    """ "President Sitoe and his Indonesian counterpart, Bambang Wibisono": the counterpart
    holds the same office as the person named before, in the same sentence."""
    found: list[Person] = []
    for match in _COUNTERPART.finditer(text, span.start, span.end):
        before = [p for p in people if span.start <= p.position < match.start() and p.role]
        if not before or any(p.name_span.start == match.start("name") for p in people):
            continue
        role = before[-1]
        words = tokens(text, Span(match.start("name"), match.end("name")))
        while words and (is_role_word(words[0]) or words[0].lower.rstrip(".") in HONORIFICS):
            words = words[1:]  # "his counterpart, Foreign Minister Ignacio Larraín"
        if (
            len(words) < 2
            or words[0].span.start != match.start("name")
            or any(is_role_word(w) for w in words)
        ):
            continue  # a title of its own ("Foreign Minister X"): the ordinary rules read it
        name = Span(words[0].span.start, words[-1].span.end)
        found.append(
            Person(name.of(text), name, role.role, role.role_span, match.start(), aside=True)
        )
    return found
