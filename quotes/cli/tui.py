"""`quotes tui`: the terminal UI. Textual is imported inside the command, so `quotes --help` stays quick."""

from __future__ import annotations

import sys

import click

from quotes.cli.common import CONTEXT, database_url, db_option, open_db


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
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        click.echo("quotes: `quotes tui` needs a terminal (stdin and stdout are not one)", err=True)
        sys.exit(2)
    from quotes.db.engine import display_name

    factory = open_db(db)  # at head (the usual case) without Alembic: quotes.db.schema_head
    from quotes.tui.app import run

    run(factory, database=display_name(database_url(db)))
