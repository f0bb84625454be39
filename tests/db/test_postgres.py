"""The same storage guarantees on PostgreSQL (skipped unless QUOTES_TEST_PG_URL is set)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine

from quotes.db.engine import make_engine, make_session_factory
from quotes.db.ingest import Status
from quotes.db.migrate import upgrade
from quotes.db.repo import list_quotes
from quotes.db.seed import seed
from quotes.db.speaker_views import speaker_summaries

pytestmark = pytest.mark.postgres


def test_seeds_twice_change_no_row_count(pg_url: str, count_rows: Callable[[Engine], dict[str, int]]) -> None:
    upgrade(pg_url)
    engine = make_engine(pg_url)
    try:
        factory = make_session_factory(engine)
        assert {outcome.status for outcome in seed(factory)} == {Status.ADDED}
        counts = count_rows(engine)
        assert counts["articles"] == 2 and counts["quotes"] > 0
        assert {outcome.status for outcome in seed(factory)} == {Status.PRESENT}
        assert count_rows(engine) == counts
        with factory() as session:
            rows = list_quotes(session)
            assert len(rows) == counts["quotes"]
            assert sum(row.quotes for row in speaker_summaries(session)) == sum(
                1 for row in rows if row.speaker_id is not None
            )
    finally:
        engine.dispose()
