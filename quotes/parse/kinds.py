"""Kinds: whether a quoted span is speech, a partial quote inside reported speech, a term or title, or
nested in another quote."""

from __future__ import annotations

from quotes.parse import lexicon as lx
from quotes.parse import marks, patterns
from quotes.parse.attribution import Attribution
from quotes.parse.context import CUE_WINDOW, Document
from quotes.parse.marks import RawQuote
from quotes.parse.model import Method, QuoteKind

_HEADLINE_MAX_WORDS = 30
_CJK_FAMILIES = frozenset(("corner", "whitecorner"))
_CJK_INTRO_CHARS = 8  # how far before an opening corner bracket its introduction (李明说：) is read


def quote_kind(doc: Document, quote: RawQuote, attribution: Attribution | None) -> QuoteKind:
    if quote.parent is not None:
        return QuoteKind.NESTED
    text = doc.text
    para = doc.paragraphs[quote.paragraph]
    if quote.family in _CJK_FAMILIES:
        return QuoteKind.SPEECH if _cjk_speech(doc, quote, para) else QuoteKind.TERM
    if _is_headline(doc, para) and attribution is None:
        return QuoteKind.TERM
    if doc.is_furniture(para):
        return QuoteKind.TERM  # a link line or a photo caption repeats another story's words
    if quote.family == "single" and (attribution is None or not attribution.own_cue) and doc.double_quotes >= 2:
        return QuoteKind.TERM  # single marks in an article that quotes with double ones: a title or scare quote
    content = text[quote.start:quote.end]
    words = content.split()
    opens_paragraph = quote.open_mark == para.start or quote.previous_piece is not None
    before = text[max(para.start, quote.open_mark - CUE_WINDOW):quote.open_mark].rstrip()
    introduced = before.endswith((",", ":", "\u2014", "\u2013")) or quote.open_mark == para.start
    sentence_like = content[:1].isupper() or content[:1].isdigit() or content[:1] in "\u2026.["
    ends_like_speech = bool(patterns.ENDS_LIKE_SPEECH.search(content, timeout=patterns.TIMEOUT)) or (
        quote.close_mark is not None and text[quote.close_mark + 1:quote.close_mark + 2] in (",", "?", "!")
    )
    cue_after = attribution is not None and attribution.own_cue and (
        attribution.method in (Method.CUE_AFTER, Method.DASH) or (  # '"We failed," she added.' as 'Hale added'
            attribution.method is Method.PRONOUN and attribution.cue is not None and attribution.cue.start > quote.end
            and sentence_like and content.rstrip()[-1:] in (",", "?", "!")  # the quoted sentence, then its cue
        )
    )
    if cue_after and (ends_like_speech or sentence_like):
        return QuoteKind.SPEECH
    if opens_paragraph and (len(words) >= 3 or ends_like_speech):
        return QuoteKind.SPEECH
    if introduced and (sentence_like or len(words) >= 4):
        return QuoteKind.SPEECH
    if attribution is not None and attribution.method in (Method.COLON,):
        return QuoteKind.SPEECH
    if _title_cased(words) and not ends_like_speech and (attribution is None or not attribution.own_cue):
        return QuoteKind.TERM  # "He read "War and Peace" twice": a title, not words someone said
    last_word = before.split()[-1].lower().strip(",.:;") if before.split() else ""
    if last_word in lx.TERM_INTRO_WORDS and (attribution is None or not attribution.own_cue):
        return QuoteKind.TERM
    if len(words) <= 4 and not ends_like_speech:
        recent = [w.lower().strip(",.:;") for w in before.split()[-3:]]
        preceding = recent[-1] if recent else ""
        spoken = any(w in lx.REPORTING_VERBS or w in lx.UTTERANCE_NOUNS for w in recent)
        if not spoken and (attribution is None or preceding in lx.TERM_LEAD_WORDS):
            return QuoteKind.TERM
    if sentence_like and ends_like_speech and len(words) >= 4 and attribution is not None:
        return QuoteKind.SPEECH
    return QuoteKind.PARTIAL


_TITLE_SMALL_WORDS = frozenset("a an the and or nor but of in on for to at by with from as vs".split())
_TITLE_MAX_WORDS = 8


def _title_cased(words: list[str]) -> bool:
    """Two to eight words, each capitalised but for small words inside: a title or a name ("War and
    Peace", "The Long Road Home"), which a sentence someone said never is."""
    if not 2 <= len(words) <= _TITLE_MAX_WORDS:
        return False
    for index, word in enumerate(words):
        letters = word.lstrip("\"'([\u2018\u201c")
        if not letters[:1].isalpha() or word.endswith(("!", "?", ",")):
            return False  # "Ted! Ted! Ted!": a chant, said
        if not letters[:1].isupper() and (index == 0 or letters.lower() not in _TITLE_SMALL_WORDS):
            return False
    return True


def _cjk_speech(doc: Document, quote: RawQuote, para: marks.Paragraph) -> bool:
    """「」『』 used as speech: a speech verb after the closing mark, an introduction before the opening
    mark, or a quoted sentence; otherwise a title or a term (「一带一路」计划)."""
    text = doc.text
    if quote.close_mark is not None and patterns.CJK_SPEECH_AFTER.match(
            text, quote.close_mark + 1, para.end, timeout=patterns.TIMEOUT):
        return True
    if patterns.CJK_SPEECH_BEFORE.search(text, max(para.start, quote.open_mark - _CJK_INTRO_CHARS), quote.open_mark,
                                         timeout=patterns.TIMEOUT):
        return True
    return bool(patterns.CJK_SENTENCE_END.search(text, quote.start, quote.end, timeout=patterns.TIMEOUT))


def _is_headline(doc: Document, para: marks.Paragraph) -> bool:
    """The first paragraph, short and with no closing punctuation, is a headline."""
    if para.index != 0 or len(doc.paragraphs) < 3:
        return False
    line = doc.text[para.start:para.end]
    return len(line.split()) <= _HEADLINE_MAX_WORDS and line[-1] not in ".!?\u2026"
