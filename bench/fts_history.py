"""Lay a bench database's SQLite full-text indexes out as a history of one-article transactions would.

usage: python bench/fts_history.py DB.sqlite [--tables quote_fts article_fts]

make_db fills the quotes' full-text index in one pass at the end ('rebuild'), and the articles' one in
chunks of 25,000 quotes. FTS5 keeps an index as segments in levels and merges the segments of a level
into one of the next (its 'automerge'); a one-pass fill leaves a few huge segments in low levels, which
the first few hundred ingested articles then pay to merge. Measured at 1,000,000 quotes, eleven quotes
inserted per transaction into a copy of make_db's base: 10 ms of CPU per transaction, against 0.9-1.4 ms
all along an index that grew by such transactions from empty to the same 1,000,000 quotes (and 1.5 ms
after the base's index was merged into one segment). An ingest bench on such a base times that one-off
merge, not what storing an article costs in an archive that grew by ingest.

This script empties each index ('delete-all') and inserts its rows again one article per transaction,
in id order, as `quotes ingest` would have written them, then leaves a marker file beside the database
(DB.sqlite.fts-history), so `ingest_at_size.py` settles each base once. It changes no row of any
table, only the indexes' own.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

# index -> (the rows of one article, by article id)
INDEXES = {
    "quote_fts": "SELECT id, search_text FROM quotes WHERE article_id = ? ORDER BY id",
    "article_fts": "SELECT id, text FROM articles WHERE id = ?",
}
COLUMNS = {"quote_fts": "search_text", "article_fts": "text"}
def _marker(path: Path) -> Path:
    return path.with_name(path.name + ".fts-history")


def settled(path: Path) -> bool:
    return _marker(path).exists()


def settle(path: Path, tables: tuple[str, ...] = tuple(INDEXES), log: bool = True) -> None:
    """Refill each of `tables` (FTS5 indexes of the quotes schema) one article per transaction."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        for pragma in ("journal_mode=WAL", "synchronous=OFF", "cache_size=-262144"):
            connection.execute(f"PRAGMA {pragma}")
        articles = [article_id for (article_id,) in connection.execute("SELECT id FROM articles ORDER BY id")]
        for table in tables:
            started = time.perf_counter()
            connection.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
            insert = f"INSERT INTO {table}(rowid, {COLUMNS[table]}) VALUES (?, ?)"
            for done, article_id in enumerate(articles, 1):
                rows = connection.execute(INDEXES[table], (article_id,)).fetchall()
                connection.execute("BEGIN IMMEDIATE")
                connection.executemany(insert, rows)
                connection.execute("COMMIT")
                if log and done % 20_000 == 0:
                    print(f"  {table}: {done:,} of {len(articles):,} articles", file=sys.stderr)
            if log:
                print(f"  {table}: {len(articles):,} articles in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    _marker(path).write_text("full-text indexes laid out one article per transaction\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", type=Path)
    parser.add_argument("--tables", nargs="+", choices=tuple(INDEXES), default=list(INDEXES))
    args = parser.parse_args()
    settle(args.db, tuple(args.tables))


if __name__ == "__main__":
    main()
