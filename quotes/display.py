"""Printing for people and tools: untrusted article text never carries terminal escapes or bidi tricks."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quotes.db.repo import QuoteRow

# C0 and C1 controls, DEL, and the bidi embedding/override/isolate marks that can reorder a terminal line
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_KEEP_NEWLINES = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# json.dumps(ensure_ascii=False) escapes C0 controls but leaves these raw; escaping keeps the same value
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with control and bidi characters shown as escapes (`\\x1b`), safe for a terminal."""
    return (_UNSAFE_KEEP_NEWLINES if keep_newlines else _UNSAFE).sub(_escape, text)


def json_text(value: Any, *, indent: int | None = None) -> str:
    """JSON with non-ASCII text kept readable but C1 and bidi controls escaped, so a terminal never acts
    on them."""
    encoded = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", encoded)


def quote_lines(rows: Iterable[QuoteRow]) -> Iterator[str]:
    """Quotes for people: a header per article, then id, speaker, how it was attributed, and the text."""
    article_shown: int | None = None
    for row in rows:
        if row.article_id != article_shown:
            if article_shown is not None:
                yield ""
            title = printable(row.article_title) if row.article_title else "(untitled)"
            yield f"== article {row.article_id}: {title}"
            article_shown = row.article_id
        who = printable(row.speaker) if row.speaker else "(unresolved)"
        if not row.speaker and row.withheld_speaker:
            who += f" (withheld: {printable(row.withheld_speaker)})"
        confidence = None if row.confidence is None else f"{row.confidence:.2f}"
        rule = f"rule {row.rule}" if row.rule and row.rule != row.method else None
        how = " ".join(part for part in (row.kind, row.method, rule, confidence) if part)
        yield f"#{row.id:<4} {who} · {how} · [{row.start}:{row.end}]"
        yield f"      “{printable(row.text)}”"
