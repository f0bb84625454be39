"""Claim + speaker -> CheckResult: is this quote, by this speaker, in our sources, and where did it go?

Candidates come from the full-text index: the quotes holding the claim's four longest words (when those
are common: the quotes holding its words in a row, and the claimed speaker's quotes holding the words).
When no match can settle the status, near matches are searched too: first quotes holding two of the
claim's three runs of words in a row (a changed word breaks only one), then quotes holding all but one
of the six longest words, or a third of the words. Each candidate quotation is compared with
`compare.compare_text`; the claimed speaker is matched against speaker entities (`check.speakers`).
Words found in no quotation are looked for in article narration (`check.narration`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from sqlalchemy.orm import Session

from quotes.check.compare import TEXT_RANK, Change, CheckStatus, Claim, TextMatch, compare_text
from quotes.check.evidence import Evidence, Quotation, group_rows, quote_evidence
from quotes.check.lexicon import FUNCTION_WORDS, is_negation
from quotes.check.narration import find_in_narration
from quotes.check.speakers import matching_speakers
from quotes.check.text import MAX_CLAIM_CHARS
from quotes.check.travel import Appearance, appearances
from quotes.db.check_views import (
    candidate_ids_by_speakers,
    candidate_quote_ids,
    quotation_rows,
    quote_ids_with_any,
    quote_ids_with_phrases,
    total_quotes,
)

SEARCH_WORDS = 4  # the longest search words of a claim that a candidate must hold (more cost, not precision)
ALL_WORDS_LIMIT = 100  # quotations holding them that are read; more means the words are common
NEAR_WORDS = 6  # the longest words of the claim, searched less one at a time for a near match
NEAR_THIRD_MIN = 2  # claims of at least 3 x this many search words are also searched a third at a time
NEAR_LIMIT = 100  # quotations read for near matches
NEAR_PIECE_MIN = 3  # words in a row in each piece of a claim searched piece by piece


class ClaimError(ValueError):
    """A claim that cannot be checked (empty, or longer than MAX_CLAIM_CHARS): a usage error."""


@dataclass(frozen=True, slots=True)
class Searched:
    """What a check looked through, so a `not_found` says what it means."""

    quotes: int | None  # every stored quote (counted for not_found only: a count costs at 1M quotes)
    candidates: int  # quotations the full-text index offered and that were compared
    filters: tuple[str, ...]  # in words: "speaker: Hale (2 stored speakers)", "near match on 8 words"

    def to_json(self) -> dict[str, Any]:
        return {"quotes": self.quotes, "candidates": self.candidates, "filters": list(self.filters)}


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One claim's status with its evidence, the text match, what was searched, and where it travelled."""

    claim: str
    speaker: str | None  # the speaker the claim names, as given
    speaker_ids: tuple[int, ...]  # stored speakers that name may mean
    status: CheckStatus
    evidence: Evidence | None
    match: TextMatch | None
    searched: Searched
    travel: tuple[Appearance, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def exit_code(self) -> int:
        """0 when the claim stands as quoted (exact, exact_normalized, partial), else 1."""
        return 0 if self.status.confirmed else 1

    @property
    def changes(self) -> tuple[Change, ...]:
        return self.match.changes if self.match else ()

    def to_json(self) -> dict[str, Any]:
        match = self.match
        return {
            "claim": self.claim,
            "speaker": self.speaker,
            "speaker_ids": list(self.speaker_ids),
            "status": str(self.status),
            "exit_code": self.exit_code,
            "similarity": match.similarity if match else None,
            "normalizations": list(match.normalizations) if match else [],
            "changes": [change.to_json() for change in self.changes],
            "omitted": list(match.omitted) if match else [],
            "diff": match.diff if match else "",
            "notes": [*self.notes, *(match.notes if match else ())],
            "evidence": self.evidence.to_json() if self.evidence else None,
            "searched": self.searched.to_json(),
            "travel": [appearance.to_json() for appearance in self.travel],
        }


@dataclass(frozen=True, slots=True)
class _Found:
    match: TextMatch
    quotation: Quotation

    @property
    def key(self) -> tuple[int, float, Any, int, int]:
        row = self.quotation.first
        return (*self.match.rank, row.article_date, row.article_id, row.start)


def _compare_all(claim: Claim, quotations: list[Quotation]) -> list[_Found]:
    """The quotations that match the claim, in the order given."""
    found = []
    for quotation in quotations:
        match = compare_text(claim, quotation.words)
        if match is not None:
            found.append(_Found(match, quotation))
    return found


def search_words(claim: Claim) -> tuple[str, ...]:
    """The words to search for: the claim's words less function words, negations (a dropped "not" must
    not hide the quote it was dropped from), bracketed words (an editor's, not the source's) and words
    with an apostrophe (the two indexes split "it’s" differently)."""
    every = tuple(dict.fromkeys(w.norm for w in claim.words.words if not w.bracketed))
    content = tuple(w for w in every if w not in FUNCTION_WORDS and not is_negation(w) and "'" not in w)
    return content or every


def claim_phrases(claim: Claim) -> tuple[str, ...]:
    """The runs of words the source must hold in a row: split at ellipses and at bracketed words."""
    phrases: list[str] = []
    for segment in claim.segments:
        run: list[str] = []
        for word in (*segment.words, None):
            if word is None or word.bracketed:
                if run:
                    phrases.append(" ".join(run))
                run = []
            else:
                run.append(word.norm)
    return tuple(phrases)


def longest_words(words: tuple[str, ...], count: int) -> tuple[str, ...]:
    """The `count` longest words: on the whole the rarest, so the ones that find a quotation fastest."""
    return tuple(sorted(words, key=lambda w: (-len(w), w))[:count])


def _near_queries(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Word sets a reworded quotation still holds: the longest words less one at a time, and, for long
    claims, each third of the words in order."""
    longest = longest_words(words, NEAR_WORDS)
    queries = [c for c in combinations(longest, len(longest) - 1) if c] if len(longest) > 1 else []
    if len(words) >= 3 * NEAR_THIRD_MIN:
        third = -(-len(words) // 3)
        queries += [words[i : i + third] for i in range(0, len(words), third)]
    return queries


def near_pieces(claim: Claim) -> list[tuple[str, ...]]:
    """Sets of phrases a quotation still holds in a row when one word of the claim was changed: the
    claim cut into three runs of words (two when it is short), taken two at a time (one at a time when
    there are two). Runs never cross an ellipsis or a bracketed word. Phrases are far rarer than the
    same words anywhere, so the right quotation is among the first candidates even at a million quotes."""
    pieces: list[str] = []
    runs = [phrase.split() for phrase in claim_phrases(claim)]
    count = sum(len(run) for run in runs)
    parts = 3 if count >= 3 * NEAR_PIECE_MIN else 2
    size = max(NEAR_PIECE_MIN, -(-count // parts))
    for run in runs:
        pieces += [" ".join(run[i : i + size]) for i in range(0, len(run), size) if len(run[i : i + size]) >= NEAR_PIECE_MIN]
    if len(pieces) < 2:
        return []
    if len(pieces) == 2:
        return [(piece,) for piece in pieces]
    return list(combinations(pieces, 2))


def prepare_claim(claim: str) -> Claim:
    """The claim ready to compare; raises ClaimError when it is empty or too long."""
    if len(claim) > MAX_CLAIM_CHARS:
        raise ClaimError(f"the claim is {len(claim):,} characters; at most {MAX_CLAIM_CHARS:,} can be checked")
    prepared = Claim.of(claim)
    if not prepared.words.words:
        raise ClaimError("the claim holds no words to check")
    return prepared


def check_claim(
    session: Session, claim: str, speaker: str | None = None, *, thorough: bool = False
) -> CheckResult:
    """Check one claim (and, if given, who said it) against every stored quote.

    `thorough` also looks for reworded versions when an exact one is found (for "where it travelled").
    Raises ClaimError for an empty or oversized claim.
    """
    prepared = prepare_claim(claim)
    speakers = matching_speakers(session, speaker) if speaker else []
    own = {s.id for s in speakers}
    words = search_words(prepared)
    filters: list[str] = [f"quotes holding every one of the words {', '.join(longest_words(words, SEARCH_WORDS))}"]
    if speaker:
        filters.insert(0, f"speaker {speaker!r}: {len(speakers)} stored speaker(s) match")

    seen: set[int] = set()
    quotations: list[Quotation] = []
    found: list[_Found] = []  # every match among the quotations read, best first

    def read(ids: list[int]) -> None:
        """Read the quotations holding `ids` not read yet, and compare only those with the claim."""
        fresh = [i for i in ids if i not in seen]
        new = group_rows(quotation_rows(session, fresh)) if fresh else []
        for quotation in new:
            seen.update(r.id for r in quotation.rows)
        quotations.extend(new)
        found.extend(_compare_all(prepared, new))
        found.sort(key=lambda f: f.key)

    ids = candidate_quote_ids(session, longest_words(words, SEARCH_WORDS), limit=ALL_WORDS_LIMIT)
    if len(ids) >= ALL_WORDS_LIMIT:  # common words: the quotes holding the claim's phrases instead
        filters.append("the words are common: quotes holding them in a row")
        ids = quote_ids_with_phrases(session, claim_phrases(prepared), limit=ALL_WORDS_LIMIT) or ids
        if own:  # and the claimed speaker's own quotes holding the words, which the limit may have cut
            ids += candidate_ids_by_speakers(session, longest_words(words, SEARCH_WORDS), tuple(own), limit=ALL_WORDS_LIMIT)
    read(ids)
    if thorough or not _settled(found, own if speaker else None):
        pieces = near_pieces(prepared)
        if pieces:
            filters.append("near matches: quotes holding two of the claim's three runs of words in a row")
            read(quote_ids_with_any(session, tuple(pieces), limit=NEAR_LIMIT))
    if thorough or not _settled(found, own if speaker else None):
        queries = _near_queries(words)
        filters.append("near matches: quotes holding all but one of the longest words, or a third of them")
        read(quote_ids_with_any(session, tuple(queries), limit=NEAR_LIMIT))
    status, chosen, notes = _decide(found, own if speaker else None)
    evidence = None
    match = chosen.match if chosen else None
    if chosen is None or status in (CheckStatus.ALTERED, CheckStatus.MISATTRIBUTED) and (
        chosen.match.status is CheckStatus.ALTERED
    ):
        narration = find_in_narration(session, prepared)
        if narration is not None:
            status, evidence, match = CheckStatus.NOT_IN_QUOTE, narration[0], narration[1]
            notes = ("the words are in the article's own text, outside quotation marks",)
    if evidence is None and chosen is not None and status is not CheckStatus.NOT_FOUND:
        evidence = quote_evidence(session, chosen.quotation, chosen.match.start, chosen.match.end)
    if status is CheckStatus.NOT_FOUND:
        match = None
    searched = Searched(
        total_quotes(session) if status is CheckStatus.NOT_FOUND else None, len(quotations), tuple(filters)
    )
    travel = appearances([(f.match, f.quotation) for f in found], reference=chosen.quotation if chosen else None)
    return CheckResult(
        claim, speaker, tuple(sorted(own)), status, evidence, match, searched, travel, notes
    )


def _settled(found: list[_Found], own: set[int] | None) -> bool:
    """Whether a reworded version found by the near-match search could no longer change the status:
    the words stand as quoted somewhere (an own near match would lose to them), or a near match by the
    claimed speaker (by anyone, when none is named) is already in hand."""
    return any(
        f.match.status is not CheckStatus.ALTERED or own is None or f.quotation.first.speaker_id in own
        for f in found
    )


def _decide(found: list[_Found], own: set[int] | None) -> tuple[CheckStatus, _Found | None, tuple[str, ...]]:
    """The status, the match cited, and notes: the claimed speaker's best match, unless it is only a
    near match and someone else said the words as they stand, which makes the claim misattributed."""
    if not found:
        return CheckStatus.NOT_FOUND, None, ()
    best = found[0]
    if own is None:
        if best.quotation.first.speaker_id is None:
            return best.match.status, best, ("the source does not say who said it",)
        return best.match.status, best, ()
    mine = next((f for f in found if f.quotation.first.speaker_id in own), None)
    if mine is not None and (
        mine.match.status is not CheckStatus.ALTERED or TEXT_RANK[mine.match.status] <= TEXT_RANK[best.match.status]
    ):
        return mine.match.status, mine, ()
    if best.quotation.first.speaker_id is None:
        note = "the source does not say who said it, so the claimed speaker is not confirmed"
    else:
        note = f"the source attributes these words to {best.quotation.first.speaker}"
    return CheckStatus.MISATTRIBUTED, best, (note,)
