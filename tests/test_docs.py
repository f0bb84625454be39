"""The README documents every command and the two commands that set up and run the project."""

from __future__ import annotations

from pathlib import Path

import click

from quotes.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def command_paths(group: click.Group = main, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = []
    for name, command in sorted(group.commands.items()):
        paths.append((*prefix, name))
        if isinstance(command, click.Group):
            paths.extend(command_paths(command, (*prefix, name)))
    return paths


def test_every_command_appears_in_the_readme() -> None:
    missing = [" ".join(path) for path in command_paths() if f"quotes {' '.join(path)}" not in README]
    assert missing == []


def test_every_command_has_help_text() -> None:
    for path in command_paths():
        command: click.Command = main
        for name in path:
            assert isinstance(command, click.Group)
            command = command.commands[name]
        assert command.help and command.get_short_help_str(), path


def test_readme_gives_the_two_commands() -> None:
    assert "quotes seed" in README and "quotes list" in README
    assert "bash .ci/run" in README
