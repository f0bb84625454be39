"""Search latency on databases from bench/make_db.py: one query of each kind of the search language,
words of the most quoted speaker's name, `quotes speakers` and `list --speaker` for that speaker.

usage: python bench/search_latency.py [--quotes 10000 100000] [--runs 5] [--db-dir /tmp] [--pg URL]
       python bench/search_latency.py --db URL [--db URL ...] [--runs 5]
       python bench/search_latency.py --db URL --old-src /work/main [--old-db URL] [--rounds 2]

Builds (or reuses) a make_db database per size in --db-dir (SQLite), or a fresh database on the
PostgreSQL server --pg names; or times the databases given with --db as they are (build them once with
bench/make_db.py and reuse them). For each query it prints the median of --runs (after one warm-up) of:
  page   the first page of 100 results (`repo.quote_page`, sort relevance, no total): what the terminal
         UI shows first and what a person waits for; `order` says which order it came in;
  next   the page after it (the cursor of the first);
  count  how many quotes match (`repo.count_quotes`): the UI's total, asked for after the first page.
With --old-src, the same queries are also timed with the `quotes` package of that checkout (a child
process with it first on sys.path) on --old-db (one per --db, in the same order; default: the same
database), old and new taking turns for --rounds rounds, and each figure is the median over rounds,
with the ratio old / new. Give an --old-db at the revision the old code expects (on PostgreSQL the
expression index that migration 0014 replaces).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

BENCH_DIR = Path(__file__).resolve().parent
QUERIES = (  # (kind, query); "{speaker}" is the last word of the most quoted speaker's name, "{first}" the first
    ("common word", "will"),
    ("rare word", "guilty"),
    ("phrase", '"we will not"'),
    ("prefix*", "deliber*"),
    ("OR", "guilty OR cancel"),
    ("-exclude", "guilty -will"),
    ("common -exclude", "will -guilty"),
    ("speaker-name word", "{speaker}"),
    ("speaker first name", "{first}"),
    ("speaker word + text word", "{speaker} guilty"),
    ("common word -speaker", "will -{speaker}"),
    ("no match", "zzzzqx"),
)
Measure = dict[str, Any]


def database(size: int, db_dir: Path, pg: str | None) -> str:
    sys.path.insert(0, str(BENCH_DIR))
    import make_db  # the generator: only when a database must be built

    if pg is None:
        path = db_dir / f"search-bench-{size}.db"
        url = f"sqlite:///{path}"
        if not path.exists():
            make_db.build(url, size, seed=1)
        return url
    name = f"quotes_search_{uuid.uuid4().hex[:10]}"
    admin = create_engine(pg, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(pg).set(database=name).render_as_string(hide_password=False)
    make_db.build(url, size, seed=1)
    return url


def median_ms(action: Callable[[], Any], runs: int) -> tuple[float, Any]:
    result = action()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, result


def measure(url: str, runs: int) -> Measure:
    """Every query's page, next page and count times on `url` with the `quotes` package imported here."""
    import quotes
    from quotes.db.engine import make_engine, make_session_factory
    from quotes.db.fts import fold_for_search
    from quotes.db.models import Quote, Speaker, SpeakerStats
    from quotes.db.repo import QuoteQuery, QuoteSort, count_quotes, quote_page
    from quotes.db.speaker_views import speaker_summaries

    engine = make_engine(url)
    factory = make_session_factory(engine, read_only=True)
    with factory() as session:
        size = session.execute(select(func.count(Quote.id))).scalar_one()
        top_name, top_quotes = session.execute(
            select(Speaker.name, SpeakerStats.quotes)
            .join(SpeakerStats, SpeakerStats.speaker_id == Speaker.id)
            .order_by(SpeakerStats.quotes.desc())
            .limit(1)
        ).one()
    words = fold_for_search(top_name).split()
    found: Measure = {
        "size": size, "dialect": engine.dialect.name, "speaker": f"{top_name} ({top_quotes:,} quotes)",
        "package": str(Path(quotes.__file__).parent), "queries": [],
    }  # fmt: skip
    for kind, template in QUERIES:
        query = template.format(speaker=words[-1], first=words[0])
        ranked = QuoteQuery(search=query, sort=QuoteSort.RELEVANCE)
        with factory() as session:
            page_ms, page = median_ms(lambda q=ranked: quote_page(session, q, limit=100, with_total=False), runs)
            next_ms = None
            if page.next_after is not None:
                after = page.next_after
                next_ms, _ = median_ms(lambda q=ranked, a=after: quote_page(session, q, after=a, limit=100, with_total=False), runs)
            count_ms, rows = median_ms(lambda q=ranked: count_quotes(session, q), runs)
        order = getattr(page, "search_order", None)
        found["queries"].append({
            "kind": kind, "query": query, "page": page_ms, "next": next_ms, "count": count_ms, "rows": rows,
            "order": str(order) if order is not None else "-",
        })  # fmt: skip
    with factory() as session:
        speakers_ms, _ = median_ms(lambda: speaker_summaries(session, limit=100), runs)
        by_speaker = QuoteQuery(speaker=words[-1])
        list_ms, _ = median_ms(lambda: quote_page(session, by_speaker, limit=100, with_total=False), runs)
        list_count_ms, list_rows = median_ms(lambda: count_quotes(session, by_speaker), runs)
    found["speakers_ms"], found["list_speaker"] = speakers_ms, (words[-1], list_ms, list_count_ms, list_rows)
    engine.dispose()
    return found


def measure_with(src: Path, url: str, runs: int) -> Measure:
    """`measure` in a child process whose `quotes` package is the one in checkout `src`."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [sys.executable, str(Path(__file__).resolve()), "--json", "--runs", str(runs), "--db", url]
    done = subprocess.run(command, env=env, cwd=src, capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout))


def _median_over(rounds: list[Measure]) -> Measure:
    """The first round with each query's figures the median over the rounds."""
    merged = json.loads(json.dumps(rounds[0]))
    for index, row in enumerate(merged["queries"]):
        for key in ("page", "next", "count"):
            values = [r["queries"][index][key] for r in rounds if r["queries"][index][key] is not None]
            row[key] = statistics.median(values) if values else None
    return merged


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _ratio(old: float | None, new: float | None) -> str:
    return "-" if old is None or new is None or new == 0 else f"{old / new:.1f}x"


def report(new: Measure, old: Measure | None) -> None:
    print(f"\n{new['size']:,} quotes ({new['dialect']}); most quoted speaker: {new['speaker']}")
    if old is not None:
        print(f"  old: {old['package']}    new: {new['package']}")
        print(f"  {'kind':25} {'query':20} {'page old':>9} {'new':>7} {'ratio':>7} {'next':>7} "
              f"{'count old':>10} {'new':>7} {'ratio':>7} {'rows':>8}  order")  # fmt: skip
    else:
        print(f"  {'kind':25} {'query':20} {'page':>9} {'next':>7} {'count':>9} {'rows':>8}  order")
    for index, row in enumerate(new["queries"]):
        head = f"  {row['kind']:25} {row['query']!r:20}"
        if old is None:
            print(f"{head} {_ms(row['page']):>9} {_ms(row['next']):>7} {_ms(row['count']):>9} {row['rows']:8,}  {row['order']}")
            continue
        was = old["queries"][index]
        print(f"{head} {_ms(was['page']):>9} {_ms(row['page']):>7} {_ratio(was['page'], row['page']):>7} "
              f"{_ms(row['next']):>7} {_ms(was['count']):>10} {_ms(row['count']):>7} "
              f"{_ratio(was['count'], row['count']):>7} {row['rows']:8,}  {row['order']}")  # fmt: skip
        if was["rows"] != row["rows"]:
            print(f"  !! old code counted {was['rows']:,} matches")
    word, list_ms, count_ms, rows = new["list_speaker"]
    print(f"  {'quotes speakers':25} {'(first 100)':20} {new['speakers_ms']:9.1f}")
    print(f"  {'list --speaker':25} {word!r:20} {list_ms:9.1f} count {count_ms:.1f} ms, {rows:,} quotes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quotes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db-dir", type=Path, default=Path("/tmp"))
    parser.add_argument("--pg")
    parser.add_argument("--db", action="append", default=[], help="time this database as it is (repeatable)")
    parser.add_argument("--old-src", type=Path, help="also time the quotes package of this checkout")
    parser.add_argument("--old-db", action="append", default=[], help="the database for --old-src (one per --db)")
    parser.add_argument("--rounds", type=int, default=2, help="old and new take turns this many times")
    parser.add_argument("--json", action="store_true", help="print the figures of one --db as JSON")
    args = parser.parse_args()
    urls = [url if "://" in url else f"sqlite:///{url}" for url in args.db]
    if args.json:
        print(json.dumps(measure(urls[0], args.runs)))
        return
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    urls = urls or [database(size, args.db_dir, args.pg) for size in args.quotes]
    old_urls = [url if "://" in url else f"sqlite:///{url}" for url in args.old_db] or urls
    for url, old_url in zip(urls, old_urls, strict=True):
        if args.old_src is None:
            report(measure(url, args.runs), None)
            continue
        olds, news = [], []
        for _ in range(args.rounds):
            olds.append(measure_with(args.old_src, old_url, args.runs))
            news.append(measure(url, args.runs))
        report(_median_over(news), _median_over(olds))
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
