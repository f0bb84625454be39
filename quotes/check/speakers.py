"""Which stored speakers a name in a claim may mean: the speaker entities' names and aliases, a surname
alone, titles and honorifics ("Cllr", "Dr", "Sen.") ignored, organisations by their key.

The identity keys ingest stores (`speaker_keys`) find the candidates with one indexed lookup; the names
of each candidate are then compared here.
"""

from __future__ import annotations

import regex
from sqlalchemy.orm import Session

from quotes.db.check_views import (
    SpeakerNames,
    speaker_names,
    speakers_by_keys,
    speakers_by_name,
    with_aliases,
)
from quotes.speakers.names import PersonName, organisation_key, parse_person_name

_SPEAKER_ID = regex.compile(r"#?(\d+)")


def _given_fits(left: tuple[str, ...], right: tuple[str, ...]) -> bool:
    """First names agree where both are given: "j" fits "jane", "jane" does not fit "john"."""
    if not left or not right:
        return True
    a, b = left[0], right[0]
    return a == b or (min(len(a), len(b)) == 1 and a[0] == b[0])


def person_matches(claimed: PersonName, stored: PersonName) -> bool:
    """The same surname and no first name that disagrees ("Hale" and "Cllr Jane Hale" match)."""
    return claimed.surname == stored.surname and _given_fits(claimed.given, stored.given)


def probe_keys(name: str) -> frozenset[str]:
    """The identity keys a speaker this name may mean is stored under."""
    keys: set[str] = set()
    person = parse_person_name(name)
    if person is not None:
        keys.update((f"surname:{person.surname}", f"lone:{person.surname}"))
    organisation = organisation_key(name)
    if organisation:
        keys.add(f"org:{organisation}")
    return frozenset(keys)


def names_match(claimed: str, speaker: SpeakerNames) -> bool:
    """Whether a name given in a claim may mean this speaker (any of its names or aliases)."""
    person = parse_person_name(claimed)
    organisation = organisation_key(claimed)
    for name in speaker.names:
        if speaker.kind == "person" and person is not None:
            stored = parse_person_name(name)
            if stored is not None and person_matches(person, stored):
                return True
        elif organisation and organisation_key(name) == organisation:
            return True
    return False


def matching_speakers(session: Session, claimed: str) -> list[SpeakerNames]:
    """The stored speakers a claimed name may mean: "#12" is speaker 12; else names compared, and
    failing that a name or alias equal to it (groups, unnamed speakers)."""
    reference = _SPEAKER_ID.fullmatch(claimed.strip())
    if reference:
        return speaker_names(session, [int(reference.group(1))])
    candidates = speakers_by_keys(session, probe_keys(claimed))
    found = [s for s in candidates if names_match(claimed, s)]
    unsettled = [s for s in candidates if s not in found]
    found += [s for s in with_aliases(session, unsettled) if names_match(claimed, s)]
    return sorted(found, key=lambda s: s.id) or speakers_by_name(session, claimed)
