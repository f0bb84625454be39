"""Sheets of the seeds match the golden files in tests/export/golden/ byte for byte.

Regenerate them on purpose, then read the diff: QUOTES_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/export
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sheets import SPEECH, seeded_database, sheet
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.repo import QuoteQuery
from quotes.export import GroupBy

GOLDEN = Path(__file__).resolve().parent / "golden"
REGENERATE = os.environ.get("QUOTES_REGEN_GOLDEN") == "1"

CASES = [
    ("seeds.md", "md", GroupBy.SPEAKER),
    ("seeds.html", "html", GroupBy.SPEAKER),
    ("seeds.csv", "csv", GroupBy.SPEAKER),
    ("seeds.json", "json", GroupBy.SPEAKER),
    ("seeds.jsonl", "jsonl", GroupBy.SPEAKER),
    ("seeds-by-article.md", "md", GroupBy.ARTICLE),
    ("seeds-by-article.html", "html", GroupBy.ARTICLE),
]


@pytest.fixture(scope="module")
def seeded_sheets(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Iterator[sessionmaker[Session]]:
    yield from seeded_database(tmp_path_factory, template_db)


@pytest.mark.parametrize(("name", "format_name", "group_by"), CASES, ids=[case[0] for case in CASES])
def test_seed_sheet_matches_its_golden_file(
    seeded_sheets: sessionmaker[Session], name: str, format_name: str, group_by: GroupBy
) -> None:
    with seeded_sheets() as session:
        written = sheet(session, format_name, QuoteQuery(kinds=SPEECH), group_by=group_by).encode("utf-8")
    golden = GOLDEN / name
    if REGENERATE:
        golden.write_bytes(written)
        pytest.skip(f"regenerated {golden.name}: read the diff before committing it")
    assert written == golden.read_bytes(), f"{name} differs: QUOTES_REGEN_GOLDEN=1 regenerates it"


def test_golden_sheets_hold_quotes_of_several_speakers() -> None:
    """The goldens are worth comparing: many quotes, several speakers, unattributed ones, context lines."""
    markdown = (GOLDEN / "seeds.md").read_text("utf-8")
    assert markdown.count("\n> ") >= 20 and markdown.count("\n## ") >= 5
    assert "## Unattributed quotes" in markdown and markdown.count("\nContext: ") >= 20
    count = json.loads((GOLDEN / "seeds.json").read_text("utf-8"))["count"]
    assert count >= 20 and markdown.endswith(f"\n{count} quotes.\n")
    html = (GOLDEN / "seeds.html").read_text("utf-8")
    assert html.count('<div class="quote"') == count and html.count('<li><a href="#g') >= 5
