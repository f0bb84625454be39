"""`quotes tui` without a terminal exits 2 with one clear line and starts nothing; with one, a SQLite file
at head is opened by the app after its first frame, anything else before the app starts."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from quotes.cli import main
from quotes.cli.tui import plain_sqlite_file
from quotes.db.schema_head import sqlite_file_at_head


def test_tui_without_a_terminal_exits_2_with_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["tui", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "quotes: `quotes tui` needs a terminal (stdin and stdout are not one)"
    ]
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("news.db", "news.db"),
        ("sqlite:///news.db", "news.db"),
        ("sqlite:////srv/news.db", "/srv/news.db"),
        ("sqlite://", None),  # in memory
        ("sqlite:///:memory:", None),
        ("sqlite:///news.db?mode=ro", None),  # options: the full way reads them
        ("sqlite:///my%20news.db", None),  # escapes too
        ("postgresql+psycopg://quotes@host/quotes", None),
    ],
)
def test_the_sqlite_file_tui_reads_without_sqlalchemy(given: str, expected: str | None, tmp_path: Path) -> None:
    found = plain_sqlite_file(given)
    assert found == (None if expected is None else Path(expected).absolute())


def test_tui_opens_a_file_at_head_after_its_first_frame_and_anything_else_first(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file at head: the app is started with an opener not yet called (the app calls it in a worker).
    A new file: created and migrated before the app starts, as every command does."""
    started: list[tuple[Callable[[], sessionmaker[Session]], str]] = []
    command_module = importlib.import_module("quotes.cli.tui")  # quotes.cli.tui is also the command's name
    monkeypatch.setattr(command_module, "has_terminal", lambda: True)
    monkeypatch.setattr("quotes.tui.app.run", lambda opener, *, database: started.append((opener, database)))
    new = tmp_path / "new.db"
    for path in (db_path, new):
        result = CliRunner().invoke(main, ["tui", "--db", str(path)])
        assert result.exit_code == 0, result.output
    (at_head, shown), (created, new_shown) = started
    assert (shown, new_shown) == (str(db_path), str(new))
    assert new.exists() and sqlite_file_at_head(new)  # migrated before the app started
    for opener in (at_head, created):
        with opener()() as session:
            assert session.execute(text("SELECT count(*) FROM quotes")).scalar_one() == 0
