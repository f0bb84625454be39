"""One quote in full: in its paragraph with the speaker's mention and the cue verb marked, how it was
attributed and what that means, who the speaker is, and the speaker's other quotes."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from quotes.db.quote_detail import QuoteDetail, quote_detail
from quotes.tui import corrections
from quotes.tui.explain import confidence_meaning, method_meaning
from quotes.tui.messages import DetailLoaded
from quotes.tui.safe import cell, content, highlighted, one_line, visible
from quotes.tui.widgets.paged_table import Column, FittedTable
from quotes.tui.work import run_db

OTHER_COLUMNS = (
    Column("Other quote", "quote", share=0.7),
    Column("Article", "article", share=0.3, narrow=False),
    Column("Date", "date", 10),
)
QUOTE_STYLE = "bold on $primary 30%"
MENTION_STYLE = "bold underline $success"
CUE_STYLE = "italic underline $warning"


def paragraph_content(detail: QuoteDetail) -> Content:
    row, base = detail.row, detail.paragraph_start
    spans = [(row.start - base, row.end - base, QUOTE_STYLE)]
    if row.mention_start is not None and row.mention_end is not None:
        spans.append((row.mention_start - base, row.mention_end - base, MENTION_STYLE))
    if row.cue_start is not None and row.cue_end is not None:
        spans.append((row.cue_start - base, row.cue_end - base, CUE_STYLE))
    return highlighted(detail.paragraph_text, spans)


def attribution_content(detail: QuoteDetail) -> Content:
    row = detail.row
    confidence = "-" if row.confidence is None else f"{row.confidence:.2f}"
    by_hand = "  (set by hand)" if row.origin == "manual" else ""
    return Content.assemble(
        ("Speaker     ", "bold"),
        (visible(row.speaker), MENTION_STYLE) if row.speaker else ("unresolved", "italic $error"),
        by_hand,
        "\n",
        ("Mention     ", "bold"),
        visible(row.mention or "-"),
        ("   Cue ", "bold"),
        visible(row.cue or "-"),
        "\n",
        ("Method      ", "bold"),
        f"{row.method or '-'}: {method_meaning(row.method)}\n",
        ("Confidence  ", "bold"),
        f"{confidence}: {confidence_meaning(row.confidence)}\n",
        ("Kind        ", "bold"),
        row.kind,
    )


def speaker_content(detail: QuoteDetail) -> Content:
    speaker = detail.speaker
    if speaker is None:
        return Content("No speaker: press r to say who said it.")
    return Content.assemble(
        (visible(speaker.name), "bold"),
        f"  #{speaker.id} \u00b7 {speaker.kind}",
        ("  \u00b7 anonymous" if speaker.anonymous else ""),
        "\n",
        ("Roles    ", "bold"),
        visible("; ".join(speaker.roles) or "-"),
        "\n",
        ("Aliases  ", "bold"),
        visible("; ".join(speaker.aliases) or "-"),
    )


class DetailScreen(Screen[None]):
    """A quote in its paragraph, with its attribution explained."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="detail.back", tooltip="Back to the list"),
        Binding("v", "read", "Read article", id="detail.read", tooltip="Read the article, at this quote"),
        Binding("o", "others", "Speaker's quotes", id="detail.others", tooltip="All quotes by this speaker"),
        Binding("p", "profile", "Profile", id="detail.profile", tooltip="The speaker's profile"),
        Binding("r", "reassign", "Reassign", id="detail.reassign", tooltip="Say who said this quote"),
        Binding("c", "check", "Check", id="detail.check", tooltip="Check this quote and its speaker against the sources"),
    ]

    def __init__(self, quote_id: int) -> None:
        super().__init__(classes="detail")
        self.quote_id = quote_id
        self.detail: QuoteDetail | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="detail-body"):
            yield Static(id="detail-paragraph", classes="card")
            yield Static(id="detail-attribution", classes="card")
            yield Static(id="detail-speaker", classes="card")
            yield FittedTable(OTHER_COLUMNS, narrow_below=60, id="other-quotes")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#detail-paragraph").border_title = Content("In its paragraph")
        self.query_one("#detail-attribution").border_title = Content("Attribution")
        self.query_one("#detail-speaker").border_title = Content("Speaker")
        self.reload()

    def reload(self) -> None:
        quote_id = self.quote_id
        run_db(self, "detail", lambda session: DetailLoaded(quote_id, quote_detail(session, quote_id)))

    @on(DetailLoaded)
    def _loaded(self, event: DetailLoaded) -> None:
        detail = self.detail = event.detail
        if detail is None:
            self.query_one("#detail-paragraph", Static).update(Content(f"Quote #{event.quote_id} is gone."))
            return
        row = detail.row
        self.sub_title = f"quote #{row.id}"
        paragraph = self.query_one("#detail-paragraph", Static)
        paragraph.border_title = Content.assemble(
            "Quote #", str(row.id), " in ", content(row.article_title, empty=f"article {row.article_id}"),
            f" \u00b7 {row.article_date.isoformat()}",
        )
        paragraph.update(paragraph_content(detail))
        self.query_one("#detail-attribution", Static).update(attribution_content(detail))
        self.query_one("#detail-speaker", Static).update(speaker_content(detail))
        table = self.query_one("#other-quotes", DataTable)
        table.clear()
        table.border_title = Content(f"Other quotes by this speaker ({detail.other_total})")
        for other in detail.other_quotes:
            table.add_row(
                cell(one_line(other.text)), cell(other.article_title), other.article_date.isoformat(),
                key=str(other.id),
            )

    @on(DataTable.RowSelected, "#other-quotes")
    def _other_chosen(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.app.push_screen(DetailScreen(int(event.row_key.value)))

    def action_read(self) -> None:
        from quotes.tui.screens.reader import ReaderScreen

        if self.detail is not None:
            self.app.push_screen(ReaderScreen(self.detail.row.article_id, quote_id=self.quote_id))

    def action_others(self) -> None:
        from quotes.tui.screens.browse import BrowseScreen

        if self.detail is None or self.detail.speaker is None:
            return
        speaker = self.detail.speaker
        while len(self.app.screen_stack) > 1 and not isinstance(self.app.screen, BrowseScreen):
            self.app.pop_screen()
        if isinstance(self.app.screen, BrowseScreen):
            self.app.screen.show_speaker(speaker.id, speaker.name)

    def action_profile(self) -> None:
        from quotes.tui.screens.profile import ProfileScreen

        if self.detail is not None and self.detail.speaker is not None:
            self.app.push_screen(ProfileScreen(self.detail.speaker.id))

    def action_check(self) -> None:
        from quotes.tui.screens.check import CheckScreen

        if self.detail is not None:
            row = self.detail.row
            self.app.push_screen(CheckScreen(row.text, row.speaker or ""))

    def action_reassign(self) -> None:
        corrections.reassign(self.app, self.quote_id)
