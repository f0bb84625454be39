"""Search latency on databases from bench/make_db.py, one query of each kind of the search language.

usage: python bench/search_latency.py [--quotes 10000 100000] [--runs 5] [--db-dir /tmp] [--pg URL]

Builds (or reuses) a make_db database per size in --db-dir (SQLite), or a fresh database on the
PostgreSQL server --pg names, then times `quotes.db.repo.list_quotes(search=...)` (what `quotes list
--search` runs) for each query: median of --runs after one warm-up, and the number of rows found.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_db

from quotes.db.engine import make_engine, make_session_factory
from quotes.db.repo import list_quotes

QUERIES = ("minister", "said the minister", '"the minister said"', "minist*", "minister OR council",
           "minister -council", "zzzzqx")  # fmt: skip


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quotes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db-dir", type=Path, default=Path("/tmp"))
    parser.add_argument("--pg")
    args = parser.parse_args()
    for size in args.quotes:
        url = database(size, args.db_dir, args.pg)
        engine = make_engine(url)
        factory = make_session_factory(engine)
        print(f"\n{size} quotes ({'PostgreSQL' if args.pg else 'SQLite'})")
        for query in QUERIES:
            times = []
            with factory() as session:
                found = len(list_quotes(session, search=query))
                for _ in range(args.runs):
                    started = time.perf_counter()
                    list_quotes(session, search=query)
                    times.append(time.perf_counter() - started)
            print(f"  {query!r:28} {statistics.median(times) * 1000:8.1f} ms  {found:7} rows", flush=True)
        engine.dispose()


if __name__ == "__main__":
    main()
