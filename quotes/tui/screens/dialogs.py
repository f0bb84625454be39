"""Small modal screens: ask for a line of text, confirm a change, pick one of a few choices."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

CANCEL = Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Close without changing anything")


class PromptScreen(ModalScreen[str | None]):
    """One line of text; Enter gives it, Escape gives None."""

    BINDINGS: ClassVar[list[BindingType]] = [CANCEL]

    def __init__(self, question: Content, *, value: str = "", placeholder: str = "") -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.question, classes="dialog-question")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static(Content("Enter to apply, Escape to cancel"), classes="dialog-hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A change described in full, applied only on an explicit yes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        CANCEL,
        Binding("y", "confirm", "Yes", id="dialog.yes", tooltip="Make the change"),
        Binding("n", "cancel", "No", id="dialog.no", tooltip="Leave everything as it is"),
    ]

    def __init__(self, message: Content, *, action: str = "Apply") -> None:
        super().__init__(classes="dialog")
        self.message = message
        self.action_label = action

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.message, classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(f"{self.action_label} (y)"), variant="warning", id="confirm")
                yield Button(Content("Cancel (n)"), id="cancel")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class ChoiceScreen(ModalScreen[str | None]):
    """Pick one of a few values (a speaker kind)."""

    BINDINGS: ClassVar[list[BindingType]] = [CANCEL]

    def __init__(self, question: Content, choices: tuple[str, ...], *, current: str | None = None) -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.question, classes="dialog-question")
            yield OptionList(*(Option(Content(choice), id=choice) for choice in self.choices))

    def on_mount(self) -> None:
        if self.current in self.choices:
            self.query_one(OptionList).highlighted = self.choices.index(self.current)

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
