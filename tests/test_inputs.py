"""One test per input kind: .html pages, .md with front matter, stdin, UTF-16 JSONL, and the size limit
that refuses a 100 MB input before reading it whole."""

from __future__ import annotations

import io
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from quotes.sources import STDIN_LABEL, SourceArticle, SourceError, read_articles

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="windows-1252">
<title>Bridge vote | Elmtown Gazette</title>
<meta property="og:site_name" content="Elmtown Gazette">
<meta name="author" content="Ann Roe">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://gazette.example/bridge-vote">
<style>p { color: red } .secret { content: "style text" }</style>
<script>document.title = "../../etc/passwd"; alert("script text");</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav>
<article><h1>Bridge vote</h1>
<p>Mayor Jo Hale of Elmtown said on Tuesday that the bridge would be rebuilt by spring.</p>
<p>\u201cWe will not wait another year,\u201d Hale said. Council member Sam Okafor disagreed, café in hand.</p>
<p>\u201cIt is too early to promise that,\u201d Okafor said, adding that &lt;script&gt; tags [bold] stay text.</p>
</article>
<footer>Subscribe now! All rights reserved.</footer>
</body></html>
"""


def test_html_page_gives_main_text_and_metadata_not_scripts_or_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "bridge.html"
    path.write_bytes(PAGE.encode("cp1252"))
    (article,) = read_articles([str(path)])
    assert isinstance(article, SourceArticle), article
    assert "\u201cWe will not wait another year,\u201d Hale said." in article.text
    assert "<script> tags [bold] stay text" in article.text
    for dropped in ("script text", "style text", "color: red", "Subscribe", "Sport"):
        assert dropped not in article.text
    assert article.text.count("\n") >= 3  # paragraphs are lines, as the parser reads them
    assert article.title == "Bridge vote"
    assert (article.author, article.outlet) == ("Ann Roe", "Elmtown Gazette")
    assert article.url == "https://gazette.example/bridge-vote"
    assert article.published == date(2024, 3, 5)
    assert article.encoding == "cp1252"  # the <meta> charset, since the bytes really are in it
    assert article.source_path == str(path.resolve())  # the file, never anything the page says


def test_a_page_with_no_article_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.htm"
    path.write_text("<html><head><script>x()</script></head><body></body></html>", encoding="utf-8")
    (error,) = read_articles([str(path)])
    assert isinstance(error, SourceError) and error.message == "no article text found in the page"


def test_markdown_front_matter_is_metadata_and_a_heading_the_title(tmp_path: Path) -> None:
    front = tmp_path / "front.md"
    front.write_text(
        '---\ntitle: "Bridge vote"\nauthor: Ann Roe\ndate: 2024-03-05\nurl: https://x.example/b\ntags: [a]\n---\n'
        '"We will rebuild," Hale said.\n',
        encoding="utf-8",
    )
    heading = tmp_path / "heading.markdown"
    heading.write_text('# Council split\n\n"Too early," Okafor said.\n', encoding="utf-8")
    first, second = read_articles([str(front), str(heading)])
    assert isinstance(first, SourceArticle) and isinstance(second, SourceArticle)
    assert first.text == '"We will rebuild," Hale said.\n'
    assert (first.title, first.author, first.published, first.url) == (
        "Bridge vote", "Ann Roe", date(2024, 3, 5), "https://x.example/b"
    )
    assert second.title == "Council split" and second.text.startswith("# Council split\n")


def test_stdin_is_one_article_text_or_html() -> None:
    text = io.BytesIO("Headline\r\n\u201cYes,\u201d Hale said.\r\n".encode("utf-16"))
    (article,) = read_articles(["-"], stdin=text)
    assert isinstance(article, SourceArticle)
    assert (article.label, article.text, article.encoding) == (STDIN_LABEL, "Headline\n\u201cYes,\u201d Hale said.\n", "utf-16-le")
    assert article.source_path is None
    (page,) = read_articles(["-"], stdin=io.BytesIO(PAGE.encode("utf-8")))
    assert isinstance(page, SourceArticle) and page.title == "Bridge vote" and "<html" not in page.text


def test_utf16_jsonl_is_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    lines = '{"id": "a", "text": "\u201cOui,\u201d dit Hélène.", "author": "Ann Roe"}\r\n{"text": 5}\r\n'
    path.write_bytes(lines.encode("utf-16"))
    first, second = read_articles([str(path)])
    assert isinstance(first, SourceArticle) and first.text == "\u201cOui,\u201d dit Hélène."
    assert (first.encoding, first.author) == ("utf-16", "Ann Roe")
    assert isinstance(second, SourceError) and second.line == 2


def test_a_100_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: reading it would still cost 100 MB of memory
    tracemalloc.start()
    try:
        (error,) = read_articles([str(huge)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(error, SourceError) and error.message == "article is 100.0 MB, over the 20 MB limit"
    assert peak < 5 * 1024 * 1024


class EndlessStream(io.RawIOBase):
    """A pipe that never ends (as `yes | quotes ingest -` would be); counts what was read."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        size = len(buffer)
        buffer[:size] = b"y" * size
        self.read_bytes += size
        return size


def test_stdin_past_the_limit_is_refused_after_reading_only_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from quotes import sources

    monkeypatch.setattr(sources, "MAX_ARTICLE_BYTES", 1024 * 1024)
    stream = EndlessStream()
    (error,) = read_articles(["-"], stdin=io.BufferedReader(stream))
    assert isinstance(error, SourceError) and "over the 1 MB limit" in error.message
    assert stream.read_bytes <= 1024 * 1024 + 64 * 1024
