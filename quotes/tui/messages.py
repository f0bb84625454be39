"""Messages the thread workers post back to the event loop, each holding frozen rows from the read layer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # the rows' modules load with the database layer, after the first frame
    from quotes.check.verify import CheckResult
    from quotes.db.articles import ArticleRow, ArticleView
    from quotes.db.profile_views import SpeakerProfile
    from quotes.db.quote_detail import QuoteDetail
    from quotes.db.repo import QuotePage
    from quotes.db.speaker_views import SpeakerSummary


@dataclass
class SpeakersLoaded(Message):
    rows: tuple[SpeakerSummary, ...]
    total: int
    offset: int
    generation: int


@dataclass
class ArticlesLoaded(Message):
    rows: tuple[ArticleRow, ...]
    total: int
    offset: int
    generation: int


@dataclass
class QuotesLoaded(Message):
    page: QuotePage
    first: bool  # the first page of a new query: the table starts again
    generation: int


@dataclass
class QuotesCounted(Message):
    total: int
    generation: int


@dataclass
class DetailLoaded(Message):
    quote_id: int
    detail: QuoteDetail | None


@dataclass
class ArticleLoaded(Message):
    article_id: int
    view: ArticleView | None


@dataclass
class ProfileLoaded(Message):
    speaker_id: int
    profile: SpeakerProfile | None


@dataclass
class DatabaseChecked(Message):
    has_articles: bool


@dataclass
class Seeded(Message):
    summary: str
    failed: bool


@dataclass
class MergePreview(Message):
    keep: SpeakerSummary
    other: SpeakerSummary


@dataclass
class Corrected(Message):
    """A correction was made; `message` says what (data: shown without markup)."""

    message: str
    speaker_id: int | None


@dataclass
class Exported(Message):
    """A quote sheet was written; `message` says where."""

    message: str


@dataclass
class WorkFailed(Message):
    """A worker could not do its job; `message` says why (shown without markup)."""

    message: str


@dataclass
class Checked(Message):
    """A check of `claim` (by `speaker`) finished: its result, or why the claim cannot be checked."""

    claim: str
    speaker: str | None
    result: CheckResult | None
    error: str | None
