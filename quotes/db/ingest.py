"""Storing articles: parse each one and write it with its quotes, speakers and attributions.

One transaction per article, so an article that fails leaves nothing behind while the others go on.
An article whose text is already stored (same sha256) is reported as present and left untouched.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import random
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import case, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.errors import is_busy, one_line
from quotes.db.fts import fold_for_search
from quotes.db.models import Article, Attribution, ParseWarning, Quote
from quotes.db.speakers import resolve_speakers
from quotes.parallel import InlinePool, ParsePool, PendingParse, parse_text
from quotes.parse import ArticleParse
from quotes.sources import SourceArticle, SourceError

BUSY_RETRIES = 60  # SQLite "database is locked": try the article's transaction again, backing off to 2 s


class Status(StrEnum):
    ADDED = "added"
    PRESENT = "present"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one article (or one unreadable file or line)."""

    label: str  # "path" or "path:line"
    status: Status
    quotes: int = 0
    message: str = ""
    article_id: int | None = None
    warnings: int = 0  # the parser's warnings about the text (unclosed marks and the like), stored
    size: int = 0  # bytes of article text (UTF-8), for throughput


@dataclass(slots=True)
class IngestReport:
    added: int = 0
    present: int = 0
    quotes: int = 0
    warnings: int = 0
    bytes: int = 0
    failures: list[Outcome] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return self.added + self.present + self.failed

    def record(self, outcome: Outcome) -> None:
        self.bytes += outcome.size
        if outcome.status is Status.ADDED:
            self.added += 1
            self.quotes += outcome.quotes
            self.warnings += outcome.warnings
        elif outcome.status is Status.PRESENT:
            self.present += 1
        else:
            self.failures.append(outcome)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def summary(self) -> str:
        text = (
            f"{self.added} added, {self.present} already present, {self.failed} failed; "
            f"{self.quotes} quotes stored"
        )
        if self.warnings:
            text += f"; {self.warnings} parse warning{'s' if self.warnings != 1 else ''} (unclosed or stray marks) stored"
        return text


class ArticleRejected(Exception):
    """The parse of an article cannot be stored as it is (a parser bug, reported per article)."""


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ingest_sources(
    factory: sessionmaker[Session],
    sources: Iterable[SourceArticle | SourceError],
    *,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    pool: ParsePool | None = None,
) -> Iterator[Outcome]:
    """Store each readable article in its own transaction; yield one outcome per article or error, in
    the order given.

    `pool` parses articles elsewhere (worker processes, a Dask cluster) while this process writes: only
    articles not stored yet are sent, at most `pool.window` at a time, so memory stays flat on any
    archive. Without a pool each article is parsed here.
    """
    pool = pool or InlinePool()
    pending: deque[tuple[SourceArticle | SourceError, str, PendingParse | None]] = deque()
    with factory() as lookup:
        for source in sources:
            if isinstance(source, SourceError):
                pending.append((source, "", None))
            else:
                digest = content_hash(source.text)
                seen = _seen(lookup, digest)
                future = None if seen is not None else pool.submit(source.text)
                pending.append((source, digest, future))
            while len(pending) > pool.window:
                yield _finish(factory, *pending.popleft(), now=now)
        while pending:
            yield _finish(factory, *pending.popleft(), now=now)


def _finish(
    factory: sessionmaker[Session],
    source: SourceArticle | SourceError,
    digest: str,
    future: PendingParse | None,
    *,
    now: Callable[[], datetime],
) -> Outcome:
    if isinstance(source, SourceError):
        return Outcome(source.label, Status.FAILED, message=source.message)
    if future is None:
        with factory() as session:
            return Outcome(source.label, Status.PRESENT, article_id=_seen(session, digest), size=_size(source))
    parsed = future.result()
    if isinstance(parsed, str):
        return Outcome(source.label, Status.FAILED, message=parsed, size=_size(source))
    return store_parsed(factory, source, parsed, digest=digest, now=now())


def ingest_article(factory: sessionmaker[Session], source: SourceArticle, *, now: datetime) -> Outcome:
    """Parse and store one article here, in one transaction (or report it present or failed)."""
    digest = content_hash(source.text)
    with factory() as session:
        existing = _article_id(session, digest)
    if existing is not None:
        return Outcome(source.label, Status.PRESENT, article_id=existing, size=_size(source))
    parsed = parse_text(source.text)
    if isinstance(parsed, str):
        return Outcome(source.label, Status.FAILED, message=parsed, size=_size(source))
    return store_parsed(factory, source, parsed, digest=digest, now=now)


def store_parsed(
    factory: sessionmaker[Session], source: SourceArticle, parse: ArticleParse, *, digest: str, now: datetime
) -> Outcome:
    """Write one parsed article in its own transaction: ADDED, PRESENT (stored by anyone before or
    meanwhile) or FAILED with a one-line reason. SQLite's "database is locked" is waited out."""
    size = _size(source)
    for attempt in itertools.count():
        try:
            with factory.begin() as session:
                existing = _article_id(session, digest)
                if existing is not None:
                    return Outcome(source.label, Status.PRESENT, article_id=existing, size=size)
                article = store_article(session, source, parse, digest=digest, now=now)
                session.flush()
                article_id = article.id
            return Outcome(
                source.label, Status.ADDED, quotes=len(parse.quotes), article_id=article_id,
                warnings=len(parse.warnings), size=size,
            )
        except IntegrityError as error:
            with factory() as session:  # stored meanwhile by another writer: that is "present"
                existing = _article_id(session, digest)
            if existing is not None:
                return Outcome(source.label, Status.PRESENT, article_id=existing, size=size)
            message = f"database refused the article: {one_line(error)}"
        except OperationalError as error:
            if is_busy(error) and attempt < BUSY_RETRIES:
                time.sleep(min(0.05 * 2**attempt, 2.0) * (0.5 + random.random()))
                continue
            message = f"database error: {one_line(error)}"
        except ArticleRejected as error:
            message = str(error)
        except Exception as error:  # noqa: BLE001  (one article's failure, whatever it is, must not stop the batch)
            message = f"{type(error).__name__}: {one_line(error)}"
        return Outcome(source.label, Status.FAILED, message=message, size=size)
    raise AssertionError("unreachable")


def _seen(lookup: Session, digest: str) -> int | None:
    """The id of an article already stored with this text, to skip parsing it; None when there is none
    or the database is too busy to say (the write transaction checks again)."""
    try:
        return _article_id(lookup, digest)
    except OperationalError as error:
        if not is_busy(error):
            raise
        return None
    finally:
        lookup.rollback()  # each look-up sees what other writers have committed since


def _size(source: SourceArticle) -> int:
    return len(source.text.encode("utf-8"))


def _article_id(session: Session, digest: str) -> int | None:
    return session.scalars(select(Article.id).where(Article.content_hash == digest)).first()


def store_article(
    session: Session, source: SourceArticle, parse: ArticleParse, *, digest: str, now: datetime
) -> Article:
    """Add the article and everything the parser found in it to `session` (no commit)."""
    check_parse(source.text, parse)
    article = Article(
        content_hash=digest,
        title=source.title,
        outlet=source.outlet,
        url=source.url,
        published=source.published,
        language=source.language,
        source_path=os.path.abspath(source.path),
        source_line=source.line,
        external_id=source.external_id,
        text=source.text,
        ingested_at=now,
    )
    session.add(article)
    speakers = resolve_speakers(session, article, parse.speakers, now=now)
    session.flush()  # the article's id, for its quote rows
    _insert_quotes(session, article.id, parse, speakers, now=now)
    session.add_all(warning_rows(article, parse))
    return article


def _insert_quotes(
    session: Session, article_id: int, parse: ArticleParse, speakers: Mapping[int, int], *, now: datetime
) -> None:
    """The article's quotes and their parser attributions, as bulk INSERTs: the writer's hot path, which
    the unit of work made several times slower than the statements themselves."""
    if not parse.quotes:
        return
    quote_ids = list(
        session.scalars(
            insert(Quote).returning(Quote.id, sort_by_parameter_order=True),
            [
                {
                    "article_id": article_id,
                    "start": candidate.start,
                    "end": candidate.end,
                    "text": candidate.text,
                    "search_text": fold_for_search(candidate.text),
                    "paragraph": candidate.paragraph,
                    "kind": str(candidate.kind),
                    "group_number": candidate.group,
                }
                for candidate in parse.quotes
            ],
        )
    )
    continues = {
        quote_id: quote_ids[candidate.continues]
        for candidate, quote_id in zip(parse.quotes, quote_ids, strict=True)
        if candidate.continues is not None
    }
    nested_in = {
        quote_id: quote_ids[candidate.nested_in]
        for candidate, quote_id in zip(parse.quotes, quote_ids, strict=True)
        if candidate.nested_in is not None
    }
    links: dict[str, Any] = {}
    if continues:
        links["continues_id"] = case(continues, value=Quote.id)
    if nested_in:
        links["nested_in_id"] = case(nested_in, value=Quote.id)
    if links:  # one UPDATE whose WHERE names these rows, so speaker counts look at this article only
        session.execute(update(Quote).where(Quote.id.in_([*continues, *nested_in])).values(**links))
    attributions = []
    for candidate, quote_id in zip(parse.quotes, quote_ids, strict=True):
        mention, cue = candidate.mention, candidate.cue
        attributions.append(
            {
                "quote_id": quote_id,
                "speaker_id": None if candidate.speaker is None else speakers[candidate.speaker],
                "mention_text": mention.text if mention else None,
                "mention_start": mention.start if mention else None,
                "mention_end": mention.end if mention else None,
                "cue_text": cue.text if cue else None,
                "cue_start": cue.start if cue else None,
                "cue_end": cue.end if cue else None,
                "method": str(candidate.method),
                "confidence": candidate.confidence,
                "origin": "parser",
                "created_at": now,
            }
        )
    session.execute(insert(Attribution), attributions)


def warning_rows(article: Article, parse: ArticleParse) -> list[ParseWarning]:
    """The parser's warnings about the article's text, as rows."""
    return [
        ParseWarning(article=article, start=warning.start, end=warning.end, message=warning.message)
        for warning in parse.warnings
    ]


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
