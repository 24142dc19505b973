"""Time ``kb stats``, ``kb timeline``, ``kb partners``, ``kb report`` and the SQLite export on
the 14,000-instrument benchmark knowledge base, against issue 14's targets.

    python benchmarks/glance.py [--instruments 14000] [--runs 5] [--out glance.json]

The knowledge base is ``benchmarks/generate.py``'s (the same seed as ``run.py``), imported
with ``kb import`` into a temporary directory, as a user's would be (so the search index
beside it is there for ``kb report`` to read records from). Each command runs as its own
process, with HOME and the XDG directories in that directory; a measurement is the median
wall-clock time of ``--runs`` runs after one warm-up run. Targets: stats, timeline and
partners under 0.5 s; a report of one pair of parties under 2 s.
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
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # a sibling script, not an installed package

TARGETS = {"stats": 0.5, "timeline": 0.5, "partners": 0.5, "report": 2.0}


def kb_program() -> str:
    found = shutil.which("kb", path=str(Path(sys.executable).parent)) or shutil.which("kb")
    if found is None:
        sys.exit("kb is not installed: pip install -e . first")
    return found


def timed(argv: Sequence[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """The median wall-clock seconds and the median CPU seconds (user + system) of ``runs``
    runs of ``argv``, after one warm-up. CPU time is what the command costs whatever else
    the machine runs; wall-clock time is what a person waits."""
    walls, cpus = [], []
    for run in range(runs + 1):
        start = time.perf_counter()
        process = subprocess.Popen(
            argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            sys.exit(f"{' '.join(argv)} failed with {process.returncode}")
        if run:
            walls.append(time.perf_counter() - start)
            cpus.append(usage.ru_utime + usage.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def json_of(argv: Sequence[str], env: dict[str, str]) -> Any:
    return json.loads(subprocess.run(argv, env=env, check=True, capture_output=True).stdout)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instruments", type=int, default=14_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, help="also write the results as JSON")
    args = parser.parse_args(argv)
    kb = kb_program()
    with tempfile.TemporaryDirectory(prefix="kb-glance-") as work_dir:
        work = Path(work_dir)
        env = {
            **os.environ,
            "HOME": str(work),
            "XDG_DATA_HOME": str(work / "data"),
            "XDG_CACHE_HOME": str(work / "cache"),
            "COLUMNS": "100",
        }
        env.pop("KB_DB", None)
        jsonl = work / "kb.jsonl"
        generate.write_jsonl(jsonl, args.instruments)
        db = work / "kb.json"
        subprocess.run(
            [kb, "--db", str(db), "import", str(jsonl)],
            env=env,
            check=True,
            stderr=subprocess.DEVNULL,
        )
        base = [kb, "--db", str(db)]
        # Parties to ask about: the busiest one and its busiest partner (the largest pair),
        # and Kenya with its busiest partner (a pair of typical size).
        busiest = next(iter(json_of([*base, "stats", "--json"], env)["party"]))
        pairs = {}
        for party in (busiest, "Kenya"):
            partners = json_of([*base, "partners", party, "--json"], env)["partners"]
            pairs[party] = (partners[0]["name"], partners[0]["instruments"])
        small_partner, small_count = pairs["Kenya"]
        large_partner, large_count = pairs[busiest]
        commands: list[tuple[str, str, list[str]]] = [
            ("stats", "whole knowledge base, --json", ["stats", "--json"]),
            ("stats", "whole knowledge base, charts", ["stats", "--format", "table"]),
            ("stats", f"--party {busiest}, --json", ["stats", "--party", busiest, "--json"]),
            ("timeline", "--party Kenya, --json", ["timeline", "--party", "Kenya", "--json"]),
            (
                "timeline",
                f"--party {busiest}, --json",
                ["timeline", "--party", busiest, "--json"],
            ),
            ("timeline", "--party Kenya, table", ["timeline", "--party", "Kenya", "-f", "table"]),
            ("timeline", "whole knowledge base, --json", ["timeline", "--json"]),
            ("partners", "Kenya, --json", ["partners", "Kenya", "--json"]),
            ("partners", f"{busiest}, table", ["partners", busiest, "-f", "table"]),
            (
                "report",
                f"Kenya – {small_partner} ({small_count} instruments), html",
                [
                    "report",
                    "--party",
                    "Kenya",
                    "--party",
                    small_partner,
                    "-o",
                    str(work / "a.html"),
                ],
            ),
            (
                "report",
                f"{busiest} – {large_partner} ({large_count} instruments), html",
                [
                    "report",
                    "--party",
                    busiest,
                    "--party",
                    large_partner,
                    "-o",
                    str(work / "b.html"),
                ],
            ),
            (
                "report",
                f"Kenya – {small_partner}, markdown",
                [
                    "report",
                    "--party",
                    "Kenya",
                    "--party",
                    small_partner,
                    "--format",
                    "markdown",
                    "-o",
                    str(work / "a.md"),
                ],
            ),
            (
                "export sqlite",
                "whole knowledge base",
                ["export", "--format", "sqlite", "-o", str(work / "kb.db")],
            ),
        ]
        results = []
        print(f"{args.instruments} instruments, median of {args.runs} runs after a warm-up")
        print(f"{'':<68} {'wall':>7} {'cpu':>7}  target")
        for command, what, arguments in commands:
            wall, cpu = timed([*base, *arguments], env, args.runs)
            target = TARGETS.get(command)
            verdict = "" if target is None else ("ok" if wall < target else "OVER")
            results.append(
                {
                    "command": command,
                    "what": what,
                    "wall_s": round(wall, 3),
                    "cpu_s": round(cpu, 3),
                    "target_s": target,
                    "verdict": verdict,
                }
            )
            limit = f"< {target} s" if target else ""
            print(f"kb {command:<14} {what:<51} {wall:6.3f}s {cpu:6.3f}s  {limit:<8} {verdict}")
        print(f"load average afterwards: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    if args.out:
        args.out.write_text(
            json.dumps({"instruments": args.instruments, "results": results}, indent=2)
        )


if __name__ == "__main__":
    main()
