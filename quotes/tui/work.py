"""Running database work off the event loop: one thread worker per call, its own session, a message back.

A newer call of the same group replaces an older one, and the older one's database call is interrupted
(SQLite's `interrupt`, psycopg's `cancel`), so a stale count or search over a million quotes does not go
on competing for the two cores with the call that replaced it.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.dom import DOMNode
from textual.message import Message
from textual.worker import get_current_worker

from quotes.tui.messages import WorkFailed

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker


@dataclass
class _Call:
    """A read under way: its DBAPI connection, and whether it was interrupted (its result is dropped)."""

    connection: Any
    interrupted: bool = False


class OpenFailed(Exception):
    """The database could not be opened (QuotesApp.sessions); the message is for the user."""


_running_lock = threading.Lock()
_running: dict[tuple[int, str], _Call] = {}  # (node, group) -> the read under way


def _is_correction_error(error: Exception) -> bool:
    """Whether `error` is a correction refused as asked (its message is for the user). The corrections
    module is imported only by the worker that makes a correction (it loads the parser), so an error
    raised while it is not loaded is not one."""
    corrections = sys.modules.get("quotes.db.corrections")
    return corrections is not None and isinstance(error, corrections.CorrectionError)


def session_factory(node: DOMNode, *, write: bool = False) -> sessionmaker[Session]:
    """The app's session factory: read-only sessions (they never wait for a writer or for each other),
    or, with `write`, sessions that write. The first call may open the database (QuotesApp.sessions):
    call it in a worker."""
    factory: sessionmaker[Session] = node.app.sessions(write=write)  # type: ignore[attr-defined]
    return factory


def interrupt_db(node: DOMNode, group: str) -> bool:
    """Interrupt the database call of `node`'s worker of `group`, if one is under way (its result is
    dropped: a newer call replaces it). Whether there was one."""
    with _running_lock:
        call = _running.pop((id(node), group), None)
        if call is None:
            return False
        call.interrupted = True  # first, so the error the interrupted call raises is never posted
        stop = getattr(call.connection, "interrupt", None) or getattr(call.connection, "cancel", None)
        if stop is not None:
            stop()
    return True


def run_db(
    node: DOMNode,
    group: str,
    work: Callable[[Session], Message | None],
    *,
    write: bool = False,
) -> None:
    """Run `work` with a fresh session in a thread worker of `node`; post the message it returns to
    `node` unless a newer worker of the same group replaced it meanwhile (stale results are dropped, and
    a read under way for them is interrupted).

    With `write`, the session is one transaction committed when `work` returns (a write is never
    interrupted). A failure is posted as WorkFailed, so the screen says what went wrong instead of the
    app crashing.
    """

    key = (id(node), group)
    if not write:
        interrupt_db(node, group)

    def run() -> None:
        from sqlalchemy.exc import SQLAlchemyError

        worker = get_current_worker()
        call: _Call | None = None
        try:
            factory = session_factory(node, write=write)  # opens the database at the first call
            if write:
                with factory.begin() as session:
                    message = work(session)
            else:
                with factory() as session:
                    call = _Call(session.connection().connection.dbapi_connection)
                    with _running_lock:
                        _running[key] = call
                    try:
                        message = work(session)
                    finally:
                        with _running_lock:
                            if _running.get(key) is call:
                                del _running[key]
        except OpenFailed as error:
            message = WorkFailed(str(error))
        except (SQLAlchemyError, OSError, ValueError) as error:
            reason = getattr(error, "orig", None) or error
            message = WorkFailed(str(reason))
        except Exception as error:  # noqa: BLE001  (a bug must show on screen, not vanish with its worker)
            expected = _is_correction_error(error)
            message = WorkFailed(str(error) if expected else f"{type(error).__name__}: {error}")
        if message is not None and not worker.is_cancelled and not (call is not None and call.interrupted):
            node.post_message(message)

    node.run_worker(run, name=group, group=group, thread=True, exclusive=True, exit_on_error=False)
