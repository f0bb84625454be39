"""The parser's warnings (unclosed and stray marks) are stored with the article and kept by reparse."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.ingest import IngestReport, Status, ingest_sources
from quotes.db.models import ParseWarning
from quotes.db.reparse import reparse_articles
from quotes.sources import read_articles

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
UNCLOSED = (
    "Rates rise again\n\n"
    '"We will keep going, Anna Smith said as the meeting ended.\n\n'
    "The council meets again on Monday.\n"
)


def stored_warnings(factory: sessionmaker[Session]) -> list[tuple[int, int, int, str]]:
    with factory() as session:
        rows = session.execute(
            select(ParseWarning.id, ParseWarning.start, ParseWarning.end, ParseWarning.message).order_by(
                ParseWarning.id
            )
        ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def test_an_unclosed_mark_is_stored_with_its_offsets_and_reported(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    path = tmp_path / "unclosed.txt"
    path.write_text(UNCLOSED, encoding="utf-8")
    report = IngestReport()
    for outcome in ingest_sources(factory, read_articles([str(path)])):
        report.record(outcome)
        assert outcome.status is Status.ADDED and outcome.warnings == 1
    rows = stored_warnings(factory)
    assert len(rows) == 1
    _, start, end, message = rows[0]
    assert UNCLOSED[start:end] == '"' and "not closed" in message
    assert "1 parse warning (unclosed or stray marks)" in report.summary()


def test_a_clean_article_stores_no_warning_and_says_nothing_of_them(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    path = tmp_path / "clean.txt"
    path.write_text('Title\n\n"We are ready," Anna Smith said.\n', encoding="utf-8")
    report = IngestReport()
    for outcome in ingest_sources(factory, read_articles([str(path)])):
        report.record(outcome)
    assert stored_warnings(factory) == [] and "warning" not in report.summary()


def test_reparse_keeps_the_same_warning_rows(factory: sessionmaker[Session], tmp_path: Path) -> None:
    path = tmp_path / "unclosed.txt"
    path.write_text(UNCLOSED, encoding="utf-8")
    list(ingest_sources(factory, read_articles([str(path)])))
    before = stored_warnings(factory)
    changes = list(reparse_articles(factory, now=lambda: NOW))
    assert not any(change.changed or change.failed for change in changes)
    assert stored_warnings(factory) == before  # same ids: nothing rewritten
