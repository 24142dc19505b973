"""The people named with one instrument, and the parties they sign for.

Who signed it and witnessed it (``ceremony``), who a photo caption names, and for whom they
signed: "on behalf of" a body, or a body their titles name (``signing_bodies``) when the
rules only inferred the parties from the countries. Imports ``ceremony``, ``found``,
``name_words``, ``parties``, ``segments`` and ``signing_bodies``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kbtool.ingest.ceremony import CeremonyReading
from kbtool.ingest.found import FoundInstrument
from kbtool.ingest.name_words import Person
from kbtool.ingest.parties import country_of_state
from kbtool.ingest.segments import Document, Role, Span
from kbtool.ingest.signing_bodies import (
    body_of_role,
    signs_for_country,
    spelled_out,
    whole_name,
)
from kbtool.models import Official

_FOR_GOVERNMENTS = re.compile(
    r"\bsigned\s+(?:[\w’']+\s+){0,3}?(?:on\s+behalf\s+of|for)\s+(?:the|their)\s+"
    r"(?:two\s+|respective\s+)?(?:governments|countries|states|sides)\b"
)


def caption_people(document: Document, people: list[Person]) -> list[Person]:
    captions = [p.span for p in document.paragraphs if p.role is Role.CAPTION]
    return [
        person
        for person in people
        if any(c.start <= person.name_span.start < c.end for c in captions)
    ]


@dataclass(frozen=True)
class InstrumentPeople:
    """The people named with one instrument: in photo captions, signing it, witnessing it."""

    caption: list[Person]
    ceremony: CeremonyReading
    index: int

    def parties(self, text: str, found: FoundInstrument) -> list[tuple[str, Span]]:
        """Who signed for whom, when the article says so and the rules only inferred it."""
        behalf = self.ceremony.behalf.get(self.index, [])
        bodies = [span for span in behalf if country_of_state(span.of(text)) is None]
        countries_only = all(country_of_state(name) for name, _ in found.parties)
        if len(behalf) == 2 and (found.parties_inferred or (countries_only and bodies)):
            return [(country_of_state(span.of(text)) or span.of(text), span) for span in behalf]
        signers = self._bodies_signed_for(text, found, behalf) if countries_only else []
        parties = signers or found.parties
        return [(spelled_out(text, name) or name, span) for name, span in parties]

    def _bodies_signed_for(
        self, text: str, instrument: FoundInstrument, behalf: list[Span]
    ) -> list[tuple[str, Span]]:
        """ "signed by A, Chief Executive Officer of Masdar, and B, Chairman of ...": the
        two bodies the signatories' titles name, or ``[]``."""
        found: list[tuple[str, Span]] = []
        if _FOR_GOVERNMENTS.search(instrument.intro.span.of(text)):
            return []  # "signed on behalf of the two governments by ... director-general"
        signatories = self.ceremony.signatories.get(self.index, [])
        if len(signatories) > 2:
            # Signings of other instruments read into this one (the ministers who signed
            # the rest): those its own sentence names.
            intro = instrument.intro.span
            signatories = [s for s in signatories if intro.start <= s[0].span.start < intro.end]
        if any(signs_for_country(person.role) for person, _ in signatories):
            return []
        if any(
            _FOR_GOVERNMENTS.search(text, max(0, person.span.start - 160), person.span.start)
            for person, _ in signatories
        ):
            return []  # "It was signed on behalf of the two governments by ... director-general"
        for person, _ in signatories:
            # "Antarctica New Zealand chief executive Mere Tapsell": the title as the
            # sentence writes it before the name, when the role read is the title alone.
            written = text[max(0, person.span.start - 80) : person.span.start]
            body = body_of_role(person.role or "")
            # "the Rector of the University of Helsinki, Jukka Lehtinen", its role read
            # short ("Rector of the University"): the name as the sentence writes it.
            for as_written in (person.span.of(text), written):
                in_text = body_of_role(as_written)
                if body is None or (in_text and in_text.startswith(body)):
                    body = in_text
            if body is None:
                continue
            initials = re.search(r"\(([A-Z][\w&-]*)\)", body)
            if initials:  # "Branding Agency (KEPROBA)": the name the article spells out
                body = spelled_out(text, initials.group(1)) or body
            # "Kuala Lumpur Mayor ..., on behalf of Kuala Lumpur City Hall": the fuller name.
            body = next((s.of(text) for s in behalf if body in s.of(text)), body)
            at = text.find(body, max(0, person.span.start - 200))
            if at < 0:
                continue
            stops = [p.span.end for p, _ in signatories]
            span = whole_name(text, Span(at, at + len(body)), stops)
            if all(span.of(text) != name for name, _ in found):
                found.append((span.of(text), span))
        return found if len(found) == 2 else []

    def officials(self, source_id: str) -> list[tuple[Official, Span]]:
        found: list[tuple[Official, Span]] = []
        for person, note in self.ceremony.signatories.get(self.index, []):
            official = Official(name=person.name, role=person.role, note=note, source=source_id)
            found.append((official, person.span))
        signing = {o.name for o, _ in found}
        for caption in _distinct_people(self.caption):
            if caption.name not in signing:
                official = Official(
                    name=caption.name,
                    role=caption.role,
                    note="named in a photo caption",
                    source=source_id,
                )
                found.append((official, caption.name_span))
        return found


def _distinct_people(people: list[Person]) -> list[Person]:
    seen: dict[str, Person] = {}
    for person in people:
        seen.setdefault(person.name, person)
    return list(seen.values())
