"""Migration 0016 drops five single-column indexes that a wider index leads with, and 0018 makes the two
indexes of quote references partial: look-ups by those columns still go through an index, and the
round trips bring the old indexes back and take them away again."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import Connection, inspect, text

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


def _round_trip(url: str, previous: str, state: Callable[[str], object], at_head: object, before: object) -> None:
    """Upgrade, down to `previous` and up again, with `state(url)` as each end leaves it; then the
    models still match the migrations."""
    migrate.upgrade(url)
    assert state(url) == at_head
    migrate.downgrade(url, previous)
    assert state(url) == before
    migrate.upgrade(url)
    assert state(url) == at_head
    migrate.check(url)


ALL_DROPPED = {index for index, _table, _column in DROPPED}


def test_0016_round_trip_on_sqlite(tmp_path: Path) -> None:
    _round_trip(f"sqlite:///{tmp_path / 'indexes.db'}", "0015", _present, set(), ALL_DROPPED)


@pytest.mark.postgres
def test_0016_round_trip_on_postgresql(pg_url: str) -> None:
    _round_trip(pg_url, "0015", _present, set(), ALL_DROPPED)


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


PARTIAL = ("continues_id", "nested_in_id")  # 0018: quotes(column) WHERE column IS NOT NULL


def _plan(connection: Connection, sql: str) -> str:
    return " ".join(str(row[-1]) for row in connection.execute(text(f"EXPLAIN QUERY PLAN {sql}")))


def test_0018_indexes_hold_only_the_quotes_that_refer_to_another(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'partial.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO articles (id, content_hash, text, ingested_at) VALUES (1, 'h', 'x', '2026-01-01')"))
            for quote_id, continues in ((1, None), (2, 1), (3, None)):
                connection.execute(
                    text('INSERT INTO quotes (id, article_id, start, "end", text, paragraph, kind, group_number, continues_id) '
                         "VALUES (:id, 1, :id, :id, 'q', 0, 'speech', 0, :continues)"),
                    {"id": quote_id, "continues": continues},
                )  # fmt: skip
            for column in PARTIAL:  # a look-up by the column is a search of its own index
                plan = _plan(connection, f"SELECT id FROM quotes WHERE {column} = 1")
                assert plan.startswith("SEARCH") and f"INDEX ix_quotes_{column} " in plan, plan
            entries = connection.execute(text("SELECT count(*) FROM quotes INDEXED BY ix_quotes_continues_id WHERE continues_id = 1"))
            assert entries.scalar() == 1
            # the foreign key's ON DELETE SET NULL still finds the piece that continued the deleted one
            connection.execute(text("DELETE FROM quotes WHERE id = 1"))
            assert connection.execute(text("SELECT continues_id FROM quotes WHERE id = 2")).scalar() is None
    finally:
        engine.dispose()


_INDEX_SQL = {  # the SQL that created an index, by dialect
    "sqlite": "SELECT sql FROM sqlite_master WHERE name = :name",
    "postgresql": "SELECT indexdef FROM pg_indexes WHERE indexname = :name",
}


def _partial(url: str) -> dict[str, bool]:
    """Whether each quote-reference index has a WHERE clause."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            query = text(_INDEX_SQL[connection.dialect.name])
            return {
                column: " WHERE " in str(connection.scalar(query, {"name": f"ix_quotes_{column}"}))
                for column in PARTIAL
            }
    finally:
        engine.dispose()


def test_0018_round_trip_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'partial-trip.db'}"
    _round_trip(url, "0017", _partial, dict.fromkeys(PARTIAL, True), dict.fromkeys(PARTIAL, False))


@pytest.mark.postgres
def test_0018_round_trip_on_postgresql(pg_url: str) -> None:
    _round_trip(pg_url, "0017", _partial, dict.fromkeys(PARTIAL, True), dict.fromkeys(PARTIAL, False))
