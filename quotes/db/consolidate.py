"""`quotes speakers consolidate`: merge the speakers that the current rules would have made one.

Databases ingested under older rules hold fragments ("Donald Trump" as many entities). The plan comes
from `quotes.speakers.consolidate`; this module reads what it needs and applies it in one transaction.
Every manual decision stays: pairs marked distinct (and the halves of a split) are never merged, a name
set by hand is the one kept, manual attributions and appearances move with their speaker unchanged.
Each merge is logged in `speaker_decisions` with origin parser.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from quotes.db.corrections import move_distinct_pairs, move_provenanced
from quotes.db.models import (
    Attribution,
    DistinctSpeakers,
    Speaker,
    SpeakerAlias,
    SpeakerAppearance,
    SpeakerDecision,
    SpeakerRole,
)
from quotes.db.profiles import load_entities, refresh_summaries
from quotes.speakers.consolidate import Group, plan_consolidation


@dataclass(frozen=True, slots=True)
class Merged:
    """One speaker merged into another by `consolidate`, with the rule and evidence."""

    keep_id: int
    keep_name: str
    merged_id: int
    merged_name: str
    rule: str
    confidence: float
    evidence: str

    def describe(self) -> str:
        return (
            f"merged #{self.merged_id} {self.merged_name!r} into #{self.keep_id} {self.keep_name!r}"
            f" ({self.rule} {self.confidence:.2f}: {self.evidence})"
        )


def consolidate_speakers(session: Session, *, now: datetime, dry_run: bool = False) -> list[Merged]:
    """Merge every group of speakers the current rules make one; returns what was (or would be) merged."""
    ids = list(session.scalars(select(Speaker.id).where(Speaker.kind.in_(("person", "organisation")))))
    entities = load_entities(session, ids)
    articles: defaultdict[int, set[int]] = defaultdict(set)
    for speaker_id, article_id in session.execute(
        select(SpeakerAppearance.speaker_id, SpeakerAppearance.article_id).where(
            SpeakerAppearance.speaker_id.in_(ids)
        )
    ):
        articles[speaker_id].add(article_id)
    apart = [
        tuple(pair) for pair in session.execute(select(DistinctSpeakers.first_id, DistinctSpeakers.second_id))
    ]
    groups = plan_consolidation(
        [entity.profile() for entity in entities.values()],
        apart=[(a, b) for a, b in apart],
        articles={speaker_id: frozenset(found) for speaker_id, found in articles.items()},
        named_by_hand=[i for i, e in entities.items() if e.row.name_origin == "manual"],
    )
    names = {i: e.row.name for i, e in entities.items()}
    merged = [
        Merged(
            g.keep_id,
            names[g.keep_id],
            a.entity_id,
            names[a.entity_id],
            str(a.rule),
            a.confidence,
            a.evidence,
        )
        for g in groups
        for a in g.absorbed
    ]
    if not dry_run:
        for group in groups:
            _apply(session, group, [m for m in merged if m.keep_id == group.keep_id], now=now)
    return merged


def _apply(session: Session, group: Group, merges: list[Merged], *, now: datetime) -> None:
    keep = session.get_one(Speaker, group.keep_id)
    for merge in merges:
        other_id = merge.merged_id
        other = session.get_one(Speaker, other_id)
        session.execute(
            update(Attribution).where(Attribution.speaker_id == other_id).values(speaker_id=keep.id)
        )
        move_provenanced(session, SpeakerAlias, other_id, keep.id)
        move_provenanced(session, SpeakerRole, other_id, keep.id)
        said = f"consolidated from #{other_id} {other.name!r}: {merge.evidence}"
        session.execute(
            update(SpeakerAppearance)
            .where(SpeakerAppearance.speaker_id == other_id, SpeakerAppearance.origin == "parser")
            .values(speaker_id=keep.id, rule=merge.rule, confidence=merge.confidence, evidence=said)
        )
        session.execute(
            update(SpeakerAppearance)
            .where(SpeakerAppearance.speaker_id == other_id)
            .values(speaker_id=keep.id)
        )
        move_distinct_pairs(session, other_id, keep.id, now=now)
        keep.anonymous = keep.anonymous or other.anonymous
        keep.description = keep.description or other.description
        session.flush()
        session.execute(delete(Speaker).where(Speaker.id == other_id))
        session.add(
            SpeakerDecision(
                action="merge",
                speaker_id=keep.id,
                other_speaker_id=other_id,
                detail=merge.describe(),
                origin="parser",
                created_at=now,
            )
        )
    refresh_summaries(session, [keep.id])
