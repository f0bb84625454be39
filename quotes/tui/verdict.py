"""A check result (quotes.check) as Content for the check screen: the verdict, the evidence, the word diff
and what was searched. Every piece of claim or article text goes through `visible` and is styled by
spans (Content.assemble), never by markup, so `[b]x[/b]` in a quote stays literal."""

from __future__ import annotations

from textual.content import Content

from quotes.check.compare import CheckStatus, DiffKind
from quotes.check.report import MEANING
from quotes.check.text import strip_claim
from quotes.check.verify import CheckResult
from quotes.tui.explain import confidence_meaning, method_meaning
from quotes.tui.safe import visible

STATUS_STYLES = {
    CheckStatus.EXACT: "bold $success",
    CheckStatus.EXACT_NORMALIZED: "bold $success",
    CheckStatus.PARTIAL: "bold $success",
    CheckStatus.ELIDED: "bold $warning",
    CheckStatus.ALTERED: "bold $error",
    CheckStatus.MISATTRIBUTED: "bold $error",
    CheckStatus.NOT_IN_QUOTE: "bold $warning",
    CheckStatus.NOT_FOUND: "bold $text-muted",
}
DIFF_STYLES = {
    DiffKind.SAME: "",
    DiffKind.DROPPED: "strike bold $error",
    DiffKind.INSERTED: "bold underline $success",
    DiffKind.CHANGED_FROM: "strike $warning",
    DiffKind.CHANGED_TO: "bold underline $warning",
}
LABEL = "bold"


def _line(label: str, *parts: str | tuple[str, str]) -> list[str | tuple[str, str]]:
    return [(f"{label:<12}", LABEL), *parts, "\n"]


def _who(name: str | None, speaker_id: int | None) -> str:
    return "(unresolved)" if name is None else f"{visible(name)} (#{speaker_id})"


def verdict_content(result: CheckResult) -> Content:
    """The status and what it means, the claim as checked, who it names, and the notes."""
    parts: list[str | tuple[str, str]] = [
        (str(result.status), STATUS_STYLES[result.status]),
        f": {MEANING[result.status]}\n",
    ]
    parts += _line("Claim", f"\u201c{visible(strip_claim(result.claim))}\u201d")
    if result.speaker:
        count = len(result.speaker_ids)
        parts += _line(
            "Speaker", visible(result.speaker), f"  ({count} stored speaker{'s' if count != 1 else ''} match)"
        )
    evidence = result.evidence
    if result.status is CheckStatus.MISATTRIBUTED and evidence is not None:
        parts += _line(
            "Said by", (_who(evidence.speaker, evidence.speaker_id), "bold $warning"),
            " in ", f"\u201c{visible(evidence.article_title or '(untitled)')}\u201d, {evidence.date}",
        )  # fmt: skip
    match = result.match
    if match is not None:
        if match.normalizations:
            parts += _line("Normalised", ", ".join(match.normalizations))
        if match.status is not CheckStatus.EXACT and match.similarity < 1:
            parts += _line("Similarity", f"{match.similarity:.2f}")
        for omitted in match.omitted:
            parts += _line("Left out", f"\u201c{visible(omitted)}\u201d")
    for note in (*result.notes, *(match.notes if match else ())):
        parts += _line("Note", visible(note))
    return Content.assemble(*parts).rstrip()


def evidence_content(result: CheckResult) -> Content | None:
    """Where the words stand: article, outlet, date, paragraph, the stored quote in its sentence, and the
    source's speaker with how that attribution was made."""
    evidence = result.evidence
    if evidence is None:
        return None
    parts: list[str | tuple[str, str]] = []
    parts += _line("Article", (visible(evidence.article_title or "(untitled)"), "bold"), f"  #{evidence.article_id}")
    parts += _line(
        "Outlet", visible(evidence.outlet or "(no outlet)"), f"  {evidence.date}  paragraph {evidence.paragraph},"
        f" characters {evidence.start}-{evidence.end}",
    )  # fmt: skip
    if evidence.quote_id is not None:
        parts += _line(f"Quote #{evidence.quote_id}", (f"\u201c{visible(evidence.quotation)}\u201d", "italic"))
    parts += _line("Sentence", visible(evidence.sentence))
    if evidence.quote_id is not None:
        confidence = "-" if evidence.confidence is None else f"{evidence.confidence:.2f}"
        by_hand = "  (set by hand)" if evidence.origin == "manual" else ""
        parts += _line("Said by", (_who(evidence.speaker, evidence.speaker_id), "bold"), by_hand)
        parts += _line("Method", f"{evidence.method or '-'}: {method_meaning(evidence.method)}")
        parts += _line("Confidence", f"{confidence}: {confidence_meaning(evidence.confidence)}")
    else:
        parts += _line("Said by", "nobody: the words are the article's own, outside quotation marks")
    return Content.assemble(*parts).rstrip()


def diff_content(result: CheckResult) -> Content | None:
    """The word diff, each kind of edit styled apart, then each change named with what it does to the
    meaning; None when the claim matches as it stands."""
    match = result.match
    if match is None or not match.pieces:
        return None
    parts: list[str | tuple[str, str]] = []
    for index, (kind, text) in enumerate(match.pieces):
        if index:
            parts.append("\u2192" if kind is DiffKind.CHANGED_TO else " ")
        parts.append((visible(text), DIFF_STYLES[kind]))
    parts += [
        "\n", ("dropped", DIFF_STYLES[DiffKind.DROPPED]), "  ", ("inserted", DIFF_STYLES[DiffKind.INSERTED]), "  ",
        ("changed from", DIFF_STYLES[DiffKind.CHANGED_FROM]), " ", ("to", DIFF_STYLES[DiffKind.CHANGED_TO]), "\n",
    ]  # fmt: skip
    for change in match.changes:
        words = " \u2192 ".join(visible(part) for part in (change.source, change.claim) if part)
        extra = " (in brackets: an editor's insertion)" if change.bracketed else ""
        parts += _line(str(change.kind).capitalize(), f"\u201c{words}\u201d{extra}")
        for flip in change.flips:
            parts += [" " * 12, ("meaning flips: ", "bold $error"), visible(flip), "\n"]
    return Content.assemble(*parts).rstrip()


def searched_content(result: CheckResult) -> Content:
    """What the check looked through: so a not_found says what it means."""
    searched = result.searched
    counted = "" if searched.quotes is None else f"{searched.quotes:,} stored quotes; "
    parts: list[str | tuple[str, str]] = _line(
        "Searched", f"{counted}{searched.candidates} candidate quotations compared"
    )
    for search in searched.filters:
        parts += [" " * 12, visible(search), "\n"]
    return Content.assemble(*parts).rstrip()


def travel_marks(cited: bool, wording_changed: bool, speaker_changed: bool) -> str:
    """What sets an appearance apart: the one the check cites, and wording or speaker unlike the first's."""
    marks = (("cited", cited), ("new wording", wording_changed), ("new speaker", speaker_changed))
    return ", ".join(mark for mark, on in marks if on)
