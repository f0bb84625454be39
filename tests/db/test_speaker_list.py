"""The speaker list (quotes.db.speaker_list) on both backends: every order, paged or streamed in small
batches, adds up to the whole list, with speakers that have no quote left (a zero count, or no count
row at all) after those that have."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.corrections import reassign_quote
from quotes.db.models import Attribution, Speaker
from quotes.db.speaker_list import (
    SpeakerSort,
    SpeakerSummary,
    count_speakers,
    iter_speaker_summaries,
    speaker_summaries,
)

NOW = datetime(2026, 1, 2, tzinfo=UTC)


@pytest.fixture
def listed(seeded_db: str, factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """The seeds, plus a person whose only quote went to another (its count is 0) and two speakers
    never quoted (no count row)."""
    with factory.begin() as session:
        attributed = session.execute(
            select(Speaker.id, Attribution.quote_id)
            .join(Speaker, Speaker.id == Attribution.speaker_id)
            .where(Speaker.kind == "person")
            .order_by(Attribution.speaker_id)
        ).all()
        per_speaker: dict[int, list[int]] = {}
        for speaker_id, quote_id in attributed:
            per_speaker.setdefault(speaker_id, []).append(quote_id)
        singles = [quotes[0] for quotes in per_speaker.values() if len(quotes) == 1]
        keep = next(speaker for speaker, quotes in per_speaker.items() if len(quotes) > 1)
        reassign_quote(session, singles[0], f"#{keep}", now=NOW)
        for name in ("Elmtown Roe", "Ada Okafor"):
            session.add(Speaker(name=name, kind="person", anonymous=False, created_at=NOW))
    return factory


def _name_rank(session: Session) -> dict[int, int]:
    """Each speaker's place by folded name in the database's own collation."""
    ids = session.scalars(select(Speaker.id).order_by(Speaker.name_folded, Speaker.id))
    return {speaker_id: rank for rank, speaker_id in enumerate(ids)}


@pytest.mark.parametrize("sort", list(SpeakerSort))
@pytest.mark.parametrize("kinds", [(), ("person",)])
def test_pages_and_batches_add_up_to_the_order(
    listed: sessionmaker[Session], sort: SpeakerSort, kinds: tuple[str, ...]
) -> None:
    with listed() as session:
        everyone = speaker_summaries(session, sort=sort, kinds=kinds)
        rank = _name_rank(session)
        keys = {
            SpeakerSort.QUOTES: lambda s: (-s.quotes, rank[s.id]),
            SpeakerSort.ARTICLES: lambda s: (-s.articles, -s.quotes, rank[s.id]),
            SpeakerSort.NAME: lambda s: (rank[s.id],),
        }
        assert everyone == sorted(everyone, key=keys[sort])
        assert len(everyone) == count_speakers(session, kinds=kinds)
        assert sum(s.quotes == 0 for s in everyone) >= 3  # the reassigned one and the two never quoted
        assert list(iter_speaker_summaries(session, sort=sort, kinds=kinds, batch=2)) == everyone
        for limit in (1, 2, 3, 7):
            for offset in range(len(everyone) + 2):
                page = speaker_summaries(session, sort=sort, kinds=kinds, limit=limit, offset=offset)
                assert page == everyone[offset : offset + limit], (limit, offset)


def test_one_speaker_and_a_search(listed: sessionmaker[Session]) -> None:
    with listed() as session:
        everyone = speaker_summaries(session)
        unquoted = [s for s in everyone if s.quotes == 0]
        assert everyone[-len(unquoted) :] == unquoted
        for summary in (everyone[0], unquoted[-1]):
            assert speaker_summaries(session, speaker_id=summary.id) == [summary]
        found: list[SpeakerSummary] = speaker_summaries(session, search="okafor")
        assert [s.name for s in found] == ["Ada Okafor"]
        assert speaker_summaries(session, search="okafor", offset=1) == []
