"""`quotes seed`: ingest the sample articles in the project's seeds/ folder."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy.orm import Session, sessionmaker

from quotes.config import seeds_dir
from quotes.db.ingest import Outcome, ingest_sources
from quotes.sources import read_articles


def seed(factory: sessionmaker[Session]) -> Iterator[Outcome]:
    """Ingest every article under seeds/; already present ones are left as they are."""
    return ingest_sources(factory, read_articles([str(seeds_dir())]))
