"""Ingest cost as the database grows: per-article time in the first and last tenth, throughput against
the parser alone, SQL statements per article, peak memory.

usage: python bench/ingest_scale.py [--quotes 10000 100000] [--runs 1] [--eval ../shared/eval]
                                    [--compare OTHER_PYTHON [--compare-path OTHER_CHECKOUT]]

The corpus repeats the seed and evaluation articles, each copy made unique by a reference line (so it is
stored, not "already present"), until the database holds --quotes quotes: the same people recur across
the archive, as in news. Articles are ingested one by one into a fresh SQLite database with the real
`ingest_article`, in one process. The parser alone is timed on the same texts. Flat cost means the last
tenth's median per-article time is close to the first tenth's (ratio near 1.0), whatever the size.
The ratio to the parser is given from wall time and from CPU time (steadier on a shared machine).
`--compare` runs the same sizes with another interpreter (for instance the main branch's .venv, or this
one with `--compare-path` set to a checkout of an older commit) in the same run and prints the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event

from quotes.db import migrate
from quotes.db.engine import make_engine, make_session_factory
from quotes.db.ingest import Status, ingest_article
from quotes.parse import parse_article
from quotes.sources import SourceArticle

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass
class Result:
    quotes: int
    articles: int
    megabytes: float
    ingest_kb_s: float
    parse_kb_s: float
    ratio_to_parser: float
    ratio_to_parser_cpu: float  # the same from CPU time, steadier on a loaded machine
    first_tenth_ms: float
    last_tenth_ms: float
    last_over_first: float
    statements_per_article: float
    peak_rss_mb: float


def load_texts(eval_dir: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for gold in sorted(eval_dir.glob("gold-*.jsonl")):
        with gold.open(encoding="utf-8") as handle:
            texts.extend(json.loads(line)["text"] for line in handle if line.strip())
    return texts


def quotes_per_text(texts: list[str]) -> list[int]:
    return [len(parse_article(text).quotes) for text in texts]


def corpus(texts: list[str], counts: list[int], wanted_quotes: int) -> list[str]:
    """Copies of the texts, each unique, until they hold `wanted_quotes` quotes."""
    docs: list[str] = []
    total = 0
    while total < wanted_quotes:
        for text, count in zip(texts, counts, strict=True):
            docs.append(f"{text}\n\nArchive reference {len(docs)}.\n")
            total += count
            if total >= wanted_quotes:
                break
    return docs


def measure(docs: list[str], folder: Path) -> Result:
    url = f"sqlite:///{folder / 'bench.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    statements = 0

    def count(*_: Any) -> None:
        nonlocal statements
        statements += 1

    event.listen(engine, "before_cursor_execute", count)
    factory = make_session_factory(engine)
    per_article: list[float] = []
    stored_quotes = 0
    start = time.perf_counter()
    cpu_start = time.process_time()
    tenth = max(1, len(docs) // 10)
    for number, text in enumerate(docs):
        source = SourceArticle(source_id=str(number), path="bench.txt", line=number + 1, text=text)
        began = time.perf_counter()
        outcome = ingest_article(factory, source, now=NOW)
        per_article.append(time.perf_counter() - began)
        if outcome.status is not Status.ADDED:
            raise SystemExit(f"article {number}: {outcome.status} {outcome.message}")
        stored_quotes += outcome.quotes
        if (number + 1) % tenth == 0:  # on stderr, so a run stopped early still tells the slope
            print(
                f"  {number + 1}/{len(docs)} articles, {stored_quotes} quotes, {time.perf_counter() - start:.0f} s;"
                f" median ms per article in this tenth {statistics.median(per_article[-tenth:]) * 1000:.2f}"
                f" (load {os.getloadavg()[0]:.1f})",
                file=sys.stderr,
                flush=True,
            )
    ingest_seconds = time.perf_counter() - start
    ingest_cpu = time.process_time() - cpu_start
    engine.dispose()
    began = time.perf_counter()
    cpu_start = time.process_time()
    for text in docs:
        parse_article(text)
    parse_seconds = time.perf_counter() - began
    parse_cpu = time.process_time() - cpu_start
    size = sum(len(text.encode("utf-8")) for text in docs)
    tenth = max(1, len(docs) // 10)
    first = statistics.median(per_article[:tenth]) * 1000
    last = statistics.median(per_article[-tenth:]) * 1000
    return Result(
        quotes=stored_quotes,
        articles=len(docs),
        megabytes=round(size / 1e6, 2),
        ingest_kb_s=round(size / 1e3 / ingest_seconds, 1),
        parse_kb_s=round(size / 1e3 / parse_seconds, 1),
        ratio_to_parser=round(parse_seconds / ingest_seconds, 3),
        ratio_to_parser_cpu=round(parse_cpu / ingest_cpu, 3),
        first_tenth_ms=round(first, 2),
        last_tenth_ms=round(last, 2),
        last_over_first=round(last / first, 3),
        statements_per_article=round(statements / len(docs), 1),
        peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    )


def run(sizes: list[int], runs: int, eval_dir: Path) -> list[Result]:
    texts = load_texts(eval_dir)
    counts = quotes_per_text(texts)
    results = []
    for size in sizes:
        docs = corpus(texts, counts, size)
        trials = []
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as folder:
                trials.append(measure(docs, Path(folder)))
        trials.sort(key=lambda r: r.ingest_kb_s)
        results.append(trials[len(trials) // 2])  # the median run by throughput
    return results


def show(label: str, results: list[Result]) -> None:
    print(f"{label}:")
    print(
        f"{'quotes':>9} {'articles':>8} {'MB':>6} {'ingest kB/s':>11} {'parse kB/s':>10} {'x parser':>8}"
        f" {'x parser CPU':>12} {'first ms':>8} {'last ms':>8} {'last/first':>10} {'stmts/art':>9} {'RSS MB':>7}"
    )
    for r in results:
        print(
            f"{r.quotes:>9} {r.articles:>8} {r.megabytes:>6} {r.ingest_kb_s:>11} {r.parse_kb_s:>10}"
            f" {r.ratio_to_parser:>8} {r.ratio_to_parser_cpu:>12} {r.first_tenth_ms:>8} {r.last_tenth_ms:>8} {r.last_over_first:>10}"
            f" {r.statements_per_article:>9} {r.peak_rss_mb:>7}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--eval", type=Path, default=ROOT.parent.parent / "shared" / "eval")
    parser.add_argument("--compare", metavar="PYTHON", help="Also run with this interpreter; print ratios.")
    parser.add_argument("--compare-path", metavar="DIR", help="PYTHONPATH for --compare (another checkout).")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # for --compare
    args = parser.parse_args()
    eval_dir = args.eval if args.eval.exists() else Path("/work/shared/eval")
    if args.json:
        print(json.dumps([asdict(r) for r in run(args.quotes, args.runs, eval_dir)]))
        return
    other: list[Result] = []
    if args.compare:
        command = [args.compare, __file__, "--json", "--runs", str(args.runs), "--eval", str(eval_dir)]
        env = {**os.environ, **({"PYTHONPATH": args.compare_path} if args.compare_path else {})}
        output = subprocess.run([*command, "--quotes", *map(str, args.quotes)], check=True, env=env,
                                capture_output=True, text=True, cwd=tempfile.gettempdir()).stdout  # fmt: skip
        other = [Result(**row) for row in json.loads(output)]
    mine = run(args.quotes, args.runs, eval_dir)
    if other:
        show(f"other ({args.compare})", other)
    show(f"this ({sys.executable})", mine)
    for before, after in zip(other, mine, strict=bool(other)):
        print(
            f"{after.quotes} quotes: ingest throughput x{after.ingest_kb_s / before.ingest_kb_s:.2f},"
            f" last-tenth article time x{after.last_tenth_ms / before.last_tenth_ms:.2f},"
            f" statements per article x{after.statements_per_article / before.statements_per_article:.2f}"
        )


if __name__ == "__main__":
    main()
