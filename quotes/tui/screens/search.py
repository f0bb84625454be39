"""Search (`/`): full text over quote text through the database's index, results as the user types.

Typing restarts a short timer; when it fires, one worker runs the search (a newer one replaces it), and
a result is shown only if it answers the newest text, so a slow old search never overwrites a newer one.

The first search of a process costs several times what the next ones do (SQLAlchemy builds and compiles
its statements, the connection first reads the search indexes): so as the screen opens, while the user
types, a worker runs a first page of two searches of other kinds (`quotes.db.repo.warm_up_search`), and
the user's first search finds them ready.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Static

from quotes.db.queries import QuoteQuery, QuoteSort
from quotes.tui.widgets.quotes_table import QuotesTable
from quotes.tui.work import run_db

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

DEBOUNCE_SECONDS = 0.15


class Warmed(Message):
    """The warm-up reads are done (`SearchScreen.warmed`)."""


class SearchScreen(Screen[None]):
    """Find quotes by their words; Enter in the list opens one, Escape leaves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Leave search", id="search.leave", tooltip="Back to browsing"),
        Binding("slash", "focus_input", "Edit search", id="search.edit", tooltip="Type another search", show=False),
    ]

    def __init__(self, text: str = "") -> None:
        super().__init__(classes="search")
        self.initial = text
        self.pending: Timer | None = None
        self.searched = ""
        self.warmed = False  # the warm-up reads are done (or were not needed)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(self.initial, placeholder="Search quote text (words, not FTS syntax)", id="search-input")
        yield Static(Content("Type to search every quote."), id="search-status")
        yield QuotesTable(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self.initial:
            self.warmed = True
            self.run_search()
        else:
            self.call_after_refresh(self._warm_up)  # once this screen is drawn: the warm-up never delays it

    def _warm_up(self) -> None:
        limit = self.query_one(QuotesTable).first_page_size()

        def warm_up(session: Session) -> Warmed:
            from quotes.db.repo import warm_up_search

            warm_up_search(session, limit=limit)
            return Warmed()

        run_db(self, "warm-up", warm_up)

    @on(Warmed)
    def _warmed(self, event: Warmed) -> None:
        event.stop()
        self.warmed = True

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self.pending is not None:
            self.pending.stop()
        self.pending = self.set_timer(DEBOUNCE_SECONDS, self.run_search)

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.pending is not None:
            self.pending.stop()
        self.run_search()
        self.query_one(QuotesTable).focus()

    def run_search(self) -> None:
        self.pending = None
        text = self.query_one(Input).value.strip()
        table = self.query_one(QuotesTable)
        if text == self.searched and table.query_shown is not None:
            return
        self.searched = text
        if not text:
            table.generation += 1  # any search still running is now stale
            table.clear()
            table.query_shown = None
            self.query_one("#search-status", Static).update(Content("Type to search every quote."), layout=False)
            return
        table.show(QuoteQuery(search=text, sort=QuoteSort.RELEVANCE))

    @on(QuotesTable.Counted)
    def _counted(self, event: QuotesTable.Counted) -> None:
        status = Content.assemble(f"{event.total} quotes match ", (repr(self.searched), "bold"))
        self.query_one("#search-status", Static).update(status, layout=False)

    @on(QuotesTable.Chosen)
    def _chosen(self, event: QuotesTable.Chosen) -> None:
        from quotes.tui.screens.detail import DetailScreen

        self.app.push_screen(DetailScreen(event.quote_id))

    def action_leave(self) -> None:
        self.app.pop_screen()

    def action_focus_input(self) -> None:
        self.query_one(Input).focus()
