"""The help screen (`?`): every key of every screen."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Everywhere",
        (
            ("?", "this help"),
            ("/", "search quote text (Escape leaves the search)"),
            ("ctrl+p", "command palette: jump to any speaker or article"),
            ("escape", "back"),
            ("x", "export the quotes on screen as a quote sheet (.md, .html, .csv, .json, .jsonl)"),
            ("c", "check a quote: paste it and who said it; see the verdict, evidence and where it travelled"),
            ("ctrl+q", "quit"),
        ),
    ),
    (
        "Browse (speakers, articles, quotes)",
        (
            ("1 / 2", "speakers / articles pane; type in the filter box to narrow the list"),
            ("o", "order the pane: speakers by name or count, articles by date or title"),
            ("enter", "show the quotes of the speaker or article; on a quote, open it"),
            ("s / S", "sort the quotes by the next column / reverse (or click a column header)"),
            ("v", "read the article of the quote (or the highlighted article)"),
            ("p", "profile of the highlighted speaker"),
            ("r", "reassign the highlighted quote to another speaker"),
            ("R / m / A / K", "rename, merge into, mark anonymous, change kind of the highlighted speaker"),
        ),
    ),
    (
        "Quote",
        (
            ("v", "read the article at this quote"),
            ("o", "all quotes by this speaker"),
            ("p", "the speaker's profile"),
            ("r", "reassign the quote"),
            ("c", "check this quote and its speaker against the sources"),
        ),
    ),
    ("Reader", (("n / p", "next / previous quote"), ("enter", "open the current quote"))),
    ("Speaker profile", (("o", "the speaker's quotes"), ("R / m / A / K", "rename, merge, anonymous, kind"))),
    (
        "Check",
        (
            ("ctrl+r", "check (or ctrl+enter where the terminal sends it, Enter in the speaker box, the button)"),
            ("tab", "from the quote to the speaker box and the button"),
            ("enter", "in the list of where the words travelled: open that quote"),
        ),
    ),
)


def help_content() -> Content:
    parts: list[str | tuple[str, str]] = []
    for title, keys in SECTIONS:
        parts.append((f"{title}\n", "bold underline"))
        for key, meaning in keys:
            parts += [(f"  {key:<16}", "bold $accent"), f"{meaning}\n"]
        parts.append("\n")
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close", id="help.close", tooltip="Close the help"),
        Binding("question_mark", "dismiss", "Close", id="help.close2", tooltip="Close the help", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(help_content(), id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = Content("Keys")
