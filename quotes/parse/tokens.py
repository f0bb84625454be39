"""Tokens: the words and punctuation marks of a stretch of article text, with the derived forms the rules
read (lower-cased, bare, capitalised, possessive)."""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterator
from itertools import compress, repeat
from operator import itemgetter, not_
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
    for i in compress(range(len(lowers)), map(not_, map(str.isascii, lowers))):
        lowers[i] = unicodedata.normalize("NFC", patterns.FORMAT_CHARS.sub("", lowers[i]))


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """Tokens of text[start:end]; a trailing period stays on initials and abbreviations only."""
    return list(Tokens(text, start, end))


# Reading only part of a long stretch: tokens never contain white space, so tokenizing from just after a
# white-space character (or up to one) gives exactly the tokens a tokenization of the whole stretch has
# there. Windows and chunks keep a huge paragraph from being held as Tokens all at once.
_BOUNDARY_SEARCH = 256  # how far a window edge moves to reach white space; past it, the stretch's own edge
_WHITE_SPACE = frozenset(patterns.SPACE_CHARS)
CHUNK_CHARS = 20_000  # a stretch longer than this is read sentence by sentence, in pieces about this long


def boundary_before(text: str, floor: int, pos: int) -> int:
    """A token boundary at or before `pos` and not before `floor`: just after white space, else `floor`."""
    for i in range(pos, max(floor, pos - _BOUNDARY_SEARCH), -1):
        if text[i - 1] in _WHITE_SPACE:
            return i
    return floor


def boundary_after(text: str, pos: int, ceiling: int) -> int:
    """A token boundary at or after `pos` and not past `ceiling`: at white space, else `ceiling`."""
    for i in range(pos, min(ceiling, pos + _BOUNDARY_SEARCH)):
        if text[i] in _WHITE_SPACE:
            return i
    return ceiling


def sentence_chunks(text: str, start: int, end: int, sentence_ends: frozenset[str]) -> Iterator[Tokens]:
    """The tokens of text[start:end] in pieces of about CHUNK_CHARS, each but the last ending with a
    sentence-ending token, so a reader that starts afresh at every sentence reads them as one stretch."""
    pos = start
    while end - pos > CHUNK_CHARS:
        cut = boundary_after(text, pos + CHUNK_CHARS, end)
        window = Tokens(text, pos, cut)
        last = next((k for k in range(len(window) - 1, -1, -1) if window.texts[k] in sentence_ends), None)
        if last is None or cut >= end:
            break  # one sentence longer than a chunk: the rest in one piece
        pos_next = window.ends[last]
        del window
        yield Tokens(text, pos, pos_next)
        pos = pos_next
    yield Tokens(text, pos, end)
