"""Unclosed quotes: where a quote whose mark is never closed ends, and when an open mark is instead a pull
quote closed in its caption line (the newspaper convention `"Q. ¶ Jane Roe, a lawyer."`)."""

from __future__ import annotations

from quotes.parse import patterns
from quotes.parse.cues import cue_after
from quotes.parse.model import Rule
from quotes.parse.tokens import Token, tokenize

CAPTION_MAX_CHARS = 200
_CUE_CLAUSE_SEARCH = 1500  # how far into an unclosed quote attribution clauses are looked for (as CUE_WINDOW)
_CUE_CLAUSE_CHARS = 120  # how far after a comma a cue clause (", said Jane Roe") is looked for
_CUE_CLAUSE_VERB_TOKENS = 6  # the clause's reporting verb comes within this many tokens of its comma
_CUE_CLAUSE_TAIL_WORDS = 3  # ", Hale told reporters on Tuesday." at most
_FIRST_AND_SECOND_PERSON = frozenset("i we you".split())
_CUE_RULES = frozenset((Rule.CUE_AFTER, Rule.CUE_AFTER_PASSIVE, Rule.ACCORDING_TO))
_CLOSING_DOUBLE = frozenset('"\u201d\u201c')


def unclosed_end(text: str, start: int, end: int) -> int:
    """Where an unclosed quote opened at `start` ends, at most `end`: the end of its first sentence, or the
    comma of an attribution clause before that (", said Jane Roe", ", she said"), so the attribution and
    the narrative after it are never quoted words."""
    sentence = patterns.SENTENCE_END.search(text, start, end, timeout=patterns.TIMEOUT)
    sentence_end = sentence.end() if sentence is not None else end
    comma_end = min(sentence_end, start + _CUE_CLAUSE_SEARCH)
    comma = text.find(",", start, comma_end)
    while comma >= 0:
        tokens = tokenize(text, comma, min(sentence_end, comma + _CUE_CLAUSE_CHARS))
        if _is_cue_clause(tokens, text):
            return comma
        comma = text.find(",", comma + 1, comma_end)
    return sentence_end


def _is_cue_clause(tokens: list[Token], text: str) -> bool:
    """The tokens after a comma are an attribution clause: a reporting verb early on, a speaker who is not
    the quote's own first person ("I will tell them" is quoted words), and little after them before the
    clause ends (", said Jane Roe.", ", Hale told reporters, ...")."""
    cue = cue_after(tokens, text)
    if cue is None or cue.rule not in _CUE_RULES or cue.verb is None:
        return False
    if cue.mention.kind == "pronoun" and cue.mention.name.lower() in _FIRST_AND_SECOND_PERSON:
        return False
    if not any(token is cue.verb for token in tokens[:_CUE_CLAUSE_VERB_TOKENS]):
        return False
    clause_end = max(cue.verb.end, cue.mention.end)
    tail = 0
    for token in tokens:
        if token.start < clause_end:
            continue
        if not token.is_word:
            return True
        tail += 1
        if tail > _CUE_CLAUSE_TAIL_WORDS:
            return False
    return True


def caption_follows(text: str, next_start: int, next_end: int) -> bool:
    """The next paragraph reads like a pull quote's caption line: short, no quotation of its own, and ending
    in the closing mark or in a word ("Jane Roe, a lawyer, on the ruling."" / "Jane Roe, Elmtown mayor")."""
    if next_end - next_start > CAPTION_MAX_CHARS:
        return False
    line = text[next_start:next_end]
    if any(mark in line[:-1] for mark in _CLOSING_DOUBLE):
        return False
    return line[-1] in _CLOSING_DOUBLE or line[-1].isalnum()
