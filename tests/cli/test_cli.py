"""The `quotes` command end to end through click's CliRunner, on file databases under tmp_path."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine, text

from quotes.cli import main
from quotes.db.engine import make_engine

CountRows = Callable[[Engine], dict[str, int]]
QUOTE_KEYS = [
    "id", "text", "speaker", "article_id", "article_title", "start", "end", "paragraph", "kind", "cue",
    "method", "confidence", "speaker_id", "origin", "rule", "withheld_speaker",
]


def run(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env, input=stdin, catch_exceptions=False)


def command_paths(group: click.Group = main, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = []
    for name, command in sorted(group.commands.items()):
        paths.append((*prefix, name))
        if isinstance(command, click.Group):
            paths.extend(command_paths(command, (*prefix, name)))
    return paths


def counts_of(db: Path, count_rows: CountRows) -> dict[str, int]:
    engine = make_engine(f"sqlite:///{db}")
    try:
        return count_rows(engine)
    finally:
        engine.dispose()


def test_help_lists_every_command_and_where_the_database_lives() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for name in main.commands:
        assert f"  {name}" in result.output
    assert "quotes.db" in result.output and "QUOTES_DB" in result.output


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("list", "--bogus").exit_code == 2
    assert run("ingest", "--db", str(tmp_path / "x.db")).exit_code == 2
    assert run("extract", "x.txt", "--format", "xml").exit_code == 2


def test_seed_twice_with_quotes_db_keeps_row_counts(tmp_path: Path, count_rows: CountRows) -> None:
    db = tmp_path / "x.db"
    env = {"QUOTES_DB": str(db)}
    first = run("seed", env=env)
    assert first.exit_code == 0, first.output
    assert "2 added, 0 already present, 0 failed" in first.stdout
    assert f"created a new database at {db}" in first.stderr
    counts = counts_of(db, count_rows)
    second = run("seed", env=env)
    assert second.exit_code == 0 and "0 added, 2 already present, 0 failed; 0 quotes stored" in second.stdout
    assert counts_of(db, count_rows) == counts


def test_list_and_speakers_json(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    assert run("seed", "--db", db).exit_code == 0
    quotes = json.loads(run("list", "--json", "--db", db).stdout)
    assert quotes and all(list(row) == QUOTE_KEYS for row in quotes)
    speakers = json.loads(run("speakers", "--json", "--db", db).stdout)
    assert speakers and all(list(row)[:4] == ["name", "aliases", "quotes", "articles"] for row in speakers)
    found = json.loads(run("list", "--json", "--search", "against the law", "--db", db).stdout)
    assert any("not against the law" in row["text"] for row in found)
    human = run("list", "--db", db)
    assert human.exit_code == 0 and "not against the law" in human.stdout
    default_kinds = {row["kind"] for row in quotes}
    assert "term" not in default_kinds
    every_kind = json.loads(run("list", "--json", "--kind", "all", "--db", db).stdout)
    assert {row["kind"] for row in every_kind} >= default_kinds | {"term"}
    terms = json.loads(run("list", "--json", "--kind", "term", "--db", db).stdout)
    assert terms and {row["kind"] for row in terms} == {"term"}
    table = run("speakers", "--db", db)
    assert table.exit_code == 0 and table.stdout.startswith("QUOTES ARTICLES")


def test_batch_with_an_unreadable_file_stores_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text('Alpha\n\n"First words," the mayor said.\n', encoding="utf-8")
    (folder / "b.txt").write_bytes(b"Beta\n\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11" * 4)
    (folder / "c.txt").write_text('Gamma\n\n"Last words," the chief said.\n', encoding="utf-8")
    db = tmp_path / "x.db"
    result = run("ingest", str(folder), "--db", str(db))
    assert result.exit_code == 1
    assert str(folder / "b.txt") in result.stderr and "not text" in result.stderr
    assert "2 added, 0 already present, 1 failed" in result.stdout
    engine = make_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        titles = connection.execute(text("SELECT title FROM articles ORDER BY title")).scalars().all()
        paths = connection.execute(text("SELECT source_path FROM articles")).scalars().all()
    engine.dispose()
    assert titles == ["Alpha", "Gamma"]
    assert not any(path.endswith("b.txt") for path in paths)


def test_jsonl_with_a_bad_line(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        '{"id": "one", "title": "One", "text": "One\\n\\n\\"Yes,\\" he said."}\n'
        '{"id": "two", "title": "Two", "text": \n'
        '{"id": "three", "title": "Three", "text": "Three\\n\\n\\"No,\\" she said."}\n',
        encoding="utf-8",
    )
    db = str(tmp_path / "x.db")
    result = run("ingest", str(batch), "--db", db)
    assert result.exit_code == 1
    assert f"{batch}:2: not valid JSON" in result.stderr
    assert "2 added, 0 already present, 1 failed" in result.stdout
    again = run("ingest", str(batch), "--db", db)
    assert again.exit_code == 1 and "0 added, 2 already present, 1 failed" in again.stdout


def test_db_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    assert run("db", "current", "--db", db).stdout.startswith("no database at")
    assert not Path(db).exists()
    upgraded = run("db", "upgrade", "--db", db)
    assert upgraded.exit_code == 0 and "is at revision" in upgraded.stdout
    assert "(head)" in run("db", "current", "--db", db).stdout
    assert run("db", "check", "--db", db).exit_code == 0

    refused = run("db", "downgrade", "base", "--db", db, stdin="n\n")
    assert refused.exit_code == 1 and "(head)" in run("db", "current", "--db", db).stdout
    dropped = run("db", "downgrade", "base", "--yes", "--db", db)
    assert dropped.exit_code == 0 and "is at revision base" in dropped.stdout
    assert run("db", "current", "--db", db).stdout.startswith("base (empty)")
    assert run("db", "check", "--db", db).exit_code == 1

    listed = run("list", "--db", db)  # an emptied database is built again on first use
    assert listed.exit_code == 0 and "created a new database" in listed.stderr


def test_drift_fails_db_check(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    assert run("db", "upgrade", "--db", str(db)).exit_code == 0
    engine = make_engine(f"sqlite:///{db}")
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE quotes ADD COLUMN stray TEXT"))
    engine.dispose()
    result = run("db", "check", "--db", str(db))
    assert result.exit_code == 1 and "differ" in result.stderr


def test_unknown_schema_and_foreign_databases_are_refused(tmp_path: Path) -> None:
    newer, foreign = tmp_path / "newer.db", tmp_path / "foreign.db"
    assert run("db", "upgrade", "--db", str(newer)).exit_code == 0
    engine = make_engine(f"sqlite:///{newer}")
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff9999'"))
    engine.dispose()
    result = run("list", "--db", str(newer))
    assert result.exit_code == 1 and "does not know" in result.stderr

    engine = make_engine(f"sqlite:///{foreign}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE accounts (id INTEGER)"))
    engine.dispose()
    result = run("list", "--db", str(foreign))
    assert result.exit_code == 1 and "not a quotes database" in result.stderr


def test_untrusted_text_is_never_a_terminal_escape(tmp_path: Path) -> None:
    article = tmp_path / "escape.txt"
    article.write_text(
        "Breaking \x1b]0;pwned\x07 \x1b[2J news \u202e\n\n\"We will win \x1b[31m,\" the minister said.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "x.db")
    assert run("ingest", str(article), "--db", db).exit_code == 0
    for args in (("list",), ("list", "--json"), ("speakers",)):
        output = run(*args, "--db", db).stdout
        assert "\x1b" not in output and "\x07" not in output and "\u202e" not in output, args
    human = run("list", "--db", db).stdout  # C0 controls are stored as U+FFFD; bidi marks shown escaped
    assert "\ufffd]0;pwned\ufffd" in human and "\\u202e" in human
    extracted = run("extract", str(article), "--format", "text").stdout
    assert "\x1b" not in extracted


def test_extract_prints_records_without_a_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text('Title\n\n"We are ready," Anna Smith said.\n', encoding="utf-8")
    Path("b.jsonl").write_text(
        '{"id": "doc-1", "text": "Intro.\\n\\n\\u201cNot now,\\u201d the minister said."}\nnot json\n',
        encoding="utf-8",
    )
    result = run("extract", "./a.txt", "b.jsonl", "missing.txt")
    assert result.exit_code == 1
    assert "b.jsonl:2" in result.stderr and "missing.txt" in result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {record["id"] for record in records} == {"./a.txt", "doc-1"}
    for record in records:
        assert {"id", "start", "end", "text", "speaker", "speaker_mention", "cue", "method", "confidence",
                "kind", "paragraph", "group"} <= set(record)
    assert any(record["text"].startswith("Not now") for record in records)


def test_extract_text_names_unclosed_marks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text('Title\n\n"We will keep going, Anna Smith said.\n\nMore text.\n', encoding="utf-8")
    result = run("extract", "a.txt", "--format", "text")
    assert result.exit_code == 0
    assert "warning [7:8]: quotation mark not closed by the end of the paragraph" in result.stdout
    text_format = run("extract", "./a.txt", "--format", "text")
    assert text_format.exit_code == 0 and text_format.stdout.startswith("== ./a.txt:")
    assert not list(tmp_path.glob("*.db")) and not (tmp_path / "xdg-data").exists()


def test_unreachable_databases_are_one_line_errors(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run("list", "--db", str(blocker / "x.db"))
    assert result.exit_code == 1 and result.stderr.startswith("Error: database error")
    result = run("db", "upgrade", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert result.exit_code == 1 and "database error" in result.stderr and "Traceback" not in result.output
