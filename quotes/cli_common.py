"""What every `quotes` subcommand module shares: the --db option, warnings on stderr, and database
errors turned into one-line messages. Its own module so cli.py and cli_speakers.py both import it and
neither imports the other first (which made `python -m quotes.cli` fail)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import click

from quotes.config import ENV_VAR, ConfigError, resolve_db_url

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

F = TypeVar("F", bound=Callable[..., Any])
CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


DB_HELP = f"Database: a SQLite file path or a SQLAlchemy URL (default: ${ENV_VAR}, else the user data dir)."


def _inherit_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A subcommand's --db, else the one given before the command name (`quotes --db x.db list`)."""
    if value is not None:
        return value
    inherited = ctx.find_root().params.get("db")
    return inherited if isinstance(inherited, str) else None


def db_option(function: F) -> F:
    """The shared --db option: a file path or a SQLAlchemy URL, given before or after the command name."""
    return click.option("--db", metavar="URL|PATH", callback=_inherit_db, help=DB_HELP)(function)


def root_db_option(function: F) -> F:
    """--db on the `quotes` group itself, read by every subcommand's --db."""
    return click.option("--db", metavar="URL|PATH", help=DB_HELP)(function)


def warn(message: str) -> None:
    click.echo(f"quotes: {message}", err=True)


def database_url(db: str | None) -> str:
    """The URL in force; a SQLite file named in a folder that does not exist is a usage error (exit 2).

    Only the default location's folder (the user data dir) is created: a mistyped --db must not quietly
    make a new empty database and its folders.
    """
    from quotes.config import default_db_path
    from quotes.db.engine import sqlite_file

    try:
        url = resolve_db_url(db)
    except ConfigError as error:
        raise click.ClickException(str(error)) from error
    path = sqlite_file(url)
    if path is not None and path != default_db_path() and not path.parent.is_dir():
        given = "--db" if db else f"${ENV_VAR}"
        problem = "is not a folder" if path.parent.exists() else "does not exist (create it first)"
        raise click.UsageError(f"{given}: {path.parent} {problem}")
    return url


@contextmanager
def database_errors() -> Iterator[None]:
    """Turn what can go wrong with a database into a one-line error and exit status 1."""
    from sqlalchemy.exc import SQLAlchemyError

    from quotes.db.errors import one_line
    from quotes.db.migrate import SchemaError

    try:
        yield
    except (SchemaError, ConfigError) as error:
        raise click.ClickException(str(error)) from error
    except SQLAlchemyError as error:
        raise click.ClickException(f"database error: {one_line(error)}") from error
    except OSError as error:  # e.g. the folder for a new SQLite file cannot be created
        raise click.ClickException(f"database error: {error}") from error


def open_db(db: str | None) -> sessionmaker[Session]:
    """Sessions on the chosen database, creating or upgrading it first where that is safe."""
    from quotes.db.migrate import open_database

    with database_errors():
        return open_database(database_url(db), notify=warn)
