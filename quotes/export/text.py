"""Text as quote sheets show it: control and bidi characters made visible, the sentence around a quote,
and a link target that is safe to follow. Shared by every format so they agree on what a field says."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from quotes.parse import patterns

CONTEXT_LIMIT = 600  # characters of context shown around a quote; longer sentences are cut, marked with …
_ELLIPSIS = "\u2026"
# C0 controls but tab and newline, DEL, C1 controls, and the bidi marks that can reorder a line
_UNSAFE = regex.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# a period that does not end a sentence: after an initial ("J.") or a short title ("Sen.", "Dr.")
_NOT_AN_END = regex.compile(
    r"(?:\b\p{Lu}|\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|St|Jr|Sr|Rev))\.\Z"
)
_SAFE_URL = regex.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+\Z", regex.IGNORECASE)


def _escape(match: regex.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with control characters (C0 but tab and newline, DEL, C1) and bidi controls written as
    `\\x1b` / `\\u202e` escapes: what md, html and csv sheets show, so no reader or terminal acts on them."""
    return _UNSAFE.sub(_escape, text)


def visible_or_none(text: str | None) -> str | None:
    return None if text is None else visible(text)


def safe_url(url: str | None) -> str | None:
    """`url` when it is a plain http(s) address a sheet may link to, else None (then shown as text only)."""
    if url is None or not _SAFE_URL.match(url):
        return None
    return url


def _is_end(text: str, match: regex.Match[str]) -> bool:
    return not _NOT_AN_END.search(text, max(0, match.start() - 6), match.start() + 1)


def sentence_around(
    text: str, start: int, end: int, *, evidence: Iterable[int | None] = (), limit: int = CONTEXT_LIMIT
) -> str:
    """The sentence(s) of `text` holding the quote at [start, end) and the evidence offsets (its cue and
    mention) that lie on the same line, white space trimmed.

    A sentence ends at . ! ? or … followed by a space and a capital, digit or quotation mark (the parser's
    rule), not after an initial or a short title; ends inside the quote or between it and its evidence are
    ignored. Longer than `limit` characters: cut around the quote, each cut marked with …
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    on_line = [offset for offset in evidence if offset is not None and line_start <= offset <= line_end]
    low, high = min([start, *on_line]), max([end, *on_line])
    left = line_start
    for match in patterns.iter_matches(patterns.SENTENCE_END, text, line_start, min(line_end, low + 1)):
        if match.end() <= low and _is_end(text, match):
            left = match.end()
    right = line_end
    for match in patterns.iter_matches(patterns.SENTENCE_END, text, max(line_start, high - 1), line_end):
        if _is_end(text, match):
            right = match.end()
            break
    while left < low and text[left].isspace():
        left += 1
    while right > high and text[right - 1].isspace():
        right -= 1
    if right - left <= limit:
        return text[left:right]
    room = max(0, limit - (end - start)) // 2
    cut_left, cut_right = max(left, start - room), min(right, end + room)
    head = _ELLIPSIS if cut_left > left else ""
    tail = _ELLIPSIS if cut_right < right else ""
    return head + text[cut_left:cut_right] + tail
