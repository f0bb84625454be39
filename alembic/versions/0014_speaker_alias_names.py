"""Search at a million quotes: each speaker's distinct aliases indexed, manual attributions indexed, and on
PostgreSQL the quote words stored as a tsvector column.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01

`speaker_aliases` holds an alias once per article that used it: the most quoted speaker has tens of
thousands of rows of the same few names, and a search for one of its words (`--search`, `--speaker`,
the terminal UI's `/`) read every one of them. `speaker_alias_names(id, speaker_id, alias_folded)`
holds each (speaker, folded alias) pair once, kept in step with `speaker_aliases` by triggers on both
backends, so no write path (ingest, corrections, rename/merge, reparse, consolidate) can forget it: a
pair is added when its first alias row is, and removed when its last one goes. Its full-text index is
the external-content FTS5 table `speaker_alias_name_fts` on SQLite (triggers `speaker_alias_name_fts_ai
/_ad`), a GIN expression index on PostgreSQL. A later batch alter of `speaker_aliases` on SQLite drops
the `speaker_alias_names_*` triggers and must create them again (as for `quote_fts`).

The table is not a model: nothing writes it but the triggers (alembic/env.py leaves tables that are
not models alone).

`ix_attributions_manual_quote_id`, a partial index of the manual attributions: "a quote's current
attribution" (its manual one, else the parser's) probes it per quote, or reads it whole (a few thousand
rows), instead of scanning every attribution for the manual ones.

PostgreSQL: `quotes.search_tsv`, a stored generated column `to_tsvector('simple', search_text)`, with
its GIN index `ix_quotes_search_tsv` in place of the expression index `ix_quotes_search_text_tsv`:
walking matches in id order, ranking them (ts_rank) and rechecking a bitmap read the stored words
instead of parsing each quote's text again (the generated column rewrites the table once: about a
minute at a million quotes). Not a model column: the database computes it (alembic/env.py leaves it
alone).
"""

from collections.abc import Sequence

from alembic import op

from quotes.db.fts import (
    MANUAL_ATTRIBUTIONS_INDEX,
    QUOTE_TSV_COLUMN,
    QUOTE_TSV_INDEX,
    SPEAKER_ALIAS_NAME_TSV_INDEX,
)

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = """
CREATE TABLE speaker_alias_names (
    id {id_type} PRIMARY KEY,
    speaker_id INTEGER NOT NULL,
    alias_folded TEXT NOT NULL,
    CONSTRAINT uq_speaker_alias_names_speaker_id_alias_folded UNIQUE (speaker_id, alias_folded)
)
"""
FILL = """
INSERT INTO speaker_alias_names (speaker_id, alias_folded)
SELECT DISTINCT speaker_id, alias_folded FROM speaker_aliases WHERE alias_folded IS NOT NULL
ORDER BY speaker_id, alias_folded
"""
# the pair goes when no alias row of the speaker has that folded alias any more
FORGET = """
DELETE FROM speaker_alias_names
WHERE speaker_id = {old}.speaker_id AND alias_folded = {old}.alias_folded AND NOT EXISTS (
    SELECT 1 FROM speaker_aliases
    WHERE speaker_aliases.speaker_id = {old}.speaker_id AND speaker_aliases.alias_folded = {old}.alias_folded
)
"""
REMEMBER = """
INSERT INTO speaker_alias_names (speaker_id, alias_folded)
SELECT {new}.speaker_id, {new}.alias_folded WHERE {new}.alias_folded IS NOT NULL
ON CONFLICT (speaker_id, alias_folded) DO NOTHING
"""

SQLITE_TRIGGERS = ("speaker_alias_names_ai", "speaker_alias_names_ad", "speaker_alias_names_au")
SQLITE_FTS = "speaker_alias_name_fts"
SQLITE_UP = (
    TABLE.format(id_type="INTEGER"),
    FILL,
    f"CREATE TRIGGER speaker_alias_names_ai AFTER INSERT ON speaker_aliases BEGIN {REMEMBER.format(new='new')}; END",
    f"CREATE TRIGGER speaker_alias_names_ad AFTER DELETE ON speaker_aliases BEGIN {FORGET.format(old='old')}; END",
    f"""CREATE TRIGGER speaker_alias_names_au AFTER UPDATE OF speaker_id, alias_folded ON speaker_aliases BEGIN
        {FORGET.format(old='old')}; {REMEMBER.format(new='new')};
    END""",
    f"""CREATE VIRTUAL TABLE {SQLITE_FTS} USING fts5(
        alias_folded, content='speaker_alias_names', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    )""",
    f"""CREATE TRIGGER {SQLITE_FTS}_ai AFTER INSERT ON speaker_alias_names BEGIN
        INSERT INTO {SQLITE_FTS}(rowid, alias_folded) VALUES (new.id, new.alias_folded);
    END""",
    f"""CREATE TRIGGER {SQLITE_FTS}_ad AFTER DELETE ON speaker_alias_names BEGIN
        INSERT INTO {SQLITE_FTS}({SQLITE_FTS}, rowid, alias_folded) VALUES ('delete', old.id, old.alias_folded);
    END""",
    f"INSERT INTO {SQLITE_FTS}({SQLITE_FTS}) VALUES ('rebuild')",
)
SQLITE_DOWN = (  # triggers first: dropping a table leaves its triggers behind
    *(f"DROP TRIGGER IF EXISTS {name}" for name in (*SQLITE_TRIGGERS, f"{SQLITE_FTS}_ai", f"{SQLITE_FTS}_ad")),
    f"DROP TABLE IF EXISTS {SQLITE_FTS}",
    "DROP TABLE IF EXISTS speaker_alias_names",
)

PG_UP = (
    TABLE.format(id_type="SERIAL"),
    FILL,
    f"""CREATE FUNCTION speaker_alias_names_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN {FORGET.format(old='OLD')}; END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN {REMEMBER.format(new='NEW')}; END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER speaker_alias_names_sync
    AFTER INSERT OR DELETE OR UPDATE OF speaker_id, alias_folded ON speaker_aliases
    FOR EACH ROW EXECUTE FUNCTION speaker_alias_names_sync()""",
    f"""CREATE INDEX {SPEAKER_ALIAS_NAME_TSV_INDEX} ON speaker_alias_names
    USING gin (to_tsvector('simple', alias_folded))""",
    "ANALYZE speaker_alias_names",
)
PG_DOWN = (
    "DROP TRIGGER IF EXISTS speaker_alias_names_sync ON speaker_aliases",
    "DROP FUNCTION IF EXISTS speaker_alias_names_sync()",
    "DROP TABLE IF EXISTS speaker_alias_names",
)


PG_QUOTE_WORDS_UP = (
    f"""ALTER TABLE quotes ADD COLUMN {QUOTE_TSV_COLUMN} tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED""",
    f"CREATE INDEX {QUOTE_TSV_INDEX} ON quotes USING gin ({QUOTE_TSV_COLUMN})",
    "DROP INDEX IF EXISTS ix_quotes_search_text_tsv",
    "ANALYZE quotes",
)
PG_QUOTE_WORDS_DOWN = (
    "CREATE INDEX ix_quotes_search_text_tsv ON quotes USING gin (to_tsvector('simple', search_text))",
    f"DROP INDEX IF EXISTS {QUOTE_TSV_INDEX}",
    f"ALTER TABLE quotes DROP COLUMN IF EXISTS {QUOTE_TSV_COLUMN}",
)
MANUAL_UP = f"CREATE INDEX {MANUAL_ATTRIBUTIONS_INDEX} ON attributions (quote_id) WHERE origin = 'manual'"
MANUAL_DOWN = f"DROP INDEX IF EXISTS {MANUAL_ATTRIBUTIONS_INDEX}"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    statements = SQLITE_UP if dialect == "sqlite" else (*PG_UP, *PG_QUOTE_WORDS_UP)
    for statement in (*statements, MANUAL_UP):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    statements = SQLITE_DOWN if dialect == "sqlite" else (*PG_DOWN, *PG_QUOTE_WORDS_DOWN)
    for statement in (MANUAL_DOWN, *statements):
        op.execute(statement)
