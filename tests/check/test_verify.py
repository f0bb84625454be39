"""check_claim against invented articles stored through the parser: every status, with its diff."""

from __future__ import annotations

from datetime import date

import pytest
from check_corpus import corpus_factory_fixture, corpus_template_fixture  # noqa: F401  (fixtures)
from sqlalchemy.orm import Session, sessionmaker

from quotes.check.compare import ChangeKind, CheckStatus
from quotes.check.text import MAX_CLAIM_CHARS
from quotes.check.verify import ClaimError, check_claim
from quotes.db.check_views import total_quotes

S = CheckStatus
FULL = "We will not raise taxes this year. The budget is balanced, and 5,000 jobs are safe."

CASES = [
    # (claim, speaker, status, diff)
    (f'"{FULL}"', "Jane Hale", S.EXACT, ""),
    (f"\u201c{FULL[:-1]},\u201d", "Hale", S.EXACT, ""),  # curly marks, trailing comma inside them
    (FULL.upper().replace(", and", " and"), "Hale", S.EXACT_NORMALIZED, ""),
    ("The budget is balanced", "Cllr Hale", S.PARTIAL, ""),
    ("It's a fair budget for every family", "Dr Jane Hale", S.PARTIAL, ""),  # straight vs curly apostrophe
    ("It’s a fair budget for every family, and we never cut the libraries.", "Sen. Hale", S.EXACT, ""),
    ("We will not raise taxes this year", "Ada Okafor", S.EXACT, ""),
    ("We will not raise taxes this year", "Hale", S.PARTIAL, ""),
    (
        "We will not raise taxes ... 5,000 jobs are safe",
        "Hale",
        S.ELIDED,
        "We will not raise taxes [-this year. The budget is balanced, and-] 5,000 jobs are safe",
    ),
    ("We will … raise taxes this year", "Hale", S.ALTERED, "We will [-not-] raise taxes this year"),
    ("We will raise taxes this year", "Hale", S.ALTERED, "We will [-not-] raise taxes this year"),
    ("We don't raise taxes this year", "Hale", S.ALTERED, "We [-will not-]{+don't+} raise taxes this year"),
    (
        "The budget is balanced, and 6,000 jobs are safe",
        "Hale",
        S.ALTERED,
        "The budget is balanced, and [-5,000-]{+6,000+} jobs are safe",
    ),
    (
        "The budget is balanced, and [all] 5,000 jobs are safe",
        "Hale",
        S.ALTERED,
        "The budget is balanced, and {+[all]+} 5,000 jobs are safe",
    ),
    (
        "We will not raise taxes this year. 5,000 jobs are safe.",
        "Hale",
        S.ALTERED,
        "We will not raise taxes this year [-The budget is balanced, and-] 5,000 jobs are safe",
    ),
    (
        "on this council ever asked the people of Elmtown",
        "Roe",
        S.ALTERED,
        "[-Nobody-] on this council ever asked the people of Elmtown",
    ),
    ("Nobody on this council ever asked the people", "Tom Roe", S.PARTIAL, ""),
    ("The bridge has waited for ten years", "Hale", S.MISATTRIBUTED, ""),
    ("The bridge has waited for ten years", "Nobody Known", S.MISATTRIBUTED, ""),
    ("The bridge has waited for ten years", None, S.EXACT, ""),
    ("The council also voted to repair the old bridge before winter", None, S.NOT_IN_QUOTE, ""),
    ("The council also voted to repair the old bridge before winter", "Hale", S.NOT_IN_QUOTE, ""),
    ("Penguins have taken over the town hall", None, S.NOT_FOUND, ""),
    ("Penguins have taken over the town hall", "Hale", S.NOT_FOUND, ""),
]


@pytest.mark.parametrize(("claim", "speaker", "status", "diff"), CASES)
def test_status_and_diff(
    corpus_factory: sessionmaker[Session], claim: str, speaker: str | None, status: S, diff: str
) -> None:
    with corpus_factory() as session:
        result = check_claim(session, claim, speaker)
        stored = total_quotes(session)
    assert (result.status, result.match.diff if result.match else "") == (status, diff), result
    assert result.exit_code == (0 if status in (S.EXACT, S.EXACT_NORMALIZED, S.PARTIAL) else 1)
    if status is not S.NOT_FOUND:
        assert result.evidence is not None
        evidence = result.evidence
        assert evidence.sentence, evidence
    else:
        assert result.evidence is None and result.searched.quotes == stored == 11
        assert any(f.startswith("quotes holding every one") for f in result.searched.filters)


def test_evidence_offsets_index_the_article(corpus_factory: sessionmaker[Session]) -> None:
    from quotes.db.articles import article_view

    with corpus_factory() as session:
        result = check_claim(session, "the budget is balanced", "Hale")
        assert result.evidence is not None
        view = article_view(session, result.evidence.article_id)
    assert view is not None
    evidence = result.evidence
    assert view.text[evidence.start : evidence.end] == "The budget is balanced"
    assert result.match is not None and result.match.normalizations == ("case",)
    assert evidence.speaker == "Cllr Hale" and evidence.method == "cue-after" and evidence.origin == "parser"
    assert "Cllr Hale said" in evidence.sentence
    assert (evidence.outlet, evidence.date, evidence.paragraph) == ("Elmtown Courier", date(2025, 3, 1), 2)


def test_meaning_flips_are_named(corpus_factory: sessionmaker[Session]) -> None:
    with corpus_factory() as session:
        dropped = check_claim(session, "We will raise taxes this year", "Hale")
        number = check_claim(session, "and 6,000 jobs are safe", "Hale")
        contraction = check_claim(session, "We don't raise taxes this year", "Hale")
        elided = check_claim(session, "We will … raise taxes this year", "Hale")
        bracketed = check_claim(session, "The budget is balanced, and [all] 5,000 jobs are safe", "Hale")
    assert [c.flips for c in dropped.changes] == [("negation dropped: not",)]
    assert [c.flips for c in number.changes] == [("number changed: 5000 -> 6000",)]
    assert [c.flips for c in contraction.changes] == [("contraction introduced: don't",)]
    assert elided.match is not None and elided.match.omitted == ("not",)
    assert [c.flips for c in elided.changes] == [("ellipsis drops a negation: not",)]
    assert [(c.kind, c.bracketed, c.flips) for c in bracketed.changes] == [(ChangeKind.INSERTED, True, ())]


def test_claim_longer_than_any_stored_quote(corpus_factory: sessionmaker[Session]) -> None:
    claim = FULL + " We will also build a new school in Elmtown and hire more teachers."
    with corpus_factory() as session:
        result = check_claim(session, claim, "Hale")
    assert result.status is S.ALTERED
    assert [c.kind for c in result.changes] == [ChangeKind.INSERTED]
    assert result.changes[0].claim == "We will also build a new school in Elmtown and hire more teachers"


def test_stitched_sentences_are_noted(corpus_factory: sessionmaker[Session]) -> None:
    with corpus_factory() as session:
        result = check_claim(session, "We will not raise taxes this year. 5,000 jobs are safe.", "Hale")
    assert result.match is not None
    assert any("stitched" in note for note in result.match.notes)


def test_misattributed_names_who_said_it(corpus_factory: sessionmaker[Session]) -> None:
    with corpus_factory() as session:
        result = check_claim(session, "The bridge has waited for ten years", "Jane Hale")
    assert result.evidence is not None and result.evidence.speaker == "Tom Roe"
    assert result.notes == ("the source attributes these words to Tom Roe",)
    assert len(result.speaker_ids) == 2  # "Cllr Hale" and "Jane Hale" are both stored


def test_travel_lists_every_appearance_earliest_first(corpus_factory: sessionmaker[Session]) -> None:
    with corpus_factory() as session:
        result = check_claim(session, "We will not raise taxes this year")
    travel = [(a.date, a.outlet, a.speaker, a.status, a.speaker_changed) for a in result.travel]
    assert travel == [
        (date(2025, 3, 1), "Elmtown Courier", "Cllr Hale", S.PARTIAL, False),
        (date(2025, 3, 4), "Riverside Radio", "Ada Okafor", S.EXACT, True),
        (date(2025, 3, 9), "Elmtown Courier", "Jane Hale", S.PARTIAL, True),
    ]
    assert [a.wording_changed for a in result.travel] == [False, True, False]
    assert [a.cited for a in result.travel] == [False, True, False]  # the exact match is the evidence


@pytest.mark.parametrize("claim", ["", "   ", '""', "\u201c \u201d", "...", "x" * (MAX_CLAIM_CHARS + 1)])
def test_empty_or_huge_claims_are_refused(corpus_factory: sessionmaker[Session], claim: str) -> None:
    with corpus_factory() as session, pytest.raises(ClaimError):
        check_claim(session, claim)


def test_common_words_fall_back_to_the_claims_phrases(
    corpus_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    from quotes.check import verify

    monkeypatch.setattr(verify, "ALL_WORDS_LIMIT", 1)  # as if a million quotes held these words
    with corpus_factory() as session:
        result = check_claim(session, "We will not raise taxes this year", "Okafor")
    assert result.status is S.EXACT
    assert "the words are common: quotes holding them in a row" in result.searched.filters
