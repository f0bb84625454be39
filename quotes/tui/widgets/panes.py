"""The sidebar panes: speakers and articles, each filtered as the user types and sorted by a key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy.orm import Session
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from quotes.db.articles import ArticleRow, ArticleSort, list_articles
from quotes.db.speaker_views import SpeakerSort, SpeakerSummary, count_speakers, speaker_summaries
from quotes.tui.messages import ArticlesLoaded, SpeakersLoaded
from quotes.tui.safe import cell, content
from quotes.tui.widgets.paged_table import Column, PagedTable
from quotes.tui.work import run_db

PAGE = 300
NARROW_BELOW = 44  # a sidebar narrower than this (80-column terminals) shows names and counts only


class Pane(Vertical):
    """A filter box over a paged table, and a status line (how many, in what order)."""

    PLACEHOLDER = ""
    COLUMNS: ClassVar[tuple[Column, ...]] = ()

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.filter_text = ""
        self.generation = 0
        self.loaded = 0
        self.total = 0

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.PLACEHOLDER, classes="filter")
        yield PagedTable(self.COLUMNS, narrow_below=NARROW_BELOW, classes="pane-table")
        yield Static(classes="pane-status")

    @property
    def table(self) -> PagedTable:
        return self.query_one(PagedTable)

    def on_mount(self) -> None:
        self.call_after_refresh(self.reload)  # paint first, then read

    def reload(self) -> None:
        """Read the first page again (after a filter, sort or correction)."""
        self.generation += 1
        self.load(offset=0)

    def load(self, *, offset: int) -> None:
        raise NotImplementedError

    @on(Input.Changed, ".filter")
    def _filter(self, event: Input.Changed) -> None:
        event.stop()
        self.filter_text = event.value.strip()
        self.reload()

    @on(Input.Submitted, ".filter")
    def _to_table(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    @on(PagedTable.NearEnd)
    def _more(self, event: PagedTable.NearEnd) -> None:
        event.stop()
        self.load(offset=self.loaded)

    def arrived(self, offset: int, total: int, generation: int) -> bool:
        """Whether a page belongs to the current query; clears the table for a first page."""
        if generation != self.generation:
            return False
        if offset == 0:
            self.table.clear()
            self.loaded = 0
        self.total = total
        return True

    def highlighted_id(self) -> int | None:
        table = self.table
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return None if key is None else int(key)


class SpeakersPane(Pane):
    """Every speaker with kind, anonymity flag and counts; Enter shows the speaker's quotes."""

    PLACEHOLDER = "Filter speakers (name or alias)"
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("Speaker", "name", share=1.0),
        Column("Kind", "kind", 7, narrow=False),
        Column("Anon", "anonymous", 4, narrow=False),
        Column("Qs", "quotes", 5),
        Column("Arts", "articles", 4, narrow=False),
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "toggle_sort", "Order", id="speakers.sort", tooltip="Sort speakers by name or by quotes"),
    ]

    @dataclass
    class Chosen(Message):
        speaker_id: int
        name: str

    def __init__(self) -> None:
        super().__init__(id="speakers")
        self.sort = SpeakerSort.NAME  # counts only the page shown; most quoted first counts every quote
        self.rows: dict[int, SpeakerSummary] = {}

    def load(self, *, offset: int) -> None:
        search, sort, generation = self.filter_text or None, self.sort, self.generation

        def work(session: Session) -> SpeakersLoaded:
            rows = speaker_summaries(session, search=search, sort=sort, limit=PAGE, offset=offset)
            total = count_speakers(session, search=search) if offset == 0 else self.total
            return SpeakersLoaded(tuple(rows), total, offset, generation)

        run_db(self, "speakers", work)

    @on(SpeakersLoaded)
    def _arrived(self, event: SpeakersLoaded) -> None:
        event.stop()
        if not self.arrived(event.offset, event.total, event.generation):
            return
        if event.offset == 0:
            self.rows.clear()
        for row in event.rows:
            self.rows[row.id] = row
            self.table.add_row(
                cell(row.name),
                "org" if row.kind == "organisation" else row.kind,
                "\u2713" if row.anonymous else "",
                str(row.quotes),
                str(row.articles),
                key=str(row.id),
            )
        self.loaded += len(event.rows)
        self.table.pages_arrived(self.loaded < event.total and bool(event.rows))
        order = "by name" if self.sort is SpeakerSort.NAME else "most quoted first"
        self.query_one(".pane-status", Static).update(content(f"{event.total} speakers, {order}"))

    def action_toggle_sort(self) -> None:
        self.sort = SpeakerSort.NAME if self.sort is SpeakerSort.QUOTES else SpeakerSort.QUOTES
        self.reload()

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            speaker_id = int(event.row_key.value)
            row = self.rows.get(speaker_id)
            self.post_message(self.Chosen(speaker_id, row.name if row else f"#{speaker_id}"))

    def highlighted(self) -> SpeakerSummary | None:
        speaker_id = self.highlighted_id()
        return None if speaker_id is None else self.rows.get(speaker_id)


class ArticlesPane(Pane):
    """Every article with outlet, date and quote count; Enter shows its quotes."""

    PLACEHOLDER = "Filter articles (title or outlet)"
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("Title", "title", share=0.7),
        Column("Outlet", "outlet", share=0.3, narrow=False),
        Column("Date", "date", 10),
        Column("Qs", "quotes", 4, narrow=False),
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "toggle_sort", "Order", id="articles.sort", tooltip="Sort articles by date or by title"),
    ]

    @dataclass
    class Chosen(Message):
        article_id: int
        title: str

    def __init__(self) -> None:
        super().__init__(id="articles")
        self.sort = ArticleSort.DATE
        self.rows: dict[int, ArticleRow] = {}

    def load(self, *, offset: int) -> None:
        search, sort, generation = self.filter_text or None, self.sort, self.generation

        def work(session: Session) -> ArticlesLoaded:
            page = list_articles(session, search=search, sort=sort, limit=PAGE, offset=offset)
            return ArticlesLoaded(page.rows, page.total, offset, generation)

        run_db(self, "articles", work)

    @on(ArticlesLoaded)
    def _arrived(self, event: ArticlesLoaded) -> None:
        event.stop()
        if not self.arrived(event.offset, event.total, event.generation):
            return
        if event.offset == 0:
            self.rows.clear()
        for row in event.rows:
            self.rows[row.id] = row
            self.table.add_row(
                cell(row.title, empty=f"(article {row.id})"),
                cell(row.outlet),
                row.day.isoformat(),
                str(row.quotes),
                key=str(row.id),
            )
        self.loaded += len(event.rows)
        self.table.pages_arrived(self.loaded < event.total and bool(event.rows))
        order = "by title" if self.sort is ArticleSort.TITLE else "newest first"
        self.query_one(".pane-status", Static).update(content(f"{event.total} articles, {order}"))

    def action_toggle_sort(self) -> None:
        self.sort = ArticleSort.TITLE if self.sort is ArticleSort.DATE else ArticleSort.DATE
        self.reload()

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            article_id = int(event.row_key.value)
            row = self.rows.get(article_id)
            title = row.title if row and row.title else f"article {article_id}"
            self.post_message(self.Chosen(article_id, title))
