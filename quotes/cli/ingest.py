"""`quotes ingest`: read articles, parse them here, in worker processes or on a Dask cluster, and store
them one transaction each; progress on a terminal, a summary always, a clean stop on Ctrl-C."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

import click

from quotes.cli.common import database_errors, db_option, min_confidence_option, open_db, warn
from quotes.display import printable

if TYPE_CHECKING:
    from quotes.db.ingest import IngestReport, Outcome
    from quotes.sources import SourceArticle, SourceError

INTERRUPTED_EXIT = 130  # the shell's convention for a command stopped by Ctrl-C (128 + SIGINT)
REDRAW_EVERY_S = 0.2


class Progress:
    """One status line on stderr, redrawn at most five times a second: articles, MB, quotes, rate, ETA."""

    def __init__(self, total_bytes: int, *, enabled: bool) -> None:
        self.total_bytes = total_bytes
        self.enabled = enabled
        self.started = time.monotonic()
        self._drawn_at = 0.0

    def update(self, report: IngestReport, *, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self._drawn_at < REDRAW_EVERY_S):
            return
        self._drawn_at = now
        click.echo("\r" + self.line(report, now - self.started) + "\x1b[K", nl=False, err=True)

    def line(self, report: IngestReport, elapsed: float) -> str:
        rate = report.articles / elapsed if elapsed > 0 else 0.0
        byte_rate = report.bytes / elapsed if elapsed > 0 else 0.0
        text = (
            f"{report.articles} articles, {report.bytes / 1e6:.1f}/{self.total_bytes / 1e6:.1f} MB, "
            f"{report.quotes} quotes, {rate:.0f} articles/s"
        )
        if byte_rate > 0 and self.total_bytes > report.bytes:
            text += f", ETA {_duration((self.total_bytes - report.bytes) / byte_rate)}"
        return text

    def close(self, report: IngestReport) -> None:
        if self.enabled:
            self.update(report, force=True)
            click.echo("", err=True)

    def throughput(self, report: IngestReport) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        return (
            f"{report.articles} articles ({report.bytes / 1e6:.1f} MB) in {elapsed:.1f} s: "
            f"{report.bytes / 1e6 / elapsed:.2f} MB/s, {report.articles / elapsed:.1f} articles/s, "
            f"{report.quotes / elapsed:.0f} quotes/s"
        )


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


def _parse_pool(jobs: int | None, dask_address: str | None, found: list[Any]) -> AbstractContextManager[Any]:
    """Where articles are parsed: a Dask cluster, or `jobs` processes in all: this one, which writes and
    parses what the others have not been sent, and `jobs - 1` parse workers (none for one job)."""
    from quotes.parallel import DaskPool, InlinePool, PoolError, ProcessPool, available_cores

    if dask_address is not None:
        try:
            return DaskPool(dask_address)
        except PoolError as error:
            raise click.ClickException(str(error)) from error
    if jobs is None:  # one .txt file is one article: worker processes would only add their start-up
        jobs = 1 if len(found) == 1 and str(found[0]).endswith(".txt") else available_cores()
    return InlinePool() if jobs == 1 else ProcessPool(jobs - 1)


@click.command(short_help="Store articles and the quotes found in them.")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Processes parsing articles (default: the cores available): this one, which also writes, and "
    "N-1 parse workers.",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Parse on the workers of this Dask scheduler (tcp://host:8786) instead; needs quotes[dask].",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress and no summary: only failures, on stderr.")
@click.option(
    "--encoding",
    metavar="CODEC",
    help="Read every file in this encoding (e.g. cp1252, latin-1, utf-16) instead of detecting it.",
)
@min_confidence_option
@db_option
def ingest(
    paths: tuple[str, ...],
    jobs: int | None,
    dask_address: str | None,
    quiet: bool,
    encoding: str | None,
    min_confidence: float,
    db: str | None,
) -> None:
    """Store articles from .txt and .md files (first non-empty line is the headline), .html news pages
    (main text, title, author, site, date and URL), .jsonl files (one JSON object per line: "text"
    required; "title", "url", "outlet", "author", "published", "id" optional), folders (searched
    recursively; files of other kinds are listed as skipped) or - (one article on stdin). UTF-8, UTF-16
    and UTF-32 with a byte order mark, and legacy encodings (detected) are read; each article may be up to
    20 MB.

    Each article is stored in one transaction with the quotes found in it: one that fails leaves nothing
    behind and the others go on. Articles already stored (same text) are left alone, so running the
    same command again after a stop (Ctrl-C) continues where it left off. Exits 1 if any failed.

    Parsing runs in --jobs processes in all: this one, which writes and parses whenever the next article
    is not parsed yet, and --jobs minus one worker processes (or on a Dask cluster with --dask); any
    number of ingests may write to one database at once. Progress goes to stderr when it is
    a terminal; the summary goes to stdout.

    \b
    Example:
      quotes ingest articles/ more.jsonl page.html
      curl -s https://example.com/story | quotes ingest -
      quotes ingest --jobs 4 archive/ --db postgresql+psycopg://news@db/quotes
    """
    if jobs is not None and dask_address is not None:
        raise click.UsageError("give --jobs or --dask, not both")
    report: IngestReport | None = None
    progress = Progress(0, enabled=not quiet and sys.stderr.isatty())
    try:
        # imported inside the try: a Ctrl-C in the first second (while the parser loads) is an
        # interruption like any other, not click's bare "Aborted!"
        from quotes.db.ingest import IngestReport, ingest_sources
        from quotes.decoding import check_encoding
        from quotes.memory import settle
        from quotes.sources import SourceError, find_files, read_articles

        if encoding is not None:
            try:
                check_encoding(encoding)
            except LookupError as error:
                raise click.BadParameter(f"unknown encoding {encoding!r}", param_hint="--encoding") from error
        report = IngestReport()
        factory = open_db(db)
        found = list(find_files(paths))
        progress.total_bytes = sum(_file_size(item) for item in found if not isinstance(item, SourceError))

        def articles() -> Iterator[SourceArticle | SourceError]:
            for item in found:
                if isinstance(item, SourceError):
                    yield item
                else:
                    yield from read_articles([item], encoding=encoding)

        settle()  # before the workers start: they inherit the frozen heap (and settle their own)
        with database_errors(), _parse_pool(jobs, dask_address, found) as pool:
            outcomes = ingest_sources(factory, articles(), pool=pool, min_confidence=min_confidence, report=report)
            for outcome in outcomes:
                _show(report, outcome, progress)
    except KeyboardInterrupt:
        added, present = (0, 0) if report is None else (report.added, report.present)
        if report is not None:
            progress.close(report)
        warn(
            f"interrupted: {added} article{'' if added == 1 else 's'} stored, each whole with its quotes "
            f"({present} already present); run the same command again to continue"
        )
        sys.exit(INTERRUPTED_EXIT)
    progress.close(report)
    if not quiet:
        click.echo(report.summary())
        if progress.enabled:
            warn(progress.throughput(report))
    if report.failures:
        sys.exit(1)


def _show(report: IngestReport, outcome: Outcome, progress: Progress) -> None:
    """Say what went wrong with an outcome (already in `report`), and move the progress line on."""
    if outcome.message:
        if progress.enabled:
            click.echo("\r\x1b[K", nl=False, err=True)
        warn(f"{printable(outcome.label)}: {printable(outcome.message)}")
    progress.update(report)


def _file_size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def report_outcomes(outcomes: Iterable[Outcome]) -> IngestReport:
    """Tally outcomes, naming each failure on stderr as it happens."""
    from quotes.db.ingest import IngestReport

    report = IngestReport()
    for outcome in outcomes:
        report.record(outcome)
        if outcome.message:
            warn(f"{printable(outcome.label)}: {printable(outcome.message)}")
    return report
