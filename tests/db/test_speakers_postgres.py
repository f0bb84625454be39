"""Speakers across articles, corrections and reparse on PostgreSQL (skipped unless QUOTES_TEST_PG_URL)."""

from __future__ import annotations

import pytest
from newsroom import NOW, Newsroom, Said

from quotes.db import corrections
from quotes.db.engine import make_engine, make_session_factory
from quotes.db.migrate import check, upgrade
from quotes.db.seed import seed
from quotes.db.speaker_views import speaker_candidates

pytestmark = pytest.mark.postgres
KREMLIN = ("Kremlin spokesman",)


def test_resolution_corrections_and_reparse(pg_url: str) -> None:
    upgrade(pg_url)
    check(pg_url)
    engine = make_engine(pg_url)
    try:
        factory = make_session_factory(engine)
        list(seed(factory))
        room = Newsroom(factory)
        room.store("One", Said("Dmitry Peskov", roles=KREMLIN))
        room.store("Two", Said("Peskov", roles=KREMLIN))
        room.store("Three", Said("Oleg", anonymous=True), outlet="BBC News")
        peskov = room.one("Dmitry Peskov")
        assert (peskov.articles, peskov.speech) == (3, 3)
        olegs = sorted(row.id for row in room.speakers("Oleg"))
        with factory() as session:
            pairs = [(p.first_id, p.second_id, p.rule) for p in speaker_candidates(session)]
        assert pairs == [(olegs[0], olegs[1], "lone-name-weak")]
        with factory.begin() as session:
            corrections.merge_speakers(session, str(olegs[0]), str(olegs[1]), now=NOW)
            corrections.rename_speaker(session, str(peskov.id), "Dmitri Peskov", now=NOW)
        for _ in range(2):
            changes = room.reparse()
            assert changes and not any(c.changed or c.failed for c in changes)
        assert room.one("Dmitri Peskov").articles == 3 and room.one("Oleg").speech == 10
    finally:
        engine.dispose()
