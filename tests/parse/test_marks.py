"""Quote marks: pairing by family and direction, apostrophes, nesting, paragraphs, unbalanced marks."""

from __future__ import annotations

import pytest

from quotes.parse import QuoteKind, parse_article, patterns


def _spans(text: str) -> list[str]:
    return [q.text for q in parse_article(text).quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will win," she said.', ["We will win,"]),
        ("\u201cWe will win,\u201d she said.", ["We will win,"]),
        ("\u2018We will win,\u2019 she said.", ["We will win,"]),
        ("\u00abNous gagnerons\u00bb, a-t-elle dit.", ["Nous gagnerons"]),
        ("\u201eWir gewinnen\u201c, sagte sie.", ["Wir gewinnen"]),
        ("\u201aWir gewinnen\u2018, sagte sie.", ["Wir gewinnen"]),
        ("\u2039Nous gagnerons\u203a, dit-elle.", ["Nous gagnerons"]),
        ("\u300c\u6211\u4eec\u4f1a\u8d62\u300d\u5979\u8bf4\u3002", ["\u6211\u4eec\u4f1a\u8d62"]),
        ("\u300e\u6211\u4eec\u4f1a\u8d62\u300f\u5979\u8bf4\u3002", ["\u6211\u4eec\u4f1a\u8d62"]),
        # mixed pair: opened curly, closed straight
        ('\u201cWe will win," she said.', ["We will win,"]),
        ('"We will win,\u201d she said.', ["We will win,"]),
    ],
)
def test_marks_pair_by_family(text: str, expected: list[str]) -> None:
    assert _spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "They don\u2019t let anyone out, the players\u2019 union said.",
        "It was a hit in the \u201990s and the \u201980s.",
        "Rock \u2019n\u2019 roll never died, O\u2019Brien said.",
        "Rock 'n' roll never died, O'Brien said, and the players' union agreed.",
        "It was the '90s and we didn't care.",
        "I'll see 'em tomorrow, 'cause it's late.",
    ],
)
def test_apostrophes_are_not_marks(text: str) -> None:
    assert _spans(text) == []


def test_apostrophes_inside_a_quote_keep_it_whole() -> None:
    text = "\u2018I don\u2019t know what the players\u2019 union wants,\u2019 he said."
    assert _spans(text) == ["I don\u2019t know what the players\u2019 union wants,"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "\"He told me 'you are fired' and left,\" she said.",
            [("He told me 'you are fired' and left,", QuoteKind.SPEECH), ("you are fired", QuoteKind.NESTED)],
        ),
        (
            "\u2018He said \u201cno\u201d to me,\u2019 she said.",
            [("He said \u201cno\u201d to me,", QuoteKind.SPEECH), ("no", QuoteKind.NESTED)],
        ),
    ],
)
def test_nested_quotes_get_their_own_entry(text: str, expected: list[tuple[str, QuoteKind]]) -> None:
    parse = parse_article(text)
    assert [(q.text, q.kind) for q in parse.quotes] == expected
    assert parse.quotes[1].nested_in == 0


def test_multi_paragraph_quote_continues_when_next_paragraph_opens_with_a_mark() -> None:
    text = (
        'Ms Smith, a teacher, said: "The first paragraph runs on.\n\n'
        '"And the second paragraph closes it," she said.\n\nThe end.'
    )
    parse = parse_article(text)
    first, second = parse.quotes
    assert first.text == "The first paragraph runs on."
    assert second.text == "And the second paragraph closes it,"
    assert (first.paragraph, second.paragraph) == (0, 1)
    assert second.continues == 0 and second.group == first.group
    assert parse.speaker_of(first) == parse.speaker_of(second)
    assert parse.warnings == ()


def test_unclosed_mark_stops_at_paragraph_end_and_is_flagged() -> None:
    text = 'He said "this never closes.\n\nA new paragraph follows. "Here," said Tom Jones.'
    parse = parse_article(text)
    assert [q.text for q in parse.quotes] == ["this never closes.", "Here,"]
    assert any("not closed" in w.message for w in parse.warnings)


def test_odd_number_of_marks_keeps_the_other_quotes() -> None:
    text = (
        'A stray " mark here. "First quote," said Ann Lee.\n\n'
        '"Second quote," said Bob Stone. Then a stray closing mark" again.'
    )
    texts = _spans(text)
    assert "First quote," in texts and "Second quote," in texts


@pytest.mark.parametrize(
    "text",
    [
        '"' * 2001,
        "\u201c" * 500 + "text" + "\u201d" * 3,
        "'" * 1000 + " word " + '"' * 999,
        '"unclosed ' * 500,
    ],
)
def test_pathological_marks_finish_and_never_crash(text: str) -> None:
    parse = parse_article(text)
    for quote in parse.quotes:
        assert text[quote.start:quote.end] == quote.text


def test_offsets_index_the_text_and_exclude_marks() -> None:
    text = "Intro.\n\n\u201cOne,\u201d she said. \u201cTwo.\u201d"
    for quote in parse_article(text).quotes:
        assert text[quote.start:quote.end] == quote.text
        assert text[quote.start - 1] in "\u201c"


@pytest.mark.parametrize("count", [1, 4095, 4096, 4097, 10_000])
def test_batched_matching_finds_what_one_finditer_finds(count: int) -> None:
    text = "said \u201cyes\u201d, " * count + "and don't"
    expected = [m.span() for m in patterns.MARK.finditer(text)]
    assert [m.span() for m in patterns.iter_matches(patterns.MARK, text)] == expected
    assert len(expected) == 2 * count

