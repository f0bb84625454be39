"""Corrections a person makes to speakers: merge, split, rename, reassign a quote, mark two as distinct.

Each one changes the data with origin manual (manual attributions, manual aliases, manual appearances,
a manual canonical name) so that ingest and `quotes reparse` build on it instead of undoing it, and is
logged in `speaker_decisions` as it was made.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from quotes.db.fts import fold_for_search
from quotes.db.models import (
    Attribution,
    DistinctSpeakers,
    Quote,
    Speaker,
    SpeakerAlias,
    SpeakerAppearance,
    SpeakerDecision,
    SpeakerRole,
)
from quotes.db.profiles import refresh_summaries
from quotes.db.repo import current_attribution, speaker_ids_named

Provenanced = TypeVar("Provenanced", SpeakerAlias, SpeakerRole)


class CorrectionError(Exception):
    """A correction that cannot be made as asked; the message says why."""


@dataclass(frozen=True, slots=True)
class Done:
    """What a correction did, in words, and the speaker it leaves the user with."""

    speaker_id: int
    message: str


def find_speaker(session: Session, ref: str) -> Speaker:
    """The speaker a user means by an id ("12", "#12") or by a whole name or alias, folded as
    `speaker_ids_named` folds it (case, accents, apostrophe kinds and zero-width characters ignored)."""
    text = " ".join(ref.split())
    if text.lstrip("#").isdigit():
        found = session.get(Speaker, int(text.lstrip("#")))
        if found is None:
            raise CorrectionError(f"no speaker #{text.lstrip('#')}")
        return found
    named = list(session.scalars(select(Speaker).where(Speaker.id.in_(speaker_ids_named(session, text)))))
    folded = fold_for_search(text)  # case, accents, apostrophe kinds, zero-width characters ignored
    matches = [s for s in named if s.name_folded == folded]
    if not matches:
        alias_ids = set(
            session.scalars(
                select(SpeakerAlias.speaker_id).where(
                    SpeakerAlias.speaker_id.in_([s.id for s in named]), SpeakerAlias.alias_folded == folded
                )
            )
        )
        matches = [s for s in named if s.id in alias_ids]
    if not matches:
        hint = "; did you mean " + ", ".join(f"#{s.id} {s.name}" for s in named[:5]) if named else ""
        raise CorrectionError(f"no speaker named {text!r}{hint}")
    if len(matches) > 1:
        listed = ", ".join(f"#{s.id} {s.name} ({s.kind})" for s in sorted(matches, key=lambda s: s.id))
        raise CorrectionError(f"{text!r} names {len(matches)} speakers: {listed}; give an id")
    return matches[0]


def merge_speakers(session: Session, keep_ref: str, other_ref: str, *, now: datetime) -> Done:
    """Make `other` part of `keep`: its quotes, aliases, roles and appearances move; `other` goes."""
    keep, other = find_speaker(session, keep_ref), find_speaker(session, other_ref)
    if keep.id == other.id:
        raise CorrectionError(f"#{keep.id} {keep.name} is already one speaker")
    session.execute(update(Attribution).where(Attribution.speaker_id == other.id).values(speaker_id=keep.id))
    move_provenanced(session, SpeakerAlias, other.id, keep.id)
    move_provenanced(session, SpeakerRole, other.id, keep.id)
    session.execute(
        update(SpeakerAppearance)
        .where(SpeakerAppearance.speaker_id == other.id)
        .values(
            speaker_id=keep.id,
            origin="manual",
            rule="manual",
            confidence=1.0,
            evidence=f"merged by hand from #{other.id} {other.name}",
        )
    )
    _add_manual_alias(session, keep, other.name)
    move_distinct_pairs(session, other.id, keep.id, now=now)
    keep.anonymous = keep.anonymous or other.anonymous
    detail = f"merged #{other.id} {other.name!r} into #{keep.id} {keep.name!r}"
    session.flush()
    session.execute(delete(Speaker).where(Speaker.id == other.id))
    _log(session, "merge", detail, now=now, speaker_id=keep.id, other_id=other.id)
    refresh_summaries(session, [keep.id])
    return Done(keep.id, detail)


def rename_speaker(session: Session, ref: str, name: str, *, now: datetime) -> Done:
    """Give a speaker a new canonical name; the old one stays as an alias, and ingest keeps the new one."""
    speaker = find_speaker(session, ref)
    name = " ".join(name.split())
    if not name:
        raise CorrectionError("the new name is empty")
    old = speaker.name
    speaker.name, speaker.name_origin = name, "manual"
    if old != name:
        _add_manual_alias(session, speaker, old)
    detail = f"renamed #{speaker.id} {old!r} to {name!r}"
    _log(session, "rename", detail, now=now, speaker_id=speaker.id)
    refresh_summaries(session, [speaker.id])
    return Done(speaker.id, detail)


def split_speaker(
    session: Session,
    ref: str,
    *,
    article_ids: Collection[int] = (),
    quote_ids: Collection[int] = (),
    name: str | None = None,
    now: datetime,
) -> Done:
    """Move what a speaker said in some articles, or some quotes, to a new speaker kept apart from it."""
    source = find_speaker(session, ref)
    if not article_ids and not quote_ids:
        raise CorrectionError("say what to split off: --article ID or --quote ID")
    articles = _articles_of(session, source.id)
    if missing := sorted(set(article_ids) - articles):
        raise CorrectionError(f"#{source.id} {source.name} does not appear in article(s) {missing}")
    quotes = _current_quotes_of(session, source.id, quote_ids)
    if missing := sorted(set(quote_ids) - quotes):
        raise CorrectionError(f"quote(s) {missing} are not attributed to #{source.id} {source.name}")
    first_name = _appearance_name(session, source.id, article_ids)
    new = Speaker(
        name=" ".join((name or first_name or source.name).split()),
        kind=source.kind,
        name_origin="manual" if name else "parser",
        description=source.description,
        anonymous=source.anonymous,
        created_at=now,
    )
    session.add(new)
    session.flush()
    if article_ids:
        _move_articles(session, source.id, new.id, article_ids)
    for quote_id in sorted(quote_ids):
        _set_manual(session, quote_id, new.id, now=now)
    _mark_distinct(session, source.id, new.id, now=now)
    where = [f"article(s) {', '.join(map(str, sorted(article_ids)))}"] if article_ids else []
    where += [f"quote(s) {', '.join(map(str, sorted(quote_ids)))}"] if quote_ids else []
    detail = f"split {' and '.join(where)} of #{source.id} {source.name!r} off to #{new.id} {new.name!r}"
    _log(session, "split", detail, now=now, speaker_id=source.id, other_id=new.id)
    refresh_summaries(session, [source.id, new.id])
    return Done(new.id, detail)


def reassign_quote(
    session: Session, quote_id: int, ref: str | None, *, new_name: str | None = None, now: datetime
) -> Done:
    """Attribute a quote by hand: to an existing speaker (`ref`), to a new person, or clear the manual one."""
    quote = session.get(Quote, quote_id)
    if quote is None:
        raise CorrectionError(f"no quote #{quote_id}")
    if new_name is not None:
        speaker = Speaker(
            name=" ".join(new_name.split()),
            kind="person",
            name_origin="manual",
            anonymous=False,
            created_at=now,
        )
        session.add(speaker)
        session.flush()
    elif ref is not None:
        speaker = find_speaker(session, ref)
    else:
        manual = select(Attribution).where(Attribution.quote_id == quote_id, Attribution.origin == "manual")
        found = session.scalars(manual).first()
        if found is None:
            raise CorrectionError(f"quote #{quote_id} has no manual attribution to clear")
        session.delete(found)
        detail = f"cleared the manual attribution of quote #{quote_id}: the parser's applies again"
        _log(session, "reassign", detail, now=now, quote_id=quote_id)
        return Done(0, detail)
    _set_manual(session, quote_id, speaker.id, now=now)
    detail = f"attributed quote #{quote_id} to #{speaker.id} {speaker.name!r} by hand"
    _log(session, "reassign", detail, now=now, speaker_id=speaker.id, quote_id=quote_id)
    return Done(speaker.id, detail)


def mark_distinct(session: Session, first_ref: str, second_ref: str, *, now: datetime) -> Done:
    """Record that two speakers are different people, so they are no longer offered as candidates."""
    first, second = find_speaker(session, first_ref), find_speaker(session, second_ref)
    if first.id == second.id:
        raise CorrectionError("a speaker cannot be distinct from itself")
    _mark_distinct(session, first.id, second.id, now=now)
    detail = f"#{first.id} {first.name!r} and #{second.id} {second.name!r} are different people"
    _log(session, "distinct", detail, now=now, speaker_id=first.id, other_id=second.id)
    return Done(first.id, detail)


def _set_manual(session: Session, quote_id: int, speaker_id: int, *, now: datetime) -> None:
    existing = session.scalars(
        select(Attribution).where(Attribution.quote_id == quote_id, Attribution.origin == "manual")
    ).first()
    if existing is None:
        existing = Attribution(
            quote_id=quote_id, origin="manual", method="manual", rule="manual", confidence=1.0, created_at=now
        )
        session.add(existing)
    existing.speaker_id = speaker_id
    existing.created_at = now


def move_provenanced(
    session: Session,
    table: type[Provenanced],
    from_id: int,
    to_id: int,
    *,
    article_ids: Collection[int] | None = None,
) -> None:
    """Move alias or role rows to another speaker, dropping those it already has (same text, article)."""

    def value(row: Provenanced) -> tuple[str, int | None]:
        return (row.alias if isinstance(row, SpeakerAlias) else row.role), row.article_id

    target_has = {value(row) for row in session.scalars(select(table).where(table.speaker_id == to_id))}
    chosen = [table.speaker_id == from_id]
    if article_ids is not None:
        chosen.append(table.article_id.in_(article_ids))
    for row in session.scalars(select(table).where(*chosen)).all():
        if value(row) in target_has:
            session.delete(row)
        else:
            row.speaker_id = to_id
            target_has.add(value(row))
    session.flush()


def _add_manual_alias(session: Session, speaker: Speaker, alias: str) -> None:
    known = session.scalar(
        select(func.count(SpeakerAlias.id)).where(
            SpeakerAlias.speaker_id == speaker.id, SpeakerAlias.alias == alias
        )
    )
    if not known and alias != speaker.name:
        session.add(SpeakerAlias(speaker_id=speaker.id, alias=alias, article_id=None, origin="manual"))


def _mark_distinct(session: Session, a: int, b: int, *, now: datetime) -> None:
    first, second = min(a, b), max(a, b)
    if session.get(DistinctSpeakers, (first, second)) is None:
        session.add(DistinctSpeakers(first_id=first, second_id=second, origin="manual", created_at=now))


def move_distinct_pairs(session: Session, from_id: int, to_id: int, *, now: datetime) -> None:
    pairs = session.scalars(
        select(DistinctSpeakers).where(
            or_(DistinctSpeakers.first_id == from_id, DistinctSpeakers.second_id == from_id)
        )
    ).all()
    others = {p.second_id if p.first_id == from_id else p.first_id for p in pairs} - {to_id}
    for pair in pairs:
        session.delete(pair)
    session.flush()
    for other in others:
        _mark_distinct(session, other, to_id, now=now)


def _articles_of(session: Session, speaker_id: int) -> set[int]:
    appearing = select(SpeakerAppearance.article_id).where(SpeakerAppearance.speaker_id == speaker_id)
    quoted = select(Quote.article_id).join(Attribution).where(Attribution.speaker_id == speaker_id)
    return set(session.scalars(appearing)) | set(session.scalars(quoted))


def _current_quotes_of(session: Session, speaker_id: int, quote_ids: Collection[int]) -> set[int]:
    """Those of `quote_ids` whose current attribution (manual, else parser) is the speaker."""
    if not quote_ids:
        return set()
    statement = (
        select(Quote.id)
        .join(Attribution, current_attribution(Quote.id))
        .where(Quote.id.in_(quote_ids), Attribution.speaker_id == speaker_id)
    )
    return set(session.scalars(statement))


def _appearance_name(session: Session, speaker_id: int, article_ids: Collection[int]) -> str | None:
    if not article_ids:
        return None
    return session.scalars(
        select(SpeakerAppearance.name)
        .where(SpeakerAppearance.speaker_id == speaker_id, SpeakerAppearance.article_id.in_(article_ids))
        .order_by(SpeakerAppearance.article_id, SpeakerAppearance.id)
    ).first()


def _move_articles(session: Session, from_id: int, to_id: int, article_ids: Collection[int]) -> None:
    """Everything `from_id` is in these articles moves to `to_id`, manual attributions included."""
    in_articles = select(Quote.id).where(Quote.article_id.in_(article_ids))
    session.execute(
        update(Attribution)
        .where(Attribution.speaker_id == from_id, Attribution.quote_id.in_(in_articles))
        .values(speaker_id=to_id)
    )
    session.execute(
        update(SpeakerAppearance)
        .where(SpeakerAppearance.speaker_id == from_id, SpeakerAppearance.article_id.in_(article_ids))
        .values(
            speaker_id=to_id,
            origin="manual",
            rule="manual",
            confidence=1.0,
            evidence=f"split by hand from #{from_id}",
        )
    )
    move_provenanced(session, SpeakerAlias, from_id, to_id, article_ids=article_ids)
    move_provenanced(session, SpeakerRole, from_id, to_id, article_ids=article_ids)


def _log(
    session: Session,
    action: str,
    detail: str,
    *,
    now: datetime,
    speaker_id: int | None = None,
    other_id: int | None = None,
    quote_id: int | None = None,
) -> None:
    session.add(
        SpeakerDecision(
            action=action,
            speaker_id=speaker_id,
            other_speaker_id=other_id,
            quote_id=quote_id,
            detail=detail,
            origin="manual",
            created_at=now,
        )
    )


log_decision = _log  # for correction modules beside this one (quotes.db.speaker_flags)
