"""Speaker names -> comparable forms: case, accents, honorifics, descriptors and name particles.

A person name is split into given names, surname and suffix; words before it that describe the person
("Kremlin spokesman", "Defense Minister") come back as a descriptor, which callers keep as a role.
"""

from __future__ import annotations

from dataclasses import dataclass

from quotes.folding import fold_characters, unify_punctuation
from quotes.speakers.lexicon import (
    GENDERED_WORDS,
    GENERIC_ORGANISATION_WORDS,
    GIVEN_NAME_TITLES,
    HONORIFICS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    ORGANISATION_STOPWORDS,
    ROLE_DETERMINERS,
    TITLES,
    Gender,
)

_EDGE = ',;:()[]{}"“”„«»!?'
_SUFFIX_FORMS = {"junior": "jr", "senior": "sr"}
_DETERMINERS = frozenset(w for w in ROLE_DETERMINERS if len(w) > 1)  # not "a": "A. Smith" is an initial


def fold(text: str) -> str:
    """The one comparable form of a name or key: `quotes.folding.fold_characters` (NFKC, zero-width and
    bidi controls dropped, casefolded, accents dropped, apostrophes and dashes unified) with whitespace
    collapsed.

    So "D’Souza" == "D'Souza" == "d'souza" and "Pèskov" (either Unicode form) == "peskov".
    """
    return " ".join(fold_characters(text).split())


@dataclass(frozen=True, slots=True)
class _Token:
    raw: str  # as written, edge punctuation and trailing dot removed
    folded: str  # fold(raw) without dots

    @property
    def lower(self) -> bool:
        """Written all in lower case ("spokesman"), as descriptors are and names are not."""
        return self.raw == self.raw.lower() and self.raw != self.raw.upper()


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for word in unify_punctuation(text).split():
        word = word.strip(_EDGE)
        if word.endswith("'s") and len(word) > 3:
            word = word[:-2]
        parts = word.split(".")
        if len(parts) > 2 and all(len(part) <= 1 for part in parts):  # "J.R." -> "J", "R"
            tokens.extend(_Token(part, fold(part)) for part in parts if part)
            continue
        core = word.rstrip(".")
        folded = fold(core).replace(".", "")
        if folded:
            tokens.append(_Token(core, folded))
    return tokens


def _has_case(text: str) -> bool:
    """Whether capitals carry information: text all in one case tells nothing about names."""
    return text != text.lower() and text != text.upper()


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name as compared: folded given names (initials as one letter), surname, suffix."""

    given: tuple[str, ...]
    surname: str  # with its particles: "de gaulle"
    suffix: str | None = None  # "jr", "sr", "ii"
    gender: Gender | None = None  # from an honorific or title ("Ms", "King")
    descriptor: str | None = None  # words before the name that describe the person, as written
    surname_marked: bool = False  # a lone word after "Mr"/"Dr"/"Minister": it is a surname

    @property
    def lone(self) -> bool:
        """One word only ("Peskov", "Oleg"): a surname or a first name, nothing says which."""
        return not self.given

    @property
    def full(self) -> bool:
        """A written-out first name plus a surname ("John Smith", not "J. Smith")."""
        return bool(self.given) and len(self.given[0]) > 1

    @property
    def key(self) -> str:
        return " ".join((*self.given, self.surname))

    def __str__(self) -> str:
        return self.key + (f" {self.suffix}" if self.suffix else "")


def parse_person_name(text: str) -> PersonName | None:
    """Split "Kremlin spokesman Dmitry Peskov" into a name and its descriptor; None if no name is left."""
    tokens = _tokens(text)
    cased = _has_case(text)
    suffix = None
    if len(tokens) > 1 and tokens[-1].folded in NAME_SUFFIXES:
        suffix = _SUFFIX_FORMS.get(tokens[-1].folded, tokens[-1].folded)
        tokens = tokens[:-1]
    cut = 0
    for index, token in enumerate(tokens[:-1]):
        describes = token.folded in HONORIFICS or token.folded in TITLES or token.folded in _DETERMINERS
        if describes or (cased and token.lower and token.folded not in NAME_PARTICLES):
            cut = index + 1
    described, named = tokens[:cut], tokens[cut:]
    if not named or (cased and named[-1].lower) or len(named[-1].folded) < 2:
        return None
    if len(named) == 1 and (named[0].folded in TITLES or named[0].folded in HONORIFICS):
        return None  # "the minister", "Mr": a description, not a name
    start = len(named) - 1
    while start > 0 and named[start - 1].folded in NAME_PARTICLES and (start > 1 or named[0].lower):
        start -= 1
    genders = {HONORIFICS.get(t.folded) or GENDERED_WORDS.get(t.folded) for t in described} - {None}
    descriptor = " ".join(t.raw for t in described if t.folded not in HONORIFICS)
    return PersonName(
        given=tuple(t.folded for t in named[:start]),
        surname=" ".join(t.folded for t in named[start:]),
        suffix=suffix,
        gender=genders.pop() if len(genders) == 1 else None,
        descriptor=descriptor or None,
        surname_marked=start == 0 and bool(described) and described[-1].folded not in GIVEN_NAME_TITLES,
    )


def organisation_key(text: str) -> str | None:
    """ "The Kremlin" -> "kremlin"; "the U.S. State Department" -> "us state department"."""
    words: list[str] = []
    after_initial = False
    for token in _tokens(text):
        initial = len(token.folded) == 1
        if initial and after_initial:
            words[-1] += token.folded  # "U.S." was split into initials: "us"
        elif words or token.folded not in ORGANISATION_STOPWORDS:
            words.append("and" if token.folded == "&" else token.folded)
        after_initial = initial and bool(words)
    return " ".join(words) or None


def is_generic_organisation(text: str) -> bool:
    """ "the ministry", "Police", "his office": a common noun, which names a different body each time."""
    content = [t for t in _tokens(text) if t.folded not in ORGANISATION_STOPWORDS]
    if not content:
        return True
    if all(t.folded in GENERIC_ORGANISATION_WORDS for t in content):
        return True
    return _has_case(text) and all(t.lower for t in content)


def acronym(text: str) -> str | None:
    """ "North Atlantic Treaty Organization" -> "nato", for organisation candidates."""
    content = [t for t in _tokens(text) if t.folded not in ORGANISATION_STOPWORDS]
    if len(content) < 2 or any(t.lower for t in content):
        return None
    return "".join(t.folded[0] for t in content)
