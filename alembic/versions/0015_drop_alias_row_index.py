"""Drop the full-text index of every alias row, which nothing reads since 0014.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02

Migration 0013 indexed `speaker_aliases.alias_folded` for word search (the FTS5 table `speaker_alias_fts`
with triggers `speaker_alias_fts_ai/_ad/_au` on SQLite, the GIN expression index
`ix_speaker_aliases_alias_folded_tsv` on PostgreSQL). Since 0014 search reads each speaker's distinct
aliases from `speaker_alias_names` and its own index instead, so the per-row index was only written:
once for every alias row ingest stores (an alias per speaker per article), and kept on disk. The plain
b-tree `ix_speaker_aliases_alias_folded` (exact look-ups by corrections and checks) stays.

Downgrade builds the index again from the rows.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_FTS = "speaker_alias_fts"
PG_INDEX = "ix_speaker_aliases_alias_folded_tsv"

SQLITE_UP = (  # triggers first: dropping the table leaves its triggers behind
    *(f"DROP TRIGGER IF EXISTS {SQLITE_FTS}_{event}" for event in ("au", "ad", "ai")),
    f"DROP TABLE IF EXISTS {SQLITE_FTS}",
)
SQLITE_DOWN = (  # as 0013 made it
    f"""CREATE VIRTUAL TABLE {SQLITE_FTS} USING fts5(
        alias_folded, content='speaker_aliases', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    )""",
    f"""CREATE TRIGGER {SQLITE_FTS}_ai AFTER INSERT ON speaker_aliases BEGIN
        INSERT INTO {SQLITE_FTS}(rowid, alias_folded) VALUES (new.id, new.alias_folded);
    END""",
    f"""CREATE TRIGGER {SQLITE_FTS}_ad AFTER DELETE ON speaker_aliases BEGIN
        INSERT INTO {SQLITE_FTS}({SQLITE_FTS}, rowid, alias_folded) VALUES ('delete', old.id, old.alias_folded);
    END""",
    f"""CREATE TRIGGER {SQLITE_FTS}_au AFTER UPDATE OF alias_folded ON speaker_aliases BEGIN
        INSERT INTO {SQLITE_FTS}({SQLITE_FTS}, rowid, alias_folded) VALUES ('delete', old.id, old.alias_folded);
        INSERT INTO {SQLITE_FTS}(rowid, alias_folded) VALUES (new.id, new.alias_folded);
    END""",
    f"INSERT INTO {SQLITE_FTS}({SQLITE_FTS}) VALUES ('rebuild')",
)
PG_UP = (f"DROP INDEX IF EXISTS {PG_INDEX}",)
PG_DOWN = (f"CREATE INDEX {PG_INDEX} ON speaker_aliases USING gin (to_tsvector('simple', alias_folded))",)


def _run(sqlite: Sequence[str], postgresql: Sequence[str]) -> None:
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": sqlite, "postgresql": postgresql}.get(dialect, ()):
        op.execute(statement)


def upgrade() -> None:
    _run(SQLITE_UP, PG_UP)


def downgrade() -> None:
    _run(SQLITE_DOWN, PG_DOWN)
