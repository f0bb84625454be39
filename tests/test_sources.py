"""Reading .txt and .jsonl articles: decoding, limits, and errors that name the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes import sources
from quotes.sources import SourceArticle, SourceError, read_articles


def write(path: Path, content: str | bytes) -> str:
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return str(path)


def only(items: list[SourceArticle | SourceError]) -> SourceArticle:
    assert len(items) == 1 and isinstance(items[0], SourceArticle), items
    return items[0]


def test_txt_bom_removed_newlines_as_lf_and_nothing_else_changed(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"\xef\xbb\xbf\n  Headline here \r\nBody \xe2\x80\x9cquoted\xe2\x80\x9d\r\rend\r\n")
    article = only(list(read_articles([path])))
    assert article.text == "\n  Headline here \nBody “quoted”\n\nend\n"
    assert article.encoding == "utf-8"
    assert article.title == "Headline here"
    assert article.source_id == path and article.line is None


def test_txt_id_is_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "a.txt", "Title\nBody")
    monkeypatch.chdir(tmp_path)
    assert only(list(read_articles(["./a.txt"]))).source_id == "./a.txt"


def test_mostly_utf8_with_a_bad_byte_names_the_file_and_offset(tmp_path: Path) -> None:
    good = "Café “news” naïve\ncaf".encode()
    path = write(tmp_path / "mixed.txt", good + b"\xe9\n")
    (error,) = read_articles([path])
    assert isinstance(error, SourceError) and error.label == path
    assert f"not valid UTF-8 at byte {len(good)} " in error.message and "--encoding" in error.message


def test_folders_are_walked_in_order_and_other_files_listed_as_skipped(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    write(tmp_path / "b.txt", "B\nbody")
    write(tmp_path / "sub" / "a.txt", "A\nbody")
    write(tmp_path / "notes.md", "# Notes\nbody")
    write(tmp_path / "scan.pdf", b"%PDF-1.4")
    write(tmp_path / ".DS_Store", b"\x00")
    write(tmp_path / ".git" / "HEAD.txt", "hidden\nfolder")
    items = list(read_articles([str(tmp_path)]))
    titles = [item.title for item in items if isinstance(item, SourceArticle)]
    assert titles == ["B", "Notes", "A"]
    skipped = [item for item in items if isinstance(item, SourceError)]
    assert [(Path(item.path).name, item.skipped) for item in skipped] == [("scan.pdf", True)]
    assert ".pdf files are not read" in skipped[0].message


def test_missing_and_unsupported_paths_are_errors(tmp_path: Path) -> None:
    other = write(tmp_path / "a.csv", "x")
    errors = list(read_articles([str(tmp_path / "nope.txt"), other]))
    messages = [item.message for item in errors if isinstance(item, SourceError)]
    assert messages == ["no such file or folder", "not a .txt, .md, .markdown, .html, .htm, .jsonl file"]
    (tmp_path / "empty").mkdir()
    (folder_error,) = read_articles([str(tmp_path / "empty")])
    assert isinstance(folder_error, SourceError) and "no .txt, .md" in folder_error.message
    assert not folder_error.skipped


def test_empty_article_is_an_error(tmp_path: Path) -> None:
    (error,) = read_articles([write(tmp_path / "blank.txt", "\n  \n")])
    assert isinstance(error, SourceError) and "empty" in error.message


def test_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_ARTICLE_BYTES", 100)
    (error,) = read_articles([write(tmp_path / "big.txt", "T\n" + "x" * 200)])
    assert isinstance(error, SourceError) and "limit" in error.message
    jsonl = write(
        tmp_path / "big.jsonl",
        '{"text": "' + "y" * 300 + '"}\n{"text": "small"}\n',
    )
    items = list(read_articles([jsonl]))
    assert isinstance(items[0], SourceError) and items[0].line == 1 and "limit" in items[0].message
    assert isinstance(items[1], SourceArticle) and items[1].line == 2 and items[1].text == "small"


def test_jsonl_lines_report_their_line_numbers(tmp_path: Path) -> None:
    path = write(
        tmp_path / "batch.jsonl",
        "\ufeff"
        '{"id": "a", "text": "first"}\n'
        "\n"
        "{not json\n"
        '{"title": "no text"}\n'
        '["a list"]\n'
        '{"text": "bad date", "published": "yesterday"}\n'
        '{"text": "ok", "url": 5}\n'
        '{"text": "last", "published": "2022-09-22"}',
    )
    items = list(read_articles([path]))
    summary = [(type(item).__name__, item.line) for item in items]
    assert summary == [
        ("SourceArticle", 1),
        ("SourceError", 3),
        ("SourceError", 4),
        ("SourceError", 5),
        ("SourceError", 6),
        ("SourceArticle", 7),
        ("SourceArticle", 8),
    ]
    first, last = items[0], items[-1]
    assert isinstance(first, SourceArticle) and first.source_id == "a" and first.external_id == "a"
    assert isinstance(last, SourceArticle) and last.source_id == f"{path}:8"
    assert last.published is not None and last.published.isoformat() == "2022-09-22"
    assert all(item.label == f"{path}:{item.line}" for item in items)
    bad_date = items[4]
    assert isinstance(bad_date, SourceError) and "ISO 8601" in bad_date.message


def test_jsonl_lines_are_decoded_one_by_one(tmp_path: Path) -> None:
    path = write(
        tmp_path / "mixed.jsonl",
        b'{"text": "caf\xe9 cr\xe8me"}\n{"text": "fine\\r\\nend"}\n{"text": "\xe2\x80\x9cok\xe2\x80\x9d \xff\xfe"}\n',
    )
    items = list(read_articles([path]))
    assert isinstance(items[0], SourceArticle) and items[0].text == "café crème" and items[0].encoding == "cp1252"
    assert isinstance(items[1], SourceArticle) and items[1].text == "fine\nend" and items[1].encoding == "utf-8"
    assert isinstance(items[2], SourceError) and items[2].line == 3 and "byte 19" in items[2].message
