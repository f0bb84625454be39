"""Attribution: cue patterns, later mentions, pronouns, descriptions, continuation, kinds."""

from __future__ import annotations

import pytest

from quotes.parse import Method, QuoteKind, SpeakerKind, parse_article


def _who(text: str) -> list[tuple[str, str | None]]:
    """(quote text, speaker name) for every speech or partial quote."""
    parse = parse_article(text)
    result = []
    for quote in parse.quotes:
        if quote.kind in (QuoteKind.SPEECH, QuoteKind.PARTIAL):
            speaker = parse.speaker_of(quote)
            result.append((quote.text, speaker.name if speaker else None))
    return result


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # cue after: "Q," X said / "Q," said X
        ('"We will win," Maria Lopez said.', [("We will win,", "Maria Lopez")]),
        ('"We will win," said Maria Lopez.', [("We will win,", "Maria Lopez")]),
        # cue before with a colon or a comma
        ('Maria Lopez said: "We will win."', [("We will win.", "Maria Lopez")]),
        ('Maria Lopez told reporters, "We will win."', [("We will win.", "Maria Lopez")]),
        # a name and a colon
        ('Maria Lopez: "We will win."', [("We will win.", "Maria Lopez")]),
        # dash
        ('"We will win." \u2014 Maria Lopez, union leader', [("We will win.", "Maria Lopez")]),
        # according to
        ('"Prices will rise," according to Maria Lopez.', [("Prices will rise,", "Maria Lopez")]),
        # X, who ..., said
        (
            '"We will win," Maria Lopez, who leads the union, said on Monday.',
            [("We will win,", "Maria Lopez")],
        ),
        # descriptor before the name
        (
            '"This is not against the law," Kremlin spokesman Dmitry Petrov said.',
            [("This is not against the law,", "Dmitry Petrov")],
        ),
        # verb groups
        ('"Goodbye," one child is heard to cry.', [("Goodbye,", "one child")]),
        ('"Is it safe?" one man asks.', [("Is it safe?", "one man")]),
        ('"Who knows?" a woman writes.', [("Who knows?", "a woman")]),
        ('"Enough," Maria Lopez tweeted.', [("Enough,", "Maria Lopez")]),
        ('"Stop," Maria Lopez warned.', [("Stop,", "Maria Lopez")]),
    ],
)
def test_cue_patterns(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _who(text) == expected


def test_interrupted_quote_is_two_pieces_of_one_quotation() -> None:
    parse = parse_article('"Hopefully," the president, Anna Berg, said, "this museum will open soon."')
    first, second = parse.quotes
    assert (first.text, second.text) == ("Hopefully,", "this museum will open soon.")
    assert first.group == second.group
    assert parse.speaker_of(first) == parse.speaker_of(second)


def test_later_mentions_resolve_to_the_full_name() -> None:
    text = (
        "Eva Levenberg, a lawyer for the group, described the arrests.\n\n"
        '"Around 30 men were given papers," Ms Levenberg told reporters.\n\n'
        '"It was chaos," Levenberg said.'
    )
    parse = parse_article(text)
    names = {parse.speaker_of(q).name for q in parse.quotes}  # type: ignore[union-attr]
    assert names == {"Eva Levenberg"}
    speaker = parse.speakers[0]
    assert "a lawyer for the group" in speaker.roles
    assert parse.quotes[0].mention is not None and parse.quotes[0].mention.text == "Ms Levenberg"


def test_pronoun_resolves_to_the_named_antecedent_of_its_gender() -> None:
    text = (
        "Senator Tom Reed met Mayor Alice Grant on Monday.\n\n"
        "Grant said the talks went well.\n\n"
        '"We made progress," she said.'
    )
    parse = parse_article(text)
    quote = parse.quotes[0]
    assert parse.speaker_of(quote).name == "Alice Grant"  # type: ignore[union-attr]
    assert quote.method is Method.PRONOUN
    assert quote.mention is not None and quote.mention.text == "she"


def test_unresolvable_pronoun_is_stored_unresolved_never_as_a_name() -> None:
    parse = parse_article('"We made progress," she said.')
    quote = parse.quotes[0]
    assert quote.speaker is None
    assert quote.method is Method.UNRESOLVED
    assert quote.confidence < 0.5


def test_unnamed_speakers_are_each_their_own_speaker() -> None:
    text = '"I am leaving," one man says.\n\n"So am I," a woman writes.\n\n"Me too," a woman writes.'
    parse = parse_article(text)
    assert [s.name for s in parse.speakers] == ["one man", "a woman", "a woman"]
    assert all(s.kind is SpeakerKind.UNNAMED for s in parse.speakers)


def test_definite_description_refers_back_to_the_unnamed_speaker() -> None:
    text = (
        "A man from the city council addressed the crowd.\n\n"
        '"Stay calm and go home."\n\n'
        '"We will fix this," the man told them.'
    )
    parse = parse_article(text)
    assert {parse.speaker_of(q).name for q in parse.quotes} == {  # type: ignore[union-attr]
        "a man from the city council"
    }


def test_running_speaker_carries_into_cue_less_paragraphs() -> None:
    text = (
        '"It is hard to live like this," Oleg, not his real name, told reporters.\n\n'
        '"I will go into hiding."\n\n'
        "Officials declined to comment.\n\n"
        '"Nobody asked us."'
    )
    parse = parse_article(text)
    first, second, third = parse.quotes
    assert parse.speaker_of(second) == parse.speaker_of(first)
    assert second.method is Method.CONTINUATION
    assert parse.speaker_of(first).anonymous  # type: ignore[union-attr]
    assert third.speaker is None or parse.speaker_of(third) != parse.speaker_of(first)


def test_group_speakers_and_they() -> None:
    text = (
        "After the announcement, protesters took to the streets.\n\n"
        '"Send him to the trenches," they shouted. "Let our children live."'
    )
    parse = parse_article(text)
    assert [parse.speaker_of(q).name for q in parse.quotes] == ["protesters", "protesters"]  # type: ignore[union-attr]


def test_organisation_and_it() -> None:
    text = 'Northern Hydro said in a statement that crews were out.\n\n"Repairs will take days," it said.'
    parse = parse_article(text)
    speaker = parse.speaker_of(parse.quotes[0])
    assert speaker is not None and speaker.name == "Northern Hydro"
    assert speaker.kind is SpeakerKind.ORGANISATION


def test_statement_is_attributed_to_its_author() -> None:
    parse = parse_article('A statement from the European Union said, "The detention is unlawful."')
    assert parse.speaker_of(parse.quotes[0]).name == "the European Union"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The announcement of the \u2018partial mobilization\u2019 led to unrest.", QuoteKind.TERM),
        ("Search terms like \u2018how do I leave?\u2019 were popular.", QuoteKind.TERM),
        ("The Kremlin said reports of an exodus were \u201cexaggerated\u201d.", QuoteKind.PARTIAL),
        ('Maria Lopez said: "We will win."', QuoteKind.SPEECH),
        ("'Daddy, bye': Children wave off fathers\n\nBody text.\n\nMore text.", QuoteKind.TERM),
        # a title-cased phrase is a title or a name, not words said; a chant is said
        ('He read "War and Peace" twice.', QuoteKind.TERM),
        ('One put on a "Make Elmtown Great Again" cap.', QuoteKind.TERM),
        ('After watching "The Best We Can Be" I was moved.', QuoteKind.TERM),
        ('Their chants of "Ben! Ben! Ben! Ben" were cut short.', QuoteKind.PARTIAL),
        ('The council called the plan "A Disaster," Hale said.', QuoteKind.SPEECH),
        # a quoted sentence, then "she added", is speech as with a name; a fragment stays partial
        ('Ada Hale spoke first. "We failed," she added.', QuoteKind.SPEECH),
        ('Ada Hale spoke first. The loss was "heartbreaking," she said.', QuoteKind.PARTIAL),
        ('Ada Hale spoke first. The probe is "ongoing." She said more was coming.', QuoteKind.PARTIAL),
    ],
)
def test_kinds(text: str, kind: QuoteKind) -> None:
    assert parse_article(text).quotes[0].kind is kind


def test_every_attribution_records_its_evidence() -> None:
    text = '"We will win," Maria Lopez said.'
    quote = parse_article(text).quotes[0]
    assert quote.method is Method.CUE_AFTER
    assert quote.cue is not None and text[quote.cue.start:quote.cue.end] == "said"
    assert quote.mention is not None and text[quote.mention.start:quote.mention.end] == "Maria Lopez"
    assert 0.9 <= quote.confidence <= 1.0


def test_markup_and_escapes_are_plain_text() -> None:
    text = '"[b]bold[/b] \x1b[31mred" said Maria Lopez.'
    quote = parse_article(text).quotes[0]
    assert quote.text == "[b]bold[/b] \x1b[31mred"
