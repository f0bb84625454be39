"""Frozen value types of speaker identity: what one article says, what the database knows, decisions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Final, TypeAlias

from quotes.parse.model import Speaker, SpeakerKind


class Rule(StrEnum):
    """Why two speakers are, may be, or are not one entity; RULES.md explains each one."""

    # Merge: the new speaker is this entity.
    FULL_NAME_AND_ROLE = "full-name-and-role"
    FULL_NAME = "full-name"
    ORGANISATION_NAME = "organisation-name"
    SURNAME_AND_ROLE = "surname-and-role"
    LONE_NAME_STRONG = "lone-name-strong"
    FULL_NAME_ROLES_DIFFER = "full-name-roles-differ"
    NAME_VARIANT = "name-variant"
    ROLE_CHANGED = "role-changed"
    # Candidate: a person decides.
    SUFFIX_MISSING = "suffix-missing"
    INITIALS = "initials"
    SURNAME_ONLY = "surname-only"
    ORGANISATION_ACRONYM = "organisation-acronym"
    GIVEN_NAME_PREFIX = "given-name-prefix"
    LONE_NAME_WEAK = "lone-name-weak"
    FULL_NAME_ROLES_CONTRADICT = "full-name-roles-contradict"
    ROLES_CONTRADICT = "roles-contradict"
    # Never merged, never a candidate.
    UNNAMED = "unnamed"
    GROUP = "group"
    GENERIC_ORGANISATION = "generic-organisation"
    DIFFERENT_GIVEN_NAME = "different-given-name"
    GENDER_CONFLICT = "gender-conflict"
    SUFFIX_CONFLICT = "suffix-conflict"
    PSEUDONYM_VS_REAL_NAME = "pseudonym-vs-real-name"
    MARKED_DISTINCT = "marked-distinct"
    SAME_ARTICLE = "same-article"
    # Why a speaker became a new entity when nothing above decided it.
    NO_MATCH = "no-match"
    AMBIGUOUS = "ambiguous"


# How sure a merge or a candidate is that both are one entity (0..1); rules absent here never merge.
CONFIDENCE: Final[dict[Rule, float]] = {
    Rule.FULL_NAME_AND_ROLE: 0.97,
    Rule.ORGANISATION_NAME: 0.95,
    Rule.FULL_NAME: 0.9,
    Rule.SURNAME_AND_ROLE: 0.85,
    Rule.FULL_NAME_ROLES_DIFFER: 0.8,
    Rule.NAME_VARIANT: 0.8,
    Rule.LONE_NAME_STRONG: 0.75,
    Rule.ROLE_CHANGED: 0.7,
    Rule.SUFFIX_MISSING: 0.5,
    Rule.INITIALS: 0.5,
    Rule.SURNAME_ONLY: 0.5,
    Rule.ORGANISATION_ACRONYM: 0.5,
    Rule.GIVEN_NAME_PREFIX: 0.35,
    Rule.LONE_NAME_WEAK: 0.3,
    Rule.FULL_NAME_ROLES_CONTRADICT: 0.3,
    Rule.ROLES_CONTRADICT: 0.2,
}
MERGE_RULES: Final[frozenset[Rule]] = frozenset(
    {
        Rule.FULL_NAME_AND_ROLE,
        Rule.FULL_NAME,
        Rule.ORGANISATION_NAME,
        Rule.SURNAME_AND_ROLE,
        Rule.LONE_NAME_STRONG,
        Rule.FULL_NAME_ROLES_DIFFER,
        Rule.NAME_VARIANT,
        Rule.ROLE_CHANGED,
    }
)
NEVER_RULES: Final[frozenset[Rule]] = frozenset(
    {Rule.UNNAMED, Rule.GROUP, Rule.GENERIC_ORGANISATION, Rule.DIFFERENT_GIVEN_NAME, Rule.GENDER_CONFLICT,
     Rule.SUFFIX_CONFLICT, Rule.PSEUDONYM_VS_REAL_NAME, Rule.MARKED_DISTINCT, Rule.SAME_ARTICLE}
)  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeakerEvidence:
    """One speaker as one article presents it: the input to `match_speaker`."""

    name: str  # the fullest name in the article, or the description for unnamed speakers
    kind: SpeakerKind
    article_id: str
    outlet: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()  # roles and descriptions given in the article ("Kremlin spokesman")
    anonymous: bool = False  # a pseudonym or an anonymous source
    published: date | None = None  # the article's date, which dates its roles

    @classmethod
    def from_parse(
        cls, speaker: Speaker, *, article_id: str, outlet: str | None, published: date | None = None
    ) -> SpeakerEvidence:
        return cls(
            name=speaker.name,
            kind=speaker.kind,
            article_id=article_id,
            outlet=outlet,
            aliases=speaker.aliases,
            roles=speaker.roles,
            anonymous=speaker.anonymous,
            published=published,
        )


@dataclass(frozen=True, slots=True)
class Attested:
    """A surface form or role together with the article it was seen in (provenance)."""

    text: str
    article_id: str
    first: date | None = None  # the dates of the articles it was seen in, when known
    last: date | None = None


@dataclass(frozen=True, slots=True)
class Appearance:
    article_id: str
    outlet: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityProfile:
    """What the database knows of one speaker entity, as the matching rules need it."""

    id: int
    name: str  # canonical name
    kind: SpeakerKind
    aliases: tuple[Attested, ...] = ()
    roles: tuple[Attested, ...] = ()  # roles and descriptions, per article
    appearances: tuple[Appearance, ...] = ()
    anonymous: bool = False
    appearance_count: int = 0  # articles it appears in, when `appearances` holds a bounded summary

    @property
    def support(self) -> int:
        """How many articles this entity appears in: the tie-breaker between entities that fit alike."""
        return max(self.appearance_count, len(self.appearances))

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.outlet for a in self.appearances if a.outlet))

    @classmethod
    def from_evidence(cls, entity_id: int, evidence: SpeakerEvidence) -> EntityProfile:
        """The profile of an entity created for `evidence` (a NEW decision)."""
        return cls(id=entity_id, name=evidence.name, kind=evidence.kind).with_evidence(evidence)

    def with_evidence(self, evidence: SpeakerEvidence) -> EntityProfile:
        """This profile after merging `evidence` into it (a SAME decision): every alias and role kept."""
        article, day = evidence.article_id, evidence.published
        aliases = (*self.aliases, *(Attested(t, article) for t in (evidence.name, *evidence.aliases)))
        return EntityProfile(
            id=self.id,
            name=self.name,
            kind=self.kind,
            aliases=tuple(dict.fromkeys(aliases)),
            roles=tuple(
                dict.fromkeys((*self.roles, *(Attested(r, article, day, day) for r in evidence.roles)))
            ),
            appearances=tuple(dict.fromkeys((*self.appearances, Appearance(article, evidence.outlet)))),
            anonymous=self.anonymous or evidence.anonymous,
            appearance_count=self.appearance_count + 1 if self.appearance_count else 0,
        )


@dataclass(frozen=True, slots=True)
class Candidate:
    """An existing entity that may be the new speaker, for a person to decide."""

    entity_id: int
    rule: Rule
    confidence: float
    evidence: str


@dataclass(frozen=True, slots=True)
class RuledOut:
    """An existing entity that shares a name with the new speaker but is certainly someone else."""

    entity_id: int
    rule: Rule
    evidence: str


@dataclass(frozen=True, slots=True)
class Same:
    """Merge: the new speaker is entity `entity_id`."""

    entity_id: int
    rule: Rule
    confidence: float
    evidence: str


@dataclass(frozen=True, slots=True)
class New:
    """Create a new entity; `candidates` lists entities that may be the same, for a person to decide."""

    rule: Rule
    evidence: str
    candidates: tuple[Candidate, ...] = ()
    ruled_out: tuple[RuledOut, ...] = ()


MatchDecision: TypeAlias = Same | New


@dataclass(frozen=True, slots=True)
class CandidatePair:
    """Two existing entities that may be one, for `quotes speakers candidates`; first_id < second_id."""

    first_id: int
    second_id: int
    rule: Rule
    confidence: float
    evidence: str
