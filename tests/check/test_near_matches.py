"""Near matches in a crowd: a claim with one word changed still finds its quotation when a hundred
other quotations hold the same words in another order (the bag-of-words near search stops at
NEAR_LIMIT candidates; the claim's runs of words in a row do not)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session, sessionmaker

from quotes.check.compare import ChangeKind, CheckStatus, Claim
from quotes.check.verify import NEAR_LIMIT, check_claim, near_pieces
from quotes.db.ingest import Status, ingest_article
from quotes.sources import SourceArticle

NOW = datetime(2026, 5, 6, tzinfo=UTC)
SAID = "Our harbour committee finally approved generous funding for dredging the northern shipping channel."
CLAIM = "Our harbour committee finally approved enormous funding for dredging the northern shipping channel."
CROWD = "Channel shipping, northern dredging: finally the harbour approved our committee plan number {n}."


def _article(source_id: str, paragraphs: list[str]) -> SourceArticle:
    return SourceArticle(source_id=source_id, path=source_id, line=None, text="\n\n".join(paragraphs), title=source_id)


@pytest.fixture(name="crowded")
def crowded_fixture(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """The crowd is stored first, so an index read in id order meets it before the quotation."""
    crowd = [f'"{CROWD.format(n=n)}" said Tom Okafor.' for n in range(NEAR_LIMIT + 20)]
    for source in (_article("crowd", crowd), _article("said", [f'"{SAID}" said Ada Quist, the harbour master.'])):
        assert ingest_article(factory, source, now=NOW).status is Status.ADDED
    return factory


def test_one_changed_word_is_found_in_a_crowd(crowded: sessionmaker[Session]) -> None:
    with crowded() as session:
        result = check_claim(session, CLAIM, "Quist")
    assert result.status is CheckStatus.ALTERED, result
    assert [(c.kind, c.claim, c.source) for c in result.changes] == [(ChangeKind.CHANGED, "enormous", "generous")]
    assert result.evidence is not None and result.evidence.speaker == "Ada Quist"


@pytest.mark.parametrize(
    ("claim", "pieces"),
    [
        ("one two three four five six seven eight nine", [("one two three", "four five six"), ("one two three", "seven eight nine"), ("four five six", "seven eight nine")]),
        ("one two three four five six", [("one two three",), ("four five six",)]),
        ("one two three four", []),  # a piece of four: nothing left intact to search once a word changed
        ("one two three ... four five six", [("one two three",), ("four five six",)]),  # runs stop at ellipses
        ("one two [three] four five six seven", []),  # bracketed words cut runs: one piece of three left
    ],
)
def test_near_pieces(claim: str, pieces: list[tuple[str, ...]]) -> None:
    assert near_pieces(Claim.of(claim)) == pieces
