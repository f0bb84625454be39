"""Speakers as entities across articles: the pure rules that decide when two speakers are one."""

from quotes.speakers.identity import candidate_pairs, index_keys, lookup_keys, match_speaker
from quotes.speakers.model import (
    CONFIDENCE,
    Appearance,
    Attested,
    Candidate,
    CandidatePair,
    EntityProfile,
    MatchDecision,
    New,
    Rule,
    RuledOut,
    Same,
    SpeakerEvidence,
)

__all__ = [
    "CONFIDENCE",
    "Appearance",
    "Attested",
    "Candidate",
    "CandidatePair",
    "EntityProfile",
    "MatchDecision",
    "New",
    "Rule",
    "RuledOut",
    "Same",
    "SpeakerEvidence",
    "candidate_pairs",
    "index_keys",
    "lookup_keys",
    "match_speaker",
]
