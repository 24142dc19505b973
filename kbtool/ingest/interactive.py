"""``kb ingest -i``: a person decides, record by record, as ``git add -p`` does.

Each record that ``--apply`` would write (a new instrument or quotation, or a stored
instrument the article adds to) is shown as the review shows it: its fields, the sentences
it came from and, for a match, what it would add to the stored record. Then one answer:

    y  accept        n  skip         e  edit in $VISUAL/$EDITOR, then accept
    a  accept this and the rest      q  quit (what was accepted is still written)
    ?  help

An edited record is read back with ``record_text`` and checked as the knowledge base would
check it (schema, passages verbatim in the article); on an error the editor opens again on
the person's own text, with the error on top, until it is right or they give up.

All input and output go through an injected ``Terminal``, so tests drive the loop with a
string of answers and a scripted editor; the CLI refuses ``-i`` when stdin is not a terminal
(``stdin_is_terminal``). May import ``candidates``, ``record_text``, ``review`` (Rich) and
``kbtool.models``/``kbtool.integrity``; never Typer.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from kbtool import integrity
from kbtool.errors import DataError
from kbtool.ingest import record_text, review
from kbtool.ingest.candidates import Candidate, Candidates
from kbtool.models import Instrument, Quotation, to_document

if TYPE_CHECKING:
    from rich.console import Console

    from kbtool.render.output import Environment

HELP = """\
y - accept this record
n - skip this record
e - edit this record in your editor, then accept it
a - accept this record and all the rest
q - quit; the records accepted so far are written, the rest are not
? - print help
"""
_ERROR_MARK = "# error: "


@dataclass
class Terminal:
    """Where the loop shows records and asks, and how it runs the editor."""

    console: Console
    read_line: Callable[[], str]  # one line of the person's answer; "" at end of input
    write: Callable[[str], None]
    edit: Callable[[Path], int]  # opens the file in the person's editor; its exit status

    @classmethod
    def from_system(cls, env: Environment) -> Terminal:
        def write(text: str) -> None:
            env.stdout.write(text)
            env.stdout.flush()

        return cls(env.console(), sys.stdin.readline, write, run_editor)


def stdin_is_terminal() -> bool:
    """Whether a person can answer: -i is refused when stdin is a pipe or a file."""
    return sys.stdin.isatty()


def editor_command() -> list[str]:
    """``$VISUAL``, else ``$EDITOR``, else ``vi``, split as a shell would."""
    return shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")


def run_editor(path: Path) -> int:
    """Run the person's editor on ``path``; its exit status. One that cannot be started
    (a typo in $EDITOR, a program not installed) is said plainly."""
    command = editor_command()
    try:
        return subprocess.run([*command, str(path)], check=False).returncode
    except OSError as error:
        variable = "VISUAL" if os.environ.get("VISUAL") else "EDITOR"
        raise DataError(
            f"cannot run the editor {command[0] if command else ''!r} (${variable}): "
            f"{error.strerror or error}; nothing written",
            hint="set $VISUAL or $EDITOR to an editor that is installed",
        ) from None


def _ask(terminal: Terminal, question: str) -> str:
    terminal.write(question)
    line = terminal.read_line()
    return line.strip().lower()[:1] if line else "q"


def _question(candidate: Candidate[Any]) -> str:
    if candidate.match is not None:
        return f"Add this article to {candidate.match.id}"
    kind = "instrument" if isinstance(candidate.record, Instrument) else "quotation"
    return f"Add this {kind}"


def choose(candidates: Candidates, terminal: Terminal) -> set[str]:
    """The ids of the records the person accepts; an edited record is changed in place."""
    queue: list[Candidate[Any]] = list(candidates.to_write())
    accepted: set[str] = set()
    terminal.console.print(review.heading(candidates))
    if not queue:
        terminal.write("Nothing to add: the knowledge base has all of it.\n")
    for position, candidate in enumerate(queue, 1):
        terminal.console.print(review.panel(candidates, candidate))
        while True:
            question = f"({position}/{len(queue)}) {_question(candidate)} [y,n,e,a,q,?]? "
            answer = _ask(terminal, question)
            if answer == "y" or (answer == "e" and _edit(candidates, candidate, terminal)):
                accepted.add(candidate.record.id)
                break
            if answer == "n":
                break
            if answer == "a":
                return accepted | {c.record.id for c in queue[position - 1 :]}
            if answer == "q":
                return accepted
            if answer != "e":
                terminal.write(HELP)
    return accepted


def _edit(candidates: Candidates, candidate: Candidate[Any], terminal: Terminal) -> bool:
    """Edit ``candidate`` until it is valid (True) or the person gives up (False)."""
    record = candidate.record
    kind = "Instrument" if isinstance(record, Instrument) else "Quotation"
    text = record_text.dump(record, f"{kind} {record.id}, as read from {candidates.source.id}")
    with tempfile.TemporaryDirectory(prefix="kb-ingest-") as folder:
        path = Path(folder) / f"{record.id or 'record'}.txt"
        path.write_text(text, encoding="utf-8")
        while True:
            status = terminal.edit(path)
            written = path.read_text(encoding="utf-8")
            if status != 0:
                terminal.write(f"kb: the editor exited with status {status}; nothing changed\n")
                return False
            try:
                edited = _checked(candidates, record, written)
            except record_text.EditError as error:
                terminal.write(f"kb: {error}\n")
                if _ask(terminal, "Edit again [y,n]? ") != "y":
                    return False
                path.write_text(_with_error(written, str(error)), encoding="utf-8")
                continue
            _replace(candidates, candidate, edited)
            return True


def _checked(
    candidates: Candidates, record: Instrument | Quotation, text: str
) -> Instrument | Quotation:
    edited: Instrument | Quotation = record_text.load(text, type(record), record)
    instruments = [edited] if isinstance(edited, Instrument) else []
    quotations = [edited] if isinstance(edited, Quotation) else []
    problems = integrity.check_verbatim(instruments, quotations, [candidates.source])
    if problems:
        raise record_text.EditError("; ".join(problem.message for problem in problems))
    return edited


def _with_error(text: str, error: str) -> str:
    kept = [line for line in text.splitlines() if not line.startswith(_ERROR_MARK)]
    return "\n".join([_ERROR_MARK + error, *kept]) + "\n"


def _replace(
    candidates: Candidates, candidate: Candidate[Any], edited: Instrument | Quotation
) -> None:
    """Put ``edited`` in ``candidate``'s place: spans of changed fields no longer hold; a
    new id is a new record, and the quotations about the old one follow it."""
    before, after = to_document(candidate.record), to_document(edited)
    changed = {name for name in after if before.get(name) != after[name]}
    candidate.spans = [span for span in candidate.spans if span.field not in changed]
    old_id = candidate.record.id
    candidate.record = edited
    if edited.id == old_id:
        return
    candidate.match, candidate.existing = None, False
    for quotation in candidates.quotations:
        if quotation.record.instrument == old_id:
            quotation.record = msgspec.structs.replace(quotation.record, instrument=edited.id)
