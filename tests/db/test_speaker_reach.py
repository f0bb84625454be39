"""What resolution reads per speaker: a full name that fits an entity by a full name leaves its lone-name
keys unread, and every rule a lone name could satisfy is still reached when no full name fits."""

from __future__ import annotations

import shutil
from collections.abc import Collection, Iterator
from pathlib import Path

import pytest
from newsroom import Newsroom, Said
from sqlalchemy import Connection, select
from sqlalchemy.orm import Session, sessionmaker

from quotes.db import speakers
from quotes.db.engine import make_engine, make_session_factory
from quotes.db.models import SpeakerAppearance
from quotes.db.profiles import key_owners
from quotes.parse import SpeakerKind
from quotes.speakers.compare import confident_keys, never_fits

GAZETTE, TIMES = "Elmtown Gazette", "Roe Valley Times"
CLERK = ("the town clerk",)


@pytest.fixture
def keys_read(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The name keys each `key_owners` call of resolution reads, in order."""
    reads: list[set[str]] = []

    def spy(session: Connection, keys: Collection[str]) -> dict[str, set[int]]:
        reads.append(set(keys))
        return key_owners(session, keys)

    monkeypatch.setattr(speakers, "key_owners", spy)
    return reads


def appearances(factory: sessionmaker[Session]) -> list[tuple[str, int, str, str]]:
    """(name, speaker, rule, evidence) of every appearance, in the order stored."""
    with factory() as session:
        rows = session.execute(
            select(
                SpeakerAppearance.name,
                SpeakerAppearance.speaker_id,
                SpeakerAppearance.rule,
                SpeakerAppearance.evidence,
            ).order_by(SpeakerAppearance.id)
        )
        return [(name, speaker_id, rule, evidence) for name, speaker_id, rule, evidence in rows]


def test_a_full_name_that_fits_reads_no_lone_name_key(
    factory: sessionmaker[Session], keys_read: list[set[str]]
) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Wenna Okafor", roles=CLERK), outlet=GAZETTE)
    for number, outlet in enumerate((GAZETTE, TIMES, "Hale Herald")):
        room.store(f"Lone {number}", Said("Wenna", roles=(f"a baker number {number}",)), outlet=outlet)
    keys_read.clear()
    room.store("Two", Said("Wenna Okafor"), outlet=TIMES)
    assert keys_read == [{"surname:okafor"}]  # not lone:wenna (three entities), nor lone:okafor
    assert room.one("Wenna Okafor").articles == 2
    assert appearances(factory)[-1][2] == "full-name"


def test_a_full_name_no_entity_fits_still_meets_a_lone_first_name_on_its_outlet(
    factory: sessionmaker[Session], keys_read: list[set[str]]
) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Wenna", roles=CLERK), outlet=GAZETTE)
    keys_read.clear()
    room.store("Two", Said("Wenna Okafor", roles=CLERK), outlet=GAZETTE)
    assert keys_read == [{"surname:okafor"}, {"lone:okafor", "lone:wenna"}]  # none fits: the rest read
    (row,) = room.speakers()
    assert (row.name, row.articles) == ("Wenna Okafor", 2)  # the lone name took the full name
    assert appearances(factory)[-1][2] == "lone-name-strong"


def test_a_lone_first_name_on_another_outlet_still_makes_it_ambiguous(factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Wenna", roles=CLERK), outlet=GAZETTE)
    room.store("Two", Said("Wenna", roles=("a baker",)), outlet=TIMES)
    room.store("Three", Said("Wenna Okafor", roles=CLERK), outlet=GAZETTE)
    assert len(room.speakers("Wenna")) == 2 and room.one("Wenna Okafor").articles == 1
    assert appearances(factory)[-1][2] == "ambiguous"


def test_a_full_name_whose_fit_an_earlier_speaker_took_reads_its_lone_names(
    factory: sessionmaker[Session], keys_read: list[set[str]]
) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Wenna Okafor"), outlet=GAZETTE)
    room.store("Two", Said("Wenna", roles=CLERK), outlet=GAZETTE)
    keys_read.clear()
    room.store("Three", Said("Wenna Okafor"), Said("Wenna Okafor", roles=CLERK), outlet=GAZETTE)
    # both fit the full-name entity, so the lone name is read only once the first speaker took it
    assert keys_read == [{"surname:okafor"}, {"lone:okafor", "lone:wenna"}]
    rules = [(name, rule) for name, _, rule, _ in appearances(factory)[-2:]]
    assert rules == [("Wenna Okafor", "full-name"), ("Wenna Okafor", "lone-name-strong")]
    assert [row.articles for row in room.speakers("Wenna Okafor")] == [2, 2]


ARTICLES: list[tuple[str, str, tuple[Said, ...]]] = [
    (GAZETTE, "Lone clerk", (Said("Wenna", roles=CLERK),)),
    (TIMES, "Lone nurse", (Said("Wenna", roles=("a nurse",)),)),
    (GAZETTE, "Full clerk", (Said("Wenna Okafor", roles=CLERK),)),
    (GAZETTE, "Full again", (Said("Wenna Okafor"),)),
    (TIMES, "Harbour", (Said("Ivo Hale", roles=("harbour master",)),)),
    (TIMES, "Harbour lone", (Said("Ivo", roles=("harbour master",)),)),
    (GAZETTE, "Twice", (Said("Wenna Okafor"), Said("Wenna Okafor", roles=CLERK))),
    (TIMES, "Surname", (Said("Hale", roles=("harbour master",)),)),
    (GAZETTE, "Council", (Said("Elmtown Council", SpeakerKind.ORGANISATION), Said("Ivo Hale Jr"))),
    (TIMES, "Council again", (Said("the Elmtown Council", SpeakerKind.ORGANISATION), Said("Ivo Hale Sr"))),
    (GAZETTE, "Mayor", (Said("Jonas Brandt", roles=("Elmtown mayor",)), Said("Jonas", roles=CLERK))),
    (TIMES, "Mayor two", (Said("Jonas Brandt", roles=("Roe mayor",)), Said("Jonas B. Brandt"))),
    (GAZETTE, "Pseudonym", (Said("Wenna", roles=CLERK, anonymous=True), Said("J. Brandt"))),
    (GAZETTE, "Lone again", (Said("Wenna", roles=CLERK), Said("Ivo Hale"))),
    (GAZETTE, "Pseudonym again", (Said("Wenna", roles=CLERK, anonymous=True), Said("Ivo", anonymous=True))),
    (TIMES, "Real Ivo", (Said("Ivo", roles=("harbour master",)),)),
    (TIMES, "Acronym", (Said("ETB", SpeakerKind.ORGANISATION),)),
    (TIMES, "Board", (Said("Elmtown Transport Board", SpeakerKind.ORGANISATION),)),
    (GAZETTE, "Board again", (Said("the Elmtown Transport Board", SpeakerKind.ORGANISATION),)),
]


@pytest.fixture
def two_databases(template_db: Path, tmp_path: Path) -> Iterator[tuple[sessionmaker[Session], ...]]:
    factories: list[sessionmaker[Session]] = []
    engines = []
    for name in ("bounded", "unbounded"):
        path = tmp_path / f"{name}.db"
        shutil.copyfile(template_db, path)
        engines.append(make_engine(f"sqlite:///{path}"))
        factories.append(make_session_factory(engines[-1]))
    yield tuple(factories)
    for engine in engines:
        engine.dispose()


def test_reading_lone_names_only_when_no_full_name_fits_decides_as_reading_every_key(
    two_databases: tuple[sessionmaker[Session], sessionmaker[Session]], monkeypatch: pytest.MonkeyPatch
) -> None:
    bounded, unbounded = two_databases
    for factory, keys_first, skips in (
        (bounded, confident_keys, never_fits),
        (unbounded, lambda _: frozenset(), lambda *_: False),
    ):
        monkeypatch.setattr(speakers, "confident_keys", keys_first)  # none: every probe key read at once
        monkeypatch.setattr(speakers, "never_fits", skips)  # every entity read is compared
        room = Newsroom(factory)
        for outlet, title, said in ARTICLES:
            room.store(title, *said, outlet=outlet)
    decided = appearances(bounded)
    assert decided == appearances(unbounded)
    rules = {rule for _, _, rule, _ in decided}
    assert {"lone-name-strong", "full-name", "ambiguous", "surname-and-role", "organisation-name"} <= rules
    assert ("Wenna", "lone-name-strong") in {(name, rule) for name, _, rule, _ in decided[-7:]}  # pseudonyms
