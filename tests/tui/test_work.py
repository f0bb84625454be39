"""Database work off the event loop: a read replaced by a newer one is interrupted, and says nothing."""

from __future__ import annotations

import asyncio
import threading

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from textual.message import Message
from tuidata import drive, make_app, settle

from quotes.tui.work import interrupt_db, run_db

pytest_plugins = ["tuifixtures"]

ENDLESS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"


@drive
async def test_a_replaced_read_is_interrupted_and_posts_nothing(newsroom: sessionmaker[Session]) -> None:
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        running, outcome = threading.Event(), []

        def under_way() -> int:
            running.set()
            return 0  # go on

        def endless(session: Session) -> Message | None:
            connection = session.connection().connection.dbapi_connection
            connection.set_progress_handler(under_way, 1000)  # type: ignore[union-attr]
            try:
                session.execute(text(ENDLESS)).scalar_one()
            except OperationalError as error:
                outcome.append(str(error.orig))
                raise
            return None

        run_db(screen, "endless", endless)
        assert await asyncio.to_thread(running.wait, 30)  # the query is under way
        assert interrupt_db(screen, "endless")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert outcome == ["interrupted"]
        assert not app._notifications  # the failure of a replaced read is not the user's business
        assert not interrupt_db(screen, "endless")  # nothing left to interrupt
