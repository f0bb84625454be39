"""Manual corrections (merge, split, rename, reassign, distinct) and that ingest and reparse keep them."""

from __future__ import annotations

import pytest
from newsroom import NOW, Newsroom, Said
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from quotes.db import corrections
from quotes.db.corrections import CorrectionError
from quotes.db.models import Attribution, SpeakerAlias, SpeakerDecision
from quotes.db.repo import list_quotes
from quotes.db.speaker_views import speaker_candidates, speaker_detail
from quotes.parse import SpeakerKind

STUDENT = ("a student from Moscow",)
KREMLIN = ("Kremlin spokesman",)


def two_olegs(room: Newsroom) -> tuple[int, int]:
    """Two pseudonymous Olegs from two outlets: a candidate pair, not merged."""
    room.store("One", Said("Oleg", roles=STUDENT, anonymous=True), outlet="ITV News")
    room.store("Two", Said("Oleg", roles=STUDENT, anonymous=True), outlet="BBC News")
    first, second = sorted(row.id for row in room.speakers("Oleg"))
    return first, second


def no_changes(room: Newsroom) -> None:
    changes = room.reparse()
    assert changes and not any(c.changed or c.failed for c in changes), changes


def test_merge_moves_everything_and_lasts_through_reparse_and_ingest(factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    first, second = two_olegs(room)
    with factory.begin() as session:
        done = corrections.merge_speakers(session, str(first), f"#{second}", now=NOW)
    assert done.speaker_id == first and "merged" in done.message
    (oleg,) = room.speakers("Oleg")
    assert (oleg.id, oleg.quotes, oleg.articles, oleg.anonymous) == (first, 2, 2, True)
    with factory() as session:
        assert speaker_candidates(session) == []
        detail = speaker_detail(session, first)
        assert detail is not None
        assert [(a.article_id, a.origin) for a in detail.appearances] == [(1, "parser"), (2, "manual")]
        assert [d.action for d in detail.decisions] == ["merge"]

    no_changes(room)
    assert [row.id for row in room.speakers("Oleg")] == [first]
    # a later article from either outlet with the same description now joins the merged speaker
    room.store("Three", Said("Oleg", roles=STUDENT, anonymous=True), outlet="BBC News")
    assert [(row.id, row.articles) for row in room.speakers("Oleg")] == [(first, 3)]
    no_changes(room)
    room.store("Four", Said("Anna Petrova"))
    assert room.one("Anna Petrova").id > second  # the merged-away id is never given again


def test_rename_lasts_and_later_articles_still_find_the_speaker(factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Dmitry Peskov", roles=KREMLIN))
    peskov = room.one("Dmitry Peskov")
    with factory.begin() as session:
        corrections.rename_speaker(session, "dmitry peskov", "Dmitri Peskov", now=NOW)
    no_changes(room)
    room.store("Two", Said("Dmitry Peskov", roles=KREMLIN))
    room.store("Three", Said("Peskov", roles=KREMLIN))
    renamed = room.one("Dmitri Peskov")
    assert (renamed.id, renamed.articles) == (peskov.id, 3) and room.speakers("Dmitry Peskov") == []
    with factory() as session:
        manual = session.scalars(select(SpeakerAlias.alias).where(SpeakerAlias.origin == "manual")).all()
    assert manual == ["Dmitry Peskov"]


def test_a_name_set_by_hand_is_never_replaced_by_a_fuller_one(factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Peskov", roles=KREMLIN))
    with factory.begin() as session:
        corrections.rename_speaker(session, "Peskov", "Mr Peskov", now=NOW)
    room.store("Two", Said("Dmitry Peskov", roles=KREMLIN))
    assert room.one("Mr Peskov").articles == 2


def test_reassignment_lasts_through_reparse(seeded_db: str, factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    with factory() as session:
        (quote,) = [q for q in list_quotes(session, speaker="Evgeny") if "killer" in q.text]
    with factory.begin() as session:
        corrections.reassign_quote(session, quote.id, "Eva Levenberg", now=NOW)
    no_changes(room)
    no_changes(room)
    with factory() as session:
        (after,) = [q for q in list_quotes(session) if q.id == quote.id]
        origins = session.scalars(select(Attribution.origin).where(Attribution.quote_id == quote.id)).all()
    assert (
        after.speaker == "Eva Levenberg"
        and after.method == "manual"
        and sorted(origins) == ["manual", "parser"]
    )


def test_reassign_to_a_new_person_and_clear_it_again(factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Anna Petrova"))
    with factory() as session:
        (quote,) = list_quotes(session)
    with factory.begin() as session:
        corrections.reassign_quote(session, quote.id, None, new_name="Irina  Petrova", now=NOW)
    assert room.one("Irina Petrova").quotes == 1 and room.one("Anna Petrova").quotes == 0
    with factory.begin() as session:
        corrections.reassign_quote(session, quote.id, None, now=NOW)
    assert room.one("Anna Petrova").quotes == 1
    with factory.begin() as session, pytest.raises(CorrectionError, match="no manual attribution"):
        corrections.reassign_quote(session, quote.id, None, now=NOW)
    with factory() as session:
        actions = session.scalars(select(SpeakerDecision.action).order_by(SpeakerDecision.id)).all()
    assert actions == ["reassign", "reassign"]


def test_split_by_article_keeps_the_two_apart_through_reparse(factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Oleg", roles=STUDENT, anonymous=True), outlet="ITV News")
    second_article = room.store("Two", Said("Oleg", roles=STUDENT, anonymous=True), outlet="ITV News")
    (merged,) = room.speakers("Oleg")
    assert merged.articles == 2
    with factory.begin() as session:
        done = corrections.split_speaker(session, "Oleg", article_ids=[second_article], now=NOW)
    olegs = {row.id: row.articles for row in room.speakers("Oleg")}
    assert olegs == {merged.id: 1, done.speaker_id: 1}
    with factory() as session:
        assert speaker_candidates(session) == []  # a person said they differ
    no_changes(room)
    assert {row.id: row.articles for row in room.speakers("Oleg")} == olegs


def test_split_by_quote_attributes_the_quote_by_hand(factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Dmitry Peskov", roles=KREMLIN))
    room.store("Two", Said("Dmitry Peskov", roles=KREMLIN))
    with factory() as session:
        quote_id = list_quotes(session)[-1].id
    with factory.begin() as session:
        done = corrections.split_speaker(
            session, "Dmitry Peskov", quote_ids=[quote_id], name="D. Peskov", now=NOW
        )
    assert room.one("D. Peskov").quotes == 1 and room.one("Dmitry Peskov").quotes == 1
    no_changes(room)
    with factory() as session:
        (row,) = [q for q in list_quotes(session) if q.id == quote_id]
    assert (row.speaker_id, row.method) == (done.speaker_id, "manual")


def test_split_refuses_what_the_speaker_does_not_have(factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Anna Petrova"))
    room.store("Two", Said("Irina Petrova"))
    with factory.begin() as session:
        with pytest.raises(CorrectionError, match="does not appear in article"):
            corrections.split_speaker(session, "Anna Petrova", article_ids=[2], now=NOW)
        with pytest.raises(CorrectionError, match="not attributed to"):
            corrections.split_speaker(session, "Anna Petrova", quote_ids=[2], now=NOW)
        with pytest.raises(CorrectionError, match="say what to split"):
            corrections.split_speaker(session, "Anna Petrova", now=NOW)


def test_distinct_removes_a_candidate_and_a_merge_carries_it(factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    first, second = two_olegs(room)
    room.store("Three", Said("Oleg", roles=STUDENT, anonymous=True), outlet="Meduza")
    third = max(row.id for row in room.speakers("Oleg"))
    with factory.begin() as session:
        corrections.mark_distinct(session, str(first), str(third), now=NOW)
    with factory() as session:
        pairs = {(p.first_id, p.second_id) for p in speaker_candidates(session)}
    assert pairs == {(first, second), (second, third)}
    with factory.begin() as session:
        corrections.merge_speakers(session, str(second), str(first), now=NOW)
    with factory() as session:
        assert speaker_candidates(session) == []  # second took over first's "not third"


def test_find_speaker_by_id_name_or_alias_and_says_when_it_cannot(factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Eva Levenberg", aliases=("Levenberg",)), Said("a woman", SpeakerKind.UNNAMED))
    room.store("Two", Said("a woman", SpeakerKind.UNNAMED))
    with factory() as session:
        eva = corrections.find_speaker(session, "EVA LEVENBERG")
        assert corrections.find_speaker(session, "levenberg").id == eva.id
        assert corrections.find_speaker(session, f"#{eva.id}").id == eva.id
        with pytest.raises(CorrectionError, match=r"names 2 speakers: #2 a woman \(unnamed\), #3"):
            corrections.find_speaker(session, "a woman")
        with pytest.raises(CorrectionError, match="did you mean #1 Eva Levenberg"):
            corrections.find_speaker(session, "Eva")
        with pytest.raises(CorrectionError, match="no speaker #99"):
            corrections.find_speaker(session, "99")
        with pytest.raises(CorrectionError, match="already one speaker"):
            corrections.merge_speakers(session, "1", "Levenberg", now=NOW)
        assert session.scalar(select(func.count(SpeakerDecision.id))) == 0
