"""`QuotesApp`: composes only the browse screen; owns the session factories, the global keys, the palette
and what happens after a correction.

Importing this module imports no SQLAlchemy (tests/test_import_hygiene.py): given a way to open the
database instead of its sessions, the app draws its first frame before the database layer is loaded, and
the first worker to need a session opens it (`QuotesApp.sessions`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from quotes.memory import settle
from quotes.tui import corrections
from quotes.tui.commands import QuotesCommands
from quotes.tui.messages import Corrected, Exported, MergePreview, WorkFailed
from quotes.tui.screens.browse import BrowseScreen
from quotes.tui.screens.help import HelpScreen
from quotes.tui.screens.search import SearchScreen
from quotes.tui.work import OpenFailed

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker


def run(opener: Callable[[], sessionmaker[Session]], *, database: str = "") -> None:
    """Run the app in this process, as `quotes tui` does; `opener` gives the database's (writing)
    sessions, and is called by the first worker that needs one."""
    # the garbage collector settled before the app starts: drawing a page makes and drops hundreds of
    # thousands of small objects. Measured at a load of 5 (fresh processes, four runs each): first paint
    # 0.59 -> 0.36 s, the collector's time while a speaker opens 10-350 ms -> 30-70 ms
    settle()
    QuotesApp(database=database, opener=opener).run()


class QuotesApp(App[None]):
    """Browse quotes by speaker and by article, search them, read each in its article, correct speakers."""

    CSS_PATH = "app.tcss"
    TITLE = "quotes"
    COMMANDS = App.COMMANDS | {QuotesCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="app.help", tooltip="Every key and what it does"),
        Binding("slash", "search", "Search", id="app.search", tooltip="Search quote text"),
        Binding("x", "export", "Export", id="app.export", tooltip="Export these quotes as a quote sheet"),
        Binding("c", "check", "Check", id="app.check", tooltip="Check a quote and its speaker against the sources"),
    ]

    def __init__(
        self,
        factory: sessionmaker[Session] | None = None,
        *,
        database: str = "",
        opener: Callable[[], sessionmaker[Session]] | None = None,
    ) -> None:
        """Sessions from `factory`, or from what `opener` gives when a worker first needs one."""
        super().__init__()
        if (factory is None) == (opener is None):
            raise ValueError("give the app either a session factory or an opener")
        self._opener = opener
        self._open_lock = threading.Lock()
        self._sessions: tuple[sessionmaker[Session], sessionmaker[Session]] | None = None
        if factory is not None:
            self._sessions = self._with_reader(factory)
        self.database = database
        self.sub_title = database

    def sessions(self, *, write: bool = False) -> sessionmaker[Session]:
        """The session factory for corrections (`write`) or for everything else (read-only sessions that
        never wait for a writer). The first call opens the database if the app was given an opener: it
        loads the database layer, so it is called from workers (quotes.tui.work), never on the loop."""
        with self._open_lock:
            sessions = self._sessions
            if sessions is None:
                assert self._opener is not None
                try:
                    factory = self._opener()
                except Exception as error:
                    raise OpenFailed(f"could not open {self.database or 'the database'}: {error}") from error
                sessions = self._sessions = self._with_reader(factory)
        return sessions[0 if write else 1]

    @staticmethod
    def _with_reader(factory: sessionmaker[Session]) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
        from quotes.db.engine import make_session_factory

        return factory, make_session_factory(factory.kw["bind"], read_only=True)

    def get_default_screen(self) -> Screen[None]:
        return BrowseScreen()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_search(self) -> None:
        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen())

    def action_export(self) -> None:
        from quotes.tui.export import export_view
        from quotes.tui.widgets.quotes_table import QuotesTable

        tables = self.screen.query(QuotesTable)
        export_view(self, tables.first().query_shown if tables else None, self.database)

    def action_check(self) -> None:
        from quotes.tui.screens.check import CheckScreen

        if not isinstance(self.screen, CheckScreen):
            self.push_screen(CheckScreen())

    @on(MergePreview)
    def _confirm_merge(self, event: MergePreview) -> None:
        corrections.confirm_merge(self, event)

    @on(Corrected)
    def _corrected(self, event: Corrected) -> None:
        self.notify(event.message, title="Done", markup=False)
        for screen in self.screen_stack:
            reload = getattr(screen, "reload", None)
            if reload is not None:
                reload()

    @on(Exported)
    def _exported(self, event: Exported) -> None:
        self.notify(event.message, title="Exported", markup=False)

    @on(WorkFailed)
    def _failed(self, event: WorkFailed) -> None:
        self.notify(event.message, title="Could not do that", severity="error", markup=False)
