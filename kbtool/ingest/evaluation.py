"""Precision and recall of ``kb ingest`` against hand-made expected records.

Usage::

    python -m kbtool.ingest.evaluation [DIR] [--verbose] [--min 0.9]

``DIR`` (default: the repository's ``evaluation/`` folder) holds ``articles/NAME.txt`` or
``articles/NAME.html`` and, for each, ``expected/NAME.json``::

    {"instruments": [{"title": ..., "kind": ..., "parties": [...], "status": ...}],
     "quotations": [{"text": ..., "speaker": ..., "speaker_role": ..., "instrument": TITLE|null}]}

Every article is ingested into an empty knowledge base. An instrument counts as found when
its title (compared without regard to case, spacing or quote style) and kind match an
expected one; a quotation when its words match; a speaker attribution when the quotation is
found *and* its speaker matches. Parties, roles and instrument links are scored the same
way and printed too; signatories and witnesses name by name on the instruments found; and
matches to the records of the shipped knowledge base, against which every article is
ingested (a report of the Kenya–Malaysia event must not propose its instruments again).
The command exits 1 when instruments, quotations or speakers fall
below ``--min`` in precision or recall, so CI can hold the line.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kbtool.ingest.candidates import Candidates, Known, extract
from kbtool.ingest.countries import country_named, country_of_word
from kbtool.ingest.reading import read_article
from kbtool.ingest.reconcile import text_key as _key
from kbtool.models import Instrument

# What the scorer calls a signatory: an official whose note says they signed or exchanged it.
SIGNATORY_NOTES = ("signed", "exchanged")

GATED = ("instruments", "quotations", "speakers")
METRICS = (*GATED, "parties", "roles", "links", "signatories", "witnesses", "matches")
# Courtesy titles are not part of a name: "H.E. Dr Amina Yusuf" is "Amina Yusuf".
_COURTESY = re.compile(
    r"^(?:(?:mr|mrs|ms|dr|prof|professor|h\.?\s?e\.?|hon\.?|honourable|his excellency"
    r"|her excellency|sir|dame)\.?\s+)+",
    re.IGNORECASE,
)


@dataclass
class Score:
    found: int = 0  # predicted and right
    predicted: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.found / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    def add(self, other: Score) -> None:
        self.found += other.found
        self.predicted += other.predicted
        self.expected += other.expected


@dataclass
class ArticleResult:
    name: str
    scores: dict[str, Score]
    misses: list[str] = field(default_factory=list)


def _pair(
    predicted: Sequence[dict[str, Any]],
    expected: Sequence[dict[str, Any]],
    key: Callable[[dict[str, Any]], str],
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Predicted and expected records with the same key, each used once."""
    unused = list(expected)
    pairs = []
    for record in predicted:
        for candidate in unused:
            if key(candidate) == key(record):
                pairs.append((record, candidate))
                unused.remove(candidate)
                break
    return pairs


# "(MoU)", "(ICCR)", "(Exim Bank)": a short form in brackets, left out as the spec says.
_SHORT_FORM = re.compile(r"\s*\([A-Z][\w&-]*(?:\s[A-Z][\w&-]*){0,2}\)")


def _title_key(title: str) -> str:
    # "(KNCCI)", "(MoU)": an abbreviation in brackets does not make another title.
    return _key(re.sub(_SHORT_FORM, "", title))


def score_article(name: str, candidates: Candidates, expected: dict[str, Any]) -> ArticleResult:
    got = candidates.json_document()
    titles = {i["id"]: i["title"] for i in got["instruments"]}
    result = ArticleResult(name, {metric: Score() for metric in METRICS})
    scores = result.scores

    def instrument_key(record: dict[str, Any]) -> str:
        return f"{_title_key(record['title'])}|{record['kind']}"

    pairs = _pair(got["instruments"], expected.get("instruments", []), instrument_key)
    scores["instruments"] = Score(len(pairs), len(got["instruments"]), len(expected["instruments"]))
    parties_right = [p for p in pairs if {_party_key(x) for x in p[0]["parties"]} == {
        _party_key(x) for x in p[1]["parties"]
    }]  # fmt: skip
    scores["parties"] = Score(
        len(parties_right), len(got["instruments"]), len(expected["instruments"])
    )
    matched = [p[1]["title"] for p in pairs]
    result.misses += [
        f"instrument not found: {e['title']!r}"
        for e in expected["instruments"]
        if e["title"] not in matched
    ]
    result.misses += [
        f"instrument not expected: {g['title']!r}"
        for g in got["instruments"]
        if all(g is not p[0] for p in pairs)
    ]
    result.misses += [
        f"parties of {e['title']!r}: got {g['parties']}, expected {e['parties']}"
        for g, e in pairs
        if (g, e) not in parties_right
    ]

    by_id = {c.record.id: c for c in candidates.instruments}
    for metric, names_of in (("signatories", signatories), ("witnesses", _witnesses)):
        score = scores[metric]
        for g, e in pairs:
            got_names = {_person_key(n) for n in names_of(by_id[g["id"]].record)}
            wanted_names = {_person_key(n) for n in e.get(metric, [])}
            score.add(Score(len(got_names & wanted_names), len(got_names), len(wanted_names)))
            if got_names != wanted_names:
                result.misses.append(
                    f"{metric} of {e['title']!r}: got {sorted(got_names)}, "
                    f"expected {sorted(wanted_names)}"
                )
    matched_ids = {g["id"]: e.get("match") for g, e in pairs}
    predicted_matches = [c.record.id for c in candidates.instruments if c.existing]
    expected_matches = [e["match"] for e in expected["instruments"] if e.get("match")]
    right = [i for i in predicted_matches if matched_ids.get(i) == i]
    scores["matches"] = Score(len(right), len(predicted_matches), len(expected_matches))
    result.misses += [
        f"not matched to the knowledge base's {m!r}" for m in expected_matches if m not in right
    ]
    result.misses += [f"matched to {i!r} wrongly" for i in predicted_matches if i not in right]

    quotations = got["quotations"]
    wanted = expected.get("quotations", [])
    pairs = _pair(quotations, wanted, lambda r: _key(r["text"]))
    total = (len(quotations), len(wanted))
    scores["quotations"] = Score(len(pairs), *total)
    speakers = [(g, e) for g, e in pairs if _key(g["speaker"]) == _key(e["speaker"])]
    scores["speakers"] = Score(len(speakers), *total)
    roles = [
        (g, e)
        for g, e in speakers
        if _key(g["speaker_role"] or "") == _key(e["speaker_role"] or "")
    ]
    scores["roles"] = Score(len(roles), *total)

    def linked_title(record: dict[str, Any]) -> str:
        return _title_key(titles.get(record["instrument"], "") if record["instrument"] else "")

    links = [(g, e) for g, e in pairs if linked_title(g) == _title_key(e["instrument"] or "")]
    scores["links"] = Score(len(links), *total)
    found_texts = [p[1]["text"] for p in pairs]
    result.misses += [
        f"quotation not found: {e['text'][:60]!r}" for e in wanted if e["text"] not in found_texts
    ]
    result.misses += [
        f"quotation not expected: {g['text'][:60]!r} ({g['speaker']})"
        for g in quotations
        if all(g is not p[0] for p in pairs)
    ]
    for g, e in pairs:
        if (g, e) not in speakers:
            result.misses.append(f"speaker of {e['text'][:40]!r}: {g['speaker']!r}, "
                                 f"expected {e['speaker']!r}")  # fmt: skip
        elif (g, e) not in roles:
            result.misses.append(f"role of {e['speaker']}: {g['speaker_role']!r}, "
                                 f"expected {e['speaker_role']!r}")  # fmt: skip
        if (g, e) not in links:
            shown = titles.get(g["instrument"]) if g["instrument"] else None
            result.misses.append(
                f"instrument of {e['text'][:40]!r}: {shown!r}, expected {e['instrument']!r}"
            )
    source = expected.get("source")
    if source:
        for name_, value in source.items():
            if str(got["source"].get(name_)) != str(value):
                result.misses.append(
                    f"source {name_}: {got['source'].get(name_)!r}, expected {value!r}"
                )
    return result


def signatories(instrument: Instrument) -> list[str]:
    return [o.name for o in instrument.officials if (o.note or "").startswith(SIGNATORY_NOTES)]


def _witnesses(instrument: Instrument) -> list[str]:
    return list(instrument.witnesses)


def _party_key(name: str) -> str:
    """ "India's National Institute of Oceanography (NIO)" is the National Institute of
    Oceanography: whose it is and its abbreviation are ways of writing the same party."""
    name = re.sub(_SHORT_FORM, "", name)
    possessive = re.match(r"^([\w ]+?)[’'](?:s\s+|\s+)(?=[A-Z])", name)
    if possessive and country_named(possessive.group(1)) is not None:
        name = name[possessive.end() :]
    # "the Tanzanian Ministry of Finance", "the Ministry of Finance of Tanzania": a ministry
    # written with whose it is or without.
    adjective = re.match(r"^(\w+)\s+(?=(?:Federal\s+)?(?:Ministry|Department)\b)", name)
    if adjective and country_of_word(adjective.group(1)) is not None:
        name = name[adjective.end() :]
    of_country = re.match(r"^(.*)\s+of\s+(?:the\s+)?([A-Z][\w ]+)$", name)
    if (
        name.startswith(("Ministry", "Federal Ministry"))
        and of_country
        and country_named(of_country.group(2)) is not None
    ):
        name = of_country.group(1)
    # "Turkey" and "Türkiye", "Viet Nam" and "Vietnam": one country, whichever name.
    return _key(country_named(name) or name)


def _person_key(name: str) -> str:
    return _key(_COURTESY.sub("", name.strip()))


def shipped_records() -> Known:
    """The shipped knowledge base, which reports of its own event must be matched to."""
    from kbtool.kb import KnowledgeBase
    from kbtool.store import location

    where = location.DbLocation(location.shipped_db_path(), location.Origin.SHIPPED)
    kb = KnowledgeBase.open(where)
    return Known(kb.instruments, kb.quotations, kb.sources, frozenset(kb.retired_ids()))


def evaluate(directory: Path) -> list[ArticleResult]:
    articles = sorted(
        p for p in (directory / "articles").iterdir() if p.suffix in (".txt", ".html", ".htm")
    )
    known = shipped_records()
    results = []
    for path in articles:
        expected_path = directory / "expected" / f"{path.stem}.json"
        if not expected_path.is_file():
            sys.stderr.write(f"evaluation: {path.name} has no expected/{expected_path.name}\n")
            continue
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        candidates = extract(read_article(str(path), lambda: b""), known)
        results.append(score_article(path.stem, candidates, expected))
    return results


def totals(results: Sequence[ArticleResult]) -> dict[str, Score]:
    total = {metric: Score() for metric in METRICS}
    for result in results:
        for metric, score in result.scores.items():
            total[metric].add(score)
    return total


def report(results: Sequence[ArticleResult], verbose: bool) -> str:
    lines = [f"{len(results)} articles"]
    if verbose:
        for result in results:
            lines.append(f"\n{result.name}")
            lines += [f"  {miss}" for miss in result.misses] or ["  all as expected"]
        lines.append("")
    lines.append(f"{'':14}{'precision':>10}{'recall':>8}{'right':>7}{'found':>7}{'expected':>9}")
    for metric, score in totals(results).items():
        lines.append(
            f"{metric:14}{score.precision:>10.3f}{score.recall:>8.3f}"
            f"{score.found:>7}{score.predicted:>7}{score.expected:>9}"
        )
    return "\n".join(lines)


def default_directory() -> Path:
    return Path(__file__).resolve().parents[2] / "evaluation"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kbtool.ingest.evaluation", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("directory", nargs="?", type=Path, default=default_directory())
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    parser.add_argument("--min", type=float, default=0.9, help="fail below this (default 0.9)")
    options = parser.parse_args(argv)
    if not (options.directory / "articles").is_dir():
        sys.stderr.write(f"evaluation: no articles/ folder in {options.directory}\n")
        return 2
    results = evaluate(options.directory)
    sys.stdout.write(report(results, options.verbose) + "\n")
    total = totals(results)
    failing = [m for m in GATED if min(total[m].precision, total[m].recall) < options.min]
    if failing:
        sys.stderr.write(f"evaluation: below {options.min}: {', '.join(failing)}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
