"""Check results for people: terminal lines (control characters escaped), Markdown and HTML (escaped for
their target). Article and claim text is untrusted: it is never markup in any of them."""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator

import regex

from quotes.check.compare import CheckStatus
from quotes.check.text import strip_claim
from quotes.check.travel import Appearance
from quotes.check.verify import CheckResult
from quotes.display import printable

MEANING = {
    CheckStatus.EXACT: "the words are in a stored quotation, as they stand",
    CheckStatus.EXACT_NORMALIZED: "the words are in a stored quotation; only case, whitespace or punctuation differ",
    CheckStatus.PARTIAL: "the claim is a fragment of a longer stored quotation",
    CheckStatus.ELIDED: "every word is in one quotation in order; the ellipses leave words out",
    CheckStatus.ALTERED: "a near match: words were changed, inserted or dropped",
    CheckStatus.MISATTRIBUTED: "the words are in the sources, but said by someone else",
    CheckStatus.NOT_IN_QUOTE: "the words are in an article, but in its narration, not inside quotation marks",
    CheckStatus.NOT_FOUND: "nothing close enough in the stored quotes",
}
# Inside a table cell nothing is at the start of a line: these are the characters that still act there
_MARKDOWN_SPECIAL = regex.compile(r"([\\`*_{}\[\]<>|~])")


def _who(speaker: str | None, speaker_id: int | None) -> str:
    return "(unresolved)" if speaker is None else f"{printable(speaker)} (#{speaker_id})"


def result_lines(result: CheckResult) -> Iterator[str]:
    """One check result for a terminal: status, evidence, the diff and its changes, what was searched."""
    yield f"{result.status}: {MEANING[result.status]}"
    yield f"  claim:      \u201c{printable(strip_claim(result.claim))}\u201d" + (
        f" \u2014 {printable(result.speaker)}" if result.speaker else ""
    )
    evidence, match = result.evidence, result.match
    if evidence is not None:
        title = printable(evidence.article_title) if evidence.article_title else "(untitled)"
        outlet = printable(evidence.outlet) if evidence.outlet else "(no outlet)"
        yield (
            f"  source:     article {evidence.article_id} \u201c{title}\u201d, {outlet}, {evidence.date}, "
            f"paragraph {evidence.paragraph}, characters {evidence.start}-{evidence.end}"
        )
        if evidence.quote_id is not None:
            yield f"  quote #{evidence.quote_id}:  \u201c{printable(evidence.quotation)}\u201d"
        yield f"  sentence:   {printable(evidence.sentence)}"
        if evidence.quote_id is not None:
            confidence = "" if evidence.confidence is None else f", confidence {evidence.confidence:.2f}"
            yield (
                f"  said by:    {_who(evidence.speaker, evidence.speaker_id)}, attributed by "
                f"{evidence.method or 'nobody'}{confidence} ({evidence.origin or 'never attributed'})"
            )
    if match is not None:
        if match.normalizations:
            yield f"  normalised: {', '.join(match.normalizations)}"
        if match.status is not CheckStatus.EXACT and match.similarity < 1:
            yield f"  similarity: {match.similarity:.2f}"
        if match.diff:
            yield f"  diff:       {printable(match.diff)}"
        for omitted in match.omitted:
            yield f"  left out:   \u201c{printable(omitted)}\u201d"
        for change in match.changes:
            words = " -> ".join(printable(part) for part in (change.source, change.claim) if part)
            extra = " (in brackets)" if change.bracketed else ""
            flips = f"; meaning flips: {'; '.join(change.flips)}" if change.flips else ""
            yield f"  {change.kind + ':':<11} \u201c{words}\u201d{extra}{flips}"
        for note in match.notes:
            yield f"  note:       {printable(note)}"
    for note in result.notes:
        yield f"  note:       {printable(note)}"
    searched = result.searched
    counted = "" if searched.quotes is None else f"{searched.quotes:,} quotes; "
    yield f"  searched:   {counted}{searched.candidates} candidate quotations compared"
    for search in searched.filters:
        yield f"              {printable(search)}"
    yield from travel_lines(result.travel)


def travel_lines(travel: Iterable[Appearance]) -> Iterator[str]:
    """Where the words travelled, earliest first, marking changes of wording or speaker."""
    rows = list(travel)
    if not rows:
        return
    yield "where the words travelled (earliest first):"
    for appearance in rows:
        marks = [
            mark
            for mark, on in (
                ("cited", appearance.cited),
                ("wording changed", appearance.wording_changed),
                ("speaker changed", appearance.speaker_changed),
            )
            if on
        ]
        outlet = printable(appearance.outlet) if appearance.outlet else "(no outlet)"
        yield (
            f"  {appearance.date}  {outlet}  {_who(appearance.speaker, appearance.speaker_id)}  "
            f"{appearance.status}  quote #{appearance.quote_id}, article {appearance.article_id}"
            + (f"  [{', '.join(marks)}]" if marks else "")
        )


def markdown_text(text: str) -> str:
    """Text safe inside a Markdown table cell: every Markdown character escaped, newlines as spaces."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", printable(" ".join(text.split())))


def _summary(result: CheckResult) -> tuple[str, str, str, str]:
    """Status, source, speaker and diff of a result, as plain (unescaped) text."""
    evidence = result.evidence
    source = ""
    said_by = ""
    if evidence is not None:
        source = f"article {evidence.article_id}, {evidence.outlet or '(no outlet)'}, {evidence.date}"
        if evidence.quote_id is not None:
            source += f", quote #{evidence.quote_id}"
            said_by = evidence.speaker or "(unresolved)"
    flips = "; ".join(flip for change in result.changes for flip in change.flips)
    diff = (result.match.diff if result.match else "") + (f" ({flips})" if flips else "")
    return str(result.status), source, said_by, diff


def markdown_table(results: Iterable[CheckResult]) -> Iterator[str]:
    yield "| status | quote | speaker in draft | source | said by | diff |"
    yield "|---|---|---|---|---|---|"
    for result in results:
        status, source, said_by, diff = _summary(result)
        cells = (status, result.claim, result.speaker or "", source, said_by, diff)
        yield "| " + " | ".join(markdown_text(cell) for cell in cells) + " |"


def html_table(results: Iterable[CheckResult]) -> Iterator[str]:
    yield '<table class="quote-check">'
    yield "<tr><th>status</th><th>quote</th><th>speaker in draft</th><th>source</th><th>said by</th><th>diff</th></tr>"
    for result in results:
        status, source, said_by, diff = _summary(result)
        cells = (status, result.claim, result.speaker or "", source, said_by, diff)
        yield "<tr>" + "".join(f"<td>{html.escape(printable(cell))}</td>" for cell in cells) + "</tr>"
    yield "</table>"
