"""Knowledge bases for the tests of kb stats, timeline, partners, report and the SQLite export.

``small_kb()``: a handful of records that exercise every rule (a date only another source
claims, an undated instrument, a dated and an undated quotation, a title holding
``<script>``); ``benchmark_kb()``: the 14,000-instrument benchmark knowledge base of
``benchmarks/generate.py``, written as a knowledge base file.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import msgspec

ROOT = Path(__file__).resolve().parent.parent
HOSTILE_TITLE = "Agreement <script>alert('x')</script> & <b>bold</b> on [links](http://evil)"


def _instrument(record_id: str, **fields: Any) -> dict[str, Any]:
    document = {
        "id": record_id,
        "title": fields.pop("title", record_id.replace("-", " ").title()),
        "kind": fields.pop("kind", "agreement"),
        "parties": fields.pop("parties", ["Ghana", "India"]),
        "status": fields.pop("status", "signed"),
        "sources": fields.pop("sources", ["ministry-release"]),
    }
    return {**document, **fields}


def small_kb() -> dict[str, list[dict[str, Any]]]:
    sources = [
        {
            "id": "ministry-release",
            "title": "Ghana and India sign trade pact",
            "outlet": "Ministry of Trade",
            "url": "https://example.org/ghana-india",
            "published_on": "2024-03-02",
            "description": "Press release on the signing",
        },
        {
            "id": "wire-report",
            "title": None,
            "outlet": "Wire <Service>",
            "url": "javascript:alert(1)",
            "description": "A wire report with another date",
        },
    ]
    instruments = [
        _instrument(
            "ghana-india-trade-agreement",
            title="Agreement on Trade",
            signed_on="2024-03-01",
            signed_at="Accra",
            sectors=["trade", "Textiles"],
            officials=[{"name": "Ama Mensah", "role": "Minister", "source": "ministry-release"}],
            claims=[{"field": "signed_on", "value": "2024-02-28", "source": "wire-report"}],
        ),
        _instrument(
            "ghana-india-health-mou",
            title="MoU on Health",
            kind="memorandum-of-understanding",
            sectors=["health", "textiles"],
            claims=[{"field": "exchanged_on", "value": "2023-07-15", "source": "wire-report"}],
        ),
        _instrument(
            "ghana-india-culture-loi",
            title=HOSTILE_TITLE,
            kind="letter-of-intent",
            status="proposed",
            sectors=["culture", "</script><script>alert(2)</script>"],
        ),
        _instrument(
            "ghana-togo-border-protocol",
            title="Protocol on the Border",
            kind="protocol",
            parties=["Ghana", "Togo"],
            exchanged_on="2019-11-05",
            exchanged_at="Lomé",
            sectors=["security"],
        ),
        _instrument(
            "kenya-peru-coffee-mou",
            title="MoU on Coffee",
            kind="memorandum-of-understanding",
            parties=["Kenya", "Peru"],
            signed_on="2021-06-30",
            sectors=["agriculture"],
            sources=["wire-report"],
        ),
    ]
    quotations = [
        {
            "id": "mensah-new-chapter",
            "text": "a new chapter in our <trade> story",
            "speaker": "Ama Mensah",
            "speaker_role": "Minister",
            "instrument": "ghana-india-trade-agreement",
            "source": "ministry-release",
        },
        {
            "id": "mensah-friendship",
            "text": "our friendship is old & deep",
            "speaker": "Ama Mensah",
            "source": "ministry-release",
        },
        {
            "id": "envoy-coffee",
            "text": "coffee will flow both ways",
            "speaker": "Envoy",
            "instrument": "kenya-peru-coffee-mou",
            "source": "wire-report",
        },
    ]
    return {"instruments": instruments, "quotations": quotations, "sources": sources}


@functools.cache
def benchmark_kb(instruments: int = 14_000) -> Path:
    """The benchmarks' generated knowledge base of ``instruments`` instruments, as a file
    written once a test session (about 3 s at 14k): tests read it and never change it."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    tables: dict[str, dict[str, Any]] = {"instruments": {}, "quotations": {}, "sources": {}}
    for record in generate.records(instruments):
        table = tables[record.pop("type") + "s"]
        table[str(len(table) + 1)] = record
    folder = Path(tempfile.mkdtemp(prefix="kb-benchmark-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "kb.json"
    path.write_bytes(msgspec.json.encode(tables))
    return path
