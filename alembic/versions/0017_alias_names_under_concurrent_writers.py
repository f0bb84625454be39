"""PostgreSQL: a speaker's distinct alias is not lost when one transaction removes its last alias row while
another adds one.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02

Migration 0014's trigger keeps `speaker_alias_names` (each speaker's distinct folded aliases) in step with
`speaker_aliases`: it forgets a pair when no alias row holds it any more, and remembers it with
`INSERT ... ON CONFLICT DO NOTHING`. Under READ COMMITTED two writers could interleave so the pair was
lost for good: writer A adds an alias row while the pair exists (nothing to insert), writer B deletes the
pair's other last row (a correction, a reparse) and, not seeing A's uncommitted row, deletes the pair.
Both commit: the alias row has no pair, and a search for that name never finds the speaker again.

Now the pair row is the lock both sides meet on:
- remembering inserts the pair, or else takes a `FOR KEY SHARE` lock on it (writers that add the same
  alias never wait for each other), and inserts again if a deleter removed it meanwhile;
- forgetting first locks the pair `FOR UPDATE` (so it waits for every writer that holds it), then
  deletes it in a new statement, whose new snapshot sees the rows those writers committed.
A PL/pgSQL statement takes a new snapshot under READ COMMITTED, which is what makes the second step see
the first's waits. Row locks live in the rows, not in the shared lock table, so a merge that moves
thousands of aliases in one transaction cannot run out of lock slots (as advisory locks could).

SQLite needs none of this: its writers take the database lock up front (BEGIN IMMEDIATE), one at a
time; its triggers stay as 0014 made them. The upgrade also repairs any pair the old trigger lost (and
removes any stray one) on PostgreSQL. Downgrade puts 0014's trigger function back.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | Sequence[str] | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PAIR = "speaker_id = {row}.speaker_id AND alias_folded = {row}.alias_folded"
FORGET = f"""
        PERFORM 1 FROM speaker_alias_names WHERE {PAIR.format(row="OLD")} FOR UPDATE;
        DELETE FROM speaker_alias_names
        WHERE {PAIR.format(row="OLD")} AND NOT EXISTS (
            SELECT 1 FROM speaker_aliases
            WHERE speaker_aliases.speaker_id = OLD.speaker_id AND speaker_aliases.alias_folded = OLD.alias_folded
        );"""
REMEMBER = f"""
        LOOP
            INSERT INTO speaker_alias_names (speaker_id, alias_folded) VALUES (NEW.speaker_id, NEW.alias_folded)
            ON CONFLICT (speaker_id, alias_folded) DO NOTHING;
            EXIT WHEN FOUND;
            PERFORM 1 FROM speaker_alias_names WHERE {PAIR.format(row="NEW")} FOR KEY SHARE;
            EXIT WHEN FOUND;
        END LOOP;"""
PG_FUNCTION = f"""CREATE OR REPLACE FUNCTION speaker_alias_names_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN {FORGET}
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.alias_folded IS NOT NULL THEN {REMEMBER}
        END IF;
        RETURN NULL;
    END $$"""
PG_REPAIR = (
    """INSERT INTO speaker_alias_names (speaker_id, alias_folded)
    SELECT DISTINCT speaker_id, alias_folded FROM speaker_aliases WHERE alias_folded IS NOT NULL
    ON CONFLICT (speaker_id, alias_folded) DO NOTHING""",
    """DELETE FROM speaker_alias_names WHERE NOT EXISTS (
        SELECT 1 FROM speaker_aliases
        WHERE speaker_aliases.speaker_id = speaker_alias_names.speaker_id
        AND speaker_aliases.alias_folded = speaker_alias_names.alias_folded
    )""",
)
# 0014's function, as it was
PG_FUNCTION_0014 = """CREATE OR REPLACE FUNCTION speaker_alias_names_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            DELETE FROM speaker_alias_names
            WHERE speaker_id = OLD.speaker_id AND alias_folded = OLD.alias_folded AND NOT EXISTS (
                SELECT 1 FROM speaker_aliases
                WHERE speaker_aliases.speaker_id = OLD.speaker_id AND speaker_aliases.alias_folded = OLD.alias_folded
            );
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO speaker_alias_names (speaker_id, alias_folded)
            SELECT NEW.speaker_id, NEW.alias_folded WHERE NEW.alias_folded IS NOT NULL
            ON CONFLICT (speaker_id, alias_folded) DO NOTHING;
        END IF;
        RETURN NULL;
    END $$"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        for statement in PG_REPAIR:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION_0014)
