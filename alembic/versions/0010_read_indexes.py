"""The decision log accepts the speaker flag corrections; indexes the terminal UI's reads need.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01

`quotes.db.speaker_flags` logs "anonymous" (the flag set by hand, which `quotes reparse` then leaves
alone) and "kind" decisions beside the other corrections. Lists of articles sort by date
(publication, else ingest) or title: indexes on those columns let SQLite order 100,000 articles without
reading each article's text (which precedes `ingested_at` in the row).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTIONS_BEFORE = "action IN ('merge', 'split', 'rename', 'reassign', 'distinct')"
ACTIONS_AFTER = "action IN ('merge', 'split', 'rename', 'reassign', 'distinct', 'anonymous', 'kind')"


def upgrade() -> None:
    op.create_index(op.f("ix_articles_day"), "articles", ["published", "ingested_at"], unique=False)
    op.create_index(op.f("ix_articles_title"), "articles", ["title"], unique=False)
    with op.batch_alter_table("speaker_decisions") as batch_op:
        batch_op.drop_constraint(op.f("ck_speaker_decisions_action"), type_="check")
        batch_op.create_check_constraint(op.f("ck_speaker_decisions_action"), ACTIONS_AFTER)


def downgrade() -> None:
    op.drop_index(op.f("ix_articles_title"), table_name="articles")
    op.drop_index(op.f("ix_articles_day"), table_name="articles")
    op.execute("DELETE FROM speaker_decisions WHERE action IN ('anonymous', 'kind')")
    with op.batch_alter_table("speaker_decisions") as batch_op:
        batch_op.drop_constraint(op.f("ck_speaker_decisions_action"), type_="check")
        batch_op.create_check_constraint(op.f("ck_speaker_decisions_action"), ACTIONS_BEFORE)
