"""Choosing the database: --db, then QUOTES_DB, then a SQLite file in the user data dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.config import ConfigError, default_db_path, resolve_db_url, to_url


def test_precedence(tmp_path: Path) -> None:
    env = {"QUOTES_DB": str(tmp_path / "env.db")}
    assert resolve_db_url(str(tmp_path / "cli.db"), env) == f"sqlite:///{tmp_path / 'cli.db'}"
    assert resolve_db_url(None, env) == f"sqlite:///{tmp_path / 'env.db'}"
    assert resolve_db_url(None, {}) == f"sqlite:///{default_db_path()}"


def test_default_lives_in_the_user_data_dir(tmp_path: Path) -> None:
    assert default_db_path() == tmp_path / "xdg-data" / "quotes" / "quotes.db"


def test_paths_and_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert to_url("rel/x.db") == f"sqlite:///{tmp_path / 'rel' / 'x.db'}"
    assert to_url("postgresql+psycopg://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert to_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert to_url("sqlite:////abs/x.db") == "sqlite:////abs/x.db"
    with pytest.raises(ConfigError):
        to_url("  ")
