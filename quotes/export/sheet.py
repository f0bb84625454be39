"""What a quote sheet holds: each quote row with its speaker's roles, the attribution rule and the sentence
around it, read from the read layer in batches (memory stays flat), and the header saying what was
exported, from where, when and with which filters."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from itertools import islice
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session

from quotes.db.articles import article_texts
from quotes.db.repo import QuoteQuery, QuoteRow
from quotes.db.speaker_views import speaker_texts
from quotes.export.text import sentence_around

SCHEMA_VERSION = 1
BATCH = 1000  # quotes enriched at a time: one roles query and (for context) one article-text query each
_SPEAKER_CACHE = 4096  # speakers whose roles are kept between batches (grouped sheets repeat them)
_ARTICLE_CACHE = 32  # article texts kept between batches


class GroupBy(StrEnum):
    """How a sheet is grouped: under a heading per speaker, or per article (newest last)."""

    SPEAKER = "speaker"
    ARTICLE = "article"


@dataclass(frozen=True, slots=True)
class SheetQuote:
    """One quote as a sheet cites it."""

    row: QuoteRow
    roles: tuple[str, ...]  # the speaker's roles across articles ("mayor of Elmtown"), sorted
    rule: str | None  # the parser rule behind the attribution (None where the database stores none)
    context: str | None  # the sentence around the quote (md and html sheets), None when not read

    @property
    def corrected(self) -> bool:
        """Whether a person attributed this quote by hand (`quotes quote reassign` and friends)."""
        return self.row.origin == "manual"


@dataclass(frozen=True, slots=True)
class SheetHeader:
    """What a sheet says about itself: the database (display name, never a password), when, which filters."""

    database: str
    exported_at: datetime
    filters: dict[str, Any] = field(default_factory=dict)  # JSON-ready, only the filters in force

    def filter_text(self) -> str:
        """The filters for people: `speaker="Hale", kinds=speech,partial`, or `none`."""
        if not self.filters:
            return "none"
        parts = []
        for name, value in self.filters.items():
            shown = ",".join(map(str, value)) if isinstance(value, list) else value
            parts.append(f"{name}={shown!r}" if isinstance(value, str) else f"{name}={shown}")
        return ", ".join(parts)


def query_filters(query: QuoteQuery) -> dict[str, Any]:
    """The filters of a query that are in force, JSON-ready, in a fixed order (for a sheet's header)."""
    values: dict[str, Any] = {
        "speaker_id": query.speaker_id,
        "speaker": query.speaker,
        "article_id": query.article_id,
        "search": query.search,
        "kinds": list(query.kinds) or None,
        "min_confidence": query.min_confidence,
        "since": query.since.isoformat() if query.since else None,
        "until": query.until.isoformat() if query.until else None,
        "unresolved": query.unresolved,
    }
    return {name: value for name, value in values.items() if value is not None}


K = TypeVar("K")
V = TypeVar("V")


class _Recent(Generic[K, V]):
    """The last `size` entries used: what a grouped sheet keeps between batches."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self.entries.get(key)
        if value is not None:
            self.entries.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        self.entries[key] = value
        self.entries.move_to_end(key)
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)


def sheet_quotes(
    session: Session, rows: Iterable[QuoteRow], *, context: bool, batch: int = BATCH
) -> Iterator[SheetQuote]:
    """Each row with its speaker's roles (read a batch at a time) and, with `context`, the sentence around
    it (each article's text read once per batch it appears in, the last few kept)."""
    roles_of: _Recent[int, tuple[str, ...]] = _Recent(_SPEAKER_CACHE)
    text_of: _Recent[int, str] = _Recent(_ARTICLE_CACHE)
    stream = iter(rows)
    while chunk := list(islice(stream, batch)):
        speakers = {
            r.speaker_id for r in chunk if r.speaker_id is not None and roles_of.get(r.speaker_id) is None
        }
        if speakers:
            roles, _aliases = speaker_texts(session, sorted(speakers))
            for speaker_id in speakers:
                roles_of.put(speaker_id, tuple(roles[speaker_id]))
        texts: dict[int, str] = {}
        if context:
            wanted = {r.article_id for r in chunk}
            texts = {a: t for a in wanted if (t := text_of.get(a)) is not None}
            texts |= article_texts(session, wanted - texts.keys())
            for article_id, text in texts.items():
                text_of.put(article_id, text)
        for row in chunk:
            roles_found = () if row.speaker_id is None else roles_of.get(row.speaker_id) or ()
            sentence = None
            if context and row.article_id in texts:
                evidence = (row.cue_start, row.cue_end, row.mention_start, row.mention_end)
                sentence = sentence_around(texts[row.article_id], row.start, row.end, evidence=evidence)
            yield SheetQuote(row, roles_found, _rule(row), sentence)


def _rule(row: QuoteRow) -> str | None:
    """The stored attribution rule, once the read layer's rows carry one (parser v2); None before."""
    rule = getattr(row, "rule", None)
    return None if rule is None else str(rule)


# The fields of a quote in csv and json sheets, in order; the JSON Schema lists the same (a test checks).
FIELDS = (
    "id",
    "text",
    "kind",
    "speaker",
    "speaker_id",
    "speaker_kind",
    "speaker_roles",
    "speaker_anonymous",
    "article_id",
    "article_title",
    "outlet",
    "published",
    "article_date",
    "url",
    "paragraph",
    "start",
    "end",
    "group_number",
    "mention",
    "mention_start",
    "mention_end",
    "cue",
    "cue_start",
    "cue_end",
    "method",
    "rule",
    "confidence",
    "origin",
    "corrected",
)


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def quote_record(quote: SheetQuote) -> dict[str, Any]:
    """A quote as plain values (the stored text, unescaped) keyed by FIELDS: the csv row and json object."""
    row = quote.row
    record: dict[str, Any] = {
        "id": row.id,
        "text": row.text,
        "kind": row.kind,
        "speaker": row.speaker,
        "speaker_id": row.speaker_id,
        "speaker_kind": row.speaker_kind,
        "speaker_roles": list(quote.roles),
        "speaker_anonymous": bool(row.speaker_anonymous),
        "article_id": row.article_id,
        "article_title": row.article_title,
        "outlet": row.outlet,
        "published": _day(row.published),
        "article_date": row.article_date.isoformat(),
        "url": row.url,
        "paragraph": row.paragraph,
        "start": row.start,
        "end": row.end,
        "group_number": row.group_number,
        "mention": row.mention,
        "mention_start": row.mention_start,
        "mention_end": row.mention_end,
        "cue": row.cue,
        "cue_start": row.cue_start,
        "cue_end": row.cue_end,
        "method": row.method,
        "rule": quote.rule,
        "confidence": row.confidence,
        "origin": row.origin,
        "corrected": quote.corrected,
    }
    return record
