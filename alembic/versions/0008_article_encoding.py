"""Record each article's encoding and author.

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-01

`articles.encoding` is the codec the article's bytes were read with ("utf-8", "utf-16-le", "cp1252"...),
detected or forced with `quotes ingest --encoding`; `articles.author` is the byline a news page, a
JSONL record or Markdown front matter gives. Both are NULL for articles stored before this revision.
Adding a nullable column needs no table rebuild on SQLite; dropping one rebuilds `articles` (no
full-text triggers live on it).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("encoding", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("author", sa.String(length=500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("author")
        batch.drop_column("encoding")
