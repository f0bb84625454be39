"""Speaker names compared folded and stored in NFC; search words without zero-width characters.

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-01

`speakers.name_folded` and `speaker_aliases.alias_folded` hold `quotes.db.fts.fold_for_search` of the
name (case, accents, apostrophe kinds, zero-width and bidi characters folded away), so that
`--speaker`, `speakers show` and searches compare names without reading them into Python. The ORM
(`validates`) and column defaults (Core inserts) keep them in step with every write. A B-tree index
on each serves whole-name lookups; a full-text index on each serves word lookups (`--speaker okafor`,
`--search okafor`): on SQLite the external-content FTS5 tables `speaker_fts` and `speaker_alias_fts`
with their triggers (a later batch alter of `speakers` or `speaker_aliases` drops the triggers and
must create them again, as for `quote_fts`), on PostgreSQL GIN expression indexes.

Names, aliases and the names articles gave are rewritten in NFC, which every write now stores, so a name
typed in decomposed Unicode is not a second alias; where the NFC form collides with a row that already
has it, the duplicate alias goes and a duplicate appearance gets the next ordinal.

Quotes whose text holds a zero-width or bidi character get their search words again: those characters
used to split a word in two and are now dropped (`quotes.folding.fold_characters`).
"""

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from quotes.db.fts import SPEAKER_ALIAS_TSV_INDEX, SPEAKER_NAME_TSV_INDEX, fold_for_search
from quotes.folding import IGNORABLE_EXAMPLES

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 5000

speakers = sa.table(
    "speakers", sa.column("id", sa.Integer), sa.column("name", sa.Text), sa.column("name_folded", sa.Text)
)
aliases = sa.table(
    "speaker_aliases",
    sa.column("id", sa.Integer),
    sa.column("speaker_id", sa.Integer),
    sa.column("alias", sa.Text),
    sa.column("article_id", sa.Integer),
    sa.column("alias_folded", sa.Text),
)
appearances = sa.table(
    "speaker_appearances",
    sa.column("id", sa.Integer),
    sa.column("article_id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("name", sa.Text),
    sa.column("ordinal", sa.Integer),
)
quotes = sa.table(
    "quotes", sa.column("id", sa.Integer), sa.column("text", sa.Text), sa.column("search_text", sa.Text)
)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _batches(table: sa.TableClause, *columns: str, where: sa.ColumnElement[bool] | None = None) -> list[list[sa.Row]]:
    """Every row of `table` (id first, then `columns`), read in id order a batch at a time."""
    bind = op.get_bind()
    found: list[list[sa.Row]] = []
    last_id = 0
    while True:
        statement = sa.select(table.c.id, *(table.c[c] for c in columns)).where(table.c.id > last_id)
        if where is not None:
            statement = statement.where(where)
        rows = list(bind.execute(statement.order_by(table.c.id).limit(BATCH)))
        if not rows:
            return found
        found.append(rows)
        last_id = rows[-1][0]


def _update(table: sa.TableClause, values: dict[str, str], rows: list[dict[str, object]]) -> None:
    if rows:
        statement = sa.update(table).where(table.c.id == sa.bindparam("row_id"))
        op.get_bind().execute(statement.values({k: sa.bindparam(v) for k, v in values.items()}), rows)


def _fill_speakers() -> None:
    for rows in _batches(speakers, "name"):
        _update(
            speakers,
            {"name": "nfc", "name_folded": "folded"},
            [{"row_id": i, "nfc": _nfc(name), "folded": fold_for_search(name)} for i, name in rows],
        )


def _fill_aliases() -> None:
    bind = op.get_bind()
    for rows in _batches(aliases, "speaker_id", "alias", "article_id"):
        keep: list[dict[str, object]] = []
        for row_id, speaker_id, alias, article_id in rows:
            nfc = _nfc(alias)
            if nfc != alias and bind.execute(
                sa.select(aliases.c.id).where(
                    aliases.c.speaker_id == speaker_id,
                    aliases.c.alias == nfc,
                    aliases.c.article_id.is_(None) if article_id is None else aliases.c.article_id == article_id,
                )
            ).first():
                bind.execute(sa.delete(aliases).where(aliases.c.id == row_id))
                continue
            keep.append({"row_id": row_id, "nfc": nfc, "folded": fold_for_search(alias)})
        _update(aliases, {"alias": "nfc", "alias_folded": "folded"}, keep)


def _nfc_appearances() -> None:
    bind = op.get_bind()
    for rows in _batches(appearances, "article_id", "kind", "name", "ordinal"):
        for row_id, article_id, kind, name, ordinal in rows:
            nfc = _nfc(name)
            if nfc == name:
                continue
            same_slot = (appearances.c.article_id == article_id, appearances.c.kind == kind, appearances.c.name == nfc)
            if bind.execute(sa.select(appearances.c.id).where(*same_slot, appearances.c.ordinal == ordinal)).first():
                taken = bind.execute(sa.select(sa.func.max(appearances.c.ordinal)).where(*same_slot)).scalar_one()
                ordinal = taken + 1
            bind.execute(sa.update(appearances).where(appearances.c.id == row_id).values(name=nfc, ordinal=ordinal))


def _refold_quotes() -> None:
    """Search words again for quotes holding a character that used to split a word."""
    holds = sa.or_(*(quotes.c.text.contains(char, autoescape=True) for char in IGNORABLE_EXAMPLES))
    for rows in _batches(quotes, "text", "search_text", where=holds):
        changed = [(i, fold_for_search(text)) for i, text, old in rows]
        _update(
            quotes,
            {"search_text": "folded"},
            [{"row_id": i, "folded": folded} for (i, folded), row in zip(changed, rows, strict=True) if folded != row[2]],
        )


SQLITE_NAME_INDEXES = (("speaker_fts", "speakers", "name_folded"), ("speaker_alias_fts", "speaker_aliases", "alias_folded"))


def _sqlite_fts_create(fts: str, table: str, column: str) -> tuple[str, ...]:
    return (
        f"""
        CREATE VIRTUAL TABLE {fts} USING fts5(
            {column}, content='{table}', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
        )
        """,
        f"""
        CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN
            INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column});
        END
        """,
        f"""
        CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN
            INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column});
        END
        """,
        f"""
        CREATE TRIGGER {fts}_au AFTER UPDATE OF {column} ON {table} BEGIN
            INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column});
            INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column});
        END
        """,
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    )


def _sqlite_fts_drop(fts: str) -> tuple[str, ...]:
    # triggers first: dropping the table leaves its triggers behind
    return (*(f"DROP TRIGGER IF EXISTS {fts}_{suffix}" for suffix in ("au", "ad", "ai")), f"DROP TABLE IF EXISTS {fts}")


def upgrade() -> None:
    op.add_column("speakers", sa.Column("name_folded", sa.Text(), nullable=True))
    op.add_column("speaker_aliases", sa.Column("alias_folded", sa.Text(), nullable=True))
    _fill_speakers()
    _fill_aliases()
    _nfc_appearances()
    _refold_quotes()
    op.create_index(op.f("ix_speakers_name_folded"), "speakers", ["name_folded"], unique=False)
    op.create_index(op.f("ix_speaker_aliases_alias_folded"), "speaker_aliases", ["alias_folded"], unique=False)
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for fts, table, column in SQLITE_NAME_INDEXES:
            for statement in _sqlite_fts_create(fts, table, column):
                op.execute(statement)
    elif dialect == "postgresql":
        op.execute(f"CREATE INDEX {SPEAKER_NAME_TSV_INDEX} ON speakers USING gin (to_tsvector('simple', name_folded))")
        op.execute(
            f"CREATE INDEX {SPEAKER_ALIAS_TSV_INDEX} ON speaker_aliases USING gin (to_tsvector('simple', alias_folded))"
        )


def downgrade() -> None:
    # NFC names and the refolded search words stay: both are what the older code would store too
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for fts, _table, _column in SQLITE_NAME_INDEXES:
            for statement in _sqlite_fts_drop(fts):
                op.execute(statement)
    elif dialect == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {SPEAKER_ALIAS_TSV_INDEX}")
        op.execute(f"DROP INDEX IF EXISTS {SPEAKER_NAME_TSV_INDEX}")
    op.drop_index(op.f("ix_speaker_aliases_alias_folded"), table_name="speaker_aliases")
    op.drop_index(op.f("ix_speakers_name_folded"), table_name="speakers")
    if op.get_bind().dialect.name == "sqlite":  # SQLite >= 3.35 drops a column without a table rebuild
        op.execute("ALTER TABLE speaker_aliases DROP COLUMN alias_folded")
        op.execute("ALTER TABLE speakers DROP COLUMN name_folded")
    else:
        op.drop_column("speaker_aliases", "alias_folded")
        op.drop_column("speakers", "name_folded")
