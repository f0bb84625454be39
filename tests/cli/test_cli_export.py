"""`quotes export` and the shared quote filters through click's CliRunner, on the seeds."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quotes.cli import main
from quotes.export import FIELDS
from quotes.export.markdown import escape


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def db(seeded_db: str, db_path: Path) -> str:
    return str(db_path)


def test_markdown_to_stdout_by_default(db: str) -> None:
    result = run("export", "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Quote sheet\n") and f"from {escape(db)}." in result.stdout
    assert "\n## " in result.stdout and "\n> " in result.stdout and result.stderr == ""


@pytest.mark.parametrize(
    ("name", "opening"),
    [("sheet.csv", "id,text,kind,"), ("sheet.json", "{\n"), ("sheet.html", "<!DOCTYPE html>"), ("s.md", "# ")],
)
def test_format_from_the_file_suffix(db: str, tmp_path: Path, name: str, opening: str) -> None:
    target = tmp_path / name
    result = run("export", "--db", db, "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text("utf-8").startswith(opening)
    assert "wrote" in result.stderr and str(target) in result.stderr


def test_never_overwrites_without_force(db: str, tmp_path: Path) -> None:
    target = tmp_path / "sheet.csv"
    target.write_text("keep me", "utf-8")
    refused = run("export", "--db", db, "-o", str(target))
    assert refused.exit_code == 1 and "exists: add --force" in refused.stderr
    assert target.read_text("utf-8") == "keep me"
    forced = run("export", "--db", db, "-o", str(target), "--force")
    assert forced.exit_code == 0
    rows = list(csv.reader(io.StringIO(target.read_text("utf-8"), newline="")))
    assert len(rows) > 20 and rows[0][:3] == ["id", "text", "kind"]
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []  # no leftovers


def test_bad_targets_are_refused(db: str, tmp_path: Path) -> None:
    assert "is a folder" in run("export", "--db", db, "-o", str(tmp_path)).stderr
    assert "no folder" in run("export", "--db", db, "-o", str(tmp_path / "missing" / "x.md")).stderr


def test_an_empty_result_says_so_and_writes_nothing_unless_asked(db: str, tmp_path: Path) -> None:
    target = tmp_path / "none.csv"
    result = run("export", "--db", db, "--until", "2000-01-01", "-o", str(target))
    assert result.exit_code == 0 and "no quotes match" in result.stderr and not target.exists()
    result = run("export", "--db", db, "--until", "2000-01-01", "--format", "json")
    assert result.exit_code == 0 and result.stdout == ""
    result = run("export", "--db", db, "--until", "2000-01-01", "-o", str(target), "--write-empty")
    assert result.exit_code == 0 and target.read_bytes() == b"id,text,kind," + b",".join(
        name.encode() for name in FIELDS[3:]
    ) + b"\r\n"
    document = json.loads(run("export", "--db", db, "--search", "zzzzqq", "--format", "json", "--write-empty").stdout)
    assert document["count"] == 0 and document["quotes"] == [] and document["filters"]["search"] == "zzzzqq"


def test_filters_reach_the_sheet(db: str) -> None:
    every = json.loads(run("export", "--db", db, "--format", "json", "--kind", "all").stdout)
    confident = json.loads(run("export", "--db", db, "--format", "json", "--min-confidence", "0.9").stdout)
    assert every["count"] > confident["count"] > 0
    assert all(q["confidence"] >= 0.9 for q in confident["quotes"])
    assert confident["filters"] == {"kinds": ["speech", "partial", "nested", "unclosed"], "min_confidence": 0.9}
    speaker = next(q for q in every["quotes"] if q["speaker_id"] is not None)
    by_id = json.loads(run("export", "--db", db, "--format", "json", "--speaker", f"#{speaker['speaker_id']}").stdout)
    assert by_id["count"] > 0 and {q["speaker_id"] for q in by_id["quotes"]} == {speaker["speaker_id"]}
    article = json.loads(run("export", "--db", db, "--format", "jsonl", "--article", "2").stdout.splitlines()[0])
    assert article["article_id"] == 2 and article["version"] == 1
    day = every["quotes"][0]["article_date"]
    dated = json.loads(run("export", "--db", db, "--format", "json", "--since", day, "--until", day).stdout)
    assert dated["count"] > 0 and dated["filters"]["since"] == dated["filters"]["until"] == day


def test_grouping_by_article(db: str) -> None:
    sheet = run("export", "--db", db, "--group-by", "article", "--format", "html").stdout
    assert "Contents by article" in sheet and sheet.count('<section id="g') == 2


def test_filter_errors(db: str) -> None:
    unknown = run("export", "--db", db, "--speaker", "#9999")
    assert unknown.exit_code == 1 and "no speaker #9999" in unknown.stderr
    backwards = run("export", "--db", db, "--since", "2024-02-01", "--until", "2024-01-01")
    assert backwards.exit_code == 2 and "is after" in backwards.stderr
    assert run("export", "--db", db, "--min-confidence", "1.5").exit_code == 2
    assert run("export", "--db", db, "--since", "01/02/2024").exit_code == 2


def test_list_takes_the_same_filters(db: str) -> None:
    listed = json.loads(run("list", "--db", db, "--json", "--min-confidence", "0.9").stdout)
    exported = json.loads(run("export", "--db", db, "--format", "json", "--min-confidence", "0.9").stdout)
    assert sorted(q["id"] for q in listed) == sorted(q["id"] for q in exported["quotes"])
    speaker_id = listed[0]["speaker_id"]
    mine = json.loads(run("list", "--db", db, "--json", "--speaker", str(speaker_id)).stdout)
    assert mine and {q["speaker_id"] for q in mine} == {speaker_id}
    assert run("list", "--db", db, "--until", "2000-01-01").stderr == "quotes: no quotes found\n"
