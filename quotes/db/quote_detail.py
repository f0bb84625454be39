"""One quote in full, for the detail screen, `quotes quote show` and a check's evidence: the quote's row,
its paragraph, its speaker's roles and aliases, and a first page of the speaker's other quotes."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from quotes.db.models import Article, Quote, Speaker
from quotes.db.repo import QuoteQuery, QuoteRow, QuoteSort, quote_page, quote_rows


@dataclass(frozen=True, slots=True)
class SpeakerBrief:
    """Who a quote's speaker is: enough to cite them (roles, aliases, the anonymity flag)."""

    id: int
    name: str
    kind: str
    anonymous: bool
    roles: tuple[str, ...]
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QuoteDetail:
    """One quote in full: its row, its paragraph, its speaker and the speaker's other quotes."""

    row: QuoteRow
    paragraph_text: str
    paragraph_start: int  # offset of the paragraph in the article: row.start - paragraph_start indexes it
    speaker: SpeakerBrief | None
    other_quotes: tuple[QuoteRow, ...]  # the speaker's other quotes, newest articles first (a page)
    other_total: int
    pieces: tuple[int, ...] = field(default=())  # ids of the pieces of the same quotation, in order


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (text between blank-line breaks) holding [start, end): its start and end offsets."""
    left = text.rfind("\n\n", 0, start)
    right = text.find("\n\n", end)
    return (0 if left < 0 else left + 2), (len(text) if right < 0 else right)


def speaker_brief(session: Session, speaker_id: int) -> SpeakerBrief | None:
    """A speaker's name, kind, flag, roles and aliases."""
    speaker = session.get(Speaker, speaker_id)
    if speaker is None:
        return None
    from quotes.db.speaker_views import speaker_texts

    roles, aliases = speaker_texts(session, [speaker_id])
    return SpeakerBrief(
        speaker.id,
        speaker.name,
        speaker.kind,
        speaker.anonymous,
        tuple(roles[speaker_id]),
        tuple(alias for alias in aliases[speaker_id] if alias != speaker.name),
    )


def quote_detail(session: Session, quote_id: int, *, others: int = 50) -> QuoteDetail | None:
    """A quote with its paragraph, speaker and a first page of the speaker's other quotes."""
    found = quote_rows(session, [quote_id])
    if not found:
        return None
    row = found[0]
    article_text = session.execute(select(Article.text).where(Article.id == row.article_id)).scalar_one()
    para_start, para_end = paragraph_bounds(article_text, row.start, row.end)
    pieces = tuple(
        session.scalars(
            select(Quote.id)
            .where(Quote.article_id == row.article_id, Quote.group_number == row.group_number)
            .order_by(Quote.start)
        )
    )
    brief = None if row.speaker_id is None else speaker_brief(session, row.speaker_id)
    other_rows: tuple[QuoteRow, ...] = ()
    other_total = 0
    if row.speaker_id is not None:
        page = quote_page(
            session,
            QuoteQuery(speaker_id=row.speaker_id, sort=QuoteSort.DATE, descending=True),
            limit=others + 1,
        )
        other_rows = tuple(r for r in page.rows if r.id != quote_id)[:others]
        other_total = (page.total or 1) - 1
    return QuoteDetail(
        row, article_text[para_start:para_end], para_start, brief, other_rows, other_total, pieces
    )
