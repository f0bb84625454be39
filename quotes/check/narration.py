"""Words in an article's own text, outside quotation marks: a claim quoted from narration.

The article full-text index (migration 0009) finds the articles holding the words as a phrase; they are
then looked for in each article's text, and a place that overlaps no stored quote is narration.
"""

from __future__ import annotations

import regex
from sqlalchemy.orm import Session

from quotes.check.compare import CheckStatus, Claim, TextMatch
from quotes.check.evidence import Evidence, sentence_of
from quotes.check.text import WordText, needed_steps
from quotes.db.check_views import ArticleText, articles_holding

ARTICLES_READ = 20  # articles holding every word that are read
_PARAGRAPH_BREAK = regex.compile(r"\n+")


def _outside(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    return not any(left < end and start < right for left, right in spans)


def _in_article(claim: Claim, article: ArticleText) -> tuple[int, int] | None:
    """Offsets of the claim's words in the article where they overlap no quote, or None."""
    text = WordText.of(article.text)
    position = 0
    while (found := text.find(claim.words, position)) is not None:
        start, end = text.span(found, found + len(claim.words.words))
        if _outside(article.quote_spans, start, end):
            return start, end
        position = found + 1
    return None


def find_in_narration(session: Session, claim: Claim) -> tuple[Evidence, TextMatch] | None:
    """The earliest article whose narration holds the claim's words, as evidence and a text match."""
    phrase = " ".join(word.norm for word in claim.words.words)
    for article in articles_holding(session, (phrase,), limit=ARTICLES_READ):
        span = _in_article(claim, article)
        if span is None:
            continue
        start, end = span
        steps = needed_steps(claim.words.text, article.text[start:end]) or ()
        status = CheckStatus.EXACT_NORMALIZED if steps else CheckStatus.EXACT
        match = TextMatch(status, start, end, 1.0, tuple(str(step) for step in steps))
        paragraph = len(_PARAGRAPH_BREAK.findall(article.text, 0, start))
        evidence = Evidence(
            None, (), article.id, article.title, article.outlet, article.url, article.date, paragraph, start,
            end, "", sentence_of(session, article.id, start, end), None, None, None, None, None, None,
        )  # fmt: skip
        return evidence, match
    return None
