"""Speaker entities as the identity rules see them, their bounded summaries and their name keys.

The rules in `quotes.speakers` are pure; this module reads what they need from the database: at ingest
the summary of each entity sharing a name key with a new speaker (`load_entities`), never its
appearances. `speaker_keys` holds at least `index_keys(profile)` of each entity, so a lookup by key
finds every entity that may be a new speaker.
"""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    Table,
    bindparam,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from quotes.db.bulk import BulkQuery, BulkStatement, on_conflict_insert
from quotes.db.models import (
    Article,
    Attribution,
    SpeakerAlias,
    SpeakerAppearance,
    SpeakerKey,
    SpeakerRole,
    SpeakerSummary,
)
from quotes.db.models import Speaker as SpeakerRow
from quotes.parse.model import SpeakerKind
from quotes.speakers import Appearance, Attested, EntityProfile, SpeakerEvidence, index_keys
from quotes.speakers.summary import EntitySummary

Executor = Session | Connection  # resolution runs its Core statements on the session's connection
KEY_LENGTH = 300  # speaker_keys.key; longer keys are cut alike when stored and when looked up
MAX_PER_KEY = 50  # entities compared per name key at most: the ones seen in most articles


def fit_key(key: str) -> str:
    return key[:KEY_LENGTH]


def load_profiles(session: Session, speaker_ids: Collection[int]) -> list[EntityProfile]:
    """Profiles of the given speakers, in id order, with every alias, role and appearance.

    The aliases include the name each article gave (kept on its appearance) with that article.
    """
    ids = sorted(set(speaker_ids))
    if not ids:
        return []
    aliases = _attested(session, SpeakerAlias, SpeakerAlias.alias, ids)
    roles = _attested(session, SpeakerRole, SpeakerRole.role, ids)
    appearances: defaultdict[int, list[Appearance]] = defaultdict(list)
    for speaker_id, article_id, name, outlet in session.execute(
        select(
            SpeakerAppearance.speaker_id, SpeakerAppearance.article_id, SpeakerAppearance.name, Article.outlet
        )
        .join(Article, Article.id == SpeakerAppearance.article_id)
        .where(SpeakerAppearance.speaker_id.in_(ids))
        .order_by(SpeakerAppearance.id)
    ):
        appearances[speaker_id].append(Appearance(str(article_id), outlet))
        aliases[speaker_id].append(Attested(name, str(article_id)))  # the name the article gave
    rows = session.execute(
        select(SpeakerRow.id, SpeakerRow.name, SpeakerRow.kind, SpeakerRow.anonymous)
        .where(SpeakerRow.id.in_(ids))
        .order_by(SpeakerRow.id)
    )
    return [
        EntityProfile(
            id=speaker_id,
            name=name,
            kind=SpeakerKind(kind),
            aliases=tuple(dict.fromkeys(aliases[speaker_id])),
            roles=tuple(dict.fromkeys(roles[speaker_id])),
            appearances=tuple(dict.fromkeys(appearances[speaker_id])),
            anonymous=anonymous,
        )
        for speaker_id, name, kind, anonymous in rows
    ]


def _attested(
    session: Session,
    table: type[SpeakerAlias | SpeakerRole],
    text: InstrumentedAttribute[str],
    ids: list[int],
) -> defaultdict[int, list[Attested]]:
    """Each speaker's aliases or roles, in the order stored, with the article each was seen in."""
    found: defaultdict[int, list[Attested]] = defaultdict(list)
    for speaker_id, value, article_id in session.execute(
        select(table.speaker_id, text, table.article_id).where(table.speaker_id.in_(ids)).order_by(table.id)
    ):
        found[speaker_id].append(Attested(value, _article_key(article_id)))
    return found


def _article_key(article_id: int | None) -> str:
    return "" if article_id is None else str(article_id)  # "": a manual alias, from no article


SPEAKERS = cast(Table, SpeakerRow.__table__)  # Core statements, built once: resolution runs per article
SUMMARIES = cast(Table, SpeakerSummary.__table__)
KEYS = cast(Table, SpeakerKey.__table__)


def _owners_statement() -> Select[Any]:
    support = func.coalesce(SUMMARIES.c.appearances, 0)
    ranked = (
        select(
            KEYS.c.key,
            KEYS.c.speaker_id,
            func.row_number()
            .over(partition_by=KEYS.c.key, order_by=(support.desc(), KEYS.c.speaker_id))
            .label("rank"),
        )
        .outerjoin(SUMMARIES, SUMMARIES.c.speaker_id == KEYS.c.speaker_id)
        .where(KEYS.c.key.in_(bindparam("keys", expanding=True)))
        .subquery()
    )
    return select(ranked.c.speaker_id, ranked.c.key).where(ranked.c.rank <= MAX_PER_KEY)


_OWNERS = BulkQuery(_owners_statement())
_ENTITIES = BulkQuery(
    select(
        SPEAKERS.c.id,
        SPEAKERS.c.name,
        SPEAKERS.c.kind,
        SPEAKERS.c.anonymous,
        SPEAKERS.c.description,
        SPEAKERS.c.name_origin,
        SUMMARIES.c.appearances,
        SUMMARIES.c.data,
    )
    .outerjoin(SUMMARIES, SUMMARIES.c.speaker_id == SPEAKERS.c.id)
    .where(SPEAKERS.c.id.in_(bindparam("ids", expanding=True)))
    .order_by(SPEAKERS.c.id)
)
_HELD = BulkQuery(
    select(KEYS.c.speaker_id, KEYS.c.key).where(
        KEYS.c.speaker_id.in_(bindparam("ids", expanding=True)), KEYS.c.key.in_(bindparam("keys", expanding=True))
    )
)
_UPDATE_SUMMARY = BulkStatement(
    update(SUMMARIES)
    .where(SUMMARIES.c.speaker_id == bindparam("b_speaker_id"))
    .values(appearances=bindparam("b_appearances"), data=bindparam("b_data")),
    ["b_speaker_id", "b_appearances", "b_data"],
)
_INSERT_SUMMARY = BulkStatement(insert(SUMMARIES), ["speaker_id", "appearances", "data"])


@functools.cache
def _insert_keys(postgres: bool) -> BulkStatement:
    return BulkStatement(on_conflict_insert(postgres)(KEYS).on_conflict_do_nothing(), ["speaker_id", "key"])


def key_owners(session: Executor, keys: Iterable[str]) -> dict[str, set[int]]:
    """Key -> the speakers stored under it (the MAX_PER_KEY seen in most articles), one query for all.

    The cap bounds what one speaker costs to resolve however many entities share a key: beyond the
    best supported ones they are lone names and fragments, each seen once or twice.
    """
    wanted = sorted({fit_key(key) for key in keys})
    owners: dict[str, set[int]] = {key: set() for key in wanted}
    for chunk in _chunks(wanted):
        for speaker_id, key in _OWNERS.rows(_connection(session), {"keys": chunk}):
            owners[key].add(speaker_id)
    return owners


def keys_held(session: Executor, speaker_ids: Collection[int], keys: Collection[str]) -> set[tuple[int, str]]:
    """Which of `keys` each of the speakers is stored under, as (speaker, key) pairs (one query)."""
    held: set[tuple[int, str]] = set()
    wanted = sorted({fit_key(key) for key in keys})
    if not wanted:
        return held
    for chunk in _chunks(sorted(set(speaker_ids))):
        rows = _HELD.rows(_connection(session), {"ids": chunk, "keys": wanted})
        held.update((speaker_id, key) for speaker_id, key in rows)
    return held


@dataclass(slots=True)
class SpeakerFields:
    """The columns of a speaker row that resolution reads and may change (read and written by Core
    statements, which cost a fraction of loading and flushing ORM objects)."""

    id: int
    name: str
    kind: str
    anonymous: bool
    description: str | None
    name_origin: str = "parser"


PROFILES_CACHED = 8192  # entities kept as stored (id, row and summary JSON) -> their profile, per process
_STORED_PROFILES: dict[tuple[int, str, str, bool, int, str], EntityProfile] = {}


class Entity:
    """A speaker row with its summary, as resolution reads and updates it.

    The summary is parsed from its stored JSON only when first asked for. Until then `profile()` comes
    from a per-process cache keyed by the row and the stored JSON: most entities resolution loads are
    candidates it compares and leaves unchanged, article after article, and at archive size there are
    about a hundred of them per article (every "Jane" known only by that name is a candidate of every
    "Jane Hale"), so rebuilding each profile was most of what an article cost beyond a small archive.
    Asking for `summary` ends the caching for this object, because the caller may change it.
    """

    __slots__ = ("_as_stored", "_summary", "row", "stored")

    def __init__(
        self,
        row: SpeakerFields,
        summary: EntitySummary | None,
        stored: bool,
        as_stored: tuple[int, str] | None = None,
    ) -> None:
        self.row = row
        self.stored = stored  # whether the summary has a row yet
        self._summary = summary
        self._as_stored = as_stored if summary is None else None

    @property
    def summary(self) -> EntitySummary:
        if self._summary is None:
            assert self._as_stored is not None
            self._summary = EntitySummary.from_json(*self._as_stored)
        self._as_stored = None
        return self._summary

    @summary.setter
    def summary(self, value: EntitySummary) -> None:
        self._summary, self._as_stored = value, None

    def profile(self) -> EntityProfile:
        if self._as_stored is None:
            return self._build(self.summary)
        row = self.row
        key = (row.id, row.name, row.kind, row.anonymous, *self._as_stored)
        found = _STORED_PROFILES.get(key)
        if found is None:
            if self._summary is None:
                self._summary = EntitySummary.from_json(*self._as_stored)
            found = _STORED_PROFILES[key] = self._build(self._summary)
            if len(_STORED_PROFILES) > PROFILES_CACHED:
                del _STORED_PROFILES[next(iter(_STORED_PROFILES))]  # the oldest in
        return found

    def _build(self, summary: EntitySummary) -> EntityProfile:
        return summary.profile(
            self.row.id, self.row.name, SpeakerKind(self.row.kind), anonymous=self.row.anonymous
        )


def _entity_rows(session: Executor, ids: list[int]) -> Iterator[tuple[SpeakerFields, tuple[int, str] | None]]:
    """Each speaker's row and its summary as stored (appearances, JSON), or None where it has none."""
    for chunk in _chunks(ids):
        for speaker_id, name, kind, anonymous, description, origin, appearances, data in _ENTITIES.rows(
            _connection(session), {"ids": chunk}
        ):
            fields = SpeakerFields(speaker_id, name, kind, bool(anonymous), description, origin)
            yield fields, None if data is None else (int(appearances), str(data))


def load_entities(session: Executor, speaker_ids: Collection[int]) -> dict[int, Entity]:
    """Speakers with their summaries (one query); a summary missing (an older database) is built."""
    found = {
        fields.id: Entity(fields, None if stored else EntitySummary(), stored is not None, stored)
        for fields, stored in _entity_rows(session, sorted(set(speaker_ids)))
    }
    missing = [entity for entity in found.values() if not entity.stored]
    for entity, summary in zip(missing, summarise(session, [e.row.id for e in missing]), strict=True):
        entity.summary = summary
    return found


def save_entities(
    session: Executor, touched: Iterable[tuple[Entity, Collection[str]]], *, keyed: bool = True
) -> None:
    """Store each entity's summary and add the name keys it now has beyond `old_keys` (one statement
    for all keys; keys are only ever added here). `keyed=False` stores the summaries alone."""
    key_rows: list[tuple[int, str]] = []
    added: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for entity, old_keys in touched:
        if entity.stored:
            changed.append(
                {
                    "b_speaker_id": entity.row.id,
                    "b_appearances": entity.summary.appearances,
                    "b_data": entity.summary.to_json(),
                }
            )
        else:
            added.append(
                {
                    "speaker_id": entity.row.id,
                    "appearances": entity.summary.appearances,
                    "data": entity.summary.to_json(),
                }
            )
            entity.stored = True
        if keyed:
            new_keys = {fit_key(key) for key in index_keys(entity.profile())} - {fit_key(k) for k in old_keys}
            key_rows.extend((entity.row.id, key) for key in sorted(new_keys))
    if added:
        _run(session, _INSERT_SUMMARY, added)
    if changed:
        _run(session, _UPDATE_SUMMARY, changed)  # one executemany for all
    insert_keys(session, key_rows)


def insert_keys(session: Executor, rows: list[tuple[int, str]]) -> None:
    """Add (speaker, key) rows, leaving those already there alone."""
    if not rows:
        return
    values = [{"speaker_id": speaker_id, "key": key} for speaker_id, key in rows]
    _run(session, _insert_keys(_dialect(session) == "postgresql"), values)


def _run(session: Executor, bulk: BulkStatement, rows: list[dict[str, Any]]) -> None:
    """Through the cursor on a connection (ingest); through the session otherwise, which first
    flushes what the caller changed by the ORM."""
    if isinstance(session, Connection):
        bulk.execute(session, rows)
    elif rows:
        session.execute(bulk.statement, rows)


def lock_keys(session: Executor, keys: Iterable[str]) -> None:
    """On PostgreSQL, hold a transaction-level advisory lock on each name key, in one fixed order.

    Two writers that may create or choose the same entity share a key, so the second waits until the
    first has committed and then sees its entity: N writers give the entities one writer gives. SQLite
    needs none: its write transactions begin IMMEDIATE and so run one at a time.
    """
    if _dialect(session) != "postgresql":
        return
    hashes = sorted({_key_hash(fit_key(key)) for key in keys})
    if hashes:
        session.execute(
            text(
                "SELECT count(pg_advisory_xact_lock(h)) FROM"
                " (SELECT unnest(CAST(:hashes AS bigint[])) AS h ORDER BY 1) AS ordered"
            ),
            {"hashes": hashes},
        )


def _key_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def _connection(session: Executor) -> Connection:
    return session if isinstance(session, Connection) else session.connection()


def _dialect(session: Executor) -> str:
    return session.dialect.name if isinstance(session, Connection) else session.get_bind().dialect.name


def _chunks(values: list[Any], size: int = 500) -> Iterator[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def summarise(session: Executor, speaker_ids: Collection[int]) -> list[EntitySummary]:
    """Summaries of the given speakers built from all their appearances, aliases and roles, in id order."""
    ids = sorted(set(speaker_ids))
    if not ids:
        return []
    per_article: dict[tuple[int, int], tuple[list[str], list[str], list[str]]] = {}
    about: dict[int, tuple[str | None, date | None]] = {}
    for speaker_id, article_id, name, outlet, published in session.execute(
        select(
            SpeakerAppearance.speaker_id,
            SpeakerAppearance.article_id,
            SpeakerAppearance.name,
            Article.outlet,
            Article.published,
        )
        .join(Article, Article.id == SpeakerAppearance.article_id)
        .where(SpeakerAppearance.speaker_id.in_(ids))
        .order_by(SpeakerAppearance.id)
    ):
        per_article.setdefault((speaker_id, article_id), ([], [], []))[0].append(name)
        about[article_id] = (outlet, published)
    manual: defaultdict[int, list[str]] = defaultdict(list)
    for owner, alias, alias_article in session.execute(
        select(SpeakerAlias.speaker_id, SpeakerAlias.alias, SpeakerAlias.article_id)
        .where(SpeakerAlias.speaker_id.in_(ids))
        .order_by(SpeakerAlias.id)
    ):
        if alias_article is None:
            manual[owner].append(alias)
        else:
            per_article.setdefault((owner, alias_article), ([], [], []))[1].append(alias)
    for owner, role, role_article in session.execute(
        select(SpeakerRole.speaker_id, SpeakerRole.role, SpeakerRole.article_id)
        .where(SpeakerRole.speaker_id.in_(ids), SpeakerRole.article_id.is_not(None))
        .order_by(SpeakerRole.id)
    ):
        if role_article is not None:
            per_article.setdefault((owner, role_article), ([], [], []))[2].append(role)
    missing = {article_id for _, article_id in per_article} - about.keys()
    if missing:
        about.update(
            (article_id, (outlet, published))
            for article_id, outlet, published in session.execute(
                select(Article.id, Article.outlet, Article.published).where(Article.id.in_(missing))
            )
        )
    summaries = {speaker_id: EntitySummary() for speaker_id in ids}
    for (speaker_id, article_id), (names, aliases, roles) in per_article.items():
        outlet, published = about[article_id]
        every = (*names, *aliases)
        evidence = SpeakerEvidence(
            name=every[0] if every else "",
            kind=SpeakerKind.PERSON,
            article_id=str(article_id),
            outlet=outlet,
            aliases=tuple(dict.fromkeys(every[1:])),
            roles=tuple(dict.fromkeys(roles)),
            published=published,
        )
        summaries[speaker_id].add(evidence, appeared=bool(names))
    for speaker_id, names in manual.items():
        for name in names:
            summaries[speaker_id].add_name(name)
    return [summaries[speaker_id] for speaker_id in ids]


def refresh_summaries(session: Session, speaker_ids: Iterable[int]) -> None:
    """Rebuild the summaries and name keys of these speakers from everything stored about them.

    For corrections and reparse, which move or drop appearances; ingest updates summaries one
    appearance at a time instead. A speaker with no appearance and nothing set by a person (one stored
    before appearances existed, about to be replaced by a reparse) gets no keys, so it cannot make a
    match ambiguous.
    """
    ids = sorted(set(speaker_ids))
    if not ids:
        return
    session.flush()
    evidenced = set(session.scalars(select(SpeakerRow.id).where(SpeakerRow.id.in_(ids), _evidenced())))
    entities = {
        fields.id: Entity(fields, summary, stored is not None)
        for (fields, stored), summary in zip(
            _entity_rows(session, ids), summarise(session, ids), strict=False
        )
    }
    for entity_id, entity in entities.items():
        wanted = {fit_key(key) for key in index_keys(entity.profile())} if entity_id in evidenced else set()
        have = set(session.scalars(select(SpeakerKey.key).where(SpeakerKey.speaker_id == entity_id)))
        if stale := have - wanted:
            session.execute(
                delete(SpeakerKey).where(SpeakerKey.speaker_id == entity_id, SpeakerKey.key.in_(stale))
            )
        save_entities(session, [(entity, have)], keyed=entity_id in evidenced)


def refresh_keys(session: Session, speaker_ids: Iterable[int]) -> None:
    """Former name of `refresh_summaries`, kept for callers outside this package."""
    refresh_summaries(session, speaker_ids)


def _evidenced() -> ColumnElement[bool]:
    """A speaker some article resolved to, or one a person named, merged into or attributed a quote to."""
    return or_(
        SpeakerRow.name_origin == "manual",
        exists().where(SpeakerAppearance.speaker_id == SpeakerRow.id),
        exists().where(SpeakerAlias.speaker_id == SpeakerRow.id, SpeakerAlias.origin == "manual"),
        exists().where(Attribution.speaker_id == SpeakerRow.id, Attribution.origin == "manual"),
    )
