"""The hostile article's sheets, parsed back (csv module, html.parser, json, a CommonMark renderer) and
compared field by field: no markup, link, image, script, formula or raw control character gets through."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from sheets import HOSTILE_SAFE_URL, LINES, OUTLET, SPEAKERS, TITLE, hostile_database, sheet
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.repo import QuoteQuery
from quotes.export import FIELDS, GroupBy
from quotes.export.csv import FORMULA_STARTS
from quotes.export.text import visible

SAFE_URL = HOSTILE_SAFE_URL
ALL = QuoteQuery()  # every kind
# raw characters no sheet may hold: C0 but tab, newline (and CR in CSV line ends), DEL, C1, bidi controls
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def hostile_sheets(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Iterator[sessionmaker[Session]]:
    yield from hostile_database(tmp_path_factory, template_db)


def records(session: Session) -> list[dict[str, Any]]:
    return [json.loads(line) for line in sheet(session, "jsonl", ALL).splitlines()]


def one_line(text: str) -> str:
    return " ".join(visible(text).split())


def test_json_gives_back_every_stored_value(hostile_sheets: sessionmaker[Session]) -> None:
    with hostile_sheets() as session:
        document = json.loads(sheet(session, "json", ALL))
        lines = records(session)
    quotes = document["quotes"]
    assert document["count"] == len(quotes) == len(lines) == 2 * len(LINES)
    assert [{"version": 1, **quote} for quote in quotes] == lines
    by_text = {quote["text"]: quote for quote in quotes if quote["article_id"] == 1}
    assert set(by_text) == {line.said for line in LINES}
    for line in LINES:
        quote = by_text[line.said]
        assert (quote["article_title"], quote["outlet"], quote["url"]) == (TITLE, OUTLET, "javascript:alert(1)")
        speaker = None if line.who is None else SPEAKERS[line.who]
        if line is LINES[-1]:  # corrected by hand: given to the first quote's speaker
            speaker = SPEAKERS[LINES[0].who or 0]
            assert quote["corrected"] is True and quote["origin"] == "manual"
        else:
            assert quote["corrected"] is False
        assert quote["speaker"] == (speaker.name if speaker else None)
        assert quote["speaker_roles"] == (sorted(speaker.roles) if speaker else [])
        assert quote["speaker_anonymous"] is (speaker.anonymous if speaker else False)
        assert quote["published"] == quote["article_date"] == "2024-05-06"
        assert quote["rule"] == "manual" if quote["corrected"] else quote["rule"] and quote["rule"] != "manual"


def undefused(cell: str) -> str:
    """What the README tells a reader: drop a leading ' that a formula character follows."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def test_csv_cells_are_the_stored_values_defused(hostile_sheets: sessionmaker[Session]) -> None:
    with hostile_sheets() as session:
        written = sheet(session, "csv", ALL)
        expected = records(session)
    rows = list(csv.DictReader(io.StringIO(written, newline="")))
    assert list(rows[0]) == list(FIELDS) and len(rows) == len(expected)
    defused = formulas = 0
    for row, record in zip(rows, expected, strict=True):
        for name in FIELDS:
            value, cell = record[name], row[name]
            if isinstance(value, bool):
                assert cell == str(value).lower()
            elif value is None:
                assert cell == ""
            elif isinstance(value, int | float):
                assert type(value)(cell) == value
            else:
                shown = visible("; ".join(value) if isinstance(value, list) else value)
                assert undefused(cell) == shown, (name, cell)
                assert not cell.startswith(FORMULA_STARTS)
                defused += cell != shown
                formulas += shown.startswith(FORMULA_STARTS)
    assert defused == formulas >= 2 * len(rows) + 8  # titles, outlets, and quotes and roles starting = + - @ tab


class Page(HTMLParser):
    """Every tag and attribute of an HTML sheet, and the text of each quote's parts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open_classes: list[str] = []
        self.texts: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in {"blockquote", "p", "h2", "cite", "a", "span", "i", "li", "title", "style"}:
            self.open_classes.append(tag if tag in {"blockquote", "h2", "title"} else dict(attrs).get("class") or tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"blockquote", "p", "h2", "cite", "a", "span", "i", "li", "title", "style"}:
            self.open_classes.pop()

    def handle_data(self, data: str) -> None:
        if self.open_classes:
            kind = "blockquote" if "blockquote" in self.open_classes else self.open_classes[-1]
            if kind == "blockquote" or data.strip():
                self.texts.setdefault(kind, []).append(data)


def test_html_holds_the_text_and_no_markup_from_data(hostile_sheets: sessionmaker[Session]) -> None:
    with hostile_sheets() as session:
        written = sheet(session, "html", ALL)
        expected = records(session)
    page = Page()
    page.feed(written)
    page.close()
    assert not RAW_CONTROL.search(written)
    tags = {tag for tag, _attrs in page.tags}
    assert tags <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "dl", "dt", "dd", "nav",
                    "h2", "ol", "li", "a", "span", "main", "section", "p", "div", "blockquote", "cite", "footer"}
    for tag, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), tag
        if tag == "a":
            assert re.fullmatch(r"#g\d+", attrs["href"] or "") or attrs["href"] == SAFE_URL, attrs
    assert sum(attrs.get("href") == SAFE_URL for _tag, attrs in page.tags) == len(LINES)
    assert page.texts["blockquote"] == [visible(record["text"]) for record in expected]
    titles = [one_line(TITLE)] * len(expected)
    assert [text for text in page.texts["cite"] if text.startswith("-Leak")] == titles
    speakers = {one_line(record["speaker"]) for record in expected if record["speaker"]}
    assert set(page.texts["h2"]) == {*speakers, "Unattributed quotes", "Contents by speaker"}
    assert "<script>" not in written and "&lt;script&gt;" in written


MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def test_markdown_renders_the_text_without_links_images_or_html(hostile_sheets: sessionmaker[Session]) -> None:
    with hostile_sheets() as session:
        written = sheet(session, "md", ALL)
        by_article = sheet(session, "md", ALL, group_by=GroupBy.ARTICLE)
        expected = records(session)
    for markdown in (written, by_article):
        assert not RAW_CONTROL.search(markdown)
        rendered = MARKDOWN.render(markdown)
        page = Page()
        page.feed(rendered)
        tags = [tag for tag, _attrs in page.tags]
        assert set(tags) <= {"h1", "h2", "p", "blockquote", "em", "br", "hr", "a"}, set(tags)
        assert tags.count("em") == len(expected)  # the article title in each citation, nothing else
        assert [attrs["href"] for tag, attrs in page.tags if tag == "a"] == [SAFE_URL] * len(LINES)
        quoted = [" ".join(text.split()) for text in "".join(page.texts["blockquote"]).split("\n\n") if text]
        assert sorted(quoted) == sorted(" ".join(visible(record["text"]).split()) for record in expected)
    speakers = {one_line(record["speaker"]) for record in expected if record["speaker"]}
    headings = {line[3:] for line in written.splitlines() if line.startswith("## ")}
    rendered_headings = set(re.findall(r"<h2>(.*?)</h2>", MARKDOWN.render(written)))
    assert len(headings) == len(speakers) + 1
    assert {heading.replace("&lt;", "<").replace("&gt;", ">") for heading in rendered_headings} == {
        *speakers,
        "Unattributed quotes",
    }


@pytest.mark.parametrize("format_name", ["csv", "json", "jsonl"])
def test_no_raw_control_character_in_data_formats(hostile_sheets: sessionmaker[Session], format_name: str) -> None:
    """JSON escapes control characters (a reader gets them back); CSV shows them as \\x1b."""
    with hostile_sheets() as session:
        written = sheet(session, format_name, ALL)
    assert not RAW_CONTROL.search(written.replace("\r\n", "\n"))
    if format_name == "csv":
        cells = [cell for row in csv.reader(io.StringIO(written, newline="")) for cell in row]
        assert any("\\x1b[31m" in cell and "\\u202e" in cell for cell in cells)
    else:
        decoded = json.dumps(json.loads(written) if format_name == "json" else written.splitlines())
        texts = [q["text"] for q in (json.loads(written)["quotes"] if format_name == "json" else
                 map(json.loads, written.splitlines()))]  # fmt: skip
        assert any("\x1b[31m" in text and "\u202e" in text and "\x00" in text for text in texts), decoded
