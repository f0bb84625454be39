"""Is a speaker seen in a new article an entity already in the database? Pure rules, no database.

A wrong merge puts words in someone else's mouth, so a merge needs a rule that excludes every
other entity; anything weaker creates a new entity and offers candidates for a person to decide.
The database pre-filters entities with `index_keys` (stored per entity) and `lookup_keys` (per new
speaker): `match_speaker` must see every entity sharing a key, or "unambiguous" means nothing (those
`never_fits` excludes aside: they could only be ruled out).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence

from quotes.parse.model import SpeakerKind
from quotes.speakers.cached import fold
from quotes.speakers.compare import (
    Subject,
    Tier,
    Verdict,
    compare,
    evidence_subject,
    probe_keys,
    profile_subject,
)
from quotes.speakers.compare import index_keys as _index_keys
from quotes.speakers.model import (
    CONFIDENCE,
    Candidate,
    CandidatePair,
    EntityProfile,
    MatchDecision,
    New,
    Rule,
    RuledOut,
    Same,
    SpeakerEvidence,
)

# Candidates whose roles contradict do not make a partial-name merge ambiguous: they are excluded.
_EXCLUDED_BY_ROLE = frozenset({Rule.ROLES_CONTRADICT, Rule.FULL_NAME_ROLES_CONTRADICT})


def lookup_keys(evidence: SpeakerEvidence) -> frozenset[str]:
    """Normalised keys ("surname:peskov", "org:kremlin") to find possible entities through an index."""
    return probe_keys(evidence_subject(evidence))


def index_keys(profile: EntityProfile) -> frozenset[str]:
    """Keys to store for an entity; empty for unnamed speakers, groups and generic organisations."""
    return _index_keys(profile_subject(profile))


def match_speaker(new: SpeakerEvidence, existing: Sequence[EntityProfile]) -> MatchDecision:
    """Decide whether `new` is one of `existing` (SAME), or a new entity with or without candidates.

    Several entities may fit a full name (fragments, or namesakes kept apart): the best supported one
    is chosen, so a name never gets a further entity because two already exist. A partial name (a
    surname or a lone first name) merges only when no other entity fits it at all.
    """
    return match_subject(evidence_subject(new), existing, outlet=new.outlet)


def match_subject(
    subject: Subject, existing: Sequence[EntityProfile], *, outlet: str | None
) -> MatchDecision:
    """`match_speaker` for a speaker already reduced to a `Subject` (a new one, or an entity's own)."""
    if refused := _never_merges(subject):
        return refused
    verdicts = [(profile.id, v) for profile in existing if (v := compare(subject, profile_subject(profile)))]
    if found := _best_confident(verdicts, existing, outlet):
        return found
    same = [(entity_id, v) for entity_id, v in verdicts if v.tier is Tier.SAME]
    if len(same) == 1:
        entity_id, verdict = same[0]
        rivals = [i for i, v in verdicts if i != entity_id and _rival(v)]
        if not rivals:
            return Same(entity_id, verdict.rule, CONFIDENCE[verdict.rule], verdict.evidence)
    candidates = sorted(
        (
            Candidate(i, v.rule, CONFIDENCE[v.rule], v.evidence)
            for i, v in verdicts
            if v.tier is not Tier.APART
        ),
        key=lambda c: (-c.confidence, c.entity_id),
    )
    ruled_out = tuple(RuledOut(i, v.rule, v.evidence) for i, v in verdicts if v.tier is Tier.APART)
    if same:
        ids = ", ".join(f"#{c.entity_id} ({c.rule})" for c in candidates)
        return New(
            Rule.AMBIGUOUS,
            f"more than one entity fits {subject.label!r}: {ids}",
            tuple(candidates),
            ruled_out,
        )
    said = f"no entity is {subject.label!r}" + (f"; {len(candidates)} candidate(s)" if candidates else "")
    return New(Rule.NO_MATCH, said, tuple(candidates), ruled_out)


def confident_match(
    subject: Subject, existing: Sequence[EntityProfile], *, outlet: str | None
) -> Same | None:
    """The merge `match_subject` decides when an entity of `existing` fits by a rule that needs no
    uniqueness (a full name, an organisation name), else None.

    Partial-name fits and candidates never change that merge, so a resolver that finds one here
    among the entities under `confident_keys` need not read the entities under the other probe keys.
    """
    if _never_merges(subject):
        return None
    verdicts = [(profile.id, v) for profile in existing if (v := compare(subject, profile_subject(profile)))]
    return _best_confident(verdicts, existing, outlet)


def _best_confident(
    verdicts: list[tuple[int, Verdict]], existing: Sequence[EntityProfile], outlet: str | None
) -> Same | None:
    """The best supported of the entities that fit by a rule needing no uniqueness, if any."""
    confident = [(i, v) for i, v in verdicts if v.tier is Tier.SAME and not v.needs_unique]
    if not confident:
        return None
    profiles = {profile.id: profile for profile in existing}
    folded = fold(outlet) if outlet else None
    entity_id, verdict = max(confident, key=lambda pair: _support(pair, profiles[pair[0]], folded))
    said = verdict.evidence
    if len(confident) > 1:
        others = ", ".join(f"#{i}" for i, _ in confident if i != entity_id)
        said += f"; best supported of {len(confident)} fits (also {others})"
    return Same(entity_id, verdict.rule, CONFIDENCE[verdict.rule], said)


def _support(
    pair: tuple[int, Verdict], profile: EntityProfile, outlet: str | None
) -> tuple[float, int, int, int]:
    """Rank of an entity that fits: the rule's confidence, then articles seen, then the same outlet,
    then the older entity (a lower id)."""
    entity_id, verdict = pair
    same_outlet = bool(outlet) and any(fold(o) == outlet for o in profile.outlets)
    return (CONFIDENCE[verdict.rule], profile.support, same_outlet, -entity_id)


def candidate_pairs(
    profiles: Sequence[EntityProfile], *, dismissed: Collection[tuple[int, int]] = ()
) -> list[CandidatePair]:
    """Pairs of existing entities that may be one, best first; `dismissed` pairs (either order) are
    ones a person already decided, such as the halves of a split."""
    subjects = {p.id: profile_subject(p) for p in profiles}
    by_key: defaultdict[str, list[int]] = defaultdict(list)
    for entity_id, subject in subjects.items():
        for key in _index_keys(subject):
            by_key[key].append(entity_id)
    decided = {(min(a, b), max(a, b)) for a, b in dismissed}
    pairs: list[CandidatePair] = []
    seen: set[tuple[int, int]] = set()
    for entity_id, subject in subjects.items():
        for key in probe_keys(subject):
            for other_id in by_key.get(key, ()):
                pair = (min(entity_id, other_id), max(entity_id, other_id))
                if other_id == entity_id or pair in seen or pair in decided:
                    continue
                seen.add(pair)
                verdict = compare(subjects[pair[0]], subjects[pair[1]])
                if verdict and verdict.tier is not Tier.APART:
                    pairs.append(
                        CandidatePair(*pair, verdict.rule, CONFIDENCE[verdict.rule], verdict.evidence)
                    )
    return sorted(pairs, key=lambda p: (-p.confidence, p.first_id, p.second_id))


def _never_merges(subject: Subject) -> New | None:
    if subject.kind is SpeakerKind.UNNAMED:
        return New(Rule.UNNAMED, f"{subject.label!r} is unnamed: its own speaker in its own article")
    if subject.kind is SpeakerKind.GROUP:
        return New(Rule.GROUP, f"{subject.label!r} is a group: its own speaker in its own article")
    if subject.generic:
        return New(Rule.GENERIC_ORGANISATION, f"{subject.label!r} is a common noun, not a named organisation")
    if not subject.names and not subject.organisations:
        return New(Rule.NO_MATCH, f"{subject.label!r} has no name to compare")
    return None


def _rival(verdict: Verdict) -> bool:
    """Another entity that might equally be the speaker, which makes a partial-name merge ambiguous."""
    return verdict.tier is not Tier.APART and verdict.rule not in _EXCLUDED_BY_ROLE
