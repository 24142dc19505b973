"""The lender of a financing instrument, when the article names it.

"The grant agreement is financed by Qatar Fund for Development", "a credit-line agreement
..., extended by the Bank of Ceylon to the Government of the Maldives", "under which ADFD will
lend to the Government of Senegal", "signed by ... and the Director-General of the Qatar Fund
for Development": the lender is a party, for its country, and the other country receives.
Imports ``countries``, ``found``, ``segments`` and ``written_sides``.
"""

from __future__ import annotations

import re

from kbtool.ingest.countries import country_named
from kbtool.ingest.found import FoundInstrument
from kbtool.ingest.segments import Span
from kbtool.ingest.written_sides import party_written

# "The grant agreement is financed by Qatar Fund for Development", "under which ADFD will
# lend to the Government of Senegal": a lender by its kind of name (a fund, a bank, an agency).
_LENDER = re.compile(
    r"\b(?:financed|funded|extended|provided|granted)\s+by\s+(?:the\s+)?(?P<by>[A-Z][\w’'&-]*"
    r"(?:\s+(?:of|for|and|&|the|[A-Z][\w’'&-]*))*)"
    # "signed by ... and the Director-General of the Qatar Fund for Development, X": its head
    r"|\b(?:Director[-\s]General|Chief\s+Executive(?:\s+Officer)?|CEO|Chairman|President|"
    r"Managing\s+Director)\s+of\s+(?:the\s+)?(?P<head_of>[A-Z][\w’'&-]*"
    r"(?:\s+(?:of|for|and|&|the|[A-Z][\w’'&-]*))*)"
    r"|\b(?P<subject>[A-Z][\w’'&-]*(?:\s+(?:of|for|&|the|[A-Z][\w’'&-]*))*)\s+will\s+lend\s+to\s+"
    r"(?:the\s+)?(?:Government\s+of\s+)?(?:the\s+)?(?P<to>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)"
)
_LENT_TO = re.compile(
    r"\s+to\s+(?:the\s+)?(?:Government\s+of\s+)?(?:the\s+)?([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)"
)
_LENDING_BODY = re.compile(r"\b(?:Fund|Bank|Agency|KfW|Exim\w*|Facility)\b|^[A-Z]{3,6}$")
_FINANCING = re.compile(r"\b(?:loan|grant|credit|financing|lending)\b", re.IGNORECASE)


def lender(text: str, instrument: FoundInstrument) -> tuple[tuple[str, Span], str | None] | None:
    """The body that lends or gives under a financing instrument, when the article says so
    in the instrument's own sentence or one that opens with it ("The grant agreement is
    financed by ..."), and the country it lends to if it says that too."""
    if not _FINANCING.search(text, instrument.title.start, instrument.title.end):
        return None
    places = [instrument.intro.span]
    for said in instrument.mentions:
        opening = text[max(0, said.start - 30) : said.start]
        if re.search(r"(?:^|[.!?][”\"]?\s+|\n\s*)(?:The\s+)?(?:[\w-]+\s+){0,2}$", opening):
            end = text.find(".", said.end)
            places.append(Span(said.end, end if end >= 0 else len(text)))
    for place in places:
        for match in _LENDER.finditer(text, place.start, place.end):
            group = next(g for g in ("by", "head_of", "subject") if match.group(g))
            name = re.sub(r"(?:\s+(?:of|for|and|&|the))+$", "", match.group(group))
            # "financed by Qatar Fund for Development and Senegal is its beneficiary"
            head, _and, tail = name.rpartition(" and ")
            if head and country_named(tail) is not None:
                name = head
            if " and " in name or not _LENDING_BODY.search(name):
                continue  # co-lenders, or not a lender by its name ("the Ministry of Water")
            if group == "head_of" and not re.search(r"\b(?:Fund|Exim\w*)\b", name):
                continue  # whose head signs: a fund lends, a bank or an agency may borrow
            to = match.group("to") if group == "subject" else None
            if to is None:
                # "extended by the Bank of Ceylon to the Government of the Maldives"
                lent_to = _LENT_TO.match(text, match.start(group) + len(name))
                to = lent_to.group(1) if lent_to else None
            return party_written(text, match.start(group), name), (
                country_named(to) if to else None
            )
    return None
