"""Time ``kb import`` of one batch into an empty knowledge base and into a non-empty one.

Issue 12 asks that importing 8,862 records into a knowledge base of 3,000 instruments take
about as long as importing them into an empty one (record by record, it took 425 s against
3.7 s). The generator (``benchmarks/generate.py``) makes both: the knowledge base from one
seed, the batch from another with every id (and every reference to one) prefixed, so that
the batch adds records and replaces none::

    python benchmarks/import_into.py                  # 3,000 instruments, a batch of ~8,862
    python benchmarks/import_into.py --base 14000 --runs 5

Each import is a separate ``kb`` process with HOME in a temporary directory; the non-empty
knowledge base is imported once, untimed, and copied afresh before each timed run, its index
brought up to date (``kb search``, untimed) as a user's would be. It prints the median
wall-clock time of each.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# Fields that hold another record's id: a quotation's instrument and source, an
# instrument's sources, and the source of each official, excerpt and claim.
_REFERENCES = ("instrument", "source")


def _prefixed(value: Any, prefix: str) -> Any:
    if isinstance(value, dict):
        return {
            key: (
                prefix + item
                if key in (*_REFERENCES, "id") and isinstance(item, str)
                else [prefix + s for s in item]
                if key == "sources" and isinstance(item, list)
                else _prefixed(item, prefix)
            )
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_prefixed(item, prefix) for item in value]
    return value


def generate(instruments: int, seed: int, out: Path, prefix: str = "") -> int:
    """Write a generated JSONL knowledge base; the number of records it holds."""
    raw = out.with_suffix(".raw.jsonl")
    subprocess.run(
        [sys.executable, str(HERE / "generate.py"), "--instruments", str(instruments),
         "--seed", str(seed), "--out", str(raw)],
        check=True, capture_output=True,
    )  # fmt: skip
    count = 0
    with raw.open(encoding="utf-8") as source, out.open("w", encoding="utf-8") as target:
        for line in source:
            record = json.loads(line)
            if "type" not in record:
                continue  # the generator's summary line
            target.write(json.dumps(_prefixed(record, prefix), ensure_ascii=False) + "\n")
            count += 1
    raw.unlink()
    return count


def kb(env: dict[str, str], *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kbtool", *args], check=True, capture_output=True,
                   env=env)  # fmt: skip
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=int, default=3000, help="instruments already there")
    parser.add_argument("--batch", type=int, default=2975, help="instruments imported")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kb-import-into-") as tmp:
        work = Path(tmp)
        env = {**os.environ, "HOME": str(work / "home"), "XDG_DATA_HOME": str(work / "xdg")}
        env.pop("KB_DB", None)
        base_records = generate(options.base, 6, work / "base.jsonl")
        batch_records = generate(options.batch, 7, work / "batch.jsonl", prefix="b-")
        full = work / "full"
        full.mkdir()
        kb(env, "--db", str(full / "kb.json"), "import", str(work / "base.jsonl"))
        kb(env, "--db", str(full / "kb.json"), "search", "cooperation", "--json")
        into_empty, into_full = [], []
        for run in range(options.runs):
            empty = work / f"empty-{run}"
            empty.mkdir()
            into_empty.append(
                kb(env, "--db", str(empty / "kb.json"), "import", str(work / "batch.jsonl"))
            )
            copy = work / f"full-{run}"
            shutil.copytree(full, copy)
            # A copy is another file (its inode): its index is brought up to date, untimed.
            kb(env, "--db", str(copy / "kb.json"), "search", "cooperation", "--json")
            into_full.append(
                kb(env, "--db", str(copy / "kb.json"), "import", str(work / "batch.jsonl"))
            )
            shutil.rmtree(empty)
            shutil.rmtree(copy)
    empty_s, full_s = statistics.median(into_empty), statistics.median(into_full)
    print(f"batch: {batch_records:,} records ({options.batch:,} instruments, seed 7)")
    print(f"into an empty knowledge base: {empty_s:.2f} s (median of {options.runs})")
    print(
        f"into one of {options.base:,} instruments ({base_records:,} records, indexed): "
        f"{full_s:.2f} s ({full_s / empty_s:.2f}x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
