"""A speaker's profile for the terminal UI: where each alias and role was seen (counted in SQL), and the
speaker's quotes by month and per article, from the kept per-article counts, so a speaker with 100,000
quotes opens in a fraction of a second."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import String, case, cast, func, literal, select, union_all
from sqlalchemy.orm import Session

from quotes.db.models import Article, SpeakerAlias, SpeakerAppearance, SpeakerArticleStats, SpeakerRole
from quotes.db.repo import article_day
from quotes.db.speaker_views import SpeakerSummary, speaker_summaries


@dataclass(frozen=True, slots=True)
class SeenIn:
    """An alias or role, in how many articles it was seen, and whether a person set it by hand."""

    text: str
    articles: int
    manual: bool


@dataclass(frozen=True, slots=True)
class ArticleCount:
    article_id: int
    title: str | None
    outlet: str | None
    day: date
    quotes: int


@dataclass(frozen=True, slots=True)
class SpeakerProfile:
    """What the speaker profile shows: the summary, where each alias and role was seen, and the
    speaker's quotes counted by month and by article (the article's date, else its ingest date)."""

    summary: SpeakerSummary
    aliases: tuple[SeenIn, ...]
    roles: tuple[SeenIn, ...]
    by_month: tuple[tuple[str, int], ...]  # ("2024-03", quotes), in time order, empty months left out
    by_article: tuple[ArticleCount, ...]  # most quoted first, at most `articles`
    article_total: int


def speaker_profile(session: Session, speaker_id: int, *, articles: int = 30) -> SpeakerProfile | None:
    """One speaker's profile from the kept per-article counts, so a speaker with 100,000 quotes opens
    quickly."""
    summary = next(iter(speaker_summaries(session, speaker_id=speaker_id)), None)
    if summary is None:
        return None
    day = article_day()
    month = func.substr(cast(day, String), 1, 7)  # "2024-03": an ISO date's text on both backends
    of_speaker = (
        select()
        .select_from(SpeakerArticleStats)
        .join(Article, Article.id == SpeakerArticleStats.article_id)
        .where(SpeakerArticleStats.speaker_id == speaker_id, SpeakerArticleStats.quotes > 0)
    )
    by_month = session.execute(  # counted in SQL: a speaker in 30,000 articles sends a row a month
        of_speaker.add_columns(month, func.sum(SpeakerArticleStats.quotes)).group_by(month).order_by(month)
    ).all()
    top = session.execute(
        of_speaker.add_columns(
            SpeakerArticleStats.article_id, Article.title, Article.outlet, day, SpeakerArticleStats.quotes
        )
        .order_by(SpeakerArticleStats.quotes.desc(), day.desc(), SpeakerArticleStats.article_id)
        .limit(articles)
    ).all()
    return SpeakerProfile(
        summary=summary,
        aliases=_seen_in(session, SpeakerAlias, speaker_id, exclude=summary.name),
        roles=_seen_in(session, SpeakerRole, speaker_id),
        by_month=tuple((str(text), int(count)) for text, count in by_month),
        by_article=tuple(ArticleCount(*row) for row in top),
        article_total=summary.articles,
    )


def _seen_in(
    session: Session, table: type[SpeakerAlias | SpeakerRole], speaker_id: int, *, exclude: str | None = None
) -> tuple[SeenIn, ...]:
    """Each alias (with the names articles gave the speaker) or role, with its article count, in first-seen
    order (what `speaker_detail` lists with every article id), grouped in SQL: a speaker quoted in 30,000
    articles has as many rows."""
    text = SpeakerAlias.alias if table is SpeakerAlias else SpeakerRole.role
    parts = [select(text.label("text"), table.article_id, table.origin, table.id.label("seen"))
             .where(table.speaker_id == speaker_id)]  # fmt: skip
    if table is SpeakerAlias:  # appearances after the aliases, in their own first-seen order
        parts.append(
            select(SpeakerAppearance.name, SpeakerAppearance.article_id, SpeakerAppearance.origin,
                   SpeakerAppearance.id + literal(10**12))
            .where(SpeakerAppearance.speaker_id == speaker_id)
        )  # fmt: skip
    rows = union_all(*parts).subquery()
    by_hand = case((rows.c.origin == "manual", case((rows.c.article_id.is_(None), 1), else_=0)), else_=0)
    grouped = (
        select(rows.c.text, func.count(rows.c.article_id.distinct()), func.max(by_hand))
        .group_by(rows.c.text)
        .order_by(func.min(rows.c.seen))
    )
    if exclude is not None:
        grouped = grouped.where(rows.c.text != exclude)
    return tuple(SeenIn(value, articles, bool(manual)) for value, articles, manual in session.execute(grouped))
