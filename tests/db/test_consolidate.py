"""`consolidate` on a database holding fragments that older rules left: merges them, keeps manual decisions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from newsroom import NOW, Newsroom, Said
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from quotes.cli import main
from quotes.db import corrections, speakers
from quotes.db.consolidate import consolidate_speakers
from quotes.db.models import Speaker, SpeakerDecision
from quotes.db.repo import list_quotes
from quotes.parse import SpeakerKind
from quotes.speakers import New, Rule

SPOKESMAN = ("Elmtown spokesman",)


@pytest.fixture
def fragmented(factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch) -> Newsroom:
    """Five articles quoting Cyril Berg, each stored as a new speaker (as the snowball of old rules did)."""
    room = Newsroom(factory)
    with monkeypatch.context() as patch:
        old_rules = New(Rule.AMBIGUOUS, "old rules")
        patch.setattr(speakers, "confident_match", lambda _subject, _profiles, **_: None)
        patch.setattr(speakers, "match_subject", lambda _subject, _profiles, **_: old_rules)
        for number in range(5):
            roles = SPOKESMAN if number % 2 else ()
            room.store(
                f"Story {number}",
                Said("Cyril Berg", roles=roles),
                Said("a woman", SpeakerKind.UNNAMED),
            )
        room.store("Story 5", Said("Berg", roles=SPOKESMAN), Said("Mira Berg"))
    assert len(room.speakers("Cyril Berg")) == 5
    return room


def test_consolidate_merges_fragments_and_keeps_manual_decisions(
    fragmented: Newsroom, factory: sessionmaker[Session]
) -> None:
    first, second, third, fourth, fifth = sorted(row.id for row in fragmented.speakers("Cyril Berg"))
    with factory.begin() as session:
        corrections.rename_speaker(session, str(third), "Cyril A. Berg", now=NOW)
        corrections.mark_distinct(session, str(first), str(fifth), now=NOW)
        quote_id = next(q.id for q in list_quotes(session) if q.speaker_id == second)
        corrections.reassign_quote(session, quote_id, str(fourth), now=NOW)
    with factory.begin() as session:
        merged = consolidate_speakers(session, now=NOW)
    assert sorted(m.merged_id for m in merged) == [first, second, fourth]  # "Berg": two Cyril Bergs fit
    assert {m.keep_id for m in merged} == {third}  # the name a person gave is the one kept
    assert all(m.rule in ("full-name", "full-name-and-role", "name-variant") for m in merged)
    names = {row.name: row for row in fragmented.speakers()}
    assert names["Cyril A. Berg"].articles == 4 and names["Cyril Berg"].id == fifth  # kept apart
    assert "Mira Berg" in names and len(fragmented.speakers("a woman")) == 5  # never merged
    with factory() as session:
        assert next(q for q in list_quotes(session) if q.id == quote_id).speaker_id == third
        logged = session.scalars(select(SpeakerDecision).where(SpeakerDecision.origin == "parser")).all()
        assert len(logged) == len(merged) and all("consolidated" not in d.detail for d in logged)
        again = consolidate_speakers(session, now=NOW)
    assert again == []
    assert not any(c.changed or c.failed for c in fragmented.reparse())


def test_ingest_after_consolidate_finds_the_merged_speaker(
    fragmented: Newsroom, factory: sessionmaker[Session]
) -> None:
    with factory.begin() as session:
        consolidate_speakers(session, now=NOW)
    fragmented.store("Story 6", Said("Cyril Berg", roles=SPOKESMAN))
    (berg,) = fragmented.speakers("Cyril Berg")
    assert berg.articles == 7  # five fragments, "Berg" of story 5 (surname and role), and story 6


def test_cli_reports_each_merge(fragmented: Newsroom, db_url: str) -> None:
    path = db_url.removeprefix("sqlite:///")
    dry = CliRunner().invoke(
        main, ["speakers", "consolidate", "--dry-run", "--db", path], catch_exceptions=False
    )
    assert dry.exit_code == 0 and dry.output.splitlines()[-1] == "would merge 5 speaker(s) into 1"
    assert len(fragmented.speakers("Cyril Berg")) == 5
    done = CliRunner().invoke(
        main, ["speakers", "consolidate", "--json", "--db", path], catch_exceptions=False
    )
    rows = json.loads(done.output)
    assert len(rows) == 5 and {row["keep_name"] for row in rows} == {"Cyril Berg"}
    assert {row["merged_name"] for row in rows} == {"Cyril Berg", "Berg"}
    assert len(fragmented.speakers("Cyril Berg")) == 1


def test_consolidate_on_an_empty_database(session: Session, tmp_path: Path) -> None:
    assert consolidate_speakers(session, now=NOW) == []
    assert session.scalars(select(Speaker)).all() == []
