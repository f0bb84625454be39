"""Which quotes to read and in what order (`QuoteQuery`, `QuoteSort`): plain data, importable without
the database layer (the terminal UI builds queries before SQLAlchemy is loaded); quotes.db.repo reads
them and re-exports both."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class QuoteSort(StrEnum):
    """Orders a quote list can take; each ends on the quote id, so the order is total."""

    ARTICLE = "article"  # article, then position in it (the default)
    STORED = "stored"  # the order quotes were stored in (ingest order); from an index, so the first page
    # of a speaker with 100,000 quotes reads 100 rows
    DATE = "date"  # the article's publication date (ingest date when it has none)
    SPEAKER = "speaker"  # speaker name, unresolved quotes first
    CONFIDENCE = "confidence"  # attribution confidence, unresolved quotes first
    KIND = "kind"
    TEXT = "text"
    RELEVANCE = "relevance"  # best match first (a search alone: newest first past search.RANK_LIMIT matches)


@dataclass(frozen=True, slots=True)
class QuoteQuery:
    """Which quotes to read and in what order. Empty fields do not filter."""

    speaker_id: int | None = None
    speaker: str | None = None  # speakers whose name or an alias holds these words (speaker_ids_named)
    article_id: int | None = None
    search: str | None = None  # the search language over quote text and speaker names (quotes.db.search)
    kinds: tuple[str, ...] = ()
    min_confidence: float | None = None
    since: date | None = None  # the article's date (publication, else ingest) on or after
    until: date | None = None  # on or before
    unresolved: bool | None = None  # True: only quotes with no speaker; False: only attributed ones
    sort: QuoteSort = QuoteSort.ARTICLE
    descending: bool = False
