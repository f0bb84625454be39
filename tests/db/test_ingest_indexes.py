"""Migration 0016 drops five single-column indexes that a wider index leads with: look-ups by those
columns still go through an index, and the round trip brings them back and takes them away again."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import inspect, text

from quotes.config import alembic_dir
from quotes.db import migrate
from quotes.db.engine import make_engine


def _migration() -> ModuleType:
    path = alembic_dir() / "versions" / "0016_drop_prefix_indexes.py"
    spec = importlib.util.spec_from_file_location("migration_0016", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DROPPED: tuple[tuple[str, str, str], ...] = _migration().DROPPED


def _indexes(url: str) -> dict[str, set[str]]:
    """Table -> the names of its indexes (those the inspector reports: not SQLite's automatic ones)."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            found = inspect(connection)
            tables = {table for _index, table, _column in DROPPED}
            return {table: {str(index["name"]) for index in found.get_indexes(table)} for table in tables}
    finally:
        engine.dispose()


def _present(url: str) -> set[str]:
    indexes = _indexes(url)
    return {index for index, table, _column in DROPPED if index in indexes[table]}


def test_0016_round_trip_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'indexes.db'}"
    migrate.upgrade(url)
    assert _present(url) == set()
    migrate.downgrade(url, "0015")
    assert _present(url) == {index for index, _table, _column in DROPPED}
    migrate.upgrade(url)
    assert _present(url) == set()
    migrate.check(url)


@pytest.mark.postgres
def test_0016_round_trip_on_postgresql(pg_url: str) -> None:
    migrate.upgrade(pg_url)
    assert _present(pg_url) == set()
    migrate.downgrade(pg_url, "0015")
    assert _present(pg_url) == {index for index, _table, _column in DROPPED}
    migrate.upgrade(pg_url)
    assert _present(pg_url) == set()
    migrate.check(pg_url)


@pytest.mark.parametrize(("index", "table", "column"), DROPPED)
def test_a_look_up_by_a_dropped_column_still_uses_an_index(
    tmp_path: Path, index: str, table: str, column: str
) -> None:
    url = f"sqlite:///{tmp_path / 'plans.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            plan = " ".join(
                str(row[-1])
                for row in connection.execute(
                    text(f"EXPLAIN QUERY PLAN SELECT id FROM {table} WHERE {column} = 1")
                )
            )
    finally:
        engine.dispose()
    used = plan.split("INDEX ", 1)[1].split()[0] if "INDEX " in plan else None
    assert plan.startswith("SEARCH") and used not in (None, index), plan
