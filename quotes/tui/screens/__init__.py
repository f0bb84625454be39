"""The screens of `quotes tui`."""
