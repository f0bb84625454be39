"""Database errors as one line a user can read: the driver's reason, never the SQL or its parameters.

SQLAlchemy's messages append the statement and its parameters (an article's whole text, for an INSERT),
and PostgreSQL's add DETAIL and HINT lines; neither belongs in a terminal or a per-article report.
"""

from __future__ import annotations

from sqlalchemy.exc import OperationalError, StatementError

SQLITE_BUSY_MESSAGES = ("database is locked", "database table is locked")
# PostgreSQL rolled the transaction back so that another could go on: serialization_failure and
# deadlock_detected (two writers locking the same rows in another order, e.g. a speaker's alias pairs)
PG_TRY_AGAIN_STATES = ("40001", "40P01")


def one_line(error: BaseException) -> str:
    """The reason for `error` in one line, without the statement or parameters that caused it."""
    reason: BaseException = error
    if isinstance(error, StatementError) and error.orig is not None:
        reason = error.orig
    text = str(reason).split("[SQL:", 1)[0]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else type(reason).__name__


def is_busy(error: BaseException) -> bool:
    """True when SQLite gave up waiting for another writer's lock, or PostgreSQL rolled the transaction
    back for another's sake: worth trying the transaction again."""
    if not isinstance(error, OperationalError):
        return False
    return getattr(error.orig, "sqlstate", None) in PG_TRY_AGAIN_STATES or any(
        message in str(error.orig) for message in SQLITE_BUSY_MESSAGES
    )
