"""Flat records of a parse, for `quotes extract` (JSON lines for tools, text for people)."""

from __future__ import annotations

from typing import Any

from quotes.parse.model import ArticleParse, QuoteCandidate


def quote_record(article_id: str, parse: ArticleParse, quote: QuoteCandidate) -> dict[str, Any]:
    """One JSON-lines record per quote piece (the shape ../shared/eval/score.py reads)."""
    speaker = parse.speaker_of(quote)
    return {
        "id": article_id,
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "speaker": speaker.name if speaker else None,
        # a withheld speaker's mention is not offered as naming anyone
        "speaker_mention": quote.mention.text if quote.mention and quote.withheld is None else None,
        "cue": quote.cue.text if quote.cue else None,
        "method": str(quote.method),
        "rule": str(quote.rule),
        "confidence": quote.confidence,
        "withheld_speaker": quote.withheld,
        "evidence": list(quote.evidence),
        "kind": str(quote.kind),
        "paragraph": quote.paragraph,
        "group": quote.group,
    }


def quote_text_block(parse: ArticleParse, quote: QuoteCandidate) -> str:
    """A few lines for people: the quote, who said it, and why."""
    speaker = parse.speaker_of(quote)
    who = speaker.name if speaker else "(unresolved)"
    if quote.withheld is not None:
        who += f" (withheld: {quote.withheld}, under the confidence threshold)"
    why = [f"rule {quote.rule}"] + ([f"method {quote.method}"] if str(quote.method) != str(quote.rule) else [])
    why.append(f"confidence {quote.confidence:.2f}")
    if quote.evidence:
        why.append(f"evidence {', '.join(quote.evidence)}")
    if quote.cue:
        why.append(f"cue {quote.cue.text!r} @{quote.cue.start}")
    if quote.mention:
        why.append(f"mention {quote.mention.text!r} @{quote.mention.start}")
    return (
        f"[{quote.start}:{quote.end}] p{quote.paragraph} {quote.kind}: {quote.text!r}\n"
        f"    speaker: {who}\n"
        f"    why: {'; '.join(why)}"
    )


def warning_lines(parse: ArticleParse) -> list[str]:
    """The parser's warnings about the text, one line each, for people."""
    return [f"    warning [{warning.start}:{warning.end}]: {warning.message}" for warning in parse.warnings]
