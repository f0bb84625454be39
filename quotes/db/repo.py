"""The read layer for quotes: one query builder behind `quotes list`, the terminal UI, quote sheets and
checks. Every function takes a Session and returns frozen rows, never ORM objects.

A quote's current attribution is its manual one when there is one, else the parser's. Pages are read by
keyset (the sort key of the last row seen), so the millionth row costs what the first does.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    Subquery,
    and_,
    bindparam,
    column,
    exists,
    func,
    literal,
    or_,
    select,
    table,
    tuple_,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import QueryableAttribute, Session
from sqlalchemy.sql.functions import FunctionElement

from quotes.db import search as searching  # RANK_LIMIT read at call time
from quotes.db.fts import fold_for_search
from quotes.db.models import Article, Attribution, Quote, Speaker, SpeakerStats
from quotes.db.queries import QuoteQuery as QuoteQuery  # noqa: PLC0414  (re-exported: readers import it here)
from quotes.db.queries import QuoteSort as QuoteSort  # noqa: PLC0414
from quotes.db.search import BEST_CURSOR, NEWEST_CURSOR, SearchOrder


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """A quote with its current attribution and where it stands: what every quote list shows."""

    id: int
    text: str
    kind: str
    article_id: int
    start: int
    end: int
    paragraph: int
    group_number: int
    speaker_id: int | None
    speaker: str | None
    speaker_kind: str | None
    speaker_anonymous: bool
    article_title: str | None
    outlet: str | None
    url: str | None
    published: date | None
    ingested_at: datetime
    mention: str | None
    mention_start: int | None
    mention_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    method: str | None
    confidence: float | None
    origin: str | None  # "manual" when a person attributed it, "parser" otherwise, None if never attributed
    rule: str | None  # the named parser rule (quotes/parse/RULES.md), or "manual"
    withheld_speaker: str | None  # a name the parser found but held back as too uncertain

    @property
    def article_date(self) -> date:
        """The date a quote is placed at: the article's publication date, else the day it was ingested."""
        return self.published or self.ingested_at.date()

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape of `quotes list --json` (the first twelve keys came first)."""
        return {
            "id": self.id,
            "text": self.text,
            "speaker": self.speaker,
            "article_id": self.article_id,
            "article_title": self.article_title,
            "start": self.start,
            "end": self.end,
            "paragraph": self.paragraph,
            "kind": self.kind,
            "cue": self.cue,
            "method": self.method,
            "confidence": self.confidence,
            "speaker_id": self.speaker_id,
            "origin": self.origin,
            "rule": self.rule,
            "withheld_speaker": self.withheld_speaker,
        }


Cursor = tuple[Any, ...]
_CURSOR_TAGS = {SearchOrder.BEST: BEST_CURSOR, SearchOrder.NEWEST: NEWEST_CURSOR}
AnySelect = Select[*tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class QuotePage:
    rows: tuple[QuoteRow, ...]
    total: int | None  # every quote the query matches (None when not asked for)
    next_after: Cursor | None  # pass as `after` for the next page; None on the last page
    search_order: SearchOrder | None = None  # a search by relevance: best match first or newest first


# the two columns of attributions that say whether a quote has a manual attribution: an alias of this
# costs a quarter of an ORM alias of Attribution to build (whose every column is proxied and adapted:
# ~2 ms per alias, several per search statement) and renders the same SQL
_MANUAL_TEST_COLUMNS = table("attributions", column("quote_id"), column("origin"))


def has_manual_attribution(quote_id: ColumnElement[int] | QueryableAttribute[int]) -> ColumnElement[bool]:
    """Whether the quote `quote_id` has a manual attribution (an EXISTS over a fresh alias of attributions)."""
    manual = _MANUAL_TEST_COLUMNS.alias()
    return exists().where(manual.c.quote_id == quote_id, manual.c.origin == "manual")


def current_attribution(quote_id: QueryableAttribute[int]) -> ColumnElement[bool]:
    """Join condition picking a quote's manual attribution if any, else its parser attribution."""
    return and_(Attribution.quote_id == quote_id, or_(Attribution.origin == "manual", ~has_manual_attribution(quote_id)))


def like_pattern(text: str) -> str:
    """`%text%` for LIKE with the user's own % and _ taken literally (escape character backslash)."""
    escaped = " ".join(text.split()).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


NAMED_IDS_INLINE = 500  # a speaker filter matching up to this many speakers is given to the query as ids


def speaker_ids_named(session: Session, name: str) -> Select[int]:
    """Speakers whose canonical name or an alias holds the words of `name` in order, the last one as
    a prefix ("okafor", "zoe oka", "d'souza"), all folded by `fold_for_search`: case, accents,
    zero-width and bidi characters do not count and every kind of apostrophe is the same word break,
    so "d'souza", "D’Souza" and "DʼSOUZA" find "Rob D’Souza" while "dsouza" does not. Read from the
    speaker-name indexes (quotes.db.fts.speakers_with_words); no word in `name`: no speaker."""
    from quotes.db.fts import Term, speakers_with_words

    pieces = tuple(fold_for_search(name).split())
    if not pieces:
        return select(Speaker.id).where(literal(False))
    named = speakers_with_words(session, [Term(pieces, prefix=True)]).subquery("named")
    return select(named.c.speaker_id).distinct()  # a speaker whose name and aliases hold the words comes once


_ROW_COLUMNS = (
    Quote.id.label("id"),
    Quote.text.label("text"),
    Quote.kind.label("kind"),
    Quote.article_id.label("article_id"),
    Quote.start.label("start"),
    Quote.end.label("end"),
    Quote.paragraph.label("paragraph"),
    Quote.group_number.label("group_number"),
    Speaker.id.label("speaker_id"),
    Speaker.name.label("speaker"),
    Speaker.kind.label("speaker_kind"),
    func.coalesce(Speaker.anonymous, False).label("speaker_anonymous"),
    Article.title.label("article_title"),
    Article.outlet.label("outlet"),
    Article.url.label("url"),
    Article.published.label("published"),
    Article.ingested_at.label("ingested_at"),
    Attribution.mention_text.label("mention"),
    Attribution.mention_start.label("mention_start"),
    Attribution.mention_end.label("mention_end"),
    Attribution.cue_text.label("cue"),
    Attribution.cue_start.label("cue_start"),
    Attribution.cue_end.label("cue_end"),
    Attribution.method.label("method"),
    Attribution.confidence.label("confidence"),
    Attribution.origin.label("origin"),
    Attribution.rule.label("rule"),
    Attribution.withheld_name.label("withheld_speaker"),
)
_ROW_WIDTH = len(_ROW_COLUMNS)


class day_of(FunctionElement[date]):
    """The calendar day of a timestamp column, on either backend."""

    type = Date()
    inherit_cache = True
    name = "day_of"


@compiles(day_of)
def _day_of_default(element: day_of, compiler: Any, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS DATE)"


@compiles(day_of, "sqlite")
def _day_of_sqlite(element: day_of, compiler: Any, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)})"


def article_day() -> ColumnElement[date]:
    """The date an article is placed at: its publication date, else the day it was ingested."""
    return func.coalesce(Article.published, day_of(Article.ingested_at), type_=Date)


def _sort_keys(query: QuoteQuery, score: ColumnElement[Any] | None) -> list[ColumnElement[Any]]:
    """Non-null sort expressions ending on the quote id, so a keyset cursor is a plain tuple."""
    order = query.sort
    if order is QuoteSort.RELEVANCE and score is None:
        order = QuoteSort.ARTICLE
    position: list[ColumnElement[Any]] = [Quote.article_id.expression, Quote.start.expression]
    by_order: dict[QuoteSort, list[ColumnElement[Any]]] = {
        QuoteSort.ARTICLE: position,
        QuoteSort.STORED: [],
        QuoteSort.DATE: [article_day(), *position],
        # the speaker id after the name keeps two speakers of one name apart (sheets group by speaker)
        QuoteSort.SPEAKER: [
            func.coalesce(Speaker.name, literal("")),
            func.coalesce(Speaker.id, literal(0)),
            *position,
        ],
        QuoteSort.CONFIDENCE: [func.coalesce(Attribution.confidence, literal(-1.0))],
        QuoteSort.KIND: [Quote.kind.expression, *position],
        QuoteSort.TEXT: [Quote.text.expression],
        QuoteSort.RELEVANCE: [score] if score is not None else [],
    }
    leading = by_order[order]
    by_speaker = query.speaker_id is not None or query.speaker is not None
    # a speaker's current attributions, walked in quote order by ix_attributions_speaker_id_quote_id
    last = Attribution.quote_id.expression if by_speaker else Quote.id.expression
    return [*leading, last]


def _all_rows() -> AnySelect:
    """Every quote with its current attribution, speaker and article: the columns of a QuoteRow."""
    return (
        select(*_ROW_COLUMNS)
        .join(Article, Article.id == Quote.article_id)
        .outerjoin(Attribution, current_attribution(Quote.id))
        .outerjoin(Speaker, Speaker.id == Attribution.speaker_id)
    )


def _filtered(session: Session, query: QuoteQuery) -> tuple[AnySelect, Subquery | None] | None:
    """The quotes a query's filters but its search match (all row columns), and the search's matches
    (quote_id, score) if searching, for `_matched` to apply; None if nothing can match (a search with no
    word in it)."""
    statement = _all_rows()
    matches: Subquery | None = None
    if query.search is not None:
        from quotes.db.search import matching_quotes  # search reads this module's current attribution

        matches = matching_quotes(session, query.search)
        if matches is None:
            return None
    if query.speaker_id is not None:
        statement = statement.where(Attribution.speaker_id == query.speaker_id)
    if query.speaker is not None:
        named = speaker_ids_named(session, query.speaker)
        ids = session.scalars(named.limit(NAMED_IDS_INLINE + 1)).all()
        # a few ids written out let the planner see how many quotes they have (PostgreSQL's statistics)
        statement = statement.where(Attribution.speaker_id.in_(ids if len(ids) <= NAMED_IDS_INLINE else named))
    if query.article_id is not None:
        statement = statement.where(Quote.article_id == query.article_id)
    if query.kinds:
        statement = statement.where(Quote.kind.in_(query.kinds))
    if query.min_confidence is not None:
        statement = statement.where(Attribution.confidence >= query.min_confidence)
    if query.since is not None:
        statement = statement.where(article_day() >= query.since)
    if query.until is not None:
        statement = statement.where(article_day() <= query.until)
    if query.unresolved is True:
        statement = statement.where(Attribution.speaker_id.is_(None))
    elif query.unresolved is False:
        statement = statement.where(Attribution.speaker_id.is_not(None))
    return statement, matches


def _matched(
    statement: AnySelect, matches: Subquery | None, *, scored: bool = True
) -> tuple[AnySelect, ColumnElement[Any] | None]:
    """The filtered rows kept to the search's matches, and the search score (None without a search).
    Unscored, a search is a membership test, so the rows can be read in the order of an index (newest
    first) instead of being joined to the matches and sorted."""
    if matches is None:
        return statement, None
    if scored:
        return statement.join(matches, matches.c.quote_id == Quote.id), matches.c.score
    return statement.where(Quote.id.in_(select(matches.c.quote_id))), None


def _search_only(query: QuoteQuery) -> bool:
    """A search and nothing else: its pages and count need only the search's matches."""
    return query.search is not None and replace(query, search=None, sort=QuoteSort.ARTICLE, descending=False) == QuoteQuery()


def kept_count(session: Session, query: QuoteQuery) -> int | None:
    """How many quotes the query matches when the kept counts say it (one speaker's quotes, of every
    kind or speech only: a primary-key read); None when only counting the matches would."""
    only_speaker = QuoteQuery(speaker_id=query.speaker_id, sort=query.sort, descending=query.descending)
    if query.speaker_id is not None and replace(query, kinds=()) == only_speaker and query.kinds in ((), ("speech",)):
        column = SpeakerStats.speech if query.kinds else SpeakerStats.quotes
        kept = session.scalar(select(column).where(SpeakerStats.speaker_id == query.speaker_id))
        return kept or 0
    return None


def count_quotes(session: Session, query: QuoteQuery) -> int:
    """How many quotes the query matches (one speaker's, from its kept counts)."""
    kept = kept_count(session, query)
    if kept is not None:
        return kept
    if replace(query, sort=QuoteSort.ARTICLE, descending=False, kinds=()) == QuoteQuery():
        # every quote has one article and at most one current attribution: no join changes the count
        kinds = (Quote.kind.in_(query.kinds),) if query.kinds else ()
        return session.execute(select(func.count(Quote.id)).where(*kinds)).scalar_one()
    if query.speaker is not None and replace(query, speaker=None, sort=QuoteSort.ARTICLE, descending=False) == QuoteQuery():
        named = speaker_ids_named(session, query.speaker).subquery("named")  # their kept counts, summed
        kept_total = select(func.coalesce(func.sum(SpeakerStats.quotes), 0)).where(
            SpeakerStats.speaker_id.in_(select(named.c[0]))
        )
        return int(session.execute(kept_total).scalar_one())
    if _search_only(query):
        from quotes.db.search import count_matches

        return count_matches(session, query.search or "")
    built = _filtered(session, query)
    if built is None:
        return 0
    statement, _score = _matched(*built)
    return session.execute(select(func.count()).select_from(statement.subquery())).scalar_one()


def quote_page(
    session: Session,
    query: QuoteQuery,
    *,
    after: Cursor | None = None,
    limit: int = 100,
    with_total: bool = True,
) -> QuotePage:
    """One page of quotes in the query's order, starting after the cursor of the previous page."""
    if _search_only(query) and query.sort is QuoteSort.RELEVANCE:
        return _search_page(session, query, after=after, limit=limit, with_total=with_total)
    ordered = _ordered(session, query, after)
    if ordered is None:
        return QuotePage((), 0 if with_total else None, None)
    statement, keys, descending, order = ordered
    tag = () if order is None else (_CURSOR_TAGS[order],)  # a search's cursor says its order, as search_page's
    page = statement.add_columns(*keys)
    if after is not None:
        position, seen = tuple_(*keys), tuple_(*after[len(tag):])
        page = page.where(position < seen if descending else position > seen)
    page = page.order_by(*(key.desc() if descending else key for key in keys)).limit(limit + 1)
    results = session.execute(page).all()
    rows = tuple(QuoteRow(*result[:_ROW_WIDTH]) for result in results[:limit])
    next_after = (*tag, *results[limit - 1][_ROW_WIDTH:]) if len(results) > limit else None
    total = count_quotes(session, query) if with_total else None
    return QuotePage(rows, total, next_after, order)


def _ordered(
    session: Session, query: QuoteQuery, after: Cursor | None
) -> tuple[AnySelect, list[ColumnElement[Any]], bool, SearchOrder | None] | None:
    """(statement, sort keys, descending, search order) of a query; None if nothing can match.

    A search by relevance with other filters comes in the order a search alone does (quotes.db.search):
    best match first when at most RANK_LIMIT quotes match, else newest first; the cursor of a later
    page, or else a read of RANK_LIMIT + 1 matches, says which. One order for one query, however it is
    read: pages, `quotes list`, sheets."""
    built = _filtered(session, query)
    if built is None:
        return None
    rows, matches = built
    statement, score = _matched(rows, matches)
    if query.search is None or query.sort is not QuoteSort.RELEVANCE:
        return statement, _sort_keys(query, score), query.descending, None
    if after is not None:
        newest = after[0] == NEWEST_CURSOR
    else:
        probe = statement.with_only_columns(Quote.id).limit(searching.RANK_LIMIT + 1).subquery()
        newest = session.execute(select(func.count()).select_from(probe)).scalar_one() > searching.RANK_LIMIT
    if newest:
        keys = _sort_keys(replace(query, sort=QuoteSort.STORED), None)
        return _matched(rows, matches, scored=False)[0], keys, not query.descending, SearchOrder.NEWEST
    return statement, _sort_keys(query, score), query.descending, SearchOrder.BEST


def _search_page(session: Session, query: QuoteQuery, *, after: Cursor | None, limit: int, with_total: bool) -> QuotePage:
    """A search and nothing else, by relevance: the page's ids from the search indexes alone
    (`quotes.db.search.search_page`: best match first, or newest first past RANK_LIMIT matches), then
    the rows of those ids only."""
    from quotes.db.search import search_page

    found = search_page(session, query.search or "", after=after, limit=limit, descending=query.descending)
    if found is None:
        return QuotePage((), 0 if with_total else None, None)
    by_id = {row.id: row for row in quote_rows(session, [quote_id for quote_id, _score in found.hits])}
    rows = tuple(by_id[quote_id] for quote_id, _score in found.hits if quote_id in by_id)
    total = count_quotes(session, query) if with_total else None
    return QuotePage(rows, total, found.next_after, found.order)


WARM_UP_WORD = "qzxvq"  # a word no quote is expected to hold: a text search, ranked best first


def warm_up_search(session: Session, *, limit: int = 100) -> None:
    """Read, and drop, the first page of two searches: a speaker's name (the speaker names' index, the
    ways of the speaker's and of the text's matches) and a word no quote holds (the text alone, ranked).
    The first search of a process costs several times what the next ones do (SQLAlchemy builds and
    compiles its statements, the connection first reads the search indexes); after this, a user's first
    search costs what the next ones do. Few rows are read: the first speaker by id, a page each."""
    first_named = select(Speaker.name).where(Speaker.kind != "unnamed").order_by(Speaker.id).limit(1)
    name = session.scalar(first_named)
    for text in ([name] if name else []) + [WARM_UP_WORD]:
        quote_page(session, QuoteQuery(search=text, sort=QuoteSort.RELEVANCE), limit=limit, with_total=False)


def iter_quotes(session: Session, query: QuoteQuery, *, batch: int = 2000) -> Iterator[QuoteRow]:
    """Every quote the query matches, in the order its pages come in (`quote_page`), read a batch at a
    time (memory stays flat).

    It is one statement, streamed (SQLite steps its cursor, PostgreSQL reads a server-side cursor): the
    matches are found and sorted once, where keyset pages would do it once a page (a speaker with 100,000
    quotes in article order, or a word in a quarter of the archive: minutes instead of seconds)."""
    ordered = _ordered(session, query, None)
    if ordered is None:
        return
    statement, keys, descending, _order = ordered
    statement = statement.order_by(*(key.desc() if descending else key for key in keys))
    for rows in session.execute(statement.execution_options(yield_per=batch)).partitions():
        yield from (QuoteRow(*row) for row in rows)


def list_quotes(
    session: Session,
    *,
    speaker: str | None = None,
    speaker_id: int | None = None,
    article_id: int | None = None,
    search: str | None = None,
    kinds: Sequence[str] = (),
) -> list[QuoteRow]:
    """Every matching quote, in article order, or when searching best match first (newest first past
    `quotes.db.search.RANK_LIMIT` matches) (`quotes list`)."""
    query = QuoteQuery(
        speaker=speaker, speaker_id=speaker_id, article_id=article_id, search=search, kinds=tuple(kinds)
    )
    if search is not None:
        query = replace(query, sort=QuoteSort.RELEVANCE)
    return list(iter_quotes(session, query))


@cache
def _rows_by_id() -> AnySelect:
    """Every row column of the quotes whose ids are bound as `quote_ids`: one statement, built once, so
    SQLAlchemy's compiled cache serves every call (checks read their candidates this way)."""
    return _all_rows().where(Quote.id.in_(bindparam("quote_ids", expanding=True)))


def quote_rows(session: Session, quote_ids: Sequence[int]) -> list[QuoteRow]:
    """The rows of the given quotes (ids not found are left out), in article order."""
    if not quote_ids:
        return []
    results = session.execute(_rows_by_id(), {"quote_ids": sorted(set(quote_ids))})
    rows = [QuoteRow(*result) for result in results]
    return sorted(rows, key=lambda row: (row.article_id, row.start))  # ORDER BY would make SQLite scan an index
