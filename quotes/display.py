"""Making untrusted article text safe to print: no terminal escapes, no bidi tricks, one line per value."""

from __future__ import annotations

import json
import re
from typing import Any

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
