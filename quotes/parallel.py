"""Where articles are parsed during ingest: here, in worker processes, or on a Dask cluster.

Parsing is pure CPU work on one article's text, so it spreads well; writing stays in the process that
runs `quotes ingest` (one writer, one transaction per article). Every pool has the same two parts:
`submit(text)` returning a future of the parse (or of a one-line failure message), and `window`, how
many articles may be in flight, which bounds memory on an archive of any size.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType
from typing import Any, Protocol, Self

from quotes.parse import ArticleParse, parse_article
from quotes.parse.rules import DEFAULT_MIN_CONFIDENCE

ParseResult = ArticleParse | str  # the parse, or why it failed
IN_FLIGHT_PER_WORKER = 8
CONNECT_TIMEOUT_S = 30


class PoolError(Exception):
    """The parsing pool cannot be set up (a missing extra, an unreachable cluster); the message says why."""


class PendingParse(Protocol):
    """A parse under way: a concurrent.futures or a Dask future."""

    def result(self) -> ParseResult: ...


def parse_text(text: str, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> ParseResult:
    """Parse one article; a parser failure is returned as its message so one article cannot stop a batch.

    Runs in worker processes and on Dask workers: a top-level function, so it pickles by name.
    """
    try:
        return parse_article(text, min_confidence)
    except Exception as error:  # noqa: BLE001  (one article's parser failure must not stop the others)
        first_line = (str(error).splitlines() or [""])[0]
        return f"parser failed: {type(error).__name__}: {first_line}"


def available_cores() -> int:
    """The cores this process may run on (its affinity mask where the OS has one), at least 1."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


class ParsePool(Protocol):
    window: int

    def submit(self, text: str, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> PendingParse: ...


class InlinePool:
    """Parses in this process, at once: the one-job pool."""

    window = 0

    def submit(self, text: str, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Future[ParseResult]:
        future: Future[ParseResult] = Future()
        future.set_result(parse_text(text, min_confidence))
        return future

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the main process, which stops them after the article being written."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class ProcessPool:
    """`jobs` worker processes parsing while this process writes."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.window = jobs * IN_FLIGHT_PER_WORKER
        if os.name == "posix":
            context: Any = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["quotes.parallel"])  # imported once, then forked per worker
        else:
            context = multiprocessing.get_context("spawn")
        self._executor = ProcessPoolExecutor(jobs, mp_context=context, initializer=_ignore_interrupts)

    def submit(self, text: str, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Future[ParseResult]:
        return self._executor.submit(parse_text, text, min_confidence)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, _exc: BaseException | None, _tb: TracebackType | None
    ) -> None:
        self._executor.shutdown(wait=True, cancel_futures=exc_type is not None)


class DaskPool:
    """Parsing on the workers of a running Dask cluster (`dask.distributed`, the optional `dask` extra).

    The workers need quotes installed (the same version); article text travels to them and parses come
    back, so the database stays reachable from this process only.
    """

    def __init__(self, address: str | Any) -> None:
        try:
            distributed: Any = importlib.import_module("distributed")  # untyped: used through Any
        except ImportError as error:
            raise PoolError("--dask needs dask.distributed: pip install 'quotes[dask]'") from error
        try:
            self._client: Any = distributed.Client(address, set_as_default=False, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError) as error:
            raise PoolError(f"cannot reach the Dask scheduler at {address}: {error}") from error
        workers = max(1, sum(self._client.nthreads().values()))
        self.window = workers * IN_FLIGHT_PER_WORKER

    def submit(self, text: str, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> PendingParse:
        future: PendingParse = self._client.submit(parse_text, text, min_confidence, pure=False)
        return future

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._client.close()
