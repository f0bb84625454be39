"""Which database speaker a speaker found in one article becomes.

The single seam for speaker identity across articles: ingest (and reparse) call `resolve_speaker` for
every speaker the parser reports. The entities that share a name key with it are loaded and
`quotes.speakers.match_speaker` decides: the same entity, or a new one (unnamed speakers and groups are
always new). Each decision is kept as an appearance, with its rule, confidence and evidence; the
aliases and roles the article gives are stored with the article they came from.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from quotes.db.models import Article, Speaker, SpeakerAlias, SpeakerAppearance, SpeakerRole
from quotes.db.profiles import refresh_keys, shortlist
from quotes.parse.model import Speaker as ParsedSpeaker
from quotes.parse.model import SpeakerKind
from quotes.speakers import Same, SpeakerEvidence, match_speaker
from quotes.speakers.names import parse_person_name


def resolve_speaker(session: Session, article: Article, parsed: ParsedSpeaker, *, now: datetime) -> Speaker:
    """The speaker row for `parsed` (found or created), with the aliases and roles `article` gives it.

    Entities already given to another speaker of this article are left out: the parser has said
    those are different people.
    """
    if article.id is None:
        session.flush()
    evidence = SpeakerEvidence.from_parse(parsed, article_id=str(article.id), outlet=article.outlet)
    taken = set(
        session.scalars(
            select(SpeakerAppearance.speaker_id).where(SpeakerAppearance.article_id == article.id)
        )
    )
    profiles = shortlist(session, evidence, exclude=taken)
    decision = match_speaker(evidence, profiles)
    if isinstance(decision, Same):
        speaker = session.get_one(Speaker, decision.entity_id)
        speaker.anonymous = speaker.anonymous or parsed.anonymous
        if speaker.description is None and parsed.roles:
            speaker.description = parsed.roles[0]
        _adopt_fuller_name(speaker, parsed)
        confidence: float | None = decision.confidence
    else:
        speaker = Speaker(
            name=parsed.name,
            kind=str(parsed.kind),
            name_origin="parser",
            description=parsed.roles[0] if parsed.roles else None,
            anonymous=parsed.anonymous,
            created_at=now,
        )
        session.add(speaker)
        session.flush()
        confidence = None
    add_appearance(
        session,
        article.id,
        speaker.id,
        parsed,
        rule=str(decision.rule),
        confidence=confidence,
        evidence=decision.evidence,
        now=now,
    )
    record_evidence(session, article.id, speaker.id, parsed)
    refresh_keys(session, [speaker.id])
    return speaker


def add_appearance(
    session: Session,
    article_id: int,
    speaker_id: int,
    parsed: ParsedSpeaker,
    *,
    rule: str,
    confidence: float | None,
    evidence: str,
    now: datetime,
) -> SpeakerAppearance:
    """Record that `parsed`, in this article, is speaker `speaker_id` (the next ordinal of its name)."""
    ordinal = session.scalar(
        select(func.count(SpeakerAppearance.id)).where(
            SpeakerAppearance.article_id == article_id,
            SpeakerAppearance.kind == str(parsed.kind),
            SpeakerAppearance.name == parsed.name,
        )
    )
    appearance = SpeakerAppearance(
        article_id=article_id,
        speaker_id=speaker_id,
        name=parsed.name,
        kind=str(parsed.kind),
        ordinal=ordinal or 0,
        anonymous=parsed.anonymous,
        rule=rule,
        confidence=confidence,
        evidence=evidence,
        origin="parser",
        created_at=now,
    )
    session.add(appearance)
    return appearance


def record_evidence(session: Session, article_id: int, speaker_id: int, parsed: ParsedSpeaker) -> None:
    """Make the parser's aliases and roles of `speaker_id` in this article exactly what `parsed` gives."""
    names = set(parsed.aliases) - {parsed.name}  # the name itself is on the article's appearance
    _sync_rows(session, SpeakerAlias, article_id, speaker_id, names)
    _sync_rows(session, SpeakerRole, article_id, speaker_id, set(parsed.roles))


def _sync_rows(
    session: Session,
    table: type[SpeakerAlias | SpeakerRole],
    article_id: int,
    speaker_id: int,
    wanted: set[str],
) -> None:
    text_column = SpeakerAlias.alias if table is SpeakerAlias else SpeakerRole.role
    mine = (table.speaker_id == speaker_id, table.article_id == article_id)
    have = set(session.scalars(select(text_column).where(*mine)))
    if stale := have - wanted:
        session.execute(delete(table).where(*mine, text_column.in_(stale)))
    for text in sorted(wanted - have):
        if table is SpeakerAlias:
            session.add(
                SpeakerAlias(speaker_id=speaker_id, alias=text, article_id=article_id, origin="parser")
            )
        else:
            session.add(SpeakerRole(speaker_id=speaker_id, role=text, article_id=article_id, origin="parser"))


def _adopt_fuller_name(speaker: Speaker, parsed: ParsedSpeaker) -> None:
    """A person first known by one word ("Peskov") takes the full name an article gives later."""
    if speaker.name_origin != "parser" or speaker.kind != SpeakerKind.PERSON:
        return
    current, offered = parse_person_name(speaker.name), parse_person_name(parsed.name)
    if current is not None and offered is not None and current.lone and offered.full:
        speaker.name = parsed.name
