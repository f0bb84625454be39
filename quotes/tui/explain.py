"""What an attribution's method and confidence mean, in words for the quote detail screen."""

from __future__ import annotations

METHODS = {
    "cue-after": 'a reporting verb after the quote names the speaker ("…," Hale said)',
    "cue-before": 'a reporting verb before the quote names the speaker (Hale said, "…")',
    "colon": 'the speaker and a colon introduce the quote (Hale said: "…")',
    "dash": 'a dash after the quote names the speaker ("…" \u2014 Hale)',
    "according-to": '"according to" names the speaker',
    "continuation": "a later piece or paragraph of the running speaker's quotation",
    "lead-in": "the quote paragraph follows a sentence whose subject speaks",
    "pronoun": "the cue's subject is a pronoun, resolved to an earlier name",
    "unresolved": "no speaker could be found: a person should decide",
    "manual": "a person attributed this quote by hand; reparse keeps it",
}


def method_meaning(method: str | None) -> str:
    if method is None:
        return "never attributed"
    return METHODS.get(method, "a parser rule (see the README, How attribution works)")


def confidence_meaning(confidence: float | None) -> str:
    """The band a confidence falls in and what a user should do with it."""
    if confidence is None:
        return "no confidence: nothing attributed"
    if confidence >= 0.9:
        return "high: the wording names the speaker directly"
    if confidence >= 0.7:
        return "medium: likely right, worth a glance before publishing"
    if confidence >= 0.4:
        return "low: inferred from context; check the article"
    return "very low: treat as unattributed until checked"
