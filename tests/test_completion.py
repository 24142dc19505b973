"""Shell completion: commands, options, vocabulary values, and the ids of the knowledge base
the line names.

The first tests ask kb what a shell would (``_KB_COMPLETE``); the last ones install the
completion as a user would (``kb --install-completion``) and press Tab in a real bash and a
real zsh, on a pseudo-terminal.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from conftest import Run

KB_DIR = Path(sys.executable).parent
KB = shutil.which("kb", path=str(KB_DIR))
TOURISM_MOU = "kenya-malaysia-tourism-mou"
AIR_SERVICES = "kenya-malaysia-air-services-agreement"
ONLY_IN_COPY = "kenya-malaysia-completion-accord"


def complete(kb: Run, line: str, env: dict[str, str] | None = None) -> list[str]:
    """What kb offers bash for the last word of ``line`` (empty after a trailing space)."""
    words = line.split()
    position = len(words) if line.endswith(" ") else len(words) - 1
    result = kb(
        env={
            "_KB_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(position),
            **(env or {}),
        }
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()


@pytest.fixture
def copy_with_extra(kb: Run, kb_copy: Path) -> Path:
    """A copy of the shipped knowledge base with one more instrument, told from the shipped."""
    added = kb(
        "--db",
        str(kb_copy),
        "add",
        "instrument",
        "--id",
        ONLY_IN_COPY,
        "--title",
        "Completion Accord",
        "--kind",
        "agreement",
        "--party",
        "Kenya",
        "--party",
        "Malaysia",
        "--status",
        "signed",
    )
    assert added.exit_code == 0, added.stderr
    return kb_copy


def test_commands_complete(kb: Run) -> None:
    assert complete(kb, "kb li") == ["list"]
    assert "search" in complete(kb, "kb ")


def test_vocabulary_values_complete(kb: Run) -> None:
    assert complete(kb, "kb list --kind m") == ["memorandum-of-understanding"]
    assert complete(kb, "kb add instrument --status s") == ["signed", "suspended"]
    assert complete(kb, "kb search tourism --type q") == ["quotation"]
    assert "signed_on" in complete(kb, "kb list --sort s")


def test_options_complete_with_the_global_ones(kb: Run) -> None:
    offered = complete(kb, "kb list --")
    assert {"--kind", "--json", "--db", "--color"} <= set(offered)


def test_instrument_ids_complete_from_the_shipped_knowledge_base(kb: Run) -> None:
    assert complete(kb, "kb show kenya-mal") == [AIR_SERVICES, TOURISM_MOU]


@pytest.mark.parametrize(
    "line",
    [
        "kb --db {db} show kenya-malaysia-c",
        "kb show --db {db} kenya-malaysia-c",
        "kb --db={db} edit kenya-malaysia-c",
        "kb quotes --db {db} --instrument kenya-malaysia-c",
    ],
)
def test_ids_come_from_the_db_the_line_names(kb: Run, copy_with_extra: Path, line: str) -> None:
    assert complete(kb, line.format(db=copy_with_extra)) == [ONLY_IN_COPY]


def test_ids_come_from_kb_db(kb: Run, copy_with_extra: Path) -> None:
    offered = complete(kb, "kb remove kenya-malaysia-c", env={"KB_DB": str(copy_with_extra)})
    assert offered == [ONLY_IN_COPY]


def test_edit_completes_quotations_and_sources_too(kb: Run, shipped: dict) -> None:  # type: ignore[type-arg]
    quotation = next(iter(shipped["quotations"].values()))["id"]
    source = next(iter(shipped["sources"].values()))["id"]
    assert quotation in complete(kb, f"kb edit {quotation[:6]}")
    assert source in complete(kb, f"kb edit {source[:6]}")
    assert complete(kb, f"kb add quote --source {source}") == [source]


def test_a_missing_or_broken_db_offers_nothing(kb: Run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"instruments": ', encoding="utf-8")
    for path in (broken, tmp_path / "missing.json"):
        assert complete(kb, f"kb --db {path} show k") == []


def test_show_completion_prints_a_script_for_the_shell(kb: Run) -> None:
    result = kb("--show-completion", env={"SHELL": "/bin/zsh"})
    assert result.exit_code == 0, result.stderr
    assert "_KB_COMPLETE" in result.stdout


# ---------------------------------------------------------------- in a real shell

# Terminal control sequences, and the bell a shell rings between the completed part of a
# word and the rest it inserts.
_ESCAPES = re.compile(r"\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07]*\x07|[()][0-9A-B]|[=>])|\x07")


def _press_tab(shell: list[str], home: Path, line: str, wanted: list[str]) -> str:
    """Start an interactive ``shell`` on a pseudo-terminal, type ``line`` and Tab (twice, as
    bash lists only on the second), and return the screen's text once every wanted word
    is on it (or after 30 s)."""
    env = {
        "HOME": str(home),
        "ZDOTDIR": str(home),
        "PATH": f"{KB_DIR}{os.pathsep}/usr/bin{os.pathsep}/bin",
        "TERM": "xterm",
        "LANG": "C.UTF-8",
        "XDG_DATA_HOME": str(home / "xdg-data"),
        "INPUTRC": "/dev/null",
    }
    primary, secondary = os.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 250, 0, 0))

    def controlling_terminal() -> None:
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen(
        shell,
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=env,
        cwd=home,
        start_new_session=True,
        preexec_fn=controlling_terminal,
    )
    os.close(secondary)
    screen = ""
    try:

        def read_until_quiet(seconds: float) -> None:
            """Read what the shell prints until it is quiet for a moment (or ``seconds``)."""
            nonlocal screen
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                ready, _, _ = select.select([primary], [], [], 0.5)
                if not ready:
                    if screen:
                        return
                    continue
                try:
                    chunk = os.read(primary, 65536)
                except OSError:
                    return
                screen += _ESCAPES.sub("", chunk.decode("utf-8", "replace"))

        read_until_quiet(10)  # the prompt, and whatever the start-up files print
        os.write(primary, line.encode())
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not all(word in screen for word in wanted):
            os.write(primary, b"\t")
            read_until_quiet(5)
        return screen
    finally:
        process.kill()
        process.wait()
        os.close(primary)


def _install(shell: str, home: Path) -> None:
    # Run from the shell itself, as a user would, so that kb sees which shell it is for.
    home.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(home), "ZDOTDIR": str(home), "SHELL": shutil.which(shell)}
    installed = subprocess.run(
        [shell, "-c", f"kb --install-completion; exit {'$status' if shell == 'fish' else '$?'}"],
        env={**env, "PATH": f"{KB_DIR}{os.pathsep}{env['PATH']}"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr + installed.stdout


@pytest.mark.skipif(KB is None, reason="kb is not installed in this environment")
@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_tab_in_a_real_shell_offers_the_ids(
    shell: str, tmp_path: Path, copy_with_extra: Path
) -> None:
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed here (.ci/run installs it)")
    home = tmp_path / "home"
    _install(shell, home)
    wanted = [AIR_SERVICES, TOURISM_MOU]
    interactive = [shell, "-i"]
    screen = _press_tab(interactive, home, "kb show kenya-mal", wanted)
    assert all(word in screen for word in wanted), screen[-2000:]
    # The ids of the knowledge base the line names, not of the shipped one.
    line = f"kb --db {copy_with_extra} show kenya-malaysia-c"
    screen = _press_tab(interactive, home, line, [ONLY_IN_COPY])
    assert ONLY_IN_COPY in screen, screen[-2000:]


@pytest.mark.skipif(KB is None, reason="kb is not installed in this environment")
@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed here")
def test_fish_offers_the_ids(tmp_path: Path, copy_with_extra: Path) -> None:
    # fish answers `complete -C LINE` with what Tab would offer, without a terminal.
    home = tmp_path / "home"
    _install("fish", home)
    env = {
        "HOME": str(home),
        "PATH": f"{KB_DIR}{os.pathsep}/usr/bin{os.pathsep}/bin",
        "XDG_DATA_HOME": str(home / "xdg-data"),
    }
    for line, wanted in [
        ("kb show kenya-mal", [AIR_SERVICES, TOURISM_MOU]),
        (f"kb show --db {copy_with_extra} kenya-malaysia-c", [ONLY_IN_COPY]),
    ]:
        offered = subprocess.run(
            ["fish", "-c", f"complete -C '{line}'"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert offered.stdout.split() == wanted, offered.stderr
