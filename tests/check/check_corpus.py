"""Invented articles for attribution checks, stored through the real parser and ingest, and the fixtures
that hold them (test modules import the fixtures: a second conftest.py would clash for mypy)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.engine import make_engine, make_session_factory
from quotes.db.ingest import Status, ingest_article
from quotes.sources import SourceArticle

NOW = datetime(2026, 5, 6, 7, 8, 9, tzinfo=UTC)

ARTICLES = (
    (
        "Elmtown council sets its budget",
        "Elmtown Courier",
        date(2025, 3, 1),
        (
            "Elmtown council sets its budget\n\n"
            "Councillor Jane Hale defended the plan on Monday.\n\n"
            "\u201cWe will not raise taxes this year. The budget is balanced, and 5,000 jobs are safe,\u201d "
            "Cllr Hale said.\n\n"
            "The council also voted to repair the old bridge before winter, officials said.\n\n"
            'Opposition leader Tom Roe disagreed. "The bridge has waited for ten years," Roe said. '
            '"Nobody on this council ever asked the people of Elmtown what they want."\n\n'
            "\u201cIt\u2019s a fair budget for every family,\u201d Hale said, \u201cand we never cut the libraries.\u201d"
        ),
    ),
    (
        "Budget row reaches the radio",
        "Riverside Radio",
        date(2025, 3, 4),
        (
            "Budget row reaches the radio\n\n"
            "The mayor, Ada Okafor, spoke to listeners on Thursday.\n\n"
            '"We will not raise taxes this year," Okafor said.\n\n'
            'She added: "The harbour plan will cost 12 million pounds and it will pay for itself."'
        ),
    ),
    (
        "Weekly roundup",
        "Elmtown Courier",
        date(2025, 3, 9),
        (
            "Weekly roundup\n\n"
            "Residents said the harbour plan was the talk of the market.\n\n"
            '"We will not raise taxes this year. The budget is balanced, and 5,000 jobs are safe," '
            "Jane Hale told the meeting again on Friday."
        ),
    ),
    (
        "Letters page",
        None,
        date(2025, 3, 12),
        (
            "Letters page\n\n"
            "The harbour has been in the news all week.\n\n"
            '"What a week it has been for the harbour."\n\n'
            'Ruth Mbeki called the plan "a smell of fish and money" on Friday.\n\n'
            'A sign on the gate read "Nobody reads the small print\n\n'
            "The market opens at six."
        ),
    ),
)


def store_corpus(factory: sessionmaker[Session]) -> list[int]:
    """Ingest ARTICLES (through the parser) and return their ids, in order."""
    ids = []
    for title, outlet, published, text in ARTICLES:
        source = SourceArticle(
            title, f"{title}.txt", None, text, title=title, outlet=outlet, published=published
        )
        outcome = ingest_article(factory, source, now=NOW)
        assert outcome.status is Status.ADDED, outcome
        assert outcome.article_id is not None
        ids.append(outcome.article_id)
    return ids


@pytest.fixture(scope="session", name="corpus_template")
def corpus_template_fixture(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    path = tmp_path_factory.mktemp("check-corpus") / "corpus.db"
    shutil.copyfile(template_db, path)
    engine = make_engine(f"sqlite:///{path}")
    store_corpus(make_session_factory(engine))
    engine.dispose()
    return path


@pytest.fixture(name="corpus_db")
def corpus_db_fixture(tmp_path: Path, corpus_template: Path) -> str:
    """A copy of the corpus database (tests that write get their own)."""
    path = tmp_path / "corpus.db"
    shutil.copyfile(corpus_template, path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="session", name="corpus_factory")
def corpus_factory_fixture(corpus_template: Path) -> Iterator[sessionmaker[Session]]:
    """Sessions on the shared corpus database, for tests that only read."""
    engine = make_engine(f"sqlite:///{corpus_template}")
    yield make_session_factory(engine)
    engine.dispose()
