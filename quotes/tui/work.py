"""Running database work off the event loop: one thread worker per call, its own session, a message back."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from textual.dom import DOMNode
from textual.message import Message
from textual.worker import get_current_worker

from quotes.db.corrections import CorrectionError
from quotes.tui.messages import WorkFailed


def session_factory(node: DOMNode, *, write: bool = False) -> sessionmaker[Session]:
    """The app's session factory: read-only sessions (they never wait for a writer or for each other),
    or, with `write`, sessions that write."""
    factory: sessionmaker[Session] = getattr(node.app, "factory" if write else "reader")
    return factory


def run_db(
    node: DOMNode,
    group: str,
    work: Callable[[Session], Message | None],
    *,
    write: bool = False,
) -> None:
    """Run `work` with a fresh session in a thread worker of `node`; post the message it returns to
    `node` unless a newer worker of the same group replaced it meanwhile (stale results are dropped).

    With `write`, the session is one transaction committed when `work` returns. A failure is posted as
    WorkFailed, so the screen says what went wrong instead of the app crashing.
    """

    factory = session_factory(node, write=write)

    def run() -> None:
        worker = get_current_worker()
        try:
            if write:
                with factory.begin() as session:
                    message = work(session)
            else:
                with factory() as session:
                    message = work(session)
        except (CorrectionError, SQLAlchemyError, OSError, ValueError) as error:
            reason = getattr(error, "orig", None) or error
            message = WorkFailed(str(reason))
        except Exception as error:  # noqa: BLE001  (a bug must show on screen, not vanish with its worker)
            message = WorkFailed(f"{type(error).__name__}: {error}")
        if message is not None and not worker.is_cancelled:
            node.post_message(message)

    node.run_worker(run, name=group, group=group, thread=True, exclusive=True, exit_on_error=False)
