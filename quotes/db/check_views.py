"""Reads behind attribution checks (quotes/check): candidate quotations, speakers a name may mean, the
text around a quote, articles whose narration holds words, and the database-wide audit lists.

Frozen rows only, like the rest of the read layer; the dialect branching stays in `fts.py` and `word_lookups.py`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quotes.db import fts, word_lookups
from quotes.db.models import Article, Attribution, ParseWarning, Quote, Speaker, SpeakerAlias, SpeakerKey
from quotes.db.profiles import fit_key
from quotes.db.repo import QuoteRow, article_day, current_attribution, quote_rows

CONTEXT_CHARS = 400  # characters read on each side of a quote to find its sentence


def total_quotes(session: Session) -> int:
    """How many quotes are stored (what a check searched)."""
    return session.execute(select(func.count()).select_from(Quote)).scalar_one()


def candidate_quote_ids(
    session: Session, words: tuple[str, ...], *, every: bool = True, limit: int = 100
) -> list[int]:
    """Quotes holding every word (or, every=False, the most of them, best first), from the FTS index."""
    return word_lookups.quotes_with_words(session, words, every=every, limit=limit)


def quote_ids_with_any(session: Session, word_sets: tuple[tuple[str, ...], ...], *, limit: int = 100) -> list[int]:
    """Quotes holding every word of at least one of the sets (near-match candidates), in one search."""
    return word_lookups.quotes_with_any_words(session, word_sets, limit=limit)


def candidate_ids_by_speakers(
    session: Session, words: tuple[str, ...], speaker_ids: tuple[int, ...], *, limit: int = 100
) -> list[int]:
    """Quotes holding every word and attributed to one of the speakers."""
    return word_lookups.quotes_with_words_by(session, words, speaker_ids, limit=limit)


def quote_ids_with_phrases(session: Session, phrases: tuple[str, ...], *, limit: int = 100) -> list[int]:
    """Quotes holding every phrase (its words in a row), from the FTS index."""
    return word_lookups.quotes_with_phrases(session, phrases, limit=limit)


def quotation_rows(session: Session, quote_ids: Collection[int]) -> list[QuoteRow]:
    """Every piece of the quotations holding the given quotes, in article order, so a claim that runs
    over an attribution ("Q1," she said, "Q2.") meets the whole quotation."""
    if not quote_ids:
        return []
    groups = set(
        session.execute(select(Quote.article_id, Quote.group_number).where(Quote.id.in_(sorted(quote_ids))))
    )
    articles = sorted({article_id for article_id, _ in groups})
    ids = [  # by article (an index), not by (article, group) pairs, which SQLite would scan for
        quote_id
        for quote_id, article_id, group in session.execute(
            select(Quote.id, Quote.article_id, Quote.group_number).where(Quote.article_id.in_(articles))
        )
        if (article_id, group) in groups
    ]
    return quote_rows(session, list(ids))


def text_around(session: Session, article_id: int, start: int, end: int) -> tuple[str, int]:
    """The article text from CONTEXT_CHARS before `start` to CONTEXT_CHARS after `end`, and its offset."""
    offset = max(0, start - CONTEXT_CHARS)
    length = end + CONTEXT_CHARS - offset
    window = session.execute(
        select(func.substr(Article.text, offset + 1, length)).where(Article.id == article_id)
    ).scalar_one()
    return window, offset


@dataclass(frozen=True, slots=True)
class ArticleText:
    """An article's text and where its quotes are, for finding words in its narration."""

    id: int
    title: str | None
    outlet: str | None
    url: str | None
    date: date
    text: str
    quote_spans: tuple[tuple[int, int], ...]


def articles_holding(session: Session, phrases: tuple[str, ...], *, limit: int = 20) -> list[ArticleText]:
    """Articles whose text holds every phrase (words in a row), with their quote spans, earliest first."""
    ids = word_lookups.articles_with_phrases(session, phrases, limit=limit)
    if not ids:
        return []
    spans: dict[int, list[tuple[int, int]]] = {i: [] for i in ids}
    for article_id, start, end in session.execute(
        select(Quote.article_id, Quote.start, Quote.end).where(Quote.article_id.in_(ids))
    ):
        spans[article_id].append((start, end))
    rows = session.execute(
        select(Article.id, Article.title, Article.outlet, Article.url, article_day(), Article.text)
        .where(Article.id.in_(ids))
        .order_by(article_day(), Article.id)
    )
    return [ArticleText(*row, tuple(sorted(spans[row[0]]))) for row in rows]


@dataclass(frozen=True, slots=True)
class SpeakerNames:
    """A speaker and every name it goes by (canonical name and aliases)."""

    id: int
    name: str
    kind: str
    names: tuple[str, ...]


def speakers_by_keys(session: Session, keys: Collection[str]) -> list[SpeakerNames]:
    """Speakers stored under any of the identity keys ("surname:hale", "org:elmtown council"), with
    their canonical names only (`with_aliases` adds the rest when the name does not settle it)."""
    fitted = sorted({fit_key(key) for key in keys})
    if not fitted:
        return []
    ids = session.scalars(select(SpeakerKey.speaker_id).where(SpeakerKey.key.in_(fitted)).distinct()).all()
    return speaker_names(session, ids, aliases=False)


def speakers_by_name(session: Session, name: str) -> list[SpeakerNames]:
    """Speakers whose name or an alias is `name`, folded (case, accents, apostrophe kinds and zero-width
    characters ignored; for groups and unnamed speakers)."""
    folded = fts.fold_for_search(name)
    by_name = select(Speaker.id).where(Speaker.name_folded == folded)
    by_alias = select(SpeakerAlias.speaker_id).where(SpeakerAlias.alias_folded == folded)
    return speaker_names(session, session.scalars(by_name.union(by_alias)).all())


def speaker_names(session: Session, ids: Sequence[int], *, aliases: bool = True) -> list[SpeakerNames]:
    """The speakers with these ids, each with its canonical name and (with `aliases`) every alias."""
    if not ids:
        return []
    rows = session.execute(select(Speaker.id, Speaker.name, Speaker.kind).where(Speaker.id.in_(ids)))
    found = [SpeakerNames(i, name, kind, (name,)) for i, name, kind in sorted(rows)]
    return with_aliases(session, found) if aliases else found


def with_aliases(session: Session, speakers: list[SpeakerNames]) -> list[SpeakerNames]:
    """The speakers with every distinct alias added to their names."""
    ids = [speaker.id for speaker in speakers]
    if not ids:
        return []
    known: dict[int, set[str]] = {i: set() for i in ids}
    for speaker_id, alias in session.execute(
        select(SpeakerAlias.speaker_id, SpeakerAlias.alias).where(SpeakerAlias.speaker_id.in_(ids)).distinct()
    ):
        known[speaker_id].add(alias)
    return [replace(s, names=(s.name, *sorted(known[s.id] - {s.name}))) for s in speakers]


# --- audit -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WarningRow:
    article_id: int
    article_title: str | None
    start: int
    end: int
    message: str


def unresolved_quotes(session: Session, *, limit: int) -> tuple[int, list[QuoteRow]]:
    """Quotes (terms left out) with no speaker: how many, and the first `limit`."""
    return _quote_list(
        session, Attribution.speaker_id.is_(None), limit=limit, outer=True
    )


def low_confidence_quotes(session: Session, *, below: float, limit: int) -> tuple[int, list[QuoteRow]]:
    """Attributed quotes (terms left out) whose attribution confidence is below `below`, least sure first."""
    return _quote_list(
        session,
        (Attribution.speaker_id.is_not(None)) & (Attribution.confidence < below),
        limit=limit,
        order=Attribution.confidence,
    )


def _quote_list(session: Session, condition: object, *, limit: int, outer: bool = False, order: object = None
                ) -> tuple[int, list[QuoteRow]]:  # fmt: skip
    base = select(Quote.id).where(Quote.kind != "term")
    base = (base.outerjoin if outer else base.join)(Attribution, current_attribution(Quote.id)).where(
        condition  # type: ignore[arg-type]
    )
    total = session.execute(select(func.count()).select_from(base.subquery())).scalar_one()
    ordered = base.order_by(order, Quote.id) if order is not None else base.order_by(Quote.id)  # type: ignore[arg-type]
    ids = session.scalars(ordered.limit(limit)).all()
    rows = {row.id: row for row in quote_rows(session, list(ids))}
    return total, [rows[i] for i in ids if i in rows]


def speech_texts_by_several_speakers(session: Session, *, min_chars: int, limit: int) -> list[list[QuoteRow]]:
    """Quote texts (same words, case and a trailing comma or full stop ignored) attributed to more than one speaker in more than one
    article: each a list of the rows, earliest article first."""
    text_key = func.lower(func.rtrim(func.trim(Quote.text), ",."))
    groups = (
        select(text_key.label("key"))
        .join(Attribution, current_attribution(Quote.id))
        .where(Quote.kind == "speech", Attribution.speaker_id.is_not(None), func.length(Quote.text) >= min_chars)
        .group_by(text_key)
        .having(func.count(Attribution.speaker_id.distinct()) > 1, func.count(Quote.article_id.distinct()) > 1)
        .limit(limit)
    )
    keys = session.scalars(groups).all()
    if not keys:
        return []
    ids = session.scalars(select(Quote.id).where(text_key.in_(keys))).all()
    by_key: dict[str, list[QuoteRow]] = {}
    for row in sorted(quote_rows(session, list(ids)), key=lambda r: (r.article_date, r.article_id, r.start)):
        by_key.setdefault(row.text.strip(" ").rstrip(",.").lower(), []).append(row)
    return [rows for rows in by_key.values() if len({r.speaker_id for r in rows if r.speaker_id}) > 1]


def unclosed_mark_warnings(session: Session, *, limit: int) -> tuple[int, list[WarningRow]]:
    """Parse warnings about quotation marks left open: how many articles, and the first `limit` warnings."""
    condition = ParseWarning.message.like("%not closed%")
    articles = session.execute(
        select(func.count(ParseWarning.article_id.distinct())).where(condition)
    ).scalar_one()
    rows = session.execute(
        select(ParseWarning.article_id, Article.title, ParseWarning.start, ParseWarning.end, ParseWarning.message)
        .join(Article, Article.id == ParseWarning.article_id)
        .where(condition)
        .order_by(ParseWarning.article_id, ParseWarning.start)
        .limit(limit)
    )
    return articles, [WarningRow(*row) for row in rows]
