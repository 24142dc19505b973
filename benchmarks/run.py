"""Time ``kb`` against ``jq`` and SQLite FTS5 on synthetic knowledge bases of 1k to 160k records.

One command, one run, every number of issue 6::

    python benchmarks/run.py --sizes 1k,14k,160k --out benchmarks/results.json

For each size it generates a knowledge base (``benchmarks/generate.py``, cached under
``benchmarks/.cache/``), imports it with ``kb import`` into a fresh temporary directory,
exports it once with ``kb export`` for ``jq`` and builds an SQLite FTS5 database from that
export (both cached, untimed). It then times, as separate processes:

- ``kb list --json``, ``kb show ID --json``, ``kb search QUERY --json`` for a rare word, a
  common word, a phrase and a qualifier, and ``kb add instrument`` (each add removed again
  with ``kb remove``, untimed, so every size stays the same size);
- the same operations as a user would write them with ``jq`` over the export, and with the
  ``sqlite3`` command-line shell over the FTS5 database;

and, once, the start-up of ``kb --help`` and ``kb list --json`` on the shipped knowledge base
against a minimal Typer app (``benchmarks/hello_app.py``).

Every command runs with HOME and the XDG directories in a temporary directory, so neither
the user's own knowledge base nor any cache of theirs is used. Each measurement is the median
wall-clock time over several runs after one warm-up run, and the peak memory is the largest
maximum resident set size of the process (``wait4``'s rusage) over those runs. The results are
printed as a table, written as JSON (``--out``) and plotted (``--plot``, needs matplotlib:
``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import platform
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # a sibling script, not an installed package

HERE = Path(__file__).resolve().parent
TOOLS = ("kb", "jq", "sqlite")
OPERATIONS = (
    "list",
    "show",
    "search rare",
    "search common",
    "search phrase",
    "search qualifier",
    "add",
)
SEARCHES = {
    # operation: (kb query, jq regular expression, FTS5 MATCH expression)
    "search rare": (generate.RARE_WORD, rf"\b{generate.RARE_WORD}", generate.RARE_WORD),
    "search common": (generate.COMMON_WORD, rf"\b{generate.COMMON_WORD}", generate.COMMON_WORD),
    "search phrase": (f'"{generate.PHRASE}"', generate.PHRASE, f'"{generate.PHRASE}"'),
    "search qualifier": (
        f"kind:{generate.QUALIFIER_KIND} {generate.QUALIFIER_WORD}",
        rf"\b{generate.QUALIFIER_WORD}",
        f"kind:{generate.QUALIFIER_KIND} AND {generate.QUALIFIER_WORD}",
    ),
}
LIMIT = 20  # kb search prints 20 hits by default; the anchors are given the same limit
ADDED_ID = "benchmark-added-treaty-on-extradition"
ADDED: dict[str, Any] = {
    "id": ADDED_ID,
    "title": "Treaty between Ghana and India on Extradition",
    "kind": "treaty",
    "parties": ["Ghana", "India"],
    "status": "signed",
    "summary": "Provides for the extradition of persons sought for prosecution.",
    "sectors": ["justice", "law enforcement"],
    "signed_on": "2026-01-15",
}


@dataclass
class Measurement:
    """The runs of one command: medians and peaks are what the table shows."""

    status: str = "ok"  # ok | timeout | error | skipped
    samples: list[float] = field(default_factory=list)
    first_s: float | None = None  # the warm-up run (it may build caches or indexes)
    max_rss_mb: float | None = None
    output_bytes: int | None = None
    detail: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "median_s": self.median, "n": len(self.samples)}


@dataclass
class Settings:
    repeat: int
    repeat_large: int
    timeout: float
    budget: float
    slow: float
    env: dict[str, str]


# GNU time forks the command from its own small process, so the peak memory it reports is the
# command's. A child forked from this Python process would inherit this process's peak
# (Linux keeps the largest resident size across exec), so wait4's figure is only a fallback.
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None


def run_once(
    argv: Sequence[str], env: dict[str, str], timeout: float, stdout: Any = subprocess.DEVNULL
) -> tuple[float, int, float, str]:
    """Run a command; returns (seconds, exit code or -1 on timeout, max RSS in MiB, stderr)."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as rss_file:
        command = list(argv)
        if GNU_TIME:
            command = [GNU_TIME, "-f", "%M", "-o", rss_file.name, *command]
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=stdout, stderr=err, env=env,
            start_new_session=True,
        )  # fmt: skip
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        message = err.read().decode("utf-8", "replace").strip()
        rss_kib = float(usage.ru_maxrss)
        if GNU_TIME:
            reported = rss_file.read().split()
            rss_kib = float(reported[-1]) if reported and reported[-1].isdigit() else 0.0
    code = -1 if timed_out.is_set() else process.returncode
    return elapsed, code, rss_kib / 1024, message


def measure(
    argv: Sequence[str],
    settings: Settings,
    repeat: int,
    prepare: Callable[[], None] | None = None,
    cleanup: Callable[[], None] | None = None,
) -> Measurement:
    """A warm-up run (its output checked), then up to ``repeat`` timed runs within the budget.

    A command slower than ``settings.slow`` is not repeated: its warm-up is its one sample,
    so that the whole benchmark stays within minutes however slow a tool is.
    """
    result = Measurement()

    def once(stdout: Any = subprocess.DEVNULL) -> tuple[float, int, str]:
        if prepare:
            prepare()
        try:
            seconds, code, rss, message = run_once(argv, settings.env, settings.timeout, stdout)
        finally:
            if cleanup:
                cleanup()
        result.max_rss_mb = max(result.max_rss_mb or 0.0, rss)
        return seconds, code, message

    with tempfile.TemporaryFile() as out:
        seconds, code, message = once(out)
        result.output_bytes = out.seek(0, os.SEEK_END)
    result.first_s = seconds
    if code != 0:
        result.status = "timeout" if code == -1 else "error"
        result.detail = f"> {settings.timeout:.0f} s" if code == -1 else message[-300:]
        return result
    if seconds >= settings.slow:
        result.samples.append(seconds)
        result.detail = "one run (slow)"
        return result
    spent = 0.0
    while len(result.samples) < repeat and spent < settings.budget:
        seconds, code, message = once()
        if code != 0:
            result.status = "timeout" if code == -1 else "error"
            result.detail = message[-300:]
            break
        result.samples.append(seconds)
        spent += seconds
    return result


def parse_size(text: str) -> int:
    text = text.strip().lower()
    return int(float(text[:-1]) * 1000) if text.endswith("k") else int(text)


def label(size: int) -> str:
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def kb_script() -> str:
    """The installed ``kb`` console script, preferably the one beside this Python."""
    beside = Path(sys.executable).parent / "kb"
    found = str(beside) if beside.exists() else shutil.which("kb")
    if not found:
        sys.exit("run.py: no `kb` command found: install kbtool (pip install -e '.[bench]')")
    return found


def script_python(script: str) -> str:
    """The interpreter a console script runs with (its #! line), to run the hello app alike."""
    first = Path(script).read_bytes().split(b"\n", 1)[0].decode()
    interpreter = first[2:].strip() if first.startswith("#!") else ""
    return interpreter if interpreter and Path(interpreter).exists() else sys.executable


# --- the anchors -----------------------------------------------------------------------------


def jq_commands(export: Path, show_id: str) -> dict[str, list[str]]:
    """The jq a user would write for each operation, over the ``kb export`` document."""
    hits = (
        '[(.instruments[] | select(tostring | test($re; "i")) | {type: "instrument"} + .),'
        ' (.quotations[] | select(tostring | test($re; "i")) | {type: "quotation"} + .)]'
        f" | .[:{LIMIT}]"
    )
    commands = {
        "list": ["jq", ".instruments", str(export)],
        "show": [
            "jq", "--arg", "id", show_id,
            ". as $db | $db.instruments[] | select(.id == $id)"
            " | . + {quotations: [$db.quotations[] | select(.instrument == $id)]}",
            str(export),
        ],
        "add": ["jq", "--argjson", "r", json.dumps(ADDED), ".instruments += [$r]", str(export)],
    }  # fmt: skip
    for operation, (_, regex, _) in SEARCHES.items():
        program = hits
        if operation == "search qualifier":
            program = (
                f'[.instruments[] | select(.kind == "{generate.QUALIFIER_KIND}"'
                f' and (tostring | test($re; "i")))] | .[:{LIMIT}]'
            )
        commands[operation] = ["jq", "--arg", "re", regex, program, str(export)]
    return commands


def sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def sqlite_commands(database: Path, show_id: str) -> dict[str, list[str]]:
    """The SQL a user would write for each operation, run by the ``sqlite3`` shell."""
    db = str(database)
    commands = {
        "list": [
            "sqlite3", db,
            "SELECT json_group_array(json(doc)) FROM records WHERE type = 'instrument';",
        ],
        "show": [
            "sqlite3", db,
            "SELECT json_set(doc, '$.quotations', (SELECT json_group_array(json(q.doc))"
            " FROM records q WHERE q.instrument = i.id AND q.type = 'quotation'))"
            f" FROM records i WHERE i.id = {sql_text(show_id)};",
        ],
        "add": [
            "sqlite3", db,
            "BEGIN; INSERT INTO records (type, id, kind, instrument, doc) VALUES ('instrument',"
            f" {sql_text(ADDED_ID)}, 'treaty', NULL, {sql_text(json.dumps(ADDED))});"
            " INSERT INTO fts (rowid, kind, title, body) VALUES (last_insert_rowid(), 'treaty',"
            f" {sql_text(ADDED['title'])}, {sql_text(fts_body(ADDED))}); COMMIT;",
        ],
    }  # fmt: skip
    for operation, (_, _, match) in SEARCHES.items():
        commands[operation] = [
            "sqlite3", db,
            f"WITH hits AS (SELECT rowid, rank FROM fts WHERE fts MATCH {sql_text(match)}"
            f" ORDER BY rank LIMIT {LIMIT}) SELECT json_group_array(json_insert(json(r.doc),"
            " '$.type', r.type, '$.score', -hits.rank)) FROM hits JOIN records r"
            " ON r.rowid = hits.rowid;",
        ]  # fmt: skip
    return commands


def fts_body(record: dict[str, Any]) -> str:
    """Every searchable text of a record but its title, as one FTS5 column."""
    parts: list[str] = []
    for key in ("summary", "text", "speaker", "speaker_role", "context", "signed_at"):
        if isinstance(record.get(key), str):
            parts.append(record[key])
    for key in ("parties", "aims", "sectors", "places", "witnesses"):
        parts.extend(record.get(key) or [])
    for official in record.get("officials") or []:
        parts.extend(v for v in (official.get("name"), official.get("role")) if v)
    return "\n".join(parts)


def build_sqlite(export: Path, database: Path) -> None:
    """An FTS5 database of the export: the documents, plus an index of their text (untimed)."""
    document = json.loads(export.read_bytes())
    kinds = {i["id"]: i["kind"] for i in document["instruments"]}
    partial = database.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    connection = sqlite3.connect(partial)
    connection.executescript(
        """
        CREATE TABLE records (rowid INTEGER PRIMARY KEY, type TEXT NOT NULL,
            id TEXT NOT NULL UNIQUE, kind TEXT, instrument TEXT, doc TEXT NOT NULL);
        CREATE INDEX records_instrument ON records (instrument);
        CREATE VIRTUAL TABLE fts USING fts5 (kind, title, body,
            tokenize = 'porter unicode61 remove_diacritics 2');
        """
    )
    rows = []
    for table, type_name in (("instruments", "instrument"), ("quotations", "quotation")):
        for record in document[table]:
            instrument = record.get("instrument")
            kind = record["kind"] if type_name == "instrument" else kinds.get(instrument or "")
            rows.append((type_name, record, kind, instrument))
    with connection:
        connection.executemany(
            "INSERT INTO records (rowid, type, id, kind, instrument, doc) VALUES (?,?,?,?,?,?)",
            (
                (n, t, r["id"], k, i, json.dumps(r, ensure_ascii=False))
                for n, (t, r, k, i) in enumerate(rows, 1)
            ),
        )
        connection.executemany(
            "INSERT INTO fts (rowid, kind, title, body) VALUES (?,?,?,?)",
            (
                (n, k or "", r.get("title") or "", fts_body(r))
                for n, (_, r, k, _) in enumerate(rows, 1)
            ),
        )
        connection.execute("INSERT INTO fts (fts) VALUES ('optimize')")
    connection.close()
    partial.replace(database)


def undo_sqlite_add(database: Path) -> None:
    """Take the added record out again, so that every add starts from the same database."""
    connection = sqlite3.connect(database)
    with connection:
        connection.execute(
            "DELETE FROM fts WHERE rowid IN (SELECT rowid FROM records WHERE id = ?)", (ADDED_ID,)
        )
        connection.execute("DELETE FROM records WHERE id = ?", (ADDED_ID,))
    connection.close()


# --- one size --------------------------------------------------------------------------------


def kb_add_argv(kb: str, db: Path) -> list[str]:
    argv = [kb, "--db", str(db), "add", "instrument", "--id", ADDED_ID]
    argv += ["--title", ADDED["title"], "--kind", ADDED["kind"], "--status", ADDED["status"]]
    argv += [arg for party in ADDED["parties"] for arg in ("--party", party)]
    argv += [arg for sector in ADDED["sectors"] for arg in ("--sector", sector)]
    argv += ["--summary", ADDED["summary"], "--signed-on", ADDED["signed_on"]]
    return argv


def prepare_data(size: int, seed: int, cache: Path, kb: str, work: Path, settings: Settings,
                 log: Callable[[str], None]) -> dict[str, Any]:  # fmt: skip
    """Generate (cached), import (always: kb's storage may have changed), export and index."""
    info: dict[str, Any] = {"label": label(size), "instruments": size}
    stem = f"kb-{label(size)}-seed{seed}-v{generate.GENERATOR_VERSION}"
    jsonl = cache / f"{stem}.jsonl"
    start = time.perf_counter()
    if not jsonl.exists():
        log(f"generating {jsonl.name}")
        generate.write_jsonl(jsonl, size, seed)
    info["generate_s"] = time.perf_counter() - start
    info["jsonl_bytes"] = jsonl.stat().st_size

    master = work / label(size) / "kb.json"
    master.parent.mkdir(parents=True)
    log(f"kb import ({label(size)})")
    seconds, code, rss, message = run_once(
        [kb, "--db", str(master), "import", str(jsonl)], settings.env, max(settings.timeout, 900)
    )
    if code != 0:
        raise SystemExit(f"run.py: kb import failed ({code}): {message}")
    # A target since issue 11: an import quicker than --slow is timed --repeat times, each
    # into a new directory, and its median kept, as any command's; a single run of 0.15 s
    # read 0.165 s once where nine by hand read 0.125-0.136 s.
    samples, peak = [seconds], rss
    while samples[0] < settings.slow and len(samples) < settings.repeat:
        again = work / label(size) / f"again-{len(samples)}" / "kb.json"
        again.parent.mkdir()
        seconds, code, rss, message = run_once(
            [kb, "--db", str(again), "import", str(jsonl)], settings.env, settings.timeout
        )
        if code != 0:
            raise SystemExit(f"run.py: kb import failed ({code}): {message}")
        samples.append(seconds)
        peak = max(peak, rss)
        shutil.rmtree(again.parent)
    info["import"] = Measurement(samples=samples, first_s=samples[0], max_rss_mb=peak).to_json()
    info["db_bytes"] = sum(f.stat().st_size for f in master.parent.rglob("*") if f.is_file())

    export = cache / f"{stem}.export.json"
    if not export.exists():
        log("kb export (for jq)")
        partial = export.with_suffix(".partial")
        seconds, code, _, message = run_once(
            [kb, "--db", str(master), "export", "-o", str(partial)], settings.env, 900
        )
        if code != 0:
            raise SystemExit(f"run.py: kb export failed ({code}): {message}")
        partial.replace(export)
    info["export_bytes"] = export.stat().st_size
    database = cache / f"{stem}.fts5.sqlite"
    if not database.exists():
        log("building the SQLite FTS5 database")
        # In a child process: loading a 160k export takes gigabytes this process need not keep.
        subprocess.run(
            [sys.executable, __file__, "--build-sqlite", str(export), str(database)], check=True
        )
    info["sqlite_bytes"] = database.stat().st_size

    counts = {"instrument": 0, "quotation": 0, "source": 0}
    show_id = ""
    with jsonl.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            counts[record["type"]] += 1
            if record["type"] == "instrument" and counts["instrument"] == size // 2 + 1:
                show_id = record["id"]  # one from the middle, neither first nor last
    info.update(quotations=counts["quotation"], sources=counts["source"], show_id=show_id)
    info["paths"] = {"db": master, "export": export, "sqlite": database}
    return info


def predicted_too_slow(previous: dict[str, Any] | None, size: int, tool: str, op: str,
                       timeout: float) -> str:  # fmt: skip
    """Skip what would only time out: it timed out at a smaller size, or scales past it."""
    if previous is None:
        return ""
    earlier = previous["ops"][op][tool]
    if earlier["status"] in ("timeout", "skipped"):
        return f"{earlier['status']} at {previous['label']}"
    median = earlier["median_s"]
    if median and median * size / previous["instruments"] > 2 * timeout:
        return f"{median:.1f} s at {previous['label']}: would take > {2 * timeout:.0f} s"
    return ""


def run_size(info: dict[str, Any], kb: str, work: Path, settings: Settings,
             previous: dict[str, Any] | None, log: Callable[[str], None]) -> None:  # fmt: skip
    size = info["instruments"]
    paths = info["paths"]
    repeat = settings.repeat if size < 100_000 else settings.repeat_large
    db = paths["db"]
    commands: dict[str, dict[str, list[str]]] = {op: {} for op in OPERATIONS}
    commands["list"]["kb"] = [kb, "--db", str(db), "list", "--json"]
    commands["show"]["kb"] = [kb, "--db", str(db), "show", info["show_id"], "--json"]
    for op, (query, _, _) in SEARCHES.items():
        commands[op]["kb"] = [kb, "--db", str(db), "search", query, "--json"]
    for op, argv in jq_commands(paths["export"], info["show_id"]).items():
        commands[op]["jq"] = argv
    for op, argv in sqlite_commands(paths["sqlite"], info["show_id"]).items():
        commands[op]["sqlite"] = argv

    # kb add writes. Each add is taken back with `kb remove` outside the timing, so every
    # size keeps its size. (A fresh copy of the directory would not do: kb keeps a search
    # index beside its file that knows the file by inode, so a copy's index is stale and the
    # add would time an index rebuild that no user's add pays.) A removed id is never given
    # out again, so each add has an id of its own.
    add_argv = commands["add"]["kb"] = kb_add_argv(kb, db)
    id_slot = add_argv.index("--id") + 1
    serial = itertools.count(1)

    def next_id() -> None:
        add_argv[id_slot] = f"{ADDED_ID}-{next(serial)}"

    def remove_added() -> None:
        argv = [kb, "--db", str(db), "remove", add_argv[id_slot], "--yes"]
        _, code, _, message = run_once(argv, settings.env, max(settings.timeout, 600))
        if code != 0:  # e.g. the add timed out and added nothing
            log(f"could not remove {add_argv[id_slot]}: {message[-200:]}")

    jq_out = work / "jq-add.json"
    hooks: dict[tuple[str, str], tuple[Callable[[], None] | None, Callable[[], None] | None]] = {
        ("add", "kb"): (next_id, remove_added),
        ("add", "sqlite"): (
            lambda: undo_sqlite_add(paths["sqlite"]),
            lambda: undo_sqlite_add(paths["sqlite"]),
        ),
        ("add", "jq"): (None, lambda: jq_out.unlink(missing_ok=True)),
    }

    info["ops"] = {}
    for op in OPERATIONS:
        info["ops"][op] = {}
        for tool in TOOLS:
            argv = commands[op][tool]
            reason = predicted_too_slow(previous, size, tool, op, settings.timeout)
            if reason:
                result = Measurement(status="skipped", detail=reason)
            elif (op, tool) == ("add", "jq"):
                # jq writes the whole new document: to a file, as a user would.
                result = measure_to_file(argv, jq_out, settings, repeat)
            else:
                prepare, cleanup = hooks.get((op, tool), (None, None))
                result = measure(argv, settings, repeat, prepare, cleanup)
            info["ops"][op][tool] = result.to_json()
            log(f"{label(size):>5} {op:<17} {tool:<6} {describe(result.to_json())}")


def measure_to_file(
    argv: Sequence[str], path: Path, settings: Settings, repeat: int
) -> Measurement:
    """Like ``measure``, with stdout redirected to a file (``jq ... > new.json``)."""
    shell = ["sh", "-c", 'out="$1"; shift; exec "$@" > "$out"', "sh", str(path), *argv]
    return measure(shell, settings, repeat, cleanup=lambda: path.unlink(missing_ok=True))


# --- start-up --------------------------------------------------------------------------------


def run_startup(
    kb: str, settings: Settings, rounds: int, log: Callable[[str], None]
) -> dict[str, Any]:
    """kb --help and kb list --json (shipped knowledge base) against a minimal Typer app.

    The four commands take turns, round after round, so that a slower or faster moment of
    the machine weighs on all of them alike.
    """
    python = script_python(kb)
    hello = str(HERE / "hello_app.py")
    commands = {
        "hello": [python, hello],
        "hello --help": [python, hello, "--help"],
        "kb --help": [kb, "--help"],
        "kb list --json": [kb, "list", "--json"],
    }
    results = {name: Measurement() for name in commands}
    for name, argv in commands.items():  # warm-up, and check that each works
        seconds, code, rss, message = run_once(argv, settings.env, settings.timeout)
        results[name].first_s = seconds
        if code != 0:
            raise SystemExit(f"run.py: `{' '.join(argv)}` failed ({code}): {message}")
    for _ in range(rounds):
        for name, argv in commands.items():
            seconds, _, rss, _ = run_once(argv, settings.env, settings.timeout)
            results[name].samples.append(seconds)
            results[name].max_rss_mb = max(results[name].max_rss_mb or 0.0, rss)
    out: dict[str, Any] = {name: m.to_json() for name, m in results.items()}
    base = results["hello"].median or 1.0
    out["ratio kb --help / hello"] = (results["kb --help"].median or 0) / base
    out["ratio kb list --json / hello"] = (results["kb list --json"].median or 0) / base
    for name in commands:
        log(f"start-up {name:<15} {describe(out[name])}")
    return out


# --- reporting -------------------------------------------------------------------------------


def describe(m: dict[str, Any]) -> str:
    if m["status"] != "ok":
        return f"{m['status']} ({m['detail']})"
    return (
        f"{m['median_s']:.3f} s (n={m['n']}, first {m['first_s']:.3f} s, {m['max_rss_mb']:.0f} MiB)"
    )


def seconds_text(m: dict[str, Any]) -> str:
    if m["status"] == "ok":
        value = m["median_s"]
        text = f"{value:.3f}" if value < 10 else f"{value:.1f}"
        return text + ("*" if m["n"] == 1 else "")
    return {"timeout": "timeout", "skipped": "skipped", "error": "error"}[m["status"]]


def ratio_text(a: dict[str, Any], b: dict[str, Any]) -> str:
    if a["status"] == "ok" and b["status"] == "ok" and b["median_s"]:
        return f"{a['median_s'] / b['median_s']:.2f}"
    return "–"


def mib_text(m: dict[str, Any]) -> str:
    return f"{m['max_rss_mb']:.0f}" if m.get("max_rss_mb") else "–"


def markdown_tables(results: dict[str, Any]) -> str:
    """The results as Markdown: start-up, then one row per size and operation."""
    startup = results["startup"]
    lines = [
        "Start-up (shipped knowledge base, no `--db`):",
        "",
        "| command | median s | peak MiB | ratio to hello |",
        "|---|---:|---:|---:|",
    ]
    hello = startup["hello"]
    for name in ("hello", "hello --help", "kb --help", "kb list --json"):
        lines.append(
            f"| `{name}` | {seconds_text(startup[name])} | {mib_text(startup[name])}"
            f" | {ratio_text(startup[name], hello)} |"
        )
    lines += [
        "",
        "Data (MB of files: the generated JSONL, kb's directory after import, the export,"
        " the FTS5 database):",
        "",
        "| size | instruments | quotations | sources | JSONL | kb | export | FTS5 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in results["sizes"]:
        megabytes = [
            f"{size[key] / 1e6:.1f}"
            for key in ("jsonl_bytes", "db_bytes", "export_bytes", "sqlite_bytes")
        ]
        lines.append(
            f"| {size['label']} | {size['instruments']:,} | {size['quotations']:,}"
            f" | {size['sources']:,} | {' | '.join(megabytes)} |"
        )
    lines += [
        "",
        "Per size (median seconds; `*` one run only; peak memory is the largest max RSS of"
        " the process):",
        "",
        "| size | operation | kb s | jq s | sqlite3 s | kb/jq | kb/sqlite | kb MiB | jq MiB"
        " | sqlite3 MiB |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in results["sizes"]:
        imported = size["import"]
        lines.append(
            f"| {size['label']} | import | {seconds_text(imported)} | | | | |"
            f" {mib_text(imported)} | | |"
        )
        for op in OPERATIONS:
            kb, jq, sq = (size["ops"][op][tool] for tool in TOOLS)
            lines.append(
                f"| {size['label']} | {op} | {seconds_text(kb)} | {seconds_text(jq)}"
                f" | {seconds_text(sq)} | {ratio_text(kb, jq)} | {ratio_text(kb, sq)}"
                f" | {mib_text(kb)} | {mib_text(jq)} | {mib_text(sq)} |"
            )
    lines += [
        "",
        "Targets of issues 6 and 11:",
        "",
        "| target | measured | holds |",
        "|---|---|---|",
    ]
    for target in results["targets"]:
        holds = {True: "yes", False: "**no**", None: "not measured"}[target["holds"]]
        lines.append(f"| {target['target']} | {target['measured']} | {holds} |")
    held = [t for t in results["targets"] if t["holds"]]
    missed = [f"{t['target']} ({t['measured']})" for t in results["targets"] if t["holds"] is False]
    lines += ["", f"{len(held)} of {len(results['targets'])} targets hold."]
    if missed:
        lines.append("Missed: " + "; ".join(missed) + ".")
    return "\n".join(lines) + "\n"


def check_targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of issues 6 and 11, with what this run measured and whether it holds."""
    by_label = {size["label"]: size for size in results["sizes"]}
    targets: list[dict[str, Any]] = []

    def add(target: str, values: list[dict[str, Any]], limit: float, what: str = "s") -> None:
        # A run that timed out, or was skipped because it would have, misses a target of
        # seconds by far; an error leaves it unknown. Measured values alone can miss it too.
        key = "max_rss_mb" if what == "MiB" else "median_s"
        measured = [v[key] for v in values if v["status"] == "ok" and v[key] is not None]
        missing = [v for v in values if v["status"] != "ok"]
        worst = max(measured) if measured else None
        parts = []
        if worst is not None:
            parts.append(f"{worst:.0f} MiB" if what == "MiB" else f"{worst:.3f} s")
        statuses = [v["status"] for v in missing]
        parts += [f"{statuses.count(s)} {s}" for s in dict.fromkeys(statuses)]
        holds: bool | None = worst < limit if worst is not None else None
        if worst is not None and worst >= limit:
            holds = False
        elif any(v["status"] == "error" for v in missing) or not values:
            holds = None
        elif missing and what == "s":
            holds = False
        elif missing:
            holds = None if holds else holds
        targets.append({"target": target, "measured": "; ".join(parts) or "-", "holds": holds})

    searches = [op for op in OPERATIONS if op.startswith("search")]
    if "14k" in by_label:
        ops = by_label["14k"]["ops"]
        add("14k: kb search (rare word) < 0.25 s", [ops["search rare"]["kb"]], 0.25)
        add("14k: kb show < 0.2 s", [ops["show"]["kb"]], 0.2)
    if "160k" in by_label:
        ops = by_label["160k"]["ops"]
        add("160k: kb search (rare word) < 1 s", [ops["search rare"]["kb"]], 1.0)
        add(
            "160k: kb search (slowest of the 4 queries) < 1 s",
            [ops[o]["kb"] for o in searches],
            1.0,
        )
        add("160k: kb add < 1 s", [ops["add"]["kb"]], 1.0)
        add(
            "160k: kb peak memory < 1 GiB (every timed kb command)",
            [ops[o]["kb"] for o in OPERATIONS],
            1024,
            "MiB",
        )
    for size in results["sizes"]:
        verdicts: list[bool | None] = []
        notes = []
        for op in searches:
            kb, jq = size["ops"][op]["kb"], size["ops"][op]["jq"]
            if kb["status"] == "ok" and jq["status"] == "ok":
                verdicts.append(kb["median_s"] < jq["median_s"])
                notes.append(f"{op[7:]} {ratio_text(kb, jq)}")
            elif kb["status"] in ("timeout", "skipped") and jq["status"] == "ok":
                # kb was not even run because it would take minutes; jq took seconds.
                verdicts.append(False)
                notes.append(f"{op[7:]}: kb {kb['status']}, jq {jq['median_s']:.1f} s")
            else:
                verdicts.append(None)
                notes.append(f"{op[7:]}: kb {kb['status']}, jq {jq['status']}")
        holds = False if False in verdicts else (None if None in verdicts else True)
        targets.append(
            {"target": f"{size['label']}: kb search faster than jq (4 queries)",
             "measured": "kb/jq " + ", ".join(notes), "holds": holds}
        )  # fmt: skip
    # Issue 11: kb's files at most twice the export, imports of 20,000 records a second
    # (160k instruments with their quotations in under 30 s), kb list --json streamed.
    for size in results["sizes"]:
        ratio = size["db_bytes"] / size["export_bytes"]
        targets.append(
            {"target": f"{size['label']}: kb's files <= 2x the export",
             "measured": f"{ratio:.2f}x ({size['db_bytes'] / 1e6:.1f} MB / "
                         f"{size['export_bytes'] / 1e6:.1f} MB)",
             "holds": ratio <= 2}
        )  # fmt: skip
        imported = size["import"]
        records = size["instruments"] + size["quotations"] + size["sources"]
        if imported["status"] == "ok" and imported["median_s"]:
            rate = records / imported["median_s"]
            targets.append(
                {"target": f"{size['label']}: kb import >= 20,000 records/s",
                 "measured": f"{rate:,.0f} records/s ({records:,} in {seconds_text(imported)} s)",
                 "holds": rate >= 20_000}
            )  # fmt: skip
    if "160k" in by_label:
        add("160k: kb import < 30 s", [by_label["160k"]["import"]], 30.0)
        listed = [by_label["160k"]["ops"]["list"]["kb"]]
        add("160k: kb list --json < 2 s", listed, 2.0)
        add("160k: kb list --json < 500 MiB", listed, 500, "MiB")
    startup = results["startup"]
    for name in ("kb --help", "kb list --json"):
        ratio = startup[f"ratio {name} / hello"]
        targets.append(
            {"target": f"start-up: `{name}` <= 1.3x hello", "measured": f"{ratio:.2f}x",
             "holds": ratio <= 1.3}
        )  # fmt: skip
    return targets


def plot(results: dict[str, Any], path: Path) -> None:
    """Time against size, log-log, one panel per operation, a line per tool."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("run.py: no plot: matplotlib is missing (pip install -e '.[bench]')", file=sys.stderr)
        return
    panels = ["import", *OPERATIONS]
    figure, axes = plt.subplots(2, 4, figsize=(16, 8), sharex=True)
    styles = {"kb": ("tab:blue", "o"), "jq": ("tab:orange", "s"), "sqlite": ("tab:green", "^")}
    for axis, op in zip(axes.flat, panels, strict=True):
        for tool in TOOLS:
            points = []
            for size in results["sizes"]:
                m = size["import"] if op == "import" else size["ops"][op][tool]
                if op == "import" and tool != "kb":
                    continue
                if m["status"] == "ok":
                    points.append((size["instruments"], m["median_s"]))
            missed = [
                f"{s['label']}: {s['ops'][op][tool]['status']}"
                for s in results["sizes"]
                if op != "import" and s["ops"][op][tool]["status"] != "ok"
            ]
            if missed:
                # Say on the panel what is missing, rather than let a line just stop.
                axis.text(
                    0.02, 0.98 - 0.07 * TOOLS.index(tool), f"{tool} " + ", ".join(missed),
                    transform=axis.transAxes, va="top", fontsize=8, color=styles[tool][0],
                )  # fmt: skip
            if points:
                colour, marker = styles[tool]
                xs, ys = zip(*points, strict=True)
                name = "sqlite3 FTS5" if tool == "sqlite" else tool
                axis.plot(xs, ys, marker=marker, color=colour, label=name)
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_title(f"kb {op}" if op == "import" else op)
        axis.grid(True, which="both", alpha=0.3)
        axis.set_xlabel("instruments")
        axis.set_ylabel("median seconds")
    axes.flat[1].legend()
    startup = results["startup"]
    figure.suptitle(
        f"kb vs jq vs sqlite3 — {results['date']} — start-up: hello"
        f" {startup['hello']['median_s']:.3f} s, kb --help"
        f" {startup['ratio kb --help / hello']:.2f}x, kb list --json"
        f" {startup['ratio kb list --json / hello']:.2f}x"
    )
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def machine() -> dict[str, Any]:
    cpu = ""
    with open("/proc/cpuinfo", encoding="utf-8") as lines:
        cpu = next((ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("model name")), "")
    memory = ""
    with open("/proc/meminfo", encoding="utf-8") as lines:
        kib = next((int(ln.split()[1]) for ln in lines if ln.startswith("MemTotal")), 0)
        memory = f"{kib / 1024 / 1024:.1f} GiB"

    def version(argv: list[str]) -> str:
        try:
            done = subprocess.run(argv, capture_output=True, text=True, check=False)
        except OSError:
            return "missing"
        return (done.stdout or done.stderr).strip().splitlines()[0]

    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "jq": version(["jq", "--version"]),
        "sqlite3": version(["sqlite3", "--version"]).split()[0],
        "git": version(["git", "-C", str(HERE), "describe", "--always", "--dirty"]),
    }


def replace_readme_results(readme: Path, text: str) -> None:
    """Put the results between the README's markers, leaving the rest of it alone."""
    begin, end = "<!-- results:begin -->", "<!-- results:end -->"
    content = readme.read_text(encoding="utf-8")
    head, rest = content.split(begin, 1)
    _, tail = rest.split(end, 1)
    readme.write_text(f"{head}{begin}\n{text}{end}{tail}", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Time kb against jq and SQLite FTS5 on synthetic knowledge bases."
    )
    parser.add_argument(
        "--sizes", default="1k,14k,160k", help="instrument counts (default %(default)s)"
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument(
        "--repeat-large", type=int, default=3, help="timed runs per command from 100k (default 3)"
    )
    parser.add_argument("--startup-rounds", type=int, default=15, help="start-up runs (default 15)")
    parser.add_argument(
        "--timeout", type=float, default=60, help="seconds before a run is killed (default 60)"
    )
    parser.add_argument(
        "--budget", type=float, default=20, help="seconds of timed runs per command, at most"
    )
    parser.add_argument(
        "--slow", type=float, default=5, help="a command this slow (s) is run once only"
    )
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--plot", type=Path, default=HERE / "results.png", help="PNG to write")
    parser.add_argument("--no-plot", action="store_true")
    parser.add_argument(
        "--readme", action="store_true", help="also write the tables into benchmarks/README.md"
    )
    parser.add_argument("--cache", type=Path, default=HERE / ".cache")
    parser.add_argument(
        "--report", type=Path, help="only print and plot the results of an earlier run (JSON)"
    )
    parser.add_argument("--build-sqlite", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build_sqlite:
        build_sqlite(*args.build_sqlite)
        return
    if args.report:
        # Re-render a finished run (tables, targets, plot, README) without measuring again.
        earlier: dict[str, Any] = json.loads(args.report.read_text(encoding="utf-8"))
        earlier["targets"] = check_targets(earlier)
        report(earlier, args)
        return

    started = time.perf_counter()
    for tool in ("jq", "sqlite3"):
        if not shutil.which(tool):
            sys.exit(f"run.py: `{tool}` is not installed (e.g. apt-get install {tool})")
    kb = kb_script()
    sizes = sorted(parse_size(s) for s in args.sizes.split(","))
    args.cache.mkdir(parents=True, exist_ok=True)

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {message}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        work = Path(tmp)
        home = work / "home"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("KB_", "XDG_"))}
        # An installed package has its bytecode compiled; with writing bytecode forbidden,
        # every run of an editable install would compile kbtool from source again.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.update(
            HOME=str(home),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_STATE_HOME=str(home / ".local" / "state"),
            NO_COLOR="1",
            LC_ALL="C.UTF-8",
        )
        home.mkdir()
        settings = Settings(
            args.repeat, args.repeat_large, args.timeout, args.budget, args.slow, env
        )
        results: dict[str, Any] = {
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "command": " ".join(["python", "benchmarks/run.py", *(argv or sys.argv[1:])]),
            "kb": kb,
            "machine": machine(),
            "settings": {k: v for k, v in vars(args).items() if k not in ("out", "plot", "cache")},
        }
        results["startup"] = run_startup(kb, settings, args.startup_rounds, log)
        results["sizes"] = []
        previous = None
        for size in sizes:
            info = prepare_data(size, args.seed, args.cache, kb, work, settings, log)
            run_size(info, kb, work, settings, previous, log)
            info["paths"] = {k: str(v) for k, v in info["paths"].items()}
            shutil.rmtree(work / label(size), ignore_errors=True)  # gigabytes at 160k
            results["sizes"].append(info)
            previous = info
    results["targets"] = check_targets(results)
    results["total_s"] = time.perf_counter() - started

    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    report(results, args)


def report(results: dict[str, Any], args: argparse.Namespace) -> None:
    """Print the tables; write the plot and, with --readme, the README's Results."""
    tables = markdown_tables(results)
    machine = results["machine"]
    summary = (
        f"Machine: {machine['nproc']} CPUs ({machine['cpu']}), {machine['memory']};"
        f" {machine['os']}; Python {machine['python']}, {machine['jq']}, sqlite3"
        f" {machine['sqlite3']}; kbtool at {machine['git']}.\n"
        f"Date: {results['date']}. Command: `{results['command']}`."
        f" Whole run: {results['total_s']:.0f} s.\n\n"
    )
    print(summary + tables)
    if not args.no_plot:
        plot(results, args.plot)
    if args.readme:
        replace_readme_results(HERE / "README.md", summary + tables)


if __name__ == "__main__":
    main()
