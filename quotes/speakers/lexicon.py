"""Word lists for speaker identity: honorifics, titles, name particles, role synonyms.

All entries are folded (casefolded, accents removed, no trailing dot), the form `names.fold_token` gives.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class Gender(StrEnum):
    """Grammatical gender a mention states ("Ms", "spokeswoman"); two opposite ones never merge."""

    MALE = "male"
    FEMALE = "female"


# Courtesy forms before a name: dropped from the name, never a role; some state a gender.
HONORIFICS: Final[dict[str, Gender | None]] = {
    "mr": Gender.MALE,
    "mister": Gender.MALE,
    "sir": Gender.MALE,
    "lord": Gender.MALE,
    "monsieur": Gender.MALE,
    "herr": Gender.MALE,
    "senor": Gender.MALE,
    "mrs": Gender.FEMALE,
    "ms": Gender.FEMALE,
    "miss": Gender.FEMALE,
    "dame": Gender.FEMALE,
    "lady": Gender.FEMALE,
    "madam": Gender.FEMALE,
    "madame": Gender.FEMALE,
    "mme": Gender.FEMALE,
    "mlle": Gender.FEMALE,
    "frau": Gender.FEMALE,
    "senora": Gender.FEMALE,
    "mx": None,
    "dr": None,
    "doctor": None,
    "prof": None,
    "professor": None,
    "hon": None,
    "honourable": None,
    "honorable": None,
}

# Office and rank words that may stand before a name ("Defense Minister Shoygu", "Sen. Warren"):
# everything up to the last of them is a descriptor, kept as a role.
TITLES: Final[frozenset[str]] = frozenset(
    {
        "president", "vice-president", "premier", "minister", "secretary", "chancellor", "pm",
        "senator", "sen", "representative", "rep", "congressman", "congresswoman", "governor", "gov",
        "mayor", "councillor", "cllr", "councilor", "councilman", "councilwoman", "ambassador", "envoy",
        "judge", "justice", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman",
        "chair", "director", "ceo", "chief", "commissioner", "general", "gen", "colonel", "col",
        "major", "maj", "captain", "capt", "lieutenant", "lt", "sergeant", "sgt", "corporal", "cpl",
        "admiral", "adm", "commander", "cmdr", "officer", "detective", "det", "constable", "cst",
        "inspector", "insp", "superintendent", "supt", "sheriff", "deputy", "king", "queen", "prince",
        "princess", "pope", "emperor", "empress", "sultan", "emir", "sheikh", "ayatollah", "rabbi",
        "imam", "reverend", "rev", "father", "fr", "sister", "cardinal", "bishop", "archbishop",
        "pastor", "coach", "leader", "mp", "mla", "mpp", "attorney", "prosecutor", "patriarch",
    }
)  # fmt: skip

# Titles followed by a first name ("King Charles", "Pope Francis"), not a surname.
GIVEN_NAME_TITLES: Final[frozenset[str]] = frozenset(
    {"king", "queen", "prince", "princess", "pope", "emperor", "empress", "sultan", "emir", "sheikh",
     "sister", "brother"}
)  # fmt: skip

# Words that state a gender, in names ("King Charles") and in roles ("spokeswoman").
GENDERED_WORDS: Final[dict[str, Gender]] = {
    "spokesman": Gender.MALE,
    "spokeswoman": Gender.FEMALE,
    "chairman": Gender.MALE,
    "chairwoman": Gender.FEMALE,
    "congressman": Gender.MALE,
    "congresswoman": Gender.FEMALE,
    "councilman": Gender.MALE,
    "councilwoman": Gender.FEMALE,
    "businessman": Gender.MALE,
    "businesswoman": Gender.FEMALE,
    "policeman": Gender.MALE,
    "policewoman": Gender.FEMALE,
    "king": Gender.MALE,
    "queen": Gender.FEMALE,
    "prince": Gender.MALE,
    "princess": Gender.FEMALE,
    "emperor": Gender.MALE,
    "empress": Gender.FEMALE,
    "father": Gender.MALE,
    "mother": Gender.FEMALE,
    "husband": Gender.MALE,
    "wife": Gender.FEMALE,
    "son": Gender.MALE,
    "daughter": Gender.FEMALE,
    "brother": Gender.MALE,
    "sister": Gender.FEMALE,
    "grandfather": Gender.MALE,
    "grandmother": Gender.FEMALE,
    "widower": Gender.MALE,
    "widow": Gender.FEMALE,
    "actor": Gender.MALE,
    "actress": Gender.FEMALE,
}

# Lower-case words that belong to a surname ("de Gaulle", "van Gogh", "bin Salman").
NAME_PARTICLES: Final[frozenset[str]] = frozenset(
    {"van", "von", "de", "da", "di", "del", "della", "der", "den", "des", "du", "la", "le", "bin",
     "ibn", "al", "el", "dos", "das", "do", "ter", "ten", "zu", "y", "ben", "mac", "st"}
)  # fmt: skip

# Generational suffixes: "John Smith Jr." and "John Smith Sr." are two people.
NAME_SUFFIXES: Final[frozenset[str]] = frozenset({"jr", "sr", "ii", "iii", "iv", "junior", "senior"})

# Role wording: dropped before comparing roles.
ROLE_DETERMINERS: Final[frozenset[str]] = frozenset(
    {"a", "an", "the", "his", "her", "their", "its", "our", "my", "your", "this", "that", "one"}
)
# A person keeps being the same person across these ("former minister" ~ "minister").
ROLE_TIME_WORDS: Final[frozenset[str]] = frozenset(
    {"former", "ex", "then", "current", "now", "longtime", "long-time", "outgoing", "incoming",
     "acting", "interim", "newly", "new", "recently", "retired", "veteran", "also"}
)  # fmt: skip
# Rank words are part of the role's head: a deputy minister is not the minister.
ROLE_RANK_WORDS: Final[frozenset[str]] = frozenset({"deputy", "vice", "assistant", "associate", "under"})
# A role's head ends where one of these starts its complement ("minister of defence").
ROLE_PREPOSITIONS: Final[frozenset[str]] = frozenset(
    {"of", "for", "at", "with", "from", "in", "to", "on", "who", "whose", "which"}
)
ROLE_STOPWORDS: Final[frozenset[str]] = ROLE_DETERMINERS | frozenset({"and", "&"}) | ROLE_PREPOSITIONS
# Heads that name the same office.
ROLE_SYNONYMS: Final[dict[str, str]] = {
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "chairman": "chair",
    "chairwoman": "chair",
    "chairperson": "chair",
    "businessman": "businessperson",
    "businesswoman": "businessperson",
    "congressman": "representative",
    "congresswoman": "representative",
    "councilman": "councillor",
    "councilwoman": "councillor",
    "councilor": "councillor",
    "policeman": "police-officer",
    "policewoman": "police-officer",
    "defense": "defence",
    "organization": "organisation",
    "center": "centre",
}
ROLE_PHRASES: Final[dict[str, str]] = {
    "press secretary": "spokesperson",
    "press officer": "spokesperson",
    "police officer": "police-officer",
    "vice president": "vice-president",
}

# Organisation names made only of these words ("the ministry", "police") are generic: each article's
# "police" is its own body, so they never merge across articles.
GENERIC_ORGANISATION_WORDS: Final[frozenset[str]] = frozenset(
    {"police", "government", "ministry", "department", "agency", "office", "company", "firm",
     "court", "council", "army", "military", "authorities", "authority", "officials", "committee",
     "board", "statement", "organisation", "organization", "group", "union", "party",
     "administration", "embassy", "hospital", "school", "university", "club", "team", "city",
     "province", "state", "federal", "local", "regional", "national", "provincial", "municipal",
     "prosecutors", "prosecutor", "utility", "service", "services", "force",
     "forces", "regime", "media", "press", "newspaper", "spokesperson", "defence", "defense",
     "health", "interior", "foreign", "justice", "finance", "education", "public", "security",
     "intelligence", "official", "campaign", "family", "camp", "centre", "center", "institute",
     "commission", "association", "bank", "station", "network", "website", "report"}
)  # fmt: skip
ORGANISATION_STOPWORDS: Final[frozenset[str]] = frozenset(
    {"the", "of", "and", "for", "in", "on", "at", "&", "his", "her", "their", "its", "our"}
)
