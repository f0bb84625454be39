"""Importing the CLI stays cheap: no Textual or Rich (only quotes.tui may use them), no database stack."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FORBIDDEN_FOR_CLI = ("textual", "rich", "sqlalchemy", "alembic", "quotes.db", "quotes.parse")


def imported_after(code: str) -> set[str]:
    probe = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout.splitlines()[-1]))


def top_level(modules: set[str], names: tuple[str, ...]) -> set[str]:
    return {module for module in modules for name in names if module == name or module.startswith(name + ".")}


def test_importing_the_cli_imports_no_ui_and_no_database() -> None:
    assert top_level(imported_after("import quotes.cli"), FORBIDDEN_FOR_CLI) == set()


def test_help_imports_no_ui() -> None:
    code = (
        "from quotes.cli import main\n"
        "try:\n    main(['--help'], prog_name='quotes')\nexcept SystemExit:\n    pass"
    )
    assert top_level(imported_after(code), ("textual", "rich")) == set()


def test_core_imports_no_ui() -> None:
    code = "import quotes.db.ingest, quotes.db.repo, quotes.db.migrate, quotes.parse"
    assert top_level(imported_after(code), ("textual", "rich")) == set()


@pytest.mark.parametrize("module", ["quotes", "quotes.cli"])
def test_the_cli_runs_as_a_module(module: str) -> None:
    """`python -m quotes` and `python -m quotes.cli` both run the command (no circular import)."""
    result = subprocess.run([sys.executable, "-m", module, "--version"], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("quotes, version ")


def test_the_ui_does_not_wait_for_the_parser() -> None:
    """`quotes tui` draws its first screen without loading the parser or the speaker resolver (a
    second of imports on a busy machine): corrections and candidates import them when used."""
    code = "import quotes.cli, quotes.tui.app, quotes.tui.screens.detail, quotes.tui.screens.profile"
    assert top_level(imported_after(code), ("quotes.parse", "quotes.speakers", "quotes.db.profiles")) == set()


BEFORE_THE_FIRST_FRAME = (
    "sqlalchemy",
    "alembic",
    "filelock",
    "quotes.parse",
    "quotes.speakers",
    "quotes.db.models",
    "quotes.db.repo",
    "quotes.db.migrate",
    "plotext",
    "textual_plotext",
    "pygments",
)


def test_quotes_tui_draws_its_first_frame_before_loading_the_database_layer(seeded_db: str) -> None:
    """`quotes tui` on a SQLite file at head: what is loaded when its first frame is drawn holds no
    database layer, no Alembic, no parser, no charting (the first worker loads the database layer after
    that frame, quotes.tui.app.QuotesApp.sessions): the first frame waits for Python, click, Textual and
    the UI alone. Then the app shows the data as usual."""
    code = (
        "import asyncio, json, sys\n"
        "import quotes.cli\n"
        "from quotes.cli.tui import plain_sqlite_file\n"
        "from quotes.db.schema_head import sqlite_file_at_head\n"
        f"path = plain_sqlite_file({seeded_db!r})\n"
        "assert path is not None and sqlite_file_at_head(path)\n"
        "from quotes.tui.app import QuotesApp\n"
        "from quotes.tui.widgets.panes import SpeakersPane\n"
        "from quotes.cli.common import open_db\n"
        "loaded = []\n"
        "async def first_frame():\n"
        f"    app = QuotesApp(database=str(path), opener=lambda: open_db({seeded_db!r}))\n"
        "    display = app._display\n"
        "    def drawn(screen, update):\n"
        "        loaded.extend([] if loaded else sys.modules)\n"
        "        display(screen, update)\n"
        "    app._display = drawn\n"
        "    async with app.run_test(size=(120, 40)) as pilot:\n"
        "        await pilot.pause()\n"
        "        await app.workers.wait_for_complete()\n"
        "        await pilot.pause()\n"
        "        assert app.screen.query_one(SpeakersPane).table.row_count > 0\n"
        "asyncio.run(first_frame())\n"
        "print(json.dumps(sorted(loaded)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(result.stdout.splitlines()[-1]))
    assert "textual" in loaded and "quotes.tui.app" in loaded
    assert top_level(loaded, BEFORE_THE_FIRST_FRAME) == set()


def test_sqlite_commands_never_load_the_postgresql_dialect(seeded_db: str, tmp_path: Path) -> None:
    """On a SQLite database at head, ingest, list, search and the speakers list run without SQLAlchemy's
    PostgreSQL dialect (some 50 ms to import): its INSERT ... ON CONFLICT is imported when a PostgreSQL
    database asks for it (quotes.db.bulk.on_conflict_insert), and no model declares dialect options."""
    if not seeded_db.startswith("sqlite"):
        pytest.skip("a SQLite database")
    article = tmp_path / "a.txt"
    article.write_text('Headline\n\n"We will build it," said Ada Okafor, the mayor of Elmtown.\n', encoding="utf-8")
    code = (
        "from quotes.cli import main\n"
        f"for args in (['ingest', '--quiet', '--jobs', '1', {str(article)!r}], ['list', '--speaker', 'Okafor'],\n"
        "             ['list', '--search', 'build'], ['speakers']):\n"
        "    try:\n"
        f"        main(['--db', {seeded_db!r}, *args], prog_name='quotes', standalone_mode=False)\n"
        "    except SystemExit as exit:\n"
        "        assert not exit.code, exit.code\n"
    )
    loaded = imported_after(code)
    assert "quotes.db.ingest" in loaded and "sqlalchemy.dialects.sqlite" in loaded
    assert top_level(loaded, ("sqlalchemy.dialects.postgresql",)) == set()
