"""`quotes speakers …`, `quotes quote reassign` and `quotes reparse` through CliRunner on file databases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quotes.cli import main

PESKOV_ARTICLE = """Moscow denies exodus of reservists

Kremlin spokesman Dmitry Peskov told reporters on Friday: "There is no panic."

"The reports are false," Peskov said.

A woman in Moscow said: "I am afraid for my son."
"""
SUMMARY_KEYS = ["name", "aliases", "quotes", "articles", "id", "kind", "roles", "speech", "anonymous"]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A database holding the seeds and a second article quoting Dmitry Peskov."""
    path = str(tmp_path / "quotes.db")
    article = tmp_path / "peskov.txt"
    article.write_text(PESKOV_ARTICLE, encoding="utf-8")
    assert run("seed", "--db", path).exit_code == 0
    assert run("ingest", str(article), "--db", path).exit_code == 0
    return path


def speakers_json(db: str, *args: str) -> list[dict[str, object]]:
    result = run("speakers", "--json", *args, "--db", db)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def speaker_named(db: str, name: str) -> dict[str, object]:
    (row,) = [row for row in speakers_json(db) if row["name"] == name]
    return row


def test_speakers_lists_one_dmitry_peskov_with_roles_and_counts(db: str) -> None:
    rows = speakers_json(db)
    assert rows and all(list(row) == SUMMARY_KEYS for row in rows)
    (peskov,) = [row for row in rows if "Peskov" in str(row["name"])]
    assert {k: peskov[k] for k in ("name", "aliases", "roles", "quotes", "speech", "articles")} == {
        "name": "Dmitry Peskov",
        "aliases": ["Peskov"],
        "roles": ["Kremlin spokesman"],
        "quotes": 3,
        "speech": 3,
        "articles": 2,
    }
    table = run("speakers", "--search", "PESKOV", "--db", db)
    assert table.exit_code == 0
    assert table.stdout.splitlines() == [
        "QUOTES ARTICLES SPEECH  SPEAKER",
        f"     3        2      3  #{peskov['id']} Dmitry Peskov (person)  also: Peskov  roles: Kremlin spokesman",
    ]
    anonymous = run("speakers", "--search", "oleg", "--db", db)
    assert "[anonymous]" in anonymous.stdout
    assert speakers_json(db, "--search", "nobody at all") == []


def test_show_gives_provenance_rules_quotes_and_json(db: str) -> None:
    shown = run("speakers", "show", "peskov", "--db", db)
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert lines[0].endswith("Dmitry Peskov (person)")
    assert "quotes: 3 (3 speech) in 2 article(s)" in lines
    assert "aliases: Peskov (article 3)" in lines
    assert "roles: Kremlin spokesman (articles 1, 3)" in lines
    assert any("full-name-and-role, 0.97" in line for line in lines)
    assert any("“There is no panic.”" in line for line in lines)
    detail = json.loads(run("speakers", "show", "Dmitry Peskov", "--json", "--db", db).stdout)
    assert detail["articles"] == 2 and len(detail["quote_ids"]) == 3
    assert detail["role_provenance"] == [{"text": "Kremlin spokesman", "articles": [1, 3], "manual": False}]
    by_id = run("speakers", "show", str(detail["id"]), "--db", db)
    assert by_id.stdout == shown.stdout


def test_show_explains_a_name_it_cannot_use(db: str) -> None:
    missing = run("speakers", "show", "Vladimir", "--db", db)
    assert missing.exit_code == 1 and "no speaker named 'Vladimir'" in missing.output
    ambiguous = run("speakers", "show", "a woman", "--db", db)
    assert (
        ambiguous.exit_code == 1
        and "names 2 speakers" in ambiguous.output
        and "give an id" in ambiguous.output
    )


def test_rename_merge_split_distinct_candidates_and_reparse(db: str) -> None:
    oleg = speaker_named(db, "Oleg")
    renamed = run("speakers", "rename", str(oleg["id"]), "Oleg (ITV)", "--db", db)
    assert renamed.exit_code == 0 and "renamed" in renamed.stdout
    women = [row for row in speakers_json(db) if row["name"] == "a woman"]
    assert len(women) == 2
    merged = run("speakers", "merge", str(women[0]["id"]), str(women[1]["id"]), "--db", db)
    assert merged.exit_code == 0 and "merged" in merged.stdout
    assert speaker_named(db, "a woman")["quotes"] == 2

    peskov = speaker_named(db, "Dmitry Peskov")
    split = run(
        "speakers", "split", "Dmitry Peskov", "--article", "3", "--name", "Dmitry Peskov (2)", "--db", db
    )
    assert split.exit_code == 0 and "split article(s) 3" in split.stdout
    assert speaker_named(db, "Dmitry Peskov")["articles"] == 1
    assert speaker_named(db, "Dmitry Peskov (2)")["articles"] == 1
    candidates = json.loads(run("speakers", "candidates", "--json", "--db", db).stdout)
    assert candidates == []  # the two halves of a split are kept apart

    again = run("speakers", "merge", str(peskov["id"]), "Dmitry Peskov (2)", "--db", db)
    assert again.exit_code == 0
    distinct = run("speakers", "distinct", "Dmitry Peskov", "Oleg (ITV)", "--db", db)
    assert distinct.exit_code == 0 and "different people" in distinct.stdout

    reparsed = run("reparse", "--db", db)
    assert reparsed.exit_code == 0
    assert reparsed.stdout.splitlines() == [
        "3 articles reparsed, 0 changed, 0 failed; quotes: 0 added, 0 removed, 0 re-attributed"
    ]
    assert speaker_named(db, "Oleg (ITV)")["speech"] == 9
    assert speaker_named(db, "Dmitry Peskov")["articles"] == 2
    assert speaker_named(db, "a woman")["quotes"] == 2


def test_candidates_lists_pairs_for_a_person_to_decide(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    articles = tmp_path / "olegs.jsonl"
    lines = [
        {
            "id": "a",
            "outlet": "ITV News",
            "text": 'T1\n\n"We are afraid," Oleg, not his real name, told ITV News.\n',
        },
        {
            "id": "b",
            "outlet": "BBC News",
            "text": 'T2\n\n"We are leaving," Oleg, not his real name, told the BBC.\n',
        },
    ]
    articles.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    assert run("ingest", str(articles), "--db", db).exit_code == 0
    olegs = [row for row in speakers_json(db) if row["name"] == "Oleg"]
    assert len(olegs) == 2 and all(row["anonymous"] for row in olegs)
    listed = run("speakers", "candidates", "--db", db)
    first, second = sorted(int(str(row["id"])) for row in olegs)
    assert listed.stdout.splitlines()[0] == f"0.30 lone-name-weak: #{first} Oleg  ~  #{second} Oleg"
    only = json.loads(run("speakers", "candidates", "--speaker", str(first), "--json", "--db", db).stdout)
    assert [(row["first"]["id"], row["second"]["id"], row["rule"]) for row in only] == [
        (first, second, "lone-name-weak")
    ]
    assert run("speakers", "distinct", str(first), str(second), "--db", db).exit_code == 0
    empty = run("speakers", "candidates", "--db", db)
    assert empty.stdout == "" and "no candidates" in empty.output


def test_quote_reassign_survives_reparse_and_can_be_cleared(db: str) -> None:
    quotes = json.loads(run("list", "--json", "--speaker", "Evgeny", "--db", db).stdout)
    quote_id = str(quotes[0]["id"])
    moved = run("quote", "reassign", quote_id, "Eva Levenberg", "--db", db)
    assert moved.exit_code == 0 and f"attributed quote #{quote_id}" in moved.stdout
    assert run("reparse", "--db", db).exit_code == 0
    (row,) = [q for q in json.loads(run("list", "--json", "--db", db).stdout) if str(q["id"]) == quote_id]
    assert (row["speaker"], row["method"]) == ("Eva Levenberg", "manual")
    assert run("quote", "reassign", quote_id, "--clear", "--db", db).exit_code == 0
    (row,) = [q for q in json.loads(run("list", "--json", "--db", db).stdout) if str(q["id"]) == quote_id]
    assert row["speaker"] == "Evgeny"
    created = run("quote", "reassign", quote_id, "--new", "Evgeny Petrov", "--db", db)
    assert created.exit_code == 0 and speaker_named(db, "Evgeny Petrov")["quotes"] == 1


def test_quote_reassign_and_split_refuse_bad_requests(db: str) -> None:
    both = run("quote", "reassign", "1", "Oleg", "--clear", "--db", db)
    assert both.exit_code == 2 and "exactly one of" in both.output
    missing = run("quote", "reassign", "9999", "Oleg", "--db", db)
    assert missing.exit_code == 1 and "no quote #9999" in missing.output
    nothing = run("speakers", "split", "Oleg", "--db", db)
    assert nothing.exit_code == 1 and "--article ID or --quote ID" in nothing.output


def test_reparse_names_a_missing_article_and_exits_1(db: str) -> None:
    result = run("reparse", "--article", "1", "--article", "42", "--db", db)
    assert result.exit_code == 1
    assert "article 42: failed: no article 42" in result.output
    assert result.stdout.splitlines()[-1].startswith("2 articles reparsed, 0 changed, 1 failed")
