"""Kind `unclosed` end to end: extract, ingest, list, export, check, audit and reparse all take it; the
defaults show it, marked, and it is never attributed."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner, Result

from quotes.cli import main
from quotes.export.json import SCHEMA_FILE

ARTICLE = (
    "Elmtown council votes\n\n"
    "The council met on Tuesday.\n\n"
    "\u201cWe will win the vote, said Jane Roe, the mayor. Then she left the room.\n\n"
    "Roe added: \u201cWe always do.\u201d\n"
)
UNCLOSED = "We will win the vote"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_extract_prints_unclosed_quotes_by_default(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    records = [json.loads(line) for line in run("extract", str(path)).stdout.splitlines()]
    unclosed = [r for r in records if r["kind"] == "unclosed"]
    assert [(r["text"], r["speaker"], r["method"]) for r in unclosed] == [(UNCLOSED, None, "unresolved")]
    assert any(r["speaker"] == "Jane Roe" for r in records if r["kind"] == "speech")
    only = [json.loads(line) for line in run("extract", str(path), "--kinds", "unclosed").stdout.splitlines()]
    assert [r["text"] for r in only] == [UNCLOSED]
    assert [json.loads(line)["kind"] for line in run("extract", str(path), "--kinds", "speech").stdout.splitlines()] \
        == ["speech"]


def test_the_database_lists_exports_checks_and_audits_unclosed_quotes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'q.db'}"
    assert run("ingest", str(path), "--db", db).exit_code == 0
    rows = json.loads(run("list", "--json", "--db", db).stdout)
    assert [(row["text"], row["kind"], row["speaker"]) for row in rows if row["kind"] == "unclosed"] \
        == [(UNCLOSED, "unclosed", None)]
    shown = run("list", "--kind", "unclosed", "--db", db).stdout
    assert "unclosed" in shown and UNCLOSED in shown and "We always do" not in shown

    sheet = json.loads(run("export", "--format", "json", "--db", db).stdout)
    schema = json.loads((Path(__file__).parents[2] / "quotes" / "export" / SCHEMA_FILE).read_text(encoding="utf-8"))
    jsonschema.validate(sheet, schema)
    assert "unclosed" in {quote["kind"] for quote in sheet["quotes"]}

    checked = run("check", UNCLOSED, "--speaker", "Jane Roe", "--json", "--db", db)
    assert checked.exit_code in (0, 1) and json.loads(checked.stdout)
    assert run("audit", "--db", db).exit_code == 0
    assert run("reparse", "--db", db).exit_code == 0
    assert len(json.loads(run("list", "--json", "--db", db).stdout)) == len(rows)
