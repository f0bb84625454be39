"""Full-text search over article text, so a check finds words in narration (outside quotation marks).

Revision ID: 0009
Revises: 0008 (chained after main's 0011; written against 0004)
Create Date: 2026-12-01

The quote index covers quote text only. `quotes check` reports `not_in_quote` when a claim's words stand
in an article's own text, and at a million quotes that needs an index: on SQLite an external-content FTS5
table `article_fts` over `articles.text`, kept in step by three triggers (the tokenizer of `quote_fts`);
on PostgreSQL a GIN index on to_tsvector('simple', left(text, 500000)), the first 500,000 characters,
since a tsvector holds at most 1 MB and a longer article would make ingest fail. `articles` is never
batch-altered here, so no other trigger is touched.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_CREATE = (
    """
    CREATE VIRTUAL TABLE article_fts USING fts5(
        text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER article_fts_ai AFTER INSERT ON articles BEGIN
        INSERT INTO article_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
    """
    CREATE TRIGGER article_fts_ad AFTER DELETE ON articles BEGIN
        INSERT INTO article_fts(article_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END
    """,
    """
    CREATE TRIGGER article_fts_au AFTER UPDATE OF text ON articles BEGIN
        INSERT INTO article_fts(article_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO article_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
    "INSERT INTO article_fts(article_fts) VALUES ('rebuild')",
)
SQLITE_DROP = (  # triggers first: dropping the table leaves its triggers behind
    "DROP TRIGGER IF EXISTS article_fts_au",
    "DROP TRIGGER IF EXISTS article_fts_ad",
    "DROP TRIGGER IF EXISTS article_fts_ai",
    "DROP TABLE IF EXISTS article_fts",
)
POSTGRESQL_CREATE = (
    "CREATE INDEX ix_articles_text_tsv ON articles USING gin (to_tsvector('simple', left(text, 500000)))",
)
POSTGRESQL_DROP = ("DROP INDEX IF EXISTS ix_articles_text_tsv",)


def _run(statements: Sequence[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(SQLITE_CREATE)
    elif dialect == "postgresql":
        _run(POSTGRESQL_CREATE)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(SQLITE_DROP)
    elif dialect == "postgresql":
        _run(POSTGRESQL_DROP)
