"""Quote ids are never given out again on SQLite.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22

A quote's id is a handle people write down (`quotes quote reassign ID`, exports, checks). SQLite gives a
plain INTEGER PRIMARY KEY the highest id plus one, so after `quotes reparse` dropped the newest quotes a
different quote could take a dropped quote's id. The table is rebuilt with AUTOINCREMENT, as `speakers`
was in 0002. Rebuilding drops the full-text triggers, so the FTS table and its triggers are made again
and the index rebuilt (the SQL is a copy of 0001's: a migration keeps the schema of its own day).
PostgreSQL ids come from a sequence, which never goes back: nothing to do there.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_FTS_DROP = (  # triggers first: dropping the table leaves its triggers behind
    "DROP TRIGGER IF EXISTS quote_fts_au",
    "DROP TRIGGER IF EXISTS quote_fts_ad",
    "DROP TRIGGER IF EXISTS quote_fts_ai",
    "DROP TABLE IF EXISTS quote_fts",
)
SQLITE_FTS_CREATE = (
    """
    CREATE VIRTUAL TABLE quote_fts USING fts5(
        text, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER quote_fts_ai AFTER INSERT ON quotes BEGIN
        INSERT INTO quote_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
    """
    CREATE TRIGGER quote_fts_ad AFTER DELETE ON quotes BEGIN
        INSERT INTO quote_fts(quote_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END
    """,
    """
    CREATE TRIGGER quote_fts_au AFTER UPDATE ON quotes BEGIN
        INSERT INTO quote_fts(quote_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO quote_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
    "INSERT INTO quote_fts(quote_fts) VALUES ('rebuild')",
)


def _rebuild_quotes(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in SQLITE_FTS_DROP:
        op.execute(statement)
    with op.batch_alter_table("quotes", recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}):
        pass
    for statement in SQLITE_FTS_CREATE:
        op.execute(statement)


def upgrade() -> None:
    _rebuild_quotes(autoincrement=True)


def downgrade() -> None:
    _rebuild_quotes(autoincrement=False)
