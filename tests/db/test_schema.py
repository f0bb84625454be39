"""The schema's allowed values follow the parser's enums, and its constraints hold."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.models import QUOTE_KINDS, SPEAKER_KINDS, Speaker
from quotes.parse import QuoteKind, SpeakerKind


def test_kinds_match_the_parser() -> None:
    assert set(QUOTE_KINDS) == {str(kind) for kind in QuoteKind}
    assert set(SPEAKER_KINDS) == {str(kind) for kind in SpeakerKind}


def test_check_constraints_are_enforced(factory: sessionmaker[Session]) -> None:
    with pytest.raises(IntegrityError, match="ck_speakers_kind"), factory.begin() as session:
        session.add(Speaker(name="x", kind="robot", created_at=datetime(2026, 1, 1, tzinfo=UTC)))
