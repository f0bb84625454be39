"""Where articles are parsed during ingest: here, in worker processes, or on a Dask cluster.

Parsing is pure CPU work on one article's text, so it spreads well; writing stays in the process that
runs `quotes ingest` (one writer, one transaction per article). Every pool has the same parts:
`submit(text)` returning a future of the parse (or of a one-line failure message); `window`, how many
articles may be in flight, which bounds memory on an archive of any size; `queued`, how many of those
may be sent to the pool at once; and `steals`, whether a sent parse no worker has started may be taken
back. When the article the writer must store next is not parsed yet, the writer parses another one
itself rather than wait: one not sent, or the newest one taken back from the pool. So `--jobs N` is N
busy processes in all (N - 1 parse workers and the writer), none of them idle while there is work and
no core asked to run three.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType
from typing import Any, Protocol, Self

from quotes.parse import ArticleParse, parse_article
from quotes.parse.rules import DEFAULT_MIN_CONFIDENCE

ParseResult = ArticleParse | str  # the parse, or why it failed
IN_FLIGHT_PER_WORKER = 8  # articles read ahead per parse worker (the window), all sent to the workers
CONNECT_TIMEOUT_S = 30


class PoolError(Exception):
    """The parsing pool cannot be set up (a missing extra, an unreachable cluster); the message says why."""


class PendingParse(Protocol):
    """A parse under way: a concurrent.futures or a Dask future."""

    def result(self) -> ParseResult: ...

    def done(self) -> bool: ...

    def cancel(self) -> bool: ...


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
    queued: int
    steals: bool

    def submit(self, text: str, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> PendingParse: ...


class Parse:
    """One article's parse: not sent yet (neither set), sent to the pool (`future`) or done (`result`)."""

    __slots__ = ("future", "result", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.future: PendingParse | None = None
        self.result: ParseResult | None = None


class ParseQueue:
    """The parses of the articles in flight, in the order they will be stored.

    Up to `pool.queued` unfinished parses are sent to the pool as they are added; the others wait here.
    Whenever the writer needs a parse that is not ready, it parses one itself: the very one it needs if
    that was never sent, else the oldest waiting one, else (a pool that `steals`) the newest sent one no
    worker has started, taken back. The writer waits for the pool only when none is left, and the
    workers, sent the oldest articles first, are never short of work because the writer helps.
    """

    def __init__(self, pool: ParsePool, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> None:
        self.pool = pool
        self.min_confidence = min_confidence
        self._waiting: deque[Parse] = deque()
        self._sent: list[Parse] = []  # in the order sent
        self.parsed_here = 0  # parses the writer did itself
        self.taken_back = 0  # ... of which sent to the pool first

    def add(self, text: str) -> Parse:
        parse = Parse(text)
        self._waiting.append(parse)
        self._send()
        return parse

    def result(self, parse: Parse) -> ParseResult:
        """The parse of `parse`'s article, every parse added before it having been asked for already."""
        while parse.result is None:
            if parse.future is None:  # never sent: the oldest waiting
                here = self._waiting.popleft()
                assert here is parse, "parses asked for out of order"
                self._parse_here(here)
            elif parse.future.done():
                parse.result = parse.future.result()
            elif self._waiting:
                self._parse_here(self._waiting.popleft())
            elif (taken := self._take_back(parse)) is not None:
                self._parse_here(taken)
            else:
                parse.result = parse.future.result()
            self._send()
        return parse.result

    def _parse_here(self, parse: Parse) -> None:
        parse.result = parse_text(parse.text, self.min_confidence)
        self.parsed_here += 1

    def _take_back(self, needed: Parse) -> Parse | None:
        """The newest sent parse that no worker has started, cancelled in the pool; None if none is."""
        if not self.pool.steals or not self._sent or self._sent[-1] is needed:
            return None
        newest = self._sent[-1]
        if newest.future is None or not newest.future.cancel():
            return None
        self._sent.pop()
        newest.future = None
        self.taken_back += 1
        return newest

    def _send(self) -> None:
        if not self.pool.queued:
            return
        self._sent = [parse for parse in self._sent if parse.future is not None and not parse.future.done()]
        while self._waiting and len(self._sent) < self.pool.queued:
            parse = self._waiting.popleft()
            parse.future = self.pool.submit(parse.text, self.min_confidence)
            self._sent.append(parse)


class InlinePool:
    """Parses in this process, at once: the one-job pool (nothing is sent; the writer parses all)."""

    window = 0
    queued = 0
    steals = False

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
    """`workers` processes parsing while this process writes (and parses what they have not been sent)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.window = self.queued = workers * IN_FLIGHT_PER_WORKER
        self.steals = True  # a concurrent.futures parse not yet handed to a worker can be cancelled
        if os.name == "posix":
            context: Any = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["quotes.parallel"])  # imported once, then forked per worker
        else:
            context = multiprocessing.get_context("spawn")
        self._executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_ignore_interrupts)

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
        self.window = self.queued = workers * IN_FLIGHT_PER_WORKER  # all sent: the cluster does the parsing
        self.steals = False

    def submit(self, text: str, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> PendingParse:
        future: PendingParse = self._client.submit(parse_text, text, min_confidence, pure=False)
        return future

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._client.close()
