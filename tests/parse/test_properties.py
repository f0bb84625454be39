"""Properties of the parser over random text: words, quotation marks of every convention, apostrophes and
elisions, line and paragraph breaks, and random Unicode (controls, combining marks, format characters)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.parse import ArticleParse, parse_article, tokens
from quotes.parse.marks import MARK_CHARS, split_paragraphs

_WORDS = (
    "Jane Roe Hale Okafor Elmtown JANE HALE NATO the a mayor council said says told added according to she he "
    "they we I it is was not will win vote bridge rock roll players union O'Brien don't Mr. Dr. U.S. Sen. "
    "spokeswoman lawyer who that a déclaré sagte sa 李明说 我们会赢 と言った"
).split()
_MARKS = sorted(MARK_CHARS) + ["'n'", "\u2019n\u2019", "'90s", "\u201990s", "'em", "ol'", "'tis", "''", "``"]
_PUNCTUATION = list(",.:;!?\u2014-()[]\u2026\uff0c\u3002\uff1a")
_SPACES = [" ", " ", " ", "\u00a0", "\u202f", "\n", "\n\n", "\t", "\r\n", "\u2028", "\u2029"]
_FORMAT = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\u200e", "\u202e", "\u2066", "\ufeff", "\u0308"]

_PIECES = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(_MARKS),
    st.sampled_from(_PUNCTUATION),
    st.sampled_from(_SPACES),
    st.sampled_from(_FORMAT),
    st.characters(codec="utf-8"),  # anything: controls, combining marks, surrogates excluded by the codec
)
ARTICLES = st.lists(_PIECES, max_size=160).map("".join)
# Quotations with cues, in any convention, mixed with narrative and noise, so attribution runs too.
_OPEN = st.sampled_from(["\"", "\u201c", "\u201e", "\u00ab ", "\u00bb", "\u201d", "'", "\u2018", "\u201a", "\u2039",
                         "\u300c", "\u300e", ""])
_CLOSE = st.sampled_from(["\"", "\u201d", "\u201c", " \u00bb", "\u00ab", "'", "\u2019", "\u2018", "\u203a",
                          "\u300d", "\u300f", ""])
_CUES = st.sampled_from(["said Jane Roe.", "she said.", "Hale told reporters.", "according to JANE HALE.",
                         "said Jo\u200bhn Okafor, the mayor.", "a d\u00e9clar\u00e9 Jean Roe.", "\uff0c\u674e\u660e\u8bf4\u3002", ""])
_QUOTATION = st.tuples(
    st.sampled_from(["", "Jane Roe said: ", "Hale added, ", "The mayor warned "]),
    _OPEN,
    st.lists(st.sampled_from(_WORDS + _MARKS[-9:]), min_size=1, max_size=12).map(" ".join),
    st.sampled_from([",", ".", "", "?", " "]),
    _CLOSE,
    st.sampled_from([" ", ", ", "\n", "\n\n"]),
    _CUES,
).map("".join)
NEWSY = st.lists(st.one_of(_QUOTATION, _QUOTATION, st.sampled_from(_WORDS), _PIECES), max_size=30).map(" ".join)

_SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_parse(text: str, parse: ArticleParse) -> None:
    """Every offset in bounds and every span's text the article's own; no quote crosses a line break."""
    n = len(text)
    paragraphs = split_paragraphs(text)
    for quote in parse.quotes:
        assert 0 <= quote.start < quote.end <= n
        assert text[quote.start:quote.end] == quote.text
        assert "\n" not in quote.text
        para = paragraphs[quote.paragraph]
        assert para.start <= quote.start and quote.end <= para.end
        for span in (quote.mention, quote.cue):
            if span is not None:
                assert 0 <= span.start <= span.end <= n and text[span.start:span.end] == span.text
        if quote.speaker is not None:
            assert 0 <= quote.speaker < len(parse.speakers)
        if quote.continues is not None:
            assert 0 <= quote.continues < quote.index
        if quote.nested_in is not None:
            assert 0 <= quote.nested_in < len(parse.quotes)
    for warning in parse.warnings:
        assert 0 <= warning.start <= warning.end <= n


@_SETTINGS
@given(ARTICLES)
def test_random_text_parses_with_offsets_that_hold(text: str) -> None:
    check_parse(text, parse_article(text))


@_SETTINGS
@given(NEWSY)
def test_random_news_like_text_parses_with_offsets_that_hold(text: str) -> None:
    check_parse(text, parse_article(text, min_confidence=0.0))


@contextmanager
def counted_tokenizing() -> Iterator[list[int]]:
    """Count the characters the parser tokenizes (its main per-character work), however often it asks."""
    counted = [0]
    original = tokens.Tokens.__init__

    def counting(self: tokens.Tokens, text: str, start: int, end: int) -> None:
        counted[0] += end - start
        original(self, text, start, end)

    tokens.Tokens.__init__ = counting  # type: ignore[method-assign]
    try:
        yield counted
    finally:
        tokens.Tokens.__init__ = original  # type: ignore[method-assign]


_ARTICLE_PARAGRAPHS = (
    '"We will rebuild the bridge," said Jane Roe, the mayor of Elmtown. "It will take a year."',
    "Council member Sam Okafor disagreed and asked for a review of the budget, he told reporters.",
    '\u201cIt is too early,\u201d Okafor said. \u201cThe engineers have not finished \u2018the survey\u2019.',
    "\u00ab Nous allons gagner \u00bb, a d\u00e9clar\u00e9 Jean Roe. \u00bbWir schaffen das\u00ab, sagte Anna Hale.",
    "Residents gathered outside the town hall, where the meeting ran late into the evening.",
)


@pytest.mark.parametrize("paragraphs", [_ARTICLE_PARAGRAPHS, ("\u201c word " * 40,), ('" ' * 60 + "said Hale.",)])
def test_tokenizing_work_grows_linearly_with_the_article(paragraphs: tuple[str, ...]) -> None:
    """Eight times the article costs at most eight times the tokenizing, give or take a small constant,
    and the parser never tokenizes much more text than the article has (a count, not a timing)."""
    article = "\n\n".join(paragraphs)
    with counted_tokenizing() as once:
        parse_article(article)
    longer = "\n\n".join([article] * 8)
    with counted_tokenizing() as eight:
        parse_article(longer)
    assert eight[0] <= 8 * once[0] + 1000
    assert eight[0] <= 4 * len(longer)


_WINDOW_TEXT = st.lists(st.one_of(st.sampled_from(_WORDS), st.sampled_from(_PUNCTUATION), st.sampled_from(_SPACES),
                                  _PIECES), max_size=120).map("".join)


@_SETTINGS
@given(_WINDOW_TEXT, st.integers(0, 400), st.integers(0, 400))
def test_a_window_from_a_token_boundary_reads_the_same_tokens(text: str, cut_before: int, cut_after: int) -> None:
    """What lets the parser read a window of a long stretch instead of all of it: the tokens of a window
    are exactly the whole stretch's tokens there."""
    whole = list(tokens.Tokens(text, 0, len(text)))
    pos = min(cut_before, len(text))
    start = tokens.boundary_before(text, 0, pos)
    assert [t for t in whole if t.start >= pos] == [t for t in tokens.Tokens(text, start, len(text)) if t.start >= pos]
    pos = min(cut_after, len(text))
    end = tokens.boundary_after(text, pos, len(text))
    assert [t for t in whole if t.end <= pos] == [t for t in tokens.Tokens(text, 0, end) if t.end <= pos]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NEWSY)
def test_reading_long_stretches_in_sentence_chunks_changes_nothing(text: str) -> None:
    whole = parse_article(text, min_confidence=0.0)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tokens, "CHUNK_CHARS", 12)
        assert parse_article(text, min_confidence=0.0) == whole
