"""One database holding the invented articles of check_corpus.py, stored through the parser once per
test session; the check tests only read it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from check_corpus import store_corpus
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.engine import make_engine, make_session_factory


@pytest.fixture(scope="session")
def corpus_template(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    path = tmp_path_factory.mktemp("check-corpus") / "corpus.db"
    shutil.copyfile(template_db, path)
    engine = make_engine(f"sqlite:///{path}")
    store_corpus(make_session_factory(engine))
    engine.dispose()
    return path


@pytest.fixture
def corpus_db(tmp_path: Path, corpus_template: Path) -> str:
    """A copy of the corpus database (tests that write get their own)."""
    path = tmp_path / "corpus.db"
    shutil.copyfile(corpus_template, path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def corpus_factory(corpus_template: Path) -> Iterator[sessionmaker[Session]]:
    """Sessions on the shared corpus database, for tests that only read."""
    engine = make_engine(f"sqlite:///{corpus_template}")
    yield make_session_factory(engine)
    engine.dispose()
