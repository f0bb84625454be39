"""Search latency on databases from bench/make_db.py: one query of each kind of the search language,
a word of the most quoted speaker's name, `quotes speakers` and `list --speaker` for that speaker.

usage: python bench/search_latency.py [--quotes 10000 100000] [--runs 5] [--db-dir /tmp] [--pg URL]
       python bench/search_latency.py --db URL [--db URL ...] [--runs 5]

Builds (or reuses) a make_db database per size in --db-dir (SQLite), or a fresh database on the
PostgreSQL server --pg names; or times the databases given with --db as they are (build them once with
bench/make_db.py and reuse them). For each query it prints the median of --runs (after one warm-up) of:
  page   the first page of 100 best matches (`repo.quote_page`, sort relevance): what the terminal UI
         shows first and what a person waits for;
  count  how many quotes match (`repo.count_quotes`, the UI's total);
  list   every matching row (`repo.list_quotes`, what `quotes list --search` prints), only when at most
         --list-max rows match: past that the time is the rows', not the search's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_db

from quotes.db.engine import make_engine, make_session_factory
from quotes.db.fts import fold_for_search
from quotes.db.models import Quote, Speaker, SpeakerStats
from quotes.db.repo import QuoteQuery, QuoteSort, count_quotes, list_quotes, quote_page
from quotes.db.speaker_views import speaker_summaries

QUERIES = (  # (kind, query); "{speaker}" is a word of the most quoted speaker's name
    ("common word", "will"),
    ("rare word", "guilty"),
    ("phrase", '"we will not"'),
    ("prefix*", "deliber*"),
    ("OR", "guilty OR cancel"),
    ("-exclude", "guilty -will"),
    ("speaker-name word", "{speaker}"),
    ("speaker word + text word", "{speaker} guilty"),
    ("no match", "zzzzqx"),
)


def database(size: int, db_dir: Path, pg: str | None) -> str:
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


def bench(url: str, runs: int, list_max: int) -> None:
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
    surname = fold_for_search(top_name).split()[-1]
    print(f"\n{size:,} quotes ({engine.dialect.name}); most quoted speaker: {top_name} ({top_quotes:,} quotes)")
    print(f"  {'kind':26} {'query':24} {'page':>9} {'count':>9} {'list':>9} {'rows':>8}")
    for kind, template in QUERIES:
        query = template.format(speaker=surname)
        ranked = QuoteQuery(search=query, sort=QuoteSort.RELEVANCE)
        with factory() as session:
            page_ms, _ = median_ms(lambda q=ranked: quote_page(session, q, limit=100, with_total=False), runs)
            count_ms, rows = median_ms(lambda q=ranked: count_quotes(session, q), runs)
            listed = "-"
            if rows <= list_max:
                list_ms, _ = median_ms(lambda q=query: list_quotes(session, search=q), runs)
                listed = f"{list_ms:.1f}"
        print(f"  {kind:26} {query!r:24} {page_ms:9.1f} {count_ms:9.1f} {listed:>9} {rows:8,}", flush=True)
    by_speaker = QuoteQuery(speaker=surname)
    with factory() as session:
        speakers_ms, speakers = median_ms(lambda: speaker_summaries(session), runs)
        page_ms, _ = median_ms(lambda: quote_page(session, by_speaker, limit=100, with_total=False), runs)
        count_ms, rows = median_ms(lambda: count_quotes(session, by_speaker), runs)
        listed = "-"
        if rows <= list_max:
            list_ms, _ = median_ms(lambda: list_quotes(session, speaker=surname), runs)
            listed = f"{list_ms:.1f}"
    print(f"  {'quotes speakers':26} {'(every speaker)':24} {speakers_ms:9.1f} {'':>9} {'':>9} {len(speakers):8,}")
    print(f"  {'list --speaker':26} {surname!r:24} {page_ms:9.1f} {count_ms:9.1f} {listed:>9} {rows:8,}")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quotes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db-dir", type=Path, default=Path("/tmp"))
    parser.add_argument("--pg")
    parser.add_argument("--db", action="append", default=[], help="time this database as it is (repeatable)")
    parser.add_argument("--list-max", type=int, default=20_000)
    args = parser.parse_args()
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    urls = args.db or [database(size, args.db_dir, args.pg) for size in args.quotes]
    for url in urls:
        bench(url if "://" in url else f"sqlite:///{url}", args.runs, args.list_max)
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
