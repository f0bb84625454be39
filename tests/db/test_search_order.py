"""Search pages come best match first up to RANK_LIMIT matches and newest first past it; either way the
pages hold exactly the quotes the whole search finds, on both backends (every test runs on both).
Each speaker's distinct aliases (migration 0014) follow every write to the aliases."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import delete, event, select
from sqlalchemy.engine.interfaces import CacheStats
from sqlalchemy.orm import Session, sessionmaker

from quotes.db import search
from quotes.db.corrections import merge_speakers
from quotes.db.fts import Term, speaker_alias_names, speaker_alias_names_drift
from quotes.db.models import Article, Attribution, Quote, Speaker, SpeakerAlias
from quotes.db.repo import QuoteQuery, QuoteSort, count_quotes, iter_quotes, quote_page, warm_up_search
from quotes.db.search import SearchOrder, named_speakers, search_page, search_quotes

NOW = datetime(2026, 1, 2, tzinfo=UTC)
QUOTES = (  # (text, speaker name or None), stored in this order (ids ascending)
    ("The budget is late.", "Nia Hale"),
    ("The bridge is closed.", "Nia Hale"),
    ("Budget talks resume; the budget bridge vote waits.", "Tom Okafor"),
    ("We will pass the budget.", "Tom Okafor"),
    ("Budgeting takes time.", None),
    ("Nobody asked Hale about the bridge.", "Tom Okafor"),
    ("The budget, the budget, the budget.", "Nia Hale"),
    ("Hale said nothing.", None),
)
CASES = (  # one of each kind of the search language, by text and by speaker name
    "budget",
    '"the budget"',
    "bud*",
    "budget OR bridge",
    "budget -bridge",
    "hale",  # her quotes, and the quotes naming her
    "mayor",  # an alias of hers
    "hale budget",
    "hale -budget",
    "budget -hale",
    "okafor OR hale",
    "zzzz",
)


@pytest.fixture
def stored(factory: sessionmaker[Session]) -> list[int]:
    """QUOTES in one article; their ids in order."""
    with factory.begin() as session:
        article = Article(content_hash="search-order", text="\n".join(t for t, _ in QUOTES), ingested_at=NOW)
        hale = Speaker(name="Nia Hale", kind="person", created_at=NOW)
        okafor = Speaker(name="Tom Okafor", kind="person", created_at=NOW)
        session.add_all([article, hale, okafor])
        session.add(SpeakerAlias(speaker=hale, alias="Mayor Hale", origin="manual"))
        speakers = {"Nia Hale": hale, "Tom Okafor": okafor}
        ids = []
        for index, (text, name) in enumerate(QUOTES):
            quote = Quote(article=article, start=index, end=index + 1, text=text, paragraph=index, kind="speech",
                          group_number=index)  # fmt: skip
            session.add(quote)
            session.add(Attribution(quote=quote, speaker=speakers[name] if name else None,
                                    method="cue-after" if name else "unresolved", confidence=0.9,
                                    origin="parser", created_at=NOW))  # fmt: skip
            session.flush()
            ids.append(quote.id)
    return ids


def every_page(session: Session, query: str, *, rank_limit: int, limit: int, descending: bool) -> tuple[list[int], set[SearchOrder]]:
    """The ids of every page of `query`, in order, and the orders the pages said they came in."""
    ids: list[int] = []
    orders: set[SearchOrder] = set()
    after = None
    while True:
        page = search_page(session, query, after=after, limit=limit, descending=descending, rank_limit=rank_limit)
        assert page is not None
        ids.extend(quote_id for quote_id, _score in page.hits)
        orders.add(page.order)
        if page.next_after is None:
            return ids, orders
        after = page.next_after


@pytest.mark.parametrize("query", CASES)
def test_pages_in_either_order_hold_what_the_whole_search_finds(stored: list[int], session: Session, query: str) -> None:
    best_first = search_quotes(session, query)  # every match, best first: the slow path
    for rank_limit in (max(len(best_first) - 1, 0), len(best_first)):  # either side of the limit
        for limit in (1, 3):
            for descending in (False, True):
                ids, orders = every_page(session, query, rank_limit=rank_limit, limit=limit, descending=descending)
                if len(best_first) > rank_limit:
                    assert orders == {SearchOrder.NEWEST}, query
                    assert ids == sorted(best_first, reverse=not descending), (query, rank_limit, limit)
                else:
                    assert orders == {SearchOrder.BEST}, query
                    assert ids == (best_first[::-1] if descending else best_first), (query, rank_limit, limit)
    assert count_quotes(session, QuoteQuery(search=query)) == len(best_first), query


def test_the_read_layer_pages_newest_first_past_the_rank_limit(
    stored: list[int], session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    query = QuoteQuery(search="budget OR hale", sort=QuoteSort.RELEVANCE)
    ranked = [row.id for row in iter_quotes(session, query, batch=2)]
    assert quote_page(session, query, limit=2).search_order is SearchOrder.BEST
    monkeypatch.setattr(search, "RANK_LIMIT", 3)
    first = quote_page(session, query, limit=2)
    assert first.search_order is SearchOrder.NEWEST and first.total == len(ranked)
    newest = [row.id for row in iter_quotes(session, query, batch=2)]
    assert newest == sorted(ranked, reverse=True)
    assert [row.id for row in first.rows] == newest[:2]
    assert quote_page(session, QuoteQuery(search="hale"), limit=2).search_order is None  # article order: not a search page


@pytest.mark.parametrize("query", CASES)
def test_a_search_with_filters_comes_in_the_order_of_a_search_alone(
    stored: list[int], session: Session, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    """Pages and the whole stream (`quotes list`, sheets) agree, either side of the limit, both ways."""
    said = {i for i, (_text, name) in zip(stored, QUOTES, strict=True) if name}
    best_first = [i for i in search_quotes(session, query) if i in said]  # a filter changes no score
    for rank_limit in (max(len(best_first) - 1, 0), len(best_first)):
        monkeypatch.setattr(search, "RANK_LIMIT", rank_limit)
        for descending in (False, True):
            filtered = QuoteQuery(search=query, sort=QuoteSort.RELEVANCE, descending=descending, unresolved=False)
            if len(best_first) > rank_limit:
                expected, order = sorted(best_first, reverse=not descending), SearchOrder.NEWEST
            else:
                expected, order = (best_first[::-1] if descending else best_first), SearchOrder.BEST
            assert [row.id for row in iter_quotes(session, filtered, batch=2)] == expected, (query, rank_limit)
            for limit in (1, 3):
                ids: list[int] = []
                after = None
                while True:
                    page = quote_page(session, filtered, after=after, limit=limit, with_total=False)
                    ids.extend(row.id for row in page.rows)
                    assert page.search_order is order, query
                    if page.next_after is None:
                        break
                    after = page.next_after
                assert ids == expected, (query, rank_limit, limit, descending)


def test_the_whole_stream_of_a_search_alone_is_its_pages(
    stored: list[int], session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    for rank_limit in (2, 1000):
        monkeypatch.setattr(search, "RANK_LIMIT", rank_limit)
        for query in CASES:
            alone = QuoteQuery(search=query, sort=QuoteSort.RELEVANCE)
            ids, orders = every_page(session, query, rank_limit=rank_limit, limit=2, descending=False)
            assert [row.id for row in iter_quotes(session, alone)] == ids, (query, rank_limit, orders)


def _pairs(session: Session) -> set[tuple[int, str]]:
    names = speaker_alias_names.c
    return {(speaker_id, alias) for speaker_id, alias in session.execute(select(names.speaker_id, names.alias_folded))}


def test_distinct_aliases_follow_every_write(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        articles = [Article(content_hash=f"a{n}", text="x", ingested_at=NOW) for n in range(3)]
        roe = Speaker(name="Ann Roe", kind="person", created_at=NOW)
        elm = Speaker(name="Elm Roe", kind="person", created_at=NOW)
        session.add_all([*articles, roe, elm])
        session.add_all(SpeakerAlias(speaker=roe, alias="Mayor Roe", article=a, origin="parser") for a in articles)
        session.add(SpeakerAlias(speaker=elm, alias="Councillor Élm", origin="parser"))
        session.flush()
        roe_id, elm_id = roe.id, elm.id
        assert _pairs(session) == {(roe_id, "mayor roe"), (elm_id, "councillor elm")}  # once per speaker and name
    with factory.begin() as session:
        first = session.scalars(select(SpeakerAlias).where(SpeakerAlias.speaker_id == roe_id).limit(2)).all()
        for alias in first:
            session.delete(alias)
        session.flush()
        assert (roe_id, "mayor roe") in _pairs(session)  # one alias row still gives it
        assert named_speakers(session, [Term(("mayor",))])[Term(("mayor",))] == {roe_id}
    with factory.begin() as session:
        merge_speakers(session, f"#{roe_id}", f"#{elm_id}", now=NOW)  # Elm's aliases become Roe's
    with factory() as session:
        assert _pairs(session) == {(roe_id, "mayor roe"), (roe_id, "councillor elm"), (roe_id, "elm roe")}
        assert named_speakers(session, [Term(("councillor",))])[Term(("councillor",))] == {roe_id}
        assert speaker_alias_names_drift(session) == []
    with factory.begin() as session:
        session.execute(delete(SpeakerAlias))
        session.flush()
        assert _pairs(session) == set()


def test_the_warm_up_leaves_a_first_search_nothing_to_compile(stored: list[int], factory: sessionmaker[Session]) -> None:
    """After `warm_up_search` (the search screen runs it as it opens), a first search for another
    speaker's name and for words no quote holds runs only statements already compiled."""
    engine = factory.kw["bind"]
    misses: list[str] = []

    @event.listens_for(engine, "after_cursor_execute")
    def _missed(_conn: Any, _cursor: Any, statement: str, _params: Any, context: Any, _many: bool) -> None:
        if context.cache_hit is CacheStats.CACHE_MISS:
            misses.append(statement)

    with factory() as session:
        warm_up_search(session, limit=3)  # first by id: Nia Hale
    assert misses  # the warm-up compiled them
    misses.clear()
    with factory() as session:
        for words in ("Tom Okafor", "yyyy"):
            quote_page(session, QuoteQuery(search=words, sort=QuoteSort.RELEVANCE), limit=3, with_total=False)
    event.remove(engine, "after_cursor_execute", _missed)
    assert misses == []
