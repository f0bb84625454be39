"""Word lookups over the full-text indexes for attribution checks (quotes/check, through
quotes.db.check_views) and article text search (migration 0009): ids only, capped, no ranking of the
whole match set. The search language itself is quotes.db.fts and quotes.db.search."""

from __future__ import annotations

import regex
from sqlalchemy import Column, ColumnElement, Float, Integer, MetaData, Table, func, literal_column, select
from sqlalchemy.orm import Session

from quotes.db.fts import PG_TEXT_SEARCH_CONFIG, fold_for_search, quote_fts, quote_words
from quotes.db.models import Article, Attribution, Quote

_WORD = regex.compile(r"\w")  # a token with something searchable in it

ARTICLE_TEXT_SEARCH_CONFIG = "simple"
ARTICLE_TSV_CHARS = 500_000  # PostgreSQL indexes an article's first 500,000 characters (tsvector limit)
article_fts = Table("article_fts", MetaData(), Column("rowid", Integer), Column("rank", Float))


def _phrases(words: tuple[str, ...]) -> list[str]:
    """Each word as an FTS5 phrase: its own tokens, quoted, so a word is never query syntax."""
    return ['"' + word.replace('"', '""') + '"' for word in words if _WORD.search(word)]


def quotes_with_words(
    session: Session, words: tuple[str, ...], *, every: bool = True, limit: int = 100
) -> list[int]:
    """Ids of up to `limit` quotes holding every one of `words` (or, with every=False, the quotes holding
    the most of them, best first). Whole words, case ignored."""
    phrases = _phrases(words)
    if not phrases:
        return []
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        expression = (" AND " if every else " OR ").join(phrases)
        statement = select(quote_fts.c.rowid).where(literal_column("quote_fts").op("MATCH")(expression))
        if not every:
            statement = statement.order_by(quote_fts.c.rank)
        return list(session.scalars(statement.limit(limit)))
    if dialect == "postgresql":
        config: ColumnElement[str] = literal_column(f"'{PG_TEXT_SEARCH_CONFIG}'")
        queries = [func.plainto_tsquery(config, fold_for_search(word)) for word in words if _WORD.search(word)]
        tsquery: ColumnElement[object] = queries[0]
        for query in queries[1:]:
            tsquery = tsquery.op("&&" if every else "||")(query)
        document = quote_words()
        pg_statement = select(Quote.id).where(document.op("@@")(tsquery))
        if not every:
            pg_statement = pg_statement.order_by(func.ts_rank(document, tsquery).desc())
        return list(session.scalars(pg_statement.limit(limit)))
    raise NotImplementedError(f"full-text search is not available on {dialect}")


def articles_with_phrases(session: Session, phrases: tuple[str, ...], *, limit: int = 20) -> list[int]:
    """Ids of up to `limit` articles whose text holds every phrase (its words in a row), narration
    included."""

    quoted = _phrases(phrases)
    if not quoted:
        return []
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        statement = select(article_fts.c.rowid).where(
            literal_column("article_fts").op("MATCH")(" AND ".join(quoted))
        )
        return list(session.scalars(statement.limit(limit)))
    if dialect == "postgresql":
        config: ColumnElement[str] = literal_column(f"'{ARTICLE_TEXT_SEARCH_CONFIG}'")
        document = func.to_tsvector(config, func.left(Article.text, ARTICLE_TSV_CHARS))
        queries = [func.phraseto_tsquery(config, phrase) for phrase in phrases if _WORD.search(phrase)]
        tsquery: ColumnElement[object] = queries[0]
        for query in queries[1:]:
            tsquery = tsquery.op("&&")(query)
        return list(session.scalars(select(Article.id).where(document.op("@@")(tsquery)).limit(limit)))
    raise NotImplementedError(f"full-text search is not available on {dialect}")


def quotes_with_phrases(session: Session, phrases: tuple[str, ...], *, limit: int = 100) -> list[int]:
    """Ids of up to `limit` quotes holding every phrase (its words in a row)."""
    quoted = _phrases(phrases)
    if not quoted:
        return []
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        statement = select(quote_fts.c.rowid).where(literal_column("quote_fts").op("MATCH")(" AND ".join(quoted)))
        return list(session.scalars(statement.limit(limit)))
    if dialect == "postgresql":
        config: ColumnElement[str] = literal_column(f"'{PG_TEXT_SEARCH_CONFIG}'")
        queries = [func.phraseto_tsquery(config, fold_for_search(phrase)) for phrase in phrases if _WORD.search(phrase)]
        tsquery: ColumnElement[object] = queries[0]
        for query in queries[1:]:
            tsquery = tsquery.op("&&")(query)
        document = quote_words()
        return list(session.scalars(select(Quote.id).where(document.op("@@")(tsquery)).limit(limit)))
    raise NotImplementedError(f"full-text search is not available on {dialect}")


def quotes_with_any_words(session: Session, word_sets: tuple[tuple[str, ...], ...], *, limit: int = 100) -> list[int]:
    """Ids of up to `limit` quotes holding every word of at least one of the sets, in one search."""
    groups = [phrases for phrases in (_phrases(words) for words in word_sets) if phrases]
    if not groups:
        return []
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        expression = " OR ".join("(" + " AND ".join(phrases) + ")" for phrases in groups)
        statement = select(quote_fts.c.rowid).where(literal_column("quote_fts").op("MATCH")(expression))
        return list(session.scalars(statement.limit(limit)))
    if dialect == "postgresql":
        config: ColumnElement[str] = literal_column(f"'{PG_TEXT_SEARCH_CONFIG}'")
        tsquery: ColumnElement[object] | None = None
        for words in word_sets:
            group: ColumnElement[object] | None = None
            for word in words:
                if _WORD.search(word):
                    term = func.plainto_tsquery(config, fold_for_search(word))
                    group = term if group is None else group.op("&&")(term)
            if group is not None:
                tsquery = group if tsquery is None else tsquery.op("||")(group)
        document = quote_words()
        return list(session.scalars(select(Quote.id).where(document.op("@@")(tsquery)).limit(limit)))
    raise NotImplementedError(f"full-text search is not available on {dialect}")


def quotes_with_words_by(
    session: Session, words: tuple[str, ...], speaker_ids: tuple[int, ...], *, limit: int = 100
) -> list[int]:
    """Ids of up to `limit` quotes holding every word and attributed (by the parser or by hand) to one of
    the speakers: the candidates a claim's speaker may have said when the words alone are common."""

    phrases = _phrases(words)
    if not phrases or not speaker_ids:
        return []
    theirs = select(Attribution.quote_id).where(Attribution.speaker_id.in_(speaker_ids))
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        # the matches as one set, then the speakers' attributions probed against it: a rowid IN (...)
        # handed to FTS5 would run the full-text query once per quote of the speaker (seconds for 100,000)
        matches = select(quote_fts.c.rowid).where(literal_column("quote_fts").op("MATCH")(" AND ".join(phrases)))
        statement = theirs.where(Attribution.quote_id.in_(matches)).distinct()
        return list(session.scalars(statement.limit(limit)))
    if dialect == "postgresql":
        config: ColumnElement[str] = literal_column(f"'{PG_TEXT_SEARCH_CONFIG}'")
        tsquery = func.plainto_tsquery(config, fold_for_search(" ".join(words)))
        document = quote_words()
        statement = select(Quote.id).where(document.op("@@")(tsquery), Quote.id.in_(theirs))
        return list(session.scalars(statement.limit(limit)))
    raise NotImplementedError(f"full-text search is not available on {dialect}")
