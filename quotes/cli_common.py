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


def db_option(function: F) -> F:
    """The shared --db option: a file path or a SQLAlchemy URL."""
    return click.option(
        "--db",
        metavar="URL|PATH",
        help=f"Database: a SQLite file path or a SQLAlchemy URL (default: ${ENV_VAR}, else the user data dir).",
    )(function)


def warn(message: str) -> None:
    click.echo(f"quotes: {message}", err=True)


def database_url(db: str | None) -> str:
    try:
        return resolve_db_url(db)
    except ConfigError as error:
        raise click.ClickException(str(error)) from error


@contextmanager
def database_errors() -> Iterator[None]:
    """Turn what can go wrong with a database into a one-line error and exit status 1."""
    from sqlalchemy.exc import SQLAlchemyError

    from quotes.db.migrate import SchemaError

    try:
        yield
    except (SchemaError, ConfigError) as error:
        raise click.ClickException(str(error)) from error
    except SQLAlchemyError as error:
        reason = getattr(error, "orig", None) or error
        raise click.ClickException(f"database error: {reason}") from error
    except OSError as error:  # e.g. the folder for a new SQLite file cannot be created
        raise click.ClickException(f"database error: {error}") from error


def open_db(db: str | None) -> sessionmaker[Session]:
    """Sessions on the chosen database, creating or upgrading it first where that is safe."""
    from quotes.db.migrate import open_database

    with database_errors():
        return open_database(database_url(db), notify=warn)
