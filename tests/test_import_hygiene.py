"""Importing the CLI stays cheap: no Textual or Rich (only quotes.tui may use them), no database stack."""

from __future__ import annotations

import json
import subprocess
import sys

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
