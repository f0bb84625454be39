"""Names in capitals, with zero-width or bidi format characters, and in decomposed Unicode."""

from __future__ import annotations

import pytest

from quotes.parse import SpeakerKind, parse_article

ZWSP, ZWJ, ZWNJ, WJ, SHY, LRM = "\u200b", "\u200d", "\u200c", "\u2060", "\u00ad", "\u200e"


def _speaker(text: str) -> tuple[str, SpeakerKind, str] | None:
    """The first quote's speaker: name, kind and the written mention."""
    parse = parse_article(text)
    quote = parse.quotes[0]
    speaker = parse.speaker_of(quote)
    if speaker is None:
        return None
    assert quote.mention is not None and text[quote.mention.start:quote.mention.end] == quote.mention.text
    return speaker.name, speaker.kind, quote.mention.text


PERSON, ORG = SpeakerKind.PERSON, SpeakerKind.ORGANISATION


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We lost," said JANE HALE, the mayor.', ("JANE HALE", PERSON, "JANE HALE")),
        ('"We lost," said OKAFOR ELM, the mayor.', ("OKAFOR ELM", PERSON, "OKAFOR ELM")),
        ('OKAFOR ELM said: "We lost the vote."', ("OKAFOR ELM", PERSON, "OKAFOR ELM")),
        ('"We lost," said SAM T OKAFOR.', ("SAM T OKAFOR", PERSON, "SAM T OKAFOR")),
        ('"We lost," said NATO.', ("NATO", ORG, "NATO")),
        ('"We lost," said UNICEF.', ("UNICEF", ORG, "UNICEF")),
        ('"We lost," the FBI said.', ("the FBI", ORG, "the FBI")),
        ('"We lost," said ELMTOWN HYDRO.', ("ELMTOWN HYDRO", ORG, "ELMTOWN HYDRO")),
    ],
)
def test_names_in_capitals(text: str, expected: tuple[str, SpeakerKind, str]) -> None:
    assert _speaker(text) == expected


@pytest.mark.parametrize("mark", [ZWSP, ZWJ, ZWNJ, WJ, SHY, LRM])
def test_a_format_character_inside_a_name_keeps_it_one_name(mark: str) -> None:
    """The mention is the text as written; the speaker's name is its stored form, without the mark."""
    name = f"Jo{mark}hn Roe"
    assert _speaker(f'"We lost," said {name}, the mayor.') == ("John Roe", PERSON, name)


@pytest.mark.parametrize(
    ("written", "named"),
    [
        ("Zo\u00eb Hale", "Zo\u00eb Hale"),
        ("Ana\u00adst\u00e1sia Roe", "Anast\u00e1sia Roe"),  # a soft hyphen is dropped
    ],
)
def test_a_speakers_name_is_given_in_its_stored_form(written: str, named: str) -> None:
    assert _speaker(f'"We lost," said {written}, the mayor.') == (named, PERSON, written)


def test_a_name_written_with_and_without_a_zero_width_space_is_one_speaker() -> None:
    text = f'"We lost," said Jo{ZWSP}hn Roe, the mayor.\n\n"We will be back," John Roe said.'
    parse = parse_article(text)
    assert len(parse.speakers) == 1
    assert {parse.speaker_of(quote) for quote in parse.quotes} == {parse.speakers[0]}


def test_format_characters_around_a_name_are_space() -> None:
    text = f'"We lost," said {ZWSP}John Roe{LRM}, the mayor.'
    assert _speaker(text) == ("John Roe", PERSON, "John Roe")


def test_decomposed_letters_are_letters() -> None:
    """A combining mark is part of the name's word, not a break in it (the name itself comes composed)."""
    name = "Zoe\u0308 Hale"
    assert _speaker(f'"We lost," said {name}, the mayor.') == ("Zo\u00eb Hale", PERSON, name)
