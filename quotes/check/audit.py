"""Database-wide checks: quotes nobody is credited with, unsure attributions, the same words credited to
different speakers, speakers that may be one person, and articles with quotation marks left open."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from quotes.db.check_views import (
    WarningRow,
    low_confidence_quotes,
    speech_texts_by_several_speakers,
    unclosed_mark_warnings,
    unresolved_quotes,
)
from quotes.db.repo import QuoteRow
from quotes.db.speaker_views import CandidateRow, speaker_candidates

LOW_CONFIDENCE = 0.7  # below: the parser's weaker guesses (a speaker from the clause around a fragment, ...)
SHARED_WORDS_MIN_CHARS = 20  # shorter texts ("Yes.", "No comment") are said by many people


@dataclass(frozen=True, slots=True)
class AuditReport:
    unresolved_total: int
    unresolved: tuple[QuoteRow, ...]
    low_confidence_total: int
    low_confidence: tuple[QuoteRow, ...]
    below: float
    shared_words: tuple[tuple[QuoteRow, ...], ...]  # each: one text, rows earliest first
    duplicate_speakers: tuple[CandidateRow, ...]
    unclosed_articles: int
    unclosed: tuple[WarningRow, ...]

    def to_json(self) -> dict[str, Any]:
        def quote(row: QuoteRow) -> dict[str, Any]:
            return {**row.to_json(), "outlet": row.outlet, "date": row.article_date.isoformat()}

        return {
            "unresolved": {"total": self.unresolved_total, "quotes": [quote(r) for r in self.unresolved]},
            "low_confidence": {
                "below": self.below,
                "total": self.low_confidence_total,
                "quotes": [quote(r) for r in self.low_confidence],
            },
            "same_words_different_speakers": [[quote(r) for r in rows] for rows in self.shared_words],
            "possible_duplicate_speakers": [c.to_json() for c in self.duplicate_speakers],
            "unclosed_quote_marks": {
                "articles": self.unclosed_articles,
                "warnings": [
                    {"article_id": w.article_id, "article_title": w.article_title, "start": w.start,
                     "end": w.end, "message": w.message}
                    for w in self.unclosed
                ],
            },
        }  # fmt: skip


def audit(session: Session, *, limit: int = 20, below: float = LOW_CONFIDENCE) -> AuditReport:
    """The audit lists, each cut to `limit` entries (totals are for the whole database)."""
    unresolved_total, unresolved = unresolved_quotes(session, limit=limit)
    low_total, low = low_confidence_quotes(session, below=below, limit=limit)
    shared = speech_texts_by_several_speakers(session, min_chars=SHARED_WORDS_MIN_CHARS, limit=limit)
    unclosed_articles, unclosed = unclosed_mark_warnings(session, limit=limit)
    return AuditReport(
        unresolved_total, tuple(unresolved), low_total, tuple(low), below,
        tuple(tuple(rows) for rows in shared), tuple(speaker_candidates(session)[:limit]),
        unclosed_articles, tuple(unclosed),
    )  # fmt: skip
