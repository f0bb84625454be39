"""One parsed article's rows: the article, its speakers (through `quotes.db.speakers`), quotes,
attributions, speaker counts and parse warnings, written in the caller's transaction by statements
built once (Core, or `quotes.db.bulk` for plain inserts), without ORM objects or a unit-of-work flush.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, insert
from sqlalchemy.orm import Session

from quotes.db.bulk import BulkStatement, on_conflict_insert
from quotes.db.fts import fold_for_search
from quotes.db.models import Article, Attribution, ParseWarning, Quote
from quotes.db.speakers import resolve_speakers
from quotes.db.stats import add_new_article_counts
from quotes.decoding import REPLACEMENT
from quotes.parse import ArticleParse, QuoteCandidate
from quotes.sources import SourceArticle

ROW_BATCH = 2000  # rows per INSERT: bounded memory for articles with ~100,000 quotes
WARNINGS_KEPT_PER_KIND = 20  # parser warnings stored one by one per message; the rest become one row
ATTRIBUTIONS = cast(Table, Attribution.__table__)  # Core inserts: the ORM bulk path ran one per row here
QUOTES = cast(Table, Quote.__table__)
_INSERT_QUOTES = insert(QUOTES).returning(QUOTES.c.id, QUOTES.c.start, QUOTES.c.end)
_QUOTE_ROWS = BulkStatement(  # SQLite: the same statement through the cursor (BulkStatement.returning)
    insert(QUOTES),
    "article_id start end text search_text paragraph kind group_number continues_id nested_in_id".split(),
)
ARTICLES = cast(Table, Article.__table__)
WARNINGS = cast(Table, ParseWarning.__table__)
_ATTRIBUTION_COLUMNS = (
    "quote_id speaker_id mention_text mention_start mention_end cue_text cue_start cue_end method confidence"
    " rule withheld_name origin created_at"
).split()
_INSERT_ATTRIBUTIONS = BulkStatement(insert(ATTRIBUTIONS), _ATTRIBUTION_COLUMNS)
_INSERT_WARNINGS = BulkStatement(insert(WARNINGS), ["article_id", "start", "end", "message"])
_ARTICLE_COLUMNS = (
    "content_hash title outlet url published language source_path source_line external_id text encoding author"
    " ingested_at"
).split()
_INSERT_ARTICLE_ROW = BulkStatement(insert(ARTICLES), _ARTICLE_COLUMNS)


@functools.cache
def _insert_article_pg() -> Any:  # no row back when the text is stored already
    insert_or_nothing = on_conflict_insert(postgres=True)(ARTICLES)
    return insert_or_nothing.on_conflict_do_nothing(index_elements=[ARTICLES.c.content_hash]).returning(ARTICLES.c.id)


class ArticleRejected(Exception):
    """The parse of an article cannot be stored as it is (a parser bug, reported per article)."""


class AlreadyStored(Exception):
    """An article with the same text is stored already (found when inserting it)."""

    def __str__(self) -> str:
        return "an article with the same text is stored already"



@dataclass(frozen=True, slots=True)
class StoredArticle:
    """What the rest of an article's write needs of its row, without an ORM object."""

    id: int
    title: str | None
    outlet: str | None
    published: date | None
    text: str


def store_article(
    session: Session, source: SourceArticle, parse: ArticleParse, *, digest: str, now: datetime
) -> StoredArticle:
    """Add the article and everything the parser found in it to `session`'s transaction (no commit);
    AlreadyStored when an article with the same text is stored already.

    Every row goes in by a Core statement built once, on the session's connection: no ORM object, no
    unit-of-work flush, and each table's rows of the article in one statement.
    """
    check_parse(source.text, parse)
    connection = session.connection()
    values: dict[str, Any] = {
        "content_hash": digest,
        "title": source.title,
        "outlet": source.outlet,
        "url": source.url,
        "published": source.published,
        "language": source.language,
        "source_path": source.source_path,
        "source_line": source.line,
        "external_id": source.external_id,
        "text": source.text,
        "encoding": source.encoding,
        "author": source.author,
        "ingested_at": now,
    }
    article_id: int | None
    if connection.dialect.name == "sqlite":  # a stored text fails the unique content_hash: IntegrityError
        (article_id,) = _INSERT_ARTICLE_ROW.inserted_ids(connection, [values])
    else:
        article_id = connection.execute(_insert_article_pg(), values).scalar()
    if article_id is None:
        raise AlreadyStored
    article = StoredArticle(article_id, source.title, source.outlet, source.published, source.text)
    speaker_ids = resolve_speakers(session, article, parse.speakers, now=now)
    quote_ids = _insert_quotes(connection, article.id, parse)
    for first in range(0, len(parse.quotes), ROW_BATCH):
        batch_rows = [
            _attribution_row(quote_ids[first + offset], candidate, speaker_ids, now)
            for offset, candidate in enumerate(parse.quotes[first : first + ROW_BATCH])
        ]
        _INSERT_ATTRIBUTIONS.execute(connection, batch_rows)  # one executemany
    add_new_article_counts(
        connection,
        article.id,
        (
            (speaker_ids[candidate.speaker], candidate.kind == "speech")
            for candidate in parse.quotes
            if candidate.speaker is not None
        ),
    )
    warnings = [
        {"article_id": article.id, "start": start, "end": end, "message": message}
        for start, end, message in warning_spans(article.text, parse)
    ]
    _INSERT_WARNINGS.execute(connection, warnings)
    return article


def _insert_quotes(connection: Connection, article_id: int, parse: ArticleParse) -> list[int]:
    """Insert the article's quotes in batches (a 10 MB article has ~100,000), each after the quotes it
    continues or is nested in, so every row goes in whole; their ids, in the parse's order. A quote's
    id is found by its (start, end), unique within an article, so RETURNING needs no row order."""
    quotes = parse.quotes
    ids: list[int] = [0] * len(quotes)
    for level in _reference_levels(quotes):
        for first in range(0, len(level), ROW_BATCH):
            batch = level[first : first + ROW_BATCH]
            rows = [
                {
                    "article_id": article_id,
                    "start": quotes[position].start,
                    "end": quotes[position].end,
                    "text": quotes[position].text,
                    "search_text": fold_for_search(quotes[position].text),
                    "paragraph": quotes[position].paragraph,
                    "kind": str(quotes[position].kind),
                    "group_number": quotes[position].group,
                    "continues_id": _reference(ids, quotes[position].continues),
                    "nested_in_id": _reference(ids, quotes[position].nested_in),
                }
                for position in batch
            ]
            if connection.dialect.name == "sqlite":
                returned = _QUOTE_ROWS.returning(connection, rows, 'id, start, "end"')
            else:
                returned = list(connection.execute(_INSERT_QUOTES, rows))
            by_span = {(start, end): quote_id for quote_id, start, end in returned}
            for position in batch:
                ids[position] = by_span[(quotes[position].start, quotes[position].end)]
    return ids


def _reference(ids: list[int], position: int | None) -> int | None:
    return None if position is None else ids[position]


def _reference_levels(quotes: Sequence[QuoteCandidate]) -> list[list[int]]:
    """Quote positions grouped so each group refers (continues, nested_in) only to earlier groups."""
    depth: dict[int, int] = {}
    on_path: set[int] = set()  # expanded, not finished: a reference back to one is a circle
    for position in range(len(quotes)):
        stack = [(position, False)]
        while stack:
            current, expanded = stack.pop()
            if current in depth:
                continue
            references = [ref for ref in (quotes[current].continues, quotes[current].nested_in) if ref is not None]
            if expanded:
                depth[current] = 1 + max((depth[ref] for ref in references), default=-1)
                on_path.discard(current)
                continue
            if current in on_path:
                raise ArticleRejected(f"parser error: quote {current} refers to itself through others")
            on_path.add(current)
            stack.append((current, True))
            stack.extend((ref, False) for ref in references if ref not in depth)
    levels: list[list[int]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for position in range(len(quotes)):
        levels[depth[position]].append(position)
    return levels


def _attribution_row(
    quote_id: int, candidate: QuoteCandidate, speaker_ids: dict[int, int], now: datetime
) -> dict[str, Any]:
    mention, cue = candidate.mention, candidate.cue
    return {
        "quote_id": quote_id,
        "speaker_id": None if candidate.speaker is None else speaker_ids[candidate.speaker],
        "mention_text": mention.text if mention else None,
        "mention_start": mention.start if mention else None,
        "mention_end": mention.end if mention else None,
        "cue_text": cue.text if cue else None,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        "method": str(candidate.method),
        "confidence": candidate.confidence,
        "rule": str(candidate.rule),
        "withheld_name": candidate.withheld,
        "origin": "parser",
        "created_at": now,
    }


def warning_rows(article: Article, parse: ArticleParse) -> list[ParseWarning]:
    """The parser's warnings about the article's text, as rows (see `warning_spans`)."""
    return [
        ParseWarning(article_id=article.id, start=start, end=end, message=message)
        for start, end, message in warning_spans(article.text, parse)
    ]


def warning_spans(text: str, parse: ArticleParse) -> list[tuple[int, int, str]]:
    """(start, end, message) of the parser's warnings about `text`: the first WARNINGS_KEPT_PER_KIND of
    each message one by one, the rest of that message as one row with a count spanning them; plus one
    row when the text holds U+FFFD (control characters are stored as it)."""
    rows: list[tuple[int, int, str]] = []
    kept: dict[str, int] = {}
    rest: dict[str, list[int]] = {}  # message -> [count, first start, last end]
    for warning in parse.warnings:
        if kept.get(warning.message, 0) < WARNINGS_KEPT_PER_KIND:
            kept[warning.message] = kept.get(warning.message, 0) + 1
            rows.append((warning.start, warning.end, warning.message))
        elif (summary := rest.get(warning.message)) is None:
            rest[warning.message] = [1, warning.start, warning.end]
        else:
            summary[0] += 1
            summary[2] = max(summary[2], warning.end)
    for message, (count, start, end) in rest.items():
        rows.append((start, end, f"{count:,} more: {message}"))
    replaced = text.count(REPLACEMENT)
    if replaced:
        first = text.index(REPLACEMENT)
        message = f"{replaced:,} U+FFFD in the text (control characters are stored as U+FFFD)"
        rows.append((first, first + 1, message))
    return rows


def check_parse(text: str, parse: ArticleParse) -> None:
    """Refuse a parse whose offsets or references do not hold, rather than store wrong evidence."""
    keys = {speaker.key for speaker in parse.speakers}
    count = len(parse.quotes)
    for position, quote in enumerate(parse.quotes):
        where = f"quote {position} [{quote.start}:{quote.end}]"
        if text[quote.start : quote.end] != quote.text or not 0 <= quote.start <= quote.end:
            raise ArticleRejected(f"parser error: {where} text does not match the article at its offsets")
        if quote.speaker is not None and quote.speaker not in keys:
            raise ArticleRejected(f"parser error: {where} names unknown speaker {quote.speaker}")
        for reference in (quote.continues, quote.nested_in):
            if reference is not None and not 0 <= reference < count:
                raise ArticleRejected(f"parser error: {where} refers to missing quote {reference}")
        if not 0.0 <= quote.confidence <= 1.0:
            raise ArticleRejected(f"parser error: {where} confidence {quote.confidence} is outside 0..1")
