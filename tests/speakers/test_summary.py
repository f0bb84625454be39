"""Entity summaries: bounded, round-tripped through JSON, and what the rules see of an entity."""

from __future__ import annotations

from datetime import date

from quotes.parse.model import SpeakerKind
from quotes.speakers import SpeakerEvidence, index_keys, match_speaker
from quotes.speakers.summary import MAX_NAMES, MAX_OUTLETS, MAX_ROLES, EntitySummary


def said(name: str, *, roles: tuple[str, ...] = (), outlet: str | None = None, day: date | None = None,
         aliases: tuple[str, ...] = ()) -> SpeakerEvidence:  # fmt: skip
    return SpeakerEvidence(name=name, kind=SpeakerKind.PERSON, article_id="x", outlet=outlet, roles=roles,
                           aliases=aliases, published=day)  # fmt: skip


def test_counts_dates_and_outlets() -> None:
    summary = EntitySummary()
    summary.add(said("Mara Okafor", roles=("senator",), outlet="Elmtown Post", day=date(2020, 5, 1)))
    summary.add(said("Mara Okafor", roles=("senator",), outlet="elmtown post", day=date(2021, 2, 1)))
    summary.add(said("Okafor", roles=("secretary of state",), day=date(2024, 1, 1)))
    assert summary.appearances == 3 and summary.names == {"Mara Okafor": 2, "Okafor": 1}
    senator = summary.roles["senator"]
    assert (senator.count, senator.first, senator.last) == (2, date(2020, 5, 1), date(2021, 2, 1))
    assert summary.outlets == {"elmtown post": (2, ["senator"])}
    assert EntitySummary.from_json(3, summary.to_json()) == summary


def test_lists_stay_bounded_keeping_the_most_frequent() -> None:
    summary = EntitySummary()
    for _ in range(3):
        summary.add(said("Mara Okafor", roles=("senator",), outlet="Elmtown Post"))
    for number in range(100):
        summary.add(said(f"Mara Okafor {number}", roles=(f"envoy {number}",), outlet=f"Outlet {number}"))
    assert len(summary.names) == MAX_NAMES and summary.names["Mara Okafor"] == 3
    assert len(summary.roles) == MAX_ROLES and summary.roles["senator"].count == 3
    assert len(summary.outlets) == MAX_OUTLETS and summary.outlets["elmtown post"][0] == 3
    assert summary.appearances == 103


def test_profile_of_a_summary_matches_like_the_entity() -> None:
    summary = EntitySummary()
    summary.add(said("Ivo Hale", roles=("defence minister",), day=date(2019, 1, 1), aliases=("Hale",)))
    profile = summary.profile(7, "Ivo Hale", SpeakerKind.PERSON, anonymous=False)
    assert profile.support == 1 and {"surname:hale", "given:ivo"} <= index_keys(profile)
    later = said("Ivo Hale", roles=("foreign minister",), day=date(2024, 1, 1))
    same_year = said("Ivo Hale", roles=("foreign minister",), day=date(2019, 6, 1))
    assert str(match_speaker(later, [profile]).rule) == "role-changed"
    assert str(match_speaker(same_year, [profile]).rule) == "no-match"
