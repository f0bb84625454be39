"""The README's table of speaker rules is the one in quotes/speakers/RULES.md, row for row."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def table_rows(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("| `")]


def test_readme_rules_table_matches_rules_md() -> None:
    rules = table_rows(ROOT / "quotes" / "speakers" / "RULES.md")
    assert len(rules) > 20
    assert table_rows(ROOT / "README.md") == rules
