"""Reading articles: `.txt` and `.md` (one article, headline first), `.html` news pages (main text and
metadata through trafilatura), `.jsonl` (one article per line), and `-` (one article on stdin).

Used by `quotes ingest` and `quotes extract` alike. Each article is checked on its own, so one bad file
or line is reported (naming the file and line, and the byte offset of bytes that are not text) while the
rest go on. Bytes become text in quotes/decoding.py: every article's text has its BOM removed and its
newlines as LF, which is the text stored and the text offsets index.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any, BinaryIO

from quotes.decoding import (
    BOM,
    BYTE_ORDER_MARKS,
    Decoded,
    NotText,
    check_encoding,
    decode_bytes,
    normalise_newlines,
)
from quotes.metadata import (
    FIELD_MAX_CHARS,
    TITLE_MAX_CHARS,
    RecordError,
    cut_title,
    front_matter,
    headline,
    record_fields,
)

MAX_ARTICLE_BYTES = 20 * 1024 * 1024  # per article: a file, stdin, or one line of a .jsonl file
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, ".jsonl")
STDIN = "-"
STDIN_LABEL = "<stdin>"
_READ_CHUNK = 1024 * 1024
_WIDE_CODECS = ("utf-16", "utf-32")

__all__ = [
    "BOM", "FIELD_MAX_CHARS", "TITLE_MAX_CHARS", "RecordError", "SourceArticle", "SourceError", "find_files",
    "headline", "read_articles",
]


@dataclass(frozen=True, slots=True)
class SourceArticle:
    """One article as read; `label` names where it came from in messages ("a.jsonl:3")."""

    source_id: str  # .txt/.md/.html: the path as given; .jsonl: its `id`, else "path:line"; stdin: <stdin>
    path: str  # as given on the command line, or joined under the folder given; "<stdin>" for stdin
    line: int | None
    text: str  # BOM removed, newlines as LF, nothing else changed
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None
    external_id: str | None = None
    encoding: str | None = None  # the codec the bytes were read with ("utf-8", "cp1252", ...)
    author: str | None = None

    @property
    def label(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else str(self.path)

    @property
    def source_path(self) -> str | None:
        """The absolute path of the file read, None for stdin."""
        return None if self.path == STDIN_LABEL else os.path.abspath(self.path)


@dataclass(frozen=True, slots=True)
class SourceError:
    """An article (or a whole file) that could not be read, and why; `skipped`: a file of a kind that
    is not read, found in a folder (listed, not a failure)."""

    path: str
    line: int | None
    message: str
    skipped: bool = False

    @property
    def label(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else str(self.path)


def supported(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


def find_files(paths: Iterable[str]) -> Iterator[str | SourceError]:
    """Each path given (kept as given; `-` is stdin), with folders walked recursively and sorted; files of
    other kinds inside a folder come back as skipped errors, hidden files and folders are left out."""
    kinds = ", ".join(SUFFIXES)
    for given in paths:
        path = Path(given)
        if given == STDIN:
            yield given
        elif path.is_dir():
            found = sorted(
                os.path.join(root, name)
                for root, dirs, names in _walk(given)
                for name in names
                if not name.startswith(".")
            )
            if not any(supported(name) for name in found):
                yield SourceError(given, None, f"folder holds no {kinds} files")
            for name in found:
                yield name if supported(name) else SourceError(name, None, _unsupported(name), skipped=True)
        elif not path.exists():
            yield SourceError(given, None, "no such file or folder")
        elif not supported(given):
            yield SourceError(given, None, f"not a {kinds} file")
        else:
            yield given


def _walk(folder: str) -> Iterator[tuple[str, list[str], list[str]]]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        yield root, dirs, names


def _unsupported(name: str) -> str:
    suffix = Path(name).suffix
    return f"skipped: {suffix + ' files are' if suffix else 'a file with no extension is'} not read"


def read_articles(
    paths: Iterable[str], *, encoding: str | None = None, stdin: BinaryIO | None = None
) -> Iterator[SourceArticle | SourceError]:
    """Every article under `paths`, or an error for each file or JSONL line that cannot be read.
    `encoding` forces a codec for every file instead of detecting it."""
    if encoding is not None:
        check_encoding(encoding)  # LookupError before anything is read
    for item in find_files(paths):
        if isinstance(item, SourceError):
            yield item
        elif item == STDIN:
            yield read_stdin(stdin if stdin is not None else sys.stdin.buffer, encoding=encoding)
        elif item.lower().endswith(".jsonl"):
            yield from read_jsonl(item, encoding=encoding)
        elif item.lower().endswith(HTML_SUFFIXES):
            yield read_html(item, encoding=encoding)
        else:
            yield read_txt(item, encoding=encoding)


def decode(data: bytes, *, encoding: str | None = None) -> str:
    """Article text from bytes (see quotes/decoding.py); raises ValueError naming the byte offset."""
    return decode_bytes(data, encoding=encoding).text


def read_txt(path: str, *, encoding: str | None = None) -> SourceArticle | SourceError:
    """A .txt or .md file: one article, the first non-empty line its headline (Markdown front matter
    between `---` lines gives title, author, date, url, outlet and language, and is not article text)."""
    data = _read_file(path)
    if isinstance(data, SourceError):
        return data
    try:
        decoded = decode_bytes(data, encoding=encoding)
    except ValueError as error:
        return SourceError(path, None, str(error))
    return text_article(path, decoded)


def read_stdin(stream: BinaryIO, *, encoding: str | None = None) -> SourceArticle | SourceError:
    """One article from stdin: an HTML page if it starts like one, else text as in a .txt file."""
    try:
        data = stream.read(MAX_ARTICLE_BYTES + 1)
    except OSError as error:
        return SourceError(STDIN_LABEL, None, _reason(error))
    if len(data) > MAX_ARTICLE_BYTES:
        return SourceError(STDIN_LABEL, None, f"article is over the {_limit_mb()} MB limit; the rest was not read")
    from quotes.htmltext import looks_like_html

    try:
        decoded = decode_bytes(data, encoding=encoding)
    except ValueError as error:
        return SourceError(STDIN_LABEL, None, str(error))
    if looks_like_html(decoded.text):
        return html_article(STDIN_LABEL, data, encoding=encoding)
    return text_article(STDIN_LABEL, decoded)


def text_article(path: str, decoded: Decoded) -> SourceArticle | SourceError:
    markdown = path.lower().endswith((".md", ".markdown"))
    text, front = front_matter(decoded.text) if markdown else (decoded.text, {})
    if not text.strip():
        return SourceError(path, None, "empty article")
    record: dict[str, Any] = {"text": text, **front}
    try:
        fields = record_fields(record)
    except RecordError as error:
        return SourceError(path, None, f"front matter: {error}")
    return SourceArticle(
        source_id=path,
        path=path,
        line=None,
        text=text,
        title=fields["title"] or headline(text),
        outlet=fields["outlet"],
        url=fields["url"],
        published=fields["published"],
        language=fields["language"],
        encoding=decoded.encoding,
        author=fields["author"],
    )


def read_html(path: str, *, encoding: str | None = None) -> SourceArticle | SourceError:
    data = _read_file(path)
    if isinstance(data, SourceError):
        return data
    return html_article(path, data, encoding=encoding)


def html_article(path: str, data: bytes, *, encoding: str | None = None) -> SourceArticle | SourceError:
    """A news page: its main text (paragraphs as lines) and its title, author, site, URL and date."""
    from quotes.htmltext import NoMainText, declared_charset, extract_page

    try:
        decoded = _decode_page(data, encoding, declared_charset(data))
    except ValueError as error:
        return SourceError(path, None, str(error))
    try:
        page = extract_page(decoded.text)
    except NoMainText as error:
        return SourceError(path, None, str(error))
    except Exception as error:  # noqa: BLE001  (a page the extractor chokes on is one failed article)
        return SourceError(path, None, f"could not read the page: {type(error).__name__}: {error}")
    text = normalise_newlines(page.text)
    field_limits = {"outlet": page.outlet, "url": page.url, "language": page.language, "author": page.author}
    limited = {
        name: value if value is None or len(value) <= FIELD_MAX_CHARS[name] else None
        for name, value in field_limits.items()
    }
    return SourceArticle(
        source_id=path,
        path=path,
        line=None,
        text=text,
        title=cut_title(page.title) if page.title else headline(text),
        outlet=limited["outlet"],
        url=limited["url"],
        published=page.published,
        language=limited["language"],
        encoding=decoded.encoding,
        author=limited["author"],
    )


def _decode_page(data: bytes, forced: str | None, declared: str | None) -> Decoded:
    """A page's bytes as text: a forced encoding, a byte order mark, the <meta> charset if the bytes
    really are in it, else detection."""
    if forced is None and declared is not None and not data.startswith(tuple(m for m, _ in BYTE_ORDER_MARKS)):
        try:
            return decode_bytes(data, encoding=declared)
        except (LookupError, ValueError):
            pass
    return decode_bytes(data, encoding=forced)


def read_jsonl(path: str, *, encoding: str | None = None) -> Iterator[SourceArticle | SourceError]:
    try:
        handle = open(path, "rb")  # noqa: SIM115  (closed by the `with` below)
    except OSError as error:
        yield SourceError(path, None, _reason(error))
        return
    with handle:
        wide = _wide_codec(handle, encoding)
        reader: IO[Any] = io.TextIOWrapper(handle, encoding=wide, newline="\n") if wide else handle
        line_number = 0
        while True:
            try:
                raw = reader.readline(MAX_ARTICLE_BYTES + 1)
            except (OSError, UnicodeDecodeError) as error:
                yield SourceError(path, line_number + 1, _reason(error))
                return
            if not raw:
                return
            line_number += 1
            ending = "\n" if isinstance(raw, str) else b"\n"
            if len(raw) > MAX_ARTICLE_BYTES and not raw.endswith(ending):
                skipped = len(raw) + _skip_rest_of_line(reader)
                yield SourceError(path, line_number, _too_large(skipped))
                continue
            if not raw.strip() or raw.strip() in (BOM, BOM.encode()):  # blank, or a byte order mark alone
                continue
            yield _article_from_json_line(path, line_number, raw, encoding=wide or encoding)


def _wide_codec(handle: BinaryIO, forced: str | None) -> str | None:
    """UTF-16 or UTF-32 (forced, or from the byte order mark): read as text, since lines are not bytes
    ending in 0x0A there."""
    if forced is not None:
        codec = check_encoding(forced)
        return codec if codec.startswith(_WIDE_CODECS) else None
    start = handle.read(4)
    handle.seek(0)
    for mark, codec in BYTE_ORDER_MARKS:
        if start.startswith(mark) and codec.startswith(_WIDE_CODECS):
            return codec.removesuffix("-le").removesuffix("-be")  # the codec reads and drops the mark
    return None


def _article_from_json_line(
    path: str, line: int, raw: bytes | str, *, encoding: str | None
) -> SourceArticle | SourceError:
    try:
        if isinstance(raw, bytes):
            decoded = decode_bytes(raw, encoding=encoding)
            text, encoding = decoded.text, decoded.encoding
        else:
            text = raw
        record = json.loads(text)
    except NotText as error:
        return SourceError(path, line, str(error))
    except ValueError as error:
        return SourceError(path, line, f"not valid JSON: {error}")
    if not isinstance(record, dict):
        return SourceError(path, line, "each line must be a JSON object")
    try:
        return _article_from_record(path, line, record, encoding=encoding)
    except RecordError as error:
        return SourceError(path, line, str(error))


def _article_from_record(path: str, line: int, record: dict[str, Any], *, encoding: str | None) -> SourceArticle:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise RecordError('"text" is required and must be a non-empty string')
    fields = record_fields(record)
    external_id = fields["id"]
    return SourceArticle(
        source_id=external_id if external_id is not None else f"{path}:{line}",
        path=path,
        line=line,
        text=normalise_newlines(text),
        title=fields["title"],
        outlet=fields["outlet"],
        url=fields["url"],
        published=fields["published"],
        language=fields["language"],
        external_id=external_id,
        encoding=encoding,
        author=fields["author"],
    )


def _read_file(path: str) -> bytes | SourceError:
    """A file's bytes, refused by its size before it is read when over the limit."""
    try:
        size = os.stat(path).st_size
        if size > MAX_ARTICLE_BYTES:
            return SourceError(path, None, _too_large(size))
        with open(path, "rb") as handle:
            data = handle.read(MAX_ARTICLE_BYTES + 1)
    except OSError as error:
        return SourceError(path, None, _reason(error))
    if len(data) > MAX_ARTICLE_BYTES:  # grew since stat, or a device
        return SourceError(path, None, _too_large(len(data)))
    return data


def _skip_rest_of_line(handle: IO[Any]) -> int:
    skipped = 0
    while True:
        chunk = handle.readline(_READ_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n" if isinstance(chunk, bytes) else "\n"):
            return skipped


def _limit_mb() -> int:
    return MAX_ARTICLE_BYTES // 1024 // 1024


def _too_large(size: int) -> str:
    return f"article is {size / 1024 / 1024:.1f} MB, over the {_limit_mb()} MB limit"


def _reason(error: Exception) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)
