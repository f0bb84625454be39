"""The quotes table: any QuoteQuery, read in keyset pages as the user scrolls, sortable by column."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from quotes.db.queries import QuoteQuery, QuoteSort
from quotes.tui.messages import QuotesCounted, QuotesLoaded
from quotes.tui.safe import cell, one_line
from quotes.tui.widgets.paged_table import NEAR_END_ROWS, Column, PagedTable
from quotes.tui.work import interrupt_db, run_db

if TYPE_CHECKING:  # the database layer loads in the first worker, after the first frame
    from sqlalchemy.orm import Session

    from quotes.db.repo import Cursor, QuoteRow

PAGE = 200
FIRST_PAGE_SCREENS = 2  # a first page holds this many screenfuls of rows; the rest come by PAGE
SORTS = (QuoteSort.STORED, QuoteSort.ARTICLE, QuoteSort.DATE, QuoteSort.SPEAKER, QuoteSort.CONFIDENCE, QuoteSort.KIND, QuoteSort.TEXT)
COLUMN_SORTS = {
    "quote": QuoteSort.TEXT,
    "speaker": QuoteSort.SPEAKER,
    "article": QuoteSort.ARTICLE,
    "kind": QuoteSort.KIND,
    "confidence": QuoteSort.CONFIDENCE,
}


COLUMNS = (
    Column("Quote", "quote", share=0.56),
    Column("Speaker", "speaker", share=0.24),
    Column("Article", "article", share=0.2, narrow=False),
    Column("Kind", "kind", 7, narrow=False),
    Column("Conf", "confidence", 4, narrow=False),
)
NARROW_BELOW = 60  # narrower than this (the quotes pane at 80 columns): quote and speaker only


def quote_cells(row: QuoteRow) -> tuple[object, ...]:
    speaker = cell(row.speaker, empty="(unresolved)", style="" if row.speaker else "italic")
    confidence = "" if row.confidence is None else f"{row.confidence:.2f}"
    article = row.article_title or f"article {row.article_id}"
    return (cell(one_line(row.text)), speaker, cell(article), Text(row.kind), Text(confidence))


class QuotesTable(PagedTable):
    """Quotes matching a query; Enter opens one (posts `Chosen`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "next_sort", "Sort", id="quotes.sort", tooltip="Sort by the next column"),
        Binding("S", "reverse", "Reverse", id="quotes.reverse", tooltip="Reverse the order"),
    ]

    @dataclass
    class Chosen(Message):
        quote_id: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(COLUMNS, narrow_below=NARROW_BELOW, id=id)
        self.query_shown: QuoteQuery | None = None
        self.total: int | None = None  # how many quotes match: counted apart, after the first page shows
        self.generation = 0
        self.shown_generation = 0  # the query whose first page is on screen
        self._after: Cursor | None = None
        self.article_of: dict[int, int] = {}  # quote id -> article id, for the rows loaded
        self._focus_after: tuple[int, object] | None = None  # (generation, the widget focused when asked)

    def show(self, query: QuoteQuery, *, focus: bool = False) -> None:
        """Start again with the first page of `query`; with `focus`, take the focus once that page is
        drawn (moving the focus restyles the screen and redraws the footer and the table it leaves: work
        that would otherwise hold back the first rows)."""
        self.query_shown = query
        self.generation += 1
        self._focus_after = (self.generation, self.screen.focused) if focus and not self.has_focus else None
        self.total = None
        # nothing more to page until the new first page says so (an old page in flight is dropped)
        self.has_more = self.loading_more = False
        self._after = None
        interrupt_db(self, f"count-{id(self)}")  # the old query's count, if still running, is of no use
        self._load(first=True)  # the count starts once the first page is on screen, so it never delays it

    def reload(self) -> None:
        if self.query_shown is not None:
            self.show(self.query_shown)

    def first_page_size(self) -> int:
        """Rows in a first page: what fills the table twice over, so the rows on screen are read, built
        and added (on the event loop) before the rows below them; the next page follows as the user
        scrolls toward the end of these."""
        shown = self.scrollable_content_region.height
        if shown <= 0:
            return PAGE
        return min(PAGE, FIRST_PAGE_SCREENS * max(shown, NEAR_END_ROWS + 1) + 1)  # never near its end at once

    def _load(self, *, first: bool) -> None:
        query, after, generation = self.query_shown, None if first else self._after, self.generation
        assert query is not None
        limit = self.first_page_size() if first else PAGE

        def work(session: Session) -> QuotesLoaded:
            from quotes.db.repo import kept_count, quote_page

            page = quote_page(session, query, after=after, limit=limit, with_total=False)
            if first:  # a total the kept counts give (a speaker's) comes with the page: no count to run
                page = replace(page, total=kept_count(session, query))
            return QuotesLoaded(page, first, generation)

        run_db(self, f"quotes-{id(self)}", work)

    def _count(self, generation: int) -> None:
        """Count the matches of the query of `generation` in a worker of their own, once its first page is
        drawn (nothing when a newer query replaced it meanwhile): on a large database the count reads every
        match, and a reader running beside the drawing of the first page (on two cores shared with other
        work) held that frame back until the count was done."""
        query = self.query_shown
        if generation != self.generation or query is None:
            return

        def work(session: Session) -> QuotesCounted:
            from quotes.db.repo import count_quotes

            return QuotesCounted(count_quotes(session, query), generation)

        run_db(self, f"count-{id(self)}", work)

    @on(QuotesLoaded)
    def _page_arrived(self, event: QuotesLoaded) -> None:
        event.stop()
        if event.generation != self.generation:
            return
        if event.first:
            self.clear()
            self.article_of.clear()
            self.shown_generation = event.generation
            if event.page.total is None:  # counted once these rows are drawn: the count never holds them back
                self.call_after_refresh(self._count, event.generation)
            else:
                self._set_total(event.page.total)
        for row in event.page.rows:
            self.add_row(*quote_cells(row), key=str(row.id))
            self.article_of[row.id] = row.article_id
        self._after = event.page.next_after
        self.pages_arrived(event.page.next_after is not None)
        if event.first and self._focus_after is not None and self._focus_after[0] == event.generation:
            self.call_after_refresh(self._take_focus, self._focus_after[1])
            self._focus_after = None

    def _take_focus(self, focused_when_asked: object) -> None:
        """Focus this table, unless the user moved the focus elsewhere meanwhile."""
        if self.screen.focused is focused_when_asked:
            self.focus()

    @on(QuotesCounted)
    def _counted(self, event: QuotesCounted) -> None:
        event.stop()
        if event.generation == self.generation:
            self._set_total(event.total)

    def _set_total(self, total: int) -> None:
        self.total = total
        self.post_message(self.Counted(self, total))

    @dataclass
    class Counted(Message):
        table: QuotesTable
        total: int

    @on(PagedTable.NearEnd)
    def _more(self, event: PagedTable.NearEnd) -> None:
        event.stop()
        if self._after is not None and self.has_more:
            self._load(first=False)

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Chosen(int(event.row_key.value)))

    @on(DataTable.HeaderSelected)
    def _sort_by_column(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        sort = COLUMN_SORTS.get(str(event.column_key.value))
        if sort is not None and self.query_shown is not None:
            same = self.query_shown.sort is sort
            descending = not self.query_shown.descending if same else False
            self.show(replace(self.query_shown, sort=sort, descending=descending))

    def action_next_sort(self) -> None:
        if self.query_shown is None:
            return
        current = self.query_shown.sort
        following = SORTS[(SORTS.index(current) + 1) % len(SORTS)] if current in SORTS else SORTS[0]
        self.show(replace(self.query_shown, sort=following, descending=False))
        self.notify(f"sorted by {following}", timeout=2, markup=False)

    def action_reverse(self) -> None:
        if self.query_shown is not None:
            self.show(replace(self.query_shown, descending=not self.query_shown.descending))

    def current_quote_id(self) -> int | None:
        if self.row_count == 0:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return None if key is None else int(key)

    def sort_label(self) -> str:
        if self.query_shown is None:
            return ""
        arrow = "\u2193" if self.query_shown.descending else "\u2191"
        return f"{self.query_shown.sort} {arrow}"
