"""--min-confidence on extract and ingest: a weak speaker is withheld, stored unresolved with its rule,
its confidence and the withheld name, and shown so by extract and list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quotes.cli import main

# "Elmshire" has no sign of being a person, and the quote only sits in a clause it is the subject of.
WEAK = 'Elmshire called the plan "a disaster for the whole county."\n\n"We will vote no," Jane Hale said.\n'


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_extract_withholds_a_weak_speaker_and_min_confidence_zero_keeps_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(WEAK, encoding="utf-8")
    default = [json.loads(line) for line in run("extract", "a.txt").stdout.splitlines()]
    kept = [json.loads(line) for line in run("extract", "a.txt", "--min-confidence", "0").stdout.splitlines()]
    weak, strong = default
    assert (weak["speaker"], weak["withheld_speaker"], weak["speaker_mention"]) == (None, "Elmshire", None)
    assert weak["method"] == "unresolved" and weak["rule"] == "embedded" and weak["confidence"] < 0.5
    assert strong["speaker"] == "Jane Hale" and strong["rule"] == "cue-after"
    assert kept[0]["speaker"] == "Elmshire" and kept[0]["withheld_speaker"] is None
    text = run("extract", "a.txt", "--format", "text").stdout
    assert "(unresolved) (withheld: Elmshire, under the confidence threshold)" in text
    assert "rule embedded" in text
    assert run("extract", "a.txt", "--min-confidence", "2").exit_code == 2


def test_ingest_stores_the_rule_and_the_withheld_name(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Headline\n\n" + WEAK, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'q.db'}"
    assert run("ingest", str(article), "--db", db).exit_code == 0
    rows = {row["text"]: row for row in json.loads(run("list", "--json", "--kind", "all", "--db", db).stdout)}
    weak = rows["a disaster for the whole county."]
    assert (weak["speaker"], weak["withheld_speaker"], weak["rule"]) == (None, "Elmshire", "embedded")
    assert rows["We will vote no,"]["rule"] == "cue-after"
    assert "(unresolved) (withheld: Elmshire)" in run("list", "--kind", "all", "--db", db).stdout
    db_all = f"sqlite:///{tmp_path / 'all.db'}"
    assert run("ingest", "--min-confidence", "0", str(article), "--db", db_all).exit_code == 0
    kept = json.loads(run("list", "--json", "--kind", "all", "--db", db_all).stdout)
    assert any(row["speaker"] == "Elmshire" and row["withheld_speaker"] is None for row in kept)
