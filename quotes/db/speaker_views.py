"""Read queries behind `quotes speakers`: one speaker in full and candidate pairs; the list itself
(SpeakerSummary, speaker_summaries, ...) is quotes.db.speaker_list's, importable from here too.

Counts use each quote's current attribution (manual if any, else the parser's), like every other read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
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
)
from quotes.db.repo import current_attribution
from quotes.db.speaker_list import (
    SpeakerSort,
    SpeakerSummary,
    count_speakers,
    iter_speaker_summaries,
    speaker_summaries,
    speaker_texts,
)

__all__ = [
    "AppearanceRow",
    "CandidateRow",
    "Decision",
    "Provenance",
    "SpeakerDetail",
    "SpeakerQuote",
    "SpeakerSort",
    "SpeakerSummary",
    "count_speakers",
    "find_speaker_id",
    "iter_speaker_summaries",
    "speaker_candidates",
    "speaker_detail",
    "speaker_summaries",
    "speaker_texts",
]


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
    """Pairs of speakers that may be one person, best first, leaving out pairs a person kept apart.

    The resolver is imported here, not with the module: the UI reads speakers through this module and
    should not wait for the parser to load before its first screen."""
    from quotes.db.profiles import load_profiles
    from quotes.speakers import candidate_pairs

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
