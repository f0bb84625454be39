"""Quotation conventions: French, German, Scandinavian and CJK marks, spaces inside marks, elisions, a
straight mark inside curly quotes, and unclosed quotes (kind `unclosed`, never attributed)."""

from __future__ import annotations

import pytest

from quotes.parse import Method, QuoteKind, parse_article

NBSP, NNBSP = "\u00a0", "\u202f"


def _pieces(text: str) -> list[tuple[str, QuoteKind]]:
    parse = parse_article(text)
    for quote in parse.quotes:
        assert text[quote.start:quote.end] == quote.text
    return [(quote.text, quote.kind) for quote in parse.quotes]


S, P, N, T, U = QuoteKind.SPEECH, QuoteKind.PARTIAL, QuoteKind.NESTED, QuoteKind.TERM, QuoteKind.UNCLOSED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # French: spaces, no-break spaces and narrow no-break spaces inside « » are not quoted words
        ("« Nous allons gagner », a déclaré Jean Roe.", [("Nous allons gagner", S)]),
        (f"«{NBSP}Nous allons gagner{NBSP}», a déclaré Jean Roe.", [("Nous allons gagner", S)]),
        (f"«{NNBSP}Nous allons gagner{NNBSP}», a déclaré Jean Roe.", [("Nous allons gagner", S)]),
        (f"Jean Roe a déclaré : «{NNBSP}Il m’a dit ‹{NNBSP}non{NNBSP}› hier.{NNBSP}»",
         [("Il m’a dit ‹\u202fnon\u202f› hier.", S), ("non", N)]),
        ("«Nous allons gagner», a déclaré Jean Roe.", [("Nous allons gagner", S)]),
        # German: „…“ with ‚…‘ inside, and book style »…« with ›…‹ inside
        ("„Wir schaffen das“, sagte Anna Hale.", [("Wir schaffen das", S)]),
        ("»Wir schaffen das«, sagte Anna Hale.", [("Wir schaffen das", S)]),
        ("„Er sagte ‚nein‘ und ging“, sagte Anna Hale.", [("Er sagte ‚nein‘ und ging", S), ("nein", N)]),
        ("»Er sagte ›nein‹ und ging«, sagte Anna Hale.", [("Er sagte ›nein‹ und ging", S), ("nein", N)]),
        ("Anna Hale sagte: »Wir schaffen das.« Dann ging sie. »Morgen auch«, fügte sie hinzu.",
         [("Wir schaffen das.", S), ("Morgen auch", P)]),
        # German orientation decided by the article: spaced marks follow the unspaced ones
        ("»Wir schaffen das«, sagte Anna Hale. Dann » sehr gut « und »Ja«.",
         [("Wir schaffen das", S), ("sehr gut", T), ("Ja", T)]),
        # Scandinavian and Finnish: the same mark opens and closes
        ("»Vi klarar det», sa Erik Hale.", [("Vi klarar det", S)]),
        ("”Vi klarar det”, sa Erik Hale.", [("Vi klarar det", S)]),
        ("Erik Hale sa: ”Vi klarar det. Det blir bra.” Sedan gick han.", [("Vi klarar det. Det blir bra.", S)]),
        # CJK corner brackets: speech when used as speech, a term when a short title or name
        ("「我们会赢」，李明说。", [("我们会赢", S)]),
        ("李明说：「我们会赢。」", [("我们会赢。", S)]),
        ("『勝ちます』と田中さんは言った。", [("勝ちます", S)]),
        ("他们称之为「一带一路」计划。", [("一带一路", T)]),
    ],
)
def test_conventions_pair_and_trim(text: str, expected: list[tuple[str, QuoteKind]]) -> None:
    assert _pieces(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'I love rock 'n' roll,' he said.", ["I love rock 'n' roll,"]),
        ("\u2018I love rock \u2019n\u2019 roll,\u2019 he said.", ["I love rock \u2019n\u2019 roll,"]),
        ("\u2018We played the \u201990s hits,\u2019 said Jane Roe.", ["We played the \u201990s hits,"]),
        ("'Give 'em a chance,' said Jane Roe.", ["Give 'em a chance,"]),
        ("'It was good ol' fun,' said Jane Roe.", ["It was good ol' fun,"]),
        ("'Well, 'tis the season,' said Jane Roe.", ["Well, 'tis the season,"]),
        ("\"She loves rock 'n' roll and the '90s,\" said Jane Roe.", ["She loves rock 'n' roll and the '90s,"]),
    ],
)
def test_elisions_never_open_or_close_a_quote(text: str, expected: list[str]) -> None:
    assert [quote for quote, kind in _pieces(text) if kind is not N] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('\u201cHe told me "no" and left,\u201d said Jane Roe.', [("He told me \"no\" and left,", S), ("no", N)]),
        ('\u201cHe told me "no and left,\u201d said Jane Roe.', [("He told me \"no and left,", S)]),
        ('\u201cHe told me no" and left,\u201d said Jane Roe.', [("He told me no\" and left,", S)]),
        ('\u201cHe is 6\'2" tall,\u201d said Jane Roe.', [("He is 6'2\" tall,", S)]),
        # opened curly and closed straight, then another quote: the straight mark does close it
        ('\u201cWe will win," Roe said. "You will see it all.\u201d', [("We will win,", S), ("You will see it all.", S)]),
    ],
)
def test_a_straight_mark_inside_curly_quotes_does_not_end_them(text: str, expected: list[tuple[str, QuoteKind]]) -> None:
    assert _pieces(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u201cWe will win the vote, said Jane Roe. Then she left the room.", "We will win the vote"),
        ("\u201cWe will win the vote, Jane Roe said, and left.", "We will win the vote"),
        ("\u201cWe will win the vote. Then we will see, said Jane Roe.", "We will win the vote."),
        ("Jane Roe said: \u201cWe will win the vote. Then she left.", "We will win the vote."),
        ("\u201cWe will win, I will tell them everything.", "We will win, I will tell them everything."),
        ("\"We will win the vote, she said. Then she left.", "We will win the vote"),
        ("\u00abNous allons gagner, a déclaré Jean Roe. Puis elle est partie.", "Nous allons gagner, a déclaré Jean Roe."),
    ],
)
def test_an_unclosed_quote_is_kept_to_its_sentence_and_never_attributed(text: str, expected: str) -> None:
    parse = parse_article(text)
    (quote,) = parse.quotes
    assert (quote.text, quote.kind) == (expected, U)
    assert text[quote.start:quote.end] == quote.text
    assert quote.speaker is None and quote.method is Method.UNRESOLVED and quote.mention is None
    assert [w.start for w in parse.warnings] == [quote.start - 1]  # the opening mark, still warned about


def test_an_unclosed_quote_leaves_the_attribution_to_the_narrative() -> None:
    text = "\u201cWe will win the vote, said Jane Roe. She smiled. \u201cWe always do,\u201d she added."
    parse = parse_article(text)
    unclosed, closed = parse.quotes
    assert unclosed.kind is U and unclosed.speaker is None
    speaker = parse.speaker_of(closed)
    assert speaker is not None and speaker.name == "Jane Roe"


def test_a_pull_quote_closed_in_its_caption_line_is_speech() -> None:
    text = "Elmtown votes\n\nThe council met.\n\n\u201cWe will rebuild the bridge by spring.\n\nJane Roe, Elmtown mayor.\u201d"
    (quote,) = parse_article(text).quotes
    assert (quote.text, quote.kind) == ("We will rebuild the bridge by spring.", S)


def test_a_quote_continued_in_the_next_paragraph_is_not_unclosed() -> None:
    text = "Jane Roe said: \u201cWe will win.\n\n\u201cAnd we will rebuild,\u201d she said."
    assert [kind for _, kind in _pieces(text)] == [S, S]
