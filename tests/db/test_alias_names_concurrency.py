"""A speaker's distinct aliases (`speaker_alias_names`) stay in step with its alias rows when two
PostgreSQL transactions add and remove rows of the same alias at once (migration 0017), and a
transaction PostgreSQL rolls back for another's sake is one to try again."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import psycopg.errors
import pytest
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from quotes.db.engine import make_session_factory
from quotes.db.errors import is_busy
from quotes.db.fts import speaker_alias_names_drift

ADD = "INSERT INTO speaker_aliases (speaker_id, alias, alias_folded, origin) VALUES (1, 'ADA HALE', 'ada hale', 'manual')"
REMOVE_FIRST = "DELETE FROM speaker_aliases WHERE id = 1"


@pytest.fixture
def pg_engine(pg_head_url: str) -> Iterator[Engine]:
    engine = create_engine(pg_head_url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO speakers (id, name, name_folded, kind, anonymous, created_at) "
                "VALUES (1, 'Ada Hale', 'ada hale', 'person', false, now())"
            )
        )
        connection.execute(
            text(
                "INSERT INTO speaker_aliases (id, speaker_id, alias, alias_folded, origin) "
                "VALUES (1, 1, 'Ada Hale', 'ada hale', 'manual')"
            )
        )
        for table in ("speakers", "speaker_aliases"):  # the ids given above are taken
            connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 1)"))
    yield engine
    engine.dispose()


def pairs(engine: Engine) -> set[tuple[int, str]]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT speaker_id, alias_folded FROM speaker_alias_names"))
        return {(int(speaker_id), str(alias)) for speaker_id, alias in rows}


def run_aside(engine: Engine, statement: str) -> tuple[threading.Thread, list[BaseException]]:
    """`statement` in its own transaction on another connection, in a thread, committed at once."""
    errors: list[BaseException] = []

    def work() -> None:
        try:
            with engine.begin() as connection:
                connection.execute(text(statement))
        except BaseException as error:  # noqa: BLE001  (reported by the test)
            errors.append(error)

    thread = threading.Thread(target=work)
    thread.start()
    return thread, errors


def wait_until(done: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def blocked_on_a_lock(observer: Connection) -> bool:
    waiting = observer.execute(
        text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
    ).scalar_one()
    return bool(waiting)


def interleave(engine: Engine, first: str, second: str) -> tuple[bool, list[BaseException]]:
    """`first` in an open transaction; `second` from another connection; `first` commits once
    `second` has either finished or is seen waiting for a lock. Returns whether it waited."""
    holder = engine.connect()
    observer = engine.connect()
    observer.execution_options(isolation_level="AUTOCOMMIT")
    try:
        transaction = holder.begin()
        holder.execute(text(first))
        thread, errors = run_aside(engine, second)
        waited = False

        def settled() -> bool:
            nonlocal waited
            waited = blocked_on_a_lock(observer)
            return waited or not thread.is_alive()

        wait_until(settled)
        transaction.commit()
        thread.join(timeout=30)
        assert not thread.is_alive()
        return waited, errors
    finally:
        holder.close()
        observer.close()


def assert_in_step(engine: Engine) -> None:
    with make_session_factory(engine)() as session:
        assert speaker_alias_names_drift(session) == []


@pytest.mark.postgres
def test_removing_the_last_row_waits_for_a_writer_adding_the_same_alias(pg_engine: Engine) -> None:
    # the adder finds the pair there (nothing to insert); the remover, not seeing the added row yet,
    # used to delete the pair: both committed, and the alias was lost to search for good
    waited, errors = interleave(pg_engine, ADD, REMOVE_FIRST)
    assert errors == []
    assert waited  # the remover waited for the adder's lock on the pair ...
    assert pairs(pg_engine) == {(1, "ada hale")}  # ... and then saw its row: the pair stays
    assert_in_step(pg_engine)


@pytest.mark.postgres
def test_adding_an_alias_whose_pair_is_being_removed_puts_the_pair_back(pg_engine: Engine) -> None:
    waited, errors = interleave(pg_engine, REMOVE_FIRST, ADD)
    assert errors == []
    assert waited
    assert pairs(pg_engine) == {(1, "ada hale")}
    assert_in_step(pg_engine)


@pytest.mark.postgres
def test_writers_adding_the_same_alias_do_not_wait_for_each_other(pg_engine: Engine) -> None:
    waited, errors = interleave(pg_engine, ADD, ADD)
    assert errors == []
    assert not waited
    assert pairs(pg_engine) == {(1, "ada hale")}
    assert_in_step(pg_engine)


def _wrapped(reason: Exception) -> OperationalError:
    return OperationalError("UPDATE speaker_stats ...", {}, reason)


@pytest.mark.parametrize(
    ("error", "busy"),
    [
        (_wrapped(psycopg.errors.DeadlockDetected("deadlock detected")), True),
        (_wrapped(psycopg.errors.SerializationFailure("could not serialize access")), True),
        (_wrapped(psycopg.errors.AdminShutdown("terminating connection")), False),
        (_wrapped(Exception("database is locked")), True),
        (_wrapped(Exception("disk I/O error")), False),
        (ValueError("database is locked"), False),
    ],
)
def test_what_is_worth_trying_again(error: BaseException, busy: bool) -> None:
    assert is_busy(error) is busy
