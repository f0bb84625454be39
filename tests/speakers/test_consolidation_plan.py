"""The consolidation plan: which existing entities the current rules make one, and which stay apart."""

from __future__ import annotations

from dataclasses import replace

import pytest

from quotes.parse.model import SpeakerKind
from quotes.speakers import EntityProfile, Rule, SpeakerEvidence
from quotes.speakers.consolidate import plan_consolidation

PERSON, UNNAMED = SpeakerKind.PERSON, SpeakerKind.UNNAMED


def ent(entity_id: int, name: str, *, roles: tuple[str, ...] = (), articles: int = 1,
        kind: SpeakerKind = PERSON) -> EntityProfile:  # fmt: skip
    evidence = SpeakerEvidence(name=name, kind=kind, article_id=f"a{entity_id}", roles=roles)
    profile = EntityProfile.from_evidence(entity_id, evidence)
    for more in range(1, articles):
        profile = profile.with_evidence(replace(evidence, article_id=f"a{entity_id}.{more}"))
    return profile


def plan(profiles: list[EntityProfile], **kwargs: object) -> dict[int, list[tuple[int, Rule]]]:
    groups = plan_consolidation(profiles, **kwargs)  # type: ignore[arg-type]
    return {g.keep_id: [(a.entity_id, a.rule) for a in g.absorbed] for g in groups}


FRAGMENTS = [ent(1, "Cyril Berg"), ent(2, "Cyril Berg", articles=3), ent(3, "Cyril J. Berg"),
             ent(4, "Cyril Berg", roles=("plumber",))]  # fmt: skip

CASES = [
    pytest.param(
        FRAGMENTS,
        {},
        {2: [(1, Rule.FULL_NAME), (3, Rule.NAME_VARIANT), (4, Rule.FULL_NAME)]},
        id="fragments-join-the-best-supported",
    ),
    pytest.param(
        FRAGMENTS,
        {"apart": [(4, 2)]},
        {2: [(1, Rule.FULL_NAME), (3, Rule.NAME_VARIANT)]},
        id="marked-distinct-stays-apart",
    ),
    pytest.param(
        FRAGMENTS,
        {"articles": {1: frozenset({7}), 2: frozenset({7, 8})}},
        {2: [(3, Rule.NAME_VARIANT), (4, Rule.FULL_NAME)]},
        id="same-article-stays-apart",
    ),
    pytest.param(
        FRAGMENTS,
        {"named_by_hand": [3]},
        {3: [(2, Rule.NAME_VARIANT), (1, Rule.FULL_NAME), (4, Rule.FULL_NAME)]},
        id="a-name-given-by-hand-is-kept",
    ),
    pytest.param(FRAGMENTS[:2], {"named_by_hand": [1, 2]}, {}, id="two-names-given-by-hand-stay-apart"),
    pytest.param(
        [
            ent(1, "Cyril Berg", roles=("Kremlin spokesman",)),
            ent(2, "Cyril Berg", roles=("Pentagon spokesman",)),
        ],
        {},
        {},
        id="namesakes-stay-apart",
    ),
    pytest.param([ent(1, "Cyril Berg"), ent(2, "Mira Berg")], {}, {}, id="other-given-name"),
    pytest.param([ent(1, "a woman", kind=UNNAMED), ent(2, "a woman", kind=UNNAMED)], {}, {}, id="unnamed"),
]


@pytest.mark.parametrize(("profiles", "options", "expected"), CASES)
def test_plan_consolidation(
    profiles: list[EntityProfile], options: dict[str, object], expected: dict[int, list[tuple[int, Rule]]]
) -> None:
    assert plan(profiles, **options) == expected
