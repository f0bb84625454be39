"""One claim against one stored quotation: exact, normalised, a fragment, elided, altered, or no match.

Pure functions (no database). The order of tests is the order of the statuses: an exact substring of
normalised words first, then the ellipsis segments in order, then a word alignment found with rapidfuzz,
whose edits are named and judged. An edit that flips meaning (a negation dropped or added, a number
changed, a contraction introduced) makes a match `altered`, never `partial` or `elided`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein, Opcode

from quotes.check.lexicon import is_contraction, is_negation, is_number
from quotes.check.text import ELLIPSIS, Step, WordText, needed_steps, strip_claim, trim_source

MIN_SIMILARITY = 0.6  # below this a near match is not the same words (character similarity, 0..1)
MIN_SHARED_WORDS = 0.5  # and at least this share of the claim's words must be the source's, in order


class CheckStatus(StrEnum):
    """What a check found; exit status 0 for the first three, 1 for the rest (see README)."""

    EXACT = "exact"
    EXACT_NORMALIZED = "exact_normalized"
    PARTIAL = "partial"
    ELIDED = "elided"
    ALTERED = "altered"
    MISATTRIBUTED = "misattributed"
    NOT_IN_QUOTE = "not_in_quote"
    NOT_FOUND = "not_found"

    @property
    def confirmed(self) -> bool:
        """The claim stands as quoted: exit status 0."""
        return self in CONFIRMED


CONFIRMED = frozenset({CheckStatus.EXACT, CheckStatus.EXACT_NORMALIZED, CheckStatus.PARTIAL})
TEXT_RANK = {  # better text matches first, whoever said them
    CheckStatus.EXACT: 0,
    CheckStatus.EXACT_NORMALIZED: 1,
    CheckStatus.PARTIAL: 2,
    CheckStatus.ELIDED: 3,
    CheckStatus.ALTERED: 4,
}


class DiffKind(StrEnum):
    """What a piece of a word diff is: the words both have, or one side of an edit."""

    SAME = "same"  # words the source and the claim share (or an ellipsis that leaves nothing out)
    DROPPED = "dropped"  # source words the claim leaves out
    INSERTED = "inserted"  # claim words the source does not have
    CHANGED_FROM = "changed-from"  # source words the claim replaces (always followed by CHANGED_TO)
    CHANGED_TO = "changed-to"  # the claim's words in their place


DiffPiece = tuple[DiffKind, str]
_DIFF_MARKS = {
    DiffKind.SAME: ("", ""),
    DiffKind.DROPPED: ("[-", "-]"),
    DiffKind.CHANGED_FROM: ("[-", "-]"),
    DiffKind.INSERTED: ("{+", "+}"),
    DiffKind.CHANGED_TO: ("{+", "+}"),
}


def diff_text(pieces: tuple[DiffPiece, ...]) -> str:
    """A word diff as one line: [-source words-]{+claim words+}, shared words as they stand."""
    out = ""
    for index, (kind, text) in enumerate(pieces):
        if index and kind is not DiffKind.CHANGED_TO:
            out += " "
        opening, closing = _DIFF_MARKS[kind]
        out += f"{opening}{text}{closing}"
    return out


class ChangeKind(StrEnum):
    CHANGED = "changed"  # source words replaced by other words
    INSERTED = "inserted"  # words in the claim the source does not have
    DROPPED = "dropped"  # source words the claim leaves out without an ellipsis


@dataclass(frozen=True, slots=True)
class Change:
    """One edit between the source and the claim, with what it does to the meaning."""

    kind: ChangeKind
    claim: str  # the claim's words, as written ("" when dropped)
    source: str  # the source's words, as written ("" when inserted)
    bracketed: bool = False  # every inserted word is in [brackets]: an editor's insertion
    flips: tuple[str, ...] = ()  # why it is never small: "negation dropped: not", "number changed: 5 -> 6"

    def to_json(self) -> dict[str, object]:
        return {
            "kind": str(self.kind),
            "claim": self.claim,
            "source": self.source,
            "bracketed": self.bracketed,
            "flips": list(self.flips),
        }


@dataclass(frozen=True, slots=True)
class TextMatch:
    """Where and how a claim matches one source text; offsets index that text."""

    status: CheckStatus
    start: int
    end: int
    similarity: float  # 1.0 for exact and normalised matches
    normalizations: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()
    omitted: tuple[str, ...] = ()  # elided: the words each ellipsis leaves out
    notes: tuple[str, ...] = ()
    pieces: tuple[DiffPiece, ...] = ()  # the word diff, piece by piece (for styling each kind apart)

    @property
    def diff(self) -> str:
        """The word diff as one line: [-source words-]{+claim words+}, equal words as they stand."""
        return diff_text(self.pieces)

    @property
    def flips(self) -> tuple[str, ...]:
        return tuple(flip for change in self.changes for flip in change.flips)

    @property
    def rank(self) -> tuple[int, float]:
        return TEXT_RANK[self.status], -self.similarity


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim prepared once for comparing with many sources."""

    text: str  # stripped of surrounding marks and a trailing comma or full stop
    words: WordText  # every word, ellipses removed
    segments: tuple[WordText, ...]  # the non-empty parts between ellipses
    internal_ellipsis: bool  # an ellipsis between two parts (not only at an edge)

    @classmethod
    def of(cls, claim: str) -> Claim:
        text = strip_claim(claim)
        parts = ELLIPSIS.split(text)
        segments = tuple(s for s in (WordText.of(part, brackets=True) for part in parts) if s.words)
        whole = WordText.of(ELLIPSIS.sub(" ", text), brackets=True)
        return cls(text, whole, segments, len(segments) > 1)


def _word_flips(claim_words: list[str], source_words: list[str]) -> tuple[str, ...]:
    """What an edit from `source_words` to `claim_words` does to the meaning, if it flips it."""
    flips: list[str] = []
    claim_neg = [w for w in claim_words if is_negation(w)]
    source_neg = [w for w in source_words if is_negation(w)]
    if len(source_neg) > len(claim_neg):
        flips.append("negation dropped: " + " ".join(source_neg))
    elif len(claim_neg) > len(source_neg):
        flips.append("negation added: " + " ".join(claim_neg))
    claim_num = [w.replace(",", "") for w in claim_words if is_number(w)]
    source_num = [w.replace(",", "") for w in source_words if is_number(w)]
    if claim_num != source_num:
        if claim_num and source_num:
            flips.append(f"number changed: {' '.join(source_num)} -> {' '.join(claim_num)}")
        elif claim_num:
            flips.append("number added: " + " ".join(claim_num))
        else:
            flips.append("number dropped: " + " ".join(source_num))
    introduced = [w for w in claim_words if is_contraction(w) and w not in source_words]
    if introduced and not any(is_contraction(w) for w in source_words):
        flips.append("contraction introduced: " + " ".join(introduced))
    return tuple(flips)


def _exact(claim: Claim, source: WordText, first: int, stop: int) -> TextMatch:
    """A contiguous match of every claim word: exact, normalised, partial, or altered when the words
    before it in its sentence hold a negation the claim leaves out."""
    start, end = source.span(first, stop)
    tail = end
    while tail < len(source.text) and not source.text[tail].isspace() and not source.text[tail].isalnum():
        tail += 1
    steps = needed_steps(ELLIPSIS.sub(" ", claim.text).strip(), trim_source(source.text[start:tail].replace("\n", " ")))
    if steps is None:  # only marks the word forms ignore differ (brackets, an edge ellipsis)
        steps = (Step.PUNCTUATION,)
    names = tuple(str(step) for step in steps)
    whole = first == 0 and stop == len(source.words)
    if whole:
        status = CheckStatus.EXACT_NORMALIZED if steps else CheckStatus.EXACT
        return TextMatch(status, start, end, 1.0, names)
    lead = source.sentence_start(first)
    negations = [w.norm for w in source.words[lead:first] if is_negation(w.norm)]
    if negations:
        flip = "negation dropped: " + " ".join(negations)
        before = source.written(lead, first)
        change = Change(ChangeKind.DROPPED, "", before, flips=(flip,))
        note = f"the words before the claim in the same sentence hold a negation: {before!r}"
        pieces = ((DiffKind.DROPPED, before), (DiffKind.SAME, source.written(first, stop)))
        return TextMatch(CheckStatus.ALTERED, start, end, 1.0, names, (change,), notes=(note,), pieces=pieces)
    return TextMatch(CheckStatus.PARTIAL, start, end, 1.0, names)


def _elided(claim: Claim, source: WordText) -> TextMatch | None:
    """Every ellipsis part found in order in the source: elided, or altered if what an ellipsis leaves out
    holds a negation."""
    spans: list[tuple[int, int]] = []
    position = 0
    for segment in claim.segments:
        found = source.find(segment, position)
        if found is None:
            return None
        spans.append((found, found + len(segment.words)))
        position = found + len(segment.words)
    gaps = [(left_stop, right_first) for (_, left_stop), (right_first, _) in pairwise(spans)]
    omitted = tuple(source.written(*gap) for gap in gaps)
    changes = []
    for gap, text in zip(gaps, omitted, strict=True):
        negations = [w.norm for w in source.words[gap[0] : gap[1]] if is_negation(w.norm)]
        if negations:
            flip = "ellipsis drops a negation: " + " ".join(negations)
            changes.append(Change(ChangeKind.DROPPED, "...", text, flips=(flip,)))
    start, end = source.span(spans[0][0], spans[-1][1])
    pieces: list[DiffPiece] = []
    for index, span in enumerate(spans):
        pieces.append((DiffKind.SAME, source.written(*span)))
        if index < len(omitted):
            pieces.append((DiffKind.DROPPED, omitted[index]) if omitted[index] else (DiffKind.SAME, "..."))
    if changes:
        return TextMatch(CheckStatus.ALTERED, start, end, 1.0, (), tuple(changes), omitted, pieces=tuple(pieces))
    return TextMatch(CheckStatus.ELIDED, start, end, 1.0, (), (), omitted, pieces=tuple(pieces))


def _window(claim: Claim, source: WordText) -> tuple[int, int]:
    """The source words a near match can cover: found by character alignment, widened by a few words so
    that dropped words at either end are seen."""
    if len(claim.words.joined) >= len(source.joined):
        return 0, len(source.words)
    aligned = fuzz.partial_ratio_alignment(claim.words.joined, source.joined)
    if aligned is None:
        return 0, len(source.words)
    first = source.word_at(aligned.dest_start)
    stop = source.word_at(max(aligned.dest_end - 1, aligned.dest_start)) + 1
    slack = max(3, len(claim.words.words))
    return max(0, first - slack), min(len(source.words), stop + slack)


def _runs(ops: list[Opcode], low: int) -> list[tuple[str, tuple[int, int], tuple[int, int]]]:
    """Opcodes with each run of edits merged into one ("will not" -> "won't" is one change); source
    indexes shifted by `low`."""
    runs: list[tuple[str, tuple[int, int], tuple[int, int]]] = []
    for op in ops:
        tag = "equal" if op.tag == "equal" else "edit"
        claim_span, source_span = (op.src_start, op.src_end), (low + op.dest_start, low + op.dest_end)
        if runs and runs[-1][0] == tag == "edit":
            _, (claim_first, _), (source_first, _) = runs[-1]
            runs[-1] = (tag, (claim_first, claim_span[1]), (source_first, source_span[1]))
        else:
            runs.append((tag, claim_span, source_span))
    return runs


def _aligned(claim: Claim, source: WordText) -> TextMatch | None:
    """A word alignment of claim and source: altered when close enough, with every edit named."""
    low, high = _window(claim, source)
    # an editor's [bracketed] words are never the source's words, even when they are the same words
    claim_norms = ["[" + w.norm if w.bracketed else w.norm for w in claim.words.words]
    source_norms = [w.norm for w in source.words[low:high]]
    ops = list(Levenshtein.opcodes(claim_norms, source_norms))
    while ops and ops[0].tag == "insert":  # source words before the claim begins: not dropped by it
        ops.pop(0)
    while ops and ops[-1].tag == "insert":
        ops.pop()
    if not ops:
        return None
    first, stop = low + ops[0].dest_start, low + ops[-1].dest_end
    shared = sum(op.src_end - op.src_start for op in ops if op.tag == "equal")
    own_words = sum(not w.bracketed for w in claim.words.words)
    if shared < MIN_SHARED_WORDS * own_words or first >= stop:
        return None
    similarity = fuzz.ratio(claim.words.joined, " ".join(w.norm for w in source.words[first:stop])) / 100
    if similarity < MIN_SIMILARITY:
        return None
    changes: list[Change] = []
    notes: list[str] = []
    pieces: list[DiffPiece] = []
    for tag, (claim_first, claim_stop), (source_first, source_stop) in _runs(ops, low):
        claim_part = claim.words.written(claim_first, claim_stop)
        source_part = source.written(source_first, source_stop)
        if tag == "equal":
            pieces.append((DiffKind.SAME, claim_part))
            continue
        claim_words = claim.words.words[claim_first:claim_stop]
        bracketed = bool(claim_words) and all(w.bracketed for w in claim_words)
        kind = ChangeKind.CHANGED if claim_part and source_part else (
            ChangeKind.INSERTED if claim_part else ChangeKind.DROPPED
        )
        flips = _word_flips([w.norm for w in claim_words], [w.norm for w in source.words[source_first:source_stop]])
        changes.append(Change(kind, claim_part, source_part, bracketed, flips))
        if kind is not ChangeKind.INSERTED and source.crosses_sentence(source_first, source_stop):
            notes.append(f"two sentences stitched together: {source_part!r} between them is left out")
        if kind is ChangeKind.CHANGED:
            pieces += [(DiffKind.CHANGED_FROM, source_part), (DiffKind.CHANGED_TO, claim_part)]
        else:
            pieces.append((DiffKind.INSERTED, claim_part) if claim_part else (DiffKind.DROPPED, source_part))
    start, end = source.span(first, stop)
    return TextMatch(
        CheckStatus.ALTERED, start, end, round(similarity, 3), (), tuple(changes), notes=tuple(notes),
        pieces=tuple(pieces),
    )  # fmt: skip


def compare_text(claim: Claim, source: str | WordText) -> TextMatch | None:
    """How `claim` matches the stored quotation `source`, or None when it is not close enough."""
    text = source if isinstance(source, WordText) else WordText.of(source)
    if not claim.words.words or not text.words:
        return None
    if not claim.internal_ellipsis:
        found = text.find(claim.words)
        if found is not None:
            return _exact(claim, text, found, found + len(claim.words.words))
    else:
        elided = _elided(claim, text)
        if elided is not None:
            return elided
    return _aligned(claim, text)
