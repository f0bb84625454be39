"""Storing articles: parse each one and write it with its quotes, speakers and attributions.

One transaction per article, so an article that fails leaves nothing behind while the others go on.
An article whose text is already stored (same sha256 of the normalised text) is reported as present and
left untouched. Before anything reaches the database, C0 control characters (but tab and newline) and
lone surrogates become U+FFFD, one character for one, on both backends (PostgreSQL refuses NUL), and the
article's outcome says how many; the parser's warnings are capped per kind and summarised with a count.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import random
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, cast

from sqlalchemy import Table, bindparam, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.article_rows import AlreadyStored, ArticleRejected, store_article
from quotes.db.engine import READ_ONLY
from quotes.db.errors import is_busy, one_line
from quotes.db.models import Article
from quotes.decoding import normalise_newlines, replace_controls
from quotes.interrupts import held_interrupts
from quotes.parallel import InlinePool, Parse, ParsePool, ParseQueue, parse_text
from quotes.parse import ArticleParse
from quotes.parse.rules import DEFAULT_MIN_CONFIDENCE
from quotes.sources import SourceArticle, SourceError

SKIPPED_LISTED = 10  # unsupported files named in the summary
ARTICLES = cast(Table, Article.__table__)
_ARTICLE_BY_HASH = select(ARTICLES.c.id).where(ARTICLES.c.content_hash == bindparam("digest"))
_ARTICLES_BY_HASH = select(ARTICLES.c.content_hash, ARTICLES.c.id).where(
    ARTICLES.c.content_hash.in_(bindparam("digests", expanding=True))
)
LOOKUP_BATCH = 64  # articles whose text hashes are looked up in one query before parsing
LOOKUP_BATCH_BYTES = 8_000_000  # ... or fewer, so a batch of huge articles stays small in memory
_READ_ONLY = {READ_ONLY: True}
WRITER_CACHE_KIB = 65_536  # SQLite page cache of a connection that stores articles (see _writer_settings)
WRITER_CHECKPOINT_PAGES = 10_000  # its WAL checkpoints every ~40 MB instead of SQLite's 1,000 pages
WRITER_WAL_LIMIT_BYTES = 64 * 1024 * 1024  # ... and a WAL file left larger than this is cut back to it
_WRITER_SETTINGS = "quotes_writer_settings"  # pool connection info key: the settings are made
BUSY_RETRIES = 60  # SQLite "database is locked": try the article's transaction again, backing off to 2 s


class Status(StrEnum):
    ADDED = "added"
    PRESENT = "present"
    FAILED = "failed"
    SKIPPED = "skipped"  # a file of a kind that is not read, found in a folder


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one article (or one unreadable file or line)."""

    label: str  # "path" or "path:line"
    status: Status
    quotes: int = 0
    message: str = ""
    article_id: int | None = None
    warnings: int = 0  # the parser's warnings about the text (unclosed marks and the like), found
    size: int = 0  # bytes of article text (UTF-8), for throughput


@dataclass(slots=True)
class IngestReport:
    added: int = 0
    present: int = 0
    quotes: int = 0
    warnings: int = 0
    bytes: int = 0
    failures: list[Outcome] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

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
        elif outcome.status is Status.SKIPPED:
            self.skipped.append(outcome.label)
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
            text += f"; {self.warnings:,} parse warning{'s' if self.warnings != 1 else ''} (unclosed or stray marks)"
        if self.skipped:
            shown = ", ".join(self.skipped[:SKIPPED_LISTED])
            more = f" and {len(self.skipped) - SKIPPED_LISTED} more" if len(self.skipped) > SKIPPED_LISTED else ""
            text += f"; {len(self.skipped)} unsupported file{'s' if len(self.skipped) != 1 else ''} skipped: {shown}{more}"
        return text


def content_hash(text: str) -> str:
    """sha256 of the text as stored: BOM removed, newlines as LF, so encodings and line ends hash alike."""
    return hashlib.sha256(normalise_newlines(text).encode("utf-8", errors="surrogatepass")).hexdigest()


def clean_source(source: SourceArticle) -> tuple[SourceArticle, str]:
    """`source` as it may be stored: newline-normalised text, and C0 controls and lone surrogates as
    U+FFFD in the text and every field; plus a note of what was replaced ("" when nothing was)."""
    text, count, first = replace_controls(normalise_newlines(source.text))
    fields: dict[str, Any] = {
        name: replace_controls(value)[0]
        for name in ("title", "outlet", "url", "language", "external_id", "encoding", "author")
        if isinstance(value := getattr(source, name), str)
    }
    note = ""
    if count:
        note = f"{count:,} control character{'s' if count != 1 else ''} stored as U+FFFD (first at offset {first})"
    if any(fields[name] != getattr(source, name) for name in fields) and not note:
        note = "control characters in the metadata stored as U+FFFD"
    return replace(source, text=text, **fields), note


def ingest_sources(
    factory: sessionmaker[Session],
    sources: Iterable[SourceArticle | SourceError],
    *,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    pool: ParsePool | None = None,
    report: IngestReport | None = None,
) -> Iterator[Outcome]:
    """Store each readable article in its own transaction; yield one outcome per article or error, in
    the order given. A speaker under `min_confidence` is withheld: its quote is stored unresolved.

    Each outcome is recorded in `report` (if given) before it is yielded, a stored article's in the
    same breath as its commit (Ctrl-C is held meanwhile): after a KeyboardInterrupt, `report.added` is
    exactly the number of articles this call stored.

    `pool` parses articles elsewhere (worker processes, a Dask cluster) while this process writes: only
    articles not stored yet are parsed, at most `pool.window` read ahead, so memory stays flat on any
    archive; this process parses those of them not sent to the pool whenever the next one to store is
    not parsed yet (quotes.parallel.ParseQueue). Without a pool each article is parsed here. Whether an
    article is stored already is asked for up to LOOKUP_BATCH articles in one query.
    """
    parses = ParseQueue(pool or InlinePool(), min_confidence)
    window = parses.pool.window
    pending: deque[tuple[SourceArticle | SourceError, str, str, Parse | None]] = deque()
    in_flight: Counter[str] = Counter()  # text hashes sent to be parsed, not stored yet
    record = report.record if report is not None else _ignore
    finish = functools.partial(
        _finish, factory, parses, now=now, min_confidence=min_confidence, in_flight=in_flight, record=record
    )
    with factory() as lookup:
        for batch in _batches(sources):
            cleaned = [_cleaned(source) for source in batch]
            # stored before, or sent to be parsed earlier in this batch: not parsed (again)
            known = _stored(lookup, [digest for _, _, digest in cleaned if digest])
            for source, note, digest in cleaned:
                parse = None
                if isinstance(source, SourceArticle) and digest not in known and not in_flight[digest]:
                    parse = parses.add(source.text)
                    in_flight[digest] += 1
                    known.add(digest)
                pending.append((source, note, digest, parse))
                while len(pending) > window:
                    yield finish(*pending.popleft())
        while pending:
            yield finish(*pending.popleft())


def _batches(
    sources: Iterable[SourceArticle | SourceError],
) -> Iterator[list[SourceArticle | SourceError]]:
    """The sources in order, a few at a time (LOOKUP_BATCH articles or LOOKUP_BATCH_BYTES of text)."""
    batch: list[SourceArticle | SourceError] = []
    size = 0
    for source in sources:
        batch.append(source)
        size += len(source.text) if isinstance(source, SourceArticle) else 0
        if len(batch) >= LOOKUP_BATCH or size >= LOOKUP_BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _cleaned(source: SourceArticle | SourceError) -> tuple[SourceArticle | SourceError, str, str]:
    """(the source as it may be stored, a note of what cleaning replaced, its text hash)."""
    if isinstance(source, SourceError):
        return source, "", ""
    source, note = clean_source(source)
    return source, note, content_hash(source.text)


def _finish(
    factory: sessionmaker[Session],
    parses: ParseQueue,
    source: SourceArticle | SourceError,
    note: str,
    digest: str,
    parse: Parse | None,
    *,
    now: Callable[[], datetime],
    min_confidence: float,
    in_flight: Counter[str],
    record: Callable[[Outcome], None],
) -> Outcome:
    """The outcome of one source, recorded: stored by store_parsed, or why it is not stored."""
    outcome = _unstored(factory, parses, source, digest, parse, min_confidence=min_confidence, in_flight=in_flight)
    if isinstance(outcome, Outcome):
        record(outcome)
        return outcome
    assert isinstance(source, SourceArticle)
    return store_parsed(factory, source, outcome, digest=digest, now=now(), note=note, record=record)


def _unstored(
    factory: sessionmaker[Session],
    parses: ParseQueue,
    source: SourceArticle | SourceError,
    digest: str,
    parse: Parse | None,
    *,
    min_confidence: float,
    in_flight: Counter[str],
) -> Outcome | ArticleParse:
    """Why the source is not to be stored (unreadable, present, not parsed), or its parse to store."""
    if isinstance(source, SourceError):
        return Outcome(source.label, Status.SKIPPED if source.skipped else Status.FAILED, message=source.message)
    if parse is None:  # stored before, or the same text earlier in this run
        with factory() as session:
            existing = _article_id(session, digest, read_only=True)
        if existing is not None:
            return Outcome(source.label, Status.PRESENT, article_id=existing, size=_size(source))
        parsed = parse_text(source.text, min_confidence)  # the earlier copy failed: try this one
    else:
        in_flight[digest] -= 1
        parsed = parses.result(parse)
    if isinstance(parsed, str):
        return Outcome(source.label, Status.FAILED, message=parsed, size=_size(source))
    return parsed


def _ignore(_outcome: Outcome) -> None:
    """Record nothing (no report given)."""


def ingest_article(
    factory: sessionmaker[Session],
    source: SourceArticle,
    *,
    now: datetime,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> Outcome:
    """Parse and store one article here, in one transaction (or report it present or failed)."""
    source, note = clean_source(source)
    digest = content_hash(source.text)
    with factory() as session:
        existing = _article_id(session, digest, read_only=True)
    if existing is not None:
        return Outcome(source.label, Status.PRESENT, article_id=existing, size=_size(source))
    parsed = parse_text(source.text, min_confidence)
    if isinstance(parsed, str):
        return Outcome(source.label, Status.FAILED, message=parsed, size=_size(source))
    return store_parsed(factory, source, parsed, digest=digest, now=now, note=note)


def store_parsed(
    factory: sessionmaker[Session],
    source: SourceArticle,
    parse: ArticleParse,
    *,
    digest: str,
    now: datetime,
    note: str = "",
    record: Callable[[Outcome], None] = _ignore,
) -> Outcome:
    """Write one parsed article in its own transaction: ADDED, PRESENT (stored by anyone before or
    meanwhile) or FAILED with a one-line reason, passed to `record` before Ctrl-C can land after the
    commit. SQLite's "database is locked" is waited out."""
    for attempt in itertools.count():
        with held_interrupts():
            outcome = _store_once(factory, source, parse, digest=digest, now=now, note=note, retry=attempt < BUSY_RETRIES)
            if outcome is not None:
                record(outcome)
                return outcome
        time.sleep(min(0.05 * 2**attempt, 2.0) * (0.5 + random.random()))
    raise AssertionError("unreachable")


def _store_once(
    factory: sessionmaker[Session],
    source: SourceArticle,
    parse: ArticleParse,
    *,
    digest: str,
    now: datetime,
    note: str,
    retry: bool,
) -> Outcome | None:
    """One try at storing the article; None when the database was busy and `retry` says try again."""
    size = _size(source)
    try:
        with factory.begin() as session:
            _writer_settings(session)
            article_id = store_article(session, source, parse, digest=digest, now=now).id
        return Outcome(
            source.label, Status.ADDED, quotes=len(parse.quotes), message=note, article_id=article_id,
            warnings=len(parse.warnings), size=size,
        )
    except (AlreadyStored, IntegrityError) as error:
        with factory() as session:  # stored before or meanwhile by another writer: that is "present"
            existing = _article_id(session, digest)
        if existing is not None:
            return Outcome(source.label, Status.PRESENT, article_id=existing, size=size)
        message = f"database refused the article: {one_line(error)}"
    except OperationalError as error:
        if is_busy(error) and retry:
            return None
        message = f"database error: {one_line(error)}"
    except ArticleRejected as error:
        message = str(error)
    except Exception as error:  # noqa: BLE001  (one article's failure, whatever it is, must not stop the batch)
        message = f"{type(error).__name__}: {one_line(error)}"
    return Outcome(source.label, Status.FAILED, message=message, size=size)


def _writer_settings(session: Session) -> None:
    """Settings of a SQLite connection that stores articles, made once per connection (readers keep
    SQLite's defaults):

    - A page cache of WRITER_CACHE_KIB. An article writes to some fifty b-trees (tables, indexes,
      full-text segments) at places spread over the whole file; with SQLite's default 2 MB most of those
      pages are read from the file again for every article once the archive outgrows it. The pages are
      held only as they are read.
    - A WAL checkpoint every WRITER_CHECKPOINT_PAGES pages instead of every 1,000. An article's commit
      appends some 70 pages to the WAL (real news), many of them the same hot pages as the article
      before (index leaves, full-text segments, counters); a checkpoint copies each page once however
      often it was written since the last one, so one every ~140 articles copies far fewer pages per
      article than one every ~14. The last connection to close checkpoints what is left (SQLite does),
      so `quotes ingest` ends with the WAL copied in; a reader meanwhile reads the newest pages from the
      WAL, as before.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    info = connection.connection.info
    if not info.get(_WRITER_SETTINGS):
        connection.exec_driver_sql(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
        connection.exec_driver_sql(f"PRAGMA wal_autocheckpoint = {WRITER_CHECKPOINT_PAGES}")
        connection.exec_driver_sql(f"PRAGMA journal_size_limit = {WRITER_WAL_LIMIT_BYTES}")
        info[_WRITER_SETTINGS] = True


def _stored(lookup: Session, digests: list[str]) -> set[str]:
    """Which of these text hashes are stored already, to skip parsing those articles; none when the
    database is too busy to say (the write transaction finds out)."""
    if not digests:
        return set()
    try:
        lookup.connection(execution_options=_READ_ONLY)
        return set(lookup.scalars(_ARTICLES_BY_HASH, {"digests": sorted(set(digests))}))
    except OperationalError as error:
        if not is_busy(error):
            raise
        return set()
    finally:
        lookup.rollback()  # each look-up sees what other writers have committed since


def _size(source: SourceArticle) -> int:
    return len(source.text.encode("utf-8", errors="surrogatepass"))


def _article_id(session: Session, digest: str, *, read_only: bool = False) -> int | None:
    """The id of the article stored with this text hash; `read_only` for a look-up outside a write
    transaction, which then takes no write lock (a session's first statement only)."""
    if read_only:
        session.connection(execution_options=_READ_ONLY)
    return session.execute(_ARTICLE_BY_HASH, {"digest": digest}).scalar()
