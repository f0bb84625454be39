"""Where ingest's store time goes: one in-process ingest of an archive batch into a copy of a base, with
the SQL statements counted and timed by statement text, and optionally cProfile.

usage: python bench/ingest_profile.py [--base /tmp/lead-bench/ingest-base-1000000.db | --url URL]
                                      [--archive 1000000] [--articles 300] [--cprofile out.prof] [--top 25]
                                      [--pragma cache_size=-65536 ...] [--batch FILE.jsonl]

The batch is bench/ingest_at_size.py's (the archive's first articles, each made new by a reference
line), or with --batch the first --articles articles of a JSONL file of real news. Prints the parse and store CPU per article (store = ingest - parse), the CPU, wall time and
read/write system calls of each step of storing (functions wrapped by name), the garbage collector's
time, statements per article, and the statements that cost most, grouped by their SQL text.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import event

NOW = datetime(2026, 6, 1, tzinfo=UTC)


class StatementClock:
    """Counts and times the statements an engine runs, by SQL text."""

    def __init__(self) -> None:
        self.count: defaultdict[str, int] = defaultdict(int)
        self.rows: defaultdict[str, int] = defaultdict(int)
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self._started: list[tuple[str, float]] = []

    def before(
        self, _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, many: bool
    ) -> None:
        key = " ".join(statement.split())[:160]
        self.count[key] += 1
        self.rows[key] += len(parameters) if many else 1
        self._started.append((key, time.perf_counter()))

    def after(self, *_args: Any) -> None:
        if self._started:
            key, began = self._started.pop()
            self.seconds[key] += time.perf_counter() - began


def _io() -> tuple[int, int]:
    """This process's read and write system calls so far (Linux)."""
    try:
        fields = dict(line.split(": ") for line in Path("/proc/self/io").read_text().splitlines())
    except OSError:
        return 0, 0
    return int(fields["syscr"]), int(fields["syscw"])


class PhaseClock:
    """CPU and wall seconds spent in wrapped functions (nested phases count in each)."""

    def __init__(self) -> None:
        self.cpu: defaultdict[str, float] = defaultdict(float)
        self.wall: defaultdict[str, float] = defaultdict(float)
        self.reads: defaultdict[str, int] = defaultdict(int)
        self.writes: defaultdict[str, int] = defaultdict(int)

    def wrap(self, owner: Any, name: str, label: str) -> None:
        inner = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            cpu, wall, io = time.process_time(), time.perf_counter(), _io()
            try:
                return inner(*args, **kwargs)
            finally:
                self.cpu[label] += time.process_time() - cpu
                self.wall[label] += time.perf_counter() - wall
                after = _io()
                self.reads[label] += after[0] - io[0]
                self.writes[label] += after[1] - io[1]

        setattr(owner, name, timed)


def phases(clock: PhaseClock, engine: Any) -> None:
    """Wrap the steps of storing an article, by what they do."""
    from quotes.db import article_rows, ingest, speakers, stats

    clock.wrap(ingest, "parse_text", "parse")
    clock.wrap(ingest, "_article_id", "lookup: stored already?")
    clock.wrap(ingest, "store_article", "store_article (all rows, in the transaction)")
    clock.wrap(article_rows, "check_parse", "  check_parse")
    clock.wrap(article_rows, "resolve_speakers", "  resolve_speakers (reads + speaker rows)")
    clock.wrap(speakers, "lock_keys", "    lock_keys")
    clock.wrap(speakers, "_create", "    insert speakers")
    clock.wrap(speakers, "save_entities", "    save summaries + keys")
    clock.wrap(speakers._Known, "reach", "    read owners/entities")
    clock.wrap(speakers, "match_subject", "    match_subject")
    clock.wrap(speakers, "confident_match", "    confident_match")
    clock.wrap(article_rows, "_insert_quotes", "  insert quotes (+FTS trigger)")
    clock.wrap(article_rows, "add_new_article_counts", "  stats upkeep")
    for label, bulk in (
        ("  insert attributions", article_rows._INSERT_ATTRIBUTIONS),
        ("  insert warnings", article_rows._INSERT_WARNINGS),
        ("    insert appearances", speakers._INSERT_APPEARANCES),
        ("    insert aliases", speakers._INSERT_ALIASES),
        ("    insert roles", speakers._INSERT_ROLES),
    ):
        clock.wrap(bulk, "execute", label)
    clock.wrap(engine.dialect, "do_commit", "commit")
    clock.wrap(engine.dialect, "do_rollback", "rollback")
    del stats


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", type=Path, help="a SQLite base to copy (default: an empty database)")
    parser.add_argument("--url", help="a database URL to write to as it is (PostgreSQL: a throw-away one)")
    parser.add_argument("--archive", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cprofile", type=Path)
    parser.add_argument("--batch", type=Path, help="real articles to store (JSONL), instead of the archive's")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--pragma", nargs="*", default=[], help="SQLite pragmas for the writer, as NAME=VALUE"
    )
    args = parser.parse_args()

    import ingest_at_size

    from quotes.db import migrate
    from quotes.db.engine import make_engine, make_session_factory
    from quotes.db.ingest import Status, ingest_article
    from quotes.parse import parse_article
    from quotes.sources import SourceArticle, read_articles

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "batch.jsonl"
        if args.batch:
            ingest_at_size.given_batch(args.batch, args.articles, corpus)
        else:
            ingest_at_size.batch(args.archive, args.articles, args.seed, args.archive, corpus)
        if args.url:
            url = args.url
        else:
            path = Path(folder) / "run.db"
            if args.base:
                shutil.copyfile(args.base, path)
            url = f"sqlite:///{path}"
        migrate.upgrade(url)
        sources = [s for s in read_articles([str(corpus)]) if isinstance(s, SourceArticle)]
        cpu = time.process_time()
        for source in sources:
            parse_article(source.text)
        parse_seconds = time.process_time() - cpu
        engine = make_engine(url)
        for pragma in args.pragma:  # e.g. --pragma cache_size=-65536, to try a setting
            event.listen(engine, "connect", lambda dbapi, _record, p=pragma: dbapi.execute(f"PRAGMA {p}"))
        gc_seconds = [0.0, 0.0]  # total, start of the running collection

        def collected(phase: str, _info: dict[str, Any]) -> None:
            if phase == "start":
                gc_seconds[1] = time.process_time()
            else:
                gc_seconds[0] += time.process_time() - gc_seconds[1]

        gc.callbacks.append(collected)
        clock = StatementClock()
        event.listen(engine, "before_cursor_execute", clock.before)
        event.listen(engine, "after_cursor_execute", clock.after)
        factory = make_session_factory(engine)
        phase = PhaseClock()
        phases(phase, engine)
        profiler = cProfile.Profile() if args.cprofile else None
        quotes = 0
        cpu, wall = time.process_time(), time.perf_counter()
        if profiler:
            profiler.enable()
        for source in sources:
            outcome = ingest_article(factory, source, now=NOW)
            if outcome.status is not Status.ADDED:
                raise SystemExit(f"{source.source_id}: {outcome.status} {outcome.message}")
            quotes += outcome.quotes
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.cprofile)
        ingest_cpu, ingest_wall = time.process_time() - cpu, time.perf_counter() - wall
        engine.dispose()
    n = len(sources)
    kilobytes = sum(len(s.text.encode("utf-8")) for s in sources) / 1e3
    sql_seconds = sum(clock.seconds.values())
    statements = sum(clock.count.values())
    print(f"{n} articles, {quotes} quotes, {kilobytes:.0f} kB")
    print(
        f"parse CPU {parse_seconds / n * 1000:.2f} ms/article; ingest CPU {ingest_cpu / n * 1000:.2f} ms/article"
        f" (wall {ingest_wall / n * 1000:.2f}); store = ingest - parse {(ingest_cpu - parse_seconds) / n * 1000:.2f}"
        f" ms/article; ingest/parse throughput x{parse_seconds / ingest_cpu:.2f}"
    )
    print(f"gc: {gc_seconds[0] / n * 1000:.2f} ms/article")
    print(
        f"SQL: {statements / n:.1f} statements/article, {sql_seconds / n * 1000:.2f} ms/article in the cursor"
    )
    print(f"{'CPU ms/art':>10} {'wall ms/art':>11} {'reads/art':>9} {'writes/art':>10}  phase")
    for label in phase.cpu:
        print(
            f"{phase.cpu[label] / n * 1000:10.2f} {phase.wall[label] / n * 1000:11.2f}"
            f" {phase.reads[label] / n:9.0f} {phase.writes[label] / n:10.0f}  {label}"
        )
    print(f"{'ms/art':>7} {'calls/art':>9} {'rows/art':>8}  statement")
    for key in sorted(clock.seconds, key=clock.seconds.__getitem__, reverse=True)[: args.top]:
        print(
            f"{clock.seconds[key] / n * 1000:7.3f} {clock.count[key] / n:9.2f} {clock.rows[key] / n:8.1f}  {key}"
        )


if __name__ == "__main__":
    main()
