"""Speaker identity across articles: (new speaker, existing entities, expected decision) tables."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from quotes.parse.model import Speaker, SpeakerKind
from quotes.speakers import (
    CONFIDENCE,
    Appearance,
    Attested,
    CandidatePair,
    EntityProfile,
    MatchDecision,
    New,
    Rule,
    Same,
    SpeakerEvidence,
    candidate_pairs,
    index_keys,
    lookup_keys,
    match_speaker,
)
from quotes.speakers.model import MERGE_RULES, NEVER_RULES

PERSON, GROUP, ORG, UNNAMED = (
    SpeakerKind.PERSON,
    SpeakerKind.GROUP,
    SpeakerKind.ORGANISATION,
    SpeakerKind.UNNAMED,
)
RULES_MD = Path(__file__).parents[2] / "quotes" / "speakers" / "RULES.md"


def ev(
    name: str,
    kind: SpeakerKind = PERSON,
    *,
    aliases: tuple[str, ...] = (),
    roles: tuple[str, ...] = (),
    anonymous: bool = False,
    outlet: str | None = None,
    article: str = "new",
    published: date | None = None,
) -> SpeakerEvidence:
    return SpeakerEvidence(
        name=name,
        kind=kind,
        article_id=article,
        outlet=outlet,
        aliases=aliases,
        roles=roles,
        anonymous=anonymous,
        published=published,
    )


def ent(
    entity_id: int,
    name: str,
    kind: SpeakerKind = PERSON,
    *,
    aliases: tuple[str, ...] = (),
    roles: tuple[str, ...] = (),
    anonymous: bool = False,
    outlet: str | None = None,
    published: date | None = None,
    articles: int = 1,
) -> EntityProfile:
    """An entity seen in `articles` earlier articles."""
    evidence = ev(
        name, kind, aliases=aliases, roles=roles, anonymous=anonymous, outlet=outlet, published=published
    )
    profile = EntityProfile.from_evidence(entity_id, replace(evidence, article_id=f"a{entity_id}"))
    for more in range(1, articles):
        profile = profile.with_evidence(replace(evidence, article_id=f"a{entity_id}.{more}"))
    return profile


Summary = tuple[object, ...]


def same(entity_id: int, rule: Rule) -> Summary:
    return ("same", entity_id, rule)


def new(
    rule: Rule, candidates: dict[int, Rule] | None = None, ruled_out: dict[int, Rule] | None = None
) -> Summary:
    return ("new", rule, candidates or {}, ruled_out or {})


def summary(decision: MatchDecision) -> Summary:
    if isinstance(decision, Same):
        return same(decision.entity_id, decision.rule)
    return new(
        decision.rule,
        {c.entity_id: c.rule for c in decision.candidates},
        {r.entity_id: r.rule for r in decision.ruled_out},
    )


PESKOV = ent(
    1, "Dmitry Peskov", aliases=("Kremlin spokesman Dmitry Peskov", "Peskov"), roles=("Kremlin spokesman",)
)
SMITH_KREMLIN = ent(2, "John Smith", roles=("Kremlin spokesman",))
OLEG_ITV = ent(3, "Oleg", anonymous=True, roles=("a Moscow resident",), outlet="ITV News")

FULL_NAME = [
    pytest.param(
        ev(
            "Dmitry Peskov",
            aliases=("Kremlin spokesman Dmitry Peskov", "Peskov"),
            roles=("Kremlin spokesman",),
        ),
        [PESKOV],
        same(1, Rule.FULL_NAME_AND_ROLE),
        id="full-name-and-role",
    ),
    pytest.param(
        ev("Dmitry Peskov", aliases=("Peskov",)), [PESKOV], same(1, Rule.FULL_NAME), id="full-name-no-role"
    ),
    pytest.param(
        ev("Dmitry Peskov", aliases=("Kremlin spokesman Dmitry Peskov",)),
        [ent(1, "Dmitry Peskov", roles=("spokesman for the Kremlin",))],
        same(1, Rule.FULL_NAME_AND_ROLE),
        id="descriptor-in-alias-is-a-role",
    ),
    pytest.param(
        ev("Defense Minister Sergei Shoigu"),
        [ent(1, "Sergei Shoigu", roles=("his defence minister",))],
        same(1, Rule.FULL_NAME_AND_ROLE),
        id="descriptor-spelling-determiner",
    ),
    pytest.param(
        ev("Dr. JOSÉ Álvarez"), [ent(1, "José Alvarez")], same(1, Rule.FULL_NAME), id="case-accents-honorific"
    ),
    pytest.param(
        ev("Sen. Elizabeth Warren"), [ent(1, "Elizabeth Warren")], same(1, Rule.FULL_NAME), id="title"
    ),
    pytest.param(
        ev("Charles de Gaulle", roles=("former president",)),
        [ent(1, "Charles De Gaulle", roles=("President of France",))],
        same(1, Rule.FULL_NAME_AND_ROLE),
        id="particle-and-former",
    ),
    pytest.param(ev("John Smith Jr."), [ent(1, "John Smith Jr")], same(1, Rule.FULL_NAME), id="same-suffix"),
    pytest.param(
        ev("John Smith"),
        [ent(1, "John Smith"), ent(2, "J. Smith")],
        same(1, Rule.FULL_NAME),
        id="full-name-beats-initials-candidate",
    ),
    pytest.param(
        ev("John Smith", roles=("plumber",)),
        [SMITH_KREMLIN],
        same(2, Rule.FULL_NAME_ROLES_DIFFER),
        id="full-name-roles-differ",
    ),
    pytest.param(
        ev("John Smith", roles=("Pentagon spokesman",)),
        [SMITH_KREMLIN],
        new(Rule.NO_MATCH, {2: Rule.FULL_NAME_ROLES_CONTRADICT}),
        id="full-name-roles-contradict",
    ),
    pytest.param(
        ev("John Smith", roles=("deputy minister",)),
        [ent(1, "John Smith", roles=("minister",))],
        same(1, Rule.FULL_NAME_ROLES_DIFFER),
        id="deputy-is-not-the-minister",
    ),
    pytest.param(
        ev("John Smith"),
        [ent(1, "John Smith"), ent(2, "John Smith", roles=("plumber",))],
        same(1, Rule.FULL_NAME),
        id="two-entities-same-name",
    ),
]

# Resolution converges: a full name goes to one entity however many carry it, and roles change.
CONVERGENCE = [
    pytest.param(
        ev("John Smith"),
        [ent(1, "John Smith"), ent(2, "John Smith", articles=3), ent(3, "John Smith", articles=2)],
        same(2, Rule.FULL_NAME),
        id="best-supported-of-three",
    ),
    pytest.param(
        ev("John Smith", outlet="Elmtown Post"),
        [ent(1, "John Smith", outlet="Hale Herald"), ent(2, "John Smith", outlet="elmtown post")],
        same(2, Rule.FULL_NAME),
        id="same-outlet-breaks-a-tie",
    ),
    pytest.param(
        ev("John Smith", roles=("Kremlin spokesman",)),
        [ent(1, "John Smith", roles=("Pentagon spokesman",), articles=5), SMITH_KREMLIN],
        same(2, Rule.FULL_NAME_AND_ROLE),
        id="namesakes-each-keep-their-own",
    ),
    pytest.param(
        ev("Mara Okafor", roles=("senator",)),
        [ent(1, "Mara Okafor", roles=("secretary of state",))],
        same(1, Rule.FULL_NAME_ROLES_DIFFER),
        id="senator-then-secretary",
    ),
    pytest.param(
        ev("Mara Okafor", roles=("President",)),
        [ent(1, "Mara Okafor", roles=("presidential candidate",))],
        same(1, Rule.FULL_NAME_ROLES_DIFFER),
        id="candidate-then-president",
    ),
    pytest.param(
        ev("Mara Okafor", roles=("presumptive Elmtown nominee",)),
        [ent(1, "Mara Okafor", roles=("Elmtown mayoral nominee",))],
        same(1, Rule.FULL_NAME_ROLES_DIFFER),
        id="overlapping-qualifiers-differ",
    ),
    pytest.param(
        ev("Mara Okafor", roles=("Democrat nominee",)),
        [ent(1, "Mara Okafor", roles=("the Democratic nominee",))],
        same(1, Rule.FULL_NAME_AND_ROLE),
        id="longer-form-of-a-qualifier",
    ),
    pytest.param(
        ev("Ivo Hale", roles=("foreign minister",), published=date(2024, 3, 1)),
        [ent(1, "Ivo Hale", roles=("defence minister",), published=date(2019, 5, 1))],
        same(1, Rule.ROLE_CHANGED),
        id="contradiction-years-apart-is-a-new-job",
    ),
    pytest.param(
        ev("Ivo Hale", roles=("foreign minister",), published=date(2024, 3, 1)),
        [ent(1, "Ivo Hale", roles=("defence minister",), published=date(2023, 11, 1))],
        new(Rule.NO_MATCH, {1: Rule.FULL_NAME_ROLES_CONTRADICT}),
        id="contradiction-in-the-same-year-is-a-namesake",
    ),
    pytest.param(
        ev("Ivo Hale", roles=("foreign minister",)),
        [ent(1, "Ivo Hale", roles=("defence minister",), published=date(2019, 5, 1))],
        new(Rule.NO_MATCH, {1: Rule.FULL_NAME_ROLES_CONTRADICT}),
        id="contradiction-undated-is-a-namesake",
    ),
    pytest.param(
        ev("Ivo Hale", roles=("foreign minister",)),
        [
            ent(1, "Ivo Hale", roles=("defence minister",), articles=4),
            ent(2, "Ivo Hale", roles=("foreign minister",)),
        ],
        same(2, Rule.FULL_NAME_AND_ROLE),
        id="the-namesake-entity-is-found-again",
    ),
    pytest.param(
        ev("Donna J. Roe"),
        [ent(1, "Donna Roe", articles=2), ent(2, "Donna Roe")],
        same(1, Rule.NAME_VARIANT),
        id="middle-initial-joins-the-best-supported",
    ),
    pytest.param(
        ev("Jane Roe"),
        [ent(1, "Donna Roe", articles=9)],
        new(Rule.NO_MATCH, {}, {1: Rule.DIFFERENT_GIVEN_NAME}),
        id="other-given-name-never-however-supported",
    ),
    pytest.param(
        ev("a spokesman", UNNAMED),
        [ent(1, "a spokesman", UNNAMED, articles=9)],
        new(Rule.UNNAMED),
        id="unnamed-never-however-supported",
    ),
]

NAME_VARIANTS = [
    pytest.param(
        ev("J. Smith"), [ent(1, "John Smith")], new(Rule.NO_MATCH, {1: Rule.INITIALS}), id="initial-new"
    ),
    pytest.param(
        ev("John Smith"), [ent(1, "J. Smith")], new(Rule.NO_MATCH, {1: Rule.INITIALS}), id="initial-old"
    ),
    pytest.param(
        ev("J. Smith"), [ent(1, "J. Smith")], new(Rule.NO_MATCH, {1: Rule.INITIALS}), id="initials-twice"
    ),
    pytest.param(
        ev("J.R. Smith"), [ent(1, "John Smith")], new(Rule.NO_MATCH, {1: Rule.INITIALS}), id="initials-run"
    ),
    pytest.param(
        ev("John F. Kennedy"),
        [ent(1, "John Kennedy")],
        same(1, Rule.NAME_VARIANT),
        id="middle-initial",
    ),
    pytest.param(
        ev("John Fitzgerald Kennedy"),
        [ent(1, "John F. Kennedy")],
        same(1, Rule.NAME_VARIANT),
        id="middle-name-vs-initial",
    ),
    pytest.param(
        ev("John Smith Jr."),
        [ent(1, "John Smith")],
        new(Rule.NO_MATCH, {1: Rule.SUFFIX_MISSING}),
        id="suffix-missing",
    ),
    pytest.param(
        ev("Alex Smith"),
        [ent(1, "Alexander Smith")],
        new(Rule.NO_MATCH, {1: Rule.GIVEN_NAME_PREFIX}),
        id="short-form",
    ),
    pytest.param(
        ev("J. Smith", roles=("Pentagon spokesman",)),
        [SMITH_KREMLIN],
        new(Rule.NO_MATCH, {2: Rule.ROLES_CONTRADICT}),
        id="initials-roles-contradict",
    ),
]

NEVER_MERGED_PEOPLE = [
    pytest.param(
        ev("Jane Smith"),
        [ent(1, "John Smith")],
        new(Rule.NO_MATCH, {}, {1: Rule.DIFFERENT_GIVEN_NAME}),
        id="first-name",
    ),
    pytest.param(
        ev("Nikolai Peskov", roles=("Kremlin spokesman",)),
        [PESKOV],
        new(Rule.NO_MATCH, {}, {1: Rule.DIFFERENT_GIVEN_NAME}),
        id="first-name-even-with-role",
    ),
    pytest.param(
        ev("Jo Smith"),
        [ent(1, "John Smith")],
        new(Rule.NO_MATCH, {}, {1: Rule.DIFFERENT_GIVEN_NAME}),
        id="too-short",
    ),
    pytest.param(
        ev("John Paul Smith"),
        [ent(1, "John George Smith")],
        new(Rule.NO_MATCH, {}, {1: Rule.DIFFERENT_GIVEN_NAME}),
        id="middle-names",
    ),
    pytest.param(
        ev("John Smith Jr."),
        [ent(1, "John Smith Sr.")],
        new(Rule.NO_MATCH, {}, {1: Rule.SUFFIX_CONFLICT}),
        id="generations",
    ),
    pytest.param(
        ev("Jordan Lee", aliases=("Ms Lee",)),
        [ent(1, "Jordan Lee", aliases=("Mr Lee",))],
        new(Rule.NO_MATCH, {}, {1: Rule.GENDER_CONFLICT}),
        id="honorific-gender",
    ),
    pytest.param(
        ev("Alex Kim", roles=("spokeswoman",)),
        [ent(1, "Alex Kim", roles=("spokesman",))],
        new(Rule.NO_MATCH, {}, {1: Rule.GENDER_CONFLICT}),
        id="role-gender",
    ),
    pytest.param(
        ev("Mr Smith"),
        [ent(1, "Jane Smith", aliases=("Ms Smith",))],
        new(Rule.NO_MATCH, {}, {1: Rule.GENDER_CONFLICT}),
        id="surname-gender",
    ),
    pytest.param(
        ev("Oleg", anonymous=True, outlet="ITV News", roles=("a Moscow resident",)),
        [ent(1, "Oleg", outlet="ITV News", roles=("a Moscow resident",))],
        new(Rule.NO_MATCH, {}, {1: Rule.PSEUDONYM_VS_REAL_NAME}),
        id="pseudonym-vs-real-name",
    ),
    pytest.param(ev("Ivan", anonymous=True), [OLEG_ITV], new(Rule.NO_MATCH), id="different-pseudonyms"),
    pytest.param(ev("John Smith"), [ent(1, "Adam Jones")], new(Rule.NO_MATCH), id="unrelated"),
    pytest.param(ev("Kremlin"), [ent(1, "Kremlin", ORG)], new(Rule.NO_MATCH), id="person-vs-organisation"),
    pytest.param(ev("Dmitry Peskov"), [], new(Rule.NO_MATCH), id="empty-database"),
]

SURNAME_ONLY = [
    pytest.param(
        ev("Peskov", roles=("Kremlin spokesman",)), [PESKOV], same(1, Rule.SURNAME_AND_ROLE), id="with-role"
    ),
    pytest.param(
        ev("Defense Minister Shoygu"),
        [ent(1, "Sergei Shoygu", roles=("Defense Minister",))],
        same(1, Rule.SURNAME_AND_ROLE),
        id="descriptor-in-name",
    ),
    pytest.param(
        ev("Dmitry Peskov", roles=("Kremlin spokesman",)),
        [ent(1, "Peskov", roles=("Kremlin spokesman",))],
        same(1, Rule.SURNAME_AND_ROLE),
        id="entity-known-by-surname",
    ),
    pytest.param(ev("Peskov"), [PESKOV], new(Rule.NO_MATCH, {1: Rule.SURNAME_ONLY}), id="no-role"),
    pytest.param(
        ev("Peskov", roles=("a lawyer",)),
        [PESKOV],
        new(Rule.NO_MATCH, {1: Rule.SURNAME_ONLY}),
        id="other-role",
    ),
    pytest.param(
        ev("Smith", roles=("Pentagon spokesman",)),
        [SMITH_KREMLIN],
        new(Rule.NO_MATCH, {2: Rule.ROLES_CONTRADICT}),
        id="contradicting-role",
    ),
    pytest.param(
        ev("Peskov", roles=("Kremlin spokesman",)),
        [PESKOV, ent(2, "Ivan Peskov")],
        new(Rule.AMBIGUOUS, {1: Rule.SURNAME_AND_ROLE, 2: Rule.SURNAME_ONLY}),
        id="ambiguous",
    ),
    pytest.param(
        ev("Peskov", roles=("Kremlin spokesman",)),
        [PESKOV, ent(2, "Ivan Peskov", roles=("Pentagon spokesman",))],
        same(1, Rule.SURNAME_AND_ROLE),
        id="rival-excluded-by-role",
    ),
    pytest.param(
        ev("Ms Levenberg", roles=("analyst",)),
        [ent(1, "Levenberg", aliases=("Ms Levenberg",), roles=("an analyst",))],
        same(1, Rule.SURNAME_AND_ROLE),
        id="marked-surname-vs-surname",
    ),
]

LONE_NAMES = [
    pytest.param(
        ev("Oleg", anonymous=True, outlet="ITV News", roles=("Moscow resident",)),
        [OLEG_ITV],
        same(3, Rule.LONE_NAME_STRONG),
        id="pseudonym-strong",
    ),
    pytest.param(
        ev("Oleg", anonymous=True, outlet="BBC", roles=("a Moscow resident",)),
        [OLEG_ITV],
        new(Rule.NO_MATCH, {3: Rule.LONE_NAME_WEAK}),
        id="pseudonym-other-outlet",
    ),
    pytest.param(
        ev("Oleg", anonymous=True, outlet="ITV News"),
        [OLEG_ITV],
        new(Rule.NO_MATCH, {3: Rule.LONE_NAME_WEAK}),
        id="pseudonym-no-description",
    ),
    pytest.param(
        ev("Oleg", anonymous=True, outlet="ITV News", roles=("a student",)),
        [OLEG_ITV],
        new(Rule.NO_MATCH, {3: Rule.LONE_NAME_WEAK}),
        id="pseudonym-other-description",
    ),
    pytest.param(
        ev("Oleg", anonymous=True, roles=("a Moscow resident",)),
        [OLEG_ITV],
        new(Rule.NO_MATCH, {3: Rule.LONE_NAME_WEAK}),
        id="pseudonym-outlet-unknown",
    ),
    pytest.param(
        ev("Oleg", anonymous=True, outlet="ITV News", roles=("a Moscow resident",)),
        [OLEG_ITV, ent(4, "Oleg", anonymous=True, outlet="BBC")],
        new(Rule.AMBIGUOUS, {3: Rule.LONE_NAME_STRONG, 4: Rule.LONE_NAME_WEAK}),
        id="pseudonym-ambiguous",
    ),
    pytest.param(
        ev("Yanina", outlet="ITV News", roles=("mother of five",)),
        [ent(1, "Yanina Nimaeva", roles=("a mother of five",), outlet="itv news")],
        same(1, Rule.LONE_NAME_STRONG),
        id="first-name-strong",
    ),
    pytest.param(
        ev("Yanina", outlet="Reuters", roles=("mother of five",)),
        [ent(1, "Yanina Nimaeva", roles=("mother of five",), outlet="ITV News")],
        new(Rule.NO_MATCH, {1: Rule.LONE_NAME_WEAK}),
        id="first-name-weak",
    ),
    pytest.param(
        ev("Evgeny", outlet="ITV News"),
        [ent(1, "Evgeny", outlet="ITV News")],
        new(Rule.NO_MATCH, {1: Rule.LONE_NAME_WEAK}),
        id="lone-vs-lone",
    ),
    pytest.param(
        ev("Evgeny", outlet="ITV News", roles=("father of two",)),
        [ent(1, "Evgeny", outlet="ITV News", roles=("mother of two",))],
        new(Rule.NO_MATCH, {}, {1: Rule.GENDER_CONFLICT}),
        id="lone-gender",
    ),
]

UNNAMED_AND_GROUPS = [
    pytest.param(ev("a woman", UNNAMED), [ent(1, "a woman", UNNAMED)], new(Rule.UNNAMED), id="a-woman"),
    pytest.param(
        ev("A woman from the city of Kursk", UNNAMED),
        [ent(1, "A woman from the city of Kursk", UNNAMED)],
        new(Rule.UNNAMED),
        id="same-description",
    ),
    pytest.param(ev("one man", UNNAMED), [ent(1, "one man", UNNAMED)], new(Rule.UNNAMED), id="one-man"),
    pytest.param(
        ev("a lawyer", UNNAMED, outlet="ITV News", roles=("a lawyer",)),
        [ent(1, "a lawyer", UNNAMED, outlet="ITV News", roles=("a lawyer",))],
        new(Rule.UNNAMED),
        id="a-lawyer-same-outlet",
    ),
    pytest.param(
        ev("a senior official", UNNAMED, anonymous=True),
        [ent(1, "a senior official", UNNAMED, anonymous=True)],
        new(Rule.UNNAMED),
        id="anonymous-source",
    ),
    pytest.param(ev("protesters", GROUP), [ent(1, "protesters", GROUP)], new(Rule.GROUP), id="protesters"),
    pytest.param(ev("Russians", GROUP), [ent(1, "Russians", GROUP)], new(Rule.GROUP), id="russians"),
]

ORGANISATIONS = [
    pytest.param(
        ev("the Kremlin", ORG), [ent(1, "Kremlin", ORG)], same(1, Rule.ORGANISATION_NAME), id="kremlin"
    ),
    pytest.param(
        ev("The U.S. State Department", ORG),
        [ent(1, "the US State Department", ORG)],
        same(1, Rule.ORGANISATION_NAME),
        id="dotted-initials",
    ),
    pytest.param(
        ev("NATO", ORG),
        [ent(1, "North Atlantic Treaty Organization", ORG)],
        new(Rule.NO_MATCH, {1: Rule.ORGANISATION_ACRONYM}),
        id="acronym",
    ),
    pytest.param(
        ev("the Kremlin", ORG),
        [ent(1, "Kremlin", ORG), ent(2, "the Kremlin", ORG)],
        same(1, Rule.ORGANISATION_NAME),
        id="two-entities",
    ),
    pytest.param(
        ev("the ministry", ORG), [ent(1, "the ministry", ORG)], new(Rule.GENERIC_ORGANISATION), id="ministry"
    ),
    pytest.param(ev("Police", ORG), [ent(1, "police", ORG)], new(Rule.GENERIC_ORGANISATION), id="police"),
    pytest.param(
        ev("the Defence Ministry", ORG),
        [ent(1, "Defence Ministry", ORG)],
        new(Rule.GENERIC_ORGANISATION),
        id="whose",
    ),
    pytest.param(ev("Kremlin", ORG), [ent(1, "Kremlin")], new(Rule.NO_MATCH), id="organisation-vs-person"),
]

ALL_CASES = FULL_NAME + CONVERGENCE + NAME_VARIANTS + NEVER_MERGED_PEOPLE + SURNAME_ONLY + LONE_NAMES + UNNAMED_AND_GROUPS
ALL_CASES += ORGANISATIONS


@pytest.mark.parametrize(("speaker", "existing", "expected"), ALL_CASES)
def test_match_speaker(speaker: SpeakerEvidence, existing: list[EntityProfile], expected: Summary) -> None:
    assert summary(match_speaker(speaker, existing)) == expected


@pytest.mark.parametrize(("speaker", "existing", "expected"), ALL_CASES)
def test_key_prefilter_keeps_the_decision(
    speaker: SpeakerEvidence, existing: list[EntityProfile], expected: Summary
) -> None:
    """The database passes only entities sharing a key; that must not change any decision."""
    keys = lookup_keys(speaker)
    shortlist = [profile for profile in existing if index_keys(profile) & keys]
    assert summary(match_speaker(speaker, shortlist)) == expected


def test_same_carries_confidence_and_evidence() -> None:
    decision = match_speaker(ev("Dmitry Peskov", roles=("Kremlin spokesman",)), [PESKOV])
    assert isinstance(decision, Same)
    assert decision.confidence == CONFIDENCE[Rule.FULL_NAME_AND_ROLE] == 0.97
    assert "dmitry peskov" in decision.evidence and "Kremlin spokesman" in decision.evidence


def test_candidates_are_ordered_by_confidence() -> None:
    decision = match_speaker(ev("J. Smith"), [ent(5, "Jay Smith"), ent(4, "John Smith")])
    assert isinstance(decision, New)
    assert [c.entity_id for c in decision.candidates] == [4, 5]
    assert all(c.confidence == CONFIDENCE[Rule.INITIALS] for c in decision.candidates)


def test_from_parse_speaker() -> None:
    speaker = Speaker(
        key=3,
        name="Eva Levenberg",
        kind=PERSON,
        aliases=("Levenberg", "Ms Levenberg"),
        roles=("analyst",),
        anonymous=False,
    )
    evidence = SpeakerEvidence.from_parse(speaker, article_id="003", outlet="ITV News")
    assert evidence == ev(
        "Eva Levenberg", aliases=speaker.aliases, roles=("analyst",), outlet="ITV News", article="003"
    )


def test_with_evidence_keeps_every_alias_and_role_with_its_article() -> None:
    profile = ent(1, "Dmitry Peskov", roles=("Kremlin spokesman",), outlet="De Standaard")
    merged = profile.with_evidence(
        ev("Dmitry Peskov", aliases=("Peskov",), roles=("press secretary",), article="b")
    )
    assert merged.aliases == (
        Attested("Dmitry Peskov", "a1"),
        Attested("Dmitry Peskov", "b"),
        Attested("Peskov", "b"),
    )
    assert merged.roles == (Attested("Kremlin spokesman", "a1"), Attested("press secretary", "b"))
    assert merged.appearances == (Appearance("a1", "De Standaard"), Appearance("b", None))
    assert merged.outlets == ("De Standaard",)


def test_seed_articles_then_a_second_article() -> None:
    """The issue's acceptance story: one Dmitry Peskov across articles, every "a woman" her own speaker."""
    seed = [
        ev(
            "Dmitry Peskov",
            aliases=("Kremlin spokesman Dmitry Peskov",),
            roles=("Kremlin spokesman",),
            article="s0",
        ),
        ev("the Kremlin", ORG, aliases=("Kremlin",), article="s0"),
        ev("A woman from the city of Kursk", UNNAMED, article="s0"),
        ev("a woman", UNNAMED, article="s3"),
        ev("Oleg", anonymous=True, outlet="ITV News", article="s3"),
        ev("Eva Levenberg", aliases=("Levenberg", "Ms Levenberg"), outlet="ITV News", article="s3"),
    ]
    second = [
        ev(
            "Dmitry Peskov",
            aliases=("Kremlin spokesman Dmitry Peskov", "Peskov"),
            article="x",
            outlet="Reuters",
        ),
        ev("a woman", UNNAMED, article="x", outlet="Reuters"),
        ev("Kremlin", ORG, article="x", outlet="Reuters"),
    ]
    entities: list[EntityProfile] = []
    decisions: list[MatchDecision] = []
    for speaker in seed + second:
        decision = match_speaker(speaker, entities)
        decisions.append(decision)
        if isinstance(decision, Same):
            index = next(i for i, e in enumerate(entities) if e.id == decision.entity_id)
            entities[index] = entities[index].with_evidence(speaker)
        else:
            entities.append(EntityProfile.from_evidence(len(entities) + 1, speaker))
    assert [summary(d)[:2] for d in decisions[-3:]] == [("same", 1), ("new", Rule.UNNAMED), ("same", 2)]
    assert [e.name for e in entities] == [
        "Dmitry Peskov",
        "the Kremlin",
        "A woman from the city of Kursk",
        "a woman",
        "Oleg",
        "Eva Levenberg",
        "a woman",
    ]
    peskov = entities[0]
    assert {a.article_id for a in peskov.aliases} == {"s0", "x"}
    assert Attested("Peskov", "x") in peskov.aliases


KEYS = [
    pytest.param(
        ev("Dmitry Peskov", aliases=("Peskov",)), {"surname:peskov", "lone:peskov", "lone:dmitry"}, id="full"
    ),
    pytest.param(ev("Peskov"), {"surname:peskov", "given:peskov", "lone:peskov"}, id="lone"),
    pytest.param(ev("Mr Dmitrí PESKOV"), {"surname:peskov", "lone:peskov", "lone:dmitri"}, id="folded"),
    pytest.param(ev("J. Smith"), {"surname:smith", "lone:smith"}, id="initials"),
    pytest.param(
        ev("Charles de Gaulle"), {"surname:de gaulle", "lone:de gaulle", "lone:charles"}, id="particle"
    ),
    pytest.param(
        ev("North Atlantic Treaty Organization", ORG),
        {"org:north atlantic treaty organization", "org:nato"},
        id="org",
    ),
    pytest.param(ev("the Kremlin", ORG), {"org:kremlin"}, id="org-determiner"),
    pytest.param(ev("a woman", UNNAMED), set(), id="unnamed"),
    pytest.param(ev("protesters", GROUP), set(), id="group"),
    pytest.param(ev("the ministry", ORG), set(), id="generic-organisation"),
]


@pytest.mark.parametrize(("speaker", "expected"), KEYS)
def test_lookup_keys(speaker: SpeakerEvidence, expected: set[str]) -> None:
    assert lookup_keys(speaker) == expected


def test_index_keys_do_not_pair_people_by_first_name() -> None:
    """Two Johns share no key (no scan of every John); a lone "John" finds both."""
    john_smith, john_jones = ent(1, "John Smith"), ent(2, "John Jones")
    assert not index_keys(john_smith) & lookup_keys(ev("John Jones"))
    assert index_keys(john_smith) & lookup_keys(ev("John")) and index_keys(john_jones) & lookup_keys(
        ev("John")
    )


PAIRS = [
    pytest.param(
        [ent(1, "John Smith"), ent(2, "J. Smith"), ent(3, "Jane Smith"), ent(4, "John Smith")],
        (),
        [(1, 4, Rule.FULL_NAME), (1, 2, Rule.INITIALS), (2, 3, Rule.INITIALS), (2, 4, Rule.INITIALS)],
        id="smiths",
    ),
    pytest.param(
        [ent(1, "John Smith"), ent(2, "J. Smith"), ent(4, "John Smith")],
        [(4, 1), (2, 1)],
        [(2, 4, Rule.INITIALS)],
        id="dismissed-either-order",
    ),
    pytest.param(
        [
            ent(1, "a woman", UNNAMED),
            ent(2, "a woman", UNNAMED),
            ent(3, "protesters", GROUP),
            ent(4, "police", ORG),
        ]
        + [ent(5, "protesters", GROUP), ent(6, "police", ORG)],
        (),
        [],
        id="never-candidates",
    ),
    pytest.param(
        [ent(1, "Kremlin", ORG), ent(2, "the Kremlin", ORG), ent(3, "NATO", ORG), ent(4, "Kremlin")]
        + [ent(5, "North Atlantic Treaty Organization", ORG)],
        (),
        [(1, 2, Rule.ORGANISATION_NAME), (3, 5, Rule.ORGANISATION_ACRONYM)],
        id="organisations",
    ),
    pytest.param(
        [
            PESKOV,
            ent(2, "Peskov"),
            ent(6, "Oleg", anonymous=True, outlet="ITV News"),
            OLEG_ITV,
            ent(5, "Oleg"),
        ],
        (),
        [(1, 2, Rule.SURNAME_ONLY), (3, 6, Rule.LONE_NAME_WEAK)],
        id="partial-names",
    ),
]


@pytest.mark.parametrize(("profiles", "dismissed", "expected"), PAIRS)
def test_candidate_pairs(
    profiles: list[EntityProfile], dismissed: list[tuple[int, int]], expected: list[tuple[int, int, Rule]]
) -> None:
    pairs = candidate_pairs(profiles, dismissed=dismissed)
    assert [(p.first_id, p.second_id, p.rule) for p in pairs] == expected
    assert all(isinstance(p, CandidatePair) and p.evidence for p in pairs)


def test_rule_groups_are_consistent() -> None:
    assert MERGE_RULES <= CONFIDENCE.keys() and not NEVER_RULES & CONFIDENCE.keys()
    assert min(CONFIDENCE[r] for r in MERGE_RULES) > max(
        CONFIDENCE[r] for r in CONFIDENCE.keys() - MERGE_RULES
    )


def test_rules_md_documents_every_rule_with_its_confidence() -> None:
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| ([0-9.]+|never|-) \|", RULES_MD.read_text(), re.MULTILINE))
    expected = {
        str(r): f"{CONFIDENCE[r]:g}" if r in CONFIDENCE else ("never" if r in NEVER_RULES else "-")
        for r in Rule
    }
    assert rows == expected
