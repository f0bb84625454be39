"""The `quotes` command: parse arguments, call the core, print. Data goes to stdout, diagnostics to stderr.

Exit status: 0 when everything worked, 1 when some input failed (or a command could not run), 2 for
usage errors. Heavy modules are imported inside the commands so `quotes --help` stays quick.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from quotes import __version__
from quotes.cli.check import audit, check, quote_show
from quotes.cli.common import (
    CONTEXT,
    DEFAULT_MIN_CONFIDENCE,
    QuoteFilters,
    database_errors,
    database_url,
    db_option,
    open_db,
    quote_filter_options,
    root_db_option,
    warn,
)
from quotes.cli.export import export
from quotes.cli.ingest import ingest, report_outcomes
from quotes.cli.speakers import quote, reparse, speakers
from quotes.cli.tui import tui
from quotes.config import ENV_VAR, default_db_path
from quotes.display import json_text, printable, quote_lines

if TYPE_CHECKING:

    from quotes.db.ingest import IngestReport


@click.group(
    context_settings=CONTEXT,
    epilog=(
        f"The database is a SQLite file, by default {default_db_path()}; "
        f"--db URL|PATH or the {ENV_VAR} environment variable (a file path or any SQLAlchemy URL, "
        "e.g. postgresql+psycopg://user@host/quotes) choose another. It is created on first use."
    ),
)
@click.version_option(__version__, prog_name="quotes")
@root_db_option
def main(db: str | None) -> None:
    """Collect the direct quotes in news articles and who said them, and search them.

    \b
    Start with:
      quotes seed          store the sample articles
      quotes list          show the quotes and their speakers
    """


# --- database -------------------------------------------------------------------------------------


@main.group(context_settings=CONTEXT, short_help="Create, upgrade or check the database schema.")
def db() -> None:
    """Create, upgrade or check the database schema (Alembic migrations).

    \b
    Example:
      quotes db current
    """


@db.command("upgrade", short_help="Upgrade the schema to REVISION (default: head).")
@click.argument("revision", default="head")
@db_option
def db_upgrade(revision: str, db: str | None) -> None:
    """Upgrade the schema to REVISION (default: the newest, head).

    \b
    Example:
      quotes db upgrade
    """
    from quotes.db import migrate

    url = database_url(db)
    with database_errors(), migrate.schema_lock(url):
        migrate.upgrade(url, revision)
        click.echo(f"{migrate.display_name(url)} is at revision {migrate.current_revision(url)}")


@db.command("downgrade", short_help="Downgrade the schema to REVISION.")
@click.argument("revision")
@click.option("--yes", is_flag=True, help="Do not ask before dropping data.")
@db_option
def db_downgrade(revision: str, yes: bool, db: str | None) -> None:
    """Downgrade the schema to REVISION ("base" drops every table and all data).

    \b
    Example:
      quotes db downgrade base --yes --db old.db
    """
    from quotes.db import migrate

    url = database_url(db)
    if not yes:
        click.confirm(f"Downgrade {migrate.display_name(url)} to {revision}? Data may be lost", abort=True)
    with database_errors():
        migrate.downgrade(url, revision)
        click.echo(f"{migrate.display_name(url)} is at revision {migrate.current_revision(url) or 'base'}")


@db.command("current", short_help="Print the schema revision of the database.")
@db_option
def db_current(db: str | None) -> None:
    """Print the schema revision of the database and whether it is the newest.

    \b
    Example:
      QUOTES_DB=news.db quotes db current
    """
    from quotes.db import migrate
    from quotes.db.engine import sqlite_file

    url = database_url(db)
    path = sqlite_file(url)
    if path is not None and not path.exists():
        click.echo(f"no database at {path} yet: it is created on first use")
        return
    with database_errors():
        current, head = migrate.current_revision(url), migrate.head_revision()
    state = "head" if current == head else f"head is {head}: run `quotes db upgrade`"
    click.echo(f"{current or 'base (empty)'} ({state})")


@db.command("check", short_help="Fail if the schema is behind or drifts from the models.")
@db_option
def db_check(db: str | None) -> None:
    """Fail unless the database is at head and the models match the migrations (no drift).

    \b
    Example:
      quotes db check
    """
    from quotes.db import migrate

    url = database_url(db)
    with database_errors():
        migrate.check(url)
    click.echo(f"{migrate.display_name(url)} is at head {migrate.head_revision()}; models match migrations")


# --- storing articles -----------------------------------------------------------------------------


def finish(report: IngestReport) -> None:
    click.echo(report.summary())
    if report.failures:
        sys.exit(1)


@main.command(short_help="Store the sample articles from seeds/.")
@db_option
def seed(db: str | None) -> None:
    """Store the sample articles from the project's seeds/ folder (running it again changes nothing).

    \b
    Example:
      quotes seed && quotes list
    """
    from quotes.db.seed import seed as seed_articles

    factory = open_db(db)
    with database_errors():
        report = report_outcomes(seed_articles(factory))
    finish(report)


# --- reading --------------------------------------------------------------------------------------


@main.command("list", short_help="List stored quotes with their speakers.")
@quote_filter_options
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of text.")
@db_option
def list_command(filters: QuoteFilters, as_json: bool, db: str | None) -> None:
    """List stored quotes with their speakers, in article order (best match first with --search).

    \b
    Example:
      quotes list --speaker "Jane Hale" --since 2024-01-01 --json
    """
    from dataclasses import replace

    from quotes.db.repo import QuoteSort, iter_quotes

    with open_db(db)() as session, database_errors():
        query = filters.query(session)
        if query.search is not None:
            query = replace(query, sort=QuoteSort.RELEVANCE)
        rows = list(iter_quotes(session, query))
    if as_json:
        click.echo(json_text([row.to_json() for row in rows], indent=2))
        return
    if not rows:
        warn("no quotes found")
    for line in quote_lines(rows):
        click.echo(line)


@main.command(short_help="Print the quotes found in articles (no database).")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "text"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one JSON object per quote piece, for tools; text: the quote, the speaker and why.",
)
@click.option(
    "--kinds",
    default="speech,partial,nested,unclosed",
    show_default=True,
    help="Comma-separated kinds to print (speech, partial, nested, unclosed, term), or 'all'. Terms (scare "
    "quotes, titles, search terms) are not quotations, so they are left out unless asked for; unclosed "
    "quotes (the closing mark is missing: never attributed, cut at the end of their sentence) are shown.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=DEFAULT_MIN_CONFIDENCE,
    show_default=True,
    help="Withhold a speaker whose confidence is below this: the quote is stored unresolved, with the rule, "
    "the confidence and the withheld name. 0 keeps every speaker the parser finds.",
)
def extract(paths: tuple[str, ...], output_format: str, kinds: str, min_confidence: float) -> None:
    """Find the quotes in articles and print them, without touching the database.

    PATH is a .txt, .md or .html file (its id is the path as given), a .jsonl file of {"id", "text", ...}
    objects, a folder of them, or - for stdin. Exits 1 if any article could not be read or parsed.

    \b
    Example:
      quotes extract article.txt --format text
      quotes extract articles.jsonl --kinds all > quotes.jsonl
    """
    from quotes.parse import QuoteKind, parse_article
    from quotes.parse.records import quote_record, quote_text_block, warning_lines
    from quotes.sources import SourceError, read_articles

    valid = {str(kind) for kind in QuoteKind}
    wanted = valid if kinds.strip() == "all" else {k.strip() for k in kinds.split(",") if k.strip()}
    if not wanted or wanted - valid:
        raise click.BadParameter(f"choose from {', '.join(sorted(valid))} or 'all'", param_hint="--kinds")
    failed = False
    for source in read_articles(paths):
        if isinstance(source, SourceError):
            warn(f"{printable(source.label)}: {printable(source.message)}")
            failed = failed or not source.skipped
            continue
        try:
            parse = parse_article(source.text, min_confidence)
        except Exception as error:  # noqa: BLE001  (one article's parser failure must not stop the others)
            warn(f"{printable(source.label)}: parser failed: {type(error).__name__}: {printable(str(error))}")
            failed = True
            continue
        shown = [quote for quote in parse.quotes if str(quote.kind) in wanted]
        if output_format == "jsonl":
            for quote in shown:
                click.echo(json_text(quote_record(source.source_id, parse, quote)))
        else:
            click.echo(f"== {printable(source.source_id)}: {len(shown)} quotes")
            for quote in shown:
                click.echo(printable(quote_text_block(parse, quote), keep_newlines=True))
            for line in warning_lines(parse):
                click.echo(printable(line))
    if failed:
        sys.exit(1)


# --- speakers across articles, corrections, reparse (quotes/cli/speakers.py) ------------------------

main.add_command(ingest)
main.add_command(speakers)
main.add_command(quote)
main.add_command(reparse)
main.add_command(tui)
main.add_command(export)
main.add_command(check)  # attribution checks (quotes/cli/check.py)
main.add_command(audit)
quote.add_command(quote_show)
