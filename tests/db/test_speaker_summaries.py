"""Summaries kept up to date one appearance at a time equal summaries built from everything stored, and an
article costs the same number of statements however many articles came before it."""

from __future__ import annotations

from typing import Any

from newsroom import Newsroom, Said
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.models import SpeakerSummary
from quotes.db.profiles import summarise
from quotes.parse import SpeakerKind
from quotes.speakers.summary import EntitySummary

BERG = Said("Cyril Berg", roles=("Elmtown mayor",), aliases=("Berg",))


def test_incremental_summaries_equal_rebuilt_ones(seeded_db: str, factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    room.store("One", BERG, Said("Mara Okafor"), outlet="Elmtown Post")
    room.store("Two", Said("Cyril Berg", roles=("state treasurer",)), Said("Okafor", roles=("senator",)))
    room.store("Three", Said("Mayor Berg"), Said("a woman", SpeakerKind.UNNAMED), outlet="Hale Herald")
    with factory() as session:
        stored = {
            row.speaker_id: EntitySummary.from_json(row.appearances, row.data)
            for row in session.scalars(select(SpeakerSummary))
        }
        rebuilt = dict(zip(sorted(stored), summarise(session, sorted(stored)), strict=True))
    assert len(stored) > 10 and stored == rebuilt
    (berg,) = [s for s in stored.values() if "Cyril Berg" in s.names]
    assert berg.appearances == 3 and berg.names["Cyril Berg"] == 2


def test_statements_per_article_do_not_grow(factory: sessionmaker[Session], engine: Engine) -> None:
    room = Newsroom(factory)
    counts: list[int] = []
    statements = 0

    def count(*_: Any) -> None:
        nonlocal statements
        statements += 1

    event.listen(engine, "before_cursor_execute", count)
    for number in range(40):
        statements = 0
        room.store(f"Council {number}", BERG, Said("Mara Okafor"), Said("a woman", SpeakerKind.UNNAMED))
        counts.append(statements)
    assert counts[2] == counts[10] == counts[-1]
    # three speakers, three quotes: one statement per table or so, and five that keep the speaker counts
    assert counts[-1] <= 25, counts
