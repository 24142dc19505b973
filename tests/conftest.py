"""Fixtures shared by the tests: an isolated environment and a way to run ``kb``."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kbtool.cli.app import app
from kbtool.store.location import shipped_db_path


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test reads or writes the developer's own knowledge base or environment."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("KB_DB", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    # kb edit without --set opens $VISUAL or $EDITOR: never the developer's own.
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    yield


@pytest.fixture
def shipped() -> dict[str, Any]:
    """The shipped knowledge base file, as TinyDB tables."""
    data: dict[str, Any] = json.loads(shipped_db_path().read_text(encoding="utf-8"))
    return data


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped knowledge base, for tests that change a file."""
    path = tmp_path / "kb.json"
    shutil.copyfile(shipped_db_path(), path)
    return path


class Run:
    """Runs ``kb`` in-process and gives its exit code, stdout and stderr."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(
        self, *args: str, input: str | None = None, env: dict[str, str] | None = None
    ) -> Any:
        return self.runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    def json(self, *args: str) -> Any:
        result = self(*args, "--json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)


@pytest.fixture
def kb() -> Run:
    return Run()


@pytest.fixture
def write_db(tmp_path: Path) -> Callable[[dict[str, list[dict[str, Any]]]], Path]:
    """Writes a knowledge base file holding the given records, table by table."""

    def write(tables: dict[str, list[dict[str, Any]]]) -> Path:
        path = tmp_path / "custom.json"
        data = {
            name: {str(i): doc for i, doc in enumerate(docs, 1)} for name, docs in tables.items()
        }
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    return write
