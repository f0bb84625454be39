"""The first screen of an empty database: how to store articles, and the sample articles a key away."""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy.orm import Session
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from quotes.db.ingest import IngestReport
from quotes.db.seed import seed
from quotes.tui.messages import Seeded, WorkFailed
from quotes.tui.work import run_db, session_factory

HOW_TO = Content.assemble(
    ("This database has no articles yet.\n\n", "bold"),
    "Store articles from a shell, then open the UI again:\n\n",
    ("  quotes ingest articles/ more.jsonl\n\n", "bold $accent"),
    ".txt files (the first line is the headline), .jsonl files (one JSON object per line with a \"text\"),\n"
    "or folders of them. Or load the sample articles now:",
)


class EmptyScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "load", "Load samples", id="empty.load", tooltip="Store the sample articles (quotes seed)"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="empty-box"):
            yield Static(HOW_TO, id="empty-text")
            with Center():
                yield Button(Content("Load the sample articles (l)"), variant="primary", id="load-samples")
            yield Static(id="empty-status")
        yield Footer()

    @on(Button.Pressed, "#load-samples")
    def _pressed(self) -> None:
        self.action_load()

    def action_load(self) -> None:
        factory = session_factory(self, write=True)
        self.query_one("#empty-status", Static).update(Content("Loading the sample articles..."))
        self.query_one(Button).disabled = True

        def work(_session: Session) -> Seeded:
            report = IngestReport()
            for outcome in seed(factory):
                report.record(outcome)
            return Seeded(report.summary(), bool(report.failures))

        run_db(self, "seed", work)

    @on(Seeded)
    def _seeded(self, event: Seeded) -> None:
        self.notify(event.summary, markup=False, severity="error" if event.failed else "information")
        self.dismiss()
        for screen in self.app.screen_stack:
            reload = getattr(screen, "reload", None)
            if reload is not None:
                reload()

    @on(WorkFailed)
    def _failed(self, event: WorkFailed) -> None:
        self.query_one(Button).disabled = False
        self.query_one("#empty-status", Static).update(Content(f"Could not load them: {event.message}"))
