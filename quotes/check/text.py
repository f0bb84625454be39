"""Claim and quote text in comparable forms, with a map back to the offsets of the text as written.

Both sides are normalised alike: NFKC, casefold, straight quotes and apostrophes, collapsed whitespace,
zero-width characters dropped. Words keep the offsets of the characters they came from, so a match found
in normalised words is reported at the stored quote's own offsets.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from enum import StrEnum

import regex

MAX_CLAIM_CHARS = 5000  # a claim is a quotation, not an article: longer input is a usage error (exit 2)

_MARKS = str.maketrans(
    {
        "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"', "＂": '"',
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "ʼ": "'", "`": "'", "´": "'", "‹": "'", "›": "'",
    }
)  # fmt: skip
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_DROP_ZERO_WIDTH = str.maketrans(dict.fromkeys(_ZERO_WIDTH))
_EDGE_MARKS = "\"'“”„‟«»‘’‚‛‹›"
# A word: a number with its separators and percent sign, or letters joined by apostrophes ("don't")
WORD = regex.compile(r"\d+(?:[.,:]\d+)*%?|\w+(?:'\w+)*")
# An ellipsis: "...", ". . .", "…", or one in brackets ("[...]", "[…]")
ELLIPSIS = regex.compile(r"\[\s*(?:…|(?:\.\s*){3,})\s*\]|(?:\.\s?){2,}\.|…")
BRACKETED = regex.compile(r"\[[^\[\]]*\]")
SENTENCE_END = regex.compile(r"[.!?\n]")  # a newline: where one quote piece ends and the next begins


class Step(StrEnum):
    """A normalisation a match needed; results name the ones that mattered."""

    MARKS = "quote marks and apostrophes"  # curly vs straight: never a difference
    ZERO_WIDTH = "zero-width characters"  # invisible: never a difference
    UNICODE = "unicode forms (NFKC)"
    WHITESPACE = "whitespace"
    CASE = "case"
    PUNCTUATION = "punctuation"


FREE_STEPS = frozenset({Step.MARKS, Step.ZERO_WIDTH})
COUNTED_STEPS = (Step.UNICODE, Step.WHITESPACE, Step.CASE, Step.PUNCTUATION)


def normal_form(text: str, steps: frozenset[Step]) -> str:
    """`text` with the given normalisations applied (the forms compared for exact matches)."""
    if Step.ZERO_WIDTH in steps:
        text = text.translate(_DROP_ZERO_WIDTH)
    if Step.UNICODE in steps:
        text = unicodedata.normalize("NFKC", text)
    if Step.MARKS in steps:
        text = text.translate(_MARKS)
    if Step.CASE in steps:
        text = text.casefold()
    if Step.PUNCTUATION in steps:
        return " ".join(match.group() for match in WORD.finditer(text.translate(_MARKS)))
    if Step.WHITESPACE in steps:
        text = " ".join(text.split())
    return text


def needed_steps(claim: str, source: str) -> tuple[Step, ...] | None:
    """The counted normalisations that make `claim` equal `source`; () if none is needed, None if even
    all of them do not."""
    if normal_form(claim, FREE_STEPS) == normal_form(source, FREE_STEPS):
        return ()
    every = FREE_STEPS | frozenset(COUNTED_STEPS)
    if normal_form(claim, every) != normal_form(source, every):
        return None
    needed = [s for s in COUNTED_STEPS if normal_form(claim, every - {s}) != normal_form(source, every - {s})]
    if needed:
        return tuple(needed)
    for step in COUNTED_STEPS:  # more than one step suffices alone: name the first
        if normal_form(claim, FREE_STEPS | {step}) == normal_form(source, FREE_STEPS | {step}):
            return (step,)
    return COUNTED_STEPS


@dataclass(frozen=True, slots=True)
class Word:
    """One word in compared form, with the offsets of the text it was read from."""

    norm: str
    start: int
    end: int
    bracketed: bool = False


def _folded(text: str) -> tuple[str, list[int], list[int]]:
    """`text` folded (NFKC, casefold, straight marks, zero-width dropped) and, for each folded character,
    the start and end offset of the characters it came from."""
    if text.isascii():
        identity = list(range(len(text)))
        return text.lower().translate(_MARKS), identity, [i + 1 for i in identity]
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    index, length = 0, len(text)
    while index < length:
        stop = index + 1
        while stop < length and unicodedata.combining(text[stop]):
            stop += 1
        cluster = text[index:stop]
        if cluster not in _ZERO_WIDTH:
            folded = unicodedata.normalize("NFKC", cluster).translate(_MARKS).casefold()
            out.append(folded)
            starts.extend([index] * len(folded))
            ends.extend([stop] * len(folded))
        index = stop
    return "".join(out), starts, ends


def words(text: str, *, brackets: bool = False) -> tuple[Word, ...]:
    """The words of `text` in compared form; with `brackets`, words inside [ ] are marked (insertions
    an editor made)."""
    folded, starts, ends = _folded(text)
    bracket_spans = [m.span() for m in BRACKETED.finditer(text)] if brackets and "[" in text else []
    found = []
    for match in WORD.finditer(folded):
        start, end = starts[match.start()], ends[match.end() - 1]
        inside = any(left <= start and end <= right for left, right in bracket_spans)
        found.append(Word(match.group(), start, end, inside))
    return tuple(found)


def strip_claim(claim: str) -> str:
    """The claim without what never counts as a difference: surrounding quote marks and whitespace, and a
    trailing comma or full stop inside the marks (an ellipsis stays)."""
    text = claim.translate(_DROP_ZERO_WIDTH).strip().strip(_EDGE_MARKS).strip()
    if text.endswith((",", ".")) and not ELLIPSIS.search(text[-5:]):
        text = text[:-1].rstrip().strip(_EDGE_MARKS).strip()
    return text


def trim_source(text: str) -> str:
    """A stored quote's text compared with a claim: a trailing comma or full stop does not count."""
    text = text.strip().strip(_EDGE_MARKS).strip()
    if text.endswith((",", ".")) and not ELLIPSIS.search(text[-5:]):
        text = text[:-1].rstrip()
    return text


@dataclass(frozen=True, slots=True)
class WordText:
    """A text as a sequence of words, joined by single spaces for fast substring search."""

    text: str
    words: tuple[Word, ...]
    joined: str
    offsets: tuple[int, ...]  # where each word starts in `joined`

    @classmethod
    def of(cls, text: str, *, brackets: bool = False) -> WordText:
        found = words(text, brackets=brackets)
        return cls.from_words(text, found)

    @classmethod
    def from_words(cls, text: str, found: tuple[Word, ...]) -> WordText:
        offsets = []
        position = 0
        for word in found:
            offsets.append(position)
            position += len(word.norm) + 1
        return cls(text, found, " ".join(word.norm for word in found), tuple(offsets))

    def word_at(self, position: int) -> int:
        """The index of the word holding character `position` of `joined`."""
        return max(0, bisect_right(self.offsets, position) - 1)

    def find(self, other: WordText, after: int = 0) -> int | None:
        """The index of the first word from `after` on where `other`'s words occur in a row, or None."""
        if not other.words:
            return None
        start = self.offsets[after] if after < len(self.offsets) else len(self.joined) + 1
        found = f" {self.joined} ".find(f" {other.joined} ", start)
        return None if found < 0 else self.word_at(found)

    def span(self, first: int, stop: int) -> tuple[int, int]:
        """Offsets in `text` of words first..stop-1."""
        return self.words[first].start, self.words[stop - 1].end

    def written(self, first: int, stop: int) -> str:
        """Words first..stop-1 as written, with the brackets of an editor's insertion at either edge."""
        if first >= stop:
            return ""
        start, end = self.span(first, stop)
        if self.words[first].bracketed and self.text[start - 1 : start] == "[":
            start -= 1
        if self.words[stop - 1].bracketed and self.text[end : end + 1] == "]":
            end += 1
        return self.text[start:end].replace("\n", " ")

    def sentence_start(self, index: int) -> int:
        """The index of the first word of the sentence holding word `index`."""
        while index > 0:
            between = self.text[self.words[index - 1].end : self.words[index].start]
            if SENTENCE_END.search(between):
                return index
            index -= 1
        return 0

    def crosses_sentence(self, first: int, stop: int) -> bool:
        """Whether a sentence ends inside words first..stop-1 or just before them."""
        low = max(first - 1, 0)
        return any(
            SENTENCE_END.search(self.text[self.words[i].end : self.words[i + 1].start])
            for i in range(low, min(stop, len(self.words) - 1))
        )
