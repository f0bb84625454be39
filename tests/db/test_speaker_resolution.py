"""Speakers across articles at ingest, through real migrations: merges, candidates, never-merge cases."""

from __future__ import annotations

from pathlib import Path

from newsroom import NOW, Newsroom, Said
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.ingest import Status, ingest_sources
from quotes.db.models import Article, Quote, Speaker, SpeakerAppearance, SpeakerKey
from quotes.db.speaker_views import speaker_candidates, speaker_detail, speaker_summaries
from quotes.db.speakers import resolve_speaker
from quotes.parse import Speaker as ParsedSpeaker
from quotes.parse import SpeakerKind
from quotes.sources import read_articles

PESKOV_ARTICLE = """Moscow denies exodus of reservists

Kremlin spokesman Dmitry Peskov told reporters on Friday: "There is no panic."

"The reports are false," Peskov said.

A woman in Moscow said: "I am afraid for my son."

A woman at the border said: "They turned us back."
"""
SEED_SPEECH = {"Dmitry Peskov": 1, "Eva Levenberg": 2, "Yanina Nimaeva": 2, "Oleg": 9, "Evgeny": 4}
KREMLIN = ("Kremlin spokesman",)


def ingest_text(factory: sessionmaker[Session], path: Path, text: str) -> int:
    path.write_text(text, encoding="utf-8")
    (outcome,) = ingest_sources(factory, read_articles([str(path)]))
    assert outcome.status is Status.ADDED and outcome.article_id is not None, outcome
    return outcome.article_id


def test_seed_speakers_have_their_speech_counts(seeded_db: str, session: Session) -> None:
    rows = {row.name: row for row in speaker_summaries(session)}
    assert {name: rows[name].speech for name in SEED_SPEECH} == SEED_SPEECH
    assert rows["Oleg"].anonymous and rows["Evgeny"].anonymous and not rows["Dmitry Peskov"].anonymous
    assert rows["Eva Levenberg"].aliases == ("Levenberg",)


def test_second_article_quoting_peskov_gives_one_dmitry_peskov(
    seeded_db: str, factory: sessionmaker[Session], tmp_path: Path
) -> None:
    article_id = ingest_text(factory, tmp_path / "peskov.txt", PESKOV_ARTICLE)
    with factory() as session:
        (peskov,) = [row for row in speaker_summaries(session) if "Peskov" in row.name]
        assert (peskov.name, peskov.speech, peskov.articles) == ("Dmitry Peskov", 3, 2)
        detail = speaker_detail(session, peskov.id)
        assert detail is not None
        quoted_in = {quote.article_id for quote in detail.quotes}
        assert quoted_in == {1, article_id}
        assert {(p.text, p.article_ids) for p in detail.aliases} == {("Peskov", (article_id,))}
        assert {(p.text, p.article_ids) for p in detail.roles} == {("Kremlin spokesman", (1, article_id))}
        rules = {a.article_id: (a.rule, a.confidence) for a in detail.appearances}
        assert rules == {1: ("no-match", None), article_id: ("full-name-and-role", 0.97)}
        keys = set(session.scalars(select(SpeakerKey.key).where(SpeakerKey.speaker_id == peskov.id)))
        assert keys == {"surname:peskov", "given:dmitry"}


def test_every_a_woman_is_her_own_speaker(
    seeded_db: str, factory: sessionmaker[Session], tmp_path: Path
) -> None:
    ingest_text(factory, tmp_path / "peskov.txt", PESKOV_ARTICLE)
    with factory() as session:
        appearances = session.execute(
            select(SpeakerAppearance.speaker_id, SpeakerAppearance.name).where(
                SpeakerAppearance.kind == str(SpeakerKind.UNNAMED)
            )
        ).all()
        women = [speaker_id for speaker_id, name in appearances if name.lower().startswith("a woman")]
        assert len(women) >= 5 and len(set(women)) == len(women)  # two in a seed, two here, Kursk
        assert len({speaker_id for speaker_id, _ in appearances}) == len(appearances)
        assert not session.scalars(select(SpeakerKey).where(SpeakerKey.speaker_id.in_(women))).all()
        assert speaker_candidates(session) == []


def test_full_name_with_agreeing_role_merges_and_keeps_each_articles_evidence(
    factory: sessionmaker[Session],
) -> None:
    room = Newsroom(factory)
    first = room.store("One", Said("Dmitry Peskov", roles=KREMLIN))
    second = room.store("Two", Said("Dmitry Peskov", aliases=("Peskov", "Mr Peskov"), roles=("spokesman",)))
    peskov = room.one("Dmitry Peskov")
    assert (peskov.quotes, peskov.articles) == (2, 2)
    with factory() as session:
        detail = speaker_detail(session, peskov.id)
    assert detail is not None
    assert {(p.text, p.article_ids) for p in detail.aliases} == {
        ("Peskov", (second,)),
        ("Mr Peskov", (second,)),
    }
    assert {(p.text, p.article_ids) for p in detail.roles} == {
        ("Kremlin spokesman", (first,)),
        ("spokesman", (second,)),
    }


def test_surname_with_agreeing_role_merges_and_the_full_name_wins(factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Peskov", roles=KREMLIN))
    room.store("Two", Said("Dmitry Peskov", roles=KREMLIN))
    room.store("Three", Said("Peskov", roles=("spokesman",)))
    peskov = room.one("Dmitry Peskov")
    assert (peskov.articles, peskov.aliases) == (3, ("Peskov",))
    assert len(room.speakers()) == 1
    with factory() as session:
        detail = speaker_detail(session, peskov.id)
    assert detail is not None
    assert [(p.text, p.article_ids) for p in detail.aliases] == [("Peskov", (1, 3))]
    assert [a.rule for a in detail.appearances] == ["no-match", "surname-and-role", "surname-and-role"]


def test_surname_fitting_two_people_is_ambiguous_and_offered_as_candidates(
    factory: sessionmaker[Session],
) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Dmitry Peskov", roles=KREMLIN))
    room.store("Two", Said("Nikolai Peskov", roles=KREMLIN))
    room.store("Three", Said("Peskov", roles=KREMLIN))
    assert len(room.speakers()) == 3
    lone = room.one("Peskov")
    with factory() as session:
        pairs = speaker_candidates(session, speaker_id=lone.id)
        (appearance,) = session.scalars(
            select(SpeakerAppearance).where(SpeakerAppearance.speaker_id == lone.id)
        )
    assert appearance.rule == "ambiguous"
    assert {(p.rule, p.confidence) for p in pairs} == {("surname-and-role", 0.85)}
    assert {p.first_name for p in pairs} | {p.second_name for p in pairs} == {
        "Peskov",
        "Dmitry Peskov",
        "Nikolai Peskov",
    }


def test_two_different_smiths_stay_apart_and_a_lone_smith_is_only_a_candidate(
    factory: sessionmaker[Session],
) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Jane Smith"))
    room.store("Two", Said("John Smith"))
    room.store("Three", Said("Smith"))
    assert sorted(row.name for row in room.speakers()) == ["Jane Smith", "John Smith", "Smith"]
    with factory() as session:
        pairs = {frozenset((p.first_name, p.second_name)): p.rule for p in speaker_candidates(session)}
    assert pairs == {
        frozenset(("Smith", "Jane Smith")): "surname-only",
        frozenset(("Smith", "John Smith")): "surname-only",
    }


def test_same_name_with_contradicting_roles_is_a_candidate_not_a_merge(
    factory: sessionmaker[Session],
) -> None:
    room = Newsroom(factory)
    room.store("One", Said("John Smith", roles=KREMLIN))
    room.store("Two", Said("John Smith", roles=("Pentagon spokesman",)))
    assert len(room.speakers("John Smith")) == 2
    with factory() as session:
        (pair,) = speaker_candidates(session)
    assert (pair.rule, pair.confidence) == ("full-name-roles-contradict", 0.3)


def test_pseudonym_merges_only_in_the_same_outlet_with_the_same_description(
    factory: sessionmaker[Session],
) -> None:
    room = Newsroom(factory)
    student = ("a student from Moscow",)
    room.store("One", Said("Oleg", roles=student, anonymous=True), outlet="ITV News")
    room.store("Two", Said("Oleg", roles=student, anonymous=True), outlet="ITV News")
    room.store("Three", Said("Oleg", roles=student, anonymous=True), outlet="BBC News")
    room.store("Four", Said("Oleg", roles=("a baker",), anonymous=True), outlet="ITV News")
    olegs = sorted(room.speakers("Oleg"), key=lambda row: -row.articles)
    assert [row.articles for row in olegs] == [2, 1, 1]
    assert all(row.anonymous for row in olegs)
    with factory() as session:
        rules = sorted(p.rule for p in speaker_candidates(session))
    assert rules == ["lone-name-weak"] * 3


def test_pseudonym_never_meets_a_real_person_of_that_name(factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Oleg", anonymous=True), outlet="ITV News")
    room.store("Two", Said("Oleg"), outlet="ITV News")
    assert [row.anonymous for row in sorted(room.speakers("Oleg"), key=lambda r: r.id)] == [True, False]
    with factory() as session:
        assert speaker_candidates(session) == []


def test_unnamed_groups_and_generic_bodies_never_merge_named_organisations_do(
    factory: sessionmaker[Session],
) -> None:
    room = Newsroom(factory)
    unnamed, group, org = SpeakerKind.UNNAMED, SpeakerKind.GROUP, SpeakerKind.ORGANISATION
    for title in ("One", "Two"):
        room.store(
            title,
            Said("a woman", unnamed),
            Said("a woman", unnamed),
            Said("protesters", group),
            Said("the ministry", org),
            Said("the Kremlin" if title == "One" else "Kremlin", org),
        )
    assert len(room.speakers("a woman")) == 4
    assert len(room.speakers("protesters")) == 2 and len(room.speakers("the ministry")) == 2
    assert room.one("the Kremlin").articles == 2 and room.speakers("Kremlin") == []


def test_two_speakers_the_parser_kept_apart_in_one_article_stay_apart(factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Anna Petrova"), Said("Anna Petrova", roles=("her aunt",)))
    assert len(room.speakers("Anna Petrova")) == 2


def test_each_quote_keeps_the_speaker_of_its_article(factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Dmitry Peskov", roles=KREMLIN), Said("a woman", SpeakerKind.UNNAMED))
    room.store("Two", Said("Dmitry Peskov", roles=KREMLIN))
    peskov = room.one("Dmitry Peskov")
    with factory() as session:
        detail = speaker_detail(session, peskov.id)
        assert detail is not None
        texts = [session.get_one(Quote, q.id).text for q in detail.quotes]
    assert texts == ["Words number 0 in One", "Words number 0 in Two"]


def test_a_lone_name_takes_the_full_name_later_given_with_its_folded_form(
    factory: sessionmaker[Session],
) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Okafor", roles=("Elmtown mayor",)))
    room.store("Two", Said("Zoe\u0308 Okafor", roles=("Elmtown mayor",)))  # decomposed ë
    with factory() as session:
        row = session.execute(select(Speaker.id, Speaker.name, Speaker.name_folded)).one()
        found = [summary.id for summary in speaker_summaries(session, search="zoe")]
    assert (row.name, row.name_folded) == ("Zo\u00eb Okafor", "zoe okafor")  # NFC, as every write path stores
    assert found == [row.id]  # the search of names followed the folded name


def test_a_fuller_name_updates_a_speaker_the_session_holds(factory: sessionmaker[Session]) -> None:
    room = Newsroom(factory)
    room.store("One", Said("Okafor", roles=("Elmtown mayor",)))
    other = room.store("Two", Said("Ben Hale"))
    with factory.begin() as session:
        held = session.scalars(select(Speaker).where(Speaker.name == "Okafor")).one()
        article = session.get_one(Article, other)
        parsed = ParsedSpeaker(key=7, name="Ada Okafor", kind=SpeakerKind.PERSON, roles=("Elmtown mayor",))
        speaker = resolve_speaker(session, article, parsed, now=NOW)
        assert speaker is held and held.name == "Ada Okafor"  # expired by the update, read again
