"""Store the parser's warnings per article.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22

`parse_warnings` keeps what the parser flagged while reading an article (an unclosed or stray quotation
mark, a quote nested too deep), with the offsets of the mark, so a user can see why a quote stops where
it does. Articles ingested before this revision have none until `quotes reparse` reads them again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "parse_warnings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.CheckConstraint('start >= 0 AND "end" >= start', name=op.f("ck_parse_warnings_offsets")),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_parse_warnings_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parse_warnings")),
    )
    op.create_index(op.f("ix_parse_warnings_article_id"), "parse_warnings", ["article_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_parse_warnings_article_id"), table_name="parse_warnings")
    op.drop_table("parse_warnings")
