"""Where things are: the database URL (--db > QUOTES_DB > a SQLite file in the user data dir) and project folders."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

import platformdirs

ENV_VAR = "QUOTES_DB"
APP_NAME = "quotes"
DB_FILENAME = "quotes.db"

_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


class ConfigError(Exception):
    """A setting the user gave cannot be used; the message says which and why."""


def default_db_path() -> Path:
    """The SQLite file used when neither --db nor QUOTES_DB is given."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DB_FILENAME


def to_url(value: str) -> str:
    """Turn `value` (a SQLAlchemy URL or a file path) into a URL string; paths become SQLite files."""
    value = value.strip()
    if not value:
        raise ConfigError("empty database location: give a file path or a SQLAlchemy URL")
    if is_url(value):
        if value.startswith("postgres://"):  # a common spelling SQLAlchemy does not accept
            return "postgresql+psycopg://" + value.removeprefix("postgres://")
        return value
    from sqlalchemy.engine import URL

    path = Path(value).expanduser().absolute()
    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


def is_url(value: str) -> bool:
    """Whether a database location is a URL (scheme://...) rather than a file path."""
    return _URL_SCHEME.match(value.strip()) is not None


def db_location(cli_value: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The database location in force, as given: the --db value, else $QUOTES_DB, else the default file."""
    env = os.environ if environ is None else environ
    return cli_value or env.get(ENV_VAR) or str(default_db_path())


def resolve_db_url(cli_value: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The database URL in force: the --db value, else $QUOTES_DB, else the default SQLite file."""
    return to_url(db_location(cli_value, environ))


def project_root() -> Path:
    """The checkout this package runs from; migrations and seeds live there, beside `quotes/`."""
    return Path(__file__).resolve().parent.parent


def _project_dir(name: str) -> Path:
    path = project_root() / name
    if not path.is_dir():
        raise ConfigError(
            f"{path} is missing: quotes runs from its source checkout (pip install -e .), "
            f"which holds the {name}/ folder"
        )
    return path


def alembic_dir() -> Path:
    return _project_dir("alembic")


def seeds_dir() -> Path:
    return _project_dir("seeds")


def pyproject_path() -> Path:
    return project_root() / "pyproject.toml"
