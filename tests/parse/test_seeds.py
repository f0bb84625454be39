"""The two sample articles: every speech quote and its speaker, as annotated by hand."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from quotes.parse import QuoteKind, parse_article

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _speech_by_speaker(name: str) -> Counter[str | None]:
    text = (SEEDS / name).read_text(encoding="utf-8")
    parse = parse_article(text)
    counts: Counter[str | None] = Counter()
    for quote in parse.quotes:
        if quote.kind is QuoteKind.SPEECH:
            speaker = parse.speaker_of(quote)
            counts[speaker.name if speaker else None] += 1
    return counts


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("000_3d79957fde3194e0.txt", {"Dmitry Peskov": 1, "a woman from the city of Kursk": 1}),
        (
            "003_c645f494ff26dbbb.txt",
            {
                "Oleg": 9,
                "Evgeny": 4,
                "Yanina Nimaeva": 2,
                "Eva Levenberg": 2,
                "one child": 1,
                "one man": 1,
                "a man who appears to be from the Russian military": 2,
                "Russians": 2,
            },
        ),
    ],
)
def test_seed_speakers(seed: str, expected: dict[str, int]) -> None:
    counts = _speech_by_speaker(seed)
    for name, count in expected.items():
        assert counts[name] == count, (name, counts)
    assert counts[None] == 0


def test_seed_unnamed_women_are_two_speakers() -> None:
    text = (SEEDS / "003_c645f494ff26dbbb.txt").read_text(encoding="utf-8")
    parse = parse_article(text)
    women = [s for s in parse.speakers if s.name == "a woman"]
    assert len(women) == 2


def test_seed_pseudonym_and_anonymity_are_flagged() -> None:
    text = (SEEDS / "003_c645f494ff26dbbb.txt").read_text(encoding="utf-8")
    parse = parse_article(text)
    flagged = {s.name for s in parse.speakers if s.anonymous}
    assert {"Oleg", "Evgeny"} <= flagged
    assert "Eva Levenberg" not in flagged
