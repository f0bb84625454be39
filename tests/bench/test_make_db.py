"""bench/make_db.py: the generated benchmark database holds what ingest would have written."""

from __future__ import annotations

import importlib
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select, text

from quotes.cli import main
from quotes.db.engine import make_engine, make_session_factory
from quotes.db.fts import search_quotes
from quotes.db.models import SpeakerKey
from quotes.db.profiles import refresh_keys

BENCH = Path(__file__).resolve().parents[2] / "bench"
QUOTES = 2000
OPENING, CLOSING = '\u201c"', '\u201d"'


def make_db() -> Any:
    sys.path.insert(0, str(BENCH))
    try:
        return importlib.import_module("make_db")
    finally:
        sys.path.remove(str(BENCH))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Any]:
    url = f"sqlite:///{tmp_path_factory.mktemp('bench') / 'bench.db'}"
    report = make_db().build(url, QUOTES, seed=7, parallel=False)
    return url, report


def rows(url: str, sql: str) -> list[Any]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text(sql)))
    finally:
        engine.dispose()


def test_report_counts_what_is_stored(built: tuple[str, Any]) -> None:
    url, report = built
    (articles, quotes, speakers), = rows(
        url, "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes), (SELECT count(*) FROM speakers)"
    )  # fmt: skip
    assert (report.articles, report.quotes, report.speakers) == (articles, quotes, speakers)
    assert quotes == QUOTES and 100 <= articles <= 400  # about ten quotes per article
    assert rows(url, "PRAGMA foreign_key_check") == []


def test_quote_offsets_index_the_article_text(built: tuple[str, Any]) -> None:
    url, _ = built
    found = rows(
        url,
        'SELECT q.start, q."end", q.text, q.paragraph, a.text, t.mention_start, t.mention_end, t.mention_text, '
        "t.cue_start, t.cue_end, t.cue_text FROM quotes q JOIN articles a ON a.id = q.article_id "
        "JOIN attributions t ON t.quote_id = q.id AND t.origin = 'parser'",
    )
    assert len(found) == QUOTES  # every quote has exactly one parser attribution
    for start, end, quote, paragraph, article, m_start, m_end, mention, c_start, c_end, cue in found:
        assert article[start:end] == quote and quote.strip() == quote and "\n" not in quote
        assert article[start - 1] in OPENING and article[end] in CLOSING
        assert article[:start].count("\n\n") == paragraph
        if mention is not None:
            assert article[m_start:m_end] == mention
        if cue is not None:
            assert article[c_start:c_end] == cue


def test_methods_and_speakers_have_realistic_proportions(built: tuple[str, Any]) -> None:
    url, report = built
    methods = Counter(dict(rows(url, "SELECT method, count(*) FROM attributions GROUP BY method")))
    assert methods["cue-after"] > QUOTES * 0.3
    assert {"colon", "pronoun", "continuation", "lead-in", "according-to", "unresolved", "manual"} <= set(
        methods
    )
    assert QUOTES * 0.03 < methods["unresolved"] < QUOTES * 0.15
    unresolved = rows(
        url, "SELECT count(*) FROM attributions WHERE method = 'unresolved' AND speaker_id IS NOT NULL"
    )
    assert unresolved == [(0,)]
    kinds = dict(rows(url, "SELECT kind, count(*) FROM speakers GROUP BY kind"))
    assert set(kinds) == {"person", "organisation", "unnamed", "group"}
    assert rows(url, "SELECT count(*) FROM speakers WHERE anonymous")[0][0] > 0
    (_top_name, top_count), (_, second_count) = report.top_speakers[:2]
    assert top_count > QUOTES * 0.08 and top_count > second_count


def test_continuations_follow_their_first_piece(built: tuple[str, Any]) -> None:
    url, _ = built
    pairs = rows(
        url,
        'SELECT q.article_id, q.group_number, q.start, p.article_id, p.group_number, p."end" '
        "FROM quotes q JOIN quotes p ON p.id = q.continues_id",
    )
    assert pairs
    for article, group, start, previous_article, previous_group, previous_end in pairs:
        assert (article, group) == (previous_article, previous_group) and previous_end < start


def test_speaker_keys_are_what_ingest_keeps(built: tuple[str, Any]) -> None:
    url, _ = built
    engine = make_engine(url)
    try:
        factory = make_session_factory(engine)
        with factory() as session:
            before = {tuple(row) for row in session.execute(select(SpeakerKey.speaker_id, SpeakerKey.key))}
            refresh_keys(session, list(session.scalars(text("SELECT id FROM speakers"))))
            session.flush()
            after = {tuple(row) for row in session.execute(select(SpeakerKey.speaker_id, SpeakerKey.key))}
            session.rollback()
    finally:
        engine.dispose()
    assert before and before == after


def test_full_text_search_finds_a_word_of_a_quote(built: tuple[str, Any]) -> None:
    url, _ = built
    ((quote_id, quote),) = rows(
        url, "SELECT id, text FROM quotes WHERE kind = 'speech' ORDER BY id DESC LIMIT 1"
    )
    word = max(re.findall(r"[a-z]+", quote), key=len)
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            assert quote_id in search_quotes(session, word)
    finally:
        engine.dispose()


def test_cli_reads_the_database(built: tuple[str, Any]) -> None:
    url, report = built
    runner = CliRunner()
    speakers = runner.invoke(main, ["speakers", "--json", "--db", url], catch_exceptions=False)
    assert speakers.exit_code == 0
    listed = json.loads(speakers.stdout)
    top_name, top_count = report.top_speakers[0]
    assert any(row["name"] == top_name and row["quotes"] >= top_count * 0.9 for row in listed)
    quotes = runner.invoke(
        main, ["list", "--json", "--speaker", top_name, "--db", url], catch_exceptions=False
    )
    assert quotes.exit_code == 0 and len(json.loads(quotes.stdout)) >= top_count * 0.9


def test_same_seed_same_database_in_one_process_or_two(tmp_path: Path) -> None:
    """Also: both ways of filling the full-text index leave it consistent with `quotes`."""
    module = make_db()
    dumps = []
    for parallel, fts, name in ((True, "triggers", "a.db"), (False, "rebuild", "b.db")):
        url = f"sqlite:///{tmp_path / name}"
        module.build(url, 300, seed=3, parallel=parallel, fts=fts)
        engine = make_engine(url)
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO quote_fts(quote_fts, rank) VALUES ('integrity-check', 1)"))
            matched = connection.scalar(text("SELECT count(*) FROM quote_fts WHERE quote_fts MATCH 'we'"))
            triggers = connection.scalar(
                text("SELECT count(*) FROM sqlite_master WHERE name LIKE 'quote_fts_a_'")
            )
        engine.dispose()
        quotes = rows(
            url, 'SELECT a.text, q.start, q."end" FROM quotes q JOIN articles a ON a.id = q.article_id'
        )
        dumps.append((quotes, matched, triggers))
    assert dumps[0] == dumps[1] and len(dumps[0][0]) == 300
    assert dumps[0][1] > 0 and dumps[0][2] == 3
