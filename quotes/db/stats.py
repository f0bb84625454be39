"""Speaker counts kept in step with the attributions, so listing speakers by count reads one row each.

`speaker_article_stats` counts each speaker's current attributions in one article; `speaker_stats` is
its sum per speaker (quotes, speech, articles). Sessions from `quotes.db.engine.make_session_factory` keep
them in step by themselves (`keep_in_step`): every flush notes the quotes whose attributions or kind
changed (ORM changes and bulk UPDATE/DELETE statements alike), and before the commit their articles are
counted again and the difference is added to the speakers' totals. The cost is that of the articles
touched, never of a speaker's whole history, and no write path can forget it. Bulk loads that bypass the
session (bench/make_db.py) call `rebuild_speaker_stats`.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Collection, Iterable
from typing import Any, cast

from sqlalchemy import Connection, Delete, Insert, Table, Update, case, delete, event, func, insert, select
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction, sessionmaker

from quotes.db.bulk import BulkStatement, on_conflict_insert
from quotes.db.models import Article, Attribution, Quote, SpeakerArticleStats, SpeakerStats
from quotes.db.repo import current_attribution

_BATCH = 500  # article ids per statement, below every backend's bound-parameter limit
_TOUCHED = "quotes.stats.touched_quotes"  # session.info key: quotes whose attributions changed
_ARTICLES = "quotes.stats.touched_articles"  # session.info key: articles whose quotes changed
_EVERYTHING = "quotes.stats.recount_all"  # session.info key: a change whose rows could not be told
_STATS = cast(Table, SpeakerStats.__table__)  # Core statements: no ORM bulk machinery per statement
_ARTICLE_STATS = cast(Table, SpeakerArticleStats.__table__)
_INSERT_ARTICLE_STATS = BulkStatement(insert(_ARTICLE_STATS), ["speaker_id", "article_id", "quotes", "speech"])
COUNTED_BY_CALLER = "quotes_stats_counted_by_caller"  # execution option: see `add_new_article_counts`


def keep_in_step(factory: sessionmaker[Session]) -> None:
    """Make every session of `factory` keep the speaker counts in step with what it writes."""
    event.listen(factory, "before_flush", _drop_deleted_articles)
    event.listen(factory, "after_flush", _note_flushed)
    event.listen(factory, "do_orm_execute", _note_bulk)
    event.listen(factory, "before_commit", _apply_noted)
    event.listen(factory, "after_rollback", _forget_noted)


def _touched(session: Session, key: str = _TOUCHED) -> set[int]:
    touched: set[int] = session.info.setdefault(key, set())
    return touched


def _note_flushed(session: Session, _flush: UOWTransaction) -> None:
    quotes, articles = _touched(session), _touched(session, _ARTICLES)
    for instance in (*session.new, *session.dirty, *session.deleted):
        if isinstance(instance, Attribution) and instance.quote_id is not None:
            quotes.add(instance.quote_id)
        elif isinstance(instance, Quote) and instance.article_id is not None:
            articles.add(instance.article_id)  # a deleted quote can no longer lead to its article


def _drop_deleted_articles(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    """Before articles are deleted (and their counts with them, by cascade), take their counts off the
    speakers' totals."""
    deleted = [instance.id for instance in session.deleted if isinstance(instance, Article)]
    if deleted:
        _forget_articles(session, deleted)


def _forget_articles(session: Session, article_ids: list[int]) -> None:
    for at in range(0, len(article_ids), _BATCH):
        _apply_counts(session, article_ids[at : at + _BATCH], [])


def _note_bulk(state: ORMExecuteState) -> None:
    """Before an INSERT, UPDATE or DELETE of attributions or quotes by statement, note the quotes (or
    articles) it reaches."""
    statement = state.statement
    if state.execution_options.get(COUNTED_BY_CALLER):
        return
    if isinstance(statement, Insert):
        _note_inserted(state, statement)
        return
    if not isinstance(statement, Update | Delete):
        return
    table = getattr(statement.table, "name", None)
    if table == Article.__tablename__ and isinstance(statement, Delete):
        where = [] if statement.whereclause is None else [statement.whereclause]
        _forget_articles(state.session, list(state.session.scalars(select(Article.id).where(*where))))
        return
    if table == Attribution.__tablename__:
        column: Any = Attribution.quote_id
        key = _TOUCHED
    elif table == Quote.__tablename__:
        column, key = Quote.article_id, _ARTICLES
    else:
        return
    reached = select(column).where(*([] if statement.whereclause is None else [statement.whereclause]))
    _touched(state.session, key).update(state.session.scalars(reached))


def _note_inserted(state: ORMExecuteState, statement: Insert) -> None:
    """Rows inserted by statement: attributions note their quotes, quotes their articles."""
    table = getattr(statement.table, "name", None)
    if table == Attribution.__tablename__:
        column, key = "quote_id", _TOUCHED
    elif table == Quote.__tablename__:
        column, key = "article_id", _ARTICLES
    else:
        return
    parameters = state.parameters
    rows = parameters if isinstance(parameters, list | tuple) else [parameters or {}]
    values = [row.get(column) if isinstance(row, dict) else None for row in rows]
    given = [value for value in values if isinstance(value, int)]
    if len(given) == len(values):
        _touched(state.session, key).update(given)
    else:  # not given as parameters (INSERT ... SELECT, .values()): count everything again at commit
        state.session.info[_EVERYTHING] = True


def _apply_noted(session: Session) -> None:
    session.flush()
    if session.info.pop(_EVERYTHING, False):
        rebuild_speaker_stats(session)
        _forget_noted(session)
        return
    ids = sorted(session.info.pop(_TOUCHED, set()))
    articles: set[int] = session.info.pop(_ARTICLES, set())
    for at in range(0, len(ids), _BATCH):
        articles.update(session.scalars(select(Quote.article_id).where(Quote.id.in_(ids[at : at + _BATCH]))))
    if articles:
        refresh_article_stats(session, articles)
    _forget_noted(session)  # the refresh's own flush noted nothing of interest


def _forget_noted(session: Session) -> None:
    for key in (_TOUCHED, _ARTICLES, _EVERYTHING):
        session.info.pop(key, None)




def add_new_article_counts(
    connection: Connection, article_id: int, speakers: Iterable[tuple[int, bool]]
) -> None:
    """Count the attributions of an article stored in this transaction, as ingest inserted them: one
    (speaker id, is speech) per attributed quote.

    Ingest inserts an article's quotes and attributions by Core statements on the session's connection
    (or with the execution option `COUNTED_BY_CALLER` through the session), which the session's events
    do not see, and hands over here what it inserted: a new article has no counts yet, so its counts are
    these and the speakers' totals grow by them. Two statements, and no query, however many quotes the
    article has.
    """
    per_speaker: dict[int, list[int]] = {}
    for speaker_id, speech in speakers:
        counts = per_speaker.setdefault(speaker_id, [0, 0])
        counts[0] += 1
        counts[1] += speech
    if not per_speaker:
        return
    ordered = sorted(per_speaker.items())
    _INSERT_ARTICLE_STATS.execute(
        connection,
        [{"speaker_id": s, "article_id": article_id, "quotes": q, "speech": sp} for s, (q, sp) in ordered],
    )
    _add_to_totals(connection, [(s, q, sp, 1) for s, (q, sp) in ordered])


def refresh_article_stats(session: Session, article_ids: Iterable[int]) -> None:
    """Count these articles' current attributions again and carry the change into each speaker's total."""
    session.flush()
    ids = sorted(set(article_ids))
    for at in range(0, len(ids), _BATCH):
        _refresh(session, ids[at : at + _BATCH])


def _refresh(session: Session, article_ids: list[int]) -> None:
    _apply_counts(session, article_ids, _count(session, article_ids))


def _apply_counts(session: Session, article_ids: list[int], new: list[tuple[int, int, int, int]]) -> None:
    """Replace these articles' counts by `new` and add the difference to the speakers' totals."""
    old = session.execute(
        select(
            SpeakerArticleStats.speaker_id,
            SpeakerArticleStats.article_id,
            SpeakerArticleStats.quotes,
            SpeakerArticleStats.speech,
        ).where(SpeakerArticleStats.article_id.in_(article_ids))
    ).all()
    if sorted(map(tuple, old)) == sorted(new):
        return
    quotes: Counter[int] = Counter()
    speech: Counter[int] = Counter()
    articles: Counter[int] = Counter()
    for sign, rows in ((-1, old), (1, new)):
        for speaker_id, _article_id, n_quotes, n_speech in rows:
            quotes[speaker_id] += sign * n_quotes
            speech[speaker_id] += sign * n_speech
            articles[speaker_id] += sign
    if old:
        session.execute(delete(SpeakerArticleStats).where(SpeakerArticleStats.article_id.in_(article_ids)))
    if new:
        session.execute(
            insert(SpeakerArticleStats),
            [{"speaker_id": s, "article_id": a, "quotes": q, "speech": sp} for s, a, q, sp in new],
        )
    changed = sorted(s for s in quotes.keys() | articles.keys() if quotes[s] or speech[s] or articles[s])
    if changed:
        _add_to_totals(session, [(s, quotes[s], speech[s], articles[s]) for s in changed])


def _count(session: Session, article_ids: Collection[int] | None) -> list[tuple[int, int, int, int]]:
    statement = (
        select(
            Attribution.speaker_id,
            Quote.article_id,
            func.count(Quote.id),
            func.sum(case((Quote.kind == "speech", 1), else_=0)),
        )
        .join(Attribution, current_attribution(Quote.id))
        .where(Attribution.speaker_id.is_not(None))
        .group_by(Attribution.speaker_id, Quote.article_id)
    )
    if article_ids is not None:
        statement = statement.where(Quote.article_id.in_(article_ids))
    return sorted(
        (speaker, article, int(n_quotes), int(n_speech or 0))
        for speaker, article, n_quotes, n_speech in session.execute(statement)
        if speaker is not None
    )


def _add_to_totals(executor: Session | Connection, deltas: list[tuple[int, int, int, int]]) -> None:
    """Add (speaker, quotes, speech, articles) to the speakers' totals, creating rows that are missing.

    An upsert, so two writers adding to the same speaker at once both count.
    """
    rows = [{"speaker_id": s, "quotes": q, "speech": sp, "articles": a} for s, q, sp, a in deltas]
    if isinstance(executor, Connection):
        _totals_upsert(executor.dialect.name == "postgresql").execute(executor, rows)
    else:
        executor.execute(_totals_upsert(executor.get_bind().dialect.name == "postgresql").statement, rows)


def _add_to_totals_statement(upsert: Any) -> Any:
    statement = upsert(_STATS)
    return statement.on_conflict_do_update(
        index_elements=[_STATS.c.speaker_id],
        set_={
            "quotes": _STATS.c.quotes + statement.excluded.quotes,
            "speech": _STATS.c.speech + statement.excluded.speech,
            "articles": _STATS.c.articles + statement.excluded.articles,
        },
    )


@functools.cache
def _totals_upsert(postgres: bool) -> BulkStatement:
    statement = _add_to_totals_statement(on_conflict_insert(postgres))
    return BulkStatement(statement, ["speaker_id", "quotes", "speech", "articles"])


def rebuild_speaker_stats(session: Session) -> None:
    """Count every speaker again from the attributions (after a bulk load, or to repair)."""
    session.flush()
    session.execute(delete(SpeakerArticleStats))
    session.execute(delete(SpeakerStats))
    rows = _count(session, None)
    if not rows:
        return
    session.execute(
        insert(SpeakerArticleStats),
        [{"speaker_id": s, "article_id": a, "quotes": q, "speech": sp} for s, a, q, sp in rows],
    )
    totals: dict[int, list[int]] = {}
    for speaker_id, _article_id, n_quotes, n_speech in rows:
        total = totals.setdefault(speaker_id, [0, 0, 0])
        total[0] += n_quotes
        total[1] += n_speech
        total[2] += 1
    session.execute(
        insert(SpeakerStats),
        [{"speaker_id": s, "quotes": q, "speech": sp, "articles": a} for s, (q, sp, a) in totals.items()],
    )


def stats_drift(session: Session) -> list[tuple[int, tuple[int, int, int], tuple[int, int, int]]]:
    """(speaker, kept (quotes, speech, articles), counted) wherever the kept counts differ from a fresh
    count: empty when everything is in step."""
    counted: dict[int, tuple[int, int, int]] = {}
    for speaker_id, _article_id, n_quotes, n_speech in _count(session, None):
        quotes, speech, articles = counted.get(speaker_id, (0, 0, 0))
        counted[speaker_id] = (quotes + n_quotes, speech + n_speech, articles + 1)
    kept = {
        row[0]: (row[1], row[2], row[3])
        for row in session.execute(
            select(SpeakerStats.speaker_id, SpeakerStats.quotes, SpeakerStats.speech, SpeakerStats.articles)
        )
    }
    zero = (0, 0, 0)
    return sorted(
        (s, kept.get(s, zero), counted.get(s, zero))
        for s in kept.keys() | counted.keys()
        if kept.get(s, zero) != counted.get(s, zero)
    )
