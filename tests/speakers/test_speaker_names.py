"""Name and role normalisation under the identity rules: (text, expected) tables."""

from __future__ import annotations

import pytest

from quotes.speakers.lexicon import Gender
from quotes.speakers.names import (
    PersonName,
    acronym,
    fold,
    is_generic_organisation,
    organisation_key,
    parse_person_name,
)
from quotes.speakers.roles import RoleRelation, compare_roles, role_genders

M, F = Gender.MALE, Gender.FEMALE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dmitry Peskov", "dmitry peskov"),
        ("  DMITRÍ   Pèskov ", "dmitri peskov"),
        ("Na’moks", "na'moks"),
        ("Søren Kierkegaard", "soren kierkegaard"),
        ("Jean‐Pierre", "jean-pierre"),
        ("Straße", "strasse"),
        ("D’Souza", "d'souza"),
        ("D'Souza", "d'souza"),
        ("Dʼ Souza", "d' souza"),
        ("Pe\u0300skov", "peskov"),  # decomposed accent
        ("Ha\u200ble\u200d", "hale"),  # zero-width space and joiner
        ("\u202eRoe\u202c", "roe"),  # bidi override and pop
        ("\u2066Okafor\u2069", "okafor"),  # bidi isolates
        ("ＨＡＬＥ", "hale"),  # full-width letters (NFKC)
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_fold_makes_one_key_of_every_spelling() -> None:
    spellings = ["D’Souza", "D'Souza", "d'souza", "D‘SOUZA", "d\u200b'souza"]
    assert len({fold(s) for s in spellings}) == 1
    assert parse_person_name("Anna D’Souza") == parse_person_name("Anna D'Souza")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dmitry Peskov", PersonName(("dmitry",), "peskov")),
        (
            "Kremlin spokesman Dmitry Peskov",
            PersonName(("dmitry",), "peskov", gender=M, descriptor="Kremlin spokesman"),
        ),
        ("Peskov", PersonName((), "peskov")),
        ("Mr Peskov", PersonName((), "peskov", gender=M, surname_marked=True)),
        ("Ms Levenberg", PersonName((), "levenberg", gender=F, surname_marked=True)),
        (
            "Defense Minister Shoygu",
            PersonName((), "shoygu", descriptor="Defense Minister", surname_marked=True),
        ),
        ("Sen. Elizabeth Warren", PersonName(("elizabeth",), "warren", descriptor="Sen")),
        ("Prime Minister Justin Trudeau", PersonName(("justin",), "trudeau", descriptor="Prime Minister")),
        (
            "the rookie defenceman Caleb Jones",
            PersonName(("caleb",), "jones", descriptor="the rookie defenceman"),
        ),
        ("Dr. José Álvarez", PersonName(("jose",), "alvarez")),
        ("J. Smith", PersonName(("j",), "smith")),
        ("J.R. Smith", PersonName(("j", "r"), "smith")),
        ("John F. Kennedy", PersonName(("john", "f"), "kennedy")),
        ("Martin Luther King Jr.", PersonName(("martin", "luther"), "king", suffix="jr")),
        ("John Smith, Junior", PersonName(("john",), "smith", suffix="jr")),
        ("Charles de Gaulle", PersonName(("charles",), "de gaulle")),
        ("Charles De Gaulle", PersonName(("charles",), "de gaulle")),
        ("de Gaulle", PersonName((), "de gaulle")),
        ("Ludwig van Beethoven", PersonName(("ludwig",), "van beethoven")),
        ("Al Gore", PersonName(("al",), "gore")),
        ("Erik Prince", PersonName(("erik",), "prince")),
        ("Prince Harry", PersonName((), "harry", gender=M, descriptor="Prince")),
        ("Mohammed bin Salman", PersonName(("mohammed",), "bin salman")),
        ("ALL CAPS NAME", PersonName(("all", "caps"), "name")),
        ("Hale’s book", None),
        ("the minister", None),
        ("Mr", None),
        ("", None),
    ],
)
def test_parse_person_name(text: str, expected: PersonName | None) -> None:
    assert parse_person_name(text) == expected


@pytest.mark.parametrize(
    ("text", "key", "generic", "short"),
    [
        ("the Kremlin", "kremlin", False, None),
        ("Kremlin", "kremlin", False, None),
        ("The U.S. State Department", "us state department", False, "ussd"),
        ("North Atlantic Treaty Organization", "north atlantic treaty organization", False, "nato"),
        ("Acme Hydro", "acme hydro", False, "ah"),
        ("the Prime Minister's Office", "prime minister office", False, "pmo"),
        ("Russian Defence Ministry", "russian defence ministry", False, "rdm"),
        ("the Defence Ministry", "defence ministry", True, "dm"),
        ("the ministry", "ministry", True, None),
        ("Police", "police", True, None),
        ("his office", "office", True, None),
        ("the agency", "agency", True, None),
        ("AT&T", "at&t", False, None),
    ],
)
def test_organisation_names(text: str, key: str, generic: bool, short: str | None) -> None:
    assert (organisation_key(text), is_generic_organisation(text), acronym(text)) == (key, generic, short)


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        (("Kremlin spokesman",), ("spokesman",), RoleRelation.AGREE),
        (("Kremlin spokesman",), ("spokeswoman for the Kremlin",), RoleRelation.AGREE),
        (("Putin's press secretary",), ("press secretary",), RoleRelation.AGREE),
        (("Defense Minister",), ("his defence minister",), RoleRelation.AGREE),
        (("former president",), ("President of France",), RoleRelation.AGREE),
        (("a lawyer", "Kremlin spokesman"), ("spokesman",), RoleRelation.AGREE),
        (("Kremlin spokesman",), ("Pentagon spokesman",), RoleRelation.CONTRADICT),
        (("defence minister",), ("foreign minister",), RoleRelation.CONTRADICT),
        (("Kremlin spokesman",), ("Putin's spokesman",), RoleRelation.CONTRADICT),
        (("deputy minister",), ("minister",), RoleRelation.UNRELATED),
        (("plumber",), ("Kremlin spokesman",), RoleRelation.UNRELATED),
        ((), ("Kremlin spokesman",), RoleRelation.UNKNOWN),
        (("who was married to a soldier",), ("spokesman",), RoleRelation.UNKNOWN),
    ],
)
def test_compare_roles(left: tuple[str, ...], right: tuple[str, ...], expected: RoleRelation) -> None:
    assert compare_roles(left, right).relation is expected
    assert compare_roles(right, left).relation is expected


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        (("Kremlin spokesman",), {M}),
        (("spokeswoman",), {F}),
        (("mother of five",), {F}),
        (("his mother's lawyer",), set()),
        (("German chancellor",), set()),
        (("spokesperson",), set()),
    ],
)
def test_role_genders(roles: tuple[str, ...], expected: set[Gender]) -> None:
    assert role_genders(roles) == expected
