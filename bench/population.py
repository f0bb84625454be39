"""The speakers of a benchmark database: named people and organisations drawn by a Zipf-like law,
and the speakers of one article only (unnamed people, groups, anonymous people)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import textgen
import vocab

TOP_SHARE = 0.2  # the most quoted person's share of person slots (~12% of all quotes)
SLOT_KINDS = (
    ("person",) * 70 + ("organisation",) * 12 + ("unnamed",) * 8 + ("group",) * 5 + ("anonymous",) * 5
)


@dataclass
class Entity:
    """A speaker that can appear in many articles (named people and organisations)."""

    name: str
    kind: str
    roles: tuple[str, ...] = ()
    later: tuple[str, ...] = ()
    pronoun: str | None = None
    id: int | None = None
    aliases: set[str] = field(default_factory=set)
    seen_roles: set[str] = field(default_factory=set)


class Generator:
    """The speaker population and the articles, drawn from one seeded random stream."""

    def __init__(self, quotes: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words = textgen.Words(self.rng)
        self.composer = textgen.Composer(self.words, self.rng)
        places = self.words.places
        self.outlets = [form.replace("{P}", places[i]) for i, form in enumerate(vocab.OUTLET_FORMS * 4)]
        self.persons = [self._person(i) for i in range(max(40, quotes // 50))]
        weights = [1 / (rank + 1) ** 1.1 for rank in range(1, len(self.persons))]
        weights.insert(0, TOP_SHARE / (1 - TOP_SHARE) * sum(weights))
        self.person_weights = _cumulative(weights)
        organisations = {self._fill(self.rng.choice(vocab.ORG_FORMS)) for _ in range(max(10, quotes // 500))}
        self.organisations = [Entity(name, "organisation") for name in sorted(organisations)]
        self.organisation_weights = _cumulative([1 / (r + 1) for r in range(len(self.organisations))])
        self.outlet_weights = _cumulative([1 / (r + 1) for r in range(len(self.outlets))])

    def _fill(self, form: str) -> str:
        return (
            form.replace("{P}", self.words.word("P"))
            .replace("{O}", self.rng.choice(vocab.OFFICES))
            .replace("{F}", self.rng.choice(vocab.FIELDS).capitalize())
        )

    def _person(self, index: int) -> Entity:
        female = self.rng.random() < 0.5
        given = self.rng.choice(vocab.GIVEN_FEMALE if female else vocab.GIVEN_MALE)
        first, middle, last = vocab.SURNAME_PARTS
        surname = self.rng.choice(first) + (self.rng.choice(middle) if self.rng.random() < 0.4 else "")
        surname += self.rng.choice(last)
        office = self.rng.choice(vocab.OFFICES)
        roles = [f"the {office} of {self.words.word('P')}"]
        if self.rng.random() < 0.3:
            roles.append(
                f"a {self.rng.choice(vocab.OFFICES)} at the {self._fill(self.rng.choice(vocab.ORG_FORMS))}"
            )
        honorific = self.rng.choice(("Ms", "Dr") if female else ("Mr", "Dr"))
        return Entity(f"{given} {surname}", "person", tuple(roles), (surname, f"{honorific} {surname}"),
                      "she" if female else "he")  # fmt: skip

    def article_voices(self) -> tuple[list[textgen.Voice], list[Entity | None]]:
        """The voices of one article, and the entity behind each (None: a speaker of this article only)."""
        voices: list[textgen.Voice] = []
        entities: list[Entity | None] = []
        for _ in range(self.rng.choice((1, 2, 2, 3, 3, 3, 4, 4))):
            kind = self.rng.choice(SLOT_KINDS)
            entity: Entity | None = None
            if kind == "person":
                entity = self.rng.choices(self.persons, cum_weights=self.person_weights)[0]
                first_time = entity.id is None and entity not in entities
                role = entity.roles[0] if first_time else self._role(entity)
                voice = textgen.Voice(entity.name, "person", role, entity.later, entity.pronoun)
            elif kind == "organisation":
                entity = self.rng.choices(self.organisations, cum_weights=self.organisation_weights)[0]
                voice = textgen.Voice(entity.name, "organisation")
            elif kind == "anonymous":
                female = self.rng.random() < 0.5
                given = self.rng.choice(vocab.GIVEN_FEMALE if female else vocab.GIVEN_MALE)
                aside = f"who asked that {'her' if female else 'his'} surname not be used"
                voice = textgen.Voice(given, "anonymous", None, (), "she" if female else "he", aside)
            else:
                name = self._fill(self.rng.choice(vocab.UNNAMED_FORMS if kind == "unnamed" else vocab.GROUPS))
                pronoun = (
                    "they"
                    if kind == "group"
                    else "she"
                    if "woman" in name
                    else "he"
                    if "man" in name
                    else None
                )
                voice = textgen.Voice(name, kind, None, (), pronoun)
            if entity is not None and entity in entities:
                continue
            voices.append(voice)
            entities.append(entity)
        return voices, entities

    def _role(self, entity: Entity) -> str | None:
        roll = self.rng.random()
        return entity.roles[0] if roll < 0.85 else entity.roles[-1] if roll < 0.95 else None

    def outlet(self) -> str:
        return self.rng.choices(self.outlets, cum_weights=self.outlet_weights)[0]


def _cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out
