"""Terminal UI latency and memory on a large database, measured headless (Textual's test driver, 120x40).

usage: python bench/tui_bench.py --db /tmp/q1m.db [--runs 5]
       python bench/tui_bench.py --quotes 1000000 --db /tmp/q1m.db   (builds it first with make_db.build)

Prints, as medians of --runs runs (each a fresh app):
  first paint     app start -> the app is ready: the browse screen composed and drawn (before any data)
  first data      app start -> speakers and the first page of quotes shown
  search          the debounce firing -> first results shown (one of several words per run; total apart)
  open speaker    the most quoted speaker chosen -> first page of its quotes shown (its total: apart), as
                  soon as the first data shows (the first screen's counts still running in other workers)
  open speaker idle  the same once those workers are done (a user who reads the list before choosing)
  profile         the most quoted speaker's profile shown
  scroll          the next keyset page arriving at the end of a speaker's quotes
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


async def one_run(url: str, top: tuple[int, str], word: str, on_loop: list[str]) -> dict[str, float]:
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

    app = QuotesApp(make_session_factory(engine), database="bench")
    figures: dict[str, float] = {}
    started = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        figures["first paint"] = time.perf_counter() - started  # run_test returns once the app is ready
        speakers = screen.query_one(SpeakersPane)
        figures["first data"] = (
            await until(lambda: speakers.table.row_count > 0 and screen.quotes.row_count > 0) - started
        )

        begun = time.perf_counter()
        screen.show_speaker(*top)
        quotes = screen.quotes
        figures["open speaker"] = await until(lambda: quotes.shown_generation == quotes.generation) - begun
        figures["speaker total"] = await until(lambda: quotes.total is not None) - begun
        await app.workers.wait_for_complete()  # the counts of the first screen are done: the app is idle
        await pilot.pause()
        begun = time.perf_counter()
        screen.show_speaker(*top)
        figures["open speaker idle"] = await until(lambda: quotes.shown_generation == quotes.generation) - begun
        await until(lambda: quotes.total is not None)
        rows = screen.quotes.row_count
        begun = time.perf_counter()
        screen.quotes.move_cursor(row=rows - 1)
        figures["scroll"] = await until(lambda: screen.quotes.row_count > rows) - begun

        await app.push_screen(ProfileScreen(top[0]))
        profile = app.screen
        assert isinstance(profile, ProfileScreen)
        begun = time.perf_counter()
        figures["profile"] = await until(lambda: profile.profile is not None) - begun
        await app.pop_screen()

        await pilot.press("slash")
        await until(lambda: isinstance(app.screen, SearchScreen))
        search = app.screen
        assert isinstance(search, SearchScreen)
        await pilot.press(*word)
        if search.pending is not None:
            search.pending.stop()
        table = search.query_one("#search-results")
        begun = time.perf_counter()
        search.run_search()  # what the debounce timer calls
        assert isinstance(table, QuotesTable)
        figures["search"] = await until(lambda: table.shown_generation == table.generation) - begun
        figures["search total"] = await until(lambda: table.total is not None) - begun
    engine.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="SQLite file or SQLAlchemy URL")
    parser.add_argument("--quotes", type=int, help="build the database first with this many quotes")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    url = args.db if "://" in args.db else f"sqlite:///{args.db}"
    if args.quotes:
        import make_db

        print(make_db.build(url, args.quotes, 1))
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        summary = speaker_summaries(session, limit=1)[0]
    engine.dispose()
    print(f"most quoted speaker: #{summary.id} with {summary.quotes} quotes")
    on_loop: list[str] = []
    runs = [
        asyncio.run(one_run(url, (summary.id, summary.name), SEARCH_WORDS[i % len(SEARCH_WORDS)], on_loop))
        for i in range(args.runs)
    ]
    for name in runs[0]:
        values = [run[name] * 1000 for run in runs]
        print(f"{name:<14} median {statistics.median(values):8.1f} ms   (min {min(values):.1f}, max {max(values):.1f})")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory    {peak:.0f} MB (max RSS of this process)")
    print(f"SQL statements on the event loop's thread: {len(on_loop)}")


if __name__ == "__main__":
    main()
