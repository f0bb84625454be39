"""A speaker's profile: roles and aliases with where they were seen, and pictures of the quotes over time
(by month of the article's date) and per article."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Sparkline, Static

from quotes.db.profile_views import SeenIn, SpeakerProfile, speaker_profile
from quotes.tui import corrections
from quotes.tui.messages import ProfileLoaded
from quotes.tui.safe import Bar, cell, visible
from quotes.tui.widgets.paged_table import Column, FittedTable
from quotes.tui.work import run_db

ARTICLE_COLUMNS = (
    Column("Article", "title", share=0.6),
    Column("Date", "date", 10),
    Column("Quotes", "quotes", 6),
    Column("", "bar", share=0.4),
)


def provenance_text(items: tuple[SeenIn, ...]) -> str:
    if not items:
        return "-"
    shown = []
    for item in items:
        where = "set by hand" if item.manual else f"{item.articles} article(s)"
        shown.append(f"{item.text} ({where})")
    return "; ".join(shown)


def month_series(by_month: tuple[tuple[str, int], ...]) -> list[float]:
    """Quotes per month from the first month to the last, empty months as zero (a true time axis)."""
    if not by_month:
        return []
    counts = dict(by_month)
    first_year, first_month = map(int, by_month[0][0].split("-"))
    last_year, last_month = map(int, by_month[-1][0].split("-"))
    series = []
    year, month = first_year, first_month
    while (year, month) <= (last_year, last_month):
        series.append(float(counts.get(f"{year:04d}-{month:02d}", 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return series


class ProfileScreen(Screen[None]):
    """Who a speaker is and where they are quoted; the corrections that apply to a speaker."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="profile.back", tooltip="Back"),
        Binding("o", "others", "Quotes", id="profile.quotes", tooltip="All quotes by this speaker"),
        Binding("R", "rename", "Rename", id="profile.rename", tooltip="Give the speaker another name"),
        Binding("m", "merge", "Merge", id="profile.merge", tooltip="Merge another speaker into this one"),
        Binding("A", "anonymous", "Anonymous", id="profile.anonymous", tooltip="Mark anonymous, or not"),
        Binding("K", "kind", "Kind", id="profile.kind", tooltip="Person, group, organisation or unnamed"),
    ]

    def __init__(self, speaker_id: int) -> None:
        super().__init__(classes="profile")
        self.speaker_id = speaker_id
        self.profile: SpeakerProfile | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="profile-body"):
            yield Static(Content("Reading the profile\u2026"), id="profile-who", classes="card")
            with Horizontal(id="profile-month-box", classes="card"):
                yield Sparkline([], id="profile-months")
            yield Static(id="profile-month-axis")
            yield FittedTable(ARTICLE_COLUMNS, id="profile-articles")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#profile-month-box").border_title = Content("Quotes by month")
        self.reload()

    def reload(self) -> None:
        speaker_id = self.speaker_id
        run_db(self, "profile", lambda session: ProfileLoaded(speaker_id, speaker_profile(session, speaker_id)))

    @on(ProfileLoaded)
    def _loaded(self, event: ProfileLoaded) -> None:
        profile = self.profile = event.profile
        who = self.query_one("#profile-who", Static)
        if profile is None:
            who.update(Content(f"Speaker #{event.speaker_id} is gone (merged away?)."))
            return
        summary = profile.summary
        self.sub_title = f"speaker #{summary.id}"
        who.border_title = Content.assemble((visible(summary.name), "bold"), f" #{summary.id}")
        who.update(
            Content.assemble(
                ("Kind      ", "bold"),
                summary.kind + ("  \u00b7 anonymous" if summary.anonymous else ""),
                "\n",
                ("Quotes    ", "bold"),
                f"{summary.quotes} ({summary.speech} speech) in {summary.articles} articles\n",
                ("Roles     ", "bold"),
                visible(provenance_text(profile.roles)),
                "\n",
                ("Aliases   ", "bold"),
                visible(provenance_text(profile.aliases)),
            )
        )
        series = month_series(profile.by_month)
        self.query_one("#profile-months", Sparkline).data = series
        axis = self.query_one("#profile-month-axis", Static)
        if profile.by_month:
            first, last = profile.by_month[0][0], profile.by_month[-1][0]
            busiest = max(profile.by_month, key=lambda item: item[1])
            axis.update(
                Content(f"{first} \u2192 {last} \u00b7 {len(series)} months \u00b7 busiest {busiest[0]}: {busiest[1]}")
            )
        else:
            axis.update(Content("no quotes"))
        table = self.query_one("#profile-articles", DataTable)
        table.clear()
        table.border_title = Content(f"Quotes per article (top {len(profile.by_article)} of {profile.article_total})")
        most = max((a.quotes for a in profile.by_article), default=1)
        for article in profile.by_article:
            table.add_row(
                cell(article.title, empty=f"(article {article.article_id})"),
                article.day.isoformat(),
                str(article.quotes),
                Bar(article.quotes / most, "cyan"),
                key=str(article.article_id),
            )

    @on(DataTable.RowSelected, "#profile-articles")
    def _article_chosen(self, event: DataTable.RowSelected) -> None:
        from quotes.tui.screens.reader import ReaderScreen

        if event.row_key.value is not None:
            self.app.push_screen(ReaderScreen(int(event.row_key.value)))

    def action_others(self) -> None:
        from quotes.tui.screens.browse import BrowseScreen

        if self.profile is None:
            return
        summary = self.profile.summary
        while len(self.app.screen_stack) > 1 and not isinstance(self.app.screen, BrowseScreen):
            self.app.pop_screen()
        if isinstance(self.app.screen, BrowseScreen):
            self.app.screen.show_speaker(summary.id, summary.name)

    def action_rename(self) -> None:
        if self.profile is not None:
            corrections.rename(self.app, self.speaker_id, self.profile.summary.name)

    def action_merge(self) -> None:
        if self.profile is not None:
            corrections.merge(self.app, self.speaker_id, self.profile.summary.name)

    def action_anonymous(self) -> None:
        if self.profile is not None:
            corrections.toggle_anonymous(self.app, self.speaker_id, self.profile.summary.anonymous)

    def action_kind(self) -> None:
        if self.profile is not None:
            corrections.change_kind(self.app, self.speaker_id, self.profile.summary.name, self.profile.summary.kind)
