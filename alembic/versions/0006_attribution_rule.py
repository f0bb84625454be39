"""Store the parser's attribution rule, and a speaker withheld under the confidence threshold.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

`attributions.rule` names the rule that found the speaker (quotes/parse/RULES.md), so a user can see
why a quote has the speaker it has. `attributions.withheld_name` keeps the speaker the parser found but
held back because its confidence was under the threshold (`--min-confidence`): the quote is stored
unresolved, and the name is a candidate for a person to confirm. Rows stored before this revision have
neither until `quotes reparse` reads their article again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # ADD COLUMN of a nullable column needs no table rebuild on SQLite, so no trigger is dropped
    op.add_column("attributions", sa.Column("rule", sa.String(length=32), nullable=True))
    op.add_column("attributions", sa.Column("withheld_name", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("attributions") as batch:
        batch.drop_column("withheld_name")
        batch.drop_column("rule")
