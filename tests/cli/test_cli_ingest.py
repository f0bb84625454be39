"""`quotes ingest` as a user runs it: summary, --quiet, progress on a terminal, and Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import func, select

from quotes.cli import main
from quotes.cli.ingest import Progress, _parse_pool
from quotes.db.engine import make_engine, make_session_factory
from quotes.db.ingest import IngestReport
from quotes.db.models import Article, Quote
from quotes.parallel import InlinePool, ProcessPool
from quotes.parse import parse_article

ARTICLE = '"We will rebuild the bridge by {year}," Mayor Ada Hale said on Monday.\n\n"Not again," Ben Roe said.\n'


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


FILLER = "The council met again on Tuesday to go over the budget for the crossing and the ferry.\n\n"


def write_archive(path: Path, count: int, *, filler: int = 0) -> Path:
    """`count` articles of two quotes each, after `filler` paragraphs without quotes (parsing time)."""
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            text = FILLER * filler + ARTICLE.format(year=2030 + n)
            handle.write(json.dumps({"id": f"a{n}", "title": f"Bridge {n}", "text": text}) + "\n")
    return path


def test_summary_and_quiet(tmp_path: Path) -> None:
    archive = write_archive(tmp_path / "a.jsonl", 3)
    db = str(tmp_path / "x.db")
    first = run("ingest", "--jobs", "2", "--db", db, str(archive))
    assert first.exit_code == 0, first.output
    assert first.stdout == "3 added, 0 already present, 0 failed; 6 quotes stored\n"
    assert "\r" not in first.stderr  # not a terminal: no progress line
    quiet = run("ingest", "--quiet", "--db", db, str(archive))
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""


def test_jobs_and_dask_exclude_each_other_and_dask_needs_its_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = str(write_archive(tmp_path / "a.jsonl", 1))
    db = str(tmp_path / "x.db")
    both = run("ingest", "--jobs", "2", "--dask", "tcp://127.0.0.1:1", "--db", db, archive)
    assert both.exit_code == 2 and "not both" in both.stderr
    assert run("ingest", "--jobs", "0", "--db", db, archive).exit_code == 2
    monkeypatch.setitem(sys.modules, "distributed", None)
    missing = run("ingest", "--dask", "tcp://127.0.0.1:1", "--db", db, archive)
    assert missing.exit_code == 1
    assert missing.stderr.endswith("Error: --dask needs dask.distributed: pip install 'quotes[dask]'\n")


def test_jobs_counts_the_writer_among_its_processes() -> None:
    assert isinstance(_parse_pool(1, None, []), InlinePool)
    with _parse_pool(3, None, []) as pool:
        assert isinstance(pool, ProcessPool)
        assert len(pool.pids) == 2  # and the writer, which parses too
        assert len({*pool.pids, os.getpid()}) == 3


def test_progress_line_counts_articles_megabytes_quotes_rate_and_eta() -> None:
    report = IngestReport(added=40, present=10, quotes=300, bytes=2_000_000)
    line = Progress(8_000_000, enabled=True).line(report, elapsed=10.0)
    assert line == "50 articles, 2.0/8.0 MB, 300 quotes, 5 articles/s, ETA 0m30s"


def test_progress_is_drawn_on_a_terminal(tmp_path: Path) -> None:
    archive = write_archive(tmp_path / "a.jsonl", 3)
    leader, follower = os.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "quotes", "ingest", "--jobs", "1", "--db", str(tmp_path / "x.db"), str(archive)],
            stdout=subprocess.PIPE, stderr=follower, text=True, timeout=120, check=False,
        )
        os.close(follower)
        drawn = b""
        while chunk := _read_available(leader):
            drawn += chunk
    finally:
        os.close(leader)
    assert result.returncode == 0 and result.stdout.startswith("3 added")
    text = drawn.decode()
    assert "\r3 articles, " in text and " quotes, " in text and "articles/s" in text
    assert "quotes/s" in text  # the closing throughput line


def _read_available(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # the terminal's other end is closed and drained
        return b""


def _articles_stored(db: Path) -> int:
    """Articles committed so far, read on a fresh read-only connection (a new snapshot each time)."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
    try:
        return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # busy for a moment: look again
        return 0
    finally:
        connection.close()


class _InterruptedImport(types.ModuleType):
    """A module whose names are not there yet: reading one raises KeyboardInterrupt, as a Ctrl-C does
    while the command still imports what it needs."""

    def __getattr__(self, name: str) -> object:
        raise KeyboardInterrupt


def test_ctrl_c_while_loading_is_an_interruption_not_a_bare_abort(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = write_archive(tmp_path / "a.jsonl", 2)
    monkeypatch.setitem(sys.modules, "quotes.sources", _InterruptedImport("quotes.sources"))
    result = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "x.db"), str(archive)])
    assert result.exit_code == 130, result.output
    assert "Aborted!" not in result.output
    assert "interrupted: 0 articles stored" in result.output


def test_ctrl_c_stops_cleanly_and_running_again_continues(tmp_path: Path) -> None:
    count = 300  # long enough to parse that ingest is still running when the signal comes, even under load
    archive = write_archive(tmp_path / "a.jsonl", count, filler=150)
    db = tmp_path / "x.db"
    assert run("db", "upgrade", "--db", str(db)).exit_code == 0
    command = [sys.executable, "-m", "quotes", "ingest", "--jobs", "2", "--db", str(db), str(archive)]
    # A session of its own, signalled as a whole, as a terminal's Ctrl-C signals the foreground group.
    # A shell starts background jobs (`pytest ... &`) with SIGINT ignored, which a child inherits through
    # exec; a handler is not inherited, so while one is set the child gets Ctrl-C as a terminal gives it.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
        )
    finally:
        signal.signal(signal.SIGINT, previous)
    engine = make_engine(f"sqlite:///{db}")
    factory = make_session_factory(engine, read_only=True)  # polls without waiting for the writer's lock
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            if _articles_stored(db):
                break
            time.sleep(0.005)
        os.killpg(process.pid, signal.SIGINT)
        out, err = process.communicate(timeout=120)
        assert process.returncode == 130, (out, err)
        assert "Traceback" not in err
        assert "run the same command again to continue" in err
        with factory() as session:
            stored = session.execute(select(Article.id, Article.text)).all()
            assert 0 < len(stored) < count
            assert f"interrupted: {len(stored)} article{'' if len(stored) == 1 else 's'} stored" in err
            for article_id, article_text in stored:  # each whole: every quote the parser finds
                quotes = session.scalar(select(func.count(Quote.id)).where(Quote.article_id == article_id))
                assert quotes == len(parse_article(article_text).quotes)
        again = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
        assert again.returncode == 0, again.stderr
        assert again.stdout.startswith(f"{count - len(stored)} added, {len(stored)} already present, 0 failed")
    finally:
        engine.dispose()
