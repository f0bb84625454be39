"""Invented articles for attribution checks, stored through the real parser and ingest, and the fixtures
that hold them (test modules import the fixtures: a second conftest.py would clash for mypy)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.engine import make_engine, make_session_factory
from quotes.db.ingest import Status, ingest_article
from quotes.sources import SourceArticle, read_articles

NOW = datetime(2026, 5, 6, 7, 8, 9, tzinfo=UTC)

CORPUS = Path(__file__).with_name("elmtown.jsonl")  # README "Checking a quote" ingests it too


def store_corpus(factory: sessionmaker[Session]) -> list[int]:
    """Ingest the invented articles of elmtown.jsonl (through the parser) and return their ids, in order."""
    ids = []
    for source in read_articles([str(CORPUS)]):
        assert isinstance(source, SourceArticle), source
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
