"""Whether a database is already at the newest migration, answered without importing Alembic.

Importing Alembic (and the migration check that needs it) took 1-2 s of every command's start on a busy
machine (`quotes tui`'s before the first frame); a database at head, the usual case, needs none of it,
so `quotes.db.migrate.open_database`, which every command opens its database with, asks here first. The head is read
from the migration files' `revision` and `down_revision` lines (the one revision no other file names as
its parent; tests/db/test_schema_head.py checks it against Alembic's own answer) and the stamped one with
one SELECT. Anything else (no stamp, an older or unknown revision, files this reading does not
understand) answers False, and the caller takes Alembic's full path (`quotes.db.migrate.ensure_schema`).

`sqlite_file_at_head` asks the same of a SQLite file with the standard library alone: `quotes tui` asks
it before importing SQLAlchemy, and when the answer is yes draws its first frame while a worker opens the
database (SQLAlchemy and the models were most of the second the first frame took).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from quotes.config import alembic_dir

if TYPE_CHECKING:
    from sqlalchemy import Engine

_REVISION = re.compile(r"^revision(?:\s*:\s*[^=]+)?\s*=\s*['\"]([^'\"]+)['\"]\s*$", re.MULTILINE)
_PARENT = re.compile(r"^down_revision(?:\s*:\s*[^=]+)?\s*=\s*(.+?)\s*$", re.MULTILINE)
_QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")


def migration_head() -> str | None:
    """The one head revision of the migration files, or None when they do not say plainly."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted((alembic_dir() / "versions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        revision, parent = _REVISION.findall(source), _PARENT.findall(source)
        if len(revision) != 1 or len(parent) != 1:
            return None
        revisions.add(revision[0])
        parents.update(_QUOTED.findall(parent[0]))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 and parents <= revisions else None


def at_head(engine: Engine) -> bool:
    """Whether the database behind `engine` is stamped with the migrations' head (False when unsure),
    on the engine the caller goes on using."""
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    head = migration_head()
    if head is None:
        return False
    try:
        with engine.connect() as connection:
            stamped = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except SQLAlchemyError:
        return False
    return stamped == [head]


def sqlite_file_at_head(path: Path) -> bool:
    """Whether the SQLite file `path` exists and is stamped with the migrations' head (False when unsure),
    read with the standard library's sqlite3, opened read-only (nothing is created or written)."""
    head = migration_head()
    if head is None or not path.is_file():
        return False
    try:
        connection = sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        stamped = [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    return stamped == [head]
