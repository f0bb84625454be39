"""The terminal UI (`quotes tui`): the only package allowed to import Textual and Rich."""
