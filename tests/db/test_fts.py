"""Full-text search: one search language, the same results on SQLite (FTS5) and PostgreSQL (tsvector).

Every test here runs on both backends (tests/conftest.py); the expected results are written once.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.fts import (
    SearchSyntaxError,
    Term,
    fold_for_search,
    fts5_query,
    parse_search,
    search_quotes,
    tsquery_text,
)
from quotes.db.models import Article, Quote
from quotes.db.repo import list_quotes

QUOTES = {  # invented quotes; key -> text
    "bridge": "We will rebuild the bridge before winter, and the bridge will hold.",
    "curly": "Don’t expect miracles from the council.",
    "straight": "I don't think the council can wait.",
    "accent": "Müller and the café owners on Señora Ibáñez Street agreed.",
    "sign": "Minus signs -x and e-mail addresses like hale@elmtown.org are text too.",
    "killer": "He called the plan a killer idea for Elmtown.",
    "roe": "Councillor Roe said the budget was a disgrace.",
    "rebuilding": "Rebuilding takes time, Okafor warned.",
    "cyrillic": "ПУТИН said nothing; Straße and Œuvre and Søren fold too.",
    "numbers": "Turnout was 1.5 percent in 2026, down from 3,000 voters.",
}

PARITY = [  # (query, keys of the quotes it finds)
    ("bridge", {"bridge"}),
    ("BRIDGE winter", {"bridge"}),
    ("bridge roe", set()),
    ('"the bridge will"', {"bridge"}),
    ('"will the bridge"', set()),
    ("rebuild*", {"bridge", "rebuilding"}),
    ('"prime rebuil*"', set()),
    ('"rebuild the bri*"', {"bridge"}),
    ("killer OR disgrace", {"killer", "roe"}),
    ("killer OR disgrace budget", {"roe"}),
    ("council -miracles", {"straight"}),
    ('council -"can wait"', {"curly"}),
    ("-x", set()),
    ("-council", set()),
    ("don't", {"curly", "straight"}),
    ("don’t", {"curly", "straight"}),
    ("dont", set()),
    ("muller cafe senora ibanez", {"accent"}),
    ("MÜLLER Café", {"accent"}),
    ("путин", {"cyrillic"}),
    ("strasse oeuvre soren", {"cyrillic"}),
    ("hale@elmtown.org", {"sign"}),
    ("elmtown", {"sign", "killer"}),
    ("e-mail", {"sign"}),
    ("1.5", {"numbers"}),
    ("3,000", {"numbers"}),
    ("2026", {"numbers"}),
    ('law" OR (NEAR', set()),
    ("-- ; ( ) *", set()),
    ("OR", set()),
    ("xyzzy", set()),
]
NOW = datetime(2026, 1, 2, tzinfo=UTC)


@pytest.fixture
def stored(factory: sessionmaker[Session]) -> dict[str, int]:
    """The QUOTES in one article; key -> quote id."""
    with factory.begin() as session:
        article = Article(content_hash="search-test", text="\n".join(QUOTES.values()), ingested_at=NOW)
        session.add(article)
        rows = {
            key: Quote(article=article, start=i, end=i, text=text, paragraph=i, kind="speech", group_number=i)
            for i, (key, text) in enumerate(QUOTES.items())
        }
        session.add_all(rows.values())
        session.flush()
        return {key: row.id for key, row in rows.items()}


def test_folding_drops_case_accents_and_punctuation() -> None:
    assert fold_for_search("Don’t — MÜLLER's café, 1.5%!") == "don t muller s cafe 1 5"
    assert fold_for_search("Straße Œuvre Søren ПУТИН") == "strasse oeuvre soren путин"
    assert fold_for_search(" -- ") == ""


def test_the_language_parses_to_the_same_query_for_both_backends() -> None:
    parsed = parse_search('rebuild* "the bridge" OR roe -"can wait" -x')
    assert parsed is not None
    assert parsed.groups == ((Term(("rebuild",), prefix=True),), (Term(("the", "bridge")), Term(("roe",))))
    assert parsed.excluded == (Term(("can", "wait")), Term(("x",)))
    assert fts5_query(parsed) == '("rebuild" * AND ("the bridge" OR "roe")) NOT ("can wait" OR "x")'
    assert tsquery_text(parsed) == (
        "(('rebuild':*)) & (('the' <-> 'bridge') | ('roe')) & !(('can' <-> 'wait')) & !(('x'))"
    )
    assert parse_search("-x -y") is None and parse_search("  ") is None


@pytest.mark.parametrize(("query", "expected"), PARITY, ids=[query for query, _ in PARITY])
def test_search_language(query: str, expected: set[str], stored: dict[str, int], session: Session) -> None:
    found = search_quotes(session, query)
    assert len(found) == len(set(found))
    assert {key for key, quote_id in stored.items() if quote_id in found} == expected


def test_search_finds_a_seed_quote(seeded_db: str, session: Session) -> None:
    found = search_quotes(session, "against the LAW")
    texts = {quote_id: text for quote_id, text in session.execute(select(Quote.id, Quote.text))}
    assert any("not against the law" in texts[quote_id] for quote_id in found), found


def test_raw_syntax_errors_are_reported(seeded_db: str, session: Session) -> None:
    with pytest.raises(SearchSyntaxError):
        search_quotes(session, 'law" OR (', raw=True)


def test_index_follows_updates_and_deletes(stored: dict[str, int], factory: sessionmaker[Session]) -> None:
    quote_id = stored["bridge"]
    with factory.begin() as session:
        session.get_one(Quote, quote_id).text = "Entirely replaced wörds"
    with factory.begin() as session:
        assert search_quotes(session, "bridge") == []
        assert search_quotes(session, "replaced words") == [quote_id]
        session.execute(update(Quote).where(Quote.id == quote_id).values(text="x", search_text="core update"))
    with factory.begin() as session:
        assert search_quotes(session, "core update") == [quote_id]
        for article in session.scalars(select(Article)):
            session.delete(article)
    with factory() as session:
        assert search_quotes(session, "core update") == []


def test_list_search_combines_with_filters(seeded_db: str, session: Session) -> None:
    rows = list_quotes(session, search="law")
    assert rows and all("law" in row.text.lower() for row in rows)
    assert list_quotes(session, search="law", article_id=rows[0].article_id + 100) == []
    assert list_quotes(session, search="   ") == []
