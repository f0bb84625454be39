"""The editor's pre-publication pass: parse a draft (never stored) and check every quote it attributes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from quotes.check.text import MAX_CLAIM_CHARS
from quotes.check.verify import CheckResult, ClaimError, check_claim
from quotes.parse import ArticleParse, QuoteKind, parse_article


@dataclass(frozen=True, slots=True)
class DraftQuote:
    """One quotation of the draft (its pieces joined) and the speaker the parser gave it."""

    text: str
    speaker: str
    start: int  # offsets in the draft of its first and last piece
    end: int


@dataclass(frozen=True, slots=True)
class DraftReport:
    results: tuple[tuple[DraftQuote, CheckResult], ...]
    unattributed: int  # quotations with no speaker: not checked
    skipped: int  # quotations with no words or longer than a claim may be: not checked

    @property
    def exit_code(self) -> int:
        """0 when every checked quote stands as quoted (exact, exact_normalized, partial), else 1."""
        return 0 if all(result.status.confirmed for _, result in self.results) else 1

    def to_json(self) -> dict[str, Any]:
        return {
            "quotes": [
                {"start": quote.start, "end": quote.end, **result.to_json()} for quote, result in self.results
            ],
            "unattributed": self.unattributed,
            "skipped": self.skipped,
            "exit_code": self.exit_code,
        }


def draft_quotes(parse: ArticleParse) -> tuple[list[DraftQuote], int]:
    """The draft's attributed quotations (terms left out), and how many have no speaker."""
    groups: dict[int, list[Any]] = {}
    for quote in parse.quotes:
        if quote.kind is not QuoteKind.TERM:
            groups.setdefault(quote.group, []).append(quote)
    quotes, unattributed = [], 0
    for pieces in groups.values():
        speaker = parse.speaker_of(pieces[0])
        if speaker is None:
            unattributed += 1
            continue
        text = " ".join(piece.text for piece in pieces)
        quotes.append(DraftQuote(text, speaker.name, pieces[0].start, pieces[-1].end))
    return quotes, unattributed


def check_draft(session: Session, text: str) -> DraftReport:
    """Every attributed quotation of the draft checked against the stored sources, in draft order."""
    quotes, unattributed = draft_quotes(parse_article(text))
    results = []
    for quote in quotes:
        if len(quote.text) > MAX_CLAIM_CHARS:
            continue
        try:
            results.append((quote, check_claim(session, quote.text, quote.speaker)))
        except ClaimError:  # a quotation with no words in it ("—")
            continue
    return DraftReport(tuple(results), unattributed, len(quotes) - len(results))
