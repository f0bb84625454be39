"""Drop five single-column indexes that another index of the same table already leads with.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02

Each of these indexes holds the leading column of a wider index on the same table, which answers
every look-up by that column as well (SQLite and PostgreSQL both use a composite index for its leading
column), so they were only ever written: once for every quote, attribution, appearance, alias and role
that ingest stores, each on a page of its own.

    ix_quotes_article_id               <- uq_quotes_article_id_start_end
    ix_attributions_quote_id           <- uq_attributions_quote_id_origin
    ix_speaker_appearances_speaker_id  <- ix_speaker_appearances_speaker_id_name
    ix_speaker_aliases_speaker_id      <- uq_speaker_aliases_speaker_id_alias_article_id
    ix_speaker_roles_speaker_id        <- uq_speaker_roles_speaker_id_role_article_id

The foreign keys these columns carry stay checked through the wider index. Downgrade builds the five
again.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DROPPED = (  # (index, table, column)
    ("ix_quotes_article_id", "quotes", "article_id"),
    ("ix_attributions_quote_id", "attributions", "quote_id"),
    ("ix_speaker_appearances_speaker_id", "speaker_appearances", "speaker_id"),
    ("ix_speaker_aliases_speaker_id", "speaker_aliases", "speaker_id"),
    ("ix_speaker_roles_speaker_id", "speaker_roles", "speaker_id"),
)


def upgrade() -> None:
    for index, table, _column in DROPPED:
        op.drop_index(op.f(index), table_name=table)


def downgrade() -> None:
    for index, table, column in DROPPED:
        op.create_index(op.f(index), table, [column], unique=False)
