"""Article metadata from JSONL records and Markdown front matter: checked fields, titles, dates."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

TITLE_MAX_CHARS = 1000
FIELD_MAX_CHARS = {"id": 500, "url": 2048, "outlet": 200, "language": 35, "author": 500}
FRONT_MATTER_MAX_CHARS = 8192
_HEADING_MARK = re.compile(r"\A\s*#{1,6}\s+")  # a Markdown ATX heading's leading marks


class RecordError(ValueError):
    """A JSONL record that is valid JSON but not a usable article."""


def headline(text: str) -> str | None:
    """The first non-empty line, stripped (of Markdown heading marks too) and cut to TITLE_MAX_CHARS."""
    for line in text.splitlines():
        stripped = _HEADING_MARK.sub("", line).strip()
        if stripped:
            return cut_title(stripped)
    return None


def record_fields(record: dict[str, Any]) -> dict[str, Any]:
    """The metadata of a JSONL record or front matter, checked: strings within their limits, a date."""
    fields: dict[str, Any] = {}
    for name in ("id", "title", "url", "outlet", "language", "author"):
        value = record.get(name)
        if value is not None and not isinstance(value, (str, int)):
            raise RecordError(f'"{name}" must be a string')
        value = None if value is None else " ".join(str(value).split()) or None
        limit = FIELD_MAX_CHARS.get(name)
        if value is not None and limit is not None and len(value) > limit:
            raise RecordError(f'"{name}" is longer than {limit} characters')
        fields[name] = value
    fields["title"] = cut_title(fields["title"]) if fields["title"] else None
    fields["published"] = published_date(record.get("published"))
    return fields


FRONT_MATTER_KEYS = {
    "title": "title",
    "author": "author",
    "date": "published",
    "published": "published",
    "url": "url",
    "link": "url",
    "outlet": "outlet",
    "source": "outlet",
    "language": "language",
    "lang": "language",
}


def front_matter(text: str) -> tuple[str, dict[str, str]]:
    """Markdown front matter (`---`, `key: value` lines, `---`) split from the text that follows it."""
    if not text.startswith("---\n"):
        return text, {}
    end = text.find("\n---\n", 3, FRONT_MATTER_MAX_CHARS)
    if end < 0:
        return text, {}
    found: dict[str, str] = {}
    for line in text[4:end].split("\n"):
        key, colon, value = line.partition(":")
        name = FRONT_MATTER_KEYS.get(key.strip().lower())
        if colon and name is not None and name not in found:
            found[name] = value.strip().strip("\"'").strip()
    return text[end + 5 :], found


def cut_title(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= TITLE_MAX_CHARS else title[: TITLE_MAX_CHARS - 1] + "…"


def published_date(value: object) -> date | None:
    """An ISO 8601 date or date-time (its date part is kept)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RecordError('"published" must be an ISO 8601 date string such as "2022-09-22"')
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError as error:
        raise RecordError(f'"published" is not an ISO 8601 date: {value!r}') from error
