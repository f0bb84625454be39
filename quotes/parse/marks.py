"""Find quotation marks in article text and pair them into quoted spans.

Marks are paired by family (double, single, guillemet, corner) and direction, not by position, so a
quote opened curly and closed straight still pairs. Apostrophes are told apart from single marks by
the letters around them and by whether a single quote is open. A quote left open at a paragraph's end
continues when the next paragraph opens with a mark of its family (the newspaper convention);
otherwise it ends at the paragraph's end with a warning and never swallows the following text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from quotes.parse import patterns
from quotes.parse.model import ParseWarning
from quotes.parse.unclosed import caption_follows, unclosed_end


class Role(Enum):
    OPEN = "open"
    CLOSE = "close"
    EITHER = "either"


# Each mark: (family, role it plays when its flanking does not decide, straight?)
_MARKS: dict[str, tuple[str, Role, bool]] = {
    '"': ("double", Role.EITHER, True),
    "\u201c": ("double", Role.OPEN, False),  # “ (closes a „ in German usage)
    "\u201d": ("double", Role.CLOSE, False),  # ”
    "\u201e": ("double", Role.OPEN, False),  # „
    "\u201f": ("double", Role.OPEN, False),  # ‟
    "\u2033": ("double", Role.EITHER, True),  # ″ used as a straight double mark
    "'": ("single", Role.EITHER, True),
    "\u2018": ("single", Role.OPEN, False),  # ‘
    "\u2019": ("single", Role.CLOSE, False),  # ’ (also the apostrophe)
    "\u201a": ("single", Role.OPEN, False),  # ‚
    "\u201b": ("single", Role.OPEN, False),  # ‛
    "\u00ab": ("guillemet", Role.OPEN, False),  # «
    "\u00bb": ("guillemet", Role.CLOSE, False),  # »
    "\u2039": ("guillemet1", Role.OPEN, False),  # ‹
    "\u203a": ("guillemet1", Role.CLOSE, False),  # ›
    "\u300c": ("corner", Role.OPEN, False),  # 「
    "\u300d": ("corner", Role.CLOSE, False),  # 」
    "\u300e": ("whitecorner", Role.OPEN, False),  # 『
    "\u300f": ("whitecorner", Role.CLOSE, False),  # 』
}

MARK_CHARS = frozenset(_MARKS)
_GUILLEMETS = frozenset("\u00ab\u00bb\u2039\u203a")
_GERMAN_OPENERS = frozenset("\u00bb\u203a")  # » › open a quote in German book style: »Ja«, ›ja‹
_AFTER_OPENER_NOT = frozenset(".,;:!?)]}\u2026")  # a mark followed by these does not open a quote
_BEFORE_CLOSER_NOT = frozenset("([{")  # a mark preceded by these does not close one
MAX_DEPTH = 3  # a quote in a quote in a quote; deeper opening marks are strays, which keeps scans linear
_OPENING_CONTEXT = frozenset("([{\u2014\u2013-/\u2026:") | MARK_CHARS
_CLOSING_CONTEXT = frozenset(".,;:!?)]}\u2014\u2013-\u2026/") | MARK_CHARS


@dataclass(eq=False, slots=True)
class RawQuote:
    """A quoted span found by pairing marks; offsets exclude the marks."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when the paragraph ended first
    family: str
    paragraph: int
    previous_piece: RawQuote | None = None  # the piece of a multi-paragraph quote before this one
    continued: bool = False  # the next paragraph continues this quote
    parent: RawQuote | None = None  # the enclosing quote, if nested
    depth: int = 0
    unclosed: bool = False  # its opening mark is never closed: no attribution, span bounded by its sentence


@dataclass(slots=True)
class _Open:
    pos: int
    family: str
    previous_piece: RawQuote | None = None
    straight: bool = False


@dataclass(slots=True)
class Paragraph:
    index: int
    start: int
    end: int


@dataclass(slots=True)
class MarkScan:
    paragraphs: list[Paragraph]
    quotes: list[RawQuote] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)


def split_paragraphs(text: str) -> list[Paragraph]:
    """Non-blank lines are paragraphs; a blank line or a single newline separates them."""
    paragraphs: list[Paragraph] = []
    for match in patterns.iter_matches(patterns.PARAGRAPH, text):
        paragraphs.append(Paragraph(len(paragraphs), match.start(), match.end()))
    return paragraphs


_STRAY_STRAIGHT = "straight quotation mark inside a curly-quoted quote never closed; ignored"
_ELISION_INITIALS = frozenset("bcekntr")  # first letters of the words patterns.ELISION knows, case-folded


def _role(text: str, pos: int, para: Paragraph, german: bool) -> Role | None:
    """The role a mark plays here, or None for an apostrophe. `german`: guillemets whose flanking does
    not decide open with » and close with « (German book style) rather than the French way round."""
    ch = text[pos]
    family, default, straight = _MARKS[ch]
    prev = text[pos - 1] if pos > para.start else " "
    nxt = text[pos + 1] if pos + 1 < para.end else " "
    left = not nxt.isspace() and (prev.isspace() or prev in _OPENING_CONTEXT)
    right = not prev.isspace() and (nxt.isspace() or nxt in _CLOSING_CONTEXT)
    if family == "single" and ch in "'\u2019\u2018":
        if prev.isalnum() and nxt.isalnum():
            return None  # don't, O'Brien, rock'n'roll
        if left and (nxt.isdigit() or nxt.casefold()[:1] in _ELISION_INITIALS) \
                and patterns.ELISION.match(text, pos + 1, para.end, timeout=patterns.TIMEOUT):
            return None  # '90s, 'em, 'n', 'til
        if right and ch != "\u2018" and patterns.ELISION_BEFORE.search(
                text, max(para.start, pos - 4), pos, timeout=patterns.TIMEOUT):
            return None  # the second mark of 'n', ol', o'
        if ch == "\u2019" and left and not right:
            return None  # ’ never opens: ’90s, ’n’
    opens = left and nxt not in _AFTER_OPENER_NOT  # "« Oui »," : the » before a comma opens nothing
    closes = right and prev not in _BEFORE_CLOSER_NOT
    if ch in _GUILLEMETS:
        if opens != closes:
            return Role.OPEN if opens else Role.CLOSE  # »Ja«, »Ja», «Ja»: the flanking decides
        return Role.OPEN if (ch in _GERMAN_OPENERS) == german else Role.CLOSE
    if not straight:
        if ch in "\u201c\u2018" and right and not left:
            return Role.EITHER  # “ ‘ closing „ ‚ (German usage), or a typographic slip
        if ch == "\u201d" and opens and not closes:
            return Role.EITHER  # ”Ja” (Scandinavian): the same mark opens and closes
        return default
    if left and not right:
        return Role.OPEN
    if right and not left:
        return Role.CLOSE
    return Role.EITHER


def _german_guillemets(text: str) -> bool:
    """Whether the article's guillemets point inward, »so«, more often than outward, «so»: counted over
    the marks whose flanking decides, it settles the marks whose flanking does not ("» Ja «")."""
    german = french = 0
    for match in patterns.iter_matches(patterns.GUILLEMET, text):
        pos = match.start()
        prev = text[pos - 1] if pos > 0 else " "
        nxt = text[pos + 1] if pos + 1 < len(text) else " "
        opens = not nxt.isspace() and nxt not in _AFTER_OPENER_NOT and (prev.isspace() or prev in _OPENING_CONTEXT)
        closes = not prev.isspace() and prev not in _BEFORE_CLOSER_NOT and (nxt.isspace() or nxt in _CLOSING_CONTEXT)
        if opens != closes:
            if opens == (text[pos] in _GERMAN_OPENERS):
                german += 1
            else:
                french += 1
    return german > french


def scan(text: str) -> MarkScan:
    """Pair every quotation mark in `text` into RawQuotes (document order), paragraph by paragraph."""
    result = MarkScan(split_paragraphs(text))
    german = _german_guillemets(text)
    carried: RawQuote | None = None  # an outer quote left open at the end of the previous paragraph
    for para in result.paragraphs:
        stack: list[_Open] = []
        for match in patterns.iter_matches(patterns.MARK, text, para.start, para.end):
            pos = match.start()
            role = _role(text, pos, para, german)
            if role is None:
                continue
            family, _, straight = _MARKS[text[pos]]
            if carried is not None:
                if pos == para.start and role is not Role.CLOSE and family == carried.family:
                    stack.append(_Open(pos, family, carried, straight))
                    carried = None
                    continue
                carried = None
            if role is not Role.OPEN:
                at = _find_open(stack, family, curly=not straight)
                if at is not None and family == "single" and _plural_possessive(text, pos, para):
                    continue  # "the players’ union": the quote closes at a later mark
                if at is not None and straight and family == "double" and not stack[at].straight \
                        and _stray_straight_closer(text, pos, para):
                    at = None  # '“He is 6'2" tall,” she said': the curly mark still to come closes it
                    if role is Role.CLOSE:
                        continue
                if at is not None:
                    _close(text, result, para, stack, at, pos)
                    continue
                if role is Role.CLOSE:
                    if family != "single":
                        result.warnings.append(
                            ParseWarning(pos, pos + 1, "closing quotation mark with no opening mark")
                        )
                    continue
            if len(stack) >= MAX_DEPTH:
                result.warnings.append(ParseWarning(pos, pos + 1, "quotation nested too deep; mark ignored"))
                continue
            stack.append(_Open(pos, family, straight=straight))
        carried = _close_paragraph(text, result, para, stack, german)
    result.quotes.sort(key=lambda quote: quote.open_mark)
    _link_parents(result.quotes)
    return result


def _stray_straight_closer(text: str, pos: int, para: Paragraph) -> bool:
    """A straight double mark closing inside a curly-quoted quote whose next double mark is the curly
    closer ('“He is 6'2" tall,” she said'): an inch mark or a slip, not the quote's end. A straight mark
    followed by another opening ('“Q1," Hale said. "Q2”') does close it. Each search stops at the next
    double mark, so a paragraph of many marks stays linear."""
    following = patterns.DOUBLE_MARK.search(text, pos + 1, para.end, timeout=patterns.TIMEOUT)
    return following is not None and text[following.start()] == "\u201d"


def _plural_possessive(text: str, pos: int, para: Paragraph) -> bool:
    """’ after an s and before a lower-case word, with another closing mark still to come."""
    if text[pos - 1:pos] != "s" or not patterns.PLURAL_POSSESSIVE_TAIL.match(text, pos + 1, para.end,
                                                                            timeout=patterns.TIMEOUT):
        return False
    return any(text.find(mark, pos + 1, para.end) >= 0 for mark in ("\u2019", "'"))


def _find_open(stack: list[_Open], family: str, curly: bool = False) -> int | None:
    """The innermost open quote of `family`; a curly mark skips straight ones when a curly one is open
    ('“He told me "no and left,” she said': the stray straight mark does not take the closing mark)."""
    found = None
    for i in range(len(stack) - 1, -1, -1):
        if stack[i].family == family:
            if not curly or not stack[i].straight:
                return i
            if found is None:
                found = i
    return found


def _close(text: str, result: MarkScan, para: Paragraph, stack: list[_Open], at: int, pos: int) -> None:
    """Close stack[at] at mark `pos`; quotes opened inside it and still open end here too."""
    opened = stack[at]
    for inner in stack[at + 1:]:
        if inner.family == "single" and not _speech_like_open(text, inner.pos, para):
            continue  # an apostrophe that looked like an opening mark
        if inner.straight and not opened.straight and inner.family == opened.family:
            result.warnings.append(ParseWarning(inner.pos, inner.pos + 1, _STRAY_STRAIGHT))
            continue  # '“He told me "no and left,” she said': a stray, not a quote
        result.warnings.append(
            ParseWarning(inner.pos, inner.pos + 1, "quotation mark not closed before its enclosing quote ended")
        )
        _emit_unclosed(text, result, inner, para, pos)
    del stack[at:]
    _emit(text, result, opened, para, pos, pos)


def _speech_like_open(text: str, pos: int, para: Paragraph) -> bool:
    """An unclosed single mark still opens a quote when it follows ',' or ':' and starts a sentence."""
    return bool(patterns.SPEECH_LIKE_OPEN.match(text, pos + 1, para.end, timeout=patterns.TIMEOUT)) and bool(
        patterns.INTRO_BEFORE_MARK.search(text, max(para.start, pos - 3), pos, timeout=patterns.TIMEOUT)
    )


def _close_paragraph(
    text: str, result: MarkScan, para: Paragraph, stack: list[_Open], german: bool
) -> RawQuote | None:
    """End quotes still open at a paragraph's end; return the outer one if the next paragraph continues it."""
    if not stack:
        return None
    following = para.index + 1
    next_para = result.paragraphs[following] if following < len(result.paragraphs) else None
    outer = stack[0]
    continues = False
    if next_para is not None and text[next_para.start] in MARK_CHARS:
        role = _role(text, next_para.start, next_para, german)
        continues = _MARKS[text[next_para.start]][0] == outer.family and role not in (None, Role.CLOSE)
    carried: RawQuote | None = None
    for item in stack:
        is_outer_continuing = item is outer and continues
        if item.family == "single" and not is_outer_continuing and not _speech_like_open(text, item.pos, para):
            continue  # a lone opening single mark is an apostrophe ('Tis, 'cause)
        if not is_outer_continuing:
            pull_quote = item is outer and item.pos == para.start and next_para is not None \
                and caption_follows(text, next_para.start, next_para.end)
            emitted = _emit(text, result, item, para, para.end, None) if pull_quote \
                else _emit_unclosed(text, result, item, para, para.end)
            if emitted is not None:
                result.warnings.append(
                    ParseWarning(item.pos, item.pos + 1, "quotation mark not closed by the end of the paragraph")
                )
            continue
        quote = _emit(text, result, item, para, para.end, None)
        if quote is not None:
            quote.continued = True
            carried = quote
    return carried


def _emit(text: str, result: MarkScan, opened: _Open, para: Paragraph, end: int, close_mark: int | None) -> RawQuote | None:
    """Record the quote between an opening mark and `end`; empty quotes are dropped."""
    start = opened.pos + 1
    while start < end and text[start].isspace():
        start += 1  # « Oui »: the (narrow) no-break spaces inside French marks are not quoted words
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start or text[start:end].isspace():
        return None
    quote = RawQuote(start, end, opened.pos, close_mark, opened.family, para.index, opened.previous_piece)
    result.quotes.append(quote)
    return quote


def _emit_unclosed(text: str, result: MarkScan, opened: _Open, para: Paragraph, end: int) -> RawQuote | None:
    """A quote whose mark is never closed: it runs to the end of its sentence, or to an attribution
    clause before that ('“We will win, said Jane Roe. Then ...': "We will win")."""
    quote = _emit(text, result, opened, para, unclosed_end(text, opened.pos + 1, end), None)
    if quote is not None:
        quote.unclosed = True
    return quote


def _link_parents(quotes: list[RawQuote]) -> None:
    """Set each quote's enclosing quote (the innermost one whose marks contain it)."""
    open_chain: list[RawQuote] = []
    for quote in quotes:
        while open_chain and not (open_chain[-1].open_mark < quote.open_mark and quote.end <= open_chain[-1].end):
            open_chain.pop()
        if open_chain:
            quote.parent = open_chain[-1]
            quote.depth = len(open_chain)
        open_chain.append(quote)
