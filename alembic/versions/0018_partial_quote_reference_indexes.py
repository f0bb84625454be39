"""Index only the quotes that continue or sit inside another quote.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02

`ix_quotes_continues_id` and `ix_quotes_nested_in_id` held an entry for every quote, though nearly
every quote continues nothing and sits inside nothing (of the 2,121 quotes of the 195 PolNeAR dev
articles, 56 continue another and 56 are nested): ingest wrote two index pages per article for NULLs
that no look-up asks for. They become partial indexes of the non-NULL values. A look-up `WHERE
continues_id = ?` (the other pieces of a quotation, and the foreign keys' ON DELETE SET NULL when a
quote goes) implies IS NOT NULL, so SQLite and PostgreSQL both still answer it from the index.
Downgrade builds the full indexes again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | Sequence[str] | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("continues_id", "nested_in_id")


def upgrade() -> None:
    for column in COLUMNS:
        op.drop_index(f"ix_quotes_{column}", table_name="quotes")
        where = sa.text(f"{column} IS NOT NULL")
        op.create_index(f"ix_quotes_{column}", "quotes", [column], sqlite_where=where, postgresql_where=where)


def downgrade() -> None:
    for column in COLUMNS:
        op.drop_index(f"ix_quotes_{column}", table_name="quotes")
        op.create_index(f"ix_quotes_{column}", "quotes", [column])
