"""The main screen: speakers and articles on the left, the quotes of the one chosen on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

from quotes.db.queries import QuoteQuery, QuoteSort
from quotes.tui import corrections
from quotes.tui.messages import DatabaseChecked
from quotes.tui.safe import visible
from quotes.tui.widgets.panes import ArticlesPane, SpeakersPane
from quotes.tui.widgets.quotes_table import QuotesTable
from quotes.tui.work import run_db

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

DEFAULT_KINDS = ("speech", "partial", "nested", "unclosed")  # as the CLI: terms are not quotations


def speaker_query(speaker_id: int) -> QuoteQuery:
    """A speaker's quotes, most recently stored first: what came in last (usually the latest news) on
    top, read from the index of the speaker's attributions, so even 100,000 quotes open at once. Every
    kind the speaker is credited with (a scare quote credited to them shows as a term), so the total is
    the kept count the speakers pane shows, read at once instead of counted."""
    return QuoteQuery(speaker_id=speaker_id, sort=QuoteSort.STORED, descending=True)


def has_articles(session: Session) -> bool:
    """Whether any article is stored (one index entry read, where counting them reads them all)."""
    from sqlalchemy import select

    from quotes.db.models import Article

    return session.execute(select(Article.id).limit(1)).first() is not None


class BrowseScreen(Screen[None]):
    """Browse by speaker or by article; Enter on a quote opens it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "tab('speakers-tab')", "Speakers", id="browse.speakers", tooltip="Show the speakers"),
        Binding("2", "tab('articles-tab')", "Articles", id="browse.articles", tooltip="Show the articles"),
        Binding("ctrl+b", "toggle_sidebar", "Sidebar", id="browse.sidebar", tooltip="Hide or show the sidebar"),
        Binding("v", "read", "Read", id="browse.read", tooltip="Read the article of the quote or article"),
        Binding("p", "profile", "Profile", id="browse.profile", tooltip="The speaker's profile"),
        Binding("r", "reassign", "Reassign", id="browse.reassign", tooltip="Say who said the quote"),
        Binding("R", "rename", "Rename", id="browse.rename", tooltip="Rename the speaker", show=False),
        Binding("m", "merge", "Merge", id="browse.merge", tooltip="Merge a speaker into this one", show=False),
        Binding("A", "anonymous", "Anon", id="browse.anonymous", tooltip="Mark anonymous or not", show=False),
        Binding("K", "kind", "Kind", id="browse.kind", tooltip="Change the speaker's kind", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="browse")
        self.shown_speaker: tuple[int, str] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            with Vertical(id="sidebar"), TabbedContent(id="sidebar-tabs"):
                with TabPane("Speakers", id="speakers-tab"):
                    yield SpeakersPane()
                with TabPane("Articles", id="articles-tab"):
                    yield ArticlesPane()
            with Vertical(id="quotes-pane"):
                yield Static(Content("All quotes"), id="quotes-title")
                yield QuotesTable(id="quotes-table")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(SpeakersPane).table.focus()
        self.call_after_refresh(self.first_read)  # paint first, then read

    def first_read(self) -> None:
        self.show_quotes(QuoteQuery(kinds=DEFAULT_KINDS), Content("All quotes"))
        run_db(self, "count", lambda session: DatabaseChecked(has_articles(session)))

    @on(DatabaseChecked)
    def _checked(self, event: DatabaseChecked) -> None:
        if not event.has_articles:
            from quotes.tui.screens.empty import EmptyScreen

            self.app.push_screen(EmptyScreen())

    @property
    def quotes(self) -> QuotesTable:
        return self.query_one(QuotesTable)

    def show_quotes(self, query: QuoteQuery, title: Content, *, focus: bool = False) -> None:
        """Show `query`'s quotes on the right; with `focus`, the quotes take the focus once drawn."""
        self.quote_title = title
        self.query_one("#quotes-title", Static).update(title, layout=False)
        self.quotes.show(query, focus=focus)

    def show_speaker(self, speaker_id: int, name: str) -> None:
        self.shown_speaker = (speaker_id, name)
        title = Content.assemble("Quotes by ", (visible(name), "bold"))
        self.show_quotes(speaker_query(speaker_id), title, focus=True)

    def show_article(self, article_id: int, title: str) -> None:
        heading = Content.assemble("Quotes in ", (visible(title), "bold"))
        self.show_quotes(QuoteQuery(article_id=article_id, kinds=DEFAULT_KINDS), heading, focus=True)

    @on(QuotesTable.Counted)
    def _counted_quotes(self, event: QuotesTable.Counted) -> None:
        title = Content.assemble(self.quote_title, f"  \u00b7 {event.total} quotes \u00b7 {self.quotes.sort_label()}")
        self.query_one("#quotes-title", Static).update(title, layout=False)

    @on(SpeakersPane.Chosen)
    def _speaker_chosen(self, event: SpeakersPane.Chosen) -> None:
        self.show_speaker(event.speaker_id, event.name)

    @on(ArticlesPane.Chosen)
    def _article_chosen(self, event: ArticlesPane.Chosen) -> None:
        self.show_article(event.article_id, event.title)

    @on(QuotesTable.Chosen)
    def _quote_chosen(self, event: QuotesTable.Chosen) -> None:
        from quotes.tui.screens.detail import DetailScreen

        self.app.push_screen(DetailScreen(event.quote_id))

    def reload(self) -> None:
        """Read everything again after a correction."""
        self.query_one(SpeakersPane).reload()
        self.query_one(ArticlesPane).reload()
        self.quotes.reload()

    @on(TabbedContent.TabActivated, "#sidebar-tabs")
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "articles-tab":
            self.query_one(ArticlesPane).read_once()

    def action_toggle_sidebar(self) -> None:
        self.toggle_class("-no-sidebar")

    def action_tab(self, tab: str) -> None:
        self.remove_class("-no-sidebar")
        self.query_one(TabbedContent).active = tab
        pane: SpeakersPane | ArticlesPane = (
            self.query_one(SpeakersPane) if tab == "speakers-tab" else self.query_one(ArticlesPane)
        )
        pane.table.focus()

    def _focused_speaker(self) -> tuple[int, str, bool, str] | None:
        """The speaker a key acts on: the highlighted one in the speakers pane, else the one shown."""
        row = self.query_one(SpeakersPane).highlighted()
        if row is not None:
            return row.id, row.name, row.anonymous, row.kind
        return None

    def action_read(self) -> None:
        from quotes.tui.screens.reader import ReaderScreen

        if self.query_one(TabbedContent).active == "articles-tab" and not self.quotes.has_focus:
            article_id = self.query_one(ArticlesPane).highlighted_id()
            if article_id is not None:
                self.app.push_screen(ReaderScreen(article_id))
            return
        quote_id = self.quotes.current_quote_id()
        if quote_id is not None:
            self.app.push_screen(ReaderScreen(self.quotes.article_of[quote_id], quote_id=quote_id))

    def action_profile(self) -> None:
        from quotes.tui.screens.profile import ProfileScreen

        speaker = self._focused_speaker()
        if speaker is not None:
            self.app.push_screen(ProfileScreen(speaker[0]))

    def action_reassign(self) -> None:
        quote_id = self.quotes.current_quote_id()
        if quote_id is not None:
            corrections.reassign(self.app, quote_id)

    def action_rename(self) -> None:
        if speaker := self._focused_speaker():
            corrections.rename(self.app, speaker[0], speaker[1])

    def action_merge(self) -> None:
        if speaker := self._focused_speaker():
            corrections.merge(self.app, speaker[0], speaker[1])

    def action_anonymous(self) -> None:
        if speaker := self._focused_speaker():
            corrections.toggle_anonymous(self.app, speaker[0], speaker[2])

    def action_kind(self) -> None:
        if speaker := self._focused_speaker():
            corrections.change_kind(self.app, speaker[0], speaker[1], speaker[3])
