"""The same checks on PostgreSQL: GIN tsvector candidates, article phrase search, identical statuses."""

from __future__ import annotations

import pytest
from check_corpus import store_corpus
from test_verify import CASES

from quotes.check import verify
from quotes.check.audit import audit
from quotes.check.compare import CheckStatus
from quotes.check.verify import check_claim
from quotes.db import migrate
from quotes.db.engine import make_engine, make_session_factory

pytestmark = pytest.mark.postgres


def test_every_status_matches_sqlite(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    migrate.upgrade(pg_url)
    engine = make_engine(pg_url)
    try:
        factory = make_session_factory(engine)
        store_corpus(factory)
        with factory() as session:
            got = [(claim, speaker, check_claim(session, claim, speaker)) for claim, speaker, _s, _d in CASES]
            report = audit(session)
            monkeypatch.setattr(verify, "ALL_WORDS_LIMIT", 1)  # common words: phrase and speaker searches
            common = check_claim(session, "We will not raise taxes this year", "Okafor")
    finally:
        engine.dispose()
    assert [(c, s, r.status, r.match.diff if r.match else "") for c, s, r in got] == [
        (c, s, status, diff) for c, s, status, diff in CASES
    ]
    assert (report.unresolved_total, report.low_confidence_total, report.unclosed_articles) == (2, 1, 1)
    assert len(report.shared_words) == 1
    assert common.status is CheckStatus.EXACT
