"""`quotes tui` without a terminal exits 2 with one clear line and starts nothing."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from quotes.cli import main


def test_tui_without_a_terminal_exits_2_with_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["tui", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "quotes: `quotes tui` needs a terminal (stdin and stdout are not one)"
    ]
    assert not (tmp_path / "none.db").exists()
