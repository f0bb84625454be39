"""`confident_keys` and `confident_match`: the keys a resolver reads first, and the merge they decide.

Every entity that fits a speaker by a rule needing no uniqueness must hold all keys of one of the
speaker's confident slots, and a merge found there must be the merge `match_speaker` makes over all.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from quotes.parse.model import SpeakerKind
from quotes.speakers import (
    EntityProfile,
    MatchDecision,
    New,
    Rule,
    Same,
    SpeakerEvidence,
    index_keys,
    match_speaker,
)
from quotes.speakers.compare import confident_keys, evidence_subject, never_fits, probe_keys
from quotes.speakers.identity import confident_match

PERSON, ORG = SpeakerKind.PERSON, SpeakerKind.ORGANISATION


def ev(
    name: str,
    kind: SpeakerKind = PERSON,
    *,
    roles: tuple[str, ...] = (),
    outlet: str | None = "Elmtown Gazette",
    anonymous: bool = False,
) -> SpeakerEvidence:
    return SpeakerEvidence(
        name=name, kind=kind, article_id="new", outlet=outlet, roles=roles, anonymous=anonymous
    )


def ent(entity_id: int, name: str, kind: SpeakerKind = PERSON, **options: object) -> EntityProfile:
    evidence = ev(name, kind, **options)  # type: ignore[arg-type]
    return EntityProfile.from_evidence(entity_id, replace(evidence, article_id=f"a{entity_id}"))


CLERK = ("town clerk",)

CASES = [  # (speaker, entities, the rule match_speaker decides)
    pytest.param(ev("Wenna Okafor"), [ent(1, "Wenna Okafor"), ent(2, "Wenna")], Rule.FULL_NAME, id="full"),
    pytest.param(
        ev("Wenna Okafor", roles=CLERK),
        [ent(1, "Wenna Okafor", roles=CLERK), ent(2, "Wenna Okafor", roles=("a nurse",))],
        Rule.FULL_NAME_AND_ROLE,
        id="best-of-two",
    ),
    pytest.param(ev("Wenna B. Okafor"), [ent(1, "Wenna Okafor")], Rule.NAME_VARIANT, id="variant"),
    pytest.param(
        ev("Wenna Okafor", roles=("Elmtown senator",)),
        [ent(1, "Wenna Okafor", roles=("Elmtown mayor",))],
        Rule.FULL_NAME_ROLES_DIFFER,
        id="roles-differ",
    ),
    pytest.param(
        ev("Elmtown Council", ORG), [ent(1, "the Elmtown Council", ORG)], Rule.ORGANISATION_NAME, id="org"
    ),
    pytest.param(
        ev("Wenna Okafor", roles=CLERK), [ent(1, "Wenna", roles=CLERK)], Rule.LONE_NAME_STRONG, id="lone-only"
    ),
    pytest.param(ev("W. Okafor"), [ent(1, "Wenna Okafor")], Rule.NO_MATCH, id="initials"),
    pytest.param(ev("Ivo Hale Jr"), [ent(1, "Ivo Hale")], Rule.NO_MATCH, id="suffix-missing"),
    pytest.param(
        ev("Elmtown Transport Board", ORG), [ent(1, "ETB", ORG)], Rule.NO_MATCH, id="acronym-is-not-confident"
    ),
    pytest.param(
        ev("Okafor", roles=CLERK), [ent(1, "Wenna Okafor", roles=CLERK)], Rule.SURNAME_AND_ROLE, id="surname"
    ),
]


@pytest.mark.parametrize(("speaker", "entities", "rule"), CASES)
def test_a_confident_fit_is_found_under_the_confident_keys_and_decides_alone(
    speaker: SpeakerEvidence, entities: list[EntityProfile], rule: Rule
) -> None:
    subject = evidence_subject(speaker)
    decided = match_speaker(speaker, entities)
    assert decided.rule is rule
    slots = confident_keys(subject)
    assert all(slot[0] in probe_keys(subject) for slot in slots)  # each slot is read by its first key
    reached = [e for e in entities if any(set(slot) <= index_keys(e) for slot in slots)]
    found = confident_match(subject, reached, outlet=speaker.outlet)
    if isinstance(decided, Same) and rule not in (Rule.LONE_NAME_STRONG, Rule.SURNAME_AND_ROLE):
        assert found == decided
    else:  # a fit that needs uniqueness, or none: the resolver reads every probe key
        assert found is None and confident_match(subject, entities, outlet=speaker.outlet) is None


@pytest.mark.parametrize(
    ("speaker", "slots"),
    [
        (ev("Wenna B. Okafor"), {("surname:okafor", "given:wenna")}),
        (ev("Elmtown Transport Board", ORG), {("org:elmtown transport board",)}),
        (ev("Wenna"), set()),
        (ev("W. Okafor"), set()),
        (ev("a woman", SpeakerKind.UNNAMED), set()),
        (ev("the ministry", ORG), set()),
    ],
)
def test_confident_keys(speaker: SpeakerEvidence, slots: set[tuple[str, ...]]) -> None:
    assert confident_keys(evidence_subject(speaker)) == slots


@pytest.mark.parametrize(
    ("speaker", "entities"),
    [
        (ev("Wenna", roles=CLERK), [ent(1, "Wenna", roles=CLERK, anonymous=True), ent(2, "Wenna", roles=CLERK)]),
        (ev("Wenna", anonymous=True), [ent(1, "Wenna", anonymous=True), ent(2, "Wenna Okafor")]),
        (ev("Wenna"), [ent(1, "Ms Wenna", anonymous=True), ent(2, "Mr Wenna"), ent(3, "Wenna", outlet=None)]),
        (ev("Wenna Okafor"), [ent(1, "Wenna", anonymous=True), ent(2, "Wenna", anonymous=True)]),
        (ev("Okafor Board", ORG), [ent(1, "Okafor Board", ORG, anonymous=True), ent(2, "Okafor", PERSON)]),
    ],
)
def test_entities_that_never_fit_change_no_decision(speaker: SpeakerEvidence, entities: list[EntityProfile]) -> None:
    subject = evidence_subject(speaker)
    kept = [e for e in entities if not never_fits(subject, e.kind, e.anonymous)]
    assert len(kept) < len(entities) or speaker.kind is ORG
    assert unruled(match_speaker(speaker, kept)) == unruled(match_speaker(speaker, entities))


def unruled(decision: MatchDecision) -> MatchDecision:
    """The decision without its ruled-out entities, which nothing stores."""
    return replace(decision, ruled_out=()) if isinstance(decision, New) else decision
