"""Untrusted text printed for people never carries terminal controls."""

from __future__ import annotations

import json

from quotes.display import json_text, printable


def test_printable_escapes_controls_and_bidi() -> None:
    assert printable("a\x1b[2Jb\x9bc\u202ed\te\nf") == "a\\x1b[2Jb\\x9bc\\u202ed\\x09e\\x0af"
    assert printable("line\nnext\x07", keep_newlines=True) == "line\nnext\\x07"
    assert printable("Ünïcode “quotes” stay") == "Ünïcode “quotes” stay"


def test_json_text_keeps_the_value_and_escapes_controls() -> None:
    value = {"text": "caf\u00e9 \x9b31m \u202e \x1b"}
    encoded = json_text(value)
    assert json.loads(encoded) == value
    assert "\x9b" not in encoded and "\u202e" not in encoded and "\x1b" not in encoded
    assert "café" in encoded
