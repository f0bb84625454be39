"""The same article saved another way (CRLF line ends, a BOM, UTF-16) is "already present"."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from quotes.cli import main

ARTICLE = "Bridge vote\n\n“We will rebuild,” said Zoë Okafor.\n\n“Not yet,” Hale said.\n"


def test_crlf_and_bom_copies_are_already_present(tmp_path: Path) -> None:
    db = str(tmp_path / "q.db")
    (lf := tmp_path / "lf.txt").write_bytes(ARTICLE.encode("utf-8"))
    (crlf := tmp_path / "crlf.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    (wide := tmp_path / "wide.txt").write_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-16"))
    first = CliRunner().invoke(main, ["ingest", str(lf), "--db", db])
    assert first.exit_code == 0 and first.stdout.startswith("1 added, 0 already present"), first.output
    again = CliRunner().invoke(main, ["ingest", str(crlf), str(wide), "--db", db])
    assert again.exit_code == 0 and again.stdout.startswith("0 added, 2 already present, 0 failed"), again.output
    listed = CliRunner().invoke(main, ["list", "--speaker", "zoe okafor", "--db", db])
    assert listed.stdout.count("Zoë Okafor ·") == 1
