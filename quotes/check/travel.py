"""Where the words travelled: every stored appearance of the same or nearly the same words, earliest
first, with outlet, date and speaker, and where the wording or the speaker changed from the first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from quotes.check.compare import CheckStatus, TextMatch
from quotes.check.evidence import Quotation
from quotes.check.text import COUNTED_STEPS, FREE_STEPS, normal_form

_EVERY_STEP = FREE_STEPS | frozenset(COUNTED_STEPS)


@dataclass(frozen=True, slots=True)
class Appearance:
    """One stored quotation holding the words, and how it compares with the claim and the first one."""

    quote_id: int
    article_id: int
    article_title: str | None
    outlet: str | None
    date: date
    speaker_id: int | None
    speaker: str | None
    text: str  # the stored quotation
    status: CheckStatus  # how the claim matches it (exact, partial, altered...)
    similarity: float
    cited: bool  # the quotation the check cites as its evidence
    wording_changed: bool  # its words differ from the earliest appearance's
    speaker_changed: bool  # its speaker differs from the earliest appearance's

    def to_json(self) -> dict[str, Any]:
        return {
            "quote_id": self.quote_id,
            "article_id": self.article_id,
            "article_title": self.article_title,
            "outlet": self.outlet,
            "date": self.date.isoformat(),
            "speaker": None if self.speaker_id is None else {"id": self.speaker_id, "name": self.speaker},
            "text": self.text,
            "status": str(self.status),
            "similarity": self.similarity,
            "cited": self.cited,
            "wording_changed": self.wording_changed,
            "speaker_changed": self.speaker_changed,
        }


def appearances(found: list[tuple[TextMatch, Quotation]], *, reference: Quotation | None) -> tuple[Appearance, ...]:
    """The matched quotations in the order they were published (article date, then article, then place)."""
    ordered = sorted(found, key=lambda item: (item[1].first.article_date, item[1].first.article_id, item[1].first.start))
    if not ordered:
        return ()
    first = ordered[0][1]
    first_words = normal_form(first.text, _EVERY_STEP)
    result = []
    for match, quotation in ordered:
        row = quotation.first
        result.append(
            Appearance(
                row.id, row.article_id, row.article_title, row.outlet, row.article_date, row.speaker_id,
                row.speaker, quotation.text, match.status, match.similarity, quotation is reference,
                normal_form(quotation.text, _EVERY_STEP) != first_words, row.speaker_id != first.first.speaker_id,
            )
        )  # fmt: skip
    return tuple(result)
