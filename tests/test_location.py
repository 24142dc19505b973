"""Which knowledge base is used: --db, then $KB_DB, then the user's, then the shipped one."""

from __future__ import annotations

from pathlib import Path

from kbtool.store.location import Origin, resolve, shipped_db_path, user_db_path


def test_option_wins_over_environment(tmp_path: Path) -> None:
    chosen = resolve(tmp_path / "a.json", {"KB_DB": str(tmp_path / "b.json")})
    assert (chosen.path, chosen.origin) == (tmp_path / "a.json", Origin.OPTION)


def test_environment_wins_over_user_and_shipped(tmp_path: Path) -> None:
    chosen = resolve(None, {"KB_DB": str(tmp_path / "b.json")})
    assert (chosen.path, chosen.origin) == (tmp_path / "b.json", Origin.ENVIRONMENT)


def test_shipped_when_the_user_has_none() -> None:
    chosen = resolve(None, {})
    assert chosen.origin is Origin.SHIPPED and chosen.read_only
    assert chosen.path == shipped_db_path()
    assert chosen.path.is_file()


def test_user_knowledge_base_once_it_exists(tmp_path: Path) -> None:
    path = user_db_path()
    assert str(path).startswith(str(tmp_path))  # conftest points XDG_DATA_HOME here
    path.parent.mkdir(parents=True)
    path.write_text("{}")
    chosen = resolve(None, {})
    assert (chosen.path, chosen.origin) == (path, Origin.USER)


def test_the_shipped_file_named_explicitly_is_still_read_only(tmp_path: Path) -> None:
    chosen = resolve(shipped_db_path(), {})
    assert chosen.read_only
    chosen = resolve(None, {"KB_DB": str(shipped_db_path())})
    assert chosen.read_only
