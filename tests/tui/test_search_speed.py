"""What keeps a search quick: the search screen warms the search path up as it opens, and a search's
count starts only once its first page is drawn."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Static
from tuidata import drive, make_app, search_for, settle

from quotes.tui.screens.search import SearchScreen
from quotes.tui.widgets.quotes_table import QuotesTable

pytest_plugins = ["tuifixtures"]


@drive
async def test_the_search_screen_warms_up_as_it_opens_and_shows_nothing(newsroom: sessionmaker[Session]) -> None:
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await settle(pilot)
        assert search.warmed
        assert search.query_one(QuotesTable).row_count == 0
        assert search.query_one("#search-status", Static).visual == Content("Type to search every quote.")


@drive
async def test_a_search_is_counted_only_once_its_first_page_is_drawn(
    newsroom: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The count reads every match: started beside the drawing of the first page, it held that frame
    back on a busy machine."""
    events: list[str] = []
    render_line, count = QuotesTable.render_line, QuotesTable._count

    def drawn(table: QuotesTable, y: int) -> Strip:
        if table.id == "search-results" and table.row_count:
            events.append("rows drawn")
        return render_line(table, y)

    def counting(table: QuotesTable, *args: Any) -> None:
        if table.id == "search-results":
            events.append("count")
        count(table, *args)

    monkeypatch.setattr(QuotesTable, "render_line", drawn)
    monkeypatch.setattr(QuotesTable, "_count", counting)
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        _, results = await search_for(pilot, "council")
        assert results.row_count == 1 and results.total == 1
        assert "count" in events and "rows drawn" in events[: events.index("count")]
