"""Every CLI command that prints stored text, over an article whose title, quotes and speaker name hold
each kind of hostile text: nothing reaches the terminal raw, JSON escapes controls, HTML and Markdown
are escaped, CSV formulas are defused (table: COMMANDS x HOSTILE)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes.cli import main
from quotes.export.csv import FORMULA_STARTS
from quotes.folding import display_form

# (kind, what the article and the speaker's name hold)
HOSTILE = {
    "rich markup": "[bold]loud[/bold] and [@click=app.quit]budget[/]",
    "CSI escape": "\x1b[31mred\x1b[0m",
    "OSC title": "\x1b]0;pwned\x07",
    "BEL": "bell\x07bell",
    "C1 CSI": "c1\x9b31mred",
    "bidi override": "\u202etxt.exe\u202c",
    "HTML script": "<script>alert(1)</script>",
    "Markdown": "**bold** _it_ [link](http://evil.example) | pipe `code`",
    "CSV formula": "=HYPERLINK('http://evil.example','click')",
}
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SPEAKER_NAME = "Zoë Okafor " + " ".join(HOSTILE.values())


def article_text() -> str:
    title = "Council " + " ".join(HOSTILE.values())
    quotes = "\n\n".join(f"“{value} is what we said,” Zoë Okafor said." for value in HOSTILE.values())
    formula = "“=HYPERLINK('http://evil.example','click')” Zoë Okafor said."  # a quote that opens with =
    return f"{title}\n\n{quotes}\n\n{formula}\n"


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output  # check exits 1 when a claim is not supported
    return result.stdout


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """A database holding the hostile article, its speaker renamed to a hostile name; and the article."""
    folder = tmp_path_factory.mktemp("hostile")
    db, article = str(folder / "q.db"), folder / "hostile.txt"
    article.write_text(article_text(), encoding="utf-8")
    run("ingest", str(article), "--db", db)
    run("speakers", "rename", "zoe okafor", SPEAKER_NAME, "--db", db)
    (folder / "draft.txt").write_text(article_text(), encoding="utf-8")
    return db, folder


def text_output(output: str) -> None:
    assert not RAW_CONTROL.search(output)


def json_output(output: str) -> None:
    assert not RAW_CONTROL.search(output)
    try:
        values = [json.loads(output)]
    except json.JSONDecodeError:  # JSON Lines
        values = [json.loads(line) for line in output.splitlines()]
    assert values


def html_output(output: str) -> None:
    assert not RAW_CONTROL.search(output)
    assert "<script>" not in output and "&lt;script&gt;" in output


def md_output(output: str) -> None:
    assert not RAW_CONTROL.search(output)
    assert "<script>" not in output
    assert "[bold]" not in output and "[link](" not in output and "**bold**" not in output


def csv_output(output: str) -> None:
    assert not RAW_CONTROL.search(output.replace("\r\n", "\n"))
    cells = [cell for row in csv.reader(io.StringIO(output)) for cell in row]
    assert cells and not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]


COMMANDS: dict[str, tuple[Callable[[str, Path], list[str]], Callable[[str], None]]] = {
    "list": (lambda db, _: ["list", "--db", db], text_output),
    "list --search": (lambda db, _: ["list", "--search", "okafor", "--db", db], text_output),
    "list --json": (lambda db, _: ["list", "--json", "--db", db], json_output),
    "speakers": (lambda db, _: ["speakers", "--db", db], text_output),
    "speakers --json": (lambda db, _: ["speakers", "--json", "--db", db], json_output),
    "speakers show": (lambda db, _: ["speakers", "show", "#1", "--db", db], text_output),
    "quote show": (lambda db, _: ["quote", "show", "1", "--db", db], text_output),
    "check": (lambda db, _: ["check", "bell is what we said", "--speaker", "okafor", "--db", db], text_output),
    "check --json": (
        lambda db, _: ["check", "bell is what we said", "--speaker", "okafor", "--json", "--db", db],
        json_output,
    ),
    "check --draft": (lambda db, f: ["check", "--draft", str(f / "draft.txt"), "--db", db], text_output),
    "check --draft md": (lambda db, f: ["check", "--draft", str(f / "draft.txt"), "--format", "md", "--db", db], md_output),
    "check --draft html": (
        lambda db, f: ["check", "--draft", str(f / "draft.txt"), "--format", "html", "--db", db],
        html_output,
    ),
    "audit": (lambda db, _: ["audit", "--db", db], text_output),
    "export md": (lambda db, _: ["export", "--format", "md", "--db", db], md_output),
    "export html": (lambda db, _: ["export", "--format", "html", "--db", db], html_output),
    "export csv": (lambda db, _: ["export", "--format", "csv", "--db", db], csv_output),
    "export json": (lambda db, _: ["export", "--format", "json", "--db", db], json_output),
    "export jsonl": (lambda db, _: ["export", "--format", "jsonl", "--db", db], json_output),
    "extract": (lambda _, f: ["extract", str(f / "hostile.txt"), "--format", "text"], text_output),
    "extract json": (lambda _, f: ["extract", str(f / "hostile.txt")], json_output),
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_hostile_text_gets_through(command: str, hostile: tuple[str, Path]) -> None:
    args, check = COMMANDS[command]
    output = run(*args(*hostile))
    assert output.strip(), f"{command} printed nothing"
    check(output)
    if command in ("list", "speakers", "speakers show", "quote show"):  # the name is shown, escaped
        assert "Zoë Okafor [bold]loud[/bold]" in output and "\\x1b[31mred\\x1b[0m" in output
        assert "c1\\x9b31mred" in output
    if command in ("list --json", "speakers --json"):  # the name comes back whole, less its bidi controls
        assert display_form(SPEAKER_NAME) in strings(json.loads(output))
        assert "txt.exe" in display_form(SPEAKER_NAME) and "\u202e" not in display_form(SPEAKER_NAME)


def strings(value: object) -> set[str]:
    """Every string in a parsed JSON value."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(strings(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(strings(v) for v in value)) if value else set()
    return set()
