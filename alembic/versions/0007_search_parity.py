"""One search language on both backends: full-text search indexes quotes.search_text, folded in Python.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

SQLite's FTS5 tokenizer and PostgreSQL's parser disagreed on accents (FTS5 folds them, 'simple' does
not), on apostrophes (’ split words on one side only), on case outside ASCII (a C-locale PostgreSQL
leaves it) and on tokens such as e-mail addresses and decimals. Both now index `search_text`, which
quotes.db.fts.fold_for_search fills when a quote is written: lowercase letters and digits between single
spaces, so both tokenizers see the same words. Existing quotes are folded here; the SQLite FTS table and
its triggers move to the new column, and PostgreSQL's GIN index is replaced.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from quotes.db.fts import fold_for_search

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"  # "0004" as given; chained after main's head (0011)
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FILL_BATCH = 5000

SQLITE_FTS_DROP = (  # triggers first: dropping the table leaves its triggers behind
    "DROP TRIGGER IF EXISTS quote_fts_au",
    "DROP TRIGGER IF EXISTS quote_fts_ad",
    "DROP TRIGGER IF EXISTS quote_fts_ai",
    "DROP TABLE IF EXISTS quote_fts",
)


def sqlite_fts_create(column: str) -> tuple[str, ...]:
    return (
        f"""
        CREATE VIRTUAL TABLE quote_fts USING fts5(
            {column}, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
        )
        """,
        f"""
        CREATE TRIGGER quote_fts_ai AFTER INSERT ON quotes BEGIN
            INSERT INTO quote_fts(rowid, {column}) VALUES (new.id, new.{column});
        END
        """,
        f"""
        CREATE TRIGGER quote_fts_ad AFTER DELETE ON quotes BEGIN
            INSERT INTO quote_fts(quote_fts, rowid, {column}) VALUES ('delete', old.id, old.{column});
        END
        """,
        f"""
        CREATE TRIGGER quote_fts_au AFTER UPDATE ON quotes BEGIN
            INSERT INTO quote_fts(quote_fts, rowid, {column}) VALUES ('delete', old.id, old.{column});
            INSERT INTO quote_fts(rowid, {column}) VALUES (new.id, new.{column});
        END
        """,
        "INSERT INTO quote_fts(quote_fts) VALUES ('rebuild')",
    )


def _fill_search_text() -> None:
    bind = op.get_bind()
    quotes = sa.table("quotes", sa.column("id", sa.Integer), sa.column("text", sa.Text), sa.column("search_text", sa.Text))
    last_id = 0
    while True:
        rows = bind.execute(
            sa.select(quotes.c.id, quotes.c.text).where(quotes.c.id > last_id).order_by(quotes.c.id).limit(FILL_BATCH)
        ).all()
        if not rows:
            return
        bind.execute(
            sa.update(quotes).where(quotes.c.id == sa.bindparam("quote_id")).values(search_text=sa.bindparam("folded")),
            [{"quote_id": quote_id, "folded": fold_for_search(text)} for quote_id, text in rows],
        )
        last_id = rows[-1][0]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_FTS_DROP:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_quotes_text_tsv")
    op.add_column("quotes", sa.Column("search_text", sa.Text(), nullable=True))
    _fill_search_text()
    if dialect == "sqlite":
        for statement in sqlite_fts_create("search_text"):
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("CREATE INDEX ix_quotes_search_text_tsv ON quotes USING gin (to_tsvector('simple', search_text))")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_FTS_DROP:
            op.execute(statement)
        op.execute("ALTER TABLE quotes DROP COLUMN search_text")  # SQLite >= 3.35: no table rebuild
        for statement in sqlite_fts_create("text"):
            op.execute(statement)
    else:
        if dialect == "postgresql":
            op.execute("DROP INDEX IF EXISTS ix_quotes_search_text_tsv")
        op.drop_column("quotes", "search_text")
        if dialect == "postgresql":
            op.execute("CREATE INDEX ix_quotes_text_tsv ON quotes USING gin (to_tsvector('simple', text))")
