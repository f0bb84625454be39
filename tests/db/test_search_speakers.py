"""`--search` finds quotes by their text or by their speaker's names: one rule, the same results on
SQLite and PostgreSQL (every test runs on both), written down in quotes/db/search.py and the README."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.corrections import reassign_quote
from quotes.db.models import Article, Attribution, Quote, Speaker, SpeakerAlias
from quotes.db.repo import QuoteQuery, QuoteSort, count_quotes, iter_quotes, list_quotes, quote_page
from quotes.db.search import MAX_NAME_GROUPS, _ways, search_quotes

NOW = datetime(2026, 1, 2, tzinfo=UTC)
SPEAKERS = {  # key -> (name, kind, aliases)
    "souza": ("Rob D’Souza", "person", ()),
    "zoe": ("Zoe\u0308 Okafor", "person", ("Ms Okafor",)),
    "roe": ("John Roe", "person", ()),
    "council": ("Amberfield Council", "organisation", ()),
    "woman": ("a woman from Okafor Street", "unnamed", ()),
}
QUOTES = {  # key -> (text, speaker key or None)
    "win": ("We will win the budget vote.", "souza"),
    "yes": ("Yes, the budget is fine.", "zoe"),
    "no": ("No, the bridge can wait.", "zoe"),
    "sure": ("Sure, ask Okafor about the budget.", "roe"),
    "hall": ("The hall stays open.", "council"),
    "street": ("Nobody asked us.", "woman"),
    "alone": ("Budget talks resume on Monday.", None),
}
CASES = [  # (query, the quotes it finds)
    ("souza", {"win"}),
    ("d'souza", {"win"}),
    ("D’SOUZA", {"win"}),
    ("dsouza", set()),
    ("okafor", {"yes", "no", "sure"}),  # Okafor's quotes, and the one naming Okafor
    ("zoë", {"yes", "no"}),
    ("Zo\u200be", {"yes", "no"}),
    ('"zoe okafor"', {"yes", "no"}),
    ('"okafor zoe"', set()),
    ("zoe okafor", {"yes", "no"}),  # both words name the same speaker
    ("oka*", {"yes", "no", "sure"}),
    ("ms", {"yes", "no"}),  # an alias
    ("okafor budget", {"yes", "sure"}),  # by speaker and text, and by text alone
    ("okafor -budget", {"no"}),
    ("budget -okafor", {"win", "alone"}),  # the excluded word excludes by speaker and by text
    ("budget -souza", {"yes", "sure", "alone"}),
    ("souza OR roe", {"win", "sure"}),
    ("souza OR hall", {"win", "hall"}),
    ("council", {"hall"}),
    ("amberfield hall", {"hall"}),
    ("roe okafor", {"sure"}),  # Roe's quote that names Okafor: one speaker cannot be both
    ("souza okafor", set()),
    ("street", set()),  # an unnamed speaker's description is not a name
    ("budget", {"win", "yes", "sure", "alone"}),
    ("-okafor", set()),
]


@pytest.fixture
def stored(factory: sessionmaker[Session]) -> dict[str, int]:
    """QUOTES in one article, attributed to SPEAKERS; key -> quote id."""
    with factory.begin() as session:
        article = Article(content_hash="search-speakers", text="\n".join(t for t, _ in QUOTES.values()), ingested_at=NOW)
        session.add(article)
        speakers = {key: Speaker(name=name, kind=kind, created_at=NOW) for key, (name, kind, _) in SPEAKERS.items()}
        session.add_all(speakers.values())
        for key, (_, _, aliases) in SPEAKERS.items():
            session.add_all(SpeakerAlias(speaker=speakers[key], alias=a, origin="manual") for a in aliases)
        ids: dict[str, int] = {}
        for index, (key, (text, speaker)) in enumerate(QUOTES.items()):
            quote = Quote(article=article, start=index, end=index + 1, text=text, paragraph=index, kind="speech",
                          group_number=index)  # fmt: skip
            session.add(quote)
            session.add(Attribution(quote=quote, speaker=speakers[speaker] if speaker else None,
                                    method="cue-after" if speaker else "unresolved", confidence=0.9,
                                    origin="parser", created_at=NOW))  # fmt: skip
            session.flush()
            ids[key] = quote.id
    return ids


def test_search_by_text_or_speaker(stored: dict[str, int], session: Session) -> None:
    for query, expected in CASES:
        found = [row.id for row in list_quotes(session, search=query)]
        assert len(found) == len(set(found)), query
        assert {key for key, quote_id in stored.items() if quote_id in found} == expected, query
        assert sorted(search_quotes(session, query)) == sorted(found), query
        assert count_quotes(session, QuoteQuery(search=query)) == len(expected), query


def test_text_matches_rank_before_speaker_matches_and_pages_follow(stored: dict[str, int], session: Session) -> None:
    found = [row.id for row in list_quotes(session, search="okafor")]
    assert found[0] == stored["sure"]  # the only quote whose text holds the word
    query = QuoteQuery(search="okafor budget OR bridge", sort=QuoteSort.RELEVANCE)
    first = quote_page(session, query, limit=1)
    assert first.total == 3 and first.next_after is not None
    rest = quote_page(session, query, after=first.next_after, limit=10)
    assert [r.id for r in (*first.rows, *rest.rows)] == [r.id for r in iter_quotes(session, query, batch=2)]
    backwards = QuoteQuery(search="okafor budget OR bridge", sort=QuoteSort.RELEVANCE, descending=True)
    assert [r.id for r in iter_quotes(session, backwards, batch=2)] == [r.id for r in iter_quotes(session, query)][::-1]
    # other filters combine with the speaker matches
    assert [r.id for r in list_quotes(session, search="okafor", speaker="roe")] == [stored["sure"]]


def test_a_reassigned_quote_is_found_by_its_new_speaker(
    stored: dict[str, int], factory: sessionmaker[Session]
) -> None:
    with factory.begin() as session:
        reassign_quote(session, stored["hall"], "rob d'souza", now=NOW)
    with factory() as session:
        found = {row.id for row in list_quotes(session, search="souza")}
        assert found == {stored["win"], stored["hall"]}
        assert {row.id for row in list_quotes(session, search="amberfield")} == set()


def test_ways_need_one_speaker_for_every_group_matched_by_name() -> None:
    ways = _ways([frozenset({1, 2}), frozenset(), frozenset({2, 3})])
    assert ways == [((), frozenset()), ((0,), frozenset({1, 2})), ((2,), frozenset({2, 3})), ((0, 2), frozenset({2}))]
    many = _ways([frozenset({1})] * (MAX_NAME_GROUPS + 2))
    assert len(many) == 2**MAX_NAME_GROUPS
