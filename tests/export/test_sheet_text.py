"""Table tests for what every sheet shares: the sentence around a quote, visible controls, Markdown
escapes, CSV cells and the URLs a sheet may link to."""

from __future__ import annotations

import pytest

from quotes.export.csv import cell
from quotes.export.markdown import block_quote, escape, link
from quotes.export.text import safe_url, sentence_around, visible


def around(text: str, quote: str, *, evidence: tuple[str, ...] = (), limit: int = 600) -> str:
    start = text.index(quote)
    offsets = [text.index(word) for word in evidence] + [text.index(word) + len(word) for word in evidence]
    return sentence_around(text, start, start + len(quote), evidence=offsets, limit=limit)


SENTENCES = [
    # (article text, quote, evidence words, expected sentence)
    ('Rain fell. "We will win," Hale said. Roe left.', "We will win,", ("said",), '"We will win," Hale said.'),
    ('Rain fell. Hale said: "We will win." Roe left.', "We will win.", (), 'Hale said: "We will win."'),
    ('"Will we win?" Hale asked. Roe left.', "Will we win?", ("asked",), '"Will we win?" Hale asked.'),
    ('"Will we win?" Hale asked. Roe left.', "Will we win?", (), '"Will we win?"'),
    ('Sen. J. Hale said: "One. Two. Three." Then', "One. Two. Three.", (), 'Sen. J. Hale said: "One. Two. Three."'),
    ('First line.\nHale said "yes" today. More.\nLast.', "yes", (), 'Hale said "yes" today.'),
    ("Hale said it was “fine” in the end", "fine", (), "Hale said it was “fine” in the end"),
    ("Roe left. «Nous gagnerons», a dit Hale. Fin.", "Nous gagnerons", ("dit",), "«Nous gagnerons», a dit Hale."),
]


@pytest.mark.parametrize(("text", "quote", "evidence", "expected"), SENTENCES)
def test_sentence_around(text: str, quote: str, evidence: tuple[str, ...], expected: str) -> None:
    assert around(text, quote, evidence=evidence) == expected


def test_a_long_sentence_is_cut_around_the_quote() -> None:
    text = "Words " * 200 + '"the quote itself" ' + "more " * 200 + "end."
    shown = around(text, "the quote itself", limit=60)
    assert shown.startswith("\u2026") and shown.endswith("\u2026") and "the quote itself" in shown
    assert len(shown) <= 62


VISIBLE = [
    ("plain", "plain"),
    ("a\x1b[31mb", "a\\x1b[31mb"),
    ("bell\x07 nul\x00 del\x7f c1\x85", "bell\\x07 nul\\x00 del\\x7f c1\\x85"),
    ("tab\tnewline\nreturn\r", "tab\tnewline\nreturn\\x0d"),
    ("rtl\u202eoverride\u2066isolate\u200fmark", "rtl\\u202eoverride\\u2066isolate\\u200fmark"),
    ("café, 東京, “quoted”", "café, 東京, “quoted”"),
]


@pytest.mark.parametrize(("text", "expected"), VISIBLE)
def test_visible(text: str, expected: str) -> None:
    assert visible(text) == expected


MARKDOWN = [
    ("[link](http://x)", "\\[link\\]\\(http://x\\)"),
    ("![img](x.png)", "\\!\\[img\\]\\(x.png\\)"),
    ("<b>bold</b> &amp;", "\\<b\\>bold\\</b\\> \\&amp;"),
    ("*a* _b_ `c` ~d~ |e| #f \\g", "\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\|e\\| \\#f \\\\g"),
    ("- item\n+ item\n= setext\n12. num\n3) num", "\\- item\n\\+ item\n\\= setext\n12\\. num\n3\\) num"),
    ("a - b + c = d 1. e", "a - b + c = d 1. e"),
    ("esc\x1b[0m", "esc\\\\x1b\\[0m"),
]


@pytest.mark.parametrize(("text", "expected"), MARKDOWN)
def test_markdown_escape(text: str, expected: str) -> None:
    assert escape(text) == expected


def test_block_quote_lines_cannot_become_code_or_hard_breaks() -> None:
    assert block_quote("    indented\nline  \n\nafter") == ["> indented", "> line", ">", "> after"]


LINKS = [
    ("https://news.example/a?b=1&c=2", "<https://news.example/a?b=1&c=2>", True),
    ("javascript:alert(1)", "javascript:alert\\(1\\)", False),
    ("https://news.example/a b", "https://news.example/a b", False),
    ("data:text/html,<script>", "data:text/html,\\<script\\>", False),
    ("https://x.example/\x1b", "https://x.example/\\\\x1b", False),
]


@pytest.mark.parametrize(("url", "markdown", "linked"), LINKS)
def test_only_plain_http_urls_become_links(url: str, markdown: str, linked: bool) -> None:
    assert link(url) == markdown
    assert (safe_url(url) is not None) is linked


CELLS = [
    ("=SUM(A1)", "'=SUM(A1)"),
    ("+1", "'+1"),
    ("-2", "'-2"),
    ("@x", "'@x"),
    ("\tx", "'\tx"),
    ("\rx", "\\x0dx"),  # a CR is shown as an escape, so it never starts a cell raw
    ("a=b", "a=b"),
    ("'quoted", "'quoted"),
    (None, ""),
    (True, "true"),
    (0.5, 0.5),
    (["=a", "b"], "'=a; b"),
]


@pytest.mark.parametrize(("value", "expected"), CELLS)
def test_csv_cell(value: object, expected: object) -> None:
    assert cell(value) == expected
