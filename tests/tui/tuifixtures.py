"""Fixtures for the TUI tests (a plugin each TUI test module names): databases stored at a fixed time."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from tuidata import HOSTILE, HOSTILE_SPEAKER, NEWSROOM, NOW, store

from quotes.config import seeds_dir
from quotes.db.corrections import rename_speaker
from quotes.db.engine import make_engine, make_session_factory
from quotes.db.models import Speaker
from quotes.sources import SourceArticle, read_articles


@pytest.fixture
def tui_factory(db_url: str) -> sessionmaker[Session]:
    return make_session_factory(make_engine(db_url))


@pytest.fixture
def newsroom(tui_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """The two invented articles (Okafor, Hale, a resident)."""
    store(tui_factory, list(NEWSROOM))
    return tui_factory


@pytest.fixture
def seeds(tui_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """The sample articles, stored at a fixed time so dates in screenshots stay put."""
    store(tui_factory, [a for a in read_articles([str(seeds_dir())]) if isinstance(a, SourceArticle)])
    return tui_factory


@pytest.fixture
def hostile(tui_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """The hostile article, its speaker renamed to a hostile name."""
    store(tui_factory, [HOSTILE])
    with tui_factory.begin() as session:
        speaker_id = session.scalars(select(Speaker.id)).one()
        rename_speaker(session, f"#{speaker_id}", HOSTILE_SPEAKER, now=NOW)
    return tui_factory
