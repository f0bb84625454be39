"""Roles and descriptions ("Kremlin spokesman", "a lawyer for the family") -> whether two agree.

A role is reduced to a head ("spokesperson", "deputy minister") and a set of qualifiers ("kremlin").
Two roles agree when their heads are equal and one's qualifiers contain the other's ("Kremlin
spokesman" ~ "spokesman"); they contradict when the heads are equal and the qualifiers have nothing in
common ("Kremlin spokesman" vs "Pentagon spokesman", "defence minister" vs "foreign minister"). Same
head, qualifiers that overlap without containing each other, is neither: the roles merely differ.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from quotes.speakers.cached import CACHED_TEXTS, fold
from quotes.speakers.lexicon import (
    GENDERED_WORDS,
    ROLE_DETERMINERS,
    ROLE_PHRASES,
    ROLE_PREPOSITIONS,
    ROLE_RANK_WORDS,
    ROLE_STOPWORDS,
    ROLE_SYNONYMS,
    ROLE_TIME_WORDS,
    Gender,
)

_SEPARATORS = str.maketrans({ch: " " for ch in ',.;:()[]"“”/'})


class RoleRelation(StrEnum):
    AGREE = "agree"  # some role of each side names the same office
    CONTRADICT = "contradict"  # same office, clashing qualifiers, and nothing agrees
    UNRELATED = "unrelated"  # both sides have roles, none about the same office
    UNKNOWN = "unknown"  # one side has no role
    CHANGED = "changed"  # a contradiction whose roles were seen more than a period apart


@dataclass(frozen=True, slots=True)
class RoleShape:
    text: str  # as written
    head: str  # "spokesperson", "deputy minister"
    head_word: str  # the head as written, folded ("spokeswoman"), which may state a gender
    qualifiers: frozenset[str]


@lru_cache(maxsize=CACHED_TEXTS)
def role_shape(text: str) -> RoleShape | None:
    """ "his defense minister" -> head "minister", qualifiers {"defence"}; None for no usable head.

    Cached: resolution compares the same roles for every article (the result is immutable)."""
    folded = f" {fold(text).translate(_SEPARATORS)} "
    for phrase, replacement in ROLE_PHRASES.items():
        folded = folded.replace(f" {phrase} ", f" {replacement} ")
    words = [w.removesuffix("'s") for w in folded.split() if w not in ROLE_TIME_WORDS]
    while words and words[0] in ROLE_DETERMINERS:
        words = words[1:]
    split = next((i for i, w in enumerate(words) if w in ROLE_PREPOSITIONS), len(words))
    before = [w for w in words[:split] if w not in ROLE_STOPWORDS]
    if not before:
        return None
    head_word = before[-1]
    rank = [w for w in before[:-1] if w in ROLE_RANK_WORDS]
    qualifiers = [w for w in (*before[:-1], *words[split:]) if w not in ROLE_STOPWORDS | ROLE_RANK_WORDS]
    return RoleShape(
        text=text,
        head=" ".join((*rank, ROLE_SYNONYMS.get(head_word, head_word))),
        head_word=head_word,
        qualifiers=frozenset(ROLE_SYNONYMS.get(w, w) for w in qualifiers),
    )


@dataclass(frozen=True, slots=True)
class RoleComparison:
    relation: RoleRelation
    left: str | None = None  # the pair of roles the relation rests on, as written
    right: str | None = None

    def describe(self) -> str:
        if self.relation is RoleRelation.AGREE:
            return f"roles agree: {self.left!r} ~ {self.right!r}"
        if self.relation is RoleRelation.CONTRADICT:
            return f"roles contradict: {self.left!r} vs {self.right!r}"
        if self.relation is RoleRelation.CHANGED:
            return f"role changed over time: {self.left!r} -> {self.right!r}"
        if self.relation is RoleRelation.UNRELATED:
            return f"roles differ: {self.left!r} vs {self.right!r}"
        return "no role on one side"


def compare_roles(left: Iterable[str], right: Iterable[str]) -> RoleComparison:
    """How two sets of roles relate; the first agreeing pair wins over any contradiction."""
    left_shapes = _shapes(left)
    right_shapes = _shapes(right)
    if not left_shapes or not right_shapes:
        return RoleComparison(RoleRelation.UNKNOWN)
    clash: RoleComparison | None = None
    related: RoleComparison | None = None
    for a in left_shapes:
        for b in right_shapes:
            if a.head != b.head:
                continue
            if _within(a.qualifiers, b.qualifiers) or _within(b.qualifiers, a.qualifiers):
                return RoleComparison(RoleRelation.AGREE, a.text, b.text)
            if not _within(a.qualifiers, b.qualifiers, any):  # "Kremlin spokesman" vs "Pentagon spokesman"
                clash = clash or RoleComparison(RoleRelation.CONTRADICT, a.text, b.text)
            else:  # "presumptive GOP nominee" vs "GOP presidential nominee": neither agrees nor clashes
                related = related or RoleComparison(RoleRelation.UNRELATED, a.text, b.text)
    if clash and not related:
        return clash
    return related or RoleComparison(RoleRelation.UNRELATED, left_shapes[0].text, right_shapes[0].text)


def _within(
    words: frozenset[str], others: frozenset[str], quantifier: Callable[[Iterable[bool]], bool] = all
) -> bool:
    """Whether all (or any) of `words` are among `others`, a word of five letters or more also matching
    its longer forms ("democrat" ~ "democratic", "republican" ~ "republicans")."""
    return quantifier(any(_same_word(word, other) for other in others) for word in words)


def _same_word(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= 5 and long.startswith(short))


def role_genders(roles: Iterable[str]) -> frozenset[Gender]:
    """Genders the roles' heads state ("spokeswoman", "father of five"), not their qualifiers."""
    return frozenset(GENDERED_WORDS[s.head_word] for s in _shapes(roles) if s.head_word in GENDERED_WORDS)


def _shapes(roles: Iterable[str]) -> list[RoleShape]:
    return [shape for role in dict.fromkeys(roles) if (shape := role_shape(role)) is not None]
