"""Check an attribution (`c`): paste a quote and, if known, who said it; see the verdict, the evidence,
the word diff and where the words travelled, as `quotes check` reports them (same function, same result).

The check runs in a thread worker on a read-only session; a newer check replaces one still running.
"""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy.orm import Session
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Static, TextArea

from quotes.check.verify import CheckResult, ClaimError, check_claim
from quotes.tui.messages import Checked
from quotes.tui.safe import cell
from quotes.tui.verdict import diff_content, evidence_content, searched_content, travel_marks, verdict_content
from quotes.tui.widgets.paged_table import Column, FittedTable
from quotes.tui.work import run_db

EMPTY_CLAIM = "Paste or type the quote to check first (the speaker is optional)."
TRAVEL_COLUMNS = (
    Column("Date", "date", 10),
    Column("Outlet", "outlet", share=0.15, narrow=False),
    Column("Speaker", "speaker", share=0.2),
    Column("Status", "status", 16),
    Column("Quote", "quote", share=0.35, narrow=False),
    Column("Changes", "marks", share=0.3),
)
CARDS = ("check-verdict", "check-evidence", "check-diff", "check-searched")


class CheckScreen(Screen[None]):
    """A claim and a speaker in, the sources' verdict out; Enter on an appearance opens that quote."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="check.back", tooltip="Back"),
        Binding(
            "ctrl+r,ctrl+enter", "run_check", "Run check", id="check.run", priority=True,
            tooltip="Check the quote against every stored quote",
        ),
    ]

    def __init__(self, claim: str = "", speaker: str = "") -> None:
        super().__init__(classes="check")
        self.initial = (claim, speaker)
        self.result: CheckResult | None = None
        self.checking: tuple[str, str | None] | None = None  # the claim and speaker of the check under way

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="check-body"):
            yield TextArea(self.initial[0], id="check-claim", soft_wrap=True, show_line_numbers=False)
            with Horizontal(id="check-form"):
                yield Input(self.initial[1], placeholder="Speaker (optional): a name, a surname or #ID", id="check-speaker")
                yield Button("Check", id="check-run", variant="primary")
            yield Static(Content("Paste a quote, then ctrl+r (or the Check button)."), id="check-status")
            for card in CARDS:
                yield Static(id=card, classes="card")
            yield FittedTable(TRAVEL_COLUMNS, narrow_below=100, id="check-travel")
        yield Footer()

    def on_mount(self) -> None:
        titles = {"check-verdict": "Verdict", "check-evidence": "Evidence", "check-diff": "Word diff",
                  "check-searched": "What was searched"}  # fmt: skip
        for card, title in titles.items():
            widget = self.query_one(f"#{card}", Static)
            widget.border_title = Content(title)
            widget.display = False
        self.query_one("#check-claim").border_title = Content("Quote to check")
        travel = self.query_one("#check-travel", DataTable)
        travel.border_title = Content("Where the words travelled (earliest first)")
        travel.display = False
        self.query_one("#check-claim", TextArea).focus()
        if self.initial[0].strip():
            self.action_run_check()

    def action_run_check(self) -> None:
        claim = self.query_one("#check-claim", TextArea).text
        speaker = self.query_one("#check-speaker", Input).value.strip() or None
        status = self.query_one("#check-status", Static)
        if not claim.strip():
            self._show(None)
            status.update(Content.styled(EMPTY_CLAIM, "bold $error"))
            return
        self.checking = (claim, speaker)
        status.update(Content("Checking\u2026"))

        def work(session: Session) -> Checked:
            try:
                return Checked(claim, speaker, check_claim(session, claim, speaker), None)
            except ClaimError as error:
                return Checked(claim, speaker, None, str(error))

        run_db(self, "check", work)

    @on(Button.Pressed, "#check-run")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_run_check()

    @on(Input.Submitted, "#check-speaker")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_run_check()

    @on(Checked)
    def _checked(self, event: Checked) -> None:
        if (event.claim, event.speaker) != self.checking:
            return  # an older check: a newer one is under way
        self.checking = None
        status = self.query_one("#check-status", Static)
        if event.error is not None:
            self._show(None)
            status.update(Content.assemble(("Cannot check this: ", "bold $error"), event.error))
            return
        self._show(event.result)
        result = event.result
        assert result is not None
        status.update(Content.assemble("Checked. Exit status of ", ("quotes check", "bold"), f": {result.exit_code}"))

    def _show(self, result: CheckResult | None) -> None:
        self.result = result
        shown = {
            "check-verdict": verdict_content(result) if result else None,
            "check-evidence": evidence_content(result) if result else None,
            "check-diff": diff_content(result) if result else None,
            "check-searched": searched_content(result) if result else None,
        }
        for card, body in shown.items():
            widget = self.query_one(f"#{card}", Static)
            widget.display = body is not None
            widget.update(body or "")
        travel = self.query_one("#check-travel", DataTable)
        travel.clear()
        rows = result.travel if result else ()
        travel.display = bool(rows)
        for appearance in rows:
            travel.add_row(
                appearance.date.isoformat(), cell(appearance.outlet, empty="(no outlet)"),
                cell(appearance.speaker, empty="(unresolved)"), str(appearance.status), cell(appearance.text),
                travel_marks(appearance.cited, appearance.wording_changed, appearance.speaker_changed),
                key=str(appearance.quote_id),
            )  # fmt: skip
        if result is not None:
            self.query_one("#check-body", VerticalScroll).scroll_home(animate=False)

    @on(DataTable.RowSelected, "#check-travel")
    def _appearance_chosen(self, event: DataTable.RowSelected) -> None:
        from quotes.tui.screens.detail import DetailScreen

        if event.row_key.value is not None:
            self.app.push_screen(DetailScreen(int(event.row_key.value)))
