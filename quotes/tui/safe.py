"""Untrusted text made safe to show: never markup, control and bidi characters as visible stand-ins.

Article text can hold anything. Every widget gets it through these functions, which build Content or
rich Text objects (never markup strings) from a copy whose control characters are replaced by visible
symbols: C0 controls by their Unicode control pictures (ESC -> U+241B), DEL by U+2421, C1 controls and
bidi embedding/override/isolate marks by an escape such as `\\x85` or `\\u202e`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual.content import Content
from textual.style import Style

_C0 = re.compile("[\x00-\x08\x0b-\x1f]")
_C0_ALL = re.compile("[\x00-\x1f]")
_WIDE = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match[str]) -> str:
    return chr(0x2400 + ord(match.group()))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x7F:
        return "\u2421"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, keep_lines: bool = False) -> str:
    """`text` with controls shown as symbols; newlines and tabs kept only with `keep_lines`.

    """
    shown = (_C0 if keep_lines else _C0_ALL).sub(_picture, text)
    return _WIDE.sub(_escape, shown)


def content(text: str | None, style: Style | str = "", *, empty: str = "") -> Content:
    """Content for a Static, Label, OptionList or border title: the text literally, one line."""
    if not text:
        return Content(empty)
    return Content.styled(visible(text), style)


def cell(text: str | None, style: str = "", *, empty: str = "") -> Text:
    """A DataTable cell: rich Text (never markup), one line, cut with an ellipsis."""
    return Text(visible(text) if text else empty, style=style, no_wrap=True, overflow="ellipsis")


_SPACES = re.compile("[ \t\r\n]+")


def one_line(text: str, limit: int = 200) -> str:
    """A long quote squeezed onto one line for a table: spaces and line breaks collapsed, cut at `limit`
    (other controls stay, for `visible` to show)."""
    squeezed = _SPACES.sub(" ", text).strip()
    return squeezed if len(squeezed) <= limit else squeezed[: limit - 1] + "\u2026"


def highlighted(text: str, spans: list[tuple[int, int, str]], *, base: str = "") -> Content:
    """`text` (kept on its lines) with styles over [start, end) spans; overlapping styles combine.

    Each piece between span edges is made visible on its own, so offsets into the stored text place
    the styles even where a control character widens the shown text.
    """
    edges = sorted({0, len(text), *(max(0, min(len(text), edge)) for s, e, _ in spans for edge in (s, e))})
    parts: list[tuple[str, str]] = []
    for left, right in pairwise(edges):
        if left == right:
            continue
        styles = [style for start, end, style in spans if start <= left and right <= end]
        parts.append((visible(text[left:right], keep_lines=True), " ".join([base, *styles]).strip()))
    return Content.assemble(*parts)


class Bar:
    """A horizontal bar for a table cell: `fraction` of whatever width the cell has (at least one block),
    so a narrow terminal shortens the bars instead of cutting them."""

    def __init__(self, fraction: float, style: str = "") -> None:
        self.fraction = max(0.0, min(1.0, fraction))
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        blocks = max(1, round(options.max_width * self.fraction))
        yield Segment("\u2588" * blocks, RichStyle.parse(self.style) if self.style else None)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)
