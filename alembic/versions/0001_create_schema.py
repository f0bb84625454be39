"""Create articles, speakers, speaker aliases and roles, quotes, attributions, and quote full-text search.

Revision ID: 0001
Revises:
Create Date: 2026-11-22

Full-text search lives only here, not in the models: on SQLite an external-content FTS5 table `quote_fts`
kept in step with `quotes` by three triggers; on PostgreSQL a GIN index on to_tsvector('simple', text).
A later migration that batch-alters `quotes` on SQLite recreates that table, which drops the triggers:
such a migration must create them again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

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
SQLITE_FTS_DROP = (  # triggers first: dropping the table leaves its triggers behind
    "DROP TRIGGER IF EXISTS quote_fts_au",
    "DROP TRIGGER IF EXISTS quote_fts_ad",
    "DROP TRIGGER IF EXISTS quote_fts_ai",
    "DROP TABLE IF EXISTS quote_fts",
)
POSTGRESQL_FTS_CREATE = (
    "CREATE INDEX ix_quotes_text_tsv ON quotes USING gin (to_tsvector('simple', text))",
)
POSTGRESQL_FTS_DROP = ("DROP INDEX IF EXISTS ix_quotes_text_tsv",)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=1000), nullable=True),
        sa.Column("outlet", sa.String(length=200), nullable=True),
        sa.Column("url", sa.String(length=2048), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("language", sa.String(length=35), nullable=True),
        sa.Column("source_path", sa.String(length=4096), nullable=True),
        sa.Column("source_line", sa.Integer(), nullable=True),
        sa.Column("external_id", sa.String(length=500), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_articles_content_hash")),
    )
    op.create_table(
        "speakers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('person', 'group', 'organisation', 'unnamed')", name=op.f("ck_speakers_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speakers")),
    )
    op.create_index(op.f("ix_speakers_name"), "speakers", ["name"], unique=False)

    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("paragraph", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("group_number", sa.Integer(), nullable=False),
        sa.Column("continues_id", sa.Integer(), nullable=True),
        sa.Column("nested_in_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("kind IN ('speech', 'partial', 'term', 'nested')", name=op.f("ck_quotes_kind")),
        sa.CheckConstraint('start >= 0 AND "end" >= start', name=op.f("ck_quotes_offsets")),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_quotes_article_id_articles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["continues_id"], ["quotes.id"], name=op.f("fk_quotes_continues_id_quotes"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["nested_in_id"], ["quotes.id"], name=op.f("fk_quotes_nested_in_id_quotes"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotes")),
        sa.UniqueConstraint("article_id", "start", "end", name=op.f("uq_quotes_article_id_start_end")),
    )
    op.create_index(op.f("ix_quotes_article_id"), "quotes", ["article_id"], unique=False)
    op.create_index(op.f("ix_quotes_continues_id"), "quotes", ["continues_id"], unique=False)
    op.create_index(op.f("ix_quotes_nested_in_id"), "quotes", ["nested_in_id"], unique=False)

    op.create_table(
        "speaker_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.CheckConstraint("origin IN ('parser', 'manual')", name=op.f("ck_speaker_aliases_origin")),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_speaker_aliases_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
            name=op.f("fk_speaker_aliases_speaker_id_speakers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaker_aliases")),
        sa.UniqueConstraint(
            "speaker_id", "alias", "article_id", name=op.f("uq_speaker_aliases_speaker_id_alias_article_id")
        ),
    )
    op.create_index(op.f("ix_speaker_aliases_alias"), "speaker_aliases", ["alias"], unique=False)
    op.create_index(op.f("ix_speaker_aliases_article_id"), "speaker_aliases", ["article_id"], unique=False)
    op.create_index(op.f("ix_speaker_aliases_speaker_id"), "speaker_aliases", ["speaker_id"], unique=False)

    op.create_table(
        "speaker_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.CheckConstraint("origin IN ('parser', 'manual')", name=op.f("ck_speaker_roles_origin")),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_speaker_roles_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
            name=op.f("fk_speaker_roles_speaker_id_speakers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaker_roles")),
        sa.UniqueConstraint(
            "speaker_id", "role", "article_id", name=op.f("uq_speaker_roles_speaker_id_role_article_id")
        ),
    )
    op.create_index(op.f("ix_speaker_roles_article_id"), "speaker_roles", ["article_id"], unique=False)
    op.create_index(op.f("ix_speaker_roles_speaker_id"), "speaker_roles", ["speaker_id"], unique=False)

    op.create_table(
        "attributions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quote_id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=True),
        sa.Column("mention_text", sa.Text(), nullable=True),
        sa.Column("mention_start", sa.Integer(), nullable=True),
        sa.Column("mention_end", sa.Integer(), nullable=True),
        sa.Column("cue_text", sa.Text(), nullable=True),
        sa.Column("cue_start", sa.Integer(), nullable=True),
        sa.Column("cue_end", sa.Integer(), nullable=True),
        sa.Column("method", sa.String(length=32), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("origin IN ('parser', 'manual')", name=op.f("ck_attributions_origin")),
        sa.CheckConstraint("confidence >= 0 AND confidence <= 1", name=op.f("ck_attributions_confidence")),
        sa.ForeignKeyConstraint(
            ["quote_id"], ["quotes.id"], name=op.f("fk_attributions_quote_id_quotes"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["speakers.id"], name=op.f("fk_attributions_speaker_id_speakers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attributions")),
        sa.UniqueConstraint("quote_id", "origin", name=op.f("uq_attributions_quote_id_origin")),
    )
    op.create_index(op.f("ix_attributions_quote_id"), "attributions", ["quote_id"], unique=False)
    op.create_index(op.f("ix_attributions_speaker_id"), "attributions", ["speaker_id"], unique=False)

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_FTS_CREATE:
            op.execute(statement)
    elif dialect == "postgresql":
        for statement in POSTGRESQL_FTS_CREATE:
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_FTS_DROP:
            op.execute(statement)
    elif dialect == "postgresql":
        for statement in POSTGRESQL_FTS_DROP:
            op.execute(statement)

    op.drop_index(op.f("ix_attributions_speaker_id"), table_name="attributions")
    op.drop_index(op.f("ix_attributions_quote_id"), table_name="attributions")
    op.drop_table("attributions")
    op.drop_index(op.f("ix_speaker_roles_speaker_id"), table_name="speaker_roles")
    op.drop_index(op.f("ix_speaker_roles_article_id"), table_name="speaker_roles")
    op.drop_table("speaker_roles")
    op.drop_index(op.f("ix_speaker_aliases_speaker_id"), table_name="speaker_aliases")
    op.drop_index(op.f("ix_speaker_aliases_article_id"), table_name="speaker_aliases")
    op.drop_index(op.f("ix_speaker_aliases_alias"), table_name="speaker_aliases")
    op.drop_table("speaker_aliases")
    op.drop_index(op.f("ix_quotes_nested_in_id"), table_name="quotes")
    op.drop_index(op.f("ix_quotes_continues_id"), table_name="quotes")
    op.drop_index(op.f("ix_quotes_article_id"), table_name="quotes")
    op.drop_table("quotes")
    op.drop_index(op.f("ix_speakers_name"), table_name="speakers")
    op.drop_table("speakers")
    op.drop_table("articles")
