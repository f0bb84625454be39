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
import itertools
import multiprocessing
import multiprocessing.connection
import os
import signal
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any, Protocol, Self

from quotes.memory import settle
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


SENT_PER_WORKER = 4  # in a worker's pipe at once: the one it parses and the next ones, so it never waits
PIPE_BUDGET = 48_000  # bytes of text queued behind the one a worker parses: under a pipe's 64 kB buffer,
# so a send never blocks while the worker blocks sending a parse back


def _serve(connection: Connection) -> None:
    """A parse worker: parse each (text, min_confidence) received, send the result back, in order, until
    the writer closes the pipe. Ctrl-C is left to the writer, which stops after the article it writes
    (it was blocked since the fork, see _interrupts_blocked; ignored now, then unblocked)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    settle()
    while True:
        try:
            text, min_confidence = connection.recv()
            connection.send(parse_text(text, min_confidence))
        except (EOFError, OSError):  # the writer closed the pipe: it is done, or stopped
            return


@contextmanager
def _interrupts_blocked() -> Iterator[None]:
    """SIGINT blocked while worker processes start. They (and the fork server that forks them) inherit
    the mask, so a Ctrl-C to the whole process group cannot reach a worker before it ignores Ctrl-C;
    this process gets a Ctrl-C that came meanwhile as soon as the block ends."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class WorkerParse:
    """A parse given to a ProcessPool: in its backlog, sent to a worker, or done."""

    __slots__ = ("_pool", "min_confidence", "parse", "text")

    def __init__(self, pool: ProcessPool, text: str, min_confidence: float) -> None:
        self._pool = pool
        self.text = text
        self.min_confidence = min_confidence
        self.parse: ParseResult | None = None

    def done(self) -> bool:
        if self.parse is None:
            self._pool.pump()
        return self.parse is not None

    def result(self) -> ParseResult:
        return self._pool.wait_for(self)

    def cancel(self) -> bool:
        """Take the parse back if no worker has been sent it yet."""
        return self._pool.take_back(self)


def _size(text: str) -> int:
    """Bytes of `text` in a pipe (pickle sends a str as UTF-8)."""
    return len(text.encode("utf-8", "surrogatepass"))


class _Worker:
    def __init__(self, context: Any) -> None:
        self.connection, child = multiprocessing.Pipe()
        self.process = context.Process(target=_serve, args=(child,), daemon=True)
        self.process.start()
        child.close()
        self.sent: deque[WorkerParse] = deque()
        self.alive = True


class ProcessPool:
    """`workers` processes parsing while this process writes (and parses what they have not been sent).

    No threads: this process writes each article to a worker's pipe itself and reads the parses back
    whenever it asks whether one is done, so nothing in the writer competes with it for the GIL. A
    worker holds at most SENT_PER_WORKER articles; the rest wait in the backlog, where the writer can
    take them back. A worker that dies fails the articles it held, with a one-line message.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.window = self.queued = workers * IN_FLIGHT_PER_WORKER
        self.steals = True
        if os.name == "posix":
            context: Any = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["quotes.parallel"])  # imported once, then forked per worker
        else:
            context = multiprocessing.get_context("spawn")
        with _interrupts_blocked():
            self._workers = [_Worker(context) for _ in range(workers)]
        self._backlog: deque[WorkerParse] = deque()

    @property
    def pids(self) -> list[int]:
        """The worker processes' ids."""
        return [worker.process.pid for worker in self._workers]

    def submit(self, text: str, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> WorkerParse:
        parse = WorkerParse(self, text, min_confidence)
        self._backlog.append(parse)
        self.pump()
        return parse

    def take_back(self, parse: WorkerParse) -> bool:
        try:
            self._backlog.remove(parse)
        except ValueError:
            return False
        return True

    def pump(self) -> None:
        """Read the parses that are ready, then send the backlog to the workers with room for it."""
        for worker in self._workers:
            while worker.sent and worker.alive and worker.connection.poll():
                self._receive(worker)
        for worker in self._workers:
            while self._backlog and worker.alive and self._has_room(worker, self._backlog[0]):
                parse = self._backlog.popleft()
                try:
                    worker.connection.send((parse.text, parse.min_confidence))
                except OSError:
                    self._backlog.appendleft(parse)
                    self._lost(worker)
                    break
                worker.sent.append(parse)

    def wait_for(self, parse: WorkerParse) -> ParseResult:
        while parse.parse is None:
            self.pump()
            if parse.parse is not None:
                break
            if parse in self._backlog and not any(worker.alive for worker in self._workers):
                self._backlog.remove(parse)  # no worker left: parse it here
                parse.parse = parse_text(parse.text, parse.min_confidence)
                break
            busy = [worker.connection for worker in self._workers if worker.alive and worker.sent]
            multiprocessing.connection.wait(busy)
        return parse.parse

    @staticmethod
    def _has_room(worker: _Worker, parse: WorkerParse) -> bool:
        if not worker.sent:
            return True
        if len(worker.sent) >= SENT_PER_WORKER:
            return False
        queued = sum(_size(sent.text) for sent in itertools.islice(worker.sent, 1, None))
        return queued + _size(parse.text) <= PIPE_BUDGET

    def _receive(self, worker: _Worker) -> None:
        try:
            result: ParseResult = worker.connection.recv()
        except (EOFError, OSError):
            self._lost(worker)
            return
        worker.sent.popleft().parse = result

    def _lost(self, worker: _Worker) -> None:
        """The worker died (killed, out of memory): the articles it held fail; the others go on."""
        worker.alive = False
        worker.process.join(timeout=5)
        code = worker.process.exitcode
        for parse in worker.sent:
            parse.parse = f"parser failed: its worker process stopped (exit code {code})"
        worker.sent.clear()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, _exc: BaseException | None, _tb: TracebackType | None
    ) -> None:
        for worker in self._workers:
            worker.connection.close()  # the worker's next recv ends it
        for worker in self._workers:
            worker.process.join(timeout=10)
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join()


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
