"""Which existing entities the current rules would have made one: the plan behind `quotes speakers
consolidate`, which repairs the fragments older rules left. Pure: the database part is in quotes.db.

Entities are taken most supported first; each is matched, as a new speaker would be, against the groups
formed so far, and joins the one `match_subject` chooses. Pairs that must stay apart (marked distinct by
a person or by a split, or seen in one article) never end up in one group.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from quotes.speakers.compare import index_keys, probe_keys, profile_subject
from quotes.speakers.identity import match_subject
from quotes.speakers.model import EntityProfile, Rule, Same


@dataclass(frozen=True, slots=True)
class Absorbed:
    """One entity merged into a group, by which rule and on what evidence."""

    entity_id: int
    rule: Rule
    confidence: float
    evidence: str


@dataclass(slots=True)
class Group:
    """Entities that are one: `keep_id` stays, the absorbed ones merge into it."""

    keep_id: int
    profile: EntityProfile  # the group's entities taken together, as the rules see them
    absorbed: list[Absorbed] = field(default_factory=list)

    @property
    def members(self) -> set[int]:
        return {self.keep_id, *(a.entity_id for a in self.absorbed)}


def plan_consolidation(
    profiles: Sequence[EntityProfile],
    *,
    apart: Collection[tuple[int, int]] = (),
    articles: dict[int, frozenset[int]] | None = None,
    named_by_hand: Collection[int] = (),
) -> list[Group]:
    """Groups of two or more entities that are one person or organisation, by the current rules.

    `apart`: pairs a person kept apart (either order). `articles`: the articles each entity appears in;
    two entities of one article are two speakers. `named_by_hand`: entities a person renamed; one of
    them is kept when it joins a group, and two of them are never merged (each name was a decision).
    """
    kept_apart = {(min(a, b), max(a, b)) for a, b in apart}
    seen_in = articles or {}
    manual = set(named_by_hand)
    groups: dict[int, Group] = {}
    group_of: dict[int, int] = {}
    by_key: defaultdict[str, set[int]] = defaultdict(set)
    ordered = sorted(profiles, key=lambda p: (-p.support, p.id))
    for profile in ordered:
        subject = profile_subject(profile)
        reachable = {group_of[i] for key in probe_keys(subject) for i in by_key.get(key, ())}
        fits = [
            groups[g].profile
            for g in sorted(reachable)
            if _compatible(profile.id, groups[g].members, kept_apart, seen_in, manual)
        ]
        decision = match_subject(subject, fits, outlet=None)
        if isinstance(decision, Same):
            group = groups[decision.entity_id]
            group.absorbed.append(Absorbed(profile.id, decision.rule, decision.confidence, decision.evidence))
            group.profile = _together(group.profile, profile)
        else:
            group = groups[profile.id] = Group(profile.id, profile)
        group_of[profile.id] = group.keep_id
        for key in index_keys(subject):
            by_key[key].add(profile.id)
    merged = [g for g in groups.values() if g.absorbed]
    for group in merged:
        hand_named = sorted(group.members & manual)
        if hand_named and group.keep_id not in manual:
            _swap_keeper(group, hand_named[0])
    return sorted(merged, key=lambda g: g.keep_id)


def _compatible(
    entity_id: int,
    members: set[int],
    kept_apart: set[tuple[int, int]],
    seen_in: dict[int, frozenset[int]],
    manual: set[int],
) -> bool:
    """Whether `entity_id` may join a group: no pair kept apart, no shared article, one hand-given name."""
    mine = seen_in.get(entity_id, frozenset())
    for member in members:
        if (min(entity_id, member), max(entity_id, member)) in kept_apart:
            return False
        if mine & seen_in.get(member, frozenset()):
            return False
    return not (entity_id in manual and members & manual)


def _together(first: EntityProfile, second: EntityProfile) -> EntityProfile:
    """Two entities' profiles as one (the first one's id, name and kind)."""
    return EntityProfile(
        id=first.id,
        name=first.name,
        kind=first.kind,
        aliases=tuple(dict.fromkeys((*first.aliases, *second.aliases))),
        roles=tuple(dict.fromkeys((*first.roles, *second.roles))),
        appearances=tuple(dict.fromkeys((*first.appearances, *second.appearances))),
        anonymous=first.anonymous or second.anonymous,
        appearance_count=first.support + second.support,
    )


def _swap_keeper(group: Group, keep_id: int) -> None:
    """Keep `keep_id` (a name given by hand) instead; the former keeper is absorbed by the same rule."""
    absorbed = next(a for a in group.absorbed if a.entity_id == keep_id)
    group.absorbed = [
        Absorbed(group.keep_id, absorbed.rule, absorbed.confidence, absorbed.evidence),
        *(a for a in group.absorbed if a.entity_id != keep_id),
    ]
    group.keep_id = keep_id


__all__ = ["Absorbed", "Group", "plan_consolidation"]
