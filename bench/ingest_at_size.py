"""Ingest into a database that already holds N quotes: per-article cost, throughput and memory at
archive size, on SQLite and PostgreSQL, with --jobs 1 and 2.

usage: python bench/ingest_at_size.py [--sizes 10000 100000 1000000] [--articles 500] [--runs 3]
                                      [--jobs 1 2] [--base-dir /tmp/quotes-bench] [--pg URL]
                                      [--sqlite-base SIZE=PATH ...] [--pg-base SIZE=DBNAME ...]
                                      [--compare-path OTHER_CHECKOUT] [--in-process-only] [--archive N]
                                      [--path sources|article] [--batch FILE.jsonl]

Building a 1,000,000-quote archive by ingest takes hours on two cores, so the archive is built once by
bench/make_db.py (the same generator: a few people in thousands of articles, a long tail; the speaker
keys and summaries ingest would leave) and then the real ingest adds a batch of --articles articles to a
copy of it. The batch is the archive's own first articles, each made new by a reference line: the people
it names are the archive's most frequent ones, so resolution meets the biggest entities. The same batch
also goes into an empty database, and `x empty` is the at-size cost over the empty one: near 1.0 is a
flat cost. With `--archive 1000000` every size is the start of the same 1,000,000-quote archive (the
same people, the same batch), so 100,000 against 1,000,000 is #12's "last tenth of a large run against
its first tenth" (target within 1.2x).

For each size and backend it prints, as medians of --runs runs (a fresh copy of the archive each run):
  in-process   the batch stored in a child process as `quotes ingest --jobs 1` stores it (`ingest_sources`;
               --path article: `ingest_article` per article, which asks per article whether it is stored
               already, about 1 ms more each): median and p90 ms per article,
               kB/s, quotes/s, the parser's throughput on the same texts (CPU, each article parsed again right after
               it is stored, untimed by ingest) and ingest's share of it
               (#12 asks >= 0.5x), the child's peak RSS;
  --jobs N     the `quotes ingest --quiet --jobs N` command's wall throughput, x over --jobs 1.
Bases: SQLite archives are built in --base-dir (or given with --sqlite-base 1000000=/tmp/q1m.db, copied,
never written); PostgreSQL archives are databases on the --pg server, built by make_db (or copied from
--pg-base 1000000=q1000000 with CREATE DATABASE ... TEMPLATE, never written). Each base is upgraded to
the current schema and given its speaker summaries once, before any timing; a SQLite base's full-text
indexes are then laid out as one-article transactions leave them (fts_history.py: make_db's one-pass
fill leaves segments whose merge the first few hundred articles would pay for). The copy is flushed to
disk before its run, and the run's time includes closing the engine (the last WAL checkpoint). The
in-process child settles the garbage collector as the commands do (quotes.memory), for ingest and for
the parser's throughput alike. `--batch FILE.jsonl`
stores real articles (e.g. ../shared/eval/gold-polnear-dev.jsonl) instead of the archive's own. `--compare-path` runs
another checkout's package too (by PYTHONPATH), run by run in turn, and prints this code's ratios to it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from quotes.db import migrate
from quotes.db.engine import display_name, sqlite_file

NOW = datetime(2026, 6, 1, tzinfo=UTC)
SQLITE_SUFFIXES = ("", "-wal", "-shm", ".schema-lock")


@dataclass
class InProcess:
    """One in-process run: `ingest_article` per article into a database at some size."""

    articles: int
    quotes: int
    median_ms: float
    p90_ms: float
    kb_s: float
    quotes_s: float
    parse_cpu_kb_s: float
    ingest_cpu_kb_s: float
    rss_mb: float


def batch(size: int, articles: int, seed: int, archive: int | None, path: Path) -> tuple[int, int]:
    """The archive's first `articles` articles (as make_db generates the archive of `size` quotes, or of
    `archive` quotes), each with a reference line, as JSONL; (articles, bytes)."""
    import make_db  # not at the top: a --measure child may run another checkout's package

    written = size_bytes = 0
    with path.open("w", encoding="utf-8") as handle:
        for chunk in make_db.chunks(archive or size, seed, archive):
            for row in chunk.get("articles", []):
                body = f"{row['text']}\n\nArchive reference {written}.\n"
                record = {"id": f"batch-{written}", "text": body, "title": row["title"], "outlet": row["outlet"],
                          "url": row["url"] + f"?ref={written}", "published": row["published"].isoformat()}  # fmt: skip
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += 1
                size_bytes += len(body.encode("utf-8"))
                if written == articles:
                    return written, size_bytes
    return written, size_bytes


def measure_in_process(url: str, corpus: Path, path: str = "sources") -> InProcess:
    """Runs in a child process (see `--measure`), so its peak RSS is its own. `path` "sources" stores
    the batch as `quotes ingest --jobs 1` does (`ingest_sources`: whether an article is stored already is
    asked for 64 articles at once); "article" calls `ingest_article` per article (one look-up each)."""
    from quotes.db.engine import make_engine, make_session_factory
    from quotes.db.ingest import Outcome, Status, ingest_article, ingest_sources
    from quotes.parse import parse_article
    from quotes.sources import SourceArticle, read_articles

    try:
        from quotes.memory import settle  # as `quotes ingest` and `quotes extract` do (both sides below)
    except ImportError:  # an older checkout (--compare-path): its commands did not settle either
        settle = None
    sources = [s for s in read_articles([str(corpus)]) if isinstance(s, SourceArticle)]
    engine = make_engine(url)
    factory = make_session_factory(engine)
    if settle is not None:
        settle()
    per_article: list[float] = []
    quotes = 0
    parse_cpu = parse_wall = 0.0  # the parser alone on each article, timed between its outcome and the next
    started, cpu_started = time.perf_counter(), time.process_time()
    outcomes: Any = (
        ingest_sources(factory, sources, now=lambda: NOW)
        if path == "sources"
        else (ingest_article(factory, source, now=NOW) for source in sources)
    )
    began = time.perf_counter()
    for source, outcome in zip(sources, outcomes, strict=True):
        assert isinstance(outcome, Outcome)
        per_article.append(time.perf_counter() - began)
        if outcome.status is not Status.ADDED:
            raise SystemExit(f"{outcome.label}: {outcome.status} {outcome.message}")
        quotes += outcome.quotes
        # The parser's throughput is timed article by article in turn with ingest, so both meet the
        # same load on a shared machine (timed as a block after the ingest, the parser varied by half
        # from run to run: 440-670 kB/s on the same 195 articles). Its
        # caches are as warm as the ingest left them, which if anything favours the parser.
        wall, cpu = time.perf_counter(), time.process_time()
        parse_article(source.text)
        parse_wall += time.perf_counter() - wall
        parse_cpu += time.process_time() - cpu
        began = time.perf_counter()
    engine.dispose()  # timed: the last connection to close checkpoints what is left in the WAL
    seconds = time.perf_counter() - started - parse_wall
    ingest_cpu = time.process_time() - cpu_started - parse_cpu
    kilobytes = sum(len(s.text.encode("utf-8")) for s in sources) / 1e3
    ordered = sorted(per_article)
    return InProcess(
        articles=len(sources),
        quotes=quotes,
        median_ms=round(statistics.median(per_article) * 1000, 2),
        p90_ms=round(ordered[int(len(ordered) * 0.9)] * 1000, 2),
        kb_s=round(kilobytes / seconds, 1),
        quotes_s=round(quotes / seconds, 1),
        parse_cpu_kb_s=round(kilobytes / parse_cpu, 1),
        ingest_cpu_kb_s=round(kilobytes / ingest_cpu, 1),
        rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    )


def _env(code: str | None) -> dict[str, str] | None:
    """The environment that runs another checkout's package (PYTHONPATH comes before the installed one)."""
    return None if code is None else {**os.environ, "PYTHONPATH": code}


def in_child(url: str, corpus: Path, code: str | None = None, path: str = "sources") -> InProcess:
    done = subprocess.run(
        [sys.executable, __file__, "--measure", url, str(corpus), path],
        capture_output=True,
        text=True,
        check=False,
        env=_env(code),
    )
    if done.returncode != 0:
        raise SystemExit(f"in-process run failed:\n{done.stderr[-2000:]}")
    return InProcess(**json.loads(done.stdout.strip().splitlines()[-1]))


def cli_seconds(url: str, corpus: Path, jobs: int, code: str | None = None) -> float:
    command = [
        sys.executable,
        "-m",
        "quotes",
        "ingest",
        "--quiet",
        "--jobs",
        str(jobs),
        "--db",
        url,
        str(corpus),
    ]
    started = time.perf_counter()
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, env=_env(code), cwd=corpus.parent
    )  # not a checkout: -m imports from the folder it runs in
    if done.returncode != 0:
        raise SystemExit(f"ingest failed: {done.stderr[-2000:]}")
    return time.perf_counter() - started


def warm(url: str) -> None:
    """Upgrade a base to the current schema, give every speaker its summary and lay out a SQLite base's
    full-text indexes, as ingest leaves them (see fts_history.py)."""
    import fts_history
    import make_db

    migrate.upgrade(url)
    written = make_db.write_summaries(url)
    if written:
        print(f"  {display_name(url)}: wrote {written:,} speaker summaries", file=sys.stderr)
    path = sqlite_file(url)
    if path is not None and not fts_history.settled(path):
        print(f"  {display_name(url)}: laying out its full-text indexes one article at a time", file=sys.stderr)
        fts_history.settle(path)


def _of(size: int, archive: int | None) -> str:
    """A base's name part: its size, and the archive it is the start of unless it is all of it."""
    return str(size) if archive in (None, size) else f"{size}-of-{archive}"


class SqliteBases:
    def __init__(self, base_dir: Path, given: dict[int, str], seed: int, archive: int | None) -> None:
        self.base_dir, self.given, self.seed, self.archive = base_dir, given, seed, archive

    def base(self, size: int) -> str:
        path = self.base_dir / f"ingest-base-{_of(size, self.archive)}.db"
        if not path.exists():
            if size in self.given:
                print(f"  copying {self.given[size]} to {path}", file=sys.stderr)
                shutil.copyfile(self.given[size], path)
            else:
                print(f"  building {path} ({size:,} quotes)", file=sys.stderr)
                import make_db

                make_db.build(f"sqlite:///{path}", size, self.seed, archive=self.archive)
            warm(f"sqlite:///{path}")
        return str(path)

    def copy(self, base: str | None, folder: Path) -> str:
        path = folder / f"run-{uuid.uuid4().hex[:8]}.db"
        if base is not None:
            shutil.copyfile(base, path)
            os.sync()  # the copy's writes reach the disk now, not while the run is timed
        return f"sqlite:///{path}"

    def drop(self, url: str) -> None:
        path = make_url(url).database or ""
        for suffix in SQLITE_SUFFIXES:
            Path(path + suffix).unlink(missing_ok=True)


class PgBases:
    def __init__(self, url: str, given: dict[int, str], seed: int, archive: int | None) -> None:
        self.url, self.given, self.seed, self.archive = url, given, seed, archive
        self.admin = create_engine(url, isolation_level="AUTOCOMMIT")

    def _url(self, name: str) -> str:
        return make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def _exists(self, name: str) -> bool:
        with self.admin.connect() as connection:
            return bool(connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}))

    def _create(self, name: str, template: str | None = None) -> None:
        with self.admin.connect() as connection:
            clause = f' TEMPLATE "{template}"' if template else ""
            connection.execute(text(f'CREATE DATABASE "{name}"{clause}'))

    def base(self, size: int) -> str:
        name = f"ingest_base_{_of(size, self.archive).replace('-', '_')}"
        if not self._exists(name):
            if size in self.given:
                print(f"  copying database {self.given[size]} to {name}", file=sys.stderr)
                self._create(name, self.given[size])
            else:
                print(f"  building database {name} ({size:,} quotes)", file=sys.stderr)
                self._create(name)
                import make_db

                make_db.build(self._url(name), size, self.seed, archive=self.archive)
            warm(self._url(name))
        return name

    def copy(self, base: str | None, folder: Path) -> str:
        name = f"ingest_run_{uuid.uuid4().hex[:8]}"
        self._create(name, base)
        return self._url(name)

    def drop(self, url: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))


def prepared(bases: Any, source: str | None, folder: Path, code: str | None) -> str:
    """A fresh copy of `source` (or a new database) upgraded by the code that will ingest into it, so
    each version is timed on its own schema (its triggers and indexes are part of what it costs)."""
    url = bases.copy(source, folder)
    command = [sys.executable, "-m", "quotes", "--db", url, "db", "upgrade"]
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=_env(code), cwd=folder)
    if done.returncode != 0:
        bases.drop(url)
        raise SystemExit(f"upgrading {url} failed: {done.stderr[-2000:]}")
    return url


def median_run(runs: list[InProcess]) -> InProcess:
    return sorted(runs, key=lambda r: r.kb_s)[len(runs) // 2]


def given_batch(source: Path, articles: int, path: Path) -> tuple[int, int]:
    """The first `articles` articles of a JSONL file of real articles (--batch), as they are; (articles,
    bytes)."""
    written = size_bytes = 0
    with source.open(encoding="utf-8") as lines, path.open("w", encoding="utf-8") as handle:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            handle.write(json.dumps({key: record[key] for key in ("id", "text", "title", "url", "outlet", "published")
                                     if record.get(key) is not None}, ensure_ascii=False) + "\n")  # fmt: skip
            written += 1
            size_bytes += len(str(record["text"]).encode("utf-8"))
            if written == articles:
                break
    return written, size_bytes


def one_size(bases: Any, size: int, args: argparse.Namespace, folder: Path, backend: str) -> InProcess:
    corpus = folder / f"batch-{size}.jsonl"
    if args.batch:
        articles, size_bytes = given_batch(Path(args.batch), args.articles, corpus)
    else:
        articles, size_bytes = batch(size, args.articles, args.seed, args.archive, corpus)
    base = bases.base(size)
    print(
        f"\n{backend}, {size:,} quotes stored; batch of {articles} articles ({size_bytes / 1e6:.2f} MB)",
        flush=True,
    )
    codes: list[tuple[str, str | None]] = [("", None)]
    if args.compare_path:
        codes.append(("other ", args.compare_path))  # run by run in turn, so both see the same load
    found: dict[tuple[str, str], InProcess] = {}
    for where, source in (("empty", None), ("at size", base)):
        runs: dict[str, list[InProcess]] = {label: [] for label, _ in codes}
        for _ in range(args.runs):
            for label, code in codes:
                url = prepared(bases, source, folder, code)
                try:
                    runs[label].append(in_child(url, corpus, code, args.path))
                finally:
                    bases.drop(url)
        for label, _ in codes:
            found[label, where] = r = median_run(runs[label])
            share = r.ingest_cpu_kb_s / r.parse_cpu_kb_s
            print(
                f"  {label}in-process {where:<8} {r.median_ms:7.1f} ms/article (p90 {r.p90_ms:6.1f})"
                f"  {r.kb_s:6.1f} kB/s  {r.quotes_s:6.0f} quotes/s  CPU: ingest {r.ingest_cpu_kb_s:6.1f} kB/s"
                f" = x{share:.2f} the parser's {r.parse_cpu_kb_s:6.1f}  RSS {r.rss_mb:.0f} MB"
                f"  (kB/s of runs: {', '.join(str(x.kb_s) for x in runs[label])})",
                flush=True,
            )
    for label, _ in codes:
        ratio = found[label, "at size"].median_ms / found[label, "empty"].median_ms
        print(f"  {label}per-article median at size / empty: x{ratio:.2f}", flush=True)
    if args.compare_path:
        for where in ("empty", "at size"):
            new, old = found["", where], found["other ", where]
            print(f"  this code / other, {where}: ingest CPU kB/s x{new.ingest_cpu_kb_s / old.ingest_cpu_kb_s:.2f},"
                  f" ms/article x{new.median_ms / old.median_ms:.2f}", flush=True)  # fmt: skip
    for label, code in codes:
        first: float | None = None
        for jobs in args.jobs:
            seconds = []
            for _ in range(args.runs):
                url = prepared(bases, base, folder, code)
                try:
                    seconds.append(cli_seconds(url, corpus, jobs, code))
                finally:
                    bases.drop(url)
            median = statistics.median(seconds)
            first = first or median
            print(
                f"  {label}--jobs {jobs}  {size_bytes / 1e3 / median:6.1f} kB/s  {articles / median:6.1f} articles/s"
                f"  x{first / median:.2f} vs --jobs {args.jobs[0]}  (runs {', '.join(f'{s:.1f}s' for s in seconds)};"
                f" load {os.getloadavg()[0]:.1f})",
                flush=True,
            )
    return found["", "at size"]


def pairs(values: list[str]) -> dict[int, str]:
    return {int(size): where for size, where in (value.split("=", 1) for value in values)}


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--measure":
        print(json.dumps(asdict(measure_in_process(sys.argv[2], Path(sys.argv[3]), sys.argv[4]))))
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--archive", type=int, help="each size is the start of one archive of this many quotes"
    )
    parser.add_argument("--base-dir", type=Path, default=Path(tempfile.gettempdir()) / "quotes-bench")
    parser.add_argument("--sqlite-base", nargs="*", default=[], metavar="SIZE=PATH")
    parser.add_argument("--pg", help="a PostgreSQL URL whose server may hold the bases and throw-away copies")
    parser.add_argument("--pg-base", nargs="*", default=[], metavar="SIZE=DBNAME")
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument(
        "--compare-path", metavar="DIR", help="also run another checkout's package (PYTHONPATH)"
    )
    parser.add_argument("--in-process-only", action="store_true", help="skip the `quotes ingest --jobs` runs")
    parser.add_argument(
        "--path",
        choices=["sources", "article"],
        default="sources",
        help="in-process: ingest_sources as `quotes ingest` stores (default), or ingest_article per article",
    )
    parser.add_argument(
        "--batch",
        metavar="FILE.jsonl",
        help="store the first --articles articles of this file (real news, e.g. a gold set) instead of the archive's own",
    )
    args = parser.parse_args()
    if args.in_process_only:
        args.jobs = []
    args.base_dir.mkdir(parents=True, exist_ok=True)
    print(f"cores available: {len(os.sched_getaffinity(0))}; runs per figure: {args.runs} (median);"
          f" load {os.getloadavg()[0]:.1f}")  # fmt: skip
    backends: list[tuple[str, Any]] = []
    if "sqlite" in args.backends:
        backends.append(
            ("SQLite", SqliteBases(args.base_dir, pairs(args.sqlite_base), args.seed, args.archive))
        )
    if "postgresql" in args.backends and args.pg:
        backends.append(("PostgreSQL", PgBases(args.pg, pairs(args.pg_base), args.seed, args.archive)))
    with tempfile.TemporaryDirectory(dir=args.base_dir) as folder:
        for label, bases in backends:
            at_size = {size: one_size(bases, size, args, Path(folder), label) for size in args.sizes}
            first = args.sizes[0]
            for size, found in at_size.items():
                print(
                    f"{label} at {size:,} / at {first:,} quotes: ms/article x{found.median_ms / at_size[first].median_ms:.2f},"
                    f" CPU per kB x{at_size[first].ingest_cpu_kb_s / found.ingest_cpu_kb_s:.2f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
