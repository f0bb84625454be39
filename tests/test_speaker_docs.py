"""The README's table of speaker rules is the one in quotes/speakers/RULES.md, row for row."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("| `")]


def section(text: str, heading: str) -> str:
    """The text under a `## ` heading, up to the next one."""
    start = text.index(heading)
    end = text.find("\n## ", start + len(heading))
    return text[start:] if end < 0 else text[start:end]


def test_readme_rules_table_matches_rules_md() -> None:
    rules = table_rows((ROOT / "quotes" / "speakers" / "RULES.md").read_text(encoding="utf-8"))
    assert len(rules) > 20
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert table_rows(section(readme, "## Speakers across articles")) == rules
