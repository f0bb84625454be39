"""Parsing elsewhere (worker processes, a Dask cluster) stores exactly what parsing here stores; any
number of ingest processes can write to one database at once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from archive import dump, speaker_names, write_archive
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.engine import make_engine, make_session_factory
from quotes.db.ingest import Status, ingest_sources
from quotes.db.models import Article
from quotes.parallel import InlinePool, ParsePool, ProcessPool
from quotes.sources import read_articles

ARCHIVE_SIZE = 12


@pytest.fixture
def reference(tmp_path: Path, template_db: Path) -> tuple[list[tuple[object, ...]], list[str]]:
    """The archive ingested by one process into a new SQLite database: its quotes and its speakers."""
    path = tmp_path / "reference.db"
    shutil.copyfile(template_db, path)
    engine = make_engine(f"sqlite:///{path}")
    try:
        factory = make_session_factory(engine)
        archive = write_archive(tmp_path / "archive.jsonl", ARCHIVE_SIZE)
        with InlinePool() as pool:
            outcomes = list(ingest_sources(factory, read_articles([str(archive)]), pool=pool))
        assert [o.status for o in outcomes] == [Status.ADDED] * ARCHIVE_SIZE
        return dump(factory), speaker_names(factory)
    finally:
        engine.dispose()


def ingest_with(pool: ParsePool, factory: sessionmaker[Session], archive: Path) -> list[Status]:
    return [o.status for o in ingest_sources(factory, read_articles([str(archive)]), pool=pool)]


def test_worker_processes_store_what_one_process_stores(
    reference: tuple[list[tuple[object, ...]], list[str]], factory: sessionmaker[Session], tmp_path: Path
) -> None:
    archive = tmp_path / "archive.jsonl"
    with ProcessPool(2) as pool:
        assert ingest_with(pool, factory, archive) == [Status.ADDED] * ARCHIVE_SIZE
        assert ingest_with(pool, factory, archive) == [Status.PRESENT] * ARCHIVE_SIZE
    assert (dump(factory), speaker_names(factory)) == reference


def test_a_dask_cluster_stores_what_one_process_stores(
    reference: tuple[list[tuple[object, ...]], list[str]], factory: sessionmaker[Session], tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    from quotes.parallel import DaskPool

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, DaskPool(cluster.scheduler_address) as pool:
        assert pool.window > 0
        assert ingest_with(pool, factory, tmp_path / "archive.jsonl") == [Status.ADDED] * ARCHIVE_SIZE
    assert (dump(factory), speaker_names(factory)) == reference


def test_many_writers_lose_nothing_and_store_nothing_twice(db_url: str, tmp_path: Path) -> None:
    """Three ingest processes on overlapping archives at once."""
    archives = [write_archive(tmp_path / f"part{n}.jsonl", 8, start=4 * n) for n in range(3)]
    env = {key: value for key, value in os.environ.items() if key != "QUOTES_DB"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "quotes", "ingest", "--quiet", "--jobs", "1", "--db", db_url, str(path)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        for path in archives
    ]
    results = [(proc.wait(timeout=300), proc.communicate()) for proc in procs]
    assert [code for code, _ in results] == [0, 0, 0], [err for _, (_, err) in results]
    assert all(err == "" for _, (_, err) in results)
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            ids = connection.execute(select(Article.external_id)).scalars().all()
            assert sorted(str(i) for i in ids) == sorted(f"elm-{n}" for n in range(16))
            assert connection.execute(select(func.count()).select_from(Article)).scalar_one() == 16
    finally:
        engine.dispose()
