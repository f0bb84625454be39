"""Corrections to what a speaker is: the anonymity flag and the kind (person, group, organisation, unnamed).

Like the others in `quotes.db.corrections`, each is logged in `speaker_decisions`. `quotes reparse`
leaves alone the flag of a speaker whose log holds an "anonymous" decision, and never changes a stored
speaker's kind.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from quotes.db.corrections import CorrectionError, Done, find_speaker, log_decision
from quotes.db.models import SPEAKER_KINDS
from quotes.db.profiles import refresh_keys


def set_anonymous(session: Session, ref: str, anonymous: bool, *, now: datetime) -> Done:
    """Mark a speaker anonymous (a pseudonym, an unnamed source) or not, by hand."""
    speaker = find_speaker(session, ref)
    before = speaker.anonymous
    speaker.anonymous = anonymous
    state = "anonymous" if anonymous else "not anonymous"
    unchanged = " (it already was)" if before == anonymous else ""
    detail = f"marked #{speaker.id} {speaker.name!r} {state}{unchanged}"
    log_decision(session, "anonymous", detail, now=now, speaker_id=speaker.id)
    return Done(speaker.id, detail)


def set_kind(session: Session, ref: str, kind: str, *, now: datetime) -> Done:
    """Say what kind of speaker this is (a person, a group, an organisation or an unnamed source)."""
    if kind not in SPEAKER_KINDS:
        raise CorrectionError(f"unknown kind {kind!r}: choose from {', '.join(SPEAKER_KINDS)}")
    speaker = find_speaker(session, ref)
    before = speaker.kind
    speaker.kind = kind
    detail = f"changed the kind of #{speaker.id} {speaker.name!r} from {before} to {kind}"
    log_decision(session, "kind", detail, now=now, speaker_id=speaker.id)
    refresh_keys(session, [speaker.id])
    return Done(speaker.id, detail)
