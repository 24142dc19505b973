"""Where an index is built, and how it takes its place beside the knowledge base file.

An index is written to a temporary file named with the building process's id, then
renamed into place (``put_in_place``): a reader sees the old index or the new one. A build
killed before the rename leaves its file behind; the next write removes it once that
process is gone (``remove_abandoned``).
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from kbtool.search.disk_index import index_path, journal_path


def temporary_path(db_path: Path) -> Path:
    """Where this process builds the index of ``db_path`` before renaming it into place."""
    target = index_path(db_path)
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def put_in_place(temporary: Path, db_path: Path) -> None:
    """Rename a complete index into place, replacing the old one."""
    target = index_path(db_path)
    try:
        # A journal left by a killed commit of the index this one replaces belongs to that
        # one: SQLite would play it back into this one.
        with contextlib.suppress(FileNotFoundError):
            journal_path(target).unlink()
        os.replace(temporary, target)
    except OSError:
        temporary.unlink()
        raise


def remove_abandoned(db_path: Path) -> None:
    """Remove the temporary index files of builds whose process is gone: one killed while
    it built leaves its file behind, named with its process id (``temporary_path``)."""
    target = index_path(db_path)
    own = re.compile(re.escape(f".{target.name}.") + r"([0-9]+)\.tmp")
    try:
        names = os.listdir(db_path.parent)
    except OSError:
        return
    for name in names:
        found = own.fullmatch(name)
        if found is not None and not _running(int(found.group(1))):
            with contextlib.suppress(OSError):
                (db_path.parent / name).unlink()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # no signal: only whether there is such a process
    except ProcessLookupError:
        return False
    except OSError:  # one of another user's, say: not ours to remove
        return True
    return True
