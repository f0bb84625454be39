"""The terminal UI's search at size, query by query: the debounce firing -> a frame with the first results
drawn, and -> the total shown, for several kinds of query, headless (Textual's test driver, 120x40).

usage: python bench/tui_search_bench.py --db /tmp/q1m.db [--runs 5] [--words "will,kilorton,..."]

Each run is a fresh process: the app starts, its first screen's reads finish, `/` opens the search
screen (whose warm-up runs while the pilot waits for the app to be idle, as a user types), then every
word is searched in turn, each once the previous one's total is shown. The words rotate from run to
run, so each word is the first search of a process ("cold") in some runs. Prints per word the median
over the runs of the results frame and of the total, and apart the medians of the cold searches and of
the others.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tui_bench import Frames, until

# a common word, a speaker's name, two words, a phrase, a word no quote holds
WORDS = ("will", "kilorton", "water budget", '"we will not"', "zzqxv")


async def one_run(url: str, words: list[str]) -> list[dict[str, float]]:
    from quotes.db.engine import make_engine, make_session_factory
    from quotes.tui.app import QuotesApp, settle_memory
    from quotes.tui.screens.browse import BrowseScreen
    from quotes.tui.screens.search import SearchScreen
    from quotes.tui.widgets.quotes_table import QuotesTable

    engine = make_engine(url)
    settle_memory()
    app = QuotesApp(make_session_factory(engine), database="bench")
    frames = Frames(app)
    figures: list[dict[str, float]] = []
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        await until(lambda: screen.quotes.total is not None)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("slash")
        await until(lambda: isinstance(app.screen, SearchScreen))
        search = app.screen
        assert isinstance(search, SearchScreen)
        await until(lambda: getattr(search, "warmed", True))
        table = search.query_one("#search-results", QuotesTable)
        box = search.query_one("#search-input")
        for word in words:
            box.value = word  # type: ignore[attr-defined]
            await pilot.pause()
            if search.pending is not None:
                search.pending.stop()
            begun = time.perf_counter()
            search.run_search()  # what the debounce timer calls
            shown = await frames.shown(lambda: table.shown_generation == table.generation)
            total = await until(lambda: table.total is not None)
            figures.append({"search": (shown - begun) * 1000, "total": (total - begun) * 1000})
            await app.workers.wait_for_complete()
            await pilot.pause()
    engine.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="SQLite file or SQLAlchemy URL")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--words", default=",".join(WORDS), help="comma-separated searches")
    parser.add_argument("--one-run", help=argparse.SUPPRESS)  # JSON list of words: one run, figures as JSON
    args = parser.parse_args()
    url = args.db if "://" in args.db else f"sqlite:///{args.db}"
    if args.one_run is not None:
        print(json.dumps(asyncio.run(one_run(url, json.loads(args.one_run)))))
        return
    words = [word.strip() for word in args.words.split(",") if word.strip()]
    by_word: dict[str, list[dict[str, float]]] = {word: [] for word in words}
    cold: list[float] = []
    warm: list[float] = []
    for run in range(args.runs):
        order = words[run % len(words) :] + words[: run % len(words)]
        command = [sys.executable, __file__, "--db", args.db, "--one-run", json.dumps(order)]
        done = subprocess.run(command, capture_output=True, text=True, check=True, env=os.environ)
        for position, (word, figures) in enumerate(zip(order, json.loads(done.stdout.splitlines()[-1]), strict=True)):
            by_word[word].append(figures)
            (cold if position == 0 else warm).append(figures["search"])
    print(f"{'search':<16} {'results':>9} {'total':>9}   (medians of {args.runs} fresh processes, ms)")
    for word, runs in by_word.items():
        results = statistics.median(figure["search"] for figure in runs)
        total = statistics.median(figure["total"] for figure in runs)
        print(f"{word:<16} {results:9.1f} {total:9.1f}")
    print(f"first search of a process: median {statistics.median(cold):.1f} ms; the others {statistics.median(warm):.1f} ms")


if __name__ == "__main__":
    main()
