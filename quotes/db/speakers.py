"""Which database speaker a speaker found in one article becomes.

The single seam for speaker identity across articles: ingest (and reparse) call `resolve_speakers` with
the speakers the parser reports for an article. The summaries of the entities that share a name key
with them are loaded and `quotes.speakers.match_speaker` decides: the same entity, or a new one (unnamed
speakers and groups are always new). Each decision is kept as an appearance, with its rule, confidence
and evidence; the aliases and roles the article gives are stored with the article they came from, and
each entity's summary is updated in place, so an article costs the same however large the archive.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Protocol, cast

from sqlalchemy import Boolean, Connection, Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from quotes.db.bulk import BulkStatement
from quotes.db.fts import fold_for_search
from quotes.db.models import Article, NameText, Speaker, SpeakerAlias, SpeakerAppearance, SpeakerRole
from quotes.db.profiles import (
    SPEAKERS,
    Entity,
    SpeakerFields,
    fit_key,
    key_owners,
    keys_held,
    load_entities,
    lock_keys,
    save_entities,
)
from quotes.parse.model import Speaker as ParsedSpeaker
from quotes.parse.model import SpeakerKind
from quotes.speakers import EntityProfile, MatchDecision, Same, SpeakerEvidence, index_keys
from quotes.speakers.cached import parse_person_name
from quotes.speakers.compare import Subject, confident_keys, evidence_subject, never_fits, probe_keys
from quotes.speakers.identity import confident_match, match_subject
from quotes.speakers.summary import EntitySummary

_INSERT_SPEAKERS = insert(SPEAKERS).returning(SPEAKERS.c.id, sort_by_parameter_order=True)
_SPEAKER_ROWS = BulkStatement(  # name_folded given as its column default makes it
    insert(SPEAKERS), "name name_folded name_origin kind description anonymous created_at".split()
)
_INSERT_APPEARANCES = BulkStatement(
    insert(cast(Table, SpeakerAppearance.__table__)),
    "article_id speaker_id name kind ordinal anonymous rule confidence evidence origin created_at".split(),
)
_INSERT_ALIASES = BulkStatement(
    insert(cast(Table, SpeakerAlias.__table__)), ["speaker_id", "alias", "alias_folded", "article_id", "origin"]
)
_INSERT_ROLES = BulkStatement(
    insert(cast(Table, SpeakerRole.__table__)), ["speaker_id", "role", "article_id", "origin"]
)


class ArticleFacts(Protocol):
    """What resolution reads of the article: a stored `Article`, or ingest's record of the row it wrote."""

    @property
    def id(self) -> int: ...

    @property
    def outlet(self) -> str | None: ...

    @property
    def published(self) -> date | None: ...


def resolve_speaker(session: Session, article: Article, parsed: ParsedSpeaker, *, now: datetime) -> Speaker:
    """The speaker row for one `parsed` speaker of an already stored article (found or created)."""
    resolved = resolve_speakers(session, article, [parsed], now=now, fresh=False)
    return session.get_one(Speaker, resolved[parsed.key])


def resolve_speakers(
    session: Session,
    article: ArticleFacts,
    parsed_speakers: Sequence[ParsedSpeaker],
    *,
    now: datetime,
    fresh: bool = True,
) -> dict[int, int]:
    """Parsed speaker key -> speaker id, for the speakers one article gives (found or created).

    Reads the summaries of the entities sharing a name key with any of them (a few queries for all; a
    full name's lone-name keys only when no entity fits it by that full name), decides each speaker in
    turn, then writes appearances, aliases, roles, summaries and new keys in batches.
    Entities already given to another speaker of this article are left out: the parser has said those
    are different people. `fresh` says the article is new, so nothing of it is stored yet.
    """
    if not parsed_speakers:
        return {}
    if not fresh:
        session.flush()  # what the caller changed through the ORM, before reading by Core statements
    connection = session.connection()  # Core statements straight on the connection: no ORM execute
    article_id = str(article.id)
    evidences = [
        SpeakerEvidence.from_parse(
            p, article_id=article_id, outlet=article.outlet, published=article.published
        )
        for p in parsed_speakers
    ]
    subjects = [evidence_subject(e) for e in evidences]  # reduced once: for the keys and the matching
    probes = [frozenset((fit_key(k),) for k in probe_keys(subject)) for subject in subjects]
    # a generator: the keys an entity would be stored under are worked out only where locks are taken
    own = (k for e in evidences for k in own_keys(e))
    lock_keys(connection, itertools.chain((k for slots in probes for (k,) in slots), own))
    # A speaker with a full name reads the entities under its other keys (lone names) only when none
    # under its confident keys fits it: a full-name fit decides whatever the lone names say.
    firsts = [
        frozenset(tuple(fit_key(k) for k in slot) for slot in confident_keys(subject)) or slots
        for subject, slots in zip(subjects, probes, strict=True)
    ]
    known = _Known(connection)
    known.reach({slot for slots in firsts for slot in slots})
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
    created: list[Entity] = []
    renamed: dict[int, Entity] = {}
    appearances: list[tuple[Entity, dict[str, object]]] = []
    evidenced: list[tuple[Entity, ParsedSpeaker]] = []
    # Each speaker's fit by its confident keys, among the entities not taken yet; it stands while no
    # entity under those keys is taken by an earlier speaker of the article (then it is decided again).
    taken_before = frozenset(taken)
    early = [
        confident_match(subject, known.under(first, taken, subject), outlet=evidence.outlet) if first != slots else None
        for subject, evidence, first, slots in zip(subjects, evidences, firsts, probes, strict=True)
    ]
    known.reach(  # in one read: the further keys of every speaker no entity fits by its confident keys
        {
            slot
            for first, slots, fit in zip(firsts, probes, early, strict=True)
            if first != slots and fit is None
            for slot in slots
        }
    )
    for parsed, evidence, subject, first, slots, fit in zip(
        parsed_speakers, evidences, subjects, firsts, probes, early, strict=True
    ):
        decision: MatchDecision | None = None
        if first != slots:
            if known.ids(first).isdisjoint(taken - taken_before):
                decision = fit
            else:
                decision = confident_match(subject, known.under(first, taken, subject), outlet=evidence.outlet)
        if decision is None:
            known.reach(slots)  # already read, unless a fit was taken by an earlier speaker of the article
            # = match_speaker(evidence, profiles)
            decision = match_subject(subject, known.under(slots, taken, subject), outlet=evidence.outlet)
        if isinstance(decision, Same):
            entity = known.entities[decision.entity_id]
            old_keys = frozenset(index_keys(entity.profile()))
            if _update_row(entity.row, parsed):
                renamed[entity.row.id] = entity
            taken.add(entity.row.id)
            confidence: float | None = decision.confidence
        else:
            row = SpeakerFields(
                0, parsed.name, str(parsed.kind), parsed.anonymous, parsed.roles[0] if parsed.roles else None
            )
            entity, old_keys, confidence = Entity(row, EntitySummary(), stored=False), frozenset(), None
            created.append(entity)
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
        evidenced.append((entity, parsed))
    _create(connection, created, now)
    _write_changes(session, list(renamed.values()))
    _INSERT_APPEARANCES.execute(connection, [{**row, "speaker_id": e.row.id} for e, row in appearances])
    if fresh:  # nothing of the article is stored yet: its aliases and roles go in as they are
        aliases = [
            {
                "speaker_id": e.row.id,
                "alias": alias,
                "alias_folded": fold_for_search(alias),  # what the column's default gives
                "article_id": article.id,
                "origin": "parser",
            }
            for e, parsed in evidenced
            for alias in sorted(set(parsed.aliases) - {parsed.name})
        ]
        roles = [
            {"speaker_id": e.row.id, "role": role, "article_id": article.id, "origin": "parser"}
            for e, parsed in evidenced
            for role in sorted(set(parsed.roles))
        ]
        _INSERT_ALIASES.execute(connection, aliases)
        _INSERT_ROLES.execute(connection, roles)
    else:
        for entity, parsed in evidenced:
            record_evidence(session, article.id, entity.row.id, parsed)
    save_entities(connection, touched)
    return {key: entity.row.id for key, entity in chosen.items()}


Slot = tuple[str, ...]  # name keys an entity is stored under all of; it is found under the first


class _Known:
    """The entities read so far for one article, by the slots (key tuples) they were read under."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.owners: dict[str, set[int]] = {}  # key -> its owners (the MAX_PER_KEY best supported)
        self.found: dict[Slot, set[int]] = {}  # slot -> the owners of its first key holding the rest
        self.entities: dict[int, Entity] = {}

    def reach(self, slots: Collection[Slot]) -> None:
        """Read the owners of the slots not read yet, and the entities among them not loaded yet."""
        slots = [slot for slot in slots if slot not in self.found]
        if not slots:
            return
        if firsts := {slot[0] for slot in slots} - self.owners.keys():
            self.owners.update(key_owners(self.connection, firsts))
        held: set[tuple[int, str]] = set()
        if longer := [slot for slot in slots if len(slot) > 1]:
            ids = {i for slot in longer for i in self.owners[slot[0]]}
            held = keys_held(self.connection, ids, {key for slot in longer for key in slot[1:]})
        for slot in slots:
            self.found[slot] = {i for i in self.owners[slot[0]] if all((i, k) in held for k in slot[1:])}
        wanted = {i for slot in slots for i in self.found[slot]} - self.entities.keys()
        self.entities.update(load_entities(self.connection, wanted))

    def ids(self, slots: Collection[Slot]) -> set[int]:
        """The entities found under `slots` (read already)."""
        return {i for slot in slots for i in self.found[slot]}

    def under(self, slots: Collection[Slot], taken: Collection[int], subject: Subject) -> list[EntityProfile]:
        """Profiles of the entities found under `slots` that may fit `subject`, in id order, leaving out
        `taken` ones; the others (`never_fits`: a pseudonym for a real name) would only be ruled out."""
        ids = sorted(self.ids(slots) - set(taken))
        return [
            entity.profile()
            for i in ids
            if (entity := self.entities.get(i)) is not None
            and not never_fits(subject, SpeakerKind(entity.row.kind), entity.row.anonymous)
        ]


def _create(connection: Connection, created: list[Entity], now: datetime) -> None:
    """Insert the new speakers in one statement and give each entity its id."""
    if not created:
        return
    rows = [
        {
            "name": e.row.name,
            "kind": e.row.kind,
            "name_origin": "parser",
            "description": e.row.description,
            "anonymous": e.row.anonymous,
            "created_at": now,
        }
        for e in created
    ]
    if connection.dialect.name == "sqlite":  # one INSERT per row, as SQLAlchemy runs an ordered RETURNING there
        folded = [{**row, "name_folded": fold_for_search(e.row.name)} for e, row in zip(created, rows, strict=True)]
        ids = _SPEAKER_ROWS.inserted_ids(connection, folded)
    else:
        ids = [speaker_id for (speaker_id,) in connection.execute(_INSERT_SPEAKERS, rows)]
    for entity, speaker_id in zip(created, ids, strict=True):
        entity.row.id = speaker_id


_UPDATE_SPEAKERS = BulkStatement(  # name through NameText (NFC, display form), as the ORM writes it
    update(SPEAKERS)
    .where(SPEAKERS.c.id == bindparam("b_id"))
    .values(
        name=bindparam("b_name", type_=NameText()),
        name_folded=bindparam("b_name_folded"),
        description=bindparam("b_description"),
        anonymous=bindparam("b_anonymous", type_=Boolean()),
    ),
    ["b_id", "b_name", "b_name_folded", "b_description", "b_anonymous"],
)


def _write_changes(session: Session, changed: list[Entity]) -> None:
    """Store the name, description and anonymity that resolution changed on existing speakers (rare:
    a fuller name, a first role), in one statement, with the folded name the model keeps in step with
    the name (`Speaker._fold_name`). A copy of such a speaker the session holds is expired, so it is
    read again as stored."""
    if not changed:
        return
    rows = [
        {
            "b_id": entity.row.id,
            "b_name": entity.row.name,
            "b_name_folded": fold_for_search(entity.row.name),
            "b_description": entity.row.description,
            "b_anonymous": entity.row.anonymous,
        }
        for entity in changed
    ]
    _UPDATE_SPEAKERS.execute(session.connection(), rows)
    if not session.identity_map:  # ingest holds no ORM objects: nothing to expire
        return
    for entity in changed:
        held = session.identity_map.get(session.identity_key(Speaker, entity.row.id))
        if held is not None:
            session.expire(held)


def own_keys(evidence: SpeakerEvidence) -> frozenset[str]:
    """The keys an entity made of `evidence` alone would be stored under."""
    return frozenset(fit_key(k) for k in index_keys(EntityProfile.from_evidence(0, evidence)))


def _update_row(speaker: SpeakerFields, parsed: ParsedSpeaker) -> bool:
    """Take what a new appearance adds to the speaker row; whether anything changed."""
    before = (speaker.name, speaker.description, speaker.anonymous)
    speaker.anonymous = speaker.anonymous or parsed.anonymous
    if speaker.description is None and parsed.roles:
        speaker.description = parsed.roles[0]
    _adopt_fuller_name(speaker, parsed)
    return before != (speaker.name, speaker.description, speaker.anonymous)


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


def _adopt_fuller_name(speaker: SpeakerFields, parsed: ParsedSpeaker) -> None:
    """A person first known by one word ("Peskov") takes the full name an article gives later."""
    if speaker.name_origin != "parser" or speaker.kind != SpeakerKind.PERSON:
        return
    current, offered = parse_person_name(speaker.name), parse_person_name(parsed.name)
    if current is not None and offered is not None and current.lone and offered.full:
        speaker.name = parsed.name
