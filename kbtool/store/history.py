"""Earlier versions of a knowledge base file: the backups a write keeps, undo and redo.

Beside ``FILE`` kb keeps ``FILE.backups/``::

    FILE.backups/000001.json …       versions ``kb undo`` restores, the newest last
    FILE.backups/redo/000001.json …  versions ``kb undo`` replaced, that ``kb redo`` restores

Only names kb writes (six or more digits, ``.json``) are versions: anything else a person
puts there is left alone and never restored. Every version is a whole file that kb once
wrote and fsynced as ``FILE``: a write keeps the file it replaces by a hard link (no copy,
and that inode is never written again), and undo and redo move a version back into place
with one ``rename``, which replaces ``FILE`` atomically: killed at any point, ``FILE`` is
the old version or the restored one, never missing.

Nothing here deletes a version but the retention rule of writes: a write keeps the newest
``BACKUPS_KEPT`` backups. Undo keeps the version it replaces for redo, redo keeps the
version it replaces for undo, and a write after undos moves the undone versions into the
backups (below the version the write replaced), so that undo walks back through them too.

Each step makes a new name for a version before it removes an old one, so a kill between
two steps leaves at most one name too many: a backup (or redo version) that *is* ``FILE``
(the same inode), which the next step removes as the duplicate it is.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from kbtool.errors import DataError
from kbtool.store.files import fsync_directory

BACKUPS_KEPT = 10


def _is_version_name(name: str) -> bool:
    """Six digits or more, then ``.json``: what kb names a version it keeps."""
    number, dot_json = name[:-5], name[-5:]
    return dot_json == ".json" and len(number) >= 6 and number.isascii() and number.isdigit()


def versions_in(folder: Path) -> list[Path]:
    """The versions kb keeps in ``folder``, oldest first; other files are not kb's."""
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.is_file()]
    except OSError:  # missing, or not a folder
        return []
    found = [name for name in names if _is_version_name(name)]
    return [folder / name for name in sorted(found, key=lambda name: int(name[:-5]))]


def _number(path: Path) -> int:
    return int(path.name[:-5])


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


class History:
    """The versions kept beside one knowledge base file. Changed only under its lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.folder = path.with_name(path.name + ".backups")
        self.redo_folder = self.folder / "redo"

    def backups(self) -> list[Path]:
        return versions_in(self.folder)

    def redo_versions(self) -> list[Path]:
        return versions_in(self.redo_folder)

    def _make_folder(self, folder: Path) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise DataError(
                f"cannot keep earlier versions of {self.path}: {folder} is a file, not a folder"
                " (kb keeps them there; move that file away)"
            ) from None
        except OSError as error:
            raise DataError(
                f"cannot keep earlier versions of {self.path} in {folder}: {error.strerror}"
            ) from None

    def _link_current(self, folder: Path, number: int) -> Path:
        """Give ``FILE`` a second name, version ``number`` of ``folder``."""
        self._make_folder(folder)
        kept = folder / f"{number:06d}.json"
        try:
            try:
                os.link(self.path, kept)
            except FileExistsError:
                raise
            except OSError:  # a file system without hard links
                import shutil

                shutil.copy2(self.path, kept)
        except OSError as error:
            raise DataError(f"could not keep {self.path} as {kept}: {error.strerror}") from None
        fsync_directory(folder)  # the version is kept for good before FILE is replaced
        return kept

    def _without_duplicate(self, versions: list[Path]) -> list[Path]:
        """``versions`` without a newest one that is ``FILE`` itself, left by a kill between
        giving ``FILE`` that name and replacing it; the name is removed, nothing is lost."""
        if versions and _same_file(versions[-1], self.path):
            with contextlib.suppress(OSError):
                versions[-1].unlink()
            return versions[:-1]
        return versions

    def keep_current(self) -> tuple[Path | None, int]:
        """Before a write: keep ``FILE`` as the newest backup. Returns it (None when there is
        no file yet) and how many undone versions it makes room for below it."""
        if not self.path.exists():
            return None, 0
        backups = self._without_duplicate(self.backups())
        undone = self.redo_versions()
        number = (_number(backups[-1]) if backups else 0) + len(undone) + 1
        return self._link_current(self.folder, number), len(undone)

    def discard_if_current(self, backup: Path) -> None:
        """Remove ``backup`` (from ``keep_current``) if it is still ``FILE`` itself: a write
        interrupted before it replaced the file (Ctrl-C) keeps no version."""
        if _same_file(backup, self.path):
            with contextlib.suppress(OSError):
                backup.unlink()

    def after_write(self, backup: Path | None, room: int) -> None:
        """Once a write replaced ``FILE``: the undone versions go below its backup (in the
        room ``keep_current`` left), and only the newest backups are kept."""
        if backup is not None and room:
            first = _number(backup) - room
            for offset, version in enumerate(self.redo_versions()[:room]):
                with contextlib.suppress(OSError):
                    os.replace(version, self.folder / f"{first + offset:06d}.json")
            fsync_directory(self.folder)
        for old in self.backups()[:-BACKUPS_KEPT]:
            with contextlib.suppress(OSError):
                old.unlink()

    def undo(self) -> int:
        """Put back the newest backup; ``FILE`` becomes the newest redo version. Returns how
        many backups are left."""
        backups = self._without_duplicate(self.backups())
        if not backups:
            raise DataError(f"nothing to undo: no earlier version of {self.path} is kept")
        self._swap(backups[-1], self.redo_folder, self._without_duplicate(self.redo_versions()))
        return len(backups) - 1

    def redo(self) -> int:
        """Put back the newest redo version; ``FILE`` becomes the newest backup. Returns how
        many redo versions are left."""
        undone = self._without_duplicate(self.redo_versions())
        if not undone:
            raise DataError(f"nothing to redo: no undo of {self.path} is left to redo")
        backups = self._without_duplicate(self.backups())
        self._swap(undone[-1], self.folder, backups)
        return len(undone) - 1

    def _swap(self, restored: Path, keep_in: Path, kept: list[Path]) -> None:
        from kbtool.store.encoding import decode

        try:
            raw = restored.read_bytes()
        except OSError as error:
            raise DataError(f"cannot read {restored}: {error.strerror}") from None
        decode(raw, str(restored))  # never put back something unreadable
        if self.path.exists():
            self._link_current(keep_in, (_number(kept[-1]) if kept else 0) + 1)
        try:
            os.replace(restored, self.path)  # the one step that changes FILE
        except OSError as error:
            raise DataError(f"could not restore {restored}: {error.strerror}") from None
        fsync_directory(self.path.parent)
        fsync_directory(restored.parent)

    def restore_hint(self, missing: bool = False) -> str:
        """For an error about ``FILE``: which version ``kb undo`` would put back, when it was
        written, what it holds, and what kb wrote after it (which it lacks)."""
        backups = self.backups()
        if not backups and missing and self.redo_versions():
            return "; only the version 'kb undo' replaced is kept: 'kb redo' puts it back"
        if not backups:
            return "; no earlier version of it is kept"
        newest = backups[-1]
        try:
            written = newest.stat().st_mtime
        except OSError:
            return f"; the newest backup is {newest} ('kb undo' restores it)"
        hint = f"; the newest backup, {newest}, is the version written {_when(written)}"
        held = _counts_in(newest)
        if held:
            hint += f" ({held})"
        last = _last_written(self.path)
        if last is not None and last[0] > written:
            hint += (
                f": it lacks what kb wrote after it (the last write, {_when(last[0])}: {last[1]})"
            )
        if missing:
            return hint + "; 'kb undo' restores it"
        return hint + "; 'kb undo' restores it and keeps this file for 'kb redo'"


def _when(timestamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(timestamp))


def _describe_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{count} {table}" for table, count in counts.items())


def _counts_in(version: Path) -> str:
    """How many records of each kind a kept version holds ('' if it cannot be read)."""
    import msgspec

    from kbtool.store.encoding import TABLE_NAMES

    try:
        tables = msgspec.json.decode(version.read_bytes(), type=dict[str, dict[str, msgspec.Raw]])
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return ""
    return _describe_counts({name: len(tables.get(name, {})) for name in TABLE_NAMES})


def _last_written(path: Path) -> tuple[float, str] | None:
    """When kb last wrote ``path`` and how many records of each kind it wrote, from the
    layout it keeps beside it (``kbtool.store.appending``); None if there is none."""
    from kbtool.store import appending
    from kbtool.store.encoding import TABLE_NAMES

    layout_file = appending.layout_path(path)
    layout = appending.read_layout_unchecked(path)
    if layout is None:
        return None
    try:
        written = layout_file.stat().st_mtime
    except OSError:
        return None
    counts = {
        name: layout.tables[name].size if name in layout.tables else 0 for name in TABLE_NAMES
    }
    return written, _describe_counts(counts)
