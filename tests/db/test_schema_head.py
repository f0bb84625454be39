"""`quotes tui` skips Alembic for a database at head: the head it reads must be Alembic's, and anything
else must send it the full way."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from quotes.db import migrate
from quotes.db.engine import make_engine
from quotes.db.schema_head import at_head, migration_head, sqlite_file_at_head


def test_the_head_read_from_the_files_is_alembics() -> None:
    assert migration_head() == migrate.head_revision()


def _at_head(url: str) -> bool:
    engine = make_engine(url, enforce_fks=False)
    try:
        return at_head(engine)
    finally:
        engine.dispose()


def test_a_database_at_head_is_at_head(db_url: str) -> None:
    assert _at_head(db_url)


def test_an_older_unstamped_or_empty_database_is_not(db_url: str, tmp_path: Path) -> None:
    engine = make_engine(db_url, enforce_fks=False)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    engine.dispose()
    assert not _at_head(db_url)
    assert not _at_head(f"sqlite:///{tmp_path / 'new.db'}")  # no alembic_version table at all


def test_unclear_migration_files_answer_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "0001_a.py").write_text('revision = "0001"\ndown_revision = None\n')
    (versions / "0002_b.py").write_text('revision = "0002"\ndown_revision = "0001"\n')
    monkeypatch.setattr("quotes.db.schema_head.alembic_dir", lambda: tmp_path)
    assert migration_head() == "0002"
    (versions / "0003_c.py").write_text('revision = "0003"\ndown_revision = "0001"\n')  # two heads
    assert migration_head() is None
    (versions / "0003_c.py").write_text("revision = make_id()\ndown_revision = '0002'\n")  # not read plainly
    assert migration_head() is None


def test_a_sqlite_file_at_head_is_told_without_sqlalchemy(db_path: Path, tmp_path: Path) -> None:
    """What `quotes tui` asks before loading the database layer: the standard library's answer is
    at_head's, and anything unclear is no."""
    assert sqlite_file_at_head(db_path) and _at_head(f"sqlite:///{db_path}")
    engine = make_engine(f"sqlite:///{db_path}", enforce_fks=False)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    engine.dispose()
    assert not sqlite_file_at_head(db_path)
    assert not sqlite_file_at_head(tmp_path / "missing.db")
    (tmp_path / "not-a-database.db").write_text("hello")
    assert not sqlite_file_at_head(tmp_path / "not-a-database.db")
    empty = tmp_path / "empty.db"
    empty.touch()
    assert not sqlite_file_at_head(empty)  # no alembic_version table
