"""Which database speaker a speaker found in one article becomes.

The single seam for speaker identity across articles: ingest calls `resolve_speaker` for every speaker
the parser reports. The rule here is deliberately plain: a named person or organisation is matched by
exact canonical name and kind; groups and unnamed speakers ("a woman from Kursk") are never matched,
so each is its own speaker per article.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from quotes.db.models import Article, Speaker, SpeakerAlias, SpeakerRole
from quotes.parse.model import Speaker as ParsedSpeaker
from quotes.parse.model import SpeakerKind

MATCHED_BY_NAME = frozenset({SpeakerKind.PERSON, SpeakerKind.ORGANISATION})


def resolve_speaker(session: Session, article: Article, parsed: ParsedSpeaker, *, now: datetime) -> Speaker:
    """The speaker row for `parsed` (found or created), with the aliases and roles `article` gives it."""
    speaker = _find_by_name(session, parsed) if parsed.kind in MATCHED_BY_NAME else None
    if speaker is None:
        speaker = Speaker(
            name=parsed.name,
            kind=str(parsed.kind),
            description=parsed.roles[0] if parsed.roles else None,
            anonymous=parsed.anonymous,
            created_at=now,
        )
        session.add(speaker)
    else:
        speaker.anonymous = speaker.anonymous or parsed.anonymous
        if speaker.description is None and parsed.roles:
            speaker.description = parsed.roles[0]
    for alias in dict.fromkeys(parsed.aliases):
        if alias != parsed.name:
            session.add(SpeakerAlias(speaker=speaker, alias=alias, article=article, origin="parser"))
    for role in dict.fromkeys(parsed.roles):
        session.add(SpeakerRole(speaker=speaker, role=role, article=article, origin="parser"))
    return speaker


def _find_by_name(session: Session, parsed: ParsedSpeaker) -> Speaker | None:
    statement = (
        select(Speaker)
        .where(Speaker.name == parsed.name, Speaker.kind == str(parsed.kind))
        .order_by(Speaker.id)
        .limit(1)
    )
    return session.scalars(statement).first()
