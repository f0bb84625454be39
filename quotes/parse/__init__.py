"""Article text -> direct quotations with attributions. Pure functions: no database, no UI."""

from quotes.parse.extract import parse_article
from quotes.parse.model import (
    ArticleParse,
    Method,
    ParseWarning,
    QuoteCandidate,
    QuoteKind,
    Rule,
    Span,
    Speaker,
    SpeakerKind,
)

__all__ = [
    "ArticleParse",
    "Method",
    "ParseWarning",
    "QuoteCandidate",
    "QuoteKind",
    "Rule",
    "Span",
    "Speaker",
    "SpeakerKind",
    "parse_article",
]
