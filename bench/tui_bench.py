"""Terminal UI latency and memory on a large database, measured headless (Textual's test driver, 120x40).

usage: python bench/tui_bench.py --db /tmp/q1m.db [--runs 5]
       python bench/tui_bench.py --quotes 1000000 --db /tmp/q1m.db   (builds it first with make_db.build)
       python bench/tui_bench.py --db /tmp/q1m.db --runs 5 --compare /tmp/old   (an older `quotes` package
           in /tmp/old/quotes, e.g. from `git archive COMMIT quotes | tar -x -C /tmp/old`: each run is a
           fresh process, the old and this one taking turns, then medians side by side and their ratio)

Prints, as medians of --runs runs (each a fresh app). Every step ends when a frame showing its result has
been drawn (the compositor's update after the rows went in), not when the rows reach the table:
  import UI       `from quotes.tui.app import QuotesApp` (cold only in a fresh process: --compare runs
                  each run in one)
  first paint     app start -> the first frame of the browse screen drawn (before any data)
  quotes tui paint   (--tty) `quotes --db DB tui` started in a 120x40 pseudo-terminal -> its first frame
                  (Python's start, imports, the schema check and the app's start: what a user waits for)
  quotes tui CPU  (--tty) the CPU time that process had used by its first frame (from /proc: 10 ms steps)
  first data      app start -> a frame with the speakers and the first page of quotes
  search warm-up  `/` pressed -> the search screen's warm-up reads done (quotes.db.repo.warm_up_search:
                  what a user typing the first word waits for, at most; the pilot waits for it, as it
                  waits for the app to be idle after each key)
  search          the debounce firing -> a frame with the first results (one of several words per run;
                  its total apart)
  open speaker    the most quoted speaker chosen -> a frame with the first page of its quotes (its total:
                  apart), as soon as the first data shows (the first screen's counts still running in
                  other workers)
  open speaker idle  the same once those workers are done (a user who reads the list before choosing)
  open speaker CPU   the event loop thread's CPU time during "open speaker" (what the UI itself spends:
                  less swayed than wall time by other processes on a busy machine)
  profile         the most quoted speaker's profile drawn
  scroll          a frame with the next keyset page, asked for at the end of a speaker's quotes
and the process's peak memory (max RSS) after all of it, and how many SQL statements ran on the event
loop's thread (must be 0: every DB call runs in a thread worker).
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import event

from quotes.db.engine import make_engine, make_session_factory
from quotes.db.speaker_views import speaker_summaries

SEARCH_WORDS = ("council", "water budget", "we will", "never", "school")


async def until(condition: Callable[[], bool], *, timeout: float = 60.0) -> float:
    """Wait (polling every 2 ms) until `condition` holds; the time it held, from perf_counter."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the UI did not get there in time")
        await asyncio.sleep(0.002)
    return time.perf_counter()


class Frames:
    """The times frames are drawn: the app's display hook, which the compositor calls with each update
    (headless, it draws nothing to a terminal, but everything up to it has run)."""

    def __init__(self, app: Any) -> None:
        self.waiting: list[tuple[Callable[[], bool], asyncio.Future[float]]] = []
        display = app._display

        def drawn(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            now = time.perf_counter()
            for condition, future in list(self.waiting):
                if not future.done() and condition():
                    future.set_result(now)
                    self.waiting.remove((condition, future))

        app._display = drawn

    def watch(self, condition: Callable[[], bool]) -> asyncio.Future[float]:
        """A future: when the first frame drawn once `condition` holds was drawn (perf_counter)."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting.append((condition, future))
        return future

    async def shown(self, condition: Callable[[], bool], *, timeout: float = 60.0) -> float:
        return await asyncio.wait_for(self.watch(condition), timeout)


async def one_run(url: str, top: tuple[int, str], word: str, on_loop: list[str]) -> dict[str, float]:
    begun_import = time.perf_counter()
    import quotes.tui.app
    from quotes.tui.app import QuotesApp
    from quotes.tui.screens.browse import BrowseScreen
    from quotes.tui.screens.profile import ProfileScreen
    from quotes.tui.screens.search import SearchScreen
    from quotes.tui.widgets.panes import SpeakersPane
    from quotes.tui.widgets.quotes_table import QuotesTable

    engine = make_engine(url)
    loop_thread = threading.get_ident()

    @event.listens_for(engine, "before_cursor_execute")
    def _record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if threading.get_ident() == loop_thread:
            on_loop.append(statement)

    figures: dict[str, float] = {"import UI": time.perf_counter() - begun_import}
    settle = getattr(quotes.tui.app, "settle_memory", None)  # what `quotes tui` does first (older code: none)
    if settle is not None:
        settle()
    app = QuotesApp(make_session_factory(engine), database="bench")
    frames = Frames(app)
    started = time.perf_counter()
    first_frame = frames.watch(lambda: isinstance(app.screen, BrowseScreen))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        figures["first paint"] = await first_frame - started
        speakers = screen.query_one(SpeakersPane)
        figures["first data"] = (
            await frames.shown(lambda: speakers.table.row_count > 0 and screen.quotes.row_count > 0) - started
        )

        quotes = screen.quotes
        begun, cpu = time.perf_counter(), time.thread_time()
        screen.show_speaker(*top)
        figures["open speaker"] = await frames.shown(lambda: quotes.shown_generation == quotes.generation) - begun
        figures["open speaker CPU"] = time.thread_time() - cpu
        figures["speaker total"] = await until(lambda: quotes.total is not None) - begun
        await app.workers.wait_for_complete()  # the counts of the first screen are done: the app is idle
        await pilot.pause()
        begun, cpu = time.perf_counter(), time.thread_time()
        screen.show_speaker(*top)
        figures["open speaker idle"] = (
            await frames.shown(lambda: quotes.shown_generation == quotes.generation) - begun
        )
        figures["open idle CPU"] = time.thread_time() - cpu
        await until(lambda: quotes.total is not None)
        await app.workers.wait_for_complete()
        await pilot.pause()
        rows = screen.quotes.row_count
        begun = time.perf_counter()
        screen.quotes.move_cursor(row=rows - 1)
        figures["scroll"] = await frames.shown(lambda: screen.quotes.row_count > rows) - begun

        await app.push_screen(ProfileScreen(top[0]))
        profile = app.screen
        assert isinstance(profile, ProfileScreen)
        begun = time.perf_counter()
        figures["profile"] = await frames.shown(lambda: profile.profile is not None) - begun
        await app.pop_screen()

        begun = time.perf_counter()
        await pilot.press("slash")
        await until(lambda: isinstance(app.screen, SearchScreen))
        search = app.screen
        assert isinstance(search, SearchScreen)
        await until(lambda: getattr(search, "warmed", True))  # older code: no warm-up
        figures["search warm-up"] = time.perf_counter() - begun
        await pilot.press(*word)
        if search.pending is not None:
            search.pending.stop()
        table = search.query_one("#search-results")
        begun = time.perf_counter()
        search.run_search()  # what the debounce timer calls
        assert isinstance(table, QuotesTable)
        figures["search"] = await frames.shown(lambda: table.shown_generation == table.generation) - begun
        figures["search total"] = await until(lambda: table.total is not None) - begun
    engine.dispose()
    return figures


def cpu_seconds(pid: int) -> float:
    """The CPU time (user + system) process `pid` has used so far, from /proc (10 ms steps)."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tty_first_paint(url: str, tree: str | None = None, *, marker: bytes = b"Speakers") -> tuple[float, float]:
    """`quotes --db URL tui` as a user starts it, in a 120x40 pseudo-terminal: seconds from starting the
    process to the first output that holds `marker` (the first frame of the browse screen), and the CPU
    seconds the process had used by then (less swayed by other processes than the wall time); then
    ctrl+q. Python's start, the imports, the schema check and the app's start are all in it."""
    import fcntl
    import os
    import pty
    import select
    import struct
    import subprocess
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    if tree is not None:
        environment["PYTHONPATH"] = tree
    begun = time.perf_counter()
    process = subprocess.Popen(
        # -P: not the working directory first on the path, or `-m quotes` run from a checkout would import
        # that checkout's package instead of `tree`'s (the --tty comparisons before 2026-12-02 timed the
        # current checkout twice when run from the repository's root)
        [sys.executable, "-P", "-m", "quotes", "--db", url, "tui"],
        stdin=follower, stdout=follower, stderr=follower, env=environment, close_fds=True, start_new_session=True,
    )
    os.close(follower)
    seen, shown, cpu = b"", None, 0.0
    try:
        while shown is None and time.perf_counter() - begun < 60:
            ready, _, _ = select.select([leader], [], [], 1.0)
            if not ready:
                continue
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            seen = seen[-len(marker) :] + chunk
            if marker in seen:
                shown = time.perf_counter() - begun
                cpu = cpu_seconds(process.pid)
        os.write(leader, b"\x11")  # ctrl+q
        end = time.perf_counter() + 10
        while process.poll() is None and time.perf_counter() < end:
            if select.select([leader], [], [], 0.2)[0]:
                try:
                    os.read(leader, 65536)
                except OSError:
                    break
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        os.close(leader)
    if shown is None:
        raise TimeoutError("quotes tui drew nothing in 60 s")
    return shown, cpu


def top_speaker(url: str) -> tuple[int, str, int]:
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        summary = speaker_summaries(session, limit=1)[0]
    engine.dispose()
    return summary.id, summary.name, summary.quotes


def compare(args: argparse.Namespace, url: str) -> None:
    """Fresh processes, the older package and this one taking turns; medians and their ratio."""
    import json
    import os
    import subprocess

    here = str(Path(__file__).resolve().parents[1])
    trees = {"before": str(Path(args.compare).resolve()), "after": here}
    figures: dict[str, list[dict[str, float]]] = {label: [] for label in trees}
    for run in range(args.runs):
        for label, tree in trees.items():
            command = [sys.executable, __file__, "--db", args.db, "--one-run", str(run)]
            environment = {**os.environ, "PYTHONPATH": tree}
            done = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
            figures[label].append(json.loads(done.stdout.splitlines()[-1]))
            if args.tty:
                shown, cpu = tty_first_paint(url, tree)
                figures[label][-1]["quotes tui paint"] = shown * 1000
                figures[label][-1]["quotes tui CPU"] = cpu * 1000
    print(f"{'':<18} {'before':>9} {'after':>9} {'after/before':>13}   (medians of {args.runs} runs, ms)")
    for name in figures["after"][0]:
        before, after = (statistics.median(run[name] for run in figures[label]) for label in trees)
        unit = "MB" if name == "peak memory MB" else "ms"
        ratio = f"{after / before:13.2f}" if before else f"{'-':>13}"
        print(f"{name:<18} {before:9.1f} {after:9.1f} {ratio}   {unit}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="SQLite file or SQLAlchemy URL")
    parser.add_argument("--quotes", type=int, help="build the database first with this many quotes")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--compare", metavar="DIR", help="a folder holding an older quotes/ package")
    parser.add_argument(
        "--tty", action="store_true", help="also time `quotes tui` in a pseudo-terminal: start to first frame"
    )
    parser.add_argument("--one-run", type=int, help=argparse.SUPPRESS)  # one run, figures as JSON
    args = parser.parse_args()
    url = args.db if "://" in args.db else f"sqlite:///{args.db}"
    if args.quotes:
        import make_db

        print(make_db.build(url, args.quotes, 1))
    if args.compare:
        speaker_id, _name, count = top_speaker(url)
        print(f"most quoted speaker: #{speaker_id} with {count} quotes")
        compare(args, url)
        return
    on_loop: list[str] = []
    speaker_id, name, count = top_speaker(url)
    if args.one_run is not None:
        import json

        run = asyncio.run(one_run(url, (speaker_id, name), SEARCH_WORDS[args.one_run % len(SEARCH_WORDS)], on_loop))
        figures = {key: value * 1000 for key, value in run.items()}
        figures["peak memory MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        figures["SQL on the loop"] = len(on_loop)
        print(json.dumps(figures))
        return
    print(f"most quoted speaker: #{speaker_id} with {count} quotes")
    runs = [
        asyncio.run(one_run(url, (speaker_id, name), SEARCH_WORDS[i % len(SEARCH_WORDS)], on_loop))
        for i in range(args.runs)
    ]
    if args.tty:
        for figures in runs:
            figures["quotes tui paint"], figures["quotes tui CPU"] = tty_first_paint(url)
    for key in runs[0]:
        values = [run[key] * 1000 for run in runs]
        print(f"{key:<14} median {statistics.median(values):8.1f} ms   (min {min(values):.1f}, max {max(values):.1f})")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory    {peak:.0f} MB (max RSS of this process)")
    print(f"SQL statements on the event loop's thread: {len(on_loop)}")


if __name__ == "__main__":
    main()
