"""Which knowledge base file a command uses: the one place that decides it.

Order: ``--db PATH``, else ``$KB_DB``, else the user's own knowledge base in the platform
data directory if it exists, else the knowledge base shipped with kbtool (read-only).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path

import msgspec

DB_ENV_VAR = "KB_DB"
APP_NAME = "kbtool"
DB_FILE_NAME = "kb.json"


class Origin(StrEnum):
    OPTION = "--db"
    ENVIRONMENT = "$KB_DB"
    USER = "user data directory"
    SHIPPED = "shipped with kbtool"


class DbLocation(msgspec.Struct, frozen=True):
    path: Path
    origin: Origin

    @property
    def read_only(self) -> bool:
        return self.origin is Origin.SHIPPED


def shipped_db_path() -> Path:
    """The knowledge base that ships with kbtool.

    A wheel carries it inside the package (``kbtool/data``); a source checkout or an editable
    install keeps it in the top-level ``data/`` folder.
    """
    package_dir = Path(__file__).resolve().parent.parent
    installed = package_dir / "data" / DB_FILE_NAME
    if installed.is_file():
        return installed
    return package_dir.parent / "data" / DB_FILE_NAME


def shipped_vocabulary_path() -> Path:
    """The search vocabulary (abbreviations, related terms) that ships with kbtool.

    It lives beside the shipped knowledge base, in the package once installed and in the
    top-level ``data/`` folder of a checkout, so it is found wherever that file is.
    """
    return shipped_db_path().with_name("vocabulary.json")


def user_db_path() -> Path:
    """Where the user's own knowledge base lives (it may not exist yet)."""
    # platformdirs costs a few milliseconds to import; only this path needs it.
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / DB_FILE_NAME


def _shipped_or(path: Path, origin: Origin) -> DbLocation:
    # Named explicitly, the shipped file is still never written (nor an index put beside it).
    shipped = shipped_db_path()
    try:
        if path.exists() and path.samefile(shipped):
            return DbLocation(shipped, Origin.SHIPPED)
    except OSError:
        pass
    return DbLocation(path, origin)


def resolve(option: Path | None, environ: Mapping[str, str] = os.environ) -> DbLocation:
    if option is not None:
        return _shipped_or(option, Origin.OPTION)
    from_env = environ.get(DB_ENV_VAR)
    if from_env:
        return _shipped_or(Path(from_env), Origin.ENVIRONMENT)
    user_path = user_db_path()
    if user_path.exists():
        return DbLocation(user_path, Origin.USER)
    return DbLocation(shipped_db_path(), Origin.SHIPPED)
