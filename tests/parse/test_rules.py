"""Attribution rules, one invented example per rule (parse/RULES.md), the confidence model, the threshold
that withholds weak speakers, and RULES.md kept in step with the code."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.parse import QuoteKind, parse_article
from quotes.parse.lexicon import inflect
from quotes.parse.model import Rule
from quotes.parse.rules import DEFAULT_MIN_CONFIDENCE, METHOD, PRIOR, WEIGHT, Evidence, score

RULES_MD = Path(__file__).resolve().parents[2] / "quotes" / "parse" / "RULES.md"

# (rule, article, quote, the speaker the rule finds)
RULE_CASES = [
 ("cue-after", '"The bridge is safe," Jane Hale said.', "The bridge is safe,", "Jane Hale"),
 ("cue-after-passive", '"Stay home," Tom Roe was told by Jane Hale.', "Stay home,", "Jane Hale"),
 ("cue-after-late", 'Officials closed the road. "The water is rising" near the old mill, Jane Hale said.', "The water is rising", "Jane Hale"),
 ("according-to", '"The vote was close," according to Jane Hale.', "The vote was close,", "Jane Hale"),
 ("dash", 'The mayor spoke last.\n\n"We will rebuild every house." — Jane Hale', "We will rebuild every house.", "Jane Hale"),
 ("caption", 'Storm hits Elmtown\n\nThe storm closed roads on Monday.\n\n"We will rebuild every house.\n\nJane Hale, the mayor of Elmtown, on the storm\n\nCrews worked all night.', "We will rebuild every house.", "Jane Hale"),
 ("cue-before", 'Jane Hale said, "The bridge is safe."', "The bridge is safe.", "Jane Hale"),
 ("cue-before-inverted", 'Said Jane Hale, "We checked every bolt."', "We checked every bolt.", "Jane Hale"),
 ("cue-before-passive", 'The council was told by Jane Hale: "The bridge is safe."', "The bridge is safe.", "Jane Hale"),
 ("cue-before-apposition", 'Jane Hale, the town engineer, said: "The bridge is safe."', "The bridge is safe.", "Jane Hale"),
 ("cue-before-relative", 'The call came from a nurse who said: "The ward is full tonight."', "The ward is full tonight.", "a nurse"),
 ("cue-before-distant", 'Jane Hale at the town hall meeting on Monday night said, "The bridge is safe."', "The bridge is safe.", "Jane Hale"),
 ("cue-before-clause", 'Jane Hale posted a long comment online, saying, "The bridge is safe."', "The bridge is safe.", "Jane Hale"),
 ("claim", 'Tom Roe disputed Jane Hale\'s claim that "the bridge is safe."', "the bridge is safe.", "Jane Hale"),
 ("colon", 'Jane Hale: "The bridge is safe."', "The bridge is safe.", "Jane Hale"),
 ("colon-subject", 'Jane Hale had a message for the council: "The bridge is safe."', "The bridge is safe.", "Jane Hale"),
 ("pronoun", 'Jane Hale inspected the bridge on Monday. "It is safe," she said.', "It is safe,", "Jane Hale"),
 ("piece", '"The bridge is safe," Jane Hale said. "We checked every bolt.\n\n"We will check again next year."', "We will check again next year.", "Jane Hale"),
 ("same-paragraph", '"The bridge is safe," Jane Hale said. "We checked every bolt."', "We checked every bolt.", "Jane Hale"),
 ("running-speaker", '"The bridge is safe," Jane Hale said.\n\n"We checked every bolt on it last week."', "We checked every bolt on it last week.", "Jane Hale"),
 ("running-across", '"The bridge is safe," Jane Hale said.\n\nThe bridge opened in 1931.\n\n"We checked every bolt on it last week."', "We checked every bolt on it last week.", "Jane Hale"),
 ("paragraph-colon", 'Town engineer Jane Hale told the council:\n\n"We checked every bolt on the bridge last week."', "We checked every bolt on the bridge last week.", "Jane Hale"),
 ("lead-in", 'Jane Hale, the town engineer, addressed the council on Monday.\n\n"We checked every bolt on the bridge last week."', "We checked every bolt on the bridge last week.", "Jane Hale"),
 ("next-cue", 'The verdict on the bridge was "safe for now." "We checked every bolt," Jane Hale said.', "safe for now.", "Jane Hale"),
 ("topic", '"The bridge is safe," Jane Hale said.\n\nHale has inspected bridges in the county for twenty years.\n\n"We checked every bolt on it last week."', "We checked every bolt on it last week.", "Jane Hale"),
 ("topic-unheard", 'Jane Hale is the county engineer.\n\nHale has inspected bridges in the county for twenty years.\n\n"We checked every bolt on it last week."', "We checked every bolt on it last week.", "Jane Hale"),
 ("embedded", 'Mayor Jane Hale called the new bridge "the finest in the county."', "the finest in the county.", "Jane Hale"),
 ("sentence-before", 'The bridge reopened on Monday. Jane Hale, the town engineer, said so in a statement. "We checked every bolt on it."', "We checked every bolt on it.", "Jane Hale"),
 ("nested-outer", '"I told him \'the bridge is safe\' and he left," Jane Hale said.', "the bridge is safe", "Jane Hale"),
 ("nested-cue", '"My father always says \'check every bolt\' before a job," Jane Hale said.', "check every bolt", "my father"),
 ("unresolved", 'The bridge reopened. "We checked every bolt on it last week."', "We checked every bolt on it last week.", None),
]



def test_every_rule_has_an_example() -> None:
    assert [case[0] for case in RULE_CASES] == [str(rule) for rule in Rule]


@pytest.mark.parametrize(("rule", "text", "quote", "expected"), RULE_CASES, ids=[case[0] for case in RULE_CASES])
def test_rule_finds_its_speaker(rule: str, text: str, quote: str, expected: str | None) -> None:
    parse = parse_article(text, min_confidence=0.0)
    found = [q for q in parse.quotes if q.text == quote]
    assert found, "no such quote"
    speaker = parse.speaker_of(found[0])
    assert (str(found[0].rule), speaker.name if speaker else None) == (rule, expected)


def _table(heading: str) -> list[list[str]]:
    text = RULES_MD.read_text(encoding="utf-8")
    rows = []
    for line in text[text.index(heading):].splitlines()[1:]:
        if line.startswith("| `"):
            rows.append([cell.strip().strip("`") for cell in line.strip("|").split("|")])
        elif rows and not line.startswith("|"):
            break
    return rows


def test_rules_md_lists_every_rule_with_its_prior_and_method() -> None:
    rows = _table("**Rules.**")
    assert [(name, float(prior), method) for name, prior, method, _ in rows] == [
        (str(rule), PRIOR[rule], str(METHOD[rule])) for rule in Rule
    ]


def test_rules_md_lists_every_evidence_with_its_weight() -> None:
    rows = _table("**Evidence.**")
    assert [(name, float(weight)) for name, weight, _ in rows] == [(str(e), WEIGHT[e]) for e in Evidence]


def test_rules_md_and_the_cli_state_the_default_threshold() -> None:
    from quotes.cli import common as cli_common

    assert f"default {DEFAULT_MIN_CONFIDENCE}" in RULES_MD.read_text(encoding="utf-8")
    assert cli_common.DEFAULT_MIN_CONFIDENCE == DEFAULT_MIN_CONFIDENCE


@pytest.mark.parametrize(
    ("rule", "evidence", "low", "high"),
    [
        (Rule.CUE_AFTER, (Evidence.FULL_NAME,), 0.95, 0.99),
        (Rule.RUNNING_SPEAKER, (Evidence.FULL_NAME,), 0.85, 0.95),
        (Rule.PRONOUN, (Evidence.PERSON_EVIDENCE, Evidence.INHERITED_NOT_FULL_NAME), 0.5, 0.8),
        (Rule.PRONOUN, (Evidence.NO_PERSON_EVIDENCE, Evidence.INHERITED_NOT_FULL_NAME), 0.0, 0.5),
        (Rule.CUE_AFTER, (Evidence.PLACE,), 0.0, 0.5),
        (Rule.PRONOUN, (Evidence.FULL_NAME, Evidence.CLOSE_CANDIDATE), 0.5, 0.8),
    ],
)
def test_evidence_moves_confidence_from_the_prior(rule: Rule, evidence: tuple[Evidence, ...], low: float,
                                                   high: float) -> None:
    assert low <= score(rule, evidence).confidence <= high


# A speaker under the threshold is withheld: unresolved, with the rule, the confidence and the name.
WITHHELD = [
    # a capitalised word with no sign of being a person, as the subject of the clause a quote sits in
    ('Elmshire called the plan "a disaster for the whole county."', "a disaster for the whole county."),
    # a place named with a region abbreviation is never "he"
    ('Crews from Elmtown, Ont., worked all night in Elmtown.\n\n"We have never seen this," he said.',
     "We have never seen this,"),
]


@pytest.mark.parametrize(("text", "quote"), WITHHELD)
def test_weak_speakers_are_withheld_at_the_default_threshold(text: str, quote: str) -> None:
    parse = parse_article(text)
    (found,) = [q for q in parse.quotes if q.text == quote]
    assert parse.speaker_of(found) is None
    assert found.confidence < DEFAULT_MIN_CONFIDENCE or found.rule is Rule.UNRESOLVED


def test_threshold_zero_keeps_what_the_default_withholds() -> None:
    text = 'Elmshire called the plan "a disaster for the whole county."'
    kept = parse_article(text, min_confidence=0.0)
    withheld = parse_article(text)
    assert kept.quotes[0].confidence < DEFAULT_MIN_CONFIDENCE
    assert withheld.speaker_of(withheld.quotes[0]) is None
    assert withheld.quotes[0].withheld == kept.speaker_of(kept.quotes[0]).name  # type: ignore[union-attr]
    assert withheld.quotes[0].rule is kept.quotes[0].rule


def test_threshold_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ValueError, match="min_confidence"):
        parse_article('"Q," Hale said.', min_confidence=1.5)


# Patterns news held out from tuning got wrong, in invented articles: (article, quote, speaker).
PATTERNS = [
    # an honorific picks the person of that gender among namesakes
    (('Mayor Linda Okafor opened the hall. Architect Daniel Okafor designed it.\n\n"It took three years," '
     "Ms. Okafor said."), "It took three years,", "Linda Okafor"),
    (('Mayor Linda Okafor opened the hall. Architect Daniel Okafor designed it.\n\n"It took three years," '
     "Mr. Okafor said."), "It took three years,", "Daniel Okafor"),
    # an unnamed person opening the sentence before is "she", not the named person before them
    (("Jane Roe, the hospital director, spoke first.\n\nA second nurse, who asked not to be named, said staff "
     'were exhausted. "We cannot go on like this," she said.'), "We cannot go on like this,", "a second nurse"),
    # doubled past tenses cue
    ('"Not again," Tom Roe quipped.', "Not again,", "Tom Roe"),
    ('"Stop," Tom Roe snapped.', "Stop,", "Tom Roe"),
    ('"We were wrong," Tom Roe admitted.', "We were wrong,", "Tom Roe"),
    # the possessor is not the speaker; the person in apposition is
    ('"We asked for an inspection," Hale\'s partner, Ann Roe, said.', "We asked for an inspection,", "Ann Roe"),
    # a long descriptor before a name
    ('Daily News opinion editor Jane Roe said the paper would not apologize. "We stand by it," she said.',
     "We stand by it,", "Jane Roe"),
    # "As X put it"
    ('As Tom Hale put it, "the river always wins."', "the river always wins.", "Tom Hale"),
    # a sentence-opening adverb is no part of a name
    ('Somehow Elmshire kept its lead.\n\n"It will pass," Elmshire said.', "It will pass,", "Elmshire"),
    # a multi-word place whose first word is a given name is no person
    ('Jane Roe moved to Nova Scotia last year.\n\n"It was cold," she said.', "It was cold,", "Jane Roe"),
]


@pytest.mark.parametrize(("text", "quote", "expected"), PATTERNS)
def test_held_out_patterns(text: str, quote: str, expected: str) -> None:
    parse = parse_article(text)
    (found,) = [q for q in parse.quotes if q.text == quote and q.kind is not QuoteKind.TERM]
    speaker = parse.speaker_of(found)
    assert speaker is not None and speaker.name == expected


@pytest.mark.parametrize(
    ("base", "forms"),
    [
        ("admit", {"admit", "admits", "admitted", "admitting"}),
        ("quip", {"quip", "quips", "quipped", "quipping"}),
        ("snap", {"snap", "snaps", "snapped", "snapping"}),
        ("note", {"note", "notes", "noted", "noting"}),
        ("cry", {"cry", "cries", "cried", "crying"}),
        ("stress", {"stress", "stresses", "stressed", "stressing"}),
        ("agree", {"agree", "agrees", "agreed", "agreeing"}),
        ("shout", {"shout", "shouts", "shouted", "shouting"}),
        ("plead", {"plead", "pleads", "pleaded", "pleading"}),
        ("vow", {"vow", "vows", "vowed", "vowing"}),
        ("mutter", {"mutter", "mutters", "muttered", "muttering"}),
    ],
)
def test_inflections_follow_spelling_rules(base: str, forms: set[str]) -> None:
    assert inflect(base) == forms
