"""Index the manual attributions by quote: every read picks a quote's current attribution by asking
whether a manual one exists.

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-01

`quotes.db.repo.current_attribution` keeps a quote's parser attribution only when no manual one exists.
PostgreSQL answers that NOT EXISTS with one hashed pass over the manual attributions, which without an
index is a scan of every attribution: 0.25-0.3 s of the 0.3 s a page of a speaker's quotes took at
1,000,000 quotes, whatever the page. A partial index holds only the few manual attributions (a person's
corrections), so the pass reads those and the page takes 20-40 ms; on SQLite the same probe reads it.

(On the branch that adds it, this follows 0013; it is meant to follow search9's 0014 once both are merged.)
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MANUAL = sa.text("origin = 'manual'")


def upgrade() -> None:
    op.create_index(
        "ix_attributions_manual_quote_id",
        "attributions",
        ["quote_id"],
        unique=False,
        sqlite_where=MANUAL,
        postgresql_where=MANUAL,
    )


def downgrade() -> None:
    op.drop_index("ix_attributions_manual_quote_id", table_name="attributions")
