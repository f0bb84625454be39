"""Ingest: one transaction per article, idempotent re-ingest, and parses stored faithfully."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from quotes import parallel
from quotes.db import article_rows
from quotes.db.engine import make_engine, make_session_factory
from quotes.db.ingest import IngestReport, Status, ingest_sources
from quotes.db.models import Article, Attribution, Quote, Speaker, SpeakerAlias
from quotes.db.seed import seed
from quotes.db.speakers import resolve_speakers
from quotes.parse import ArticleParse, Method, QuoteCandidate, QuoteKind, SpeakerKind, parse_article
from quotes.parse import Speaker as ParsedSpeaker
from quotes.sources import read_articles

CountRows = Callable[[Engine], dict[str, int]]
NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def write(path: Path, content: str | bytes) -> str:
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return str(path)


def test_seeds_twice_change_no_row_count(
    factory: sessionmaker[Session], engine: Engine, count_rows: CountRows
) -> None:
    first = list(seed(factory))
    assert [outcome.status for outcome in first] == [Status.ADDED, Status.ADDED]
    counts = count_rows(engine)
    assert counts["articles"] == 2 and counts["quotes"] > 0 and counts["speakers"] > 0

    second = list(seed(factory))
    assert [outcome.status for outcome in second] == [Status.PRESENT, Status.PRESENT]
    assert count_rows(engine) == counts


def test_stored_quotes_match_the_article_text(seeded_db: str, session: Session) -> None:
    rows = session.execute(select(Quote.text, Quote.start, Quote.end, Article.text).join(Article)).all()
    assert rows
    for quote_text, start, end, article_text in rows:
        assert article_text[start:end] == quote_text
    quotes_without_parser_attribution = session.scalar(
        select(func.count(Quote.id)).where(
            ~select(Attribution.id)
            .where(Attribution.quote_id == Quote.id, Attribution.origin == "parser")
            .exists()
        )
    )
    assert quotes_without_parser_attribution == 0
    if session.get_bind().dialect.name == "sqlite":  # PostgreSQL enforces foreign keys on every write
        assert session.execute(text("PRAGMA foreign_key_check")).all() == []


def test_seed_article_keeps_headline_and_source(seeded_db: str, session: Session) -> None:
    titles = set(session.scalars(select(Article.title)))
    assert "First heartbreaking footage of Russian men saying goodbye to family to fight leaks out" in titles
    for path in session.scalars(select(Article.source_path)):
        assert path is not None and Path(path).is_absolute() and path.endswith(".txt")


def test_failing_article_leaves_nothing_and_others_go_on(
    backend: str,
    tmp_path: Path,
    template_db: Path,
    factory: sessionmaker[Session],
    engine: Engine,
    count_rows: CountRows,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    good = write(tmp_path / "good.txt", 'Headline\n\n"We will rebuild," the mayor said.\n')
    doomed = write(tmp_path / "doomed.txt", 'Doomed\n\n"Nothing stays," Anna Smith said. "Nothing."\n')

    def failing_resolve(
        session: Session, article: Article, parsed: Sequence[ParsedSpeaker], *, now: datetime
    ) -> dict[int, int]:
        speakers = resolve_speakers(session, article, parsed, now=now)
        session.flush()  # the article, its speaker and aliases are written before the failure
        if article.title == "Doomed":
            raise RuntimeError("disk on fire")
        return speakers

    monkeypatch.setattr(parallel, "parse_article", one_quote_parse)
    monkeypatch.setattr(article_rows, "resolve_speakers", failing_resolve)
    outcomes = list(ingest_sources(factory, read_articles([doomed, good])))
    assert [outcome.status for outcome in outcomes] == [Status.FAILED, Status.ADDED]
    assert "disk on fire" in outcomes[0].message and outcomes[0].label == doomed

    if backend == "sqlite":  # the FTS shadow tables too hold nothing of the failed article
        only_good_path = tmp_path / "only-good.db"
        shutil.copyfile(template_db, only_good_path)
        only_good = make_engine(f"sqlite:///{only_good_path}")
        try:
            list(ingest_sources(make_session_factory(only_good), read_articles([good])))
            assert count_rows(engine) == count_rows(only_good)
        finally:
            only_good.dispose()
    else:
        counts = count_rows(engine)
        assert (counts["articles"], counts["quotes"], counts["attributions"], counts["speakers"]) == (1, 1, 1, 1)
    with factory() as session:
        assert list(session.scalars(select(Article.title))) == ["Headline"]
        assert session.scalar(select(func.count(Quote.id))) == 1


def one_quote_parse(article_text: str, min_confidence: float = 0.5) -> ArticleParse:
    """A parse holding the first straight-quoted span, said by one named person."""
    start = article_text.index('"') + 1
    end = article_text.index('"', start)
    return ArticleParse(
        quotes=(
            QuoteCandidate(
                index=0, start=start, end=end, text=article_text[start:end], paragraph=1,
                kind=QuoteKind.SPEECH, group=0, continues=None, nested_in=None, speaker=0,
                mention=None, cue=None, method=Method.CUE_AFTER, confidence=0.9,
            ),
        ),
        speakers=(ParsedSpeaker(key=0, name="Ann Example", kind=SpeakerKind.PERSON),),
    )


def test_parse_with_wrong_offsets_is_refused(
    tmp_path: Path, factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "a.txt", 'Title\n\n"Quoted words," she said.\n')

    def shifted(article_text: str, min_confidence: float = 0.5) -> ArticleParse:
        parse = one_quote_parse(article_text)
        quote = parse.quotes[0]
        return replace(parse, quotes=(replace(quote, start=quote.start + 1),))

    monkeypatch.setattr(parallel, "parse_article", shifted)
    (outcome,) = ingest_sources(factory, read_articles([path]))
    assert outcome.status is Status.FAILED and "does not match" in outcome.message
    with factory() as session:
        assert session.scalar(select(func.count(Article.id))) == 0


def test_same_name_person_is_one_speaker_unnamed_are_not(
    tmp_path: Path, factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    def parse(article_text: str, min_confidence: float = 0.5) -> ArticleParse:
        first = one_quote_parse(article_text).quotes[0]
        second = replace(first, index=1, speaker=1, start=0, end=5, text=article_text[0:5])
        speakers = (
            ParsedSpeaker(key=0, name="Ann Example", kind=SpeakerKind.PERSON, aliases=("Ms Example",),
                          roles=("mayor",)),
            ParsedSpeaker(key=1, name="a woman", kind=SpeakerKind.UNNAMED),
        )
        return ArticleParse(quotes=(first, second), speakers=speakers)

    monkeypatch.setattr(parallel, "parse_article", parse)
    paths = [write(tmp_path / f"{n}.txt", f'Story {n}\n\n"Words {n}," she said.\n') for n in (1, 2)]
    assert {o.status for o in ingest_sources(factory, read_articles(paths))} == {Status.ADDED}
    with factory() as session:
        kinds = sorted(session.execute(select(Speaker.kind, Speaker.name)).all())
        assert kinds == [("person", "Ann Example"), ("unnamed", "a woman"), ("unnamed", "a woman")]
        aliases = {(alias, article) for alias, article in session.execute(select(SpeakerAlias.alias, SpeakerAlias.article_id))}
        assert {("Ms Example", 1), ("Ms Example", 2)} <= aliases
        ann = session.scalars(select(Speaker).where(Speaker.name == "Ann Example")).one()
        assert ann.description == "mayor"


def test_jsonl_articles_keep_their_metadata(tmp_path: Path, factory: sessionmaker[Session]) -> None:
    path = write(
        tmp_path / "a.jsonl",
        '{"id": "x1", "title": "T", "url": "https://example.org/a", "outlet": "Example News", '
        '"published": "2022-09-22T10:00:00Z", "text": "T\\n\\n\\"Fine,\\" he said."}\n',
    )
    (outcome,) = ingest_sources(factory, read_articles([path]), now=lambda: NOW)
    assert outcome.status is Status.ADDED
    with factory() as session:
        article = session.scalars(select(Article)).one()
        assert (article.external_id, article.title, article.outlet, article.source_line) == (
            "x1", "T", "Example News", 1,
        )
        assert article.published is not None and article.published.isoformat() == "2022-09-22"
        assert article.url == "https://example.org/a"
        assert article.text == 'T\n\n"Fine," he said.'


def test_deleting_an_article_removes_everything_of_it(seeded_db: str, factory: sessionmaker[Session],
                                                      engine: Engine, count_rows: CountRows) -> None:
    with factory.begin() as session:
        for article in session.scalars(select(Article)):
            session.delete(article)
    counts = count_rows(engine)
    for table in ("articles", "quotes", "attributions", "speaker_aliases", "speaker_roles"):
        assert counts[table] == 0, table


def test_continued_and_nested_quotes_link_to_their_rows(tmp_path: Path, factory: sessionmaker[Session]) -> None:
    text_ = (
        'Elmtown\n\n"The bridge will open in May," Mayor Ada Hale said. "Nobody should call it '
        "'a folly' again.\"\n\n\"We waited long enough.\n\n\"Now we build,\" she added.\n"
    )
    path = write(tmp_path / "links.txt", text_)
    parse = parse_article(Path(path).read_text(encoding="utf-8"))
    expected = {
        (q.start, q.end): (
            None if q.continues is None else (parse.quotes[q.continues].start, parse.quotes[q.continues].end),
            None if q.nested_in is None else (parse.quotes[q.nested_in].start, parse.quotes[q.nested_in].end),
        )
        for q in parse.quotes
    }
    assert any(c for c, _ in expected.values()) and any(n for _, n in expected.values())
    (outcome,) = ingest_sources(factory, read_articles([path]))
    assert outcome.status is Status.ADDED
    with factory() as session:
        spans = {row.id: (row.start, row.end) for row in session.scalars(select(Quote))}
        stored = {
            (row.start, row.end): (
                None if row.continues_id is None else spans[row.continues_id],
                None if row.nested_in_id is None else spans[row.nested_in_id],
            )
            for row in session.scalars(select(Quote))
        }
    assert stored == expected


def test_an_interrupt_right_after_a_commit_still_counts_the_article(
    factory: sessionmaker[Session], engine: Engine, tmp_path: Path
) -> None:
    """Ctrl-C landing as the commit returns is held until the article is in the report."""
    paths = [write(tmp_path / f"{n}.txt", f'"We will build it," said Mara Okafor in Elmtown {n}.\n') for n in range(3)]
    report = IngestReport()

    def interrupt(_session: Session) -> None:
        os.kill(os.getpid(), signal.SIGINT)

    event.listen(Session, "after_commit", interrupt)
    try:
        with pytest.raises(KeyboardInterrupt):
            for _ in ingest_sources(factory, read_articles(paths), report=report):
                pass
    finally:
        event.remove(Session, "after_commit", interrupt)
    with factory() as session:
        stored = session.scalar(select(func.count(Article.id)))
    assert stored == report.added == 1
