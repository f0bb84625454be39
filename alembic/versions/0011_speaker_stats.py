"""Keep each speaker's quote and article counts, and index a speaker's quotes in stored order.

Revision ID: 0011
Revises: 0008
Create Date: 2026-12-01

`speaker_stats` (one row per speaker) and `speaker_article_stats` (one row per speaker and article) hold
counts of current attributions, kept in step by `quotes.db.stats` wherever attributions change, so listing
speakers by count stays fast at a million quotes. The upgrade counts what is already stored.
`ix_attributions_speaker_id_quote_id` replaces the index on `speaker_id` alone;
`ix_speaker_appearances_speaker_id_name` lets speaker lists read the names articles gave from the index.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# current attribution: the manual one if the quote has one, else the parser's (quotes.db.repo)
_COUNT_PER_ARTICLE = """
INSERT INTO speaker_article_stats (speaker_id, article_id, quotes, speech)
SELECT a.speaker_id, q.article_id, count(*), sum(CASE WHEN q.kind = 'speech' THEN 1 ELSE 0 END)
FROM attributions a JOIN quotes q ON q.id = a.quote_id
WHERE a.speaker_id IS NOT NULL
  AND (a.origin = 'manual' OR NOT EXISTS (
       SELECT 1 FROM attributions m WHERE m.quote_id = a.quote_id AND m.origin = 'manual'))
GROUP BY a.speaker_id, q.article_id
"""
_SUM_PER_SPEAKER = """
INSERT INTO speaker_stats (speaker_id, quotes, speech, articles)
SELECT speaker_id, sum(quotes), sum(speech), count(*) FROM speaker_article_stats GROUP BY speaker_id
"""


def upgrade() -> None:
    op.create_table(
        "speaker_stats",
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("quotes", sa.Integer(), nullable=False),
        sa.Column("speech", sa.Integer(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["speakers.id"], name=op.f("fk_speaker_stats_speaker_id_speakers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("speaker_id", name=op.f("pk_speaker_stats")),
    )
    op.create_index(op.f("ix_speaker_stats_quotes"), "speaker_stats", ["quotes"], unique=False)
    op.create_table(
        "speaker_article_stats",
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("quotes", sa.Integer(), nullable=False),
        sa.Column("speech", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_speaker_article_stats_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
            name=op.f("fk_speaker_article_stats_speaker_id_speakers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("speaker_id", "article_id", name=op.f("pk_speaker_article_stats")),
    )
    op.create_index(
        op.f("ix_speaker_article_stats_article_id"), "speaker_article_stats", ["article_id"], unique=False
    )
    op.create_index(
        "ix_attributions_speaker_id_quote_id", "attributions", ["speaker_id", "quote_id"], unique=False
    )
    op.drop_index(op.f("ix_attributions_speaker_id"), table_name="attributions")
    op.create_index(
        "ix_speaker_appearances_speaker_id_name", "speaker_appearances", ["speaker_id", "name"], unique=False
    )
    op.execute(_COUNT_PER_ARTICLE)
    op.execute(_SUM_PER_SPEAKER)


def downgrade() -> None:
    op.drop_index("ix_speaker_appearances_speaker_id_name", table_name="speaker_appearances")
    op.create_index(op.f("ix_attributions_speaker_id"), "attributions", ["speaker_id"], unique=False)
    op.drop_index("ix_attributions_speaker_id_quote_id", table_name="attributions")
    op.drop_index(op.f("ix_speaker_article_stats_article_id"), table_name="speaker_article_stats")
    op.drop_table("speaker_article_stats")
    op.drop_index(op.f("ix_speaker_stats_quotes"), table_name="speaker_stats")
    op.drop_table("speaker_stats")
