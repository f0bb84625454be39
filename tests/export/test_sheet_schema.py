"""Every JSON and JSON Lines sheet validates against quote-sheet.schema.json, shipped in the package."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from sheets import SPEECH, hostile_database, seeded_database, sheet
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.repo import QuoteQuery
from quotes.export import FIELDS, SCHEMA_VERSION, GroupBy
from quotes.export.json import json_schema

SCHEMA = json_schema()
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
QUERIES = [
    QuoteQuery(kinds=SPEECH),
    QuoteQuery(),
    QuoteQuery(speaker="a", min_confidence=0.5, kinds=("speech",), search="law"),
    QuoteQuery(article_id=999),  # empty
]


@pytest.fixture(scope="module")
def seeded_sheets(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Iterator[sessionmaker[Session]]:
    yield from seeded_database(tmp_path_factory, template_db)


@pytest.fixture(scope="module")
def hostile_sheets(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Iterator[sessionmaker[Session]]:
    yield from hostile_database(tmp_path_factory, template_db)


def documents(session: Session, query: QuoteQuery) -> list[Any]:
    written = sheet(session, "json", query, group_by=GroupBy.ARTICLE)
    lines = [json.loads(line) for line in sheet(session, "jsonl", query).splitlines()]
    return [json.loads(written), *lines]


def test_the_schema_is_valid_and_lists_every_field() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    quote = SCHEMA["$defs"]["quote"]
    assert list(quote["properties"]) == list(FIELDS) == quote["required"]
    assert SCHEMA["$defs"]["sheet"]["properties"]["version"] == {"const": SCHEMA_VERSION}
    assert all(prop.get("description") or prop.get("type") for prop in quote["properties"].values())


@pytest.mark.parametrize("query", QUERIES, ids=["speech", "all", "filtered", "empty"])
def test_seed_sheets_validate(seeded_sheets: sessionmaker[Session], query: QuoteQuery) -> None:
    with seeded_sheets() as session:
        found = documents(session, query)
    for document in found:
        VALIDATOR.validate(document)
    assert found[0]["count"] == len(found) - 1


def test_hostile_sheets_validate(hostile_sheets: sessionmaker[Session]) -> None:
    with hostile_sheets() as session:
        found = documents(session, QuoteQuery())
    assert len(found) > 10
    for document in found:
        VALIDATOR.validate(document)


def test_the_schema_rejects_what_it_should() -> None:
    """The schema is strict: a missing field, an unknown one or a wrong type fails."""
    line = {"version": 1, **{name: None for name in FIELDS}}
    assert not VALIDATOR.is_valid(line)
    assert not VALIDATOR.is_valid({"format": "quote-sheet", "version": 2})
