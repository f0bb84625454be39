"""Read queries for articles: the list (filtered, sorted, paged) and one article with all its quotes.

Frozen rows only, like `quotes.db.repo`, whose quote rows `article_view` reuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from quotes.db.models import Article, ParseWarning, Quote
from quotes.db.repo import QuoteQuery, QuoteRow, article_day, iter_quotes, like_pattern


class ArticleSort(StrEnum):
    DATE = "date"  # newest first (publication date, else ingest date)
    TITLE = "title"
    QUOTES = "quotes"  # most quotes first
    ID = "id"  # the order they were stored


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: int
    title: str | None
    outlet: str | None
    url: str | None
    published: date | None
    ingested_at: datetime
    quotes: int  # quotes of every kind found in it

    @property
    def day(self) -> date:
        return self.published or self.ingested_at.date()


@dataclass(frozen=True, slots=True)
class ArticlePage:
    rows: tuple[ArticleRow, ...]
    total: int


_ROW_COLUMNS = (
    Article.id,
    Article.title,
    Article.outlet,
    Article.url,
    Article.published,
    Article.ingested_at,
)


def _article_filter(text: str | None) -> list[ColumnElement[bool]]:
    if text is None or not text.strip():
        return []
    pattern = like_pattern(text)
    return [
        or_(
            Article.title.ilike(pattern, escape="\\"),
            Article.outlet.ilike(pattern, escape="\\"),
            Article.external_id.ilike(pattern, escape="\\"),
        )
    ]


def list_articles(
    session: Session,
    *,
    search: str | None = None,
    sort: ArticleSort = ArticleSort.DATE,
    limit: int = 200,
    offset: int = 0,
) -> ArticlePage:
    """Articles whose title, outlet or source id contains `search`, with their quote counts."""
    where = _article_filter(search)
    quote_count = (
        select(func.count(Quote.id)).where(Quote.article_id == Article.id).correlate(Article).scalar_subquery()
    )
    order = {
        ArticleSort.DATE: (article_day().desc(), Article.id.desc()),
        ArticleSort.TITLE: (func.lower(func.coalesce(Article.title, "")), Article.id),
        ArticleSort.QUOTES: (quote_count.desc(), Article.id),
        ArticleSort.ID: (Article.id,),
    }[sort]
    statement = (
        select(*_ROW_COLUMNS, quote_count)
        .where(*where)
        .order_by(*order)
        .limit(limit)
        .offset(offset)
    )
    rows = tuple(ArticleRow(*row) for row in session.execute(statement))
    total = session.execute(select(func.count(Article.id)).where(*where)).scalar_one()
    return ArticlePage(rows, total)


@dataclass(frozen=True, slots=True)
class WarningRow:
    start: int
    end: int
    message: str


@dataclass(frozen=True, slots=True)
class ArticleView:
    """One article as stored, with every quote (all kinds, article order) and the parser's warnings."""

    article: ArticleRow
    text: str
    source: str | None  # the file (and line) it came from
    quotes: tuple[QuoteRow, ...]
    warnings: tuple[WarningRow, ...]

    @property
    def speaker_ids(self) -> tuple[int, ...]:
        """The article's speakers in order of first quote: the reader's legend and colours follow it."""
        return tuple(dict.fromkeys(q.speaker_id for q in self.quotes if q.speaker_id is not None))


def article_view(session: Session, article_id: int) -> ArticleView | None:
    """The article's text, its quotes with speakers, mention and cue offsets, and warnings."""
    stored = session.execute(
        select(*_ROW_COLUMNS, Article.text, Article.source_path, Article.source_line).where(
            Article.id == article_id
        )
    ).first()
    if stored is None:
        return None
    quotes = tuple(iter_quotes(session, QuoteQuery(article_id=article_id)))
    warnings = tuple(
        WarningRow(*row)
        for row in session.execute(
            select(ParseWarning.start, ParseWarning.end, ParseWarning.message)
            .where(ParseWarning.article_id == article_id)
            .order_by(ParseWarning.start)
            .limit(1000)
        )
    )
    source = stored.source_path
    if source is not None and stored.source_line is not None:
        source = f"{source}:{stored.source_line}"
    row = ArticleRow(
        stored.id, stored.title, stored.outlet, stored.url, stored.published, stored.ingested_at, len(quotes)
    )
    return ArticleView(row, stored.text, source, quotes, warnings)
