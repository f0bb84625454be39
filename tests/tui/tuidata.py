"""Test helper for the TUI tests: the seeds or a small invented newsroom, stored at a fixed time, and a
hostile article whose quote, speaker and title try markup, terminal escapes and bidi tricks."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from textual.pilot import Pilot

from quotes.db.ingest import Status, ingest_sources
from quotes.db.models import Speaker
from quotes.sources import SourceArticle
from quotes.tui.app import QuotesApp
from quotes.tui.screens.search import SearchScreen
from quotes.tui.widgets.quotes_table import QuotesTable

NOW = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
HOSTILE_MARKUP = "[bold]x[/bold] [/i] [@click=app.quit]budget[/]"
HOSTILE_CONTROLS = "\x1b[2J\x07\x85\u202e"
HOSTILE_SPEAKER = "Mara [bold]x[/bold] [/i] [@click=app.quit]budget[/] \x1b[31m\x07\x85\u202eOkafor"
HOSTILE_TITLE = f"Elmtown {HOSTILE_MARKUP} {HOSTILE_CONTROLS}vote"

NEWSROOM = (
    SourceArticle(
        "budget",
        "budget.txt",
        None,
        "Elmtown budget vote\n\n"
        '"We will not raise taxes this year," said Mara Okafor, the council treasurer.\n\n'
        '"The numbers do not add up," Tom Hale said.\n\n'
        'Okafor said: "We have a plan for the bridge."\n\n'
        'Some say the "bridge fund" is empty.\n\n'
        '"Nobody told us anything," a resident said.\n',
        title="Elmtown budget vote",
        outlet="Elmtown Post",
        published=date(2025, 3, 2),
    ),
    SourceArticle(
        "resigns",
        "resigns.txt",
        None,
        "Hale resigns\n\n"
        '"I am leaving the council," Tom Hale said on Monday.\n\n'
        '"It was time to go," Hale added.\n',
        title="Hale resigns from council",
        outlet="Roe Valley News",
        published=date(2025, 4, 10),
    ),
)

HOSTILE = SourceArticle(
    "hostile",
    "hostile.txt",
    None,
    "Elmtown council votes\n\n"
    f'"The {HOSTILE_MARKUP} plan is fine {HOSTILE_CONTROLS}now," said Mara Okafor, the treasurer.\n',
    title=HOSTILE_TITLE,
    outlet="Elmtown Post",
    published=date(2025, 5, 1),
)


def store(factory: sessionmaker[Session], articles: list[SourceArticle]) -> None:
    outcomes = list(ingest_sources(factory, articles, now=lambda: NOW))
    assert [o.status for o in outcomes] == [Status.ADDED] * len(outcomes), outcomes


def make_app(factory: sessionmaker[Session]) -> QuotesApp:
    return QuotesApp(factory, database="test.db")


async def settle(pilot: Pilot[None]) -> None:
    """Wait until every worker has finished and every message it posted has been handled."""
    for _ in range(20):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            await pilot.pause()
            if not any(worker.is_running for worker in pilot.app.workers):
                return


async def search_for(pilot: Pilot[None], words: str) -> tuple[SearchScreen, QuotesTable]:
    """`/`, the words, the search the debounce timer would run, and its results once shown."""
    await pilot.press("slash", *words)
    search = pilot.app.screen
    assert isinstance(search, SearchScreen)
    search.run_search()
    await settle(pilot)
    return search, search.query_one(QuotesTable)


RunBefore = Callable[[Pilot[None]], Awaitable[None]]


def speaker_id(factory: sessionmaker[Session], name: str) -> int:
    with factory() as session:
        return session.scalars(select(Speaker.id).where(Speaker.name == name)).one()


def db_path_of(factory: sessionmaker[Session]) -> Path:
    database = factory.kw["bind"].url.database
    assert database
    return Path(database)


def drive(test: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an async Pilot test in its own event loop (fixtures pass through by name)."""

    @functools.wraps(test)
    def run(*args: object, **kwargs: object) -> None:
        asyncio.run(test(*args, **kwargs))  # type: ignore[arg-type]

    return run
