"""Parsing elsewhere (worker processes, a Dask cluster) stores exactly what parsing here stores; the
writer parses what the pool has not been sent whenever it would otherwise wait; any number of ingest
processes can write to one database at once."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections import deque
from concurrent.futures import Future
from pathlib import Path
from types import SimpleNamespace

import pytest
from archive import dump, speaker_names, write_archive
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.engine import make_engine, make_session_factory
from quotes.db.ingest import Status, ingest_sources
from quotes.db.models import Article
from quotes.parallel import (
    PIPE_BUDGET,
    SENT_PER_WORKER,
    InlinePool,
    ParsePool,
    ParseQueue,
    ParseResult,
    ProcessPool,
    parse_text,
)
from quotes.parse.rules import DEFAULT_MIN_CONFIDENCE
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


class StalledParse:
    """A parse sent to a worker that does it only once the writer waits for it (never done before);
    `started` when a worker has it already (it can no longer be cancelled)."""

    def __init__(self, text: str, min_confidence: float, waited: list[str], *, started: bool) -> None:
        self.text, self.min_confidence, self.waited, self.started = text, min_confidence, waited, started
        self.parse: ParseResult | None = None
        self.cancelled = False

    def done(self) -> bool:
        return self.parse is not None

    def cancel(self) -> bool:
        self.cancelled = not self.started and self.parse is None
        return self.cancelled

    def result(self) -> ParseResult:
        if self.parse is None:
            self.waited.append(self.text)
            self.parse = parse_text(self.text, self.min_confidence)
        return self.parse


class StalledPool:
    """A pool whose worker never gets ahead of the writer: the writer must parse the rest itself.
    `queued` parses are sent at once; the first `started` of them were handed to a worker."""

    window = 5

    def __init__(self, *, queued: int = 2, steals: bool = False, started: int = 0) -> None:
        self.queued, self.steals, self.started = queued, steals, started
        self.sent: list[str] = []
        self.waited: list[str] = []
        self.futures: list[StalledParse] = []

    def submit(self, text: str, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> StalledParse:
        self.sent.append(text)
        self.futures.append(StalledParse(text, min_confidence, self.waited, started=len(self.sent) <= self.started))
        return self.futures[-1]


class EagerPool:
    """A pool whose parses are ready as soon as they are sent: the writer never parses."""

    window = 5
    queued = 2
    steals = True

    def __init__(self) -> None:
        self.sent: list[str] = []

    def submit(self, text: str, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Future[ParseResult]:
        self.sent.append(text)
        return InlinePool().submit(text, min_confidence)


TEXTS = [f'"We will open the {n}th bridge," said Mayor Ada Hale in Elmtown.\n' for n in range(8)]


def test_the_writer_parses_what_was_not_sent_while_the_pool_is_busy() -> None:
    pool = StalledPool()
    queue = ParseQueue(pool)
    parses = [queue.add(text) for text in TEXTS[:5]]
    assert pool.sent == TEXTS[:2]  # no more than `queued` at once
    assert queue.result(parses[0]) == parse_text(TEXTS[0])
    # the pool's parse of the first article was not ready: the writer parsed all three unsent ones,
    # then waited for the pool (nothing else left to parse)
    assert (queue.parsed_here, pool.waited) == (3, [TEXTS[0]])
    assert [queue.result(parse) for parse in parses] == [parse_text(text) for text in TEXTS[:5]]
    assert (queue.parsed_here, pool.sent, pool.waited) == (3, TEXTS[:2], TEXTS[:2])
    later = queue.add(TEXTS[5])  # the pool has room again
    assert pool.sent == [*TEXTS[:2], TEXTS[5]]
    assert queue.result(later) == parse_text(TEXTS[5])


def test_the_writer_takes_back_the_newest_parses_no_worker_has_started() -> None:
    pool = StalledPool(queued=5, steals=True, started=2)
    queue = ParseQueue(pool)
    parses = [queue.add(text) for text in TEXTS[:5]]
    assert pool.sent == TEXTS[:5]
    assert queue.result(parses[0]) == parse_text(TEXTS[0])
    # the newest three were cancelled and parsed here, newest first; the second one is a worker's
    assert [future.cancelled for future in pool.futures] == [False, False, True, True, True]
    assert (queue.parsed_here, queue.taken_back, pool.waited) == (3, 3, [TEXTS[0]])
    assert [queue.result(parse) for parse in parses] == [parse_text(text) for text in TEXTS[:5]]
    assert pool.waited == TEXTS[:2]


def test_a_pool_that_does_not_steal_keeps_what_it_was_sent() -> None:
    pool = StalledPool(queued=5, steals=False)
    queue = ParseQueue(pool)
    parses = [queue.add(text) for text in TEXTS[:5]]
    assert [queue.result(parse) for parse in parses] == [parse_text(text) for text in TEXTS[:5]]
    assert (queue.parsed_here, pool.waited) == (0, TEXTS[:5])


def test_the_writer_parses_nothing_while_the_pool_keeps_up() -> None:
    pool = EagerPool()
    queue = ParseQueue(pool)
    for text in TEXTS:
        assert queue.result(queue.add(text)) == parse_text(text)
    assert (queue.parsed_here, pool.sent) == (0, TEXTS)


def test_with_no_pool_the_writer_parses_everything() -> None:
    queue = ParseQueue(InlinePool())
    assert [queue.result(queue.add(text)) for text in TEXTS] == [parse_text(text) for text in TEXTS]
    assert queue.parsed_here == len(TEXTS)


def test_a_worker_that_dies_fails_the_articles_it_held_and_the_writer_parses_the_rest() -> None:
    with ProcessPool(1) as pool:
        assert pool.submit(TEXTS[0]).result() == parse_text(TEXTS[0])  # the worker is up
        (pid,) = pool.pids
        os.kill(pid, signal.SIGSTOP)  # it cannot parse what it is sent now
        held = [pool.submit(text) for text in TEXTS[1 : 1 + SENT_PER_WORKER]]
        backlog = pool.submit(TEXTS[1 + SENT_PER_WORKER])
        assert backlog.cancel() and not held[0].cancel()  # the backlog is the writer's to take back
        later = pool.submit(TEXTS[2 + SENT_PER_WORKER])
        os.kill(pid, signal.SIGKILL)
        assert [parse.result() for parse in held] == [
            "parser failed: its worker process stopped (exit code -9)"
        ] * SENT_PER_WORKER
        assert later.result() == parse_text(TEXTS[2 + SENT_PER_WORKER])  # parsed here: no worker left


@pytest.mark.parametrize(
    ("queued", "text", "room"),
    [
        ((), 200_000, True),  # an idle worker takes any article
        ((100,), 30_000, True),  # behind the one it parses: what fits the pipe's budget
        ((100, 30_000), 18_000, True),
        ((100, 30_000), 18_001, False),  # would pass PIPE_BUDGET bytes queued behind the first
        ((100, 10, 10, 10), 10, False),  # SENT_PER_WORKER already sent
    ],
)
def test_a_worker_is_sent_no_more_than_its_pipe_holds_without_blocking(
    queued: tuple[int, ...], text: int, room: bool
) -> None:
    assert PIPE_BUDGET == 48_000 and SENT_PER_WORKER == 4  # the table is written for these
    worker = SimpleNamespace(sent=deque(SimpleNamespace(text="x" * size) for size in queued))
    assert ProcessPool._has_room(worker, SimpleNamespace(text="x" * text)) is room  # type: ignore[arg-type]
    assert ProcessPool._has_room(  # bytes, not characters: four bytes each in the pipe
        SimpleNamespace(sent=deque([SimpleNamespace(text="x")])), SimpleNamespace(text="\U0001F600" * 12_001)  # type: ignore[arg-type]
    ) is False


def test_articles_larger_than_the_pipe_come_back_whole_and_in_order() -> None:
    texts = [TEXTS[n % len(TEXTS)] * repeat for n, repeat in enumerate((1, 900, 3, 400, 2, 1200, 1, 1))]
    with ProcessPool(1) as pool:
        parses = [pool.submit(text) for text in texts]
        assert [parse.result() for parse in parses] == [parse_text(text) for text in texts]


@pytest.mark.parametrize("steals", [False, True])
def test_sharing_the_parses_with_the_writer_stores_what_one_process_stores(
    reference: tuple[list[tuple[object, ...]], list[str]], factory: sessionmaker[Session], tmp_path: Path,
    steals: bool,
) -> None:
    pool = StalledPool(steals=steals, queued=3, started=1)
    assert ingest_with(pool, factory, tmp_path / "archive.jsonl") == [Status.ADDED] * ARCHIVE_SIZE
    parsed_by_pool = len(pool.waited)
    assert 0 < parsed_by_pool < ARCHIVE_SIZE  # some parsed by the pool, the rest by the writer
    assert (dump(factory), speaker_names(factory)) == reference


@pytest.mark.parametrize("workers", [1, 2])
def test_worker_processes_store_what_one_process_stores(
    reference: tuple[list[tuple[object, ...]], list[str]], factory: sessionmaker[Session], tmp_path: Path,
    workers: int,
) -> None:
    archive = tmp_path / "archive.jsonl"
    with ProcessPool(workers) as pool:
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
