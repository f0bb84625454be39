"""Read queries for the CLI and UI: each takes a Session and returns frozen rows, never ORM objects.

A quote's current attribution is its manual one when there is one, else the parser's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, distinct, exists, func, or_, select
from sqlalchemy.orm import QueryableAttribute, Session, aliased

from quotes.db.fts import matching_quotes
from quotes.db.models import Article, Attribution, Quote, Speaker, SpeakerAlias


@dataclass(frozen=True, slots=True)
class QuoteRow:
    id: int
    text: str
    speaker: str | None
    speaker_id: int | None
    article_id: int
    article_title: str | None
    start: int
    end: int
    paragraph: int
    kind: str
    cue: str | None
    mention: str | None
    method: str | None
    rule: str | None
    confidence: float | None
    withheld_speaker: str | None

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape of `quotes list --json`."""
        return {
            "id": self.id,
            "text": self.text,
            "speaker": self.speaker,
            "article_id": self.article_id,
            "article_title": self.article_title,
            "start": self.start,
            "end": self.end,
            "paragraph": self.paragraph,
            "kind": self.kind,
            "cue": self.cue,
            "method": self.method,
            "rule": self.rule,
            "confidence": self.confidence,
            "withheld_speaker": self.withheld_speaker,
        }


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    id: int
    name: str
    kind: str
    anonymous: bool
    aliases: tuple[str, ...]
    quotes: int
    articles: int

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape of `quotes speakers --json`."""
        return {"name": self.name, "aliases": list(self.aliases), "quotes": self.quotes, "articles": self.articles}


def current_attribution(quote_id: QueryableAttribute[int]) -> ColumnElement[bool]:
    """Join condition picking a quote's manual attribution if any, else its parser attribution."""
    manual = aliased(Attribution)
    has_manual = exists().where(manual.quote_id == quote_id, manual.origin == "manual")
    return and_(Attribution.quote_id == quote_id, or_(Attribution.origin == "manual", ~has_manual))


def speaker_ids_named(name: str) -> Select[tuple[int]]:
    """Speakers whose canonical name or any alias contains `name`, ignoring case ("peskov")."""
    escaped = name.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    by_name = select(Speaker.id).where(Speaker.name.ilike(pattern, escape="\\"))
    by_alias = select(SpeakerAlias.speaker_id).where(SpeakerAlias.alias.ilike(pattern, escape="\\"))
    return select(by_name.union(by_alias).subquery().c[0])


def list_quotes(
    session: Session,
    *,
    speaker: str | None = None,
    article_id: int | None = None,
    search: str | None = None,
    kinds: Sequence[str] = (),
) -> list[QuoteRow]:
    """Quotes with their current speaker, in article order, or best match first when searching."""
    statement = (
        select(
            Quote.id.label("id"),
            Quote.text.label("text"),
            Speaker.name.label("speaker"),
            Speaker.id.label("speaker_id"),
            Quote.article_id.label("article_id"),
            Article.title.label("article_title"),
            Quote.start.label("start"),
            Quote.end.label("end"),
            Quote.paragraph.label("paragraph"),
            Quote.kind.label("kind"),
            Attribution.cue_text.label("cue"),
            Attribution.mention_text.label("mention"),
            Attribution.method.label("method"),
            Attribution.rule.label("rule"),
            Attribution.confidence.label("confidence"),
            Attribution.withheld_name.label("withheld_speaker"),
        )
        .join(Article, Article.id == Quote.article_id)
        .outerjoin(Attribution, current_attribution(Quote.id))
        .outerjoin(Speaker, Speaker.id == Attribution.speaker_id)
    )
    if speaker is not None:
        statement = statement.where(Speaker.id.in_(speaker_ids_named(speaker)))
    if article_id is not None:
        statement = statement.where(Quote.article_id == article_id)
    if kinds:
        statement = statement.where(Quote.kind.in_(list(kinds)))
    if search is not None:
        matches = matching_quotes(session, search)
        if matches is None:
            return []
        statement = statement.join(matches, matches.c.quote_id == Quote.id).order_by(
            matches.c.score, Quote.id
        )
    else:
        statement = statement.order_by(Quote.article_id, Quote.start, Quote.id)
    return [QuoteRow(**row._mapping) for row in session.execute(statement)]


def list_speakers(session: Session) -> list[SpeakerRow]:
    """Every speaker with aliases and counts of current attributions, most quoted first."""
    counts = (
        select(
            Attribution.speaker_id.label("speaker_id"),
            func.count(distinct(Quote.id)).label("quotes"),
            func.count(distinct(Quote.article_id)).label("articles"),
        )
        .join(Quote, current_attribution(Quote.id))
        .where(Attribution.speaker_id.is_not(None))
        .group_by(Attribution.speaker_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Speaker.id,
            Speaker.name,
            Speaker.kind,
            Speaker.anonymous,
            func.coalesce(counts.c.quotes, 0),
            func.coalesce(counts.c.articles, 0),
        )
        .outerjoin(counts, counts.c.speaker_id == Speaker.id)
        .order_by(func.coalesce(counts.c.quotes, 0).desc(), Speaker.name, Speaker.id)
    ).all()
    aliases: dict[int, list[str]] = {}
    for speaker_id, alias in session.execute(
        select(SpeakerAlias.speaker_id, SpeakerAlias.alias).distinct().order_by(SpeakerAlias.alias)
    ):
        aliases.setdefault(speaker_id, []).append(alias)
    return [
        SpeakerRow(
            id=speaker_id,
            name=name,
            kind=kind,
            anonymous=anonymous,
            aliases=tuple(alias for alias in aliases.get(speaker_id, []) if alias != name),
            quotes=quotes,
            articles=articles,
        )
        for speaker_id, name, kind, anonymous, quotes, articles in rows
    ]
