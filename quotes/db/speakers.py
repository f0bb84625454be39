"""Which database speaker a speaker found in one article becomes.

The single seam for speaker identity across articles: ingest (and reparse) call `resolve_speakers` with
the speakers the parser reports for an article. The summaries of the entities that share a name key
with them are loaded and `quotes.speakers.match_speaker` decides: the same entity, or a new one (unnamed
speakers and groups are always new). Each decision is kept as an appearance, with its rule, confidence
and evidence; the aliases and roles the article gives are stored with the article they came from, and
each entity's summary is updated in place, so an article costs the same however large the archive.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from quotes.db.models import Article, Speaker, SpeakerAlias, SpeakerAppearance, SpeakerRole
from quotes.db.profiles import Entity, fit_key, key_owners, load_entities, lock_keys, save_entities
from quotes.parse.model import Speaker as ParsedSpeaker
from quotes.parse.model import SpeakerKind
from quotes.speakers import EntityProfile, Same, SpeakerEvidence, index_keys, lookup_keys, match_speaker
from quotes.speakers.names import parse_person_name
from quotes.speakers.summary import EntitySummary


def resolve_speaker(session: Session, article: Article, parsed: ParsedSpeaker, *, now: datetime) -> Speaker:
    """The speaker row for one `parsed` speaker of an already stored article (found or created)."""
    resolved = resolve_speakers(session, article, [parsed], now=now, fresh=False)
    return session.get_one(Speaker, resolved[parsed.key])


def resolve_speakers(
    session: Session,
    article: Article,
    parsed_speakers: Sequence[ParsedSpeaker],
    *,
    now: datetime,
    fresh: bool = True,
) -> dict[int, int]:
    """Parsed speaker key -> speaker id, for the speakers one article gives (found or created).

    Reads the summaries of the entities sharing a name key with any of them (two queries in all), decides
    each speaker in turn, then writes appearances, aliases, roles, summaries and new keys in batches.
    Entities already given to another speaker of this article are left out: the parser has said those
    are different people. `fresh` says the article is new, so nothing of it is stored yet.
    """
    if not parsed_speakers:
        return {}
    if article.id is None:
        session.flush()
    article_id = str(article.id)
    evidences = [
        SpeakerEvidence.from_parse(
            p, article_id=article_id, outlet=article.outlet, published=article.published
        )
        for p in parsed_speakers
    ]
    probes = [frozenset(fit_key(k) for k in lookup_keys(e)) for e in evidences]
    lock_keys(session, {*(k for keys in probes for k in keys), *(k for e in evidences for k in own_keys(e))})
    owners = key_owners(session, {k for keys in probes for k in keys})
    entities = load_entities(session, {i for ids in owners.values() for i in ids})
    taken: set[int] = set()
    ordinals: Counter[tuple[str, str]] = Counter()
    if not fresh:
        for speaker_id, kind, name in session.execute(
            select(SpeakerAppearance.speaker_id, SpeakerAppearance.kind, SpeakerAppearance.name).where(
                SpeakerAppearance.article_id == article.id
            )
        ):
            taken.add(speaker_id)
            ordinals[(kind, name)] += 1
    chosen: dict[int, Entity] = {}
    touched: list[tuple[Entity, frozenset[str]]] = []
    appearances: list[tuple[Entity, dict[str, object]]] = []
    aliases: list[tuple[Entity, str]] = []
    roles: list[tuple[Entity, str]] = []
    for parsed, evidence, keys in zip(parsed_speakers, evidences, probes, strict=True):
        candidates = sorted({i for k in keys for i in owners[k]} - taken)
        decision = match_speaker(evidence, [entities[i].profile() for i in candidates if i in entities])
        if isinstance(decision, Same):
            entity = entities[decision.entity_id]
            old_keys = frozenset(index_keys(entity.profile()))
            _update_row(entity.row, parsed)
            taken.add(entity.row.id)
            confidence: float | None = decision.confidence
        else:
            row = Speaker(
                name=parsed.name,
                kind=str(parsed.kind),
                name_origin="parser",
                description=parsed.roles[0] if parsed.roles else None,
                anonymous=parsed.anonymous,
                created_at=now,
            )
            session.add(row)
            if not fresh:
                session.flush()  # `record_evidence` below needs its id
            entity, old_keys, confidence = Entity(row, EntitySummary(), None), frozenset(), None
        entity.summary.add(evidence)
        chosen[parsed.key] = entity
        touched.append((entity, old_keys))
        slot = (str(parsed.kind), parsed.name)
        appearances.append(
            (
                entity,
                {
                    "article_id": article.id,
                    "name": parsed.name,
                    "kind": str(parsed.kind),
                    "ordinal": ordinals[slot],
                    "anonymous": parsed.anonymous,
                    "rule": str(decision.rule),
                    "confidence": confidence,
                    "evidence": decision.evidence,
                    "origin": "parser",
                    "created_at": now,
                },
            )
        )
        ordinals[slot] += 1
        if fresh:
            aliases.extend((entity, alias) for alias in sorted(set(parsed.aliases) - {parsed.name}))
            roles.extend((entity, role) for role in sorted(set(parsed.roles)))
        else:
            record_evidence(session, article.id, entity.row.id, parsed)
    session.flush()  # new speakers get their ids, all in one flush
    session.execute(insert(SpeakerAppearance), [{**row, "speaker_id": e.row.id} for e, row in appearances])
    _insert(session, SpeakerAlias, [{"speaker_id": e.row.id, "alias": a, "article_id": article.id,
                                     "origin": "parser"} for e, a in aliases])  # fmt: skip
    _insert(session, SpeakerRole, [{"speaker_id": e.row.id, "role": r, "article_id": article.id,
                                    "origin": "parser"} for e, r in roles])  # fmt: skip
    save_entities(session, touched)
    return {key: entity.row.id for key, entity in chosen.items()}


def _insert(session: Session, table: type[SpeakerAlias | SpeakerRole], rows: list[dict[str, object]]) -> None:
    if rows:
        session.execute(insert(table), rows)


def own_keys(evidence: SpeakerEvidence) -> frozenset[str]:
    """The keys an entity made of `evidence` alone would be stored under."""
    return frozenset(fit_key(k) for k in index_keys(EntityProfile.from_evidence(0, evidence)))


def _update_row(speaker: Speaker, parsed: ParsedSpeaker) -> None:
    speaker.anonymous = speaker.anonymous or parsed.anonymous
    if speaker.description is None and parsed.roles:
        speaker.description = parsed.roles[0]
    _adopt_fuller_name(speaker, parsed)


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
