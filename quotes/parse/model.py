"""Frozen value types the parser hands to the rest of the core (no database, no UI)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class QuoteKind(StrEnum):
    """What a quoted span is: speech is scored and browsed, the rest is context."""

    SPEECH = "speech"
    PARTIAL = "partial"  # quoted words inside reported speech: reports were "exaggerated"
    TERM = "term"  # scare quotes, titles, headlines, search terms
    NESTED = "nested"  # a quotation inside a quotation


class SpeakerKind(StrEnum):
    PERSON = "person"
    GROUP = "group"  # "protesters", "Russians", "his colleagues"
    ORGANISATION = "organisation"  # "the Kremlin", "the ministry"
    UNNAMED = "unnamed"  # "a woman from the city of Kursk", "one man"


class Method(StrEnum):
    """How an attribution was made; see README "How attribution works"."""

    CUE_AFTER = "cue-after"  # "Q," X said  /  "Q," said X
    CUE_BEFORE = "cue-before"  # X said, "Q"
    COLON = "colon"  # X said: "Q"  /  X: "Q"
    DASH = "dash"  # "Q" — X
    ACCORDING_TO = "according-to"
    CONTINUATION = "continuation"  # a later piece or paragraph of the running speaker's quotation
    LEAD_IN = "lead-in"  # a quote paragraph after a sentence whose subject speaks ("X told reporters.")
    PRONOUN = "pronoun"  # cue whose subject is he/she/they, resolved to an antecedent
    UNRESOLVED = "unresolved"  # stored with no speaker


@dataclass(frozen=True, slots=True)
class Speaker:
    """One speaker within one article; `key` is its index in `ArticleParse.speakers`."""

    key: int
    name: str  # canonical: the fullest name given, or the description ("a woman from Kursk")
    kind: SpeakerKind
    aliases: tuple[str, ...] = ()  # other surface forms used in the article ("Peskov", "Ms Levenberg")
    roles: tuple[str, ...] = ()  # descriptors given with the name ("Kremlin spokesman")
    anonymous: bool = False  # "not his real name", "speaking on condition of anonymity"
    first_start: int = 0  # offset of the first mention, for provenance


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class QuoteCandidate:
    """One quote piece: a piece never crosses a paragraph break or an attribution.

    Offsets index the article text as decoded (BOM removed, nothing else normalised) and exclude
    the quote marks, so `text == article[start:end]`.
    """

    index: int  # position in ArticleParse.quotes (document order)
    start: int
    end: int
    text: str
    paragraph: int  # 0-based paragraph index (paragraphs are separated by blank lines or newlines)
    kind: QuoteKind
    group: int  # pieces of one quotation share the group number
    continues: int | None  # index of the previous piece of the same quotation
    nested_in: int | None  # index of the enclosing quote, for kind NESTED
    speaker: int | None  # key into ArticleParse.speakers
    mention: Span | None  # surface mention the attribution rests on ("she", "Ms Levenberg")
    cue: Span | None  # the reporting verb ("told", "said", "according to")
    method: Method
    confidence: float  # 0..1, see README "Confidence"


@dataclass(frozen=True, slots=True)
class ParseWarning:
    start: int
    end: int
    message: str


@dataclass(frozen=True, slots=True)
class ArticleParse:
    quotes: tuple[QuoteCandidate, ...]
    speakers: tuple[Speaker, ...]
    warnings: tuple[ParseWarning, ...] = ()

    def speaker_of(self, quote: QuoteCandidate) -> Speaker | None:
        return None if quote.speaker is None else self.speakers[quote.speaker]
