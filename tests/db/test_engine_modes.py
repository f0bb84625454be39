"""SQLite transactions: writers take the lock up front (so none fails under contention); read-only
sessions read a snapshot without waiting for a writer."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.engine import make_session_factory
from quotes.db.models import Article

pytestmark = pytest.mark.sqlite_only  # SQLite's locking; PostgreSQL has row locks and MVCC instead


def test_a_reader_does_not_wait_for_a_writer(seeded_db: str, engine: Engine, factory: sessionmaker[Session]) -> None:
    readers = make_session_factory(engine, read_only=True)
    with factory.begin() as writer:
        writer.execute(text("UPDATE articles SET title = 'changed' WHERE id = 1"))  # holds the write lock
        started = time.monotonic()
        with readers() as reader:
            titles = set(reader.scalars(select(Article.title)))
            assert reader.scalar(select(func.count(Article.id))) == 2
        assert time.monotonic() - started < 1.0  # the busy timeout is 10 s: a waiting reader would show
        assert "changed" not in titles  # the reader sees the last committed snapshot
    with readers() as reader:
        assert "changed" in set(reader.scalars(select(Article.title)))


def test_writers_begin_immediate(seeded_db: str, engine: Engine, factory: sessionmaker[Session]) -> None:
    statements: list[str] = []
    from sqlalchemy import event

    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(str(args[2])))
    with factory.begin() as session:
        session.execute(select(Article.id))
    with make_session_factory(engine, read_only=True)() as session:
        session.execute(select(Article.id))
    assert [s for s in statements if s.startswith("BEGIN")] == ["BEGIN IMMEDIATE", "BEGIN"]
