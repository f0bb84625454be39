"""Marking a speaker anonymous and changing its kind: logged, and kept by `quotes reparse`."""

from __future__ import annotations

import pytest
from newsroom import NOW, Newsroom, Said
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.corrections import CorrectionError
from quotes.db.models import Speaker, SpeakerDecision
from quotes.db.speaker_flags import set_anonymous, set_kind
from quotes.parse import SpeakerKind


def flags(factory: sessionmaker[Session], name: str) -> tuple[bool, str]:
    with factory() as session:
        speaker = session.scalars(select(Speaker).where(Speaker.name == name)).one()
        return speaker.anonymous, speaker.kind


def test_flags_set_by_hand_are_logged_and_survive_reparse(factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    room.store("Elmtown", Said("Ann Roe"), Said("the union", kind=SpeakerKind.ORGANISATION, anonymous=True))
    with factory.begin() as session:
        set_anonymous(session, "Ann Roe", True, now=NOW)
        set_anonymous(session, "the union", False, now=NOW)
        set_kind(session, "the union", "group", now=NOW)
    room.reparse()
    assert flags(factory, "Ann Roe") == (True, "person")
    assert flags(factory, "the union") == (False, "group")
    with factory() as session:
        details = list(session.scalars(select(SpeakerDecision.detail).order_by(SpeakerDecision.id)))
    assert details[0].endswith("'Ann Roe' anonymous") and details[1].endswith("'the union' not anonymous")
    assert details[2].endswith("from organisation to group")


def test_a_flag_nobody_set_follows_the_articles_on_reparse(factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    room.store("Elmtown", Said("Ann Roe", anonymous=True))
    with factory.begin() as session:
        session.scalars(select(Speaker)).one().anonymous = False  # as if a parser had said otherwise
    room.reparse()
    assert flags(factory, "Ann Roe") == (True, "person")


def test_unknown_kind_or_speaker_is_a_clear_error(session: Session) -> None:
    with pytest.raises(CorrectionError, match="unknown kind 'alien'"):
        set_kind(session, "#1", "alien", now=NOW)
    with pytest.raises(CorrectionError, match="no speaker #99"):
        set_anonymous(session, "#99", True, now=NOW)
