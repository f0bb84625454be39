"""Stored quotations as a check sees them, and the evidence a result cites: article, outlet, date,
paragraph, offsets, the quote in its sentence, the source's speaker and how it was attributed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import regex
from sqlalchemy.orm import Session

from quotes.check.text import WordText
from quotes.db.check_views import text_around
from quotes.db.repo import QuoteRow

_SENTENCE_BREAK = regex.compile(r"(?<=[.!?][\"'”’»]?)\s+(?=\S)|\n")


@dataclass(frozen=True, slots=True)
class Quotation:
    """The pieces of one stored quotation joined by newlines (a break between sentences: the attribution
    stood there), with where each piece starts in the join."""

    rows: tuple[QuoteRow, ...]
    joined_starts: tuple[int, ...]
    words: WordText

    @classmethod
    def of(cls, rows: list[QuoteRow]) -> Quotation:
        starts, position = [], 0
        for row in rows:
            starts.append(position)
            position += len(row.text) + 1
        return cls(tuple(rows), tuple(starts), WordText.of("\n".join(row.text for row in rows)))

    @property
    def first(self) -> QuoteRow:
        return self.rows[0]

    @property
    def text(self) -> str:
        """The pieces joined by spaces, as a reader would quote them."""
        return self.words.text.replace("\n", " ")

    def locate(self, start: int, end: int) -> tuple[QuoteRow, int, int]:
        """The piece holding joined offset `start`, and [start, end) as offsets in its article."""
        index = max(i for i, s in enumerate(self.joined_starts) if s <= start)
        last = max(i for i, s in enumerate(self.joined_starts) if s < max(end, start + 1))
        piece, last_piece = self.rows[index], self.rows[last]
        article_start = piece.start + start - self.joined_starts[index]
        article_end = last_piece.start + min(end - self.joined_starts[last], len(last_piece.text))
        return piece, article_start, article_end


def group_rows(rows: list[QuoteRow]) -> list[Quotation]:
    """Rows (in article order) gathered into quotations by article and group number."""
    groups: dict[tuple[int, int], list[QuoteRow]] = {}
    for row in rows:
        groups.setdefault((row.article_id, row.group_number), []).append(row)
    return [Quotation.of(sorted(pieces, key=lambda r: r.start)) for pieces in groups.values()]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a claim's words stand in the sources, and who the source says said them."""

    quote_id: int | None  # None for words found in narration
    quote_ids: tuple[int, ...]  # every piece of the quotation
    article_id: int
    article_title: str | None
    outlet: str | None
    url: str | None
    date: date  # publication date, else the day it was ingested
    paragraph: int
    start: int  # offsets in the article text of the matched words
    end: int
    quotation: str  # the stored quotation (its pieces joined by spaces); "" for narration
    sentence: str  # the quote piece holding the words, in its sentence(s), as the article has it
    speaker_id: int | None
    speaker: str | None
    speaker_kind: str | None
    method: str | None  # how the attribution was made: cue-after, colon, ..., manual
    confidence: float | None
    origin: str | None  # "manual" (corrected by a person) or "parser"

    def to_json(self) -> dict[str, Any]:
        return {
            "quote_id": self.quote_id,
            "quote_ids": list(self.quote_ids),
            "article_id": self.article_id,
            "article_title": self.article_title,
            "outlet": self.outlet,
            "url": self.url,
            "date": self.date.isoformat(),
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
            "quotation": self.quotation,
            "sentence": self.sentence,
            "speaker": None if self.speaker_id is None else {
                "id": self.speaker_id, "name": self.speaker, "kind": self.speaker_kind
            },
            "attribution": {"method": self.method, "confidence": self.confidence, "origin": self.origin},
        }  # fmt: skip


def sentence_of(session: Session, article_id: int, start: int, end: int) -> str:
    """The sentence(s) of the article holding [start, end), quote marks and attribution included."""
    window, offset = text_around(session, article_id, start, end)
    low, high = start - offset, end - offset
    left = 0
    for match in _SENTENCE_BREAK.finditer(window, 0, max(low, 0)):
        left = match.end()
    following = _SENTENCE_BREAK.search(window, max(high, low))
    right = following.start() if following else len(window)
    return window[left:right].strip()


def quote_evidence(session: Session, quotation: Quotation, start: int, end: int) -> Evidence:
    """Evidence for words at joined offsets [start, end) of a stored quotation."""
    piece, article_start, article_end = quotation.locate(start, end)
    row = quotation.first
    return Evidence(
        piece.id, tuple(r.id for r in quotation.rows), row.article_id, row.article_title, row.outlet, row.url,
        row.article_date, piece.paragraph, article_start, article_end, quotation.text,
        sentence_of(session, row.article_id, piece.start, piece.end), row.speaker_id, row.speaker,
        row.speaker_kind, row.method, row.confidence, row.origin,
    )  # fmt: skip
