"""Pilot drives each path a user takes: speakers -> quotes -> detail -> article, article -> reader,
search, the palette, the empty database, and a hostile article shown literally."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, sessionmaker
from textual.widgets import DataTable, Input, Static
from tuidata import HOSTILE_MARKUP, HOSTILE_SPEAKER, drive, make_app, search_for, settle, speaker_id

from quotes.db.models import Article
from quotes.db.repo import QuotePage, QuoteQuery, QuoteSort
from quotes.tui.app import QuotesApp
from quotes.tui.messages import QuotesLoaded
from quotes.tui.screens.browse import BrowseScreen, speaker_query
from quotes.tui.screens.check import CheckScreen
from quotes.tui.screens.detail import DetailScreen
from quotes.tui.screens.dialogs import PromptScreen
from quotes.tui.screens.empty import EmptyScreen
from quotes.tui.screens.help import HelpScreen
from quotes.tui.screens.profile import ProfileScreen
from quotes.tui.screens.reader import ReaderScreen
from quotes.tui.screens.search import SearchScreen
from quotes.tui.widgets.panes import ArticlesPane, SpeakersPane
from quotes.tui.widgets.quotes_table import QuotesTable

pytest_plugins = ["tuifixtures"]


def row_keys(table: DataTable[object]) -> list[int]:
    return [int(str(row.value)) for row in table.rows]


def cell_text(table: DataTable[object], row: int, column: int) -> str:
    return str(table.get_row_at(row)[column])


def put_cursor(table: DataTable[object], key: int) -> None:
    table.move_cursor(row=row_keys(table).index(key))
    table.focus()


@drive
async def test_speaker_then_quote_then_detail_then_article(newsroom: sessionmaker[Session]) -> None:
    app = make_app(newsroom)
    okafor = speaker_id(newsroom, "Mara Okafor")
    loop_thread, on_loop = threading.get_ident(), []

    @event.listens_for(newsroom.kw["bind"], "before_cursor_execute")
    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if threading.get_ident() == loop_thread:
            on_loop.append(statement)

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        speakers = app.screen.query_one(SpeakersPane)
        put_cursor(speakers.table, okafor)
        await pilot.press("enter")
        await settle(pilot)
        quotes = app.screen.query_one(QuotesTable)
        assert quotes.has_focus
        # a speaker's quotes open newest stored first (read from the speaker's index: fast at 100,000 quotes),
        # every kind credited to them, so the total is the speaker's kept count, come with the first page
        assert quotes.query_shown == QuoteQuery(speaker_id=okafor, sort=QuoteSort.STORED, descending=True)
        assert quotes.total == quotes.row_count == 2
        assert row_keys(quotes) == sorted(row_keys(quotes), reverse=True)
        assert [cell_text(quotes, i, 1) for i in range(quotes.row_count)] == ["Mara Okafor"] * 2
        first = row_keys(quotes)[-1]  # the earlier of the two
        await pilot.press("down", "enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, DetailScreen) and detail.detail is not None
        assert detail.detail.row.id == first
        paragraph = str(detail.query_one("#detail-paragraph", Static).visual)
        assert "We will not raise taxes this year" in paragraph
        attribution = str(detail.query_one("#detail-attribution", Static).visual)
        assert "cue-after" in attribution and "treasurer" not in attribution
        assert "council treasurer" in str(detail.query_one("#detail-speaker", Static).visual)
        await pilot.press("v")
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.view is not None
        assert reader.view.article.title == "Elmtown budget vote"
        assert reader.quotes[reader.current].id == first
        await pilot.press("escape", "escape")  # back to browsing
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
    assert on_loop == []  # every query ran in a thread worker


@drive
async def test_detail_jumps_to_the_speakers_other_quotes_and_profile(newsroom: sessionmaker[Session]) -> None:
    app = make_app(newsroom)
    hale = speaker_id(newsroom, "Tom Hale")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        quotes = app.screen.query_one(QuotesTable)
        hale_row = next(i for i in range(quotes.row_count) if cell_text(quotes, i, 1) == "Tom Hale")
        quotes.move_cursor(row=hale_row)
        quotes.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        others = app.screen.query_one("#other-quotes", DataTable)
        assert others.row_count == 2
        await pilot.press("p")
        await settle(pilot)
        profile = app.screen
        assert isinstance(profile, ProfileScreen) and profile.profile is not None
        assert profile.profile.summary.id == hale and profile.profile.summary.quotes == 3
        assert profile.query_one("#profile-articles", DataTable).row_count == 2
        await pilot.press("o")
        await settle(pilot)
        browse = app.screen
        assert isinstance(browse, BrowseScreen)
        assert browse.quotes.query_shown == speaker_query(hale)
        assert browse.quotes.row_count == 3
        newest = str(browse.quotes.get_row_at(0)[2])
        assert newest == "Hale resigns from council"  # the article stored last comes first


@drive
async def test_article_to_reader_moves_quote_to_quote(newsroom: sessionmaker[Session]) -> None:
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        articles = app.screen.query_one(ArticlesPane)
        assert articles.table.has_focus
        titles = [cell_text(articles.table, i, 0) for i in range(articles.table.row_count)]
        assert titles == ["Hale resigns from council", "Elmtown budget vote"]  # newest first
        await pilot.press("o")
        await settle(pilot)
        assert [cell_text(articles.table, i, 0) for i in range(2)] == titles[::-1]  # by title
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one(QuotesTable).row_count == 5
        articles.table.focus()
        await pilot.press("v")
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.view is not None
        legend = str(reader.query_one("#legend", Static).visual)
        assert "Mara Okafor (2)" in legend and "Tom Hale (1)" in legend and "a resident (1)" in legend
        assert "unresolved (1)" in legend  # the partial quote "bridge fund"
        text = " ".join(str(p.visual) for p in reader.query(".paragraph").results(Static))
        assert "\u27e8Tom Hale\u27e9" in text and "\u27e8unresolved\u27e9" in text
        await pilot.press("n", "n")
        assert reader.current == 1
        await pilot.press("p")
        assert reader.current == 0
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.quote_id == reader.quotes[0].id


@drive
async def test_search_as_you_type_and_escape_leaves(newsroom: sessionmaker[Session]) -> None:
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        search, results = await search_for(pilot, "council")
        assert [cell_text(results, i, 0) for i in range(results.row_count)] == ["I am leaving the council,"]
        await pilot.press(*" [/x] OR")  # FTS syntax and markup are plain words here
        search.run_search()
        await settle(pilot)
        assert results.row_count == 0
        assert "0 quotes match" in str(search.query_one("#search-status", Static).visual)
        await pilot.press("escape")
        assert isinstance(app.screen, BrowseScreen)


@drive
async def test_a_stale_search_result_never_replaces_a_newer_one(newsroom: sessionmaker[Session]) -> None:
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        _, results = await search_for(pilot, "taxes")
        assert results.row_count == 1
        results.post_message(QuotesLoaded(QuotePage((), 0, None), True, results.generation - 1))
        await pilot.pause()
        assert results.row_count == 1


@drive
async def test_export_writes_the_quotes_on_screen_as_a_sheet(
    newsroom: sessionmaker[Session], tmp_path: Path
) -> None:
    app = make_app(newsroom)
    okafor = speaker_id(newsroom, "Mara Okafor")
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        screen.show_speaker(okafor, "Mara Okafor")
        await settle(pilot)
        for name in ("okafor.txt", "okafor.md"):
            await pilot.press("x")
            assert isinstance(app.screen, PromptScreen)
            app.screen.query_one(Input).value = str(sheets / name)
            await pilot.press("enter")
            await settle(pilot)
    sheet = (sheets / "okafor.md").read_text(encoding="utf-8")
    assert "We will not raise taxes this year" in sheet and "We have a plan for the bridge." in sheet
    assert "Tom Hale" not in sheet
    assert [p.name for p in sheets.iterdir()] == ["okafor.md"]  # .txt is no sheet format: nothing written


@drive
async def test_palette_jumps_to_a_speaker(newsroom: sessionmaker[Session]) -> None:
    app = make_app(newsroom)
    hale = speaker_id(newsroom, "Tom Hale")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"Tom Hale")
        await settle(pilot)
        for _ in range(50):  # the palette gathers hits in its own worker
            await pilot.pause(0.02)
            if app.screen.query("CommandList Option"):
                break
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)
        assert app.screen.speaker_id == hale


@drive
async def test_help_lists_every_key(newsroom: sessionmaker[Session]) -> None:
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text", Static).visual)
        assert "export the quotes on screen" in text and "check a quote" in text
        assert "coming" not in text.lower()
        await pilot.press("escape")
        assert isinstance(app.screen, BrowseScreen)


@drive
async def test_empty_database_offers_the_samples(tui_factory: sessionmaker[Session]) -> None:
    app = make_app(tui_factory)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EmptyScreen)
        assert "quotes ingest" in str(app.screen.query_one("#empty-text", Static).visual)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
        assert app.screen.query_one(ArticlesPane).total == 2
    with tui_factory() as session:
        assert session.execute(select(func.count(Article.id))).scalar_one() == 2


@drive
async def test_hostile_text_is_shown_literally_and_runs_nothing(hostile: sessionmaker[Session]) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        speakers = app.screen.query_one(SpeakersPane)
        name = cell_text(speakers.table, 0, 0)
        assert name.startswith("Mara [bold]x[/bold] [/i] [@click=app.quit]budget[/] \u241b[31m\u2407")
        assert name.endswith("\u2407 Okafor")  # a name is stored without bidi controls (folding.display_form)
        quotes = app.screen.query_one(QuotesTable)
        assert HOSTILE_MARKUP in cell_text(quotes, 0, 0) and "\ufffd[2J\ufffd\\x85\\u202e" in cell_text(quotes, 0, 0)
        await pilot.click(QuotesTable, offset=(10, 1))  # a click on the "link" text quits nothing
        quotes.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        paragraph = str(app.screen.query_one("#detail-paragraph", Static).visual)
        assert HOSTILE_MARKUP in paragraph and "\x1b" not in paragraph and "\u202e" not in paragraph
        assert "[@click=app.quit]budget[/]" in str(app.screen.query_one("#detail-speaker", Static).visual)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        legend = str(app.screen.query_one("#legend", Static).visual)
        assert "[@click=app.quit]budget[/]" in legend
        assert app.is_running
    assert HOSTILE_SPEAKER.startswith("Mara")


def test_every_key_has_an_id_and_a_tooltip() -> None:
    from textual.binding import Binding

    from quotes.tui.screens.dialogs import ChoiceScreen, ConfirmScreen, PromptScreen

    owners = (
        QuotesApp, BrowseScreen, DetailScreen, ReaderScreen, ProfileScreen, SearchScreen, HelpScreen,
        EmptyScreen, PromptScreen, ConfirmScreen, ChoiceScreen, QuotesTable, SpeakersPane, ArticlesPane,
        CheckScreen,
    )
    for owner in owners:
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding) and binding.id and binding.tooltip, (owner, binding)
    assert QuotesApp.CSS_PATH == "app.tcss"
