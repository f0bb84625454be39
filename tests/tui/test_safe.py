"""Untrusted text made visible: markup stays text, controls and bidi marks become stand-ins."""

from __future__ import annotations

import pytest

from quotes.tui.safe import cell, content, highlighted, one_line, visible


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("[bold]x[/bold] [/i]", "[bold]x[/bold] [/i]"),
        ("[@click=app.quit]budget[/]", "[@click=app.quit]budget[/]"),
        ("a\x1b[2Jb", "a\u241b[2Jb"),
        ("bell\x07", "bell\u2407"),
        ("nul\x00", "nul\u2400"),
        ("del\x7f", "del\u2421"),
        ("next\x85line", "next\\x85line"),
        ("csi\x9b31m", "csi\\x9b31m"),
        ("\u202eevil\u202c", "\\u202eevil\\u202c"),
        ("\u2066iso\u2069 \u200f", "\\u2066iso\\u2069 \\u200f"),
        ("two\nlines\tand tab", "two\u240alines\u2409and tab"),
        ("Zoë “curly” – ok", "Zoë “curly” – ok"),
    ],
)
def test_visible(text: str, shown: str) -> None:
    assert visible(text) == shown
    assert content(text).plain == shown
    assert cell(text).plain == shown


def test_visible_keeps_lines_when_asked() -> None:
    assert visible("a\n\nb\tc\x1b", keep_lines=True) == "a\n\nb\tc\u241b"


def test_one_line_collapses_breaks_but_keeps_other_controls() -> None:
    assert one_line("one\n\n two\x85 three") == "one two\x85 three"
    assert one_line("x" * 300, limit=10) == "x" * 9 + "\u2026"


def test_highlighted_places_styles_by_stored_offsets_even_past_a_wide_control() -> None:
    text = "a\u202eb [x] c"
    shown = highlighted(text, [(3, 8, "bold"), (0, 1, "italic")])
    assert shown.plain == "a\\u202eb [x] c"
    styled = {(span.start, span.end, str(span.style)) for span in shown.spans}
    assert (0, 1, "italic") in styled
    assert (8, 13, "bold") in styled and shown.plain[8:13] == " [x] "  # stored [3, 8) after a 6-wide \u202e
