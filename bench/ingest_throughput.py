"""Ingest throughput into SQLite and PostgreSQL at --jobs 1 and 2, at several corpus sizes.

usage: python bench/ingest_throughput.py [--quotes 10000 100000] [--runs 3] [--jobs 1 2]
                                         [--pg postgresql+psycopg://user@host/db] [--eval ../shared/eval]
                                         [--backends sqlite postgresql] [--compare-path OTHER_CHECKOUT]

The corpus is the seed and evaluation articles, repeated until it holds about --quotes quotes, each copy
made distinct by a closing line (so none is skipped as already present); it is written once as JSONL.
Each run is `quotes ingest --quiet --jobs J` in a fresh process on a fresh database (a new SQLite file, or
a new PostgreSQL database created on the server --pg names and dropped afterwards); each round runs every
--jobs (and version) once, in turn. Prints the median of --runs runs: MB/s, articles/s, quotes/s, the
writer's peak RSS, the writer's CPU use (its CPU seconds per second of run: the parse workers are
children of multiprocessing's fork server and are not counted, nor is a PostgreSQL server), and the ratio of each --jobs to the first one measured in the
same rounds, with the load average. Before the runs, the CPU split of one process
(parse, then store the parses): ms per article each, and ingest's throughput as a share of the parser's.
`--compare-path` also runs another checkout's package (by PYTHONPATH), run by run in turn with this one,
and prints this code's ratio to it. The machine is shared and noisy: compare ratios, not absolutes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from quotes.parse import parse_article

ROOT = Path(__file__).resolve().parents[1]


def load_texts(eval_dir: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for gold in sorted(eval_dir.glob("gold-*.jsonl")):
        with gold.open(encoding="utf-8") as handle:
            texts.extend(json.loads(line)["text"] for line in handle if line.strip())
    return texts


def write_corpus(texts: list[str], wanted_quotes: int, path: Path) -> tuple[int, int, int]:
    """Write copies of `texts` until they hold `wanted_quotes` quotes; (articles, bytes, quotes)."""
    per_text = [len(parse_article(t).quotes) for t in texts]
    articles = size = quotes = 0
    with path.open("w", encoding="utf-8") as handle:
        while quotes < wanted_quotes:
            for text_, count in zip(texts, per_text, strict=True):
                body = f"{text_}\n\n(Archive copy {articles}.)\n"
                handle.write(json.dumps({"id": f"copy-{articles}", "text": body}, ensure_ascii=False) + "\n")
                articles += 1
                size += len(body.encode("utf-8"))
                quotes += count
                if quotes >= wanted_quotes:
                    break
    return articles, size, quotes


class Postgres:
    """Fresh databases on one PostgreSQL server, one per run."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.admin = create_engine(url, isolation_level="AUTOCOMMIT")

    def create(self) -> str:
        name = f"quotes_bench_{uuid.uuid4().hex[:10]}"
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        return make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))


def prepare(db: str) -> None:
    """Create the schema before timing, so runs measure ingest alone."""
    subprocess.run([sys.executable, "-m", "quotes", "db", "upgrade", "--db", db], check=True, capture_output=True,
                   cwd=tempfile.gettempdir())  # fmt: skip  (not the caller's folder: `-m` imports from there)


def _env(pythonpath: str | None) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": pythonpath} if pythonpath else dict(os.environ)


def one_run(db: str, corpus: Path, jobs: int, pythonpath: str | None = None) -> tuple[float, int, float]:
    """Seconds, the writer's peak RSS (kB) and the writer's CPU seconds (not its workers': the fork server
    reaps them) for one `quotes ingest` of the corpus into `db` (`pythonpath`: another checkout's package)."""
    command = [sys.executable, "-m", "quotes", "ingest", "--quiet", "--jobs", str(jobs), "--db", db, str(corpus)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, env=_env(pythonpath), cwd=tempfile.gettempdir())
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    stderr = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"ingest failed: {stderr}")
    return seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def cpu_split(corpus: Path, tmp: str) -> tuple[float, float]:
    """CPU seconds to parse the corpus and to store the parses (one process, a new SQLite file): the
    parse share is what worker processes can take off the writer."""
    from datetime import UTC, datetime

    from quotes.db.engine import make_engine, make_session_factory
    from quotes.db.ingest import content_hash, store_parsed
    from quotes.parallel import parse_text
    from quotes.sources import SourceArticle, read_articles

    db = str(Path(tmp) / f"split-{uuid.uuid4().hex[:6]}.db")
    prepare(db)
    sources = [s for s in read_articles([str(corpus)]) if isinstance(s, SourceArticle)]
    started = time.process_time()
    parses = [parse_text(source.text) for source in sources]
    parse_cpu = time.process_time() - started
    engine = make_engine(f"sqlite:///{db}")
    factory = make_session_factory(engine)
    started = time.process_time()
    for source, parse in zip(sources, parses, strict=True):
        assert not isinstance(parse, str), parse
        store_parsed(factory, source, parse, digest=content_hash(source.text), now=datetime.now(UTC))
    store_cpu = time.process_time() - started
    engine.dispose()
    return parse_cpu, store_cpu


def cpu_split_of(corpus: Path, tmp: str, pythonpath: str | None) -> tuple[float, float]:
    """`cpu_split` run by this script in a child process with another checkout's package."""
    command = [sys.executable, __file__, "--cpu-split", str(corpus), "--tmp", tmp]
    output = subprocess.run(command, env=_env(pythonpath), check=True, capture_output=True, text=True,
                            cwd=tempfile.gettempdir()).stdout  # fmt: skip
    parse_cpu, store_cpu = json.loads(output.strip().splitlines()[-1])
    return float(parse_cpu), float(store_cpu)


def show_split(label: str, articles: int, parse_cpu: float, store_cpu: float) -> None:
    print(
        f"  CPU, one process ({label}): parse {parse_cpu:.2f} s ({parse_cpu / articles * 1000:.1f} ms/article), "
        f"store {store_cpu:.2f} s ({store_cpu / articles * 1000:.1f} ms/article); ingest x parser "
        f"{parse_cpu / (parse_cpu + store_cpu):.2f}; with parsing in workers the writer bounds the speed-up "
        f"at x{(parse_cpu + store_cpu) / store_cpu:.2f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quotes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--pg", help="a PostgreSQL URL whose server may hold throw-away databases")
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--compare-path", metavar="DIR", help="another checkout to run in turn with this one")
    parser.add_argument("--cpu-split", type=Path, help=argparse.SUPPRESS)  # child of --compare-path
    parser.add_argument("--tmp", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cpu_split:
        print(json.dumps(cpu_split(args.cpu_split, args.tmp)))
        return
    eval_dir = args.eval if args.eval.exists() else Path("/work/shared/eval")
    texts = load_texts(eval_dir)
    postgres = Postgres(args.pg) if args.pg else None
    backends = [b for b in args.backends if b == "sqlite" or postgres is not None]
    versions: list[tuple[str, str | None]] = [("this", None)]
    if args.compare_path:
        versions = [("other", args.compare_path), *versions]
    print(f"cores available: {len(os.sched_getaffinity(0))}; runs per figure: {args.runs} (median)")
    with tempfile.TemporaryDirectory() as tmp:
        for wanted in args.quotes:
            corpus = Path(tmp) / f"corpus-{wanted}.jsonl"
            articles, size, quotes = write_corpus(texts, wanted, corpus)
            print(f"\n{quotes} quotes in {articles} articles, {size / 1e6:.1f} MB")
            for label, pythonpath in versions:
                split = cpu_split(corpus, tmp) if pythonpath is None else cpu_split_of(corpus, tmp, pythonpath)
                show_split(label, articles, *split)
            for backend in backends:
                measure(args, backend, postgres, tmp, corpus, versions, (articles, size, quotes, wanted))


def measure(
    args: argparse.Namespace,
    backend: str,
    postgres: Postgres | None,
    tmp: str,
    corpus: Path,
    versions: list[tuple[str, str | None]],
    corpus_size: tuple[int, int, int, int],
) -> None:
    """--runs rounds of one run per --jobs and version, in turn (so load swings reach all alike), then
    the medians: throughput, ratio to the first --jobs, and the writer's CPU seconds per second of run."""
    articles, size, quotes, wanted = corpus_size
    seconds: dict[tuple[int, str], list[float]] = {}
    rss: dict[tuple[int, str], list[int]] = {}
    cpu: dict[tuple[int, str], list[float]] = {}
    loads: list[float] = []
    for run in range(args.runs):
        for jobs in args.jobs:
            for label, pythonpath in versions:
                took, peak, used = _timed_run(backend, postgres, tmp, corpus, jobs, pythonpath, run)
                seconds.setdefault((jobs, label), []).append(took)
                rss.setdefault((jobs, label), []).append(peak)
                cpu.setdefault((jobs, label), []).append(used / took)
                loads.append(os.getloadavg()[0])
    for jobs in args.jobs:
        for label, _ in versions:
            runs = seconds[(jobs, label)]
            median = statistics.median(runs)
            base = statistics.median(seconds[(args.jobs[0], label)])
            print(
                f"  {backend:<10} {label:<5} --jobs {jobs}: {size / 1e6 / median:6.2f} MB/s "
                f"{articles / median:7.1f} articles/s {quotes / median:8.0f} quotes/s  "
                f"x{base / median:.2f} vs --jobs {args.jobs[0]}  "
                f"writer RSS {statistics.median(rss[(jobs, label)]) / 1024:.0f} MB  "
                f"writer CPU use {statistics.median(cpu[(jobs, label)]):.2f}  "
                f"(runs {', '.join(f'{s:.1f}s' for s in runs)}; load {min(loads):.1f}-{max(loads):.1f}; "
                f"{wanted} quotes wanted)",
                flush=True,
            )
        if len(versions) == 2:
            ratio = statistics.median(seconds[(jobs, "other")]) / statistics.median(seconds[(jobs, "this")])
            print(f"  {backend:<10} --jobs {jobs}: this x{ratio:.2f} the other's throughput", flush=True)


def _timed_run(
    backend: str, postgres: Postgres | None, tmp: str, corpus: Path, jobs: int, pythonpath: str | None, run: int
) -> tuple[float, int, float]:
    """One `quotes ingest` into a fresh database of `backend`, removed afterwards."""
    if backend == "sqlite":
        db = str(Path(tmp) / f"run-{jobs}-{run}-{uuid.uuid4().hex[:6]}.db")
    else:
        assert postgres is not None
        db = postgres.create()
    try:
        prepare(db)
        return one_run(db, corpus, jobs, pythonpath)
    finally:
        if backend == "sqlite":
            for suffix in ("", "-wal", "-shm", ".schema-lock"):
                Path(db + suffix).unlink(missing_ok=True)
        elif postgres is not None:
            postgres.drop(db)


if __name__ == "__main__":
    main()
