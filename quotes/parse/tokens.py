"""Tokens: the words and punctuation marks of a stretch of article text, with the derived forms the rules
read (lower-cased, bare, capitalised, possessive)."""

from __future__ import annotations

import bisect
import unicodedata
from itertools import compress, repeat
from operator import itemgetter
from typing import NamedTuple

from quotes.parse import patterns

_POSSESSIVE_ENDINGS = ("'s", "\u2019s", "s'", "s\u2019")


class Token(NamedTuple):
    """A word or punctuation mark with its offsets and the derived forms the rules read."""

    text: str
    start: int
    end: int
    is_word: bool
    lower: str
    bare: str  # lower-cased, no trailing period or possessive: "Sen." -> "sen", "Putin's" -> "putin"
    capitalised: bool
    possessive: bool

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


class Tokens(list[Token]):
    """The tokens of text[start:end], built column by column so the work per token stays in C.

    `texts[i]` is token i's text, `ends[i]` its end offset and `capitalised[i]` whether it starts with a
    capital letter, for scans that need no Token.
    """

    __slots__ = ("capitalised", "end", "ends", "texts")

    def __init__(self, text: str, start: int, end: int) -> None:
        texts: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for run in patterns.iter_matches(patterns.TOKEN_RUN, text, start, end):
            texts += run.captures("t")
            starts += run.starts("t")
            ends += run.ends("t")
        n = len(texts)
        lowers = list(map(str.lower, texts))
        if not text[start:end].isascii():
            _plain_lowers(lowers)
        firsts = list(map(itemgetter(0), texts))
        bares = list(map(str.rstrip, lowers, repeat(".", n)))
        for i in compress(range(n), map(str.endswith, bares, repeat(("'s", "\u2019s"), n))):
            bares[i] = bares[i][:-2]  # "putin's" -> "putin"
        possessive = map(str.endswith, texts, repeat(_POSSESSIVE_ENDINGS, n))
        capitalised = list(map(str.isupper, firsts))
        columns = zip(texts, starts, ends, map(str.isalnum, firsts), lowers, bares, capitalised, possessive)
        super().__init__(map(tuple.__new__, repeat(Token, n), columns))
        self.end = end
        self.texts = texts
        self.ends = ends
        self.capitalised = capitalised

    def first_from(self, pos: int) -> int:
        """Index of the first token starting at or after `pos`."""
        i = bisect.bisect_right(self.ends, pos)
        if i < len(self) and self[i].start < pos:
            i += 1
        return i

    def count_to(self, pos: int) -> int:
        """How many tokens end at or before `pos`."""
        return bisect.bisect_right(self.ends, pos)


def _plain_lowers(lowers: list[str]) -> None:
    """The lexicon form of words written with format characters or decomposed accents: "jo\u200bhn" ->
    "john", "zoe\u0308" -> "zoë" (composed, as the word lists are)."""
    for i, lower in enumerate(lowers):
        if not lower.isascii():
            lowers[i] = unicodedata.normalize("NFC", patterns.FORMAT_CHARS.sub("", lower))


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """Tokens of text[start:end]; a trailing period stays on initials and abbreviations only."""
    return list(Tokens(text, start, end))
