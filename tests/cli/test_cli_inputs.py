"""`quotes ingest` over every input a newsroom has (--encoding, stdin, mixed folders), and hostile
article text that the CLI prints inert: one test row per kind of hostile content."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import text

from quotes.cli import main
from quotes.db.engine import make_engine
from quotes.decoding import replace_controls
from quotes.display import printable


def run(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def stored(db: Path, sql: str) -> list[tuple[object, ...]]:
    engine = make_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]
    finally:
        engine.dispose()


def test_encoding_forces_a_codec_and_an_unknown_one_is_a_usage_error(tmp_path: Path, db_path: Path) -> None:
    article = tmp_path / "greek.txt"
    article.write_bytes("Ψήφος στο Έλμταουν\n«Θα το χτίσουμε», είπε η Χέιλ.\n".encode("iso8859-7"))
    db = db_path  # a copy of a database at head
    result = run("ingest", str(article), "--encoding", "iso8859-7", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert stored(db, "SELECT title, encoding FROM articles") == [("Ψήφος στο Έλμταουν", "iso8859-7")]
    bad = run("ingest", str(article), "--encoding", "klingon-8", "--db", str(db))
    assert bad.exit_code == 2 and "unknown encoding 'klingon-8'" in bad.stderr


def test_stdin_is_one_article(db_path: Path) -> None:
    db = db_path  # a copy of a database at head
    result = run("ingest", "-", "--db", str(db), stdin="Piped\r\n\r\n“Yes,” Hale said.\r\n".encode("utf-16"))
    assert result.exit_code == 0, result.output
    assert "1 added" in result.stdout
    assert stored(db, "SELECT title, source_path, encoding, text FROM articles") == [
        ("Piped", None, "utf-16-le", "Piped\n\n“Yes,” Hale said.\n")
    ]


def test_a_mixed_folder_lists_what_it_skipped_and_names_files_that_are_not_text(
    tmp_path: Path, db_path: Path
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text('Alpha\n\n"First," Hale said.\n', encoding="utf-8")
    (folder / "b.md").write_text('# Beta\n\n"Second," Roe said.\n', encoding="utf-8")
    (folder / "c.html").write_text(
        "<html><body><article><h1>Gamma</h1><p>“Third and last of them all,” Okafor said at the "
        "meeting in Elmtown on Tuesday evening.</p></article></body></html>",
        encoding="utf-8",
    )
    (folder / "d.jsonl").write_text('{"title": "Delta", "text": "\\"Fourth,\\" Lee said."}\n', encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / "corrupt.txt").write_bytes(b"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14" * 8)
    db = db_path  # a copy of a database at head
    result = run("ingest", str(folder), "--db", str(db))
    assert result.exit_code == 1  # corrupt.txt failed; skipped files alone would not fail the run
    assert "4 added, 0 already present, 1 failed" in result.stdout
    assert f"2 unsupported files skipped: {folder / 'notes.docx'}, {folder / 'photo.jpg'}" in result.stdout
    assert f"{folder / 'corrupt.txt'}: not text: binary data (control bytes from byte 0" in result.stderr
    titles = [title for (title,) in stored(db, "SELECT title FROM articles ORDER BY title")]
    assert titles == ["Alpha", "Beta", "Delta", "Gamma"]


HOSTILE = [  # (what the article holds, what the CLI prints for it)
    ("[bold]loud[/bold]", "[bold]loud[/bold]"),
    ("[@click=app.quit]quit[/]", "[@click=app.quit]quit[/]"),
    ("ring \x07 bell and \x1b[2J wipe", "ring \ufffd bell and \ufffd[2J wipe"),  # C0: stored as U+FFFD
    ("c1 \x9b31m csi", "c1 \\x9b31m csi"),  # C1 controls are kept, printed escaped
    ("bidi \u202eevil\u202c \u2066x\u2069", "bidi \\u202eevil\\u202c \\u2066x\\u2069"),
    ("<script>alert(1)</script>", "<script>alert(1)</script>"),
    ("=SUM(A1:A9)", "=SUM(A1:A9)"),
]


KINDS = ["rich-markup", "textual-action", "esc-bel", "c1", "bidi", "html-script", "formula"]
RAW_CONTROLS = ("\x07", "\x1b", "\x9b", "\u202e", "\u2066")


@dataclass(frozen=True)
class Shown:
    """What the CLI printed after one article per hostile kind was ingested into one database."""

    human: str
    as_json: str
    extracted: str
    speakers: str


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Shown:
    folder = tmp_path_factory.mktemp("hostile")
    db = folder / "x.db"
    shutil.copyfile(template_db, db)
    for number, (hostile, _shown) in enumerate(HOSTILE):
        (folder / f"{number}.txt").write_text(
            f"Title {hostile}\n\n“Hear this {hostile} now,” Jo Hale said.\n", encoding="utf-8"
        )
    assert run("ingest", str(folder), "--db", str(db)).exit_code == 0
    return Shown(
        human=run("list", "--db", str(db)).stdout,
        as_json=run("list", "--json", "--db", str(db)).stdout,
        extracted=run("extract", str(folder), "--format", "text").stdout,
        speakers=run("speakers", "--db", str(db)).stdout,
    )


def test_no_terminal_control_reaches_the_terminal_raw(shown: Shown) -> None:
    for output in (shown.human, shown.as_json, shown.extracted, shown.speakers):
        assert not any(raw in output for raw in RAW_CONTROLS), output


@pytest.mark.parametrize(("hostile", "printed"), HOSTILE, ids=KINDS)
def test_hostile_text_is_printed_inert(shown: Shown, hostile: str, printed: str) -> None:
    assert f"Title {printed}" in shown.human and f"Hear this {printed} now" in shown.human
    assert f"Hear this {printable(hostile)} now" in shown.extracted  # not stored: controls shown escaped
    texts = {row["text"] for row in json.loads(shown.as_json)}  # escaped for terminals, exact for programs
    assert f"Hear this {replace_controls(hostile)[0]} now," in texts
