"""What md and html sheets say around each quote, as plain text their writers escape: the group headings
and the pieces of a citation. One place, so both formats cite a quote alike."""

from __future__ import annotations

from dataclasses import dataclass

from quotes.export.sheet import GroupBy, SheetQuote
from quotes.export.text import visible

UNATTRIBUTED = "Unattributed quotes"


@dataclass(frozen=True, slots=True)
class Group:
    key: tuple[str, int]
    title: str  # the heading: a speaker's name or an article's title
    details: tuple[str, ...]  # what follows it: roles and flags, or outlet, date and URL


def one_line(text: str) -> str:
    """`text` made visible (controls as escapes, so none counts as white space), then on one line."""
    return " ".join(visible(text).split())


def speaker_label(quote: SheetQuote) -> str:
    """The speaker's name (or `unattributed`) on one line."""
    return one_line(quote.row.speaker) if quote.row.speaker else "unattributed"


def speaker_details(quote: SheetQuote) -> tuple[str, ...]:
    """The speaker's roles, then `anonymous` when the article withheld the name."""
    details = tuple(one_line(role) for role in quote.roles)
    return (*details, "anonymous") if quote.row.speaker_anonymous else details


def article_label(quote: SheetQuote) -> str:
    title = quote.row.article_title
    return one_line(title) if title and title.strip() else f"Untitled article #{quote.row.article_id}"


def article_details(quote: SheetQuote) -> tuple[str, ...]:
    """Outlet and date of the article (its URL is linked separately)."""
    row = quote.row
    return tuple(part for part in (one_line(row.outlet or ""), row.article_date.isoformat()) if part)


def group_of(quote: SheetQuote, group_by: GroupBy) -> Group:
    row = quote.row
    if group_by is GroupBy.ARTICLE:
        return Group(("article", row.article_id), article_label(quote), article_details(quote))
    if row.speaker_id is None:
        return Group(("speaker", 0), UNATTRIBUTED, ())
    return Group(("speaker", row.speaker_id), speaker_label(quote), speaker_details(quote))


def evidence_text(quote: SheetQuote) -> str:
    """Where the quote is and how it was attributed: paragraph, offsets, method, rule, confidence."""
    row = quote.row
    parts = [f"paragraph {row.paragraph + 1}", f"characters {row.start}\u2013{row.end}", row.kind]
    if row.method:
        parts.append(f"method {row.method}")
    if quote.rule:
        parts.append(f"rule {one_line(quote.rule)}")
    if row.confidence is not None:
        parts.append(f"confidence {row.confidence:.2f}")
    if quote.corrected:
        parts.append("corrected by hand")
    parts.append(f"quote id {row.id}")
    return " \u00b7 ".join(parts)
