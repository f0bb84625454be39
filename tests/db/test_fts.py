"""Full-text search: FTS5 on SQLite (kept in step by triggers), tsvector on PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.engine import make_engine, make_session_factory
from quotes.db.fts import SearchSyntaxError, fts5_query, search_quotes
from quotes.db.migrate import upgrade
from quotes.db.models import Article, Quote
from quotes.db.repo import list_quotes
from quotes.db.seed import seed


def texts(session: Session, ids: list[int]) -> list[str]:
    by_id = {quote_id: text for quote_id, text in session.execute(select(Quote.id, Quote.text))}
    return [by_id[quote_id] for quote_id in ids]


def test_user_input_is_quoted_token_by_token() -> None:
    assert fts5_query('not "against" law*') == '"not" """against""" "law*"'
    assert fts5_query("  - ( ) ") is None


def test_search_finds_a_seed_quote(seeded_db: str, session: Session) -> None:
    found = texts(session, search_quotes(session, "against the LAW"))
    assert any("not against the law" in quote for quote in found), found


def test_search_ranks_and_tolerates_fts_syntax(seeded_db: str, session: Session) -> None:
    assert search_quotes(session, 'law" OR (NEAR') == []
    assert search_quotes(session, "-- ;") == []
    assert search_quotes(session, "xyzzy") == []


def test_raw_syntax_errors_are_reported(seeded_db: str, session: Session) -> None:
    with pytest.raises(SearchSyntaxError):
        search_quotes(session, 'law" OR (', raw=True)


def test_index_follows_updates_and_deletes(seeded_db: str, factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        quote_id = search_quotes(session, "against the law")[0]
        session.execute(update(Quote).where(Quote.id == quote_id).values(text="entirely replaced words"))
    with factory.begin() as session:
        assert search_quotes(session, "against the law") == []
        assert search_quotes(session, "replaced") == [quote_id]
        for article in session.scalars(select(Article)):
            session.delete(article)
    with factory() as session:
        assert search_quotes(session, "replaced") == []


def test_list_search_combines_with_filters(seeded_db: str, session: Session) -> None:
    rows = list_quotes(session, search="law")
    assert rows and all("law" in row.text.lower() for row in rows)
    assert list_quotes(session, search="law", article_id=rows[0].article_id + 100) == []
    assert list_quotes(session, search="   ") == []


@pytest.mark.postgres
def test_search_on_postgresql(pg_url: str) -> None:
    upgrade(pg_url)
    engine = make_engine(pg_url)
    factory = make_session_factory(engine)
    try:
        list(seed(factory))
        with factory() as session:
            found = texts(session, search_quotes(session, "against the LAW"))
            assert any("not against the law" in quote for quote in found), found
            assert search_quotes(session, 'law" OR (NEAR') == []
            rows = list_quotes(session, search="law")
            assert rows and all("law" in row.text.lower() for row in rows)
    finally:
        engine.dispose()
