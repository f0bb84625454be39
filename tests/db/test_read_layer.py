"""The read layer behind the CLI, the terminal UI, quote sheets and checks, on both backends: keyset pages
that add up to the whole list in every order, filters, one quote in full, one article, speakers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.articles import ArticleSort, article_view, list_articles
from quotes.db.engine import make_engine, make_session_factory
from quotes.db.models import Article, Attribution, Quote, Speaker
from quotes.db.profile_views import SeenIn, speaker_profile
from quotes.db.quote_detail import paragraph_bounds, quote_detail
from quotes.db.repo import QuoteQuery, QuoteSort, count_quotes, iter_quotes, quote_page
from quotes.db.seed import seed
from quotes.db.speaker_views import (
    SpeakerSort,
    count_speakers,
    find_speaker_id,
    speaker_summaries,
)

NOW = datetime(2026, 1, 2, tzinfo=UTC)


@pytest.fixture
def read_db(db_url: str) -> Iterator[sessionmaker[Session]]:
    """The seeds, with one article dated and one not, on SQLite or PostgreSQL (db_url runs tests/db/ on both)."""
    url = db_url
    engine = make_engine(url)
    factory = make_session_factory(engine)
    list(seed(factory))
    with factory.begin() as session:
        first = session.scalars(select(Article.id).order_by(Article.id)).first()
        session.execute(update(Article).where(Article.id == first).values(published=date(2022, 9, 22)))
    yield factory
    engine.dispose()


def _all(session: Session, query: QuoteQuery) -> list[int]:
    return [row.id for row in iter_quotes(session, query, batch=1_000_000)]


@pytest.mark.parametrize("order", list(QuoteSort))
@pytest.mark.parametrize("descending", [False, True])
def test_keyset_pages_add_up_to_the_whole_list(
    read_db: sessionmaker[Session], order: QuoteSort, descending: bool
) -> None:
    search = "not" if order is QuoteSort.RELEVANCE else None
    query = QuoteQuery(sort=order, descending=descending, search=search)
    with read_db() as session:
        whole = _all(session, query)
        assert whole and len(whole) == len(set(whole)) == count_quotes(session, query)
        seen: list[int] = []
        page = quote_page(session, query, limit=7)
        assert page.total == len(whole)
        seen.extend(row.id for row in page.rows)
        while page.next_after is not None:
            page = quote_page(session, query, after=page.next_after, limit=7, with_total=False)
            assert page.total is None
            seen.extend(row.id for row in page.rows)
        assert seen == whole


def test_orders_are_what_they_say(read_db: sessionmaker[Session]) -> None:
    with read_db() as session:
        by_confidence = list(iter_quotes(session, QuoteQuery(sort=QuoteSort.CONFIDENCE, descending=True)))
        values = [-1.0 if row.confidence is None else row.confidence for row in by_confidence]
        assert values == sorted(values, reverse=True)
        by_date = list(iter_quotes(session, QuoteQuery(sort=QuoteSort.DATE)))
        days = [row.article_date for row in by_date]
        assert days == sorted(days) and by_date[0].published == date(2022, 9, 22)
        by_speaker = [row.speaker or "" for row in iter_quotes(session, QuoteQuery(sort=QuoteSort.SPEAKER))]
        assert by_speaker[0] == ""  # unresolved quotes first
        by_article = list(iter_quotes(session, QuoteQuery()))
        assert [(r.article_id, r.start) for r in by_article] == sorted((r.article_id, r.start) for r in by_article)


def test_filters(read_db: sessionmaker[Session]) -> None:
    with read_db() as session:
        everything = list(iter_quotes(session, QuoteQuery()))
        peskov = find_speaker_id(session, "Dmitry Peskov")
        by_id = list(iter_quotes(session, QuoteQuery(speaker_id=peskov)))
        assert by_id and {row.speaker for row in by_id} == {"Dmitry Peskov"}
        assert _all(session, QuoteQuery(speaker="peskov")) == [row.id for row in by_id]
        confident = list(iter_quotes(session, QuoteQuery(min_confidence=0.8)))
        assert confident and all(row.confidence is not None and row.confidence >= 0.8 for row in confident)
        unresolved = list(iter_quotes(session, QuoteQuery(unresolved=True)))
        resolved = list(iter_quotes(session, QuoteQuery(unresolved=False)))
        assert len(unresolved) + len(resolved) == len(everything)
        assert all(row.speaker_id is None for row in unresolved)
        dated = list(iter_quotes(session, QuoteQuery(since=date(2022, 9, 1), until=date(2022, 9, 30))))
        assert dated and {row.published for row in dated} == {date(2022, 9, 22)}
        assert list(iter_quotes(session, QuoteQuery(until=date(2000, 1, 1)))) == []
        ingested = list(iter_quotes(session, QuoteQuery(since=date.today())))  # undated: placed at ingest
        assert ingested and {row.published for row in ingested} == {None}
        speech = list(iter_quotes(session, QuoteQuery(kinds=("speech",))))
        assert speech and {row.kind for row in speech} == {"speech"}
        assert list(iter_quotes(session, QuoteQuery(search="*** ((("))) == []
        assert list(iter_quotes(session, QuoteQuery(search='"unclosed OR NEAR('))) == []


def test_a_manual_attribution_is_the_current_one(read_db: sessionmaker[Session]) -> None:
    with read_db.begin() as session:
        quote = session.scalars(select(Quote).order_by(Quote.id).limit(1)).one()
        editor = Speaker(name="Checked Person", kind="person", created_at=NOW)
        session.add(editor)
        session.add(
            Attribution(quote=quote, speaker=editor, method="manual", confidence=1.0, origin="manual",
                        created_at=NOW)
        )
        quote_id = quote.id
    with read_db() as session:
        (row,) = [row for row in iter_quotes(session, QuoteQuery()) if row.id == quote_id]
        assert (row.speaker, row.origin, row.confidence) == ("Checked Person", "manual", 1.0)
        assert len(_all(session, QuoteQuery())) == count_quotes(session, QuoteQuery())


def test_quote_detail(read_db: sessionmaker[Session]) -> None:
    with read_db() as session:
        peskov = find_speaker_id(session, "dmitry peskov")
        first = next(iter_quotes(session, QuoteQuery(speaker_id=peskov)))
        detail = quote_detail(session, first.id)
        assert detail is not None and detail.row == first
        offset = first.start - detail.paragraph_start
        assert detail.paragraph_text[offset : offset + len(first.text)] == first.text
        assert "\n\n" not in detail.paragraph_text
        assert detail.speaker is not None and detail.speaker.name == "Dmitry Peskov"
        assert "Kremlin spokesman" in detail.speaker.roles
        assert first.id not in [row.id for row in detail.other_quotes]
        assert detail.other_total == count_quotes(session, QuoteQuery(speaker_id=peskov)) - 1
        assert first.id in detail.pieces
        if first.mention_start is not None and first.mention_end is not None:
            text = session.scalars(select(Article.text).where(Article.id == first.article_id)).one()
            assert text[first.mention_start : first.mention_end] == first.mention
        assert quote_detail(session, 10**9) is None


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("one\n\ntwo three\n\nfour", 5, 8, (5, 14)),
        ("only one paragraph", 0, 4, (0, 18)),
        ("a\n\nb", 3, 4, (3, 4)),
    ],
)
def test_paragraph_bounds(text: str, start: int, end: int, expected: tuple[int, int]) -> None:
    assert paragraph_bounds(text, start, end) == expected


def test_article_view_and_list(read_db: sessionmaker[Session]) -> None:
    with read_db() as session:
        page = list_articles(session)
        assert page.total == 2 and len(page.rows) == 2
        assert page.rows[0].day >= page.rows[1].day  # newest first
        by_quotes = list_articles(session, sort=ArticleSort.QUOTES).rows
        assert by_quotes[0].quotes >= by_quotes[1].quotes
        titles = [row.title or "" for row in list_articles(session, sort=ArticleSort.TITLE).rows]
        assert titles == sorted(titles, key=str.lower)
        assert list_articles(session, search="%").total == 0
        word = (page.rows[0].title or "").split()[0]
        assert page.rows[0].id in [row.id for row in list_articles(session, search=word.upper()).rows]
        view = article_view(session, page.rows[0].id)
        assert view is not None and view.article.quotes == len(view.quotes) > 0
        for row in view.quotes:
            assert view.text[row.start : row.end] == row.text
        assert [(q.start, q.id) for q in view.quotes] == sorted((q.start, q.id) for q in view.quotes)
        assert view.speaker_ids and len(set(view.speaker_ids)) == len(view.speaker_ids)
        assert article_view(session, 10**9) is None


def test_speakers_sorted_paged_and_profiled(read_db: sessionmaker[Session]) -> None:
    with read_db() as session:
        everyone = speaker_summaries(session)
        assert len(everyone) == count_speakers(session)
        assert [s.quotes for s in everyone] == sorted((s.quotes for s in everyone), reverse=True)
        names = [s.name.lower() for s in speaker_summaries(session, sort=SpeakerSort.NAME)]
        assert names == sorted(names)
        paged = speaker_summaries(session, limit=2) + speaker_summaries(session, limit=100, offset=2)
        assert [s.id for s in paged] == [s.id for s in everyone]
        assert count_speakers(session, search="PESKOV") == 1
        assert {s.kind for s in speaker_summaries(session, kinds=("person",))} == {"person"}
        peskov = find_speaker_id(session, "#" + str(find_speaker_id(session, "Dmitry Peskov")))
        profile = speaker_profile(session, peskov)
        assert profile is not None
        assert sum(count for _month, count in profile.by_month) == profile.summary.quotes
        assert sum(a.quotes for a in profile.by_article) == profile.summary.quotes
        assert [month for month, _count in profile.by_month] == ["2022-09"]
        assert speaker_profile(session, 10**9) is None


def test_query_is_a_value() -> None:
    query = QuoteQuery(speaker_id=3)
    assert replace(query, sort=QuoteSort.TEXT).speaker_id == 3 and query.sort is QuoteSort.ARTICLE


def test_speakers_by_name_count_like_the_full_list(seeded_db: str, session: Session) -> None:
    """A page by name (or one speaker) counts only its own speakers' quotes, with the same figures."""
    from quotes.db.speaker_views import SpeakerSort, speaker_summaries

    everyone = speaker_summaries(session)
    by_name = sorted(everyone, key=lambda row: (row.name.lower(), row.id))
    assert speaker_summaries(session, sort=SpeakerSort.NAME) == by_name
    assert speaker_summaries(session, sort=SpeakerSort.NAME, limit=3, offset=2) == by_name[2:5]
    assert speaker_summaries(session, speaker_id=by_name[4].id) == [by_name[4]]
    assert speaker_summaries(session, sort=SpeakerSort.NAME, search="a", kinds=("person",)) == [
        row for row in by_name if row.kind == "person" and row in speaker_summaries(session, search="a")
    ]


@pytest.mark.parametrize("kinds", [(), ("speech",), ("speech", "partial", "nested"), ("term",)])
def test_counting_by_kind_alone_matches_the_rows(read_db: sessionmaker[Session], kinds: tuple[str, ...]) -> None:
    """The count the main screen shows (kinds only, read without joins) is the number of rows listed."""
    with read_db() as session:
        query = QuoteQuery(kinds=kinds)
        assert count_quotes(session, query) == len(_all(session, query))
        assert count_quotes(session, replace(query, sort=QuoteSort.TEXT, descending=True)) == len(_all(session, query))


def test_profile_counts_what_the_detail_lists(read_db: sessionmaker[Session]) -> None:
    """The profile's aliases and roles (grouped in SQL) are the detail's, each counted by its articles."""
    from quotes.db.corrections import rename_speaker
    from quotes.db.speaker_views import speaker_detail, speaker_summaries

    with read_db.begin() as session:
        top = speaker_summaries(session, limit=1)[0]
        rename_speaker(session, f"#{top.id}", "Elmtown Hale", now=datetime(2026, 1, 2, tzinfo=UTC))
    with read_db() as session:
        for summary in speaker_summaries(session):
            profile, detail = speaker_profile(session, summary.id), speaker_detail(session, summary.id)
            assert profile is not None and detail is not None
            for seen, listed in ((profile.aliases, detail.aliases), (profile.roles, detail.roles)):
                assert seen == tuple(SeenIn(p.text, len(p.article_ids), p.manual) for p in listed)
        profile = speaker_profile(session, top.id)
        assert profile is not None and profile.summary.name == "Elmtown Hale"
        assert any(seen.text == top.name and seen.manual for seen in profile.aliases)  # the old name, kept
