"""The one place that creates engines: SQLite gets its pragmas here, every other dialect comes as is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from quotes.config import ConfigError

BUSY_TIMEOUT_MS = 10_000


def display_name(url: str) -> str:
    """How to name a database to the user: the file for SQLite, else the URL without its password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return parsed.database
    return parsed.render_as_string(hide_password=True)


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other dialects and in-memory databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def make_engine(url: str, *, enforce_fks: bool = True) -> Engine:
    """An engine for `url`; `enforce_fks=False` gives the migration engine (batch mode copies tables)."""
    path = sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url)
    except ImportError as error:  # the optional driver (psycopg for PostgreSQL) is not installed
        raise ConfigError(missing_driver(url, error)) from error
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas(enforce_fks))
        event.listen(engine, "begin", _begin_immediate)
    return engine


READ_ONLY = "quotes_read_only"  # execution option of a read-only session factory's engine


def missing_driver(url: str, error: ImportError) -> str:
    backend = make_url(url).get_backend_name()
    module = error.name or "its driver"
    if backend == "postgresql":
        return f"PostgreSQL needs the {module} driver, which is not installed: pip install 'quotes[postgres]'"
    return f"the {backend} database driver {module} is not installed"


def _begin_immediate(connection: Connection) -> None:
    """Every SQLite transaction that may write takes the write lock up front, waiting up to the busy
    timeout for it.

    A deferred transaction that reads and then writes cannot wait for the lock (SQLite fails it at once
    with "database is locked" to avoid a deadlock); one that begins IMMEDIATE queues instead, so several
    writers (parallel `quotes ingest` processes) take turns and none fails. Sessions made read-only
    (`make_session_factory(engine, read_only=True)`) begin deferred: under WAL they read a snapshot
    without waiting for writers or for each other, which is what the terminal UI's workers need.
    """
    read_only = connection.get_execution_options().get(READ_ONLY, False)
    connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _sqlite_pragmas(enforce_fks: bool) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA foreign_keys={'ON' if enforce_fks else 'OFF'}")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()
        # pysqlite would emit a deferred BEGIN of its own; `_begin_immediate` emits the BEGIN instead
        dbapi_connection.isolation_level = None

    return on_connect


def make_session_factory(engine: Engine, *, read_only: bool = False) -> sessionmaker[Session]:
    """Sessions for one unit of work each (`with factory.begin() as session:`), keeping the speaker
    counts in step with what they write (`quotes.db.stats`). `read_only` sessions, for reading alone, begin
    without taking SQLite's write lock, so they never wait for a writer or for each other."""
    from quotes.db.stats import keep_in_step

    if read_only:
        return sessionmaker(engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)
    factory = sessionmaker(engine, expire_on_commit=False)
    keep_in_step(factory)
    return factory
