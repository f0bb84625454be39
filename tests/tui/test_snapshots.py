"""Screenshots of every screen at 120x40 with the sample articles (one of the hostile article, and the main
screen and a profile at 80x24)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from textual.pilot import Pilot
from textual.widgets import TextArea
from tuidata import make_app, settle

from quotes.db.models import Quote
from quotes.db.quote_detail import quote_detail
from quotes.db.speaker_views import speaker_summaries
from quotes.tui.screens.check import CheckScreen
from quotes.tui.screens.detail import DetailScreen
from quotes.tui.screens.profile import ProfileScreen
from quotes.tui.screens.reader import ReaderScreen
from quotes.tui.screens.search import SearchScreen

pytest_plugins = ["tuifixtures"]

Compare = Callable[..., bool]
SIZE = (120, 40)


def first_speech(factory: sessionmaker[Session]) -> tuple[int, int]:
    """The first quote of the last article that is speech: (quote id, article id)."""
    with factory() as session:
        row = session.execute(
            select(Quote.id, Quote.article_id)
            .where(Quote.kind == "speech")
            .order_by(Quote.article_id.desc(), Quote.start)
            .limit(1)
        ).one()
    return row[0], row[1]


def test_browse(snap_compare: Compare, seeds: sessionmaker[Session]) -> None:
    """The main screen: speakers, and every quote."""
    assert snap_compare(make_app(seeds), run_before=settle, terminal_size=SIZE)


def test_detail(snap_compare: Compare, seeds: sessionmaker[Session]) -> None:
    """A quote in its paragraph, with its attribution explained."""
    quote_id, _article = first_speech(seeds)

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.app.push_screen(DetailScreen(quote_id))
        await settle(pilot)

    assert snap_compare(make_app(seeds), run_before=run_before, terminal_size=SIZE)


def test_reader(snap_compare: Compare, seeds: sessionmaker[Session]) -> None:
    """An article with every quote marked in its speaker's colour, the third one current."""
    _quote, article_id = first_speech(seeds)

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.app.push_screen(ReaderScreen(article_id))
        await settle(pilot)
        await pilot.press("n", "n", "n")
        await pilot.pause()

    assert snap_compare(make_app(seeds), run_before=run_before, terminal_size=SIZE)


def top_profile(factory: sessionmaker[Session]) -> Callable[[Pilot[None]], Awaitable[None]]:
    """What to do before a screenshot of the most quoted speaker's profile."""
    with factory() as session:
        top = speaker_summaries(session, limit=1)[0].id

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.app.push_screen(ProfileScreen(top))
        await settle(pilot)

    return run_before


def test_profile(snap_compare: Compare, seeds: sessionmaker[Session]) -> None:
    """The most quoted speaker's profile: roles, aliases, quotes by month and per article."""
    assert snap_compare(make_app(seeds), run_before=top_profile(seeds), terminal_size=SIZE)


def test_search(snap_compare: Compare, seeds: sessionmaker[Session]) -> None:
    """Search results for a word."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("slash", *"war")
        screen = pilot.app.screen
        assert isinstance(screen, SearchScreen)
        screen.run_search()
        await settle(pilot)

    assert snap_compare(make_app(seeds), run_before=run_before, terminal_size=SIZE)


def test_check(snap_compare: Compare, seeds: sessionmaker[Session]) -> None:
    """A check of a sample quote with one word left out: altered, its diff, evidence and travels."""
    quote_id, _article = first_speech(seeds)
    with seeds() as session:
        detail = quote_detail(session, quote_id)
    assert detail is not None
    words = detail.row.text.split()
    claim = " ".join(words[:1] + words[2:])  # the second word dropped

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.app.push_screen(CheckScreen(claim, detail.row.speaker or ""))
        await settle(pilot)
        pilot.app.screen.query_one(TextArea).cursor_blink = False  # a blinking cursor is drawn by the clock
        await pilot.pause()

    assert snap_compare(make_app(seeds), run_before=run_before, terminal_size=SIZE)


def test_help(snap_compare: Compare, seeds: sessionmaker[Session]) -> None:
    """The help screen, with the actions still to come."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(seeds), run_before=run_before, terminal_size=SIZE)


def test_merge_confirmation(snap_compare: Compare, seeds: sessionmaker[Session]) -> None:
    """Merging asks first and says what will change."""
    with seeds() as session:
        first, second = (row.id for row in speaker_summaries(session, limit=2))

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.app.push_screen(ProfileScreen(first))
        await settle(pilot)
        await pilot.press("m", *f"#{second}", "enter")
        await settle(pilot)

    assert snap_compare(make_app(seeds), run_before=run_before, terminal_size=SIZE)


def test_empty(snap_compare: Compare, tui_factory: sessionmaker[Session]) -> None:
    """An empty database: how to store articles, and the samples one key away."""
    assert snap_compare(make_app(tui_factory), run_before=settle, terminal_size=SIZE)


def test_hostile(snap_compare: Compare, hostile: sessionmaker[Session]) -> None:
    """Markup, escapes and bidi controls in a quote, a speaker name and a title, shown literally."""
    quote_id, _article = first_speech(hostile)

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.app.push_screen(DetailScreen(quote_id))
        await settle(pilot)

    assert snap_compare(make_app(hostile), run_before=run_before, terminal_size=SIZE)


def test_browse_80x24(snap_compare: Compare, seeds: sessionmaker[Session]) -> None:
    """The main screen in an 80x24 terminal: names and counts in the sidebar, quote and speaker on the right."""
    assert snap_compare(make_app(seeds), run_before=settle, terminal_size=(80, 24))


def test_profile_80x24(snap_compare: Compare, seeds: sessionmaker[Session]) -> None:
    """The most quoted speaker's profile in an 80x24 terminal: the bars fit the width."""
    assert snap_compare(make_app(seeds), run_before=top_profile(seeds), terminal_size=(80, 24))
