"""A speaker's quotes arrive a page at a time: a first page of two screenfuls, then the rest as the user
scrolls toward the end of what is loaded."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker
from tuidata import drive, make_app, settle, speaker_id, store

from quotes.sources import SourceArticle
from quotes.tui.screens.browse import BrowseScreen
from quotes.tui.widgets.paged_table import NEAR_END_ROWS

pytest_plugins = ["tuifixtures"]

QUOTES = 130


def long_article() -> SourceArticle:
    paragraphs = [f'"Point {n} of the plan stands," said Mara Okafor.' for n in range(QUOTES)]
    return SourceArticle("plan", "plan.txt", None, "The plan\n\n" + "\n\n".join(paragraphs) + "\n", title="The plan")


@drive
async def test_a_first_page_of_two_screenfuls_then_pages_as_the_user_scrolls(
    tui_factory: sessionmaker[Session],
) -> None:
    store(tui_factory, [long_article()])
    okafor = speaker_id(tui_factory, "Mara Okafor")
    app = make_app(tui_factory)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        table = screen.quotes
        screen.show_speaker(okafor, "Mara Okafor")
        await settle(pilot)
        shown = table.scrollable_content_region.height
        first = table.first_page_size()
        assert shown < first < QUOTES and first == 2 * max(shown, NEAR_END_ROWS + 1) + 1
        assert table.row_count == first and table.total == QUOTES  # the total is the kept count, not the rows read
        table.move_cursor(row=first - 1)  # near the end of what is loaded: the next page comes
        await settle(pilot)
        assert table.row_count == QUOTES
        assert len(set(table.article_of)) == QUOTES  # every quote once, none twice across the pages
