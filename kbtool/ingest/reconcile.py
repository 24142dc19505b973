"""Is a reported instrument or quotation one the knowledge base already holds, and if so,
what does the new report add to it?

Owns the match between a candidate record of ``kb ingest`` and a stored record (a score made
of reasons a person can check) and the update a matched instrument receives. May import
``kbtool.models``, ``kbtool.ingest.countries`` (which countries a party names) and
``kbtool.ingest.segments``' ``Span``; never the extraction rules, the CLI, Rich or TinyDB,
so that it can be tested on records alone.

**Instruments.** A report's instrument and a stored one are compared on four things:

1. *Kind* (required): the same kind; ``other`` goes with any kind, at a lower score.
2. *Parties*: a party matches a party written the same way, with the same words in another
   order ("Malaysia's National Chamber of Commerce & Industry" / "National Chamber of
   Commerce and Industry of Malaysia"; '&' is 'and'), or one's three words or more within
   the other's ("Kenya National Chamber of Commerce"), by an abbreviation in brackets or by
   its initials ("KNCCI"), or, for a country, by a party that names it ("Kenya" / "Kenya
   National Chamber of Commerce and Industry"). Parties *contradict* when both records'
   parties name countries and neither set of countries contains the other: a
   Kenya–Indonesia agreement is never a Kenya–Malaysia one, however alike the titles.
3. *Title* (at least one word in common required): the content words of both titles, with
   generic words left out (memorandum, understanding, agreement, cooperation, bilateral,
   of, on, between, ...) and words compared by stem ("tourism"/"tourist",
   "twin"/"twinning"). The similarity is the mean of the share of each title's words the
   other covers.
4. *Date*: the same date field (``signed_on``, ``exchanged_on``) with two different values,
   or a report published (the article's date) more than a day before the date the record
   gives for an instrument it calls signed, contradicts.

``score = 0.2 (kind equal; 0.1 for 'other') + 0.3 * share of parties matched + 0.5 * title
similarity``; a pair matches when nothing contradicts and the score reaches ``THRESHOLD``
(0.6). So titles that name the same thing are enough with the kind; titles sharing half
their words need the parties too. Pairs are taken best score first, so each report
instrument matches at most one record and each record at most one report instrument.

**Quotations** match on the same words (case, spacing and quote style aside) and the same
speaker, loosely: the last word of the name ("Ruto", "President William Ruto").

**Updates.** A matched instrument gets the report's article in ``sources``, its supporting
passages in ``excerpts``, the officials it names that the record lacks in ``officials``,
and a ``claim`` ({field, value, source}) for each field the report gives where the record
has no value, another value, or a value that rests on other reports' claims (this report
then corroborates it): witnesses, dates, places, the title and the parties as this outlet
writes them, the aims it gives. Existing values are never changed. A record that already
cites the article is left as it is, so applying a report twice changes nothing.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import msgspec

from kbtool.ingest.countries import country_named, find_countries
from kbtool.ingest.segments import Span as TextSpan
from kbtool.models import Claim, ClaimValue, Instrument, Official, Quotation, Span

R = TypeVar("R", Instrument, Quotation)

THRESHOLD = 0.6
_KIND_WEIGHT, _PARTY_WEIGHT, _TITLE_WEIGHT = 0.2, 0.3, 0.5

_GENERIC = {
    "memorandum", "understanding", "mou", "mous", "agreement", "agreements", "cooperation",
    "co", "operation", "bilateral", "the", "of", "on", "between", "and", "for", "in", "to",
    "with", "a", "an", "by", "its", "their", "both", "letter", "letters", "intent", "loi",
    "protocol", "treaty", "exchange", "notes", "declaration", "concerning", "regarding",
    "two", "countries", "field", "fields", "area", "areas",
}  # fmt: skip
_PARTY_FILLER = {"the", "of", "and", "for", "s"}
_SUFFIXES = ("ations", "ation", "isms", "ism", "ists", "ist", "ings", "ing", "ies", "es", "s")
_DATE_FIELDS = ("signed_on", "exchanged_on")
# Fields a report may give that the record keeps as claims, in the order they are listed.
CLAIMED_FIELDS = (
    "title", "parties", "status", "signed_on", "signed_at", "exchanged_on", "exchanged_at",
    "witnesses", "places", "sectors", "aims",
)  # fmt: skip


@dataclass(frozen=True)
class Match(Generic[R]):
    """A stored record a candidate was matched to, how well, and why."""

    record: R
    score: float
    reasons: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.record.id

    def document(self) -> dict[str, Any]:
        """``--json``'s ``"match"``: ``{"id", "score", "reasons"}``."""
        return {"id": self.id, "score": round(self.score, 2), "reasons": list(self.reasons)}


def text_key(text: str) -> str:
    """Text compared loosely: case, typographic quotes and spacing do not count."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return " ".join(re.findall(r"[\w&']+", text.casefold()))


# ---------------------------------------------------------------- words and stems


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'").replace("&", " and ")
    text = re.sub(r"'s\b", "", text)
    return re.findall(r"[^\W_]+", text)


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # "twinn" (from "twinning") -> "twin"
    return word


def _similar(a: str, b: str) -> bool:
    """Same word by stem: one stem begins the other ("servic"/"service"), four letters at
    least, or they are equal ("air")."""
    shorter, longer = sorted((_stem(a), _stem(b)), key=len)
    return shorter == longer or (len(shorter) >= 4 and longer.startswith(shorter))


def title_words(title: str) -> list[str]:
    """The words of a title that say what it is about, in order, without repeats."""
    return list(dict.fromkeys(w for w in _words(title) if w not in _GENERIC))


def _covered(words: Sequence[str], other: Sequence[str]) -> list[str]:
    return [w for w in words if any(_similar(w, o) for o in other)]


# ---------------------------------------------------------------- parties


def _countries(party: str) -> set[str]:
    return {mention.country for mention in find_countries(party, TextSpan(0, len(party)))}


def _abbreviations(party: str) -> set[str]:
    """ "KNCCI" from "(KNCCI)" and from the initials of "Kenya National Chamber of Commerce
    and Industry"."""
    found = {a.casefold() for a in re.findall(r"\(([^\W\d_][\w&.]{1,11})\)", party)}
    words = [w for w in re.findall(r"[^\W\d_]+", re.sub(r"\([^)]*\)", " ", party))]
    capitals = [w for w in words if w[0].isupper()]
    if len(capitals) >= 3 and all(w[0].isupper() or w.casefold() in _PARTY_FILLER for w in words):
        found.add("".join(w[0] for w in capitals).casefold())
    return found


def _party_words(party: str) -> frozenset[str]:
    unbracketed = re.sub(r"\([^)]*\)", " ", party)
    return frozenset(w for w in _words(unbracketed) if w not in _PARTY_FILLER)


def _same_party(a: str, b: str) -> str | None:
    """Why party ``a`` (the report's) is party ``b`` (the record's), or None."""
    if text_key(a) == text_key(b):
        return f"{a!r} in both"
    words_a, words_b = _party_words(a), _party_words(b)
    if words_a and words_a == words_b:
        return f"{a!r} is {b!r}"
    if min(len(words_a), len(words_b)) >= 3 and (words_a <= words_b or words_b <= words_a):
        return f"{a!r} is part of {b!r}" if words_a <= words_b else f"{b!r} is part of {a!r}"
    short_a, short_b = _abbreviations(a), _abbreviations(b)
    if short_a & (short_b | {text_key(b)}) or text_key(a) in short_b:
        return f"{a!r} is {b!r} (same abbreviation)"
    for country, other in ((a, b), (b, a)):
        named = country_named(country)
        if named is not None and named in _countries(other):
            return f"{other!r} names {named}"
    return None


@dataclass(frozen=True)
class _Parties:
    share: float
    reasons: tuple[str, ...]
    contradiction: str | None


def _compare_parties(report: Sequence[str], record: Sequence[str]) -> _Parties:
    reasons: list[str] = []
    for party in report:
        reason = next((r for o in record if (r := _same_party(party, o)) is not None), None)
        if reason is not None:
            reasons.append(reason)
    share = len(reasons) / max(len(report), len(record), 1)
    ours = set().union(*(_countries(p) for p in report))
    theirs = set().union(*(_countries(p) for p in record))
    contradiction = None
    if ours and theirs and not (ours <= theirs or theirs <= ours):
        contradiction = (
            f"parties name {', '.join(sorted(ours))}, the record's {', '.join(sorted(theirs))}"
        )
    return _Parties(share, tuple(reasons), contradiction)


# ---------------------------------------------------------------- dates


def _date_contradiction(
    report: Instrument, record: Instrument, published_on: datetime.date | None
) -> str | None:
    for name in _DATE_FIELDS:
        ours, theirs = getattr(report, name), getattr(record, name)
        if ours is not None and theirs is not None and ours != theirs:
            return f"{name} {ours} here, {theirs} in the record"
    dates: list[datetime.date] = [d for n in _DATE_FIELDS if (d := getattr(record, n))]
    if published_on is None or not dates or report.status == "proposed":
        return None
    # A report of a signing cannot come out before it; a day allows for time zones.
    if published_on < min(dates) - datetime.timedelta(days=1):
        return f"the article ({published_on}) is older than the record's {min(dates)}"
    return None


def _date_reason(report: Instrument, record: Instrument) -> str:
    same = [
        f"{n} {getattr(record, n)} in both"
        for n in _DATE_FIELDS
        if getattr(report, n) is not None and getattr(report, n) == getattr(record, n)
    ]
    return "date: " + ("; ".join(same) if same else "no date contradicts")


# ---------------------------------------------------------------- instruments


def _kind_score(report: Instrument, record: Instrument) -> tuple[float, str] | None:
    if report.kind == record.kind:
        return _KIND_WEIGHT, f"kind: {record.kind} in both"
    if "other" in (report.kind, record.kind):
        return _KIND_WEIGHT / 2, f"kind: {report.kind} here, {record.kind} in the record"
    return None


def score_instrument(
    report: Instrument, record: Instrument, published_on: datetime.date | None = None
) -> Match[Instrument] | None:
    """How well ``report`` (a candidate) matches ``record`` (a stored instrument), with the
    reasons; None when something rules it out or the score is below ``THRESHOLD``."""
    kind = _kind_score(report, record)
    ours, theirs = title_words(report.title), title_words(record.title)
    shared = _covered(ours, theirs)
    if kind is None or not shared:
        return None
    parties = _compare_parties(report.parties, record.parties)
    if parties.contradiction or _date_contradiction(report, record, published_on):
        return None
    similarity = (len(shared) / len(ours) + len(_covered(theirs, ours)) / len(theirs)) / 2
    score = kind[0] + _PARTY_WEIGHT * parties.share + _TITLE_WEIGHT * similarity
    if score < THRESHOLD - 1e-9:
        return None
    reasons = [
        kind[1],
        "parties: " + ("; ".join(parties.reasons) if parties.reasons else "none in common"),
        f"title: {', '.join(shared)} ({len(shared)} of {len(ours)} words here, "
        f"{len(_covered(theirs, ours))} of {len(theirs)} in the record's)",
        _date_reason(report, record),
    ]
    return Match(record, score, tuple(reasons))


def match_instruments(
    reports: Sequence[Instrument],
    records: Sequence[Instrument],
    published_on: datetime.date | None = None,
) -> list[Match[Instrument] | None]:
    """For each report instrument, the stored instrument it is, if any: best pairs first,
    each on either side used once."""
    pairs: list[tuple[float, int, int, Match[Instrument]]] = []
    for i, report in enumerate(reports):
        for j, record in enumerate(records):
            match = score_instrument(report, record, published_on)
            if match is not None:
                pairs.append((-match.score, i, j, match))
    chosen: list[Match[Instrument] | None] = [None] * len(reports)
    used: set[int] = set()
    for _, i, j, match in sorted(pairs, key=lambda p: p[:3]):
        if chosen[i] is None and j not in used:
            chosen[i] = match
            used.add(j)
    return chosen


# ---------------------------------------------------------------- quotations


def _surname(speaker: str) -> str:
    words = text_key(speaker).split()
    return words[-1] if words else ""


def match_quotation(
    text: str, speaker: str, records: Iterable[Quotation]
) -> Match[Quotation] | None:
    """The stored quotation with these words by this speaker (loosely: the same surname)."""
    for record in records:
        if text_key(record.text) == text_key(text) and _surname(record.speaker) == _surname(
            speaker
        ):
            reasons = ("same words", f"same speaker: {speaker!r} is {record.speaker!r}")
            return Match(record, 1.0, reasons)
    return None


# ---------------------------------------------------------------- updates


def _value(record: Instrument, name: str) -> ClaimValue | None:
    value = getattr(record, name)
    if value is None or value == []:
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return [str(item) for item in value]
    return str(value)


def _same(a: ClaimValue, b: ClaimValue) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return sorted(map(text_key, a)) == sorted(map(text_key, b))
    return isinstance(a, str) and isinstance(b, str) and text_key(a) == text_key(b)


def claims_from(record: Instrument, report: Instrument, source: str) -> list[Claim]:
    """A claim for each field ``report`` gives that the record lacks, gives otherwise, or
    holds on other reports' word."""
    claims: list[Claim] = []
    claimed = {claim.field for claim in record.claims}
    for name in CLAIMED_FIELDS:
        ours, theirs = _value(report, name), _value(record, name)
        if ours is None or (name == "parties" and ours == ["unknown"]):
            continue
        if theirs is None or not _same(ours, theirs) or name in claimed:
            claims.append(Claim(field=name, value=ours, source=source))
    return claims


def _official_key(official: Official) -> tuple[str, str]:
    return text_key(official.name), text_key(official.role or "")


def update(
    record: Instrument, report: Instrument, source: str, spans: Sequence[Span] = ()
) -> Instrument:
    """``record`` with what ``report`` (read from ``source``) adds; ``record`` itself when it
    cites ``source`` already. ``spans`` (in ``source``) are kept for what is added."""
    if source in record.sources:
        return record
    claims = [c for c in claims_from(record, report, source) if c not in record.claims]
    excerpts = [e for e in report.excerpts if e not in record.excerpts]
    known = {_official_key(o) for o in record.officials}
    officials = [o for o in report.officials if _official_key(o) not in known]
    kept = {c.field for c in claims}
    kept |= {"excerpts"} if excerpts else set()
    kept |= {"officials"} if officials else set()
    new_spans = [s for s in spans if s.field in kept and s not in record.spans]
    return msgspec.structs.replace(
        record,
        sources=[*record.sources, source],
        excerpts=[*record.excerpts, *excerpts],
        officials=[*record.officials, *officials],
        claims=[*record.claims, *claims],
        spans=[*record.spans, *new_spans],
    )


def added(before: Instrument, after: Instrument) -> list[str]:
    """What ``update`` added, one line each, for a person to read."""
    lines = [f"source {s}" for s in after.sources if s not in before.sources]
    lines += [f"excerpt “{e.text}”" for e in after.excerpts if e not in before.excerpts]
    lines += [
        f"official {o.name}" + (f" ({o.role})" if o.role else "")
        for o in after.officials
        if o not in before.officials
    ]
    for claim in after.claims:
        if claim not in before.claims:
            value = claim.value if isinstance(claim.value, str) else "; ".join(claim.value)
            lines.append(f"claim {claim.field}: {value}")
    return lines
