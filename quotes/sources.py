"""Reading articles from files: `.txt` (one article, headline first) and `.jsonl` (one article per line).

Used by `quotes ingest` and `quotes extract` alike. Each article is checked on its own, so one bad file
or line is reported (naming the file and line) while the rest go on.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

MAX_ARTICLE_BYTES = 20 * 1024 * 1024  # per article: a .txt file, or one line of a .jsonl file
SUFFIXES = (".txt", ".jsonl")
BOM = "\ufeff"
TITLE_MAX_CHARS = 1000
FIELD_MAX_CHARS = {"id": 500, "url": 2048, "outlet": 200, "language": 35}
_READ_CHUNK = 1024 * 1024


class RecordError(ValueError):
    """A JSONL record that is valid JSON but not a usable article."""


@dataclass(frozen=True, slots=True)
class SourceArticle:
    """One article as read; `label` names where it came from in messages ("a.jsonl:3")."""

    source_id: str  # .txt: the path as given; .jsonl: its `id`, else "path:line"
    path: str  # as given on the command line, or joined under the folder given
    line: int | None
    text: str  # BOM removed, nothing else changed
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None
    external_id: str | None = None

    @property
    def label(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else str(self.path)


@dataclass(frozen=True, slots=True)
class SourceError:
    """An article (or a whole file) that could not be read, and why."""

    path: str
    line: int | None
    message: str

    @property
    def label(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else str(self.path)


def find_files(paths: Iterable[str]) -> Iterator[str | SourceError]:
    """Each path given (kept as given), with folders walked recursively, sorted, for .txt and .jsonl."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                os.path.join(root, name)
                for root, _dirs, names in os.walk(given)
                for name in names
                if name.endswith(SUFFIXES) and not name.startswith(".")
            )
            if not found:
                yield SourceError(given, None, "folder holds no .txt or .jsonl files")
            yield from found
        elif not path.exists():
            yield SourceError(given, None, "no such file or folder")
        elif path.suffix not in SUFFIXES:
            yield SourceError(given, None, "not a .txt or .jsonl file")
        else:
            yield given


def read_articles(paths: Iterable[str]) -> Iterator[SourceArticle | SourceError]:
    """Every article under `paths`, or an error for each file or JSONL line that cannot be read."""
    for item in find_files(paths):
        if isinstance(item, SourceError):
            yield item
        elif item.endswith(".jsonl"):
            yield from read_jsonl(item)
        else:
            yield read_txt(item)


def headline(text: str) -> str | None:
    """The first non-empty line, stripped and cut to TITLE_MAX_CHARS."""
    for line in text.splitlines():
        if line.strip():
            stripped = line.strip()
            return stripped if len(stripped) <= TITLE_MAX_CHARS else stripped[: TITLE_MAX_CHARS - 1] + "…"
    return None


def decode(data: bytes) -> str:
    """UTF-8 text with a leading BOM removed; raises ValueError with the byte offset of bad input."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"not valid UTF-8 (byte {error.start}): convert it to UTF-8 first") from error
    return text.removeprefix(BOM)


def read_txt(path: str) -> SourceArticle | SourceError:
    try:
        size = os.stat(path).st_size
        if size > MAX_ARTICLE_BYTES:
            return SourceError(path, None, _too_large(size))
        with open(path, "rb") as handle:
            data = handle.read(MAX_ARTICLE_BYTES + 1)
        if len(data) > MAX_ARTICLE_BYTES:
            return SourceError(path, None, _too_large(len(data)))
        text = decode(data)
    except (OSError, ValueError) as error:
        return SourceError(path, None, _reason(error))
    if not text.strip():
        return SourceError(path, None, "empty article")
    return SourceArticle(source_id=path, path=path, line=None, text=text, title=headline(text))


def read_jsonl(path: str) -> Iterator[SourceArticle | SourceError]:
    try:
        handle = open(path, "rb")  # noqa: SIM115  (closed by the `with` below)
    except OSError as error:
        yield SourceError(path, None, _reason(error))
        return
    with handle:
        line_number = 0
        while True:
            try:
                raw = handle.readline(MAX_ARTICLE_BYTES + 1)
            except OSError as error:
                yield SourceError(path, line_number + 1, _reason(error))
                return
            if not raw:
                return
            line_number += 1
            if len(raw) > MAX_ARTICLE_BYTES and not raw.endswith(b"\n"):
                skipped = len(raw) + _skip_rest_of_line(handle)
                yield SourceError(path, line_number, _too_large(skipped))
                continue
            if line_number == 1:
                raw = raw.removeprefix(BOM.encode())
            if not raw.strip():
                continue
            yield _article_from_json_line(path, line_number, raw)


def _article_from_json_line(path: str, line: int, raw: bytes) -> SourceArticle | SourceError:
    try:
        record = json.loads(decode(raw))
    except ValueError as error:
        return SourceError(path, line, f"not valid JSON: {error}")
    if not isinstance(record, dict):
        return SourceError(path, line, "each line must be a JSON object")
    try:
        return _article_from_record(path, line, record)
    except RecordError as error:
        return SourceError(path, line, str(error))


def _article_from_record(path: str, line: int, record: dict[str, Any]) -> SourceArticle:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise RecordError('"text" is required and must be a non-empty string')
    fields: dict[str, str | None] = {}
    for name in ("id", "title", "url", "outlet", "language"):
        value = record.get(name)
        if value is not None and not isinstance(value, (str, int)):
            raise RecordError(f'"{name}" must be a string')
        value = None if value is None else str(value).strip() or None
        limit = FIELD_MAX_CHARS.get(name)
        if value is not None and limit is not None and len(value) > limit:
            raise RecordError(f'"{name}" is longer than {limit} characters')
        fields[name] = value
    title = fields["title"]
    if title is not None and len(title) > TITLE_MAX_CHARS:
        title = title[: TITLE_MAX_CHARS - 1] + "…"
    external_id = fields["id"]
    return SourceArticle(
        source_id=external_id if external_id is not None else f"{path}:{line}",
        path=path,
        line=line,
        text=text,
        title=title,
        outlet=fields["outlet"],
        url=fields["url"],
        published=_published(record.get("published")),
        language=fields["language"],
        external_id=external_id,
    )


def _published(value: object) -> date | None:
    """An ISO 8601 date or date-time (its date part is kept)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RecordError('"published" must be an ISO 8601 date string such as "2022-09-22"')
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError as error:
        raise RecordError(f'"published" is not an ISO 8601 date: {value!r}') from error


def _skip_rest_of_line(handle: BinaryIO) -> int:
    skipped = 0
    while True:
        chunk = handle.readline(_READ_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _too_large(size: int) -> str:
    return f"article is {size / 1024 / 1024:.1f} MB, over the {MAX_ARTICLE_BYTES // 1024 // 1024} MB limit"


def _reason(error: Exception) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)
