"""Keep a bounded summary per speaker, so ingest reads summaries instead of every appearance.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

`speaker_summaries` holds, per speaker, the names it went by, its roles with the dates they were seen,
its outlets and how many articles it appeared in (capped lists, as JSON), kept up to date one
appearance at a time. Speakers stored before this revision get their summary built from their
appearances the first time ingest needs it; `quotes speakers consolidate` merges the fragments that
earlier rules left.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "speaker_summaries",
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("appearances", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
            name=op.f("fk_speaker_summaries_speaker_id_speakers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("speaker_id", name=op.f("pk_speaker_summaries")),
    )


def downgrade() -> None:
    op.drop_table("speaker_summaries")
