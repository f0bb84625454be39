"""Real `quotes ingest` processes: killed with SIGKILL mid-run, the database keeps only whole articles
and a re-run completes the rest; two processes ingesting the same file store it once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotes.db import migrate

ARTICLES = 24
PARAGRAPHS = 20  # two quotes each
PARAGRAPH = (
    '"We will rebuild the bridge by spring," Mayor Jo Hale of Elmtown said. Council member Sam Okafor '
    'disagreed. "It is too early to promise that," Okafor said.\n'
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def ingest_process(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "quotes", "ingest", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def write_articles(folder: Path) -> None:
    folder.mkdir()
    for number in range(ARTICLES):
        body = "".join(PARAGRAPH.replace("spring", f"spring {number}-{line}") for line in range(PARAGRAPHS))
        (folder / f"a{number:03}.txt").write_text(f"Bridge story {number}\n\n{body}", encoding="utf-8")


def article_count(db: Path) -> int:
    with sqlite3.connect(db, timeout=30) as connection:
        return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])


def check_integrity(db: Path) -> None:
    """SQLite's own checks, the FTS index, and each article whole: its quotes at their offsets, each
    with its attribution."""
    connection = sqlite3.connect(db, timeout=30)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        connection.execute("INSERT INTO quote_fts(quote_fts) VALUES ('integrity-check')")
        articles = connection.execute("SELECT id, text FROM articles").fetchall()
        for article_id, text in articles:
            quotes = connection.execute(
                'SELECT q.start, q."end", q.text, count(a.id) FROM quotes q '
                "LEFT JOIN attributions a ON a.quote_id = q.id WHERE q.article_id = ? GROUP BY q.id",
                (article_id,),
            ).fetchall()
            assert len(quotes) == 2 * PARAGRAPHS, (article_id, len(quotes))  # all of them, or no article
            assert all(text[start:end] == quote and attributions == 1 for start, end, quote, attributions in quotes)
    finally:
        connection.close()


def test_kill_9_mid_ingest_leaves_whole_articles_and_a_rerun_completes(tmp_path: Path) -> None:
    folder, db = tmp_path / "articles", tmp_path / "crash.db"
    write_articles(folder)
    migrate.upgrade(f"sqlite:///{db}")
    process = ingest_process(str(folder), "--db", str(db))
    deadline = time.monotonic() + 120
    while article_count(db) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL
    stored = article_count(db)
    assert 2 <= stored < ARTICLES, "the process was not killed mid-run"
    check_integrity(db)

    rerun = subprocess.run(
        [sys.executable, "-m", "quotes", "ingest", str(folder), "--db", str(db)],
        capture_output=True, text=True, check=False,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"{ARTICLES - stored} added, {stored} already present, 0 failed" in rerun.stdout
    assert article_count(db) == ARTICLES
    check_integrity(db)


def test_two_processes_ingesting_one_file_store_it_once(tmp_path: Path) -> None:
    folder, db = tmp_path / "articles", tmp_path / "race.db"
    write_articles(folder)
    migrate.upgrade(f"sqlite:///{db}")
    same = [str(folder / "a000.txt"), str(folder / "a001.txt"), str(folder / "a002.txt")]
    first, second = ingest_process(*same, "--db", str(db)), ingest_process(*reversed(same), "--db", str(db))
    results = [process.communicate(timeout=300) for process in (first, second)]
    assert (first.returncode, second.returncode) == (0, 0), results
    added = [int(out.split(" added")[0].split()[-1]) for out, _err in results]
    assert sum(added) == 3
    assert article_count(db) == 3
    check_integrity(db)
