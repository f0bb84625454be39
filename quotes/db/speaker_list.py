"""The speaker list behind `quotes speakers` and the terminal UI's speakers pane: speakers with their
kept counts (quotes.db.stats), in an order an index gives, streamed a batch at a time.

At archive scale (tens of thousands of speakers) a listing must not sort every speaker before its first
row, nor read every speaker's roles and aliases before printing anything. Most quoted first walks
`speaker_stats.quotes`'s index from the top (ties by folded name, sorted within each count only); by
name walks `speakers.name_folded`'s index. Roles and aliases are read for each batch of rows as it goes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Row, func, select
from sqlalchemy.orm import Session

from quotes.db.models import Speaker, SpeakerAlias, SpeakerAppearance, SpeakerRole, SpeakerStats
from quotes.db.repo import AnySelect, speaker_ids_named

BATCH = 500  # speakers read (and their roles and aliases looked up) at a time
FIRST_BATCH = 50


@dataclass(frozen=True, slots=True)
class SpeakerSummary:
    id: int
    name: str
    kind: str
    anonymous: bool
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    quotes: int  # quotes of every kind currently attributed to the speaker
    speech: int  # of which speech (not partial quotes, terms or nested quotes)
    articles: int

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape of `quotes speakers --json` (the first four keys came first)."""
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "quotes": self.quotes,
            "articles": self.articles,
            "id": self.id,
            "kind": self.kind,
            "roles": list(self.roles),
            "speech": self.speech,
            "anonymous": self.anonymous,
        }


class SpeakerSort(StrEnum):
    QUOTES = "quotes"  # most quoted first (from speaker_stats' index)
    ARTICLES = "articles"  # in most articles first (a full sort: no index on the article count)
    NAME = "name"  # by folded name: case and accents ignored (from the name index)


def _speaker_filters(
    session: Session, search: str | None, kinds: tuple[str, ...], speaker_id: int | None = None
) -> list[ColumnElement[bool]]:
    """Speakers whose name or an alias holds the words of `search` (`speaker_ids_named`), of these
    kinds, or one speaker (any may be empty)."""
    filters: list[ColumnElement[bool]] = []
    if search is not None and search.strip():
        filters.append(Speaker.id.in_(speaker_ids_named(session, search)))
    if kinds:
        filters.append(Speaker.kind.in_(kinds))
    if speaker_id is not None:
        filters.append(Speaker.id == speaker_id)
    return filters


def _columns(*, outer: bool) -> tuple[Any, ...]:
    counts: tuple[Any, ...] = (SpeakerStats.quotes, SpeakerStats.speech, SpeakerStats.articles)
    if outer:  # a speaker without a stats row has no current quote
        counts = tuple(func.coalesce(column, 0) for column in counts)
    return (Speaker.id, Speaker.name, Speaker.kind, Speaker.anonymous, *counts)


def _with_counts(filters: list[ColumnElement[bool]]) -> AnySelect:
    """Every speaker (with or without a stats row) and its counts."""
    statement: AnySelect = select(*_columns(outer=True)).outerjoin(
        SpeakerStats, SpeakerStats.speaker_id == Speaker.id
    )
    return statement.where(*filters)


def _quoted(filters: list[ColumnElement[bool]]) -> AnySelect:
    """Speakers with at least one current quote, most quoted first: read from the index on
    speaker_stats.quotes backwards, sorting only the speakers of one count by name."""
    statement: AnySelect = (
        select(*_columns(outer=False))
        .join(Speaker, Speaker.id == SpeakerStats.speaker_id)
        .where(SpeakerStats.quotes > 0, *filters)
    )
    return statement.order_by(SpeakerStats.quotes.desc(), Speaker.name_folded, Speaker.id)


def _unquoted(filters: list[ColumnElement[bool]]) -> AnySelect:
    """Speakers with no current quote (all of them merged or reassigned away), by name."""
    statement = _with_counts(filters).where(func.coalesce(SpeakerStats.quotes, 0) == 0)
    return statement.order_by(Speaker.name_folded, Speaker.id)


def _ordered(filters: list[ColumnElement[bool]], sort: SpeakerSort) -> AnySelect:
    statement = _with_counts(filters)
    if sort is SpeakerSort.NAME:
        return statement.order_by(Speaker.name_folded, Speaker.id)
    articles, quotes = (func.coalesce(c, 0) for c in (SpeakerStats.articles, SpeakerStats.quotes))
    return statement.order_by(articles.desc(), quotes.desc(), Speaker.name_folded, Speaker.id)


def iter_speaker_summaries(
    session: Session,
    *,
    search: str | None = None,
    speaker_id: int | None = None,
    kinds: tuple[str, ...] = (),
    sort: SpeakerSort = SpeakerSort.QUOTES,
    limit: int | None = None,
    offset: int = 0,
    batch: int = BATCH,
) -> Iterator[SpeakerSummary]:
    """Speakers (those whose name or alias holds `search`, of `kinds`, or one), most quoted first or as
    sorted, a batch at a time: the first rows come before the last are read, memory stays flat."""
    filters = _speaker_filters(session, search, kinds, speaker_id)
    if sort is not SpeakerSort.QUOTES or speaker_id is not None:
        yield from _summaries(session, _ordered(filters, sort), limit, offset, batch)
        return
    # the speakers with quotes (from the index), then those without: two orders that never interleave
    shown = 0
    for summary in _summaries(session, _quoted(filters), limit, offset, batch):
        shown += 1
        yield summary
    if limit is not None and shown >= limit:
        return
    if shown or not offset:
        quoted = offset + shown  # the first part ended within this page
    else:  # the page starts past the speakers with quotes: how many are there?
        counted = select(func.count()).select_from(_quoted(filters).order_by(None).subquery())
        quoted = session.execute(counted).scalar_one()
    rest = None if limit is None else limit - shown
    yield from _summaries(session, _unquoted(filters), rest, max(0, offset - quoted), batch)


def _summaries(
    session: Session, statement: AnySelect, limit: int | None, offset: int, batch: int
) -> Iterator[SpeakerSummary]:
    if offset:
        statement = statement.offset(offset)
    if limit is not None:
        statement = statement.limit(limit)
    # yield_per streams: SQLite steps its cursor, PostgreSQL reads from a server-side cursor
    result = session.execute(statement.execution_options(yield_per=batch))
    size = min(FIRST_BATCH, batch)  # a small first batch: the first rows show before a whole batch is read
    while rows := result.fetchmany(size):
        yield from _summarised(session, rows)
        size = batch


def _summarised(session: Session, rows: Sequence[Row[*tuple[Any, ...]]]) -> Iterator[SpeakerSummary]:
    seen_often = {row[0] for row in rows if row[6] > SEEN_OFTEN}
    roles, aliases = speaker_texts(session, [row[0] for row in rows], seen_often=seen_often)
    for speaker_id, name, kind, anonymous, n_quotes, n_speech, n_articles in rows:
        yield SpeakerSummary(
            id=speaker_id,
            name=name,
            kind=kind,
            anonymous=anonymous,
            aliases=tuple(a for a in aliases[speaker_id] if a != name),
            roles=tuple(roles[speaker_id]),
            quotes=n_quotes,
            speech=n_speech,
            articles=n_articles,
        )


def speaker_summaries(
    session: Session,
    *,
    search: str | None = None,
    speaker_id: int | None = None,
    kinds: tuple[str, ...] = (),
    sort: SpeakerSort = SpeakerSort.QUOTES,
    limit: int | None = None,
    offset: int = 0,
) -> list[SpeakerSummary]:
    """Speakers (those whose name or alias contains `search`, or one), most quoted first or as sorted."""
    return list(
        iter_speaker_summaries(
            session, search=search, speaker_id=speaker_id, kinds=kinds, sort=sort, limit=limit, offset=offset
        )
    )


def count_speakers(session: Session, *, search: str | None = None, kinds: tuple[str, ...] = ()) -> int:
    """How many speakers `speaker_summaries` would list with the same filters."""
    statement = select(func.count(Speaker.id)).where(*_speaker_filters(session, search, kinds))
    return session.execute(statement).scalar_one()


_TEXTS = (
    (SpeakerRole.speaker_id, SpeakerRole.role),
    (SpeakerAlias.speaker_id, SpeakerAlias.alias),
    (SpeakerAppearance.speaker_id, SpeakerAppearance.name),  # the names articles gave
)
SEEN_OFTEN = 20  # speakers in more articles than this have their names read by skipping through the index


def speaker_texts(
    session: Session, ids: list[int], *, seen_often: Collection[int] = ()
) -> tuple[defaultdict[int, list[str]], defaultdict[int, list[str]]]:
    """Each speaker's roles, and aliases (with the names articles gave it), sorted. Those in
    `seen_often` (in many articles: as many rows, mostly the same few names) are read by skipping from
    one name to the next in the index rather than row by row."""
    often = [speaker_id for speaker_id in ids if speaker_id in seen_often]
    rarely = [speaker_id for speaker_id in ids if speaker_id not in seen_often]
    roles, aliases, given = (
        _texts(session, owner, text, rarely) | _texts_skipping(session, owner, text, often)
        for owner, text in _TEXTS
    )
    for owner, names in given.items():
        aliases[owner] = sorted({*aliases[owner], *names})
    return roles, aliases


def _texts(session: Session, owner: Any, text: Any, ids: list[int]) -> defaultdict[int, list[str]]:
    found: defaultdict[int, list[str]] = defaultdict(list)
    if ids:
        for speaker_id, value in session.execute(
            select(owner, text).where(owner.in_(ids)).distinct().order_by(owner, text)
        ):
            found[speaker_id].append(value)
    return found


def _texts_skipping(session: Session, owner: Any, text: Any, ids: list[int]) -> dict[int, list[str]]:
    """Each speaker's distinct values of `text`, sorted, read by skipping from one value to the next in
    the (owner, text) index: a speaker seen in 30,000 articles under two names costs three index probes,
    where SELECT DISTINCT reads 30,000 rows."""
    found: defaultdict[int, list[str]] = defaultdict(list)
    if not ids:
        return found
    first = select(func.min(text)).where(owner == Speaker.id).scalar_subquery()
    seen = select(Speaker.id.label("owner"), first.label("value")).where(Speaker.id.in_(ids)).cte(
        "seen", recursive=True
    )
    following = select(func.min(text)).where(owner == seen.c.owner, text > seen.c.value).scalar_subquery()
    seen = seen.union_all(select(seen.c.owner, following).where(seen.c.value.is_not(None)))
    values = select(seen.c.owner, seen.c.value).where(seen.c.value.is_not(None))
    for speaker_id, value in session.execute(values.order_by(seen.c.owner, seen.c.value)):
        found[speaker_id].append(value)
    return found
