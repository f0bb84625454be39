"""`quotes tui`: the terminal UI. Textual is imported inside the command, so `quotes --help` stays quick.

A SQLite file already at the newest migration (the usual case, checked with the standard library:
quotes.db.schema_head.sqlite_file_at_head) is opened by the app in a worker once its first frame is
drawn: SQLAlchemy, the models and the schema check come after the first frame instead of before it.
Anything else (PostgreSQL, a new file, a file to migrate) is opened first, as every command does.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quotes.cli.common import CONTEXT, database_url, db_option, open_db
from quotes.config import db_location, is_url


def plain_sqlite_file(db: str | None) -> Path | None:
    """The SQLite file that --db (else $QUOTES_DB, else the default) names, read without SQLAlchemy: a
    file path, or a sqlite:/// URL holding nothing but a path. None for anything else (another
    database, URL options or escapes, an in-memory database): the command then takes the full way."""
    value = db_location(db).strip()
    if not is_url(value):
        return Path(value).expanduser().absolute() if value else None
    path = value.removeprefix("sqlite:///")
    if path == value or not path or any(mark in path for mark in "?%#") or path.startswith(":memory:"):
        return None
    return Path(path).absolute()


def has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


@click.command(context_settings=CONTEXT, short_help="Browse, search and correct quotes in a terminal UI.")
@db_option
def tui(db: str | None) -> None:
    """Browse quotes by speaker and by article, search them, read each quote in its article, and correct
    speakers (reassign, rename, merge, anonymous, kind). An empty database offers the sample articles.

    Needs a terminal: without one (piped output, CI) it exits 2.

    \b
    Example:
      quotes tui --db news.db
    """
    if not has_terminal():
        click.echo("quotes: `quotes tui` needs a terminal (stdin and stdout are not one)", err=True)
        sys.exit(2)
    from quotes.db.schema_head import sqlite_file_at_head

    path = plain_sqlite_file(db)
    if path is not None and sqlite_file_at_head(path):
        from quotes.tui.app import run

        run(lambda: open_db(db), database=str(path))  # opened by a worker, after the first frame
        return
    factory = open_db(db)  # created or upgraded first where needed (quotes.db.migrate.open_database)
    from quotes.db.engine import display_name
    from quotes.tui.app import run

    run(lambda: factory, database=display_name(database_url(db)))
