"""Ingest's fast path: rows sent by the DB-API cursor store what SQLAlchemy would store; the text-hash
look-ups of several articles in one query still skip stored and repeated texts without parsing them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import cast

import pytest
from sqlalchemy import Table, bindparam, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from quotes import parallel
from quotes.db.bulk import BulkQuery, BulkStatement
from quotes.db.ingest import Status, ingest_sources
from quotes.db.models import Article, SpeakerAlias, SpeakerAppearance
from quotes.parse import ArticleParse, parse_article
from quotes.sources import SourceArticle

NOW = datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=UTC)
APPEARANCES = cast(Table, SpeakerAppearance.__table__)
APPEARANCE_KEYS = "article_id speaker_id name kind ordinal anonymous rule confidence evidence origin created_at"


def _article_and_speaker(session: Session) -> tuple[int, int]:
    """An article and a speaker stored through the ORM, for rows that refer to them."""
    from quotes.db.models import Speaker

    article = Article(content_hash="0" * 64, text="Okafor spoke.", ingested_at=NOW)
    speaker = Speaker(name="Ada Okafor", kind="person", created_at=NOW)
    session.add_all([article, speaker])
    session.flush()
    return article.id, speaker.id


@pytest.mark.parametrize(
    ("name", "evidence"),
    [
        ("Ada Okafor", "plain"),
        ("Zoe\u0308 Hale", "decomposed e\u0308 kept as given"),  # the name column stores NFC, evidence as is
        ("Ro\u200be", "a zero-width space"),
    ],
)
def test_bulk_rows_are_what_sqlalchemy_stores(
    factory: sessionmaker[Session], name: str, evidence: str
) -> None:
    bulk = BulkStatement(insert(APPEARANCES), APPEARANCE_KEYS.split())
    with factory.begin() as session:
        article_id, speaker_id = _article_and_speaker(session)
        rows = [
            {"article_id": article_id, "speaker_id": speaker_id, "name": name, "kind": "person",
             "ordinal": ordinal, "anonymous": ordinal == 1, "rule": "no-match", "confidence": 0.25 * ordinal or None,
             "evidence": evidence, "origin": "parser", "created_at": NOW}
            for ordinal in range(2)
        ]  # fmt: skip
        session.execute(insert(APPEARANCES), rows)  # SQLAlchemy's way
        bulk.execute(session.connection(), [{**row, "ordinal": ordinal + 2} for ordinal, row in enumerate(rows)])
        columns = [APPEARANCES.c[key] for key in APPEARANCE_KEYS.split() if key != "ordinal"]
        stored = session.execute(select(*columns).order_by(APPEARANCES.c.ordinal)).all()
    assert stored[:2] == stored[2:]


@pytest.mark.parametrize("count", [0, 1, 3, 40])
def test_bulk_query_rows_are_what_sqlalchemy_reads(factory: sessionmaker[Session], count: int) -> None:
    from quotes.db.models import Speaker, SpeakerKey

    keys = cast(Table, SpeakerKey.__table__)
    statement = (
        select(keys.c.speaker_id, keys.c.key)
        .where(
            keys.c.speaker_id.in_(bindparam("ids", expanding=True)),
            keys.c.key.in_(bindparam("keys", expanding=True)),
            keys.c.speaker_id > bindparam("above", 0),  # a plain parameter, given or left to its default
        )
        .order_by(keys.c.speaker_id, keys.c.key)
    )
    query = BulkQuery(statement)
    with factory.begin() as session:
        speakers = [Speaker(name=f"Ada Okafor {n}", kind="person", created_at=NOW) for n in range(50)]
        session.add_all(speakers)
        session.flush()
        session.execute(insert(keys), [{"speaker_id": s.id, "key": f"k{n % 7}"} for n, s in enumerate(speakers)])
        ids = [s.id for s in speakers[:count]] + [-1]  # one that is not there
        wanted = ["k1", "k3", "it's \"quoted\""]
        for above in (None, ids[0] if count else 0):
            given: dict[str, object] = {"ids": ids, "keys": wanted}
            if above is not None:
                given["above"] = above
            expected = [tuple(row) for row in session.execute(statement, given)]
            assert query.rows(session.connection(), given) == expected
            assert query.rows(session.connection(), {**given, "ids": tuple(ids)}) == expected
        assert count < 3 or expected


def test_bulk_insert_must_give_columns_with_python_defaults() -> None:
    with pytest.raises(ValueError, match="alias_folded"):
        BulkStatement(insert(cast(Table, SpeakerAlias.__table__)), ["speaker_id", "alias", "article_id", "origin"])


def test_bulk_errors_are_sqlalchemy_errors_without_the_parameters(factory: sessionmaker[Session]) -> None:
    bulk = BulkStatement(insert(APPEARANCES), APPEARANCE_KEYS.split())
    with factory() as session:
        article_id, speaker_id = _article_and_speaker(session)
        row = {"article_id": article_id, "speaker_id": speaker_id, "name": "Hale", "kind": "person", "ordinal": 0,
               "anonymous": False, "rule": "no-match", "confidence": None, "evidence": "secret-evidence",
               "origin": "parser", "created_at": NOW}  # fmt: skip
        with pytest.raises(IntegrityError) as raised:
            bulk.execute(session.connection(), [row, row])  # the same (article, kind, name, ordinal) twice
        assert "secret-evidence" not in str(raised.value)
        session.rollback()


def test_stored_and_repeated_texts_are_not_parsed_again(
    factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [f'Story {n}\n\n"We will build {n} bridges," said Ada Okafor, the mayor of Elmtown.\n' for n in range(5)]
    parsed: list[str] = []

    def counting_parse(text: str, min_confidence: float = 0.0) -> ArticleParse:
        parsed.append(text)
        return parse_article(text, min_confidence)

    monkeypatch.setattr(parallel, "parse_article", counting_parse)

    def sources(numbers: list[int]) -> list[SourceArticle]:
        return [SourceArticle(source_id=str(i), path=f"{i}.txt", line=None, text=texts[n]) for i, n in enumerate(numbers)]  # fmt: skip

    first = [o.status for o in ingest_sources(factory, sources([0, 1, 1, 2]), now=lambda: NOW)]
    assert first == [Status.ADDED, Status.ADDED, Status.PRESENT, Status.ADDED]
    assert len(parsed) == 3  # the repeat within the batch is not parsed
    second = list(ingest_sources(factory, sources([2, 3, 0, 4]), now=lambda: NOW))
    assert [o.status for o in second] == [Status.PRESENT, Status.ADDED, Status.PRESENT, Status.ADDED]
    assert len(parsed) == 5 and second[0].article_id == 3 and second[2].article_id == 1


def test_inserted_ids_are_each_rows_id_in_order(factory: sessionmaker[Session], backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("inserted_ids reads SQLite's lastrowid")
    bulk = BulkStatement(insert(APPEARANCES), APPEARANCE_KEYS.split())
    with factory.begin() as session:
        article_id, speaker_id = _article_and_speaker(session)
        rows = [
            {"article_id": article_id, "speaker_id": speaker_id, "name": f"Hale {ordinal}", "kind": "person",
             "ordinal": 0, "anonymous": False, "rule": "no-match", "confidence": None, "evidence": "",
             "origin": "parser", "created_at": NOW}
            for ordinal in (3, 1, 2)
        ]  # fmt: skip
        ids = bulk.inserted_ids(session.connection(), rows)
        stored = {row.id: row.name for row in session.execute(select(APPEARANCES.c.id, APPEARANCES.c.name))}
    assert [stored[i] for i in ids] == ["Hale 3", "Hale 1", "Hale 2"]


def test_an_article_stored_twice_on_sqlite_is_present_not_failed(factory: sessionmaker[Session]) -> None:
    text = '"The bridge opens in May," said Ada Okafor, the mayor of Elmtown.\n'
    source = SourceArticle(source_id="a", path="a.txt", line=None, text=text)
    parse = parse_article(text)
    from quotes.db.ingest import content_hash, store_parsed

    first = store_parsed(factory, source, parse, digest=content_hash(text), now=NOW)
    again = store_parsed(factory, source, parse, digest=content_hash(text), now=NOW)
    assert (first.status, again.status) == (Status.ADDED, Status.PRESENT)
    assert again.article_id == first.article_id


def test_a_connection_that_stores_articles_has_the_writer_settings(
    factory: sessionmaker[Session], backend: str
) -> None:
    if backend != "sqlite":
        pytest.skip("a SQLite setting")
    from quotes.db.ingest import WRITER_CACHE_KIB, WRITER_CHECKPOINT_PAGES, WRITER_WAL_LIMIT_BYTES

    settings = ("cache_size", "wal_autocheckpoint", "journal_size_limit")
    source = SourceArticle(source_id="a", path="a.txt", line=None, text='"Yes," said Ada Okafor.\n')

    def read(session: Session) -> tuple[object, ...]:
        return tuple(session.connection().exec_driver_sql(f"PRAGMA {name}").scalar() for name in settings)

    with factory() as session:
        default = read(session)
    assert [o.status for o in ingest_sources(factory, [source], now=lambda: NOW)] == [Status.ADDED]
    with factory() as session:  # the pool's one connection, which stored the article
        stored = read(session)
    assert stored == (-WRITER_CACHE_KIB, WRITER_CHECKPOINT_PAGES, WRITER_WAL_LIMIT_BYTES)
    assert all(a != b for a, b in zip(stored, default, strict=True))
