"""Database work off the event loop: a read replaced by a newer one is interrupted, and says nothing."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

import click
import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from textual.message import Message
from textual.widgets import Static
from tuidata import drive, make_app, settle, speaker_id

from quotes.db.repo import QuoteQuery
from quotes.db.repo import count_quotes as real_count
from quotes.db.repo import quote_page as real_page
from quotes.tui.app import QuotesApp
from quotes.tui.screens.browse import BrowseScreen
from quotes.tui.widgets.panes import SpeakersPane
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


@drive
async def test_a_speaker_chosen_while_the_first_count_runs_keeps_its_own_total(
    newsroom: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The count of every quote, still under way when a speaker is opened, never reaches the screen:
    the speaker's total (its kept count, read with its first page) stays, and no count runs for it."""
    from quotes.db import repo

    counting, release, counted = threading.Event(), threading.Event(), []

    def held_count(session: Session, query: QuoteQuery) -> int:
        counted.append(query)
        counting.set()
        assert release.wait(30)
        return real_count(session, query)

    monkeypatch.setattr(repo, "count_quotes", held_count)  # the table imports it when it counts
    okafor = speaker_id(newsroom, "Mara Okafor")
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        assert await asyncio.to_thread(counting.wait, 30)  # the first screen's count is under way
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        table = screen.quotes
        screen.show_speaker(okafor, "Mara Okafor")
        for worker in [w for w in app.workers if w.group == f"quotes-{id(table)}"]:
            await worker.wait()  # the speaker's first page, not the held count
        await pilot.pause()
        title = screen.query_one("#quotes-title", Static)
        assert table.total == table.row_count == 2
        assert "2 quotes" in str(title.visual)
        release.set()  # the old count ends now, after the speaker's page
        await settle(pilot)
        assert table.total == 2 and "2 quotes" in str(title.visual)
        assert [query.speaker_id for query in counted] == [None]  # the speaker's total was not counted


def held_speaker_pages() -> tuple[Callable[..., object], threading.Event, threading.Event]:
    """A quote_page that holds a speaker's page until `release` is set, setting `reading` when it starts
    (other pages pass)."""
    reading, release = threading.Event(), threading.Event()

    def held_page(session: Session, query: QuoteQuery, **kwargs: object) -> object:
        if query.speaker_id is not None:
            reading.set()
            assert release.wait(30)
        return real_page(session, query, **kwargs)  # type: ignore[arg-type]

    return held_page, reading, release


@drive
async def test_the_quotes_take_the_focus_once_the_speakers_first_page_is_drawn(
    newsroom: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Moving the focus restyles the screen and redraws the footer: it waits for the speaker's first
    page, so that page is not held back by it; the quotes then have the focus as before."""
    from quotes.db import repo

    held_page, reading, release = held_speaker_pages()

    okafor = speaker_id(newsroom, "Mara Okafor")
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        speakers = screen.focused
        monkeypatch.setattr(repo, "quote_page", held_page)
        screen.show_speaker(okafor, "Mara Okafor")
        assert await asyncio.to_thread(reading.wait, 30)
        await pilot.pause()
        assert screen.focused is speakers  # the page is not there yet: the focus has not moved
        release.set()
        await settle(pilot)
        assert screen.quotes.row_count == 2
        assert screen.focused is screen.quotes


@drive
async def test_the_focus_stays_where_the_user_put_it_while_the_page_was_read(
    newsroom: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Input

    from quotes.db import repo

    held_page, reading, release = held_speaker_pages()

    okafor = speaker_id(newsroom, "Mara Okafor")
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        monkeypatch.setattr(repo, "quote_page", held_page)
        screen.show_speaker(okafor, "Mara Okafor")
        assert await asyncio.to_thread(reading.wait, 30)
        box = screen.query(Input).first()
        box.focus()  # the user goes to the filter box meanwhile
        await pilot.pause()
        release.set()
        await settle(pilot)
        assert screen.quotes.row_count == 2
        assert screen.focused is box


@drive
async def test_an_app_given_an_opener_opens_the_database_once_in_a_worker(newsroom: sessionmaker[Session]) -> None:
    """What `quotes tui` does for a SQLite file at head: the app draws first, and the first worker that
    needs a session opens the database, off the event loop, once for every worker."""
    opened: list[int] = []

    def opener() -> sessionmaker[Session]:
        opened.append(threading.get_ident())
        return newsroom

    app = QuotesApp(database="test.db", opener=opener)
    async with app.run_test(size=(120, 40)) as pilot:
        loop_thread = threading.get_ident()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        assert screen.query_one(SpeakersPane).table.row_count > 0 and screen.quotes.row_count > 0
    assert len(opened) == 1 and opened[0] != loop_thread
    with pytest.raises(ValueError, match="either"):
        QuotesApp(newsroom, opener=opener)


@drive
async def test_a_database_that_cannot_be_opened_says_so(newsroom: sessionmaker[Session]) -> None:
    def opener() -> sessionmaker[Session]:
        raise click.ClickException("news.db: database is locked")

    app = QuotesApp(database="news.db", opener=opener)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        messages = {notification.message for notification in app._notifications}
    assert messages == {"could not open news.db: news.db: database is locked"}
