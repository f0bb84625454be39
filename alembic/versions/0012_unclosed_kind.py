"""Allow quote kind `unclosed`.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01

A quote whose opening mark is never closed is stored with kind `unclosed` (never attributed, its span cut
at the end of its sentence) instead of passing for speech. The CHECK on `quotes.kind` gains the value. On
SQLite the CHECK lives in the table definition, so `quotes` is rebuilt in batch mode; the rebuild drops
the full-text triggers, so the FTS table and its triggers are made again (a copy of 0007's SQL, over
`search_text`: a migration keeps the schema of its own day) and the index rebuilt. The downgrade stores
unclosed quotes as `partial`, which no speaker count includes, so speaker_stats stay exact.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KINDS = "kind IN ('speech', 'partial', 'term', 'nested')"
NEW_KINDS = "kind IN ('speech', 'partial', 'term', 'nested', 'unclosed')"

SQLITE_FTS_DROP = (  # triggers first: dropping the table leaves its triggers behind
    "DROP TRIGGER IF EXISTS quote_fts_au",
    "DROP TRIGGER IF EXISTS quote_fts_ad",
    "DROP TRIGGER IF EXISTS quote_fts_ai",
    "DROP TABLE IF EXISTS quote_fts",
)
SQLITE_FTS_CREATE = (
    """
    CREATE VIRTUAL TABLE quote_fts USING fts5(
        search_text, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER quote_fts_ai AFTER INSERT ON quotes BEGIN
        INSERT INTO quote_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END
    """,
    """
    CREATE TRIGGER quote_fts_ad AFTER DELETE ON quotes BEGIN
        INSERT INTO quote_fts(quote_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    END
    """,
    """
    CREATE TRIGGER quote_fts_au AFTER UPDATE ON quotes BEGIN
        INSERT INTO quote_fts(quote_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        INSERT INTO quote_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END
    """,
    "INSERT INTO quote_fts(quote_fts) VALUES ('rebuild')",
)


def _replace_kind_check(condition: str) -> None:
    name = op.f("ck_quotes_kind")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(name, "quotes", type_="check")
        op.create_check_constraint(name, "quotes", condition)
        return
    for statement in SQLITE_FTS_DROP:
        op.execute(statement)
    with op.batch_alter_table("quotes", recreate="always", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_constraint(name, type_="check")
        batch.create_check_constraint(name, condition)
    for statement in SQLITE_FTS_CREATE:
        op.execute(statement)


def upgrade() -> None:
    _replace_kind_check(NEW_KINDS)


def downgrade() -> None:
    op.execute("UPDATE quotes SET kind = 'partial' WHERE kind = 'unclosed'")
    _replace_kind_check(OLD_KINDS)
