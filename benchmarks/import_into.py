"""Time ``kb import`` of one batch into an empty knowledge base and into a non-empty one.

Issue 12 asks that importing 8,862 records into a knowledge base of 3,000 instruments take
about as long as importing them into an empty one (record by record, it took 425 s against
3.7 s); issue 11, at least 20,000 records a second into an empty knowledge base and into a
large one. The generator (``benchmarks/generate.py``) makes both: the knowledge base from
one seed, the batch from another with every id (and every reference to one) prefixed, so
that the batch adds records and replaces none::

    python benchmarks/import_into.py                  # 3,000 instruments, a batch of 8,990
    python benchmarks/import_into.py --base 14000 --runs 5
    python benchmarks/import_into.py --base-jsonl /tmp/bench-cache/kb-160k-seed6-v1.jsonl

``--base-jsonl`` takes the knowledge base from a JSONL file instead (``run.py``'s cache holds
one per size). Each import is a separate ``kb`` process with HOME in a temporary directory;
the non-empty knowledge base is imported once, untimed, and its index built (``kb
search``). Before each timed run it is copied as a user's stands after kb wrote it: the file
and its layout as they are (hard links: kb never writes a file it has written again, it
replaces it), the index copied (SQLite writes it in place). It prints the median wall-clock
time of each, and the records a second.
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


def copy_as_written(master: Path, copy: Path) -> None:
    """``master``'s knowledge base folder at ``copy``, its layout and index current for it."""
    copy.mkdir()
    for name in ("kb.json", "kb.json.layout"):
        os.link(master / name, copy / name)
    shutil.copy2(master / "kb.json.index", copy / "kb.json.index")
    # Written out before the timing: a user's index is not hundreds of MB of dirty pages,
    # whose writing back would slow the import's own syncs.
    os.sync()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=int, default=3000, help="instruments already there")
    parser.add_argument("--base-jsonl", type=Path, help="the knowledge base already there")
    parser.add_argument("--batch", type=int, default=2975, help="instruments imported")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kb-import-into-") as tmp:
        work = Path(tmp)
        env = {**os.environ, "HOME": str(work / "home"), "XDG_DATA_HOME": str(work / "xdg")}
        env.pop("KB_DB", None)
        if options.base_jsonl is None:
            base = work / "base.jsonl"
            base_records = generate(options.base, 6, base)
            base_name = f"{options.base:,} instruments"
        else:
            base = options.base_jsonl
            with base.open("rb") as lines:
                base_records = sum(1 for line in lines if line.strip())
            base_name = base.name
        batch_records = generate(options.batch, 7, work / "batch.jsonl", prefix="b-")
        full = work / "full"
        full.mkdir()
        kb(env, "--db", str(full / "kb.json"), "import", str(base))
        kb(env, "--db", str(full / "kb.json"), "search", "cooperation", "--json")
        into_empty, into_full = [], []
        for run in range(options.runs):
            empty = work / f"empty-{run}"
            empty.mkdir()
            into_empty.append(
                kb(env, "--db", str(empty / "kb.json"), "import", str(work / "batch.jsonl"))
            )
            copy = work / f"full-{run}"
            copy_as_written(full, copy)
            into_full.append(
                kb(env, "--db", str(copy / "kb.json"), "import", str(work / "batch.jsonl"))
            )
            shutil.rmtree(empty)
            shutil.rmtree(copy)
    empty_s, full_s = statistics.median(into_empty), statistics.median(into_full)
    print(f"batch: {batch_records:,} records ({options.batch:,} instruments, seed 7)")
    print(
        f"into an empty knowledge base: {empty_s:.2f} s (median of {options.runs}; "
        f"{batch_records / empty_s:,.0f} records/s)"
    )
    print(
        f"into one of {base_name} ({base_records:,} records, layout and index current): "
        f"{full_s:.2f} s ({full_s / empty_s:.2f}x; {batch_records / full_s:,.0f} records/s)"
    )
    print("runs into the non-empty one: " + ", ".join(f"{s:.2f}" for s in into_full))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
