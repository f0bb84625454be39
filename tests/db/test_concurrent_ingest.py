"""Four `quotes ingest` processes at once give exactly the speakers one process gives, with no failure.

Real processes on one database: on SQLite every write transaction begins IMMEDIATE (no "database is
locked"), on PostgreSQL entity creation is serialised per name key (no two "Cyril Berg" entities).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from quotes.db import migrate
from quotes.db.engine import make_engine, make_session_factory
from quotes.db.ingest import Status, ingest_sources
from quotes.db.models import Article, Speaker, SpeakerAppearance
from quotes.sources import read_articles

GIVEN = ["Cyril", "Mara", "Ivo", "Donna", "Felix", "Greta", "Otto", "Lena", "Arno", "Petra"]
SURNAMES = ["Berg", "Okafor", "Hale", "Roe", "Vance"]
PEOPLE = [f"{given} {surname}" for given in GIVEN for surname in SURNAMES]  # 50 people
ROLES = ["", "", "Treasurer ", "Mayor ", "Councillor "]
WRITERS = 4
ARTICLES = 100

Entities = Counter[tuple[str, str, tuple[str, ...]]]


def write_articles(folder: Path) -> list[Path]:
    """ARTICLES short articles, each quoting two of the 50 people and an unnamed woman, in WRITERS files."""
    rng = random.Random(12)
    paths = [folder / f"part-{n}.jsonl" for n in range(WRITERS)]
    lines: list[list[str]] = [[] for _ in paths]
    for number in range(ARTICLES):
        first, second = rng.sample(PEOPLE, 2)
        text = (
            f"Council vote {number}\n\n"
            f'"The budget holds for year {number}," {rng.choice(ROLES)}{first} said.\n\n'
            f'"We disagree about item {number}," {second} said on Monday.\n\n'
            f'A woman in Elmtown said: "We are waiting for answer {number}."\n'
        )
        lines[number % WRITERS].append(json.dumps({"id": f"vote-{number}", "text": text}))
    for path, part in zip(paths, lines, strict=True):
        path.write_text("\n".join(part) + "\n", encoding="utf-8")
    return paths


def ingest_in_parallel(url: str, paths: list[Path]) -> None:
    """One `quotes ingest` process per file, all started together."""
    command = [sys.executable, "-m", "quotes", "ingest", "--db", url]
    running = [
        subprocess.Popen([*command, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for path in paths
    ]
    for process in running:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert " 0 failed;" in out and "database is locked" not in err, (out, err)


def entities(url: str) -> Entities:
    """Each speaker as (kind, name, the articles it appears in): comparable across databases."""
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            seen: dict[int, list[str]] = {}
            for speaker_id, external_id in session.execute(
                select(SpeakerAppearance.speaker_id, Article.external_id).join(Article)
            ):
                seen.setdefault(speaker_id, []).append(external_id or "")
            rows = session.execute(select(Speaker.id, Speaker.kind, Speaker.name)).all()
    finally:
        engine.dispose()
    return Counter((kind, name, tuple(sorted(seen.get(i, [])))) for i, kind, name in rows)


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_articles(tmp_path_factory.mktemp("articles"))


@pytest.fixture(scope="module")
def one_writer(articles: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Entities:
    """The speakers one writer makes of the articles (in this process, on SQLite)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('one') / 'one.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    try:
        outcomes = list(
            ingest_sources(make_session_factory(engine), read_articles([str(p) for p in articles]))
        )
    finally:
        engine.dispose()
    assert [o.status for o in outcomes] == [Status.ADDED] * ARTICLES
    found = entities(url)
    people = [key for key in found.elements() if key[0] == "person"]
    assert len(people) == len({key[1] for key in people}) > 40  # each person quoted is one entity
    assert sum(len(key[2]) for key in people) == 2 * ARTICLES
    return found


def test_four_sqlite_writers_give_the_entities_of_one(
    articles: list[Path], one_writer: Entities, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'many.db'}"
    migrate.upgrade(url)
    ingest_in_parallel(url, articles)
    assert entities(url) == one_writer


@pytest.mark.postgres
def test_four_postgres_writers_give_the_entities_of_one(
    articles: list[Path], one_writer: Entities, pg_url: str
) -> None:
    migrate.upgrade(pg_url)
    ingest_in_parallel(pg_url, articles)
    assert entities(pg_url) == one_writer
