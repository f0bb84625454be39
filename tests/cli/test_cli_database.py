"""Choosing and opening the database from the command line: paths that do not exist, --db before or
after the command name, a missing PostgreSQL driver, one-line database errors, and several processes
opening one new database at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from quotes.cli import main
from quotes.db.engine import make_engine
from quotes.db.errors import one_line

ARTICLE = 'Elmtown council\n\n"We will rebuild the bridge by {n}," Mayor Ada Hale said on Monday.\n'


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_a_db_in_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "x.db"
    result = run("list", "--db", str(missing))
    assert result.exit_code == 2 and f"{missing.parent} does not exist" in result.stderr
    result = run("seed", env={"QUOTES_DB": str(missing)})
    assert result.exit_code == 2 and "$QUOTES_DB" in result.stderr
    assert not missing.parent.exists()


def test_db_works_before_and_after_the_command_name(tmp_path: Path) -> None:
    before, after = tmp_path / "before.db", tmp_path / "after.db"
    seeded = run("--db", str(before), "seed")
    assert seeded.exit_code == 0 and f"created a new database at {before}" in seeded.stderr
    assert run("--db", str(before), "db", "current").stdout.endswith("(head)\n")
    listed = run("--db", str(before), "list", "--json")
    assert listed.exit_code == 0 and len(json.loads(listed.stdout)) > 0
    after_listed = run("--db", str(before), "list", "--json", "--db", str(after))  # the nearer one wins
    assert after_listed.exit_code == 0 and json.loads(after_listed.stdout) == []
    assert "created a new database" in after_listed.stderr and after.exists()


def test_postgresql_without_its_driver_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if the postgres extra were not installed
    result = run("list", "--db", "postgresql+psycopg://news@127.0.0.1:1/quotes")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: PostgreSQL needs the psycopg driver, which is not installed: pip install 'quotes[postgres]'\n"
    )


def test_database_errors_never_show_the_statement_or_its_parameters(db_url: str) -> None:
    engine = make_engine(db_url)
    secret = "article text that must not be echoed"
    try:
        with pytest.raises(IntegrityError) as caught, engine.begin() as connection:
            statement = text("INSERT INTO speakers (id, name) VALUES (1, :name), (1, :name)")
            connection.execute(statement, {"name": secret})
        assert secret in str(caught.value) and "INSERT" in str(caught.value)
        message = one_line(caught.value)
        assert "\n" not in message and secret not in message and "INSERT" not in message
        assert "constraint" in message.lower()
    finally:
        engine.dispose()


def _ingest_processes(db: str, paths: list[Path], *extra: str) -> list[subprocess.CompletedProcess[str]]:
    """Start one `quotes ingest` process per path at once and wait for all of them."""
    env = {key: value for key, value in os.environ.items() if key != "QUOTES_DB"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "quotes", "ingest", "--db", db, "--jobs", "1", *extra, str(path)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        for path in paths
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return results


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_processes_opening_one_new_database_at_once_all_succeed(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    db = str(tmp_path / "new.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    paths = []
    for n in range(4):
        path = tmp_path / f"a{n}.txt"
        path.write_text(ARTICLE.format(n=2030 + n), encoding="utf-8")
        paths.append(path)
    results = _ingest_processes(db, paths)
    assert [r.returncode for r in results] == [0] * 4, [r.stderr for r in results]
    assert sum("created a new database" in r.stderr for r in results) == 1
    engine = make_engine(db if backend != "sqlite" else f"sqlite:///{db}")
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM articles")).scalar_one() == 4
    finally:
        engine.dispose()
