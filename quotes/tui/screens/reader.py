"""The reader: a whole article with every quote marked in its speaker's colour and labelled, a legend,
unresolved quotes flagged; n and p move from quote to quote, Enter opens the current one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from quotes.db.articles import ArticleView, article_view
from quotes.db.repo import QuoteRow
from quotes.tui.messages import ArticleLoaded
from quotes.tui.safe import content, highlighted, visible
from quotes.tui.work import run_db

COLOURS = ("$primary", "$secondary", "$accent", "$success", "$warning", "#5fafd7", "#d787af", "#87af5f")
UNRESOLVED = "$error"
TERM_STYLE = "italic"
CLOSING_MARKS = "\"'\u2019\u201d\u00bb\u203a"  # a label goes after the quote's closing mark


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int


def paragraphs(text: str) -> list[Paragraph]:
    """The article's paragraphs (split at blank lines), with offsets into the text."""
    found, start = [], 0
    while start <= len(text):
        end = text.find("\n\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            found.append(Paragraph(start, end))
        start = end + 2
    return found


class ReaderScreen(Screen[None]):
    """One article, every quote marked: what the parser found and what it missed, at a glance."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="reader.back", tooltip="Back"),
        Binding("n", "move(1)", "Next quote", id="reader.next", tooltip="Go to the next quote"),
        Binding("p", "move(-1)", "Previous", id="reader.previous", tooltip="Go to the previous quote"),
        Binding("enter", "open", "Open quote", id="reader.open", tooltip="Open the current quote"),
    ]

    def __init__(self, article_id: int, *, quote_id: int | None = None) -> None:
        super().__init__(classes="reader")
        self.article_id = article_id
        self.start_quote = quote_id
        self.view: ArticleView | None = None
        self.colours: dict[int, str] = {}
        self.quotes: list[QuoteRow] = []  # the quotes n and p move through (terms left out)
        self.current = -1
        self.blocks: list[Paragraph] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="legend")
        yield VerticalScroll(id="article-text")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        article_id = self.article_id
        run_db(self, "article", lambda session: ArticleLoaded(article_id, article_view(session, article_id)))

    @on(ArticleLoaded)
    async def _loaded(self, event: ArticleLoaded) -> None:
        view = self.view = event.view
        body = self.query_one("#article-text", VerticalScroll)
        await body.remove_children()
        if view is None:
            await body.mount(Static(Content(f"Article {event.article_id} is gone.")))
            return
        self.sub_title = f"article {view.article.id}"
        self.colours = {sid: COLOURS[i % len(COLOURS)] for i, sid in enumerate(view.speaker_ids)}
        self.quotes = [q for q in view.quotes if q.kind != "term"]
        ids = [q.id for q in self.quotes]
        self.current = ids.index(self.start_quote) if self.start_quote in ids else -1
        self.query_one("#legend", Static).update(self.legend(view))
        title = Static(content(view.article.title, "bold", empty="(untitled)"), classes="article-title")
        meta = " \u00b7 ".join(
            part for part in (view.article.outlet, view.article.day.isoformat(), view.source) if part
        )
        self.blocks = paragraphs(view.text)
        widgets = [title, Static(content(meta), classes="article-meta")]
        widgets += [Static(self.render_block(block), classes="paragraph") for block in self.blocks]
        await body.mount_all(widgets)
        if self.current >= 0:
            self.call_after_refresh(self.scroll_to_current)

    def legend(self, view: ArticleView) -> Content:
        counts: dict[int | None, int] = {}
        names: dict[int, str] = {}
        for quote in self.quotes:
            counts[quote.speaker_id] = counts.get(quote.speaker_id, 0) + 1
            if quote.speaker_id is not None:
                names[quote.speaker_id] = quote.speaker or f"#{quote.speaker_id}"
        parts: list[Content | str | tuple[str, str]] = [(f"{len(self.quotes)} quotes  ", "bold")]
        for speaker_id, colour in self.colours.items():
            parts += [("\u25a0 ", colour), f"{visible(names.get(speaker_id, '?'))} ({counts.get(speaker_id, 0)})  "]
        if counts.get(None):
            parts += [("\u25a0 ", UNRESOLVED), ("unresolved", f"underline {UNRESOLVED}"), f" ({counts[None]})"]
        return Content.assemble(*parts)

    def render_block(self, block: Paragraph) -> Content:
        """A paragraph with its quotes in their speakers' colours, each followed by its speaker's name."""
        assert self.view is not None
        text = self.view.text
        inside = [q for q in self.view.quotes if q.start < block.end and q.end > block.start]
        current = self.quotes[self.current].id if self.current >= 0 else None
        spans = [(q.start, q.end, self.quote_style(q, q.id == current)) for q in inside]
        pieces: list[Content] = []
        cut = block.start
        for quote in sorted((q for q in inside if q.kind != "term"), key=lambda q: q.end):
            end = min(quote.end, block.end)
            while end < block.end and text[end] in CLOSING_MARKS:
                end += 1
            end = max(end, cut)
            if end > cut:
                pieces.append(self.slice(text, cut, end, spans))
                cut = end
            pieces.append(self.label(quote))
        if block.end > cut:
            pieces.append(self.slice(text, cut, block.end, spans))
        return Content("").join(pieces)

    @staticmethod
    def slice(text: str, left: int, right: int, spans: list[tuple[int, int, str]]) -> Content:
        return highlighted(text[left:right], [(s - left, e - left, style) for s, e, style in spans])

    def quote_style(self, quote: QuoteRow, is_current: bool) -> str:
        if quote.kind == "term":
            return TERM_STYLE
        if quote.speaker_id is None:
            style = f"underline on {UNRESOLVED} 25%"
        else:
            style = f"on {self.colours.get(quote.speaker_id, COLOURS[0])} 30%"
        return f"{style} reverse" if is_current else style

    def label(self, quote: QuoteRow) -> Content:
        if quote.speaker_id is None:
            return Content.styled(" \u27e8unresolved\u27e9", f"bold {UNRESOLVED}")
        colour = self.colours.get(quote.speaker_id, COLOURS[0])
        return Content.styled(f" \u27e8{visible(quote.speaker or '?')}\u27e9", f"bold {colour}")

    def block_of(self, quote: QuoteRow) -> int:
        return next((i for i, b in enumerate(self.blocks) if b.start <= quote.start < b.end), 0)

    def repaint(self, quote_index: int) -> None:
        if 0 <= quote_index < len(self.quotes):
            index = self.block_of(self.quotes[quote_index])
            widget = self.query(".paragraph")[index]
            if isinstance(widget, Static):
                widget.update(self.render_block(self.blocks[index]))

    def scroll_to_current(self) -> None:
        if 0 <= self.current < len(self.quotes):
            widget = self.query(".paragraph")[self.block_of(self.quotes[self.current])]
            self.query_one("#article-text", VerticalScroll).scroll_to_widget(widget, animate=False, top=True)

    def action_move(self, step: int) -> None:
        if not self.quotes:
            return
        before = self.current
        self.current = max(0, min(len(self.quotes) - 1, self.current + step if before >= 0 else 0))
        self.repaint(before)
        self.repaint(self.current)
        self.scroll_to_current()
        quote = self.quotes[self.current]
        self.sub_title = f"quote {self.current + 1} of {len(self.quotes)} (#{quote.id})"

    def action_open(self) -> None:
        from quotes.tui.screens.detail import DetailScreen

        if 0 <= self.current < len(self.quotes):
            self.app.push_screen(DetailScreen(self.quotes[self.current].id))
