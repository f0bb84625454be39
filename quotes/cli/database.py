"""`quotes db` (create, upgrade, downgrade or check the schema) and `quotes seed` (the sample articles)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from quotes.cli.common import CONTEXT, database_errors, database_url, db_option, open_db
from quotes.cli.ingest import report_outcomes

if TYPE_CHECKING:
    from quotes.db.ingest import IngestReport


@click.group(context_settings=CONTEXT, short_help="Create, upgrade or check the database schema.")
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
    from quotes.db.engine import display_name

    url = database_url(db)
    with database_errors(), migrate.schema_lock(url):
        migrate.upgrade(url, revision)
        click.echo(f"{display_name(url)} is at revision {migrate.current_revision(url)}")


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
    from quotes.db.engine import display_name

    url = database_url(db)
    if not yes:
        click.confirm(f"Downgrade {display_name(url)} to {revision}? Data may be lost", abort=True)
    with database_errors():
        migrate.downgrade(url, revision)
        click.echo(f"{display_name(url)} is at revision {migrate.current_revision(url) or 'base'}")


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
    from quotes.db.engine import display_name

    url = database_url(db)
    with database_errors():
        migrate.check(url)
    click.echo(f"{display_name(url)} is at head {migrate.head_revision()}; models match migrations")


def finish(report: IngestReport) -> None:
    click.echo(report.summary())
    if report.failures:
        sys.exit(1)


@click.command(short_help="Store the sample articles from seeds/.")
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
