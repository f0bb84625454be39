"""Add speaker keys, appearances, distinct pairs and the log of manual decisions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

`speakers` gains `name_origin` (manual once a person renames it) and, on SQLite, AUTOINCREMENT ids.
`speaker_keys` holds the name keys an entity is found by at ingest; `speaker_appearances` links each
article's speaker to its entity with the rule that decided it; `distinct_speakers` holds pairs a person
said are different people; `speaker_decisions` logs every manual correction. Databases ingested before
this revision have no keys or appearances: `quotes reparse` resolves their speakers again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ORIGIN_CHECK = "origin IN ('parser', 'manual')"


def upgrade() -> None:
    # rebuilt with AUTOINCREMENT on SQLite, so the id of a merged-away speaker is never given again
    with op.batch_alter_table(
        "speakers", recreate="auto", table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.add_column(
            sa.Column("name_origin", sa.String(length=16), server_default="parser", nullable=False)
        )
        batch_op.create_check_constraint(
            op.f("ck_speakers_name_origin"), "name_origin IN ('parser', 'manual')"
        )

    op.create_table(
        "speaker_keys",
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
            name=op.f("fk_speaker_keys_speaker_id_speakers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("speaker_id", "key", name=op.f("pk_speaker_keys")),
    )
    op.create_index(op.f("ix_speaker_keys_key"), "speaker_keys", ["key"], unique=False)

    op.create_table(
        "speaker_appearances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("rule", sa.String(length=40), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('person', 'group', 'organisation', 'unnamed')", name=op.f("ck_speaker_appearances_kind")
        ),
        sa.CheckConstraint(ORIGIN_CHECK, name=op.f("ck_speaker_appearances_origin")),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_speaker_appearances_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
            name=op.f("fk_speaker_appearances_speaker_id_speakers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaker_appearances")),
        sa.UniqueConstraint(
            "article_id",
            "kind",
            "name",
            "ordinal",
            name=op.f("uq_speaker_appearances_article_id_kind_name_ordinal"),
        ),
    )
    op.create_index(
        op.f("ix_speaker_appearances_article_id"), "speaker_appearances", ["article_id"], unique=False
    )
    op.create_index(
        op.f("ix_speaker_appearances_speaker_id"), "speaker_appearances", ["speaker_id"], unique=False
    )

    op.create_table(
        "distinct_speakers",
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("first_id < second_id", name=op.f("ck_distinct_speakers_ordered")),
        sa.CheckConstraint(ORIGIN_CHECK, name=op.f("ck_distinct_speakers_origin")),
        sa.ForeignKeyConstraint(
            ["first_id"],
            ["speakers.id"],
            name=op.f("fk_distinct_speakers_first_id_speakers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["second_id"],
            ["speakers.id"],
            name=op.f("fk_distinct_speakers_second_id_speakers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("first_id", "second_id", name=op.f("pk_distinct_speakers")),
    )
    op.create_index(op.f("ix_distinct_speakers_second_id"), "distinct_speakers", ["second_id"], unique=False)

    op.create_table(
        "speaker_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=True),
        sa.Column("other_speaker_id", sa.Integer(), nullable=True),
        sa.Column("quote_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "action IN ('merge', 'split', 'rename', 'reassign', 'distinct')",
            name=op.f("ck_speaker_decisions_action"),
        ),
        sa.CheckConstraint(ORIGIN_CHECK, name=op.f("ck_speaker_decisions_origin")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaker_decisions")),
    )
    op.create_index(
        op.f("ix_speaker_decisions_speaker_id"), "speaker_decisions", ["speaker_id"], unique=False
    )
    op.create_index(
        op.f("ix_speaker_decisions_other_speaker_id"), "speaker_decisions", ["other_speaker_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_speaker_decisions_other_speaker_id"), table_name="speaker_decisions")
    op.drop_index(op.f("ix_speaker_decisions_speaker_id"), table_name="speaker_decisions")
    op.drop_table("speaker_decisions")
    op.drop_index(op.f("ix_distinct_speakers_second_id"), table_name="distinct_speakers")
    op.drop_table("distinct_speakers")
    op.drop_index(op.f("ix_speaker_appearances_speaker_id"), table_name="speaker_appearances")
    op.drop_index(op.f("ix_speaker_appearances_article_id"), table_name="speaker_appearances")
    op.drop_table("speaker_appearances")
    op.drop_index(op.f("ix_speaker_keys_key"), table_name="speaker_keys")
    op.drop_table("speaker_keys")
    with op.batch_alter_table("speakers") as batch_op:
        batch_op.drop_constraint(op.f("ck_speakers_name_origin"), type_="check")
        batch_op.drop_column("name_origin")
