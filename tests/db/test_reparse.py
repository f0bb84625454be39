"""`reparse`: applies a new parse per article, reports the changes, keeps manual work, is idempotent."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newsroom import NOW, Newsroom, Said, crafted
from sqlalchemy import Engine, delete, inspect, select, text
from sqlalchemy.orm import Session, sessionmaker

from quotes.db import corrections
from quotes.db.ingest import Status, ingest_sources
from quotes.db.models import Attribution, Quote, Speaker, SpeakerAppearance, SpeakerKey, SpeakerSummary
from quotes.db.repo import list_quotes
from quotes.db.speaker_views import speaker_summaries
from quotes.parse import ArticleParse, SpeakerKind
from quotes.sources import read_articles

PESKOV_ARTICLE = """Moscow denies exodus of reservists

Kremlin spokesman Dmitry Peskov told reporters on Friday: "There is no panic."

"The reports are false," Peskov said.
"""
SEED_SPEECH = {"Dmitry Peskov": 1, "Eva Levenberg": 2, "Yanina Nimaeva": 2, "Oleg": 9, "Evgeny": 4}


def snapshot(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (FTS tables included), in a stable order."""
    with engine.connect() as connection:
        names = sorted(inspect(connection).get_table_names())
        return {
            name: sorted(tuple(row) for row in connection.execute(text(f'SELECT * FROM "{name}"')))
            for name in names
            if name != "quote_fts_config"
        }


def seeds_and_peskov(factory: sessionmaker[Session], tmp_path: Path) -> None:
    path = tmp_path / "peskov.txt"
    path.write_text(PESKOV_ARTICLE, encoding="utf-8")
    assert [o.status for o in ingest_sources(factory, read_articles([str(path)]))] == [Status.ADDED]


def test_reparse_without_parser_changes_changes_nothing(
    seeded_db: str, factory: sessionmaker[Session], engine: Engine, tmp_path: Path
) -> None:
    seeds_and_peskov(factory, tmp_path)
    before = snapshot(engine)
    room = Newsroom(factory)
    for _ in range(2):
        changes = room.reparse()
        assert [c.article_id for c in changes] == [1, 2, 3]
        assert not any(c.changed or c.failed for c in changes)
        assert snapshot(engine) == before


def test_reparse_reports_added_removed_and_reattributed_quotes(factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    room.store("Other", Said("Boris Ivanov"))
    room.store("One", Said("Anna Petrova"), Said("Boris Ivanov"))
    article_text, old = crafted("One", [Said("Anna Petrova"), Said("Boris Ivanov")])
    first, _ = old.quotes
    headline = replace(first, index=2, start=0, end=3, text="One", paragraph=0, group=2)

    def upgraded(text_: str) -> ArticleParse:
        if text_ != article_text:
            return room.parse(text_)
        return replace(old, quotes=(replace(first, speaker=1), replace(headline, index=1)))

    by_article = {c.article_id: c for c in room.reparse(upgraded)}
    changes = by_article[2]
    assert (changes.added, changes.removed, changes.reattributed) == (1, 1, 1)
    assert changes.describe() == "1 added, 1 removed, 1 re-attributed"
    assert not by_article[1].changed
    with factory() as session:
        rows = list_quotes(session, article_id=2)
    assert [(row.text, row.speaker) for row in rows] == [
        ("One", "Anna Petrova"),
        (first.text, "Boris Ivanov"),
    ]
    assert room.one("Boris Ivanov").articles == 2
    assert not any(c.changed for c in room.reparse(upgraded))


def test_a_quote_with_a_manual_attribution_is_kept_or_its_attribution_moves(
    factory: sessionmaker[Session],
) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Anna Petrova"), Said("Boris Ivanov"))
    _, old = crafted("One", [Said("Anna Petrova"), Said("Boris Ivanov")])
    first, second = old.quotes
    with factory.begin() as session:
        corrections.reassign_quote(session, 1, "Boris Ivanov", now=NOW)
        corrections.reassign_quote(session, 2, "Anna Petrova", now=NOW)
    shorter = replace(second, end=second.end - 3, text=second.text[:-3])

    def upgraded(text_: str) -> ArticleParse:
        return replace(old, quotes=(replace(shorter, index=0),))

    (changes,) = room.reparse(upgraded)
    assert (changes.kept, changes.moved, changes.added, changes.removed) == (1, 1, 1, 0)
    with factory() as session:
        rows = {row.text: (row.speaker, row.method) for row in list_quotes(session)}
    assert rows == {first.text: ("Boris Ivanov", "manual"), shorter.text: ("Anna Petrova", "manual")}
    (again,) = room.reparse(upgraded)
    assert not again.changed


def test_an_article_whose_parse_fails_is_left_as_it_was_and_the_others_go_on(
    factory: sessionmaker[Session], engine: Engine
) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Anna Petrova"))
    doomed = room.store("Two", Said("Boris Ivanov"))
    before = snapshot(engine)

    def failing(text_: str) -> ArticleParse:
        parse = room.parse(text_)
        if text_.startswith("Two"):
            bad = replace(parse.quotes[0], start=parse.quotes[0].start + 1)
            return replace(parse, quotes=(bad,))
        return parse

    changes = room.reparse(failing)
    assert [(c.article_id, bool(c.failed)) for c in changes] == [(1, False), (doomed, True)]
    assert "does not match" in (changes[1].failed or "")
    assert snapshot(engine) == before


def test_reparse_resolves_a_database_stored_before_speaker_identity(
    seeded_db: str, factory: sessionmaker[Session], tmp_path: Path
) -> None:
    """A database ingested before speaker keys and appearances existed gets them from a reparse."""
    seeds_and_peskov(factory, tmp_path)
    with factory.begin() as session:
        session.execute(delete(SpeakerAppearance))
        session.execute(delete(SpeakerKey))
        session.execute(delete(SpeakerSummary))
        before = len(session.scalars(select(Speaker.id)).all())
    changes = Newsroom(factory).reparse()
    assert not any(c.failed for c in changes)
    with factory() as session:
        rows = {row.name: row for row in speaker_summaries(session)}
        speakers = len(session.scalars(select(Speaker.id)).all())
        unused = session.scalars(
            select(Speaker.id).where(
                ~select(SpeakerAppearance.id).where(SpeakerAppearance.speaker_id == Speaker.id).exists(),
                ~select(Attribution.id).where(Attribution.speaker_id == Speaker.id).exists(),
            )
        ).all()
    assert speakers == before and unused == []
    assert rows["Dmitry Peskov"].articles == 2
    assert {name: rows[name].speech for name in SEED_SPEECH} == {**SEED_SPEECH, "Dmitry Peskov": 3}


def test_speakers_the_parser_no_longer_finds_go_unless_a_person_named_them(
    factory: sessionmaker[Session],
) -> None:
    room = Newsroom(factory)
    room.store("One", Said("a woman", SpeakerKind.UNNAMED), Said("Boris Ivanov"), Said("Anna Petrova"))
    _, old = crafted(
        "One", [Said("a woman", SpeakerKind.UNNAMED), Said("Boris Ivanov"), Said("Anna Petrova")]
    )
    with factory.begin() as session:
        corrections.rename_speaker(session, "Anna Petrova", "Anna Petrova-Smirnova", now=NOW)
    a_woman, _, anna = old.quotes
    renamed = replace(old.speakers[0], name="a woman in Moscow")

    def upgraded(text_: str) -> ArticleParse:
        return replace(
            old, speakers=(renamed, old.speakers[1]), quotes=(a_woman, replace(anna, speaker=None))
        )

    (changes,) = room.reparse(upgraded)
    assert (changes.removed, changes.reattributed) == (1, 2)  # the woman's new description: a new speaker
    names = sorted(row.name for row in room.speakers())
    assert names == ["Anna Petrova-Smirnova", "Boris Ivanov", "a woman in Moscow"]
    assert room.one("Boris Ivanov").quotes == 0  # still in the article's parse, without a quote
    with factory() as session:
        assert session.scalars(select(Quote.id)).all() == [1, 3]


def test_reparse_keeps_the_appearance_of_a_name_written_in_decomposed_unicode(
    factory: sessionmaker[Session], engine: Engine, tmp_path: Path
) -> None:
    """Names are stored in NFC; the parser gives the text's own spelling. A reparse that compared the
    two would see a new appearance, drop the old one and resolve the speaker again."""
    path = tmp_path / "decomposed.txt"
    path.write_text(
        'Harbour plan approved\n\nMayor Zoe\u0308 Okafor said: "We will rebuild the pier."\n\n'
        '"It took three years," Okafor said.\n',
        encoding="utf-8",
    )
    assert [o.status for o in ingest_sources(factory, read_articles([str(path)]))] == [Status.ADDED]
    with factory() as session:
        assert session.scalars(select(SpeakerAppearance.name)).all() == ["Zo\u00eb Okafor"]
    before = snapshot(engine)
    changes = Newsroom(factory).reparse()
    assert not any(c.changed or c.failed for c in changes)
    assert snapshot(engine) == before
