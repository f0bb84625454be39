"""Ingest of awkward input: one article in many encodings and line ends is stored once; control
characters get one policy on SQLite and PostgreSQL; parse warnings are capped; random hostile text
round-trips through ingest and list."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.article_rows import WARNINGS_KEPT_PER_KIND
from quotes.db.engine import make_engine, make_session_factory
from quotes.db.ingest import Status, ingest_article, ingest_sources
from quotes.db.migrate import upgrade
from quotes.db.models import Article, ParseWarning, Quote, Speaker
from quotes.db.repo import list_quotes
from quotes.display import quote_lines
from quotes.parse import ArticleParse
from quotes.sources import SourceArticle, read_articles

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
UNSAFE_FOR_TERMINALS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ARTICLE = "Elmtown bridge vote\n\n“We will rebuild it by spring,” Mayor Jo Hale said. Naïve? Perhaps.\n"


def test_one_article_in_any_encoding_or_line_end_is_stored_once(
    tmp_path: Path, factory: sessionmaker[Session]
) -> None:
    variants = {
        "lf-utf8.txt": ARTICLE.encode("utf-8"),
        "crlf-bom.txt": b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode("utf-8"),
        "crlf-utf16.txt": ARTICLE.replace("\n", "\r\n").encode("utf-16"),
        "cr-utf32be.txt": b"\x00\x00\xfe\xff" + ARTICLE.replace("\n", "\r").encode("utf-32-be"),
        "crlf-cp1252.txt": ARTICLE.replace("\n", "\r\n").encode("cp1252"),
    }
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
    paths = [str(tmp_path / name) for name in variants]
    statuses = [outcome.status for outcome in ingest_sources(factory, read_articles(paths), now=lambda: NOW)]
    assert statuses == [Status.ADDED] + [Status.PRESENT] * 4
    with factory() as session:
        (article,) = session.scalars(select(Article)).all()
        assert (article.text, article.encoding) == (ARTICLE, "utf-8")
        for quote in session.scalars(select(Quote)):
            assert article.text[quote.start : quote.end] == quote.text


def _hostile_sources() -> list[SourceArticle]:
    body = 'Nul\x00 headline\x07\n\n"We\x00 will win\x1b[2J," said Jo Ha\x00le.\n'
    return [
        SourceArticle(source_id="n", path="nul.txt", line=None, text=body, title="Nul\x00 headline\x07"),
        SourceArticle(
            source_id="j", path="batch.jsonl", line=1, text="\ud800“Fine,” Ann Roe said.", title="T\x00",
            author="Ann\x00 Roe", outlet="Gazette\x1f", external_id="x\x00",
        ),
    ]


def _check_control_policy(factory: sessionmaker[Session]) -> None:
    outcomes = [ingest_article(factory, source, now=NOW) for source in _hostile_sources()]
    assert [outcome.status for outcome in outcomes] == [Status.ADDED, Status.ADDED], outcomes
    assert outcomes[0].message == "5 control characters stored as U+FFFD (first at offset 3)"
    assert outcomes[1].message == "1 control character stored as U+FFFD (first at offset 0)"
    with factory() as session:
        articles = session.scalars(select(Article).order_by(Article.id)).all()
        assert articles[0].text == 'Nul\ufffd headline\ufffd\n\n"We\ufffd will win\ufffd[2J," said Jo Ha\ufffdle.\n'
        assert articles[0].title == "Nul\ufffd headline\ufffd"
        assert (articles[1].title, articles[1].author, articles[1].outlet, articles[1].external_id) == (
            "T\ufffd", "Ann\ufffd Roe", "Gazette\ufffd", "x\ufffd"
        )
        stored = [*session.scalars(select(Speaker.name)), *session.scalars(select(Quote.text))]
        assert stored and not any(ch in value for value in stored for ch in "\x00\x07\x1b\ud800")
        notes = session.scalars(select(ParseWarning.message).where(ParseWarning.article_id == articles[0].id))
        assert "5 U+FFFD in the text (control characters are stored as U+FFFD)" in set(notes)
    again = [ingest_article(factory, source, now=NOW).status for source in _hostile_sources()]
    assert again == [Status.PRESENT, Status.PRESENT]


def test_control_characters_are_replaced_and_recorded_on_sqlite(factory: sessionmaker[Session]) -> None:
    _check_control_policy(factory)


@pytest.mark.postgres
def test_control_characters_are_replaced_and_recorded_on_postgresql(pg_url: str) -> None:
    upgrade(pg_url)
    engine = make_engine(pg_url)
    try:
        _check_control_policy(make_session_factory(engine))
    finally:
        engine.dispose()


def test_parse_warnings_are_capped_per_kind_with_a_count(factory: sessionmaker[Session]) -> None:
    marks = 5_000
    text = "Stray marks\n" + "\u201c word " * marks
    outcome = ingest_article(factory, SourceArticle("m", "m.txt", None, text), now=NOW)
    assert outcome.status is Status.ADDED and outcome.warnings >= marks - 2
    with factory() as session:
        rows = session.scalars(select(ParseWarning).order_by(ParseWarning.id)).all()
    summaries = [row for row in rows if " more: " in row.message]
    assert len(rows) - len(summaries) <= WARNINGS_KEPT_PER_KIND * 3 and summaries
    counted = sum(int(row.message.split(" more: ")[0].replace(",", "")) for row in summaries)
    assert counted + len(rows) - len(summaries) == outcome.warnings
    assert all(0 <= row.start <= row.end <= len(text) for row in rows)


# --- round trips over random text ----------------------------------------------------------------

MARKS = "\"'“”‘’«»„‚‹›「」"
HOSTILE = ["\x00", "\x1b[31m", "\x07", "\x85", "\u202e", "\u2066", "\r\n", "\r", "\ufeff", "[bold]", "[/]",
           "[@click=app.quit]", "<script>", "=SUM(A1:A9)", "\t", "\u200b", "e\u0301", "\ud800", " said Hale."]
hostile_text = st.lists(
    st.one_of(st.text(max_size=12), st.sampled_from(MARKS), st.sampled_from(HOSTILE)), max_size=40
).map("".join)


@pytest.fixture
def shared_factory(factory: sessionmaker[Session]) -> Iterator[sessionmaker[Session]]:
    yield factory  # one database for every example: each is a new article, or "present" again


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_text)
def test_any_text_ingests_and_lists_back_at_its_offsets(
    shared_factory: sessionmaker[Session], text: str
) -> None:
    source = SourceArticle(source_id="h", path="h.txt", line=None, text="Headline\n" + text, title=text[:50])
    outcome = ingest_article(shared_factory, source, now=NOW)
    assert outcome.status in (Status.ADDED, Status.PRESENT), outcome
    with shared_factory() as session:
        article = session.get_one(Article, outcome.article_id)
        assert "\r" not in article.text and "\x00" not in article.text
        rows = list_quotes(session, article_id=article.id)
        for row in rows:
            assert article.text[row.start : row.end] == row.text
            assert "\n\n" not in row.text
    shown = "\n".join(quote_lines(rows))  # what `quotes list` prints
    assert not UNSAFE_FOR_TERMINALS.search(shown.replace("\n", "")), shown


def test_quotes_referring_to_each_other_in_a_circle_are_refused(
    factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from quotes import parallel
    from quotes.parse import parse_article

    text = 'Circle\n\n"First," Hale said. "Second," Hale said.\n'

    def circular(article_text: str, min_confidence: float = 0.0) -> ArticleParse:
        parse = parse_article(article_text, min_confidence)
        first, second = parse.quotes[:2]
        return replace(parse, quotes=(replace(first, continues=1), replace(second, continues=0)))

    monkeypatch.setattr(parallel, "parse_article", circular)
    outcome = ingest_article(factory, SourceArticle("c", "c.txt", None, text), now=NOW)
    assert outcome.status is Status.FAILED and "refers to itself through others" in outcome.message
    with factory() as session:
        assert session.scalars(select(Article.id)).all() == []


def test_quotes_go_in_after_the_quotes_they_continue_or_nest_in(factory: sessionmaker[Session]) -> None:
    text = 'Chain\n\n"One, \'two\' three," Hale said, "four."\n"Five.\n"Six," Roe said.\n'
    outcome = ingest_article(factory, SourceArticle("k", "k.txt", None, text), now=NOW)
    assert outcome.status is Status.ADDED
    with factory() as session:
        rows = session.execute(select(Quote.id, Quote.continues_id, Quote.nested_in_id, Quote.text)).all()
    linked = [row for row in rows if row.continues_id is not None or row.nested_in_id is not None]
    assert linked, rows
    ids = {row.id for row in rows}
    assert all({row.continues_id, row.nested_in_id} - {None} <= ids for row in linked)
