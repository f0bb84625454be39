"""Tables at 80 columns: narrow columns only, and every column back when the terminal widens."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker
from textual.widgets import DataTable
from tuidata import drive, make_app, settle

from quotes.tui.widgets.panes import SpeakersPane
from quotes.tui.widgets.quotes_table import QuotesTable

pytest_plugins = ["tuifixtures"]


def keys(table: DataTable[object]) -> list[str]:
    return [str(column.key.value) for column in table.ordered_columns]


def rows(table: DataTable[object]) -> list[list[str]]:
    return [[str(value) for value in table.get_row_at(index)] for index in range(table.row_count)]


@drive
async def test_tables_show_their_narrow_columns_at_80_columns(newsroom: sessionmaker[Session]) -> None:
    app = make_app(newsroom)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        speakers = app.screen.query_one(SpeakersPane).table
        quotes = app.screen.query_one(QuotesTable)
        assert keys(speakers) == ["name", "quotes"] and keys(quotes) == ["quote", "speaker"]
        narrow_speakers = rows(speakers)
        assert ["Mara Okafor", "2"] in narrow_speakers
        speakers.move_cursor(row=2)
        await pilot.resize_terminal(140, 40)
        await settle(pilot)
        assert keys(speakers) == ["name", "kind", "anonymous", "quotes", "articles"]
        assert keys(quotes) == ["quote", "speaker", "article", "kind", "confidence"]
        assert [[row[0], row[3]] for row in rows(speakers)] == narrow_speakers
        assert speakers.cursor_row == 2
        width = speakers.scrollable_content_region.width
        assert sum(column.get_render_width(speakers) for column in speakers.ordered_columns) <= width
