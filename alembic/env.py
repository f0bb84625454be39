"""Alembic environment: the URL comes from quotes.config (or from quotes.db.migrate), never from a file."""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import text

from quotes.config import resolve_db_url
from quotes.db import models  # noqa: F401  (registers every table on Base.metadata)
from quotes.db.base import Base
from quotes.db.engine import make_engine
from quotes.db.fts import MIGRATION_ONLY_COLUMNS, MIGRATION_ONLY_INDEXES

config = context.config
target_metadata = Base.metadata


def database_url() -> str:
    url = config.attributes.get("url")
    return str(url) if url else resolve_db_url()


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Compare only what the models declare: FTS tables, their shadow tables, the tsvector indexes and
    PostgreSQL's stored tsvector column live in migrations alone."""
    if type_ == "table":
        return name in target_metadata.tables
    if type_ == "index":
        return name not in MIGRATION_ONLY_INDEXES
    if type_ == "column":
        return name not in MIGRATION_ONLY_COLUMNS
    return True


def run_migrations_offline() -> None:
    url = database_url()
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=url.startswith("sqlite"),
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = make_engine(database_url(), enforce_fks=False)
    try:
        with engine.connect() as connection:
            is_sqlite = connection.dialect.name == "sqlite"
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=is_sqlite,
                include_name=include_name,
            )
            with context.begin_transaction():
                context.run_migrations()
            if is_sqlite:
                broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
                if broken:
                    raise RuntimeError(f"foreign key check failed after migrating: {broken[:5]}")
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
