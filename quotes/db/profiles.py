"""Speaker entities as the identity rules see them (`EntityProfile`), and the name keys stored for them.

The rules in `quotes.speakers` are pure; this module reads what they need from the database and keeps
`speaker_keys` equal to `index_keys(profile)`, so that a lookup by key finds every entity that may be
a new speaker (the rules' "unambiguous" depends on seeing all of them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable

from sqlalchemy import ColumnElement, delete, exists, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from quotes.db.models import Article, Attribution, SpeakerAlias, SpeakerAppearance, SpeakerKey, SpeakerRole
from quotes.db.models import Speaker as SpeakerRow
from quotes.parse.model import SpeakerKind
from quotes.speakers import Appearance, Attested, EntityProfile, SpeakerEvidence, index_keys, lookup_keys

KEY_LENGTH = 300  # speaker_keys.key; longer keys are cut alike when stored and when looked up


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


def shortlist(
    session: Session, evidence: SpeakerEvidence, *, exclude: Collection[int] = ()
) -> list[EntityProfile]:
    """Every entity sharing a lookup key with `evidence` (none for unnamed speakers and groups)."""
    keys = sorted({fit_key(key) for key in lookup_keys(evidence)})
    if not keys:
        return []
    found = session.scalars(select(SpeakerKey.speaker_id).where(SpeakerKey.key.in_(keys)).distinct())
    return load_profiles(session, set(found) - set(exclude))


def refresh_keys(session: Session, speaker_ids: Iterable[int]) -> None:
    """Make `speaker_keys` of these speakers equal to what their current profiles index.

    A speaker with no appearance and nothing set by a person (one stored before appearances existed,
    about to be replaced by a reparse) gets no keys, so it cannot make a match ambiguous.
    """
    ids = list(speaker_ids)
    evidenced = set(session.scalars(select(SpeakerRow.id).where(SpeakerRow.id.in_(ids), _evidenced())))
    for profile in load_profiles(session, ids):
        wanted = {fit_key(key) for key in index_keys(profile)} if profile.id in evidenced else set()
        have = set(session.scalars(select(SpeakerKey.key).where(SpeakerKey.speaker_id == profile.id)))
        if stale := have - wanted:
            session.execute(
                delete(SpeakerKey).where(SpeakerKey.speaker_id == profile.id, SpeakerKey.key.in_(stale))
            )
        session.add_all(SpeakerKey(speaker_id=profile.id, key=key) for key in sorted(wanted - have))


def _evidenced() -> ColumnElement[bool]:
    """A speaker some article resolved to, or one a person named, merged into or attributed a quote to."""
    return or_(
        SpeakerRow.name_origin == "manual",
        exists().where(SpeakerAppearance.speaker_id == SpeakerRow.id),
        exists().where(SpeakerAlias.speaker_id == SpeakerRow.id, SpeakerAlias.origin == "manual"),
        exists().where(Attribution.speaker_id == SpeakerRow.id, Attribution.origin == "manual"),
    )
