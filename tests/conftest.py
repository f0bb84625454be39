"""Shared fixtures: file databases under tmp_path, always built by `alembic upgrade head`."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from quotes.db import migrate
from quotes.db.engine import make_engine, make_session_factory

PG_ENV = "QUOTES_TEST_PG_URL"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture(autouse=True)
def _no_ambient_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never touch the user's database: QUOTES_DB and the data dir point under tmp_path."""
    monkeypatch.delenv("QUOTES_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database upgraded to head per test run; each test gets a copy (upgrading takes a while)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    migrate.upgrade(sqlite_url(path))
    return path


@pytest.fixture
def db_path(tmp_path: Path, template_db: Path) -> Path:
    path = tmp_path / "quotes.db"
    shutil.copyfile(template_db, path)
    return path


BOTH_BACKENDS_DIRS = frozenset({"db"})  # tests/db/: storage, ingest, search, speakers, corrections, reparse


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests under tests/db/ that use a database run on SQLite and on PostgreSQL (skipped without
    QUOTES_TEST_PG_URL); `@pytest.mark.sqlite_only` keeps one that checks SQLite itself to SQLite."""
    if "backend" not in metafunc.fixturenames or metafunc.definition.get_closest_marker("sqlite_only"):
        return
    if Path(str(metafunc.definition.path)).parent.name in BOTH_BACKENDS_DIRS:
        metafunc.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])


@pytest.fixture
def backend() -> str:
    """The database the test runs on: "sqlite", or "postgresql" where the test is parametrized for it."""
    return "sqlite"


@pytest.fixture(scope="session")
def pg_shared_url() -> Iterator[str]:
    """One PostgreSQL database upgraded to head per test run, shared by the tests/db/ tests."""
    base_url = os.environ.get(PG_ENV)
    if not base_url:
        pytest.skip(f"{PG_ENV} is not set (bash .ci/run starts a PostgreSQL and sets it)")
    name = f"quotes_shared_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(base_url).set(database=name).render_as_string(hide_password=False)
        migrate.upgrade(url)
        yield url
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture
def pg_head_url(pg_shared_url: str) -> str:
    """The shared PostgreSQL database at head, emptied for this test (ids start at 1 again); much
    quicker than a new database per test."""
    engine = create_engine(pg_shared_url)
    try:
        with engine.begin() as connection:
            tables = [name for name in inspect(connection).get_table_names() if name != "alembic_version"]
            quoted = ", ".join(f'"{name}"' for name in tables)
            connection.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))
    finally:
        engine.dispose()
    return pg_shared_url


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest) -> str:
    """A database at head: a copy of the SQLite template, or the emptied shared PostgreSQL database."""
    if backend == "postgresql":
        return str(request.getfixturevalue("pg_head_url"))
    return sqlite_url(request.getfixturevalue("db_path"))


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def factory(engine: Engine) -> Iterator[sessionmaker[Session]]:
    """Sessions on the test's database; afterwards the kept speaker counts must match a fresh count,
    whatever the test wrote (quotes.db.stats), and each speaker's distinct aliases (migration 0014's
    speaker_alias_names) the alias rows."""
    from quotes.db.fts import speaker_alias_names_drift
    from quotes.db.stats import stats_drift

    factory = make_session_factory(engine)
    yield factory
    with factory() as session:
        assert stats_drift(session) == [], "speaker counts out of step with the attributions"
        assert speaker_alias_names_drift(session) == [], "speaker_alias_names out of step with the aliases"


@pytest.fixture
def session(factory: sessionmaker[Session]) -> Iterator[Session]:
    with factory() as session:
        yield session


@pytest.fixture
def seeded_db(factory: sessionmaker[Session], db_url: str) -> str:
    """A database holding the seeds, loaded by the code behind `quotes seed`."""
    from quotes.db.ingest import Status
    from quotes.db.seed import seed

    outcomes = list(seed(factory))
    assert [outcome.status for outcome in outcomes] == [Status.ADDED] * len(outcomes), outcomes
    return db_url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    base_url = os.environ.get(PG_ENV)
    if not base_url:
        pytest.skip(f"{PG_ENV} is not set (bash .ci/run starts a PostgreSQL and sets it)")
    name = f"quotes_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(base_url).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def table_counts(engine: Engine) -> dict[str, int]:
    """Row count of every table, FTS shadow tables included."""
    with engine.connect() as connection:
        names = inspect(connection).get_table_names()
        return {
            name: connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one() for name in names
        }


@pytest.fixture
def count_rows() -> Callable[[Engine], dict[str, int]]:
    """Row count of every table in a database, FTS shadow tables included."""
    return table_counts
