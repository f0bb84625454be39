"""Full-text search over quote text: FTS5 on SQLite, a tsvector GIN index on PostgreSQL.

The index objects exist only in migrations (alembic/versions/0001): `quote_fts`, an external-content FTS5
table kept in step by the triggers `quote_fts_ai/_ad/_au`, and `ix_quotes_text_tsv`, a GIN index on
`to_tsvector('simple', text)`. This is the only module that branches on the dialect. Both sides match
whole words, case-insensitively, with no stemming.
"""

from __future__ import annotations

import regex
from sqlalchemy import (
    Column,
    ColumnElement,
    Float,
    Integer,
    MetaData,
    Select,
    Subquery,
    Table,
    Text,
    func,
    literal_column,
    select,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from quotes.db.models import Quote

MIGRATION_ONLY_INDEXES = frozenset({"ix_quotes_text_tsv"})
PG_TEXT_SEARCH_CONFIG = "simple"

_fts_metadata = MetaData()  # never Base.metadata: the virtual table is not a model
quote_fts = Table(
    "quote_fts",
    _fts_metadata,
    Column("rowid", Integer),
    Column("text", Text),
    Column("rank", Float),
)

_WORD = regex.compile(r"\w")


class SearchSyntaxError(ValueError):
    """A raw full-text query the database could not parse."""


def fts5_query(user_input: str) -> str | None:
    """Quote each whitespace-separated token so user input is never FTS5 syntax; None if no words."""
    tokens = [token for token in user_input.split() if _WORD.search(token)]
    if not tokens:
        return None
    return " ".join('"' + token.replace('"', '""') + '"' for token in tokens)


def matching_quotes(session: Session, q: str, *, raw: bool = False) -> Subquery | None:
    """A subquery of (quote_id, score) for quotes whose text matches `q`; lower score is better.

    Returns None when `q` holds no searchable word, so callers can return no rows.
    """
    dialect = session.get_bind().dialect.name
    query: Select[tuple[int, float]]
    if dialect == "sqlite":
        expression = q if raw else fts5_query(q)
        if not expression:
            return None
        query = select(
            quote_fts.c.rowid.label("quote_id"), quote_fts.c.rank.label("score")
        ).where(literal_column("quote_fts").op("MATCH")(expression))
    elif dialect == "postgresql":
        if not q.strip():
            return None
        config: ColumnElement[str] = literal_column(f"'{PG_TEXT_SEARCH_CONFIG}'")
        tsquery = (func.to_tsquery if raw else func.websearch_to_tsquery)(config, q)
        document = func.to_tsvector(config, Quote.text)
        query = select(
            Quote.id.label("quote_id"), (-func.ts_rank(document, tsquery)).label("score")
        ).where(document.op("@@")(tsquery))
    else:
        raise NotImplementedError(f"full-text search is not available on {dialect}")
    return query.subquery("fts_match")


def search_quotes(session: Session, q: str, *, raw: bool = False) -> list[int]:
    """Ids of quotes matching `q`, best match first."""
    matches = matching_quotes(session, q, raw=raw)
    if matches is None:
        return []
    statement = select(matches.c.quote_id).order_by(matches.c.score, matches.c.quote_id)
    try:
        return list(session.scalars(statement))
    except DBAPIError as error:
        if raw:
            raise SearchSyntaxError(f"cannot parse search {q!r}: {error}") from error
        raise
