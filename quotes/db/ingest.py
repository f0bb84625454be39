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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.bulk import BulkStatement
from quotes.db.engine import READ_ONLY
from quotes.db.errors import is_busy, one_line
from quotes.db.fts import fold_for_search
from quotes.db.models import Article, Attribution, ParseWarning, Quote
from quotes.db.speakers import resolve_speakers
from quotes.db.stats import add_new_article_counts
from quotes.decoding import REPLACEMENT, normalise_newlines, replace_controls
from quotes.parallel import InlinePool, ParsePool, PendingParse, parse_text
from quotes.parse import ArticleParse, QuoteCandidate
from quotes.parse.rules import DEFAULT_MIN_CONFIDENCE
from quotes.sources import SourceArticle, SourceError

ROW_BATCH = 2000  # rows per INSERT: bounded memory for articles with ~100,000 quotes
WARNINGS_KEPT_PER_KIND = 20  # parser warnings stored one by one per message; the rest become one row
SKIPPED_LISTED = 10  # unsupported files named in the summary
ATTRIBUTIONS = cast(Table, Attribution.__table__)  # Core inserts: the ORM bulk path ran one per row here
QUOTES = cast(Table, Quote.__table__)
_INSERT_QUOTES = insert(QUOTES).returning(QUOTES.c.id, QUOTES.c.start, QUOTES.c.end)
ARTICLES = cast(Table, Article.__table__)
WARNINGS = cast(Table, ParseWarning.__table__)
_ATTRIBUTION_COLUMNS = (
    "quote_id speaker_id mention_text mention_start mention_end cue_text cue_start cue_end method confidence"
    " rule withheld_name origin created_at"
).split()
_INSERT_ATTRIBUTIONS = BulkStatement(insert(ATTRIBUTIONS), _ATTRIBUTION_COLUMNS)
_INSERT_WARNINGS = BulkStatement(insert(WARNINGS), ["article_id", "start", "end", "message"])
_INSERT_ARTICLE = {  # by "is PostgreSQL": no row back when the text is stored already
    postgres: dialect_insert(ARTICLES)
    .on_conflict_do_nothing(index_elements=[ARTICLES.c.content_hash])
    .returning(ARTICLES.c.id)
    for postgres, dialect_insert in ((True, postgresql_insert), (False, sqlite_insert))
}
_ARTICLE_BY_HASH = select(ARTICLES.c.id).where(ARTICLES.c.content_hash == bindparam("digest"))
_ARTICLES_BY_HASH = select(ARTICLES.c.content_hash, ARTICLES.c.id).where(
    ARTICLES.c.content_hash.in_(bindparam("digests", expanding=True))
)
LOOKUP_BATCH = 64  # articles whose text hashes are looked up in one query before parsing
LOOKUP_BATCH_BYTES = 8_000_000  # ... or fewer, so a batch of huge articles stays small in memory
_READ_ONLY = {READ_ONLY: True}
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


class ArticleRejected(Exception):
    """The parse of an article cannot be stored as it is (a parser bug, reported per article)."""


class AlreadyStored(Exception):
    """An article with the same text is stored already (found when inserting it)."""

    def __str__(self) -> str:
        return "an article with the same text is stored already"


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
) -> Iterator[Outcome]:
    """Store each readable article in its own transaction; yield one outcome per article or error, in
    the order given. A speaker under `min_confidence` is withheld: its quote is stored unresolved.

    `pool` parses articles elsewhere (worker processes, a Dask cluster) while this process writes: only
    articles not stored yet are sent, at most `pool.window` at a time, so memory stays flat on any
    archive. Without a pool each article is parsed here. Whether an article is stored already is asked
    for up to LOOKUP_BATCH articles in one query.
    """
    pool = pool or InlinePool()
    pending: deque[tuple[SourceArticle | SourceError, str, str, PendingParse | None]] = deque()
    in_flight: Counter[str] = Counter()  # text hashes sent to be parsed, not stored yet
    finish = functools.partial(_finish, factory, now=now, min_confidence=min_confidence, in_flight=in_flight)
    with factory() as lookup:
        for batch in _batches(sources):
            cleaned = [_cleaned(source) for source in batch]
            stored = _stored(lookup, [digest for _, _, digest in cleaned if digest])
            for source, note, digest in cleaned:
                future = None
                if isinstance(source, SourceArticle) and digest not in stored and not in_flight[digest]:
                    future = pool.submit(source.text, min_confidence)
                    in_flight[digest] += 1
                pending.append((source, note, digest, future))
                while len(pending) > pool.window:
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
    source: SourceArticle | SourceError,
    note: str,
    digest: str,
    future: PendingParse | None,
    *,
    now: Callable[[], datetime],
    min_confidence: float,
    in_flight: Counter[str],
) -> Outcome:
    if isinstance(source, SourceError):
        return Outcome(source.label, Status.SKIPPED if source.skipped else Status.FAILED, message=source.message)
    if future is None:  # stored before, or the same text earlier in this run
        with factory() as session:
            existing = _article_id(session, digest, read_only=True)
        if existing is not None:
            return Outcome(source.label, Status.PRESENT, article_id=existing, size=_size(source))
        future = InlinePool().submit(source.text, min_confidence)  # the earlier copy failed: try this one
    else:
        in_flight[digest] -= 1
    parsed = future.result()
    if isinstance(parsed, str):
        return Outcome(source.label, Status.FAILED, message=parsed, size=_size(source))
    return store_parsed(factory, source, parsed, digest=digest, now=now(), note=note)


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
) -> Outcome:
    """Write one parsed article in its own transaction: ADDED, PRESENT (stored by anyone before or
    meanwhile) or FAILED with a one-line reason. SQLite's "database is locked" is waited out."""
    size = _size(source)
    for attempt in itertools.count():
        try:
            with factory.begin() as session:
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
    article_id = connection.execute(_INSERT_ARTICLE[connection.dialect.name == "postgresql"], values).scalar()
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
            returned = connection.execute(_INSERT_QUOTES, rows)
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
