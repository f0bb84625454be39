"""Speaker counts kept in step by every write path: ingest, reparse and each correction, ORM changes and
bulk statements alike (the `factory` fixture also checks this after every database test)."""

from __future__ import annotations

from newsroom import NOW, Newsroom, Said
from sqlalchemy import literal, select, update
from sqlalchemy.orm import Session, sessionmaker

from quotes.db import corrections
from quotes.db.models import Attribution, Quote, SpeakerStats
from quotes.db.repo import QuoteQuery, count_quotes, iter_quotes
from quotes.db.stats import rebuild_speaker_stats, stats_drift


def kept(session: Session, speaker_id: int) -> tuple[int, int, int]:
    row = session.execute(
        select(SpeakerStats.quotes, SpeakerStats.speech, SpeakerStats.articles).where(
            SpeakerStats.speaker_id == speaker_id
        )
    ).one_or_none()
    return (0, 0, 0) if row is None else (row[0], row[1], row[2])


def in_step(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        assert stats_drift(session) == []


def test_every_write_path_keeps_counts_in_step(factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Jane Roe"), Said("Tom Hale"))
    room.store("Two", Said("Jane Roe"))
    in_step(factory)
    roe, hale = room.one("Jane Roe").id, room.one("Tom Hale").id
    with factory() as session:
        assert kept(session, roe) == (2, 2, 2) and kept(session, hale) == (1, 1, 1)
        assert count_quotes(session, QuoteQuery(speaker_id=roe)) == 2
        hale_quote = next(iter_quotes(session, QuoteQuery(speaker_id=hale))).id

    with factory.begin() as session:  # a quote reassigned by hand moves one count
        corrections.reassign_quote(session, hale_quote, "Jane Roe", now=NOW)
    in_step(factory)
    with factory() as session:
        assert kept(session, roe) == (3, 3, 2) and kept(session, hale) == (0, 0, 0)
    with factory.begin() as session:  # and back when the manual attribution is cleared
        corrections.reassign_quote(session, hale_quote, None, now=NOW)
    in_step(factory)

    with factory.begin() as session:
        corrections.split_speaker(session, str(roe), article_ids=[2], quote_ids=[], name=None, now=NOW)
    in_step(factory)
    with factory() as session:
        assert kept(session, roe) == (1, 1, 1)

    room.reparse()
    in_step(factory)


def test_bulk_statements_and_kind_changes_are_counted(factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Jane Roe"), Said("Tom Hale"))
    roe, hale = room.one("Jane Roe").id, room.one("Tom Hale").id
    with factory.begin() as session:
        session.execute(update(Attribution).where(Attribution.speaker_id == hale).values(speaker_id=roe))
    in_step(factory)
    with factory.begin() as session:
        quote = session.scalars(select(Quote).order_by(Quote.id).limit(1)).one()
        quote.kind = "partial"
    in_step(factory)
    with factory() as session:
        assert kept(session, roe) == (2, 1, 1)


def test_a_rollback_leaves_counts_alone(factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Jane Roe"))
    with factory() as session:
        session.execute(update(Attribution).values(speaker_id=None))
        session.rollback()
        session.commit()
    in_step(factory)


def test_rebuild_repairs_counts(factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Jane Roe"), Said("Tom Hale"))
    with factory.begin() as session:
        session.execute(update(SpeakerStats).values(quotes=99))
    with factory() as session:
        assert stats_drift(session)
    with factory.begin() as session:
        rebuild_speaker_stats(session)
    in_step(factory)


def test_rows_inserted_by_statement_are_counted(factory: sessionmaker[Session]) -> None:
    from sqlalchemy import insert

    room = Newsroom(factory)
    room.store("One", Said("Jane Roe"), Said("Tom Hale"))
    roe = room.one("Jane Roe").id
    with factory.begin() as session:
        article_id, quote_id = session.execute(select(Quote.article_id, Quote.id).limit(1)).one()
        new_quote = session.execute(
            insert(Quote).returning(Quote.id),
            [{"article_id": article_id, "start": 0, "end": 1, "text": "x", "paragraph": 0, "kind": "speech",
              "group_number": 99}],
        ).scalar_one()
        session.execute(
            insert(Attribution),
            [{"quote_id": new_quote, "speaker_id": roe, "method": "manual", "confidence": 1.0,
              "origin": "parser", "created_at": NOW}],
        )
    in_step(factory)
    with factory() as session:
        assert kept(session, roe)[0] == 2
    with factory.begin() as session:  # rows the statement cannot name: everything is counted again
        session.execute(
            insert(Attribution).from_select(
                ["quote_id", "speaker_id", "method", "confidence", "origin", "created_at"],
                select(Quote.id, Attribution.speaker_id, Attribution.method, Attribution.confidence,
                       literal("manual"), Attribution.created_at)
                .join(Attribution, Attribution.quote_id == Quote.id)
                .where(Quote.id == quote_id),
            )
        )
    in_step(factory)
