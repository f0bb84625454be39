"""The sidebar panes: speakers and articles, each filtered as the user types and sorted by a key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from quotes.tui.messages import ArticlesLoaded, SpeakersLoaded
from quotes.tui.safe import cell, content
from quotes.tui.widgets.paged_table import Column, PagedTable
from quotes.tui.work import run_db

if TYPE_CHECKING:  # the database layer loads in the first worker, after the first frame
    from sqlalchemy.orm import Session

    from quotes.db.articles import ArticleRow
    from quotes.db.speaker_views import SpeakerSummary

PAGE = 300
Row = TypeVar("Row")
NARROW_BELOW = 44  # a sidebar narrower than this (80-column terminals) shows names and counts only


class Pane(Vertical, Generic[Row]):
    """A filter box over a paged table, and a status line (how many, in what order). Subclasses say how
    to read a page (`load`), the cells of a row, the status line, and what choosing a row posts."""

    PLACEHOLDER = ""
    COLUMNS: ClassVar[tuple[Column, ...]] = ()
    display_first = True  # shown at start, so read at once; else read when first shown (read_once)

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.filter_text = ""
        self.generation = 0
        self.loaded = 0
        self.total = 0
        self.rows: dict[int, Row] = {}

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.PLACEHOLDER, classes="filter")
        yield PagedTable(self.COLUMNS, narrow_below=NARROW_BELOW, classes="pane-table")
        yield Static(classes="pane-status")

    @property
    def table(self) -> PagedTable:
        return self.query_one(PagedTable)

    def on_mount(self) -> None:
        if self.display_first:
            self.call_after_refresh(self.reload)  # paint first, then read

    def read_once(self) -> None:
        """Read the first page if nothing was read yet (a pane in a tab not shown at start)."""
        if self.generation == 0:
            self.reload()

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

    def show_page(self, rows: tuple[Row, ...], total: int, offset: int, generation: int) -> None:
        """Add a page read by `load`, unless a newer query replaced it; a first page starts the table again."""
        if generation != self.generation:
            return
        if offset == 0:
            self.table.clear()
            self.rows.clear()
            self.loaded = 0
        self.total = total
        for row in rows:
            row_id = self.row_id(row)
            self.rows[row_id] = row
            self.table.add_row(*self.cells(row), key=str(row_id))
        self.loaded += len(rows)
        self.table.pages_arrived(self.loaded < total and bool(rows))
        self.query_one(".pane-status", Static).update(content(self.status(total)), layout=False)

    def row_id(self, row: Row) -> int:
        raise NotImplementedError

    def cells(self, row: Row) -> tuple[object, ...]:
        raise NotImplementedError

    def status(self, total: int) -> str:
        raise NotImplementedError

    def chosen(self, row_id: int, row: Row | None) -> Message:
        raise NotImplementedError

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            row_id = int(event.row_key.value)
            self.post_message(self.chosen(row_id, self.rows.get(row_id)))

    def highlighted(self) -> Row | None:
        row_id = self.highlighted_id()
        return None if row_id is None else self.rows.get(row_id)

    def highlighted_id(self) -> int | None:
        table = self.table
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return None if key is None else int(key)


class SpeakersPane(Pane["SpeakerSummary"]):
    """Every speaker with kind, anonymity flag and counts; Enter shows the speaker's quotes."""

    PLACEHOLDER = "Filter speakers (name or alias)"
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("Speaker", "name", share=1.0),
        Column("Kind", "kind", 7, narrow=False),
        Column("Anon", "anonymous", 4, narrow=False),
        Column("Qs", "quotes", 7),
        Column("Arts", "articles", 6, narrow=False),
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
        self.sort = "name"  # a SpeakerSort: by name counts only the page shown, most quoted first every quote

    def load(self, *, offset: int) -> None:
        search, sort, generation = self.filter_text or None, self.sort, self.generation

        def work(session: Session) -> SpeakersLoaded:
            from quotes.db.speaker_views import SpeakerSort, count_speakers, speaker_summaries

            rows = speaker_summaries(session, search=search, sort=SpeakerSort(sort), limit=PAGE, offset=offset)
            total = count_speakers(session, search=search) if offset == 0 else self.total
            return SpeakersLoaded(tuple(rows), total, offset, generation)

        run_db(self, "speakers", work)

    @on(SpeakersLoaded)
    def _arrived(self, event: SpeakersLoaded) -> None:
        event.stop()
        self.show_page(event.rows, event.total, event.offset, event.generation)

    def row_id(self, row: SpeakerSummary) -> int:
        return row.id

    def cells(self, row: SpeakerSummary) -> tuple[object, ...]:
        kind = "org" if row.kind == "organisation" else row.kind
        flag = "\u2713" if row.anonymous else ""
        return (cell(row.name), Text(kind), Text(flag), Text(str(row.quotes)), Text(str(row.articles)))

    def status(self, total: int) -> str:
        return f"{total} speakers, {'by name' if self.sort == 'name' else 'most quoted first'}"

    def chosen(self, row_id: int, row: SpeakerSummary | None) -> Message:
        return self.Chosen(row_id, row.name if row else f"#{row_id}")

    def action_toggle_sort(self) -> None:
        self.sort = "name" if self.sort == "quotes" else "quotes"
        self.reload()


class ArticlesPane(Pane["ArticleRow"]):
    """Every article with outlet, date and quote count; Enter shows its quotes."""

    PLACEHOLDER = "Filter articles (title or outlet)"
    display_first = False  # its tab is not the one shown at start: no read competes with the first paint
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("Title", "title", share=0.7),
        Column("Outlet", "outlet", share=0.3, narrow=False),
        Column("Date", "date", 10),
        Column("Qs", "quotes", 5, narrow=False),
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
        self.sort = "date"  # an ArticleSort

    def load(self, *, offset: int) -> None:
        search, sort, generation = self.filter_text or None, self.sort, self.generation

        def work(session: Session) -> ArticlesLoaded:
            from quotes.db.articles import ArticleSort, list_articles

            page = list_articles(session, search=search, sort=ArticleSort(sort), limit=PAGE, offset=offset)
            return ArticlesLoaded(page.rows, page.total, offset, generation)

        run_db(self, "articles", work)

    @on(ArticlesLoaded)
    def _arrived(self, event: ArticlesLoaded) -> None:
        event.stop()
        self.show_page(event.rows, event.total, event.offset, event.generation)

    def row_id(self, row: ArticleRow) -> int:
        return row.id

    def cells(self, row: ArticleRow) -> tuple[object, ...]:
        title = cell(row.title, empty=f"(article {row.id})")
        return (title, cell(row.outlet), Text(row.day.isoformat()), Text(str(row.quotes)))

    def status(self, total: int) -> str:
        return f"{total} articles, {'by title' if self.sort == 'title' else 'newest first'}"

    def chosen(self, row_id: int, row: ArticleRow | None) -> Message:
        return self.Chosen(row_id, row.title if row and row.title else f"article {row_id}")

    def action_toggle_sort(self) -> None:
        self.sort = "title" if self.sort == "date" else "date"
        self.reload()
