"""A bounded summary of one entity, kept up to date one appearance at a time.

Resolving a speaker reads the summaries of the entities sharing a name key with it, never their
appearances, so the cost of an article does not grow with the archive. A summary holds the names the
entity went by, its roles with the dates they were seen, the outlets it appeared in (with the roles
given there) and how many articles it appeared in, each list capped at the most frequent entries.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Final, TypeVar

from quotes.parse.model import SpeakerKind
from quotes.speakers.cached import fold
from quotes.speakers.model import Appearance, Attested, EntityProfile, SpeakerEvidence

V = TypeVar("V")

MAX_NAMES: Final = 32
MAX_ROLES: Final = 32
MAX_OUTLETS: Final = 16
MAX_ROLES_PER_OUTLET: Final = 8


@dataclass(slots=True)
class RoleSeen:
    count: int
    first: date | None
    last: date | None

    def widen(self, day: date | None) -> None:
        self.count += 1
        if day is not None:
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)


@dataclass(slots=True)
class EntitySummary:
    """What the matching rules need of an entity, with counts, in bounded space."""

    appearances: int = 0
    names: dict[str, int] = field(default_factory=dict)
    roles: dict[str, RoleSeen] = field(default_factory=dict)
    outlets: dict[str, tuple[int, list[str]]] = field(default_factory=dict)  # folded outlet -> count, roles

    def add(self, evidence: SpeakerEvidence, *, appeared: bool = True) -> None:
        """Count one more article's appearance: its names, roles and outlet (`appeared=False`: only its
        names and roles, for aliases and roles a person moved here without the appearance)."""
        self.appearances += appeared
        for name in dict.fromkeys(n for n in (evidence.name, *evidence.aliases) if n):
            self.names[name] = self.names.get(name, 0) + 1
        for role in dict.fromkeys(evidence.roles):
            self.roles.setdefault(role, RoleSeen(0, None, None)).widen(evidence.published)
        if evidence.outlet and appeared:
            key = fold(evidence.outlet)
            count, roles = self.outlets.get(key, (0, []))
            roles = [*roles, *(r for r in dict.fromkeys(evidence.roles) if r not in roles)]
            self.outlets[key] = (count + 1, roles[-MAX_ROLES_PER_OUTLET:])
        self._prune()

    def add_name(self, name: str) -> None:
        """A name given by a person (a manual alias), counted as one sighting."""
        self.names[name] = self.names.get(name, 0) + 1
        self._prune()

    def _prune(self) -> None:
        """Keep the most frequent entries; among equals, the most recently added."""
        if len(self.names) > MAX_NAMES:
            self.names = _top(self.names, MAX_NAMES, lambda n: n)
        if len(self.roles) > MAX_ROLES:
            self.roles = _top(self.roles, MAX_ROLES, lambda r: r.count)
        if len(self.outlets) > MAX_OUTLETS:
            self.outlets = _top(self.outlets, MAX_OUTLETS, lambda o: o[0])

    def profile(self, entity_id: int, name: str, kind: SpeakerKind, *, anonymous: bool) -> EntityProfile:
        """The entity as the rules see it; each outlet stands for the articles of that outlet."""
        outlets = list(self.outlets.items())
        return EntityProfile(
            id=entity_id,
            name=name,
            kind=kind,
            aliases=tuple(Attested(text, "") for text in self.names),
            roles=(
                *(Attested(role, "", seen.first, seen.last) for role, seen in self.roles.items()),
                *(Attested(role, f"@{i}") for i, (_, (_, roles)) in enumerate(outlets) for role in roles),
            ),
            appearances=tuple(Appearance(f"@{i}", outlet) for i, (outlet, _) in enumerate(outlets)),
            anonymous=anonymous,
            appearance_count=self.appearances,
        )

    def to_json(self) -> str:
        return json.dumps(
            {
                "names": self.names,
                "roles": {r: [s.count, _iso(s.first), _iso(s.last)] for r, s in self.roles.items()},
                "outlets": {o: [count, roles] for o, (count, roles) in self.outlets.items()},
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, appearances: int, text: str) -> EntitySummary:
        data = json.loads(text)
        return cls(
            appearances=appearances,
            names={str(k): int(v) for k, v in data["names"].items()},
            roles={
                str(r): RoleSeen(int(c), _day(first), _day(last))
                for r, (c, first, last) in data["roles"].items()
            },
            outlets={str(o): (int(c), [str(r) for r in roles]) for o, (c, roles) in data["outlets"].items()},
        )


def _top(items: dict[str, V], limit: int, count: Callable[[V], int]) -> dict[str, V]:
    ranked = sorted(enumerate(items.items()), key=lambda e: (count(e[1][1]), e[0]), reverse=True)[:limit]
    return dict(item for _, item in sorted(ranked, key=lambda e: e[0]))


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)
