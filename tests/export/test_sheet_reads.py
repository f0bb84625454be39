"""What sheets read from the read layer: article texts a batch at a time, speakers kept apart in order,
roles and context on each quote whatever the batch size."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from pathlib import Path

import pytest
from sheets import NOW, hostile_database, hostile_text
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.articles import article_texts
from quotes.db.corrections import rename_speaker
from quotes.db.repo import QuoteQuery, QuoteSort, iter_quotes
from quotes.export import sheet_stream
from quotes.export.sheet import GroupBy, sheet_quotes


@pytest.fixture
def hostile(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Iterator[sessionmaker[Session]]:
    yield from hostile_database(tmp_path_factory, template_db)


def test_article_texts_reads_the_ones_asked_for(hostile: sessionmaker[Session]) -> None:
    text, _parse = hostile_text()
    with hostile() as session:
        assert article_texts(session, [1, 999]) == {1: text}
        assert article_texts(session, []) == {}
        assert set(article_texts(session, {1, 2})) == {1, 2}


def test_speakers_of_one_name_stay_apart_in_speaker_order(hostile: sessionmaker[Session]) -> None:
    with hostile.begin() as session:
        ids = sorted({row.speaker_id for row in iter_quotes(session, QuoteQuery()) if row.speaker_id})
        rename_speaker(session, f"#{ids[1]}", "Jane Hale", now=NOW)
        rename_speaker(session, f"#{ids[0]}", "Jane Hale", now=NOW)
    with hostile() as session:
        order = [row.speaker_id for row in iter_quotes(session, QuoteQuery(sort=QuoteSort.SPEAKER), batch=3)]
        runs = [speaker for speaker, _run in groupby(order)]
        assert len(runs) == len(set(runs))  # each speaker's quotes in one run
        quotes = list(sheet_stream(session, QuoteQuery(), group_by=GroupBy.SPEAKER, context=False))
    hale_runs = [key for key, _run in groupby(q.row.speaker_id or 0 for q in quotes if q.row.speaker == "Jane Hale")]
    assert sorted(hale_runs) == ids[:2]


@pytest.mark.parametrize("batch", [1, 2, 1000])
def test_roles_and_context_do_not_depend_on_the_batch(hostile: sessionmaker[Session], batch: int) -> None:
    with hostile() as session:
        rows = list(iter_quotes(session, QuoteQuery()))
        quotes = list(sheet_quotes(session, rows, context=True, batch=batch))
        plain = list(sheet_quotes(session, rows, context=False, batch=batch))
    assert [q.row for q in quotes] == rows
    assert all(q.context and q.row.text.split()[0] in q.context for q in quotes if q.row.text.split())
    assert all(q.context is None for q in plain)
    hale = next(q for q in quotes if q.row.speaker == "Jane Hale")
    assert hale.roles == ("=cmd|' /C calc'!A0",)
    assert sum(q.corrected for q in quotes) == 2
