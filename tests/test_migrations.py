"""Migrations build the whole schema (FTS included), undo it completely, and match the models."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from quotes.db import migrate
from quotes.db.base import Base
from quotes.db.engine import make_engine, make_session_factory
from quotes.db.fts import speaker_alias_names_drift
from quotes.db.ingest import Status
from quotes.db.seed import seed

QUOTE_FTS_TRIGGERS = {"quote_fts_ai", "quote_fts_ad", "quote_fts_au"}
SQLITE_FTS_TRIGGERS_0011 = QUOTE_FTS_TRIGGERS | {"article_fts_ai", "article_fts_ad", "article_fts_au"}  # 0009
SQLITE_FTS_TRIGGERS = SQLITE_FTS_TRIGGERS_0011 | {
    f"speaker_fts_{event}" for event in ("ai", "ad", "au")  # 0013 (its speaker_alias_fts dropped by 0015)
} | {f"speaker_alias_names_{event}" for event in ("ai", "ad", "au")} | {"speaker_alias_name_fts_ai", "speaker_alias_name_fts_ad"}  # 0014


def sqlite_objects(url: str, kind: str) -> set[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT name FROM sqlite_master WHERE type = :kind"), {"kind": kind})
            return {name for (name,) in rows if not name.startswith("sqlite_")}
    finally:
        engine.dispose()


def foreign_key_problems(url: str) -> list[tuple[object, ...]]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text("PRAGMA foreign_key_check"))]
    finally:
        engine.dispose()


def test_one_head() -> None:
    assert len(migrate.heads()) == 1


def test_head_base_head_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'roundtrip.db'}"
    migrate.upgrade(url)
    model_tables = set(Base.metadata.tables)
    assert model_tables <= sqlite_objects(url, "table")
    assert "quote_fts" in sqlite_objects(url, "table")
    assert sqlite_objects(url, "trigger") == SQLITE_FTS_TRIGGERS
    assert migrate.current_revision(url) == migrate.head_revision()

    migrate.downgrade(url, "base")
    assert sqlite_objects(url, "table") == {"alembic_version"}
    assert sqlite_objects(url, "trigger") == set()
    assert migrate.current_revision(url) is None

    migrate.upgrade(url)
    assert model_tables | {"quote_fts"} <= sqlite_objects(url, "table")
    assert sqlite_objects(url, "trigger") == SQLITE_FTS_TRIGGERS
    migrate.check(url)
    assert foreign_key_problems(url) == []


def test_check_is_clean_at_head(db_url: str) -> None:
    migrate.check(db_url)


def test_check_reports_drift(db_url: str) -> None:
    engine = make_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE articles ADD COLUMN stray INTEGER"))
    engine.dispose()
    with pytest.raises(migrate.SchemaError, match="differ"):
        migrate.check(db_url)


def test_check_fails_when_behind(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    with pytest.raises(migrate.SchemaError):
        migrate.check(url)


@pytest.mark.postgres
def test_head_base_head_on_postgresql(pg_url: str) -> None:
    migrate.upgrade(pg_url)
    engine = make_engine(pg_url)
    try:
        with engine.connect() as connection:
            inspector = inspect(connection)
            assert set(Base.metadata.tables) <= set(inspector.get_table_names())
            assert "ix_quotes_search_tsv" in {index["name"] for index in inspector.get_indexes("quotes")}
        migrate.check(pg_url)

        migrate.downgrade(pg_url, "base")
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) == {"alembic_version"}

        migrate.upgrade(pg_url)
        migrate.check(pg_url)
        assert migrate.current_revision(pg_url) == migrate.head_revision()
    finally:
        engine.dispose()


def _quote_rows(url: str) -> list[tuple[object, ...]]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(
                "SELECT q.id, q.text, q.continues_id, q.nested_in_id, a.speaker_id, a.method "
                "FROM quotes q JOIN attributions a ON a.quote_id = q.id ORDER BY q.id"
            ))]
    finally:
        engine.dispose()


def _column(url: str, query: str, **params: object) -> list[Any]:
    """The first column of `query`'s rows, on a connection of its own."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text(query), params).scalars())
    finally:
        engine.dispose()


def _fts_ids(url: str, word: str) -> set[int]:
    return set(_column(url, "SELECT rowid FROM quote_fts WHERE quote_fts MATCH :w", w=word))




def test_0004_keeps_the_quotes_and_never_gives_a_quote_id_twice(tmp_path: Path) -> None:
    """Upgrading a populated 0003 database keeps every quote, attribution and search hit; afterwards a
    deleted newest quote's id is not handed to the next quote."""

    url = f"sqlite:///{tmp_path / 'populated.db'}"
    migrate.upgrade(url)  # populated by today's code, then taken down: a 0003 database with data in it
    engine = make_engine(url)
    assert {outcome.status for outcome in seed(make_session_factory(engine))} == {Status.ADDED}
    engine.dispose()
    migrate.downgrade(url, "0003")
    rows, hits = _quote_rows(url), _fts_ids(url, "mobilisation")
    assert rows and hits

    migrate.upgrade(url)
    assert _quote_rows(url) == rows
    assert _fts_ids(url, "mobilisation") == hits
    assert sqlite_objects(url, "trigger") == SQLITE_FTS_TRIGGERS
    assert foreign_key_problems(url) == []
    migrate.check(url)

    newest = max(int(str(row[0])) for row in rows)
    engine = make_engine(url)
    with engine.begin() as connection:
        article_id = connection.execute(text("SELECT article_id FROM quotes WHERE id = :i"), {"i": newest}).scalar()
        connection.execute(text("DELETE FROM quotes WHERE id = :i"), {"i": newest})
        connection.execute(text(
            "INSERT INTO quotes (article_id, start, \"end\", text, search_text, paragraph, kind, group_number) "
            "VALUES (:a, 0, 1, 'zebracorn', 'zebracorn', 0, 'speech', 999)"
        ), {"a": article_id})
        new_id = connection.execute(text("SELECT id FROM quotes WHERE text = 'zebracorn'")).scalar_one()
    engine.dispose()
    assert new_id > newest
    assert _fts_ids(url, "zebracorn") == {new_id}

    migrate.downgrade(url, "0003")
    assert sqlite_objects(url, "trigger") == QUOTE_FTS_TRIGGERS
    assert _fts_ids(url, "zebracorn") == {new_id}
    assert foreign_key_problems(url) == []


# -- 0012: quote kind `unclosed` --------------------------------------------------------------------

_INSERT = (
    'INSERT INTO quotes (article_id, start, "end", text, search_text, paragraph, kind, group_number) '
    "VALUES (:article, 0, 1, :text, :text, 0, 'unclosed', 998)"
)


def _insert_unclosed(url: str, word: str) -> int:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            article = connection.execute(text("SELECT min(id) FROM articles")).scalar_one()
            connection.execute(text(_INSERT), {"article": article, "text": word})
            return int(connection.execute(text("SELECT id FROM quotes WHERE text = :w"), {"w": word}).scalar_one())
    finally:
        engine.dispose()


def _kind_of(url: str, quote_id: int) -> str:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return str(connection.execute(text("SELECT kind FROM quotes WHERE id = :i"), {"i": quote_id}).scalar_one())
    finally:
        engine.dispose()


def test_0012_allows_unclosed_and_keeps_rows_and_search(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'populated.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    assert {outcome.status for outcome in seed(make_session_factory(engine))} == {Status.ADDED}
    engine.dispose()
    migrate.downgrade(url, "0011")
    rows, hits = _quote_rows(url), _fts_ids(url, "mobilisation")
    assert rows and hits
    with pytest.raises(IntegrityError):
        _insert_unclosed(url, "zebracorn")  # 0011's CHECK refuses the kind

    migrate.upgrade(url)
    assert _quote_rows(url) == rows
    assert _fts_ids(url, "mobilisation") == hits
    assert sqlite_objects(url, "trigger") == SQLITE_FTS_TRIGGERS
    migrate.check(url)
    new_id = _insert_unclosed(url, "zebracorn")
    assert _fts_ids(url, "zebracorn") == {new_id}  # the recreated insert trigger indexes it

    migrate.downgrade(url, "0011")
    assert _kind_of(url, new_id) == "partial"  # a kind 0011 allows, counted as no speaker's speech
    assert _fts_ids(url, "zebracorn") == {new_id}
    assert sqlite_objects(url, "trigger") == SQLITE_FTS_TRIGGERS_0011
    assert foreign_key_problems(url) == []
    migrate.upgrade(url)
    migrate.check(url)


@pytest.mark.postgres
def test_0012_round_trip_on_postgresql(pg_url: str) -> None:
    migrate.upgrade(pg_url)
    migrate.downgrade(pg_url, "0011")
    migrate.upgrade(pg_url)
    migrate.check(pg_url)
    assert migrate.current_revision(pg_url) == migrate.head_revision()


def _alias_row_hits(url: str, word: str) -> set[int]:
    return set(_column(url, "SELECT rowid FROM speaker_alias_fts WHERE speaker_alias_fts MATCH :w", w=word))


def _alias_rows(url: str, word: str) -> set[int]:
    query = "SELECT id FROM speaker_aliases WHERE ' ' || alias_folded || ' ' LIKE :w"
    return set(_column(url, query, w=f"% {word} %"))


def _alias_words(url: str) -> set[str]:
    folded = _column(url, "SELECT alias_folded FROM speaker_aliases")
    words = {word for alias in folded for word in str(alias).split() if word.isalpha()}
    assert words
    return words


def test_0015_drops_the_alias_row_index_and_its_downgrade_builds_it_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'aliases.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    assert {outcome.status for outcome in seed(make_session_factory(engine))} == {Status.ADDED}
    engine.dispose()
    assert "speaker_alias_fts" not in sqlite_objects(url, "table")
    assert not {name for name in sqlite_objects(url, "trigger") if name.startswith("speaker_alias_fts")}

    migrate.downgrade(url, "0014")
    for word in _alias_words(url):
        rows = _alias_rows(url, word)
        assert rows and _alias_row_hits(url, word) == rows  # rebuilt from the rows
    migrate.upgrade(url)
    assert "speaker_alias_fts" not in sqlite_objects(url, "table")
    migrate.check(url)


@pytest.mark.postgres
def test_0015_round_trip_on_postgresql(pg_url: str) -> None:
    def alias_indexes() -> set[str]:
        engine = make_engine(pg_url)
        try:
            with engine.connect() as connection:
                return {str(index["name"]) for index in inspect(connection).get_indexes("speaker_aliases")}
        finally:
            engine.dispose()

    migrate.upgrade(pg_url)
    assert "ix_speaker_aliases_alias_folded_tsv" not in alias_indexes()
    migrate.downgrade(pg_url, "0014")
    assert "ix_speaker_aliases_alias_folded_tsv" in alias_indexes()
    migrate.upgrade(pg_url)
    assert "ix_speaker_aliases_alias_folded_tsv" not in alias_indexes()
    migrate.check(pg_url)


@pytest.mark.postgres
def test_0017_repairs_lost_alias_pairs_and_round_trips_on_postgresql(pg_url: str) -> None:
    def sync_body() -> str:
        return str(_column(pg_url, "SELECT prosrc FROM pg_proc WHERE proname = 'speaker_alias_names_sync'")[0])

    migrate.upgrade(pg_url, "0016")
    engine = make_engine(pg_url)
    assert {outcome.status for outcome in seed(make_session_factory(engine))} == {Status.ADDED}
    with engine.begin() as connection:  # a pair lost to the old trigger's race, and a stray one
        lost = connection.execute(text("DELETE FROM speaker_alias_names WHERE id = (SELECT min(id) FROM speaker_alias_names)"))
        assert lost.rowcount == 1
        connection.execute(text("INSERT INTO speaker_alias_names (speaker_id, alias_folded) VALUES (1, 'no such alias')"))
    assert "FOR KEY SHARE" not in sync_body()
    migrate.upgrade(pg_url)
    assert "FOR KEY SHARE" in sync_body()
    with make_session_factory(engine)() as session:
        assert speaker_alias_names_drift(session) == []
    engine.dispose()
    migrate.downgrade(pg_url, "0016")
    assert "FOR KEY SHARE" not in sync_body()
    migrate.upgrade(pg_url)
    migrate.check(pg_url)


def test_a_database_at_head_opens_without_loading_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'at-head.db'}"
    migrate.upgrade(url)
    program = (
        "import sys; from quotes.db.migrate import open_database; "
        f"open_database({url!r}, notify=print); print(sorted(m for m in sys.modules if m.startswith('alembic')))"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_database_behind_is_still_upgraded_when_opened(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'behind.db'}"
    migrate.upgrade(url, "0014")
    said: list[str] = []
    factory = migrate.open_database(url, notify=said.append)
    assert migrate.current_revision(url) == migrate.head_revision()
    assert said == [f"upgraded {tmp_path / 'behind.db'} from revision 0014 to {migrate.head_revision()}"]
    with factory() as session:
        assert session.execute(text("SELECT count(*) FROM quotes")).scalar_one() == 0
