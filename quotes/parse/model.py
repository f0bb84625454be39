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
    UNCLOSED = "unclosed"  # its opening mark is never closed: never attributed, ends with its sentence


class SpeakerKind(StrEnum):
    PERSON = "person"
    GROUP = "group"  # "protesters", "Russians", "his colleagues"
    ORGANISATION = "organisation"  # "the Kremlin", "the ministry"
    UNNAMED = "unnamed"  # "a woman from the city of Elmtown", "one man"


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


class Rule(StrEnum):
    """Why a quote has the speaker it has; one rule per way of finding one (RULES.md)."""

    # The quote's own cue, after it.
    CUE_AFTER = "cue-after"  # '"Q," Hale said' / '"Q," said Hale' / '"Q," Hale, a lawyer, said'
    CUE_AFTER_PASSIVE = "cue-after-passive"  # '"Q," Roe was told by Hale': the agent
    CUE_AFTER_LATE = "cue-after-late"  # '"Q" including Elmtown, Hale said.': a short phrase, then the cue
    ACCORDING_TO = "according-to"  # '"Q," according to Hale' / 'According to Hale, "Q"'
    DASH = "dash"  # '"Q" — Hale'
    CAPTION = "caption"  # a pull quote, then a caption line 'Jane Hale, a lawyer, on the ruling.'
    # The quote's own cue, before it.
    CUE_BEFORE = "cue-before"  # 'Hale said, "Q"': the subject right before the verb
    CUE_BEFORE_INVERTED = "cue-before-inverted"  # 'asks editor Jane Hale, "Q"'
    CUE_BEFORE_PASSIVE = "cue-before-passive"  # 'Roe was told by Hale: "Q"'
    CUE_BEFORE_APPOSITION = "cue-before-apposition"  # 'Hale, a lawyer, said: "Q"'
    CUE_BEFORE_RELATIVE = "cue-before-relative"  # 'a nurse who said: "Q"'
    CUE_BEFORE_DISTANT = "cue-before-distant"  # the sentence subject, several words before the verb
    CUE_BEFORE_CLAUSE = "cue-before-clause"  # 'Hale posted a comment, saying, "Q"': the main clause's subject
    CLAIM = "claim"  # 'Roe disputed Hale's claim that "Q"'
    COLON = "colon"  # 'Hale: "Q"'
    COLON_SUBJECT = "colon-subject"  # 'Hale had a message for voters: "Q"'
    PRONOUN = "pronoun"  # '"Q," she said': the pronoun's best-ranked antecedent
    # No cue of its own: the quote inherits a speaker.
    PIECE = "piece"  # a later paragraph of one quotation ('"Q1 ¶ "Q2"')
    SAME_PARAGRAPH = "same-paragraph"  # a second quote in the paragraph of an attributed one
    RUNNING_SPEAKER = "running-speaker"  # a quote paragraph right after the speaker's quote paragraph
    RUNNING_ACROSS = "running-across"  # the same across a short aside naming nobody ('Costs rose. ¶ "Q"')
    PARAGRAPH_COLON = "paragraph-colon"  # a quote paragraph after a paragraph ending 'Hale said:'
    LEAD_IN = "lead-in"  # a quote paragraph after a sentence whose subject speaks ('Hale told reporters.')
    NEXT_CUE = "next-cue"  # an earlier quote of a paragraph whose later quote has a cue
    TOPIC = "topic"  # a quote paragraph (or sentence) after narrative about one person who has spoken
    TOPIC_UNHEARD = "topic-unheard"  # the same about one person not heard before ('Hale shook her head. ¶ "Q"')
    EMBEDDED = "embedded"  # 'Hale called the town "Q"': the subject of the clause
    SENTENCE_BEFORE = "sentence-before"  # 'Hale said in a statement. "Q"'
    NESTED_OUTER = "nested-outer"  # 'I told him "Q"' inside a quote: the outer speaker
    NESTED_CUE = "nested-cue"  # a cue inside the outer quote ('my parents say "Q"')
    UNRESOLVED = "unresolved"  # no speaker


@dataclass(frozen=True, slots=True)
class Speaker:
    """One speaker within one article; `key` is its index in `ArticleParse.speakers`."""

    key: int
    name: str  # canonical: the fullest name given, or the description ("a woman from Elmtown")
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
    rule: Rule = Rule.UNRESOLVED  # the attribution rule that found the speaker (parse/RULES.md)
    withheld: str | None = None  # a speaker found but held back: its confidence was under the threshold
    evidence: tuple[str, ...] = ()  # what moved the confidence away from the rule's prior (parse/rules.py)


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
