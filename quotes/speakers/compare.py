"""One speaker against one entity (or entity against entity): which rule applies, on what evidence.

Both sides are first reduced to a `Subject`: parsed names, roles (descriptors in names included),
per-article outlet and roles, stated genders. `compare` is symmetric, so it serves ingest
(`match_speaker`) and duplicate finding (`candidate_pairs`) alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum, IntEnum
from functools import lru_cache

from quotes.parse.model import SpeakerKind
from quotes.speakers.cached import acronym, fold, is_generic_organisation, organisation_key, parse_person_name
from quotes.speakers.lexicon import Gender
from quotes.speakers.model import Appearance, Attested, EntityProfile, Rule, SpeakerEvidence
from quotes.speakers.names import PersonName
from quotes.speakers.roles import RoleComparison, RoleRelation, compare_roles, role_genders

SUBJECTS_CACHED = 4096  # entities kept reduced to their Subject, per process

# Contradicting roles seen further apart than this are a change of job, not two people.
SAME_PERIOD = timedelta(days=365)


@dataclass(frozen=True, slots=True)
class _Seen:
    """One article's outlet and roles, for the same-outlet-same-description test."""

    outlet: str | None
    roles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Subject:
    kind: SpeakerKind
    label: str
    names: tuple[PersonName, ...]  # names to compare: the full ones, or the lone ones if none is full
    organisations: tuple[str, ...]  # organisation keys
    acronyms: frozenset[str]
    generic: bool  # an organisation named by a common noun ("the ministry")
    roles: tuple[str, ...]
    seen: tuple[_Seen, ...]
    anonymous: bool
    genders: frozenset[Gender]
    periods: tuple[tuple[str, date | None, date | None], ...] = ()  # role, first and last seen


def evidence_subject(evidence: SpeakerEvidence) -> Subject:
    texts = (evidence.name, *evidence.aliases)
    parsed = [(name, evidence.article_id) for name in _person_names(evidence.kind, texts)]
    roles = (*evidence.roles, *(n.descriptor for n, _ in parsed if n.descriptor))
    day = evidence.published
    return _subject(evidence.kind, evidence.name, texts, parsed, roles, evidence.anonymous,
                    (_Seen(_outlet(evidence.outlet), roles),), tuple((r, day, day) for r in roles))  # fmt: skip


_BY_IDENTITY: dict[
    int, tuple[EntityProfile, Subject]
] = {}  # id(profile) -> the profile (kept alive) and its Subject


def profile_subject(profile: EntityProfile) -> Subject:
    """The entity as the rules compare it. Cached on what it is made of (not the id or the appearance
    count, which it does not hold): resolution compares the same entities for article after article.
    A profile object seen before (ingest keeps the profiles of unchanged entities) is found by identity
    first, which spares hashing every name, role and outlet of a big entity again."""
    hit = _BY_IDENTITY.get(id(profile))
    if hit is not None and hit[0] is profile:
        return hit[1]
    subject = _profile_subject(
        profile.kind, profile.name, profile.aliases, profile.roles, profile.appearances, profile.anonymous
    )
    _BY_IDENTITY[id(profile)] = (profile, subject)
    if len(_BY_IDENTITY) > SUBJECTS_CACHED:
        del _BY_IDENTITY[next(iter(_BY_IDENTITY))]  # the oldest in
    return subject


@lru_cache(maxsize=SUBJECTS_CACHED)
def _profile_subject(
    kind: SpeakerKind,
    name: str,
    aliases: tuple[Attested, ...],
    profile_roles: tuple[Attested, ...],
    appearances: tuple[Appearance, ...],
    anonymous: bool,
) -> Subject:
    alias_articles = [(name, ""), *((a.text, a.article_id) for a in aliases)]
    parsed = [
        (person, article) for text, article in alias_articles for person in _person_names(kind, (text,))
    ]
    described = [(n.descriptor, article) for n, article in parsed if n.descriptor]
    role_articles = [*((r.text, r.article_id) for r in profile_roles), *described]
    by_article: dict[str, list[str]] = {}  # each article's roles in the order given: one pass, not one per appearance
    for role, article in role_articles:
        by_article.setdefault(article, []).append(role)
    seen = tuple(_Seen(_outlet(a.outlet), tuple(by_article.get(a.article_id, ()))) for a in appearances)
    texts = tuple(text for text, _ in alias_articles)
    roles = tuple(r for r, _ in role_articles)
    periods = tuple((r.text, r.first, r.last) for r in profile_roles if r.first or r.last)
    return _subject(kind, name, texts, parsed, roles, anonymous, seen, periods)


def _subject(
    kind: SpeakerKind,
    label: str,
    texts: tuple[str, ...],
    parsed: list[tuple[PersonName, str]],
    roles: tuple[str, ...],
    anonymous: bool,
    seen: tuple[_Seen, ...],
    periods: tuple[tuple[str, date | None, date | None], ...] = (),
) -> Subject:
    names = [n for n, _ in parsed]
    full = [n for n in names if not n.lone]
    organisation = kind is SpeakerKind.ORGANISATION
    return Subject(
        kind=kind,
        label=label,
        names=tuple(dict.fromkeys(full or names)),
        organisations=tuple(dict.fromkeys(k for t in texts if (k := organisation_key(t))))
        if organisation
        else (),
        acronyms=frozenset(a for t in texts if (a := acronym(t))) if organisation else frozenset(),
        generic=organisation and all(is_generic_organisation(t) for t in texts),
        roles=tuple(dict.fromkeys(roles)),
        seen=seen,
        anonymous=anonymous,
        genders=frozenset(n.gender for n in names if n.gender) | role_genders(roles),
        periods=periods,
    )


def _person_names(kind: SpeakerKind, texts: tuple[str, ...]) -> list[PersonName]:
    if kind is not SpeakerKind.PERSON:
        return []
    return [name for text in texts if (name := parse_person_name(text)) is not None]


def _outlet(outlet: str | None) -> str | None:
    return fold(outlet) if outlet else None


class Tier(Enum):
    SAME = "same"
    CANDIDATE = "candidate"
    APART = "apart"


@dataclass(frozen=True, slots=True)
class Verdict:
    tier: Tier
    rule: Rule
    evidence: str
    needs_unique: bool = False  # a merge only if no other entity is a candidate too


class _Names(IntEnum):
    """How two names relate, strongest first (a lower value wins when several name pairs compare)."""

    EXACT = 0
    SUFFIX_MISSING = 1
    VARIANT = 2
    INITIALS = 3
    PREFIX = 4
    SURNAME_ONLY = 5
    GIVEN_ONLY = 6
    LONE_EQUAL = 7
    DIFFERENT_GIVEN = 8


_NAME_CANDIDATE_RULES = {
    _Names.SUFFIX_MISSING: Rule.SUFFIX_MISSING,
    _Names.VARIANT: Rule.NAME_VARIANT,
    _Names.INITIALS: Rule.INITIALS,
    _Names.PREFIX: Rule.GIVEN_NAME_PREFIX,
}


def compare(left: Subject, right: Subject) -> Verdict | None:
    """The rule that relates two speakers of one kind, or None when they share no name at all."""
    if left.kind is not right.kind:
        return None
    if left.kind is SpeakerKind.ORGANISATION:
        return _compare_organisations(left, right)
    if left.kind is SpeakerKind.PERSON:
        return _compare_people(left, right)
    return None  # unnamed speakers and groups are never the same across articles


def _compare_organisations(left: Subject, right: Subject) -> Verdict | None:
    if left.generic or right.generic:
        return None
    if shared := [k for k in left.organisations if k in right.organisations]:
        return Verdict(Tier.SAME, Rule.ORGANISATION_NAME, f"same organisation name {shared[0]!r}")
    left_compact = {k.replace(" ", "") for k in left.organisations}
    right_compact = {k.replace(" ", "") for k in right.organisations}
    if short := sorted((left.acronyms & right_compact) | (right.acronyms & left_compact)):
        return Verdict(
            Tier.CANDIDATE, Rule.ORGANISATION_ACRONYM, f"{short[0]!r} is an acronym of the other name"
        )
    return None


def _compare_people(left: Subject, right: Subject) -> Verdict | None:
    related = _name_relation(left.names, right.names)
    if related is None:
        return None
    relation, a, b = related
    names = repr(str(a)) if str(a) == str(b) else f"{str(a)!r} / {str(b)!r}"
    if len(left.genders) == 1 and len(right.genders) == 1 and left.genders != right.genders:
        genders = f"{next(iter(left.genders))} vs {next(iter(right.genders))}"
        return Verdict(Tier.APART, Rule.GENDER_CONFLICT, f"{names}: stated genders differ ({genders})")
    if a.suffix and b.suffix and a.suffix != b.suffix:
        return Verdict(Tier.APART, Rule.SUFFIX_CONFLICT, f"{names}: different generations")
    if relation is _Names.DIFFERENT_GIVEN:
        return Verdict(Tier.APART, Rule.DIFFERENT_GIVEN_NAME, f"{names}: same surname, different first name")
    if left.anonymous != right.anonymous:
        return Verdict(Tier.APART, Rule.PSEUDONYM_VS_REAL_NAME, f"{names}: one is a pseudonym or anonymous")
    roles = compare_roles(left.roles, right.roles)
    if left.anonymous or relation in (_Names.GIVEN_ONLY, _Names.LONE_EQUAL):
        return _lone_name(left, right, relation, names, roles)
    if roles.relation is RoleRelation.CONTRADICT and not _same_period(left, right, roles):
        roles = RoleComparison(RoleRelation.CHANGED, roles.left, roles.right)
    if relation is _Names.EXACT and a.full:
        return _full_name(names, roles)
    if relation is _Names.VARIANT and a.full and b.full and roles.relation is not RoleRelation.CONTRADICT:
        return Verdict(Tier.SAME, Rule.NAME_VARIANT, f"{names}: middle names fit; {roles.describe()}")
    if relation is _Names.EXACT:
        relation = _Names.INITIALS  # "J. Smith" twice: could be John and Jane
    if roles.relation is RoleRelation.CONTRADICT:
        return Verdict(Tier.CANDIDATE, Rule.ROLES_CONTRADICT, f"{names}; {roles.describe()}")
    if relation is _Names.SURNAME_ONLY:
        if roles.relation is RoleRelation.AGREE:
            return Verdict(Tier.SAME, Rule.SURNAME_AND_ROLE, f"surname {names}; {roles.describe()}", True)
        return Verdict(Tier.CANDIDATE, Rule.SURNAME_ONLY, f"surname only: {names}; {roles.describe()}")
    return Verdict(Tier.CANDIDATE, _NAME_CANDIDATE_RULES[relation], f"{names}; {roles.describe()}")


def _full_name(names: str, roles: RoleComparison) -> Verdict:
    said = f"same full name {names}; {roles.describe()}"
    if roles.relation is RoleRelation.AGREE:
        return Verdict(Tier.SAME, Rule.FULL_NAME_AND_ROLE, said)
    if roles.relation is RoleRelation.UNKNOWN:
        return Verdict(Tier.SAME, Rule.FULL_NAME, said)
    if roles.relation is RoleRelation.UNRELATED:
        return Verdict(Tier.SAME, Rule.FULL_NAME_ROLES_DIFFER, said)
    if roles.relation is RoleRelation.CHANGED:
        return Verdict(Tier.SAME, Rule.ROLE_CHANGED, said)
    return Verdict(Tier.CANDIDATE, Rule.FULL_NAME_ROLES_CONTRADICT, said)


def _same_period(left: Subject, right: Subject, roles: RoleComparison) -> bool:
    """Whether two contradicting roles were seen within SAME_PERIOD of each other (or a date is unknown)."""
    left_seen = [(first, last) for text, first, last in left.periods if text == roles.left]
    right_seen = [(first, last) for text, first, last in right.periods if text == roles.right]
    if not left_seen or not right_seen:
        return True
    for a_first, a_last in left_seen:
        for b_first, b_last in right_seen:
            if not (a_first and a_last and b_first and b_last):
                return True
            if a_first - SAME_PERIOD <= b_last and b_first - SAME_PERIOD <= a_last:
                return True
    return False


def _lone_name(left: Subject, right: Subject, relation: _Names, names: str, roles: RoleComparison) -> Verdict:
    """A lone first name or a pseudonym: merged only on the same outlet with the same description."""
    if relation not in (_Names.EXACT, _Names.LONE_EQUAL, _Names.GIVEN_ONLY):
        return Verdict(Tier.CANDIDATE, Rule.LONE_NAME_WEAK, f"{names}: pseudonyms differ in form")
    if roles.relation is RoleRelation.CONTRADICT:
        return Verdict(Tier.CANDIDATE, Rule.ROLES_CONTRADICT, f"{names}; {roles.describe()}")
    for x in left.seen:
        for y in right.seen:
            paired = compare_roles(x.roles, y.roles)
            if x.outlet and x.outlet == y.outlet and paired.relation is RoleRelation.AGREE:
                said = f"lone name {names}; same outlet {x.outlet!r}; {paired.describe()}"
                return Verdict(Tier.SAME, Rule.LONE_NAME_STRONG, said, True)
    outlets = sorted({s.outlet or "?" for s in (*left.seen, *right.seen)})
    said = f"lone name {names}; outlets {', '.join(outlets)}; {roles.describe()}"
    return Verdict(Tier.CANDIDATE, Rule.LONE_NAME_WEAK, said)


def _name_relation(
    left: tuple[PersonName, ...], right: tuple[PersonName, ...]
) -> tuple[_Names, PersonName, PersonName] | None:
    """The strongest relation between any name of one side and any name of the other."""
    best: tuple[_Names, PersonName, PersonName] | None = None
    for a in left:
        for b in right:
            relation = _pair_relation(a, b)
            if relation is None:
                continue
            if a.suffix and b.suffix and a.suffix != b.suffix:
                return relation, a, b  # a generation clash anywhere keeps the two apart
            if best is None or relation < best[0]:
                best = relation, a, b
    return best


def _pair_relation(a: PersonName, b: PersonName) -> _Names | None:
    if a.lone and b.lone:
        if a.surname != b.surname:
            return None
        return _Names.SURNAME_ONLY if a.surname_marked or b.surname_marked else _Names.LONE_EQUAL
    if a.lone or b.lone:
        lone, named = (a, b) if a.lone else (b, a)
        if lone.surname == named.surname:
            return _Names.SURNAME_ONLY
        return _Names.GIVEN_ONLY if named.full and lone.surname == named.given[0] else None
    if a.surname != b.surname:
        return None
    if a.given == b.given:
        return _Names.EXACT if a.suffix == b.suffix else _Names.SUFFIX_MISSING
    return _given_relation(a.given, b.given)


def _given_relation(a: tuple[str, ...], b: tuple[str, ...]) -> _Names:
    """Same surname, different given names: a middle name, an initial, a short form, or two people."""
    first_a, first_b = a[0], b[0]
    if first_a == first_b and len(first_a) > 1:
        shorter, longer = sorted((a[1:], b[1:]), key=len)
        if all(any(_initial_fits(s, w) for w in longer) for s in shorter):
            return _Names.VARIANT
        return _Names.DIFFERENT_GIVEN
    if (len(first_a) == 1 or len(first_b) == 1) and first_a[0] == first_b[0]:
        return _Names.INITIALS
    short, long = sorted((first_a, first_b), key=len)
    if len(short) >= 3 and long.startswith(short):
        return _Names.PREFIX
    return _Names.DIFFERENT_GIVEN


def _initial_fits(word: str, other: str) -> bool:
    return word == other or (min(len(word), len(other)) == 1 and word[0] == other[0])


def index_keys(subject: Subject) -> frozenset[str]:
    """Keys an entity is stored under, so that `probe_keys` of a speaker finds every entity it may be."""
    if subject.kind is SpeakerKind.ORGANISATION and not subject.generic:
        return frozenset(f"org:{k}" for k in (*subject.organisations, *subject.acronyms))
    if subject.kind is not SpeakerKind.PERSON:
        return frozenset()
    keys: set[str] = set()
    for name in subject.names:
        if name.lone:
            keys.add(f"lone:{name.surname}")
            continue
        keys.add(f"surname:{name.surname}")
        if name.full:
            keys.add(f"given:{name.given[0]}")
    return frozenset(keys)


def probe_keys(subject: Subject) -> frozenset[str]:
    """Keys to look up: a full name looks for its surname and for lone names equal to either part;
    a lone name looks for surnames, first names and lone names; two first names alone never meet."""
    if subject.kind is not SpeakerKind.PERSON:
        return index_keys(subject)
    keys: set[str] = set()
    for name in subject.names:
        if name.lone:
            keys.update(f"{space}:{name.surname}" for space in ("surname", "given", "lone"))
            continue
        keys.update((f"surname:{name.surname}", f"lone:{name.surname}"))
        if name.full:
            keys.add(f"lone:{name.given[0]}")
    return frozenset(keys)


def confident_keys(subject: Subject) -> frozenset[tuple[str, ...]]:
    """Where every entity that may fit the subject by a full name or an organisation name is stored:
    each tuple is keys an entity holds all of (it is found under the first).

    A full-name rule (`full-name*`, `name-variant`, `role-changed`) needs a written-out first name and
    the same surname on both sides, so such an entity holds `surname:` and `given:` of that name;
    an `organisation-name` fit holds `org:` of one of the names (not of an acronym). The rest of
    `probe_keys` (a full name's `lone:` keys, entities known by one word; an organisation's acronym)
    holds only fits that need uniqueness and candidates, which never decide over such a fit, so a
    resolver may read them only when no entity fits by these keys. Empty when the subject has no full
    name or organisation name: then every probe key is needed.
    """
    if subject.kind is SpeakerKind.ORGANISATION:
        return frozenset() if subject.generic else frozenset((f"org:{k}",) for k in subject.organisations)
    if subject.kind is not SpeakerKind.PERSON:
        return frozenset()
    return frozenset(
        (f"surname:{name.surname}", f"given:{name.given[0]}") for name in subject.names if name.full
    )


def never_fits(subject: Subject, kind: SpeakerKind, anonymous: bool) -> bool:
    """Whether `compare` can only rule out (or not relate) an entity of this kind and anonymity, whatever
    its names: one of another kind, or a person whose anonymity differs from the subject's (a pseudonym
    never meets a real name, and every person rule checks that before any role or outlet). Such an
    entity is never a fit, a candidate nor a rival, so a resolver need not build its profile."""
    if kind is not subject.kind:
        return True
    return subject.kind is SpeakerKind.PERSON and anonymous != subject.anonymous
