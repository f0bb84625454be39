"""`quotes check`, `quotes check --draft`, `quotes audit` and `quotes quote show` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from check_corpus import corpus_db_fixture, corpus_template_fixture  # noqa: F401  (fixtures)
from click.testing import CliRunner

from quotes.check.text import MAX_CLAIM_CHARS
from quotes.cli import main

FULL = "We will not raise taxes this year. The budget is balanced, and 5,000 jobs are safe."


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("claim", "speaker", "code", "status"),
    [
        (FULL, "Cllr Hale", 0, "exact"),
        (FULL.upper(), "Hale", 0, "exact_normalized"),
        ("The budget is balanced", "Jane Hale", 0, "partial"),
        ("We will not raise taxes ... 5,000 jobs are safe", "Hale", 1, "elided"),
        ("We will raise taxes this year", "Hale", 1, "altered"),
        ("The bridge has waited for ten years", "Hale", 1, "misattributed"),
        ("The council also voted to repair the old bridge", None, 1, "not_in_quote"),
        ("Penguins have taken over the town hall", None, 1, "not_found"),
    ],
)
def test_check_exit_status_follows_the_status(
    corpus_db: str, claim: str, speaker: str | None, code: int, status: str
) -> None:
    args = ["check", claim, "--db", corpus_db, "--json"] + (["--speaker", speaker] if speaker else [])
    exit_code, out, _err = run(*args)
    assert (exit_code, json.loads(out)["status"]) == (code, status)


def test_check_text_names_the_evidence_and_the_flip(corpus_db: str) -> None:
    code, out, _ = run("check", "We will raise taxes this year", "--speaker", "Dr Hale", "--db", corpus_db)
    assert code == 1
    assert out.splitlines()[0] == "altered: a near match: words were changed, inserted or dropped"
    assert "Elmtown Courier, 2025-03-01, paragraph 2" in out
    assert "said by:    Cllr Hale (#1), attributed by cue-after, confidence 0.97 (parser)" in out
    assert "diff:       We will [-not-] raise taxes this year" in out
    assert "meaning flips: negation dropped: not" in out
    travel = out[out.index("where the words travelled") :].splitlines()[1:]
    assert [line.split()[0] for line in travel] == ["2025-03-01", "2025-03-04", "2025-03-09"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", ""], "no words"),
        (["check", '" "'], "no words"),
        (["check", "x" * (MAX_CLAIM_CHARS + 1)], "at most 5,000"),
        (["check"], "give a CLAIM"),
        (["check", "words", "--draft", "x.txt"], "not both"),
        (["check", "--draft", "missing.txt"], "missing.txt"),
        (["check", "words", "--format", "md"], "for --draft"),
    ],
)
def test_bad_input_exits_2(corpus_db: str, args: list[str], message: str) -> None:
    code, _out, err = run(*args, "--db", corpus_db)
    assert code == 2 and message in err


def test_terminal_escapes_in_a_claim_are_shown_not_run(corpus_db: str) -> None:
    _code, out, _ = run("check", "Penguins \x1b[31mred\x1b[0m ate the town hall", "--db", corpus_db)
    assert "\x1b" not in out and "\\x1b[31mred" in out


DRAFT = (
    "Council budget: what was said\n\n"
    '"We will raise taxes this year," Cllr Jane Hale said on Monday.\n\n'
    'Tom Roe said: "The bridge has waited for ten years."\n\n'
    '"Our <b>harbour</b> | *will* open next spring," said Ada Okafor.\n'
)


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_draft_checks_every_attributed_quote(corpus_db: str, draft: Path) -> None:
    code, out, _ = run("check", "--draft", str(draft), "--db", corpus_db, "--json")
    assert code == 1
    (report,) = json.loads(out)
    got = [(q["speaker"], q["status"], q["diff"]) for q in report["quotes"]]
    assert got == [
        ("Cllr Jane Hale", "altered", "We will [-not-] raise taxes this year"),
        ("Tom Roe", "exact", ""),
        ("Ada Okafor", "not_found", ""),
    ]
    assert report["quotes"][0]["start"] == DRAFT.index("We will raise")


def test_draft_as_markdown_and_html_is_escaped(corpus_db: str, draft: Path) -> None:
    code, markdown, _ = run("check", "--draft", str(draft), "--db", corpus_db, "--format", "md")
    assert code == 1
    rows = markdown.splitlines()
    assert rows[0] == "| status | quote | speaker in draft | source | said by | diff |" and len(rows) == 5
    assert r"\<b\>harbour\</b\> \| \*will\*" in rows[4]
    _code, page, _ = run("check", "--draft", str(draft), "--db", corpus_db, "--format", "html")
    assert "&lt;b&gt;harbour&lt;/b&gt; | *will*" in page and "<b>harbour" not in page


def test_draft_of_exact_quotes_exits_0(corpus_db: str, tmp_path: Path) -> None:
    path = tmp_path / "good.txt"
    path.write_text('Good draft\n\nRoe said: "The bridge has waited for ten years."\n', encoding="utf-8")
    code, out, _ = run("check", "--draft", str(path), "--db", corpus_db)
    assert code == 0 and "exact:" in out


def test_audit_lists_every_kind_of_problem(corpus_db: str) -> None:
    code, out, _ = run("audit", "--db", corpus_db, "--json")
    assert code == 0
    report = json.loads(out)
    assert [q["text"] for q in report["unresolved"]["quotes"]] == [
        "What a week it has been for the harbour.",
        "Nobody reads the small print",
    ]
    assert [(q["text"], q["confidence"] < 0.7) for q in report["low_confidence"]["quotes"]] == [
        ("a smell of fish and money", True)
    ]
    (shared,) = report["same_words_different_speakers"]
    assert [(q["speaker"], q["date"]) for q in shared] == [
        ("Cllr Hale", "2025-03-01"),
        ("Jane Hale", "2025-03-09"),
    ]
    assert [(p["first"]["name"], p["second"]["name"]) for p in report["possible_duplicate_speakers"]] == [
        ("Cllr Hale", "Jane Hale")
    ]
    assert report["unclosed_quote_marks"]["articles"] == 1
    code, text, _ = run("audit", "--db", corpus_db)
    assert "## articles with quotation marks left open: 1" in text


def test_quote_show_lists_where_the_words_travelled(corpus_db: str) -> None:
    code, out, _ = run("quote", "show", "6", "--db", corpus_db)
    assert code == 0
    assert out.splitlines()[1] == "  \u201cWe will not raise taxes this year,\u201d"
    travel = out[out.index("where the words travelled") :].splitlines()[1:]
    assert [(line.split()[0], "[cited" in line) for line in travel] == [
        ("2025-03-01", False),
        ("2025-03-04", True),
        ("2025-03-09", False),
    ]
    code, out, _ = run("quote", "show", "6", "--db", corpus_db, "--json")
    assert [a["speaker"]["name"] for a in json.loads(out)["travel"]] == [
        "Cllr Hale",
        "Ada Okafor",
        "Jane Hale",
    ]
    assert run("quote", "show", "999", "--db", corpus_db)[0] == 1
