"""``kb edit ID`` with no ``--set``: the record in ``$VISUAL``/``$EDITOR``, as git commit does.

The record is written to a temporary file as readable text (``kbtool.ingest.record_text``:
``field: value`` lines, a list as ``- item`` lines, a subset of YAML that needs no library;
``kb ingest -i`` uses it too), with comments naming the allowed kinds and statuses. On save
it is read back and written through ``KnowledgeBase.replace``, checked as every write is.
Invalid text reopens the editor with the problems at the top, the person's text kept.
Nothing is written when the text is unchanged, or the edit abandoned: the file emptied
(comments aside) or the editor exiting with an error, which end ``kb edit`` with exit 1.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from kbtool.errors import KbError, RecordsRefused, UsageError
from kbtool.models import RECORD_TYPE_NAMES, Instrument, to_document

if TYPE_CHECKING:
    from kbtool.kb import KnowledgeBase, Record

# The id cannot change (ids are stable), and spans are kb's own bookkeeping of where in a
# source each value was read: both are kept as they are, and not shown.
_HIDDEN = ("id", "spans")
_ERROR_MARK = "# error: "


class EditAbandoned(KbError):
    """The person left the editor without a record to write."""


def edit_in_editor(kb: KnowledgeBase, record_id: str) -> Record | None:
    """The record as written, or None if the text came back unchanged."""
    from kbtool.ingest import interactive, record_text

    record = kb.record(record_id)
    kind = RECORD_TYPE_NAMES[type(record)]
    original = to_document(record)
    text = record_text.dump(record, f"{kind} {record.id} in {kb.store.name}", _HIDDEN)
    with tempfile.TemporaryDirectory(prefix="kb-edit-") as folder:
        path = Path(folder) / f"{record.id}.yaml"
        path.write_text(text, encoding="utf-8")
        while True:
            status = interactive.run_editor(path)
            written = path.read_text(encoding="utf-8")
            if status != 0:
                raise EditAbandoned(f"the editor exited with status {status}; nothing written")
            if not _has_content(written):
                raise EditAbandoned("the record was left empty; nothing written")
            if written == text and text.startswith(_ERROR_MARK):
                raise EditAbandoned("the problems above were left as they were; nothing written")
            try:
                readable = _controlled(written) if isinstance(record, Instrument) else written
                edited = record_text.load(readable, type(record), record, _HIDDEN)
                if to_document(edited) == original:
                    return None
                return kb.replace(record.id, to_document(edited), was=original)
            except record_text.EditError as error:
                problems = [str(error)]
            except (RecordsRefused, UsageError) as error:
                problems = getattr(error, "problems", None) or [error.message]
            text = _with_problems(written, problems)
            path.write_text(text, encoding="utf-8")


def _controlled(text: str) -> str:
    """``text`` with ``kind:`` and ``status:`` read as ``kb edit --set`` reads them: in any
    case, or abbreviated (``kind: mou``). A value not understood is left for the record's
    check, which names the allowed values."""
    from kbtool.search.filters import controlled_value
    from kbtool.service.fields import CONTROLLED_FIELDS

    lines = []
    for line in text.splitlines(keepends=True):
        name, colon, value = line.partition(":")
        if colon and name in CONTROLLED_FIELDS and value.strip():
            with contextlib.suppress(UsageError):
                read = controlled_value(value.strip(), CONTROLLED_FIELDS[name], name)
                line = f"{name}: {read}\n"
        lines.append(line)
    return "".join(lines)


def _has_content(text: str) -> bool:
    return any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())


def _with_problems(text: str, problems: list[str]) -> str:
    """``text`` under the problems found in it, the ones of an earlier try taken away."""
    kept = [line for line in text.splitlines() if not line.startswith(_ERROR_MARK)]
    marked = [_ERROR_MARK + " ".join(problem.split()) for problem in problems]
    return "\n".join([*marked, *kept]) + "\n"
