"""Read queries behind `quotes speakers`: the list, one speaker in full, and candidate pairs.

Counts use each quote's current attribution (manual if any, else the parser's), like every other read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from quotes.db.models import (
    Article,
    Attribution,
    DistinctSpeakers,
    Quote,
    Speaker,
    SpeakerAlias,
    SpeakerAppearance,
    SpeakerDecision,
    SpeakerKey,
    SpeakerRole,
    SpeakerStats,
)
from quotes.db.profiles import load_profiles
from quotes.db.repo import AnySelect, current_attribution, speaker_ids_named
from quotes.speakers import candidate_pairs


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


@dataclass(frozen=True, slots=True)
class Provenance:
    """An alias or role and where it was seen: article ids, or none for one a person added."""

    text: str
    article_ids: tuple[int, ...]
    manual: bool


@dataclass(frozen=True, slots=True)
class AppearanceRow:
    article_id: int
    article_title: str | None
    outlet: str | None
    name: str
    rule: str
    confidence: float | None
    evidence: str
    origin: str


@dataclass(frozen=True, slots=True)
class SpeakerQuote:
    id: int
    article_id: int
    start: int
    end: int
    kind: str
    text: str
    origin: str  # "manual" when a person attributed it


@dataclass(frozen=True, slots=True)
class CandidateRow:
    """Two speakers that may be one person, with the rule and evidence, for a person to decide."""

    first_id: int
    first_name: str
    second_id: int
    second_name: str
    rule: str
    confidence: float
    evidence: str

    def to_json(self) -> dict[str, Any]:
        return {
            "first": {"id": self.first_id, "name": self.first_name},
            "second": {"id": self.second_id, "name": self.second_name},
            "rule": self.rule,
            "confidence": self.confidence,
            "evidence": self.evidence,
        }


@dataclass(frozen=True, slots=True)
class Decision:
    created_at: datetime
    action: str
    detail: str


@dataclass(frozen=True, slots=True)
class SpeakerDetail:
    summary: SpeakerSummary
    aliases: tuple[Provenance, ...]
    roles: tuple[Provenance, ...]
    appearances: tuple[AppearanceRow, ...]
    quotes: tuple[SpeakerQuote, ...]
    candidates: tuple[CandidateRow, ...]
    decisions: tuple[Decision, ...]

    def to_json(self) -> dict[str, Any]:
        def provenance(items: tuple[Provenance, ...]) -> list[dict[str, Any]]:
            return [{"text": p.text, "articles": list(p.article_ids), "manual": p.manual} for p in items]

        return {
            **self.summary.to_json(),
            "alias_provenance": provenance(self.aliases),
            "role_provenance": provenance(self.roles),
            "appearances": [
                {
                    "article_id": a.article_id,
                    "name": a.name,
                    "rule": a.rule,
                    "confidence": a.confidence,
                    "evidence": a.evidence,
                    "origin": a.origin,
                }
                for a in self.appearances
            ],
            "quote_ids": [q.id for q in self.quotes],
            "candidates": [c.to_json() for c in self.candidates],
            "decisions": [{"action": d.action, "detail": d.detail} for d in self.decisions],
        }


class SpeakerSort(StrEnum):
    QUOTES = "quotes"  # most quoted first
    ARTICLES = "articles"  # in most articles first
    NAME = "name"


def _speaker_rows(session: Session, search: str | None, kinds: tuple[str, ...]) -> AnySelect:
    """Speakers with their kept counts (quotes.db.stats), filtered by name or alias and kind."""
    quotes, speech, articles = (
        func.coalesce(column, 0).label(column.key)
        for column in (SpeakerStats.quotes, SpeakerStats.speech, SpeakerStats.articles)
    )
    statement: AnySelect = select(
        Speaker.id, Speaker.name, Speaker.kind, Speaker.anonymous, quotes, speech, articles
    ).outerjoin(SpeakerStats, SpeakerStats.speaker_id == Speaker.id)
    return statement.where(*_speaker_filters(session, search, kinds))


def _speaker_filters(
    session: Session, search: str | None, kinds: tuple[str, ...]
) -> list[ColumnElement[bool]]:
    """Speakers whose name or an alias holds the words of `search` (`speaker_ids_named`), of these
    kinds (either may be empty)."""
    filters: list[ColumnElement[bool]] = []
    if search is not None and search.strip():
        filters.append(Speaker.id.in_(speaker_ids_named(session, search)))
    if kinds:
        filters.append(Speaker.kind.in_(kinds))
    return filters


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
    statement = _speaker_rows(session, search, kinds)
    if speaker_id is not None:
        statement = statement.where(Speaker.id == speaker_id)
    quotes, articles = statement.selected_columns.quotes, statement.selected_columns.articles
    order = {
        SpeakerSort.QUOTES: (quotes.desc(), func.lower(Speaker.name), Speaker.id),
        SpeakerSort.ARTICLES: (articles.desc(), quotes.desc(), func.lower(Speaker.name), Speaker.id),
        SpeakerSort.NAME: (func.lower(Speaker.name), Speaker.id),
    }[sort]
    statement = statement.order_by(*order).offset(offset)
    if limit is not None:
        statement = statement.limit(limit)
    rows = session.execute(statement).all()
    ids = [row[0] for row in rows]
    roles, aliases = speaker_texts(session, ids)
    return [
        SpeakerSummary(
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
        for speaker_id, name, kind, anonymous, n_quotes, n_speech, n_articles in rows
    ]


def count_speakers(session: Session, *, search: str | None = None, kinds: tuple[str, ...] = ()) -> int:
    """How many speakers `speaker_summaries` would list with the same filters."""
    statement = select(func.count(Speaker.id)).where(*_speaker_filters(session, search, kinds))
    return session.execute(statement).scalar_one()


def speaker_texts(
    session: Session, ids: list[int]
) -> tuple[defaultdict[int, list[str]], defaultdict[int, list[str]]]:
    """Each speaker's roles, and aliases (with the names articles gave it), sorted."""
    aliases = _texts(session, SpeakerAlias.speaker_id, SpeakerAlias.alias, ids)
    given = _texts(session, SpeakerAppearance.speaker_id, SpeakerAppearance.name, ids)  # names articles gave
    for owner, names in given.items():
        aliases[owner] = sorted({*aliases[owner], *names})
    return _texts(session, SpeakerRole.speaker_id, SpeakerRole.role, ids), aliases


def _texts(session: Session, owner: Any, text: Any, ids: list[int]) -> defaultdict[int, list[str]]:
    found: defaultdict[int, list[str]] = defaultdict(list)
    if ids:
        for speaker_id, value in session.execute(
            select(owner, text).where(owner.in_(ids)).distinct().order_by(owner, text)
        ):
            found[speaker_id].append(value)
    return found


def find_speaker_id(session: Session, ref: str) -> int:
    """The id of the speaker a user means by an id ("12", "#12") or a whole name or alias (case ignored);
    raises CorrectionError naming the choices when there is none or more than one."""
    from quotes.db.corrections import find_speaker

    return find_speaker(session, ref).id


def speaker_detail(session: Session, speaker_id: int) -> SpeakerDetail | None:
    """One speaker with the provenance of each alias and role, its appearances, quotes and candidates."""
    summary = next(iter(speaker_summaries(session, speaker_id=speaker_id)), None)
    if summary is None:
        return None
    appearances = session.execute(
        select(SpeakerAppearance, Article.title, Article.outlet)
        .join(Article, Article.id == SpeakerAppearance.article_id)
        .where(SpeakerAppearance.speaker_id == speaker_id)
        .order_by(SpeakerAppearance.article_id, SpeakerAppearance.id)
    ).all()
    quotes = session.execute(
        select(Quote.id, Quote.article_id, Quote.start, Quote.end, Quote.kind, Quote.text, Attribution.origin)
        .join(Attribution, current_attribution(Quote.id))
        .where(Attribution.speaker_id == speaker_id)
        .order_by(Quote.article_id, Quote.start)
    ).all()
    decisions = session.execute(
        select(SpeakerDecision.created_at, SpeakerDecision.action, SpeakerDecision.detail)
        .where(or_(SpeakerDecision.speaker_id == speaker_id, SpeakerDecision.other_speaker_id == speaker_id))
        .order_by(SpeakerDecision.id)
    ).all()
    return SpeakerDetail(
        summary=summary,
        aliases=_provenance(session, SpeakerAlias, speaker_id, exclude=summary.name),
        roles=_provenance(session, SpeakerRole, speaker_id),
        appearances=tuple(
            AppearanceRow(a.article_id, title, outlet, a.name, a.rule, a.confidence, a.evidence, a.origin)
            for a, title, outlet in appearances
        ),
        quotes=tuple(SpeakerQuote(*row) for row in quotes),
        candidates=tuple(speaker_candidates(session, speaker_id=speaker_id)),
        decisions=tuple(Decision(*row) for row in decisions),
    )


def _provenance(
    session: Session, table: type[SpeakerAlias | SpeakerRole], speaker_id: int, *, exclude: str | None = None
) -> tuple[Provenance, ...]:
    """Each alias (with the names articles gave the speaker) or role, with its articles, in first-seen order."""
    text = SpeakerAlias.alias if table is SpeakerAlias else SpeakerRole.role
    rows = list(
        session.execute(
            select(text, table.article_id, table.origin)
            .where(table.speaker_id == speaker_id)
            .order_by(table.id)
        )
    )
    if table is SpeakerAlias:
        rows += session.execute(
            select(SpeakerAppearance.name, SpeakerAppearance.article_id, SpeakerAppearance.origin)
            .where(SpeakerAppearance.speaker_id == speaker_id)
            .order_by(SpeakerAppearance.id)
        ).all()
    seen: dict[str, tuple[set[int], list[bool]]] = {}
    for value, article_id, origin in rows:
        if value == exclude:
            continue
        articles, manual = seen.setdefault(value, (set(), []))
        if article_id is not None:
            articles.add(article_id)
        manual.append(origin == "manual" and article_id is None)
    return tuple(Provenance(v, tuple(sorted(a)), any(m)) for v, (a, m) in seen.items())


def speaker_candidates(session: Session, *, speaker_id: int | None = None) -> list[CandidateRow]:
    """Pairs of speakers that may be one person, best first, leaving out pairs a person kept apart."""
    by_value: defaultdict[str, set[int]] = defaultdict(set)
    for owner, key in session.execute(select(SpeakerKey.speaker_id, SpeakerKey.key)):
        by_value[key.partition(":")[2]].add(owner)  # "surname:oleg" and "lone:oleg" may meet
    groups = [ids for ids in by_value.values() if len(ids) > 1]
    if speaker_id is not None:
        groups = [ids for ids in groups if speaker_id in ids]
    ids = set().union(*groups) if groups else set()
    if not ids:
        return []
    dismissed = [
        (first, second)
        for first, second in session.execute(
            select(DistinctSpeakers.first_id, DistinctSpeakers.second_id).where(
                or_(DistinctSpeakers.first_id.in_(ids), DistinctSpeakers.second_id.in_(ids))
            )
        )
    ]
    pairs = candidate_pairs(load_profiles(session, ids), dismissed=dismissed)
    if speaker_id is not None:
        pairs = [p for p in pairs if speaker_id in (p.first_id, p.second_id)]
    names = {i: n for i, n in session.execute(select(Speaker.id, Speaker.name).where(Speaker.id.in_(ids)))}
    return [
        CandidateRow(
            p.first_id,
            names[p.first_id],
            p.second_id,
            names[p.second_id],
            str(p.rule),
            p.confidence,
            p.evidence,
        )
        for p in pairs
    ]
