"""Descriptions of speakers ("a woman from Elmtown", "the utility", "one of the advisers", "protesters")
and the Mention every speaker noun phrase is read into (names are read in mentions.py)."""

from __future__ import annotations

from dataclasses import dataclass

from quotes.parse import lexicon as lx
from quotes.parse.tokens import Token

AUXILIARIES = frozenset(
    """is was are were be been being has have had will would can could may might must shall should
    does did do not n't never also then""".split()
)
_DESCRIPTION_STOP = AUXILIARIES | lx.CLAUSE_WORDS | lx.REPORTING_VERBS | frozenset(
    "according told asked said says".split()
)
_PREPOSITIONS = frozenset("from of at for in with near on".split())
_COUNTS = frozenset("two three four five six seven eight nine ten".split())


@dataclass(slots=True)
class Mention:
    """A noun phrase that can be a speaker. Treated as a value and never changed once made (not frozen:
    a frozen dataclass costs four times as much to create, and one is made at every capitalised word)."""

    kind: str  # pronoun | name | definite | indefinite | group | org
    start: int  # offsets of the whole phrase
    end: int
    surface_start: int  # offsets of the short form a reader would cite ("Ms Levenberg", "Peskov")
    surface_end: int
    name: str  # the name ("Jane Roe") or the description ("a woman from the city of Elmtown")
    role: str | None = None  # descriptor before the name ("Kremlin spokesman")
    head: str | None = None  # head noun of a description ("woman")
    gender: str | None = None  # "m", "f" or None
    plural: bool = False
    place: bool = False  # a place name rather than an organisation


_EXTRA_HEADS = frozenset(
    """narrator narrators audience crowd suit card paper ad advertisement editorial column indictment brief
    authors author""".split()
)
_HEADS = lx.PERSON_NOUNS | lx.GROUP_NOUNS | lx.ORG_WORDS | lx.TITLE_WORDS | lx.DOCUMENT_NOUNS | _EXTRA_HEADS


def read_description(tokens: list[Token], i: int, text: str, loose: bool = False) -> tuple[Mention, int] | None:
    """ "a woman from the city of Elmtown", "one man", "the utility", "some officials"."""
    determiner = tokens[i].lower
    if determiner == "one" and i + 2 < len(tokens) and tokens[i + 1].lower == "of":
        return _one_of(tokens, i, text, loose)
    j = i + 1
    while j < len(tokens) and j - i <= 5:
        token = tokens[j]
        noun_first = j == i + 1 and token.bare in _HEADS  # "the report stated": a noun, not a verb
        if not token.is_word or (token.lower in _DESCRIPTION_STOP and not noun_first) or token.lower in _PREPOSITIONS:
            break
        if token.capitalised and token.bare not in lx.TITLE_WORDS and j > i + 1 and not _adjectival(token):
            break
        j += 1
    if j == i + 1:
        return None
    while j > i + 2 and tokens[j - 1].bare not in _HEADS and any(t.bare in _HEADS for t in tokens[i + 1:j - 1]):
        j -= 1  # "the base chief known as": the description ends at its head noun
    head_token = tokens[j - 1]
    head = head_token.bare
    if head in lx.DETERMINERS or head.isdigit():
        return None
    end = j
    # a prepositional phrase completing the description: "from the city of Elmtown"
    if j < len(tokens) and tokens[j].lower in _PREPOSITIONS and (head not in lx.ORG_WORDS or head in lx.DOCUMENT_NOUNS):
        k = j + 1
        while k < len(tokens) and k - j <= 8:
            token = tokens[k]
            if not token.is_word or token.lower in _DESCRIPTION_STOP or token.lower in lx.LEAD_IN_VERBS:
                break
            k += 1
        counted = k == j + 2 and tokens[j].lower == "of" and tokens[k - 1].lower in _COUNTS  # "mother of three"
        if k > j + 1 and tokens[k - 1].lower not in _PREPOSITIONS and (tokens[k - 1].lower not in lx.DETERMINERS or counted):
            end = k
    kind, plural = description_kind(head, determiner)
    known = head in _HEADS or lx.is_age_word(head)  # "the 17-year-old said"
    if not known and not (loose and head.replace("-", "").isalpha()):  # "the look-alike said"
        return None  # "the problem", "a fact": not a speaker
    start = tokens[i].start
    phrase = text[start:tokens[end - 1].end]
    return Mention(kind, start, tokens[end - 1].end, start, tokens[end - 1].end, phrase, head=head,
                   gender=lx.PERSON_NOUN_GENDER.get(head), plural=plural), end


_PARTITIVE_DETERMINERS = frozenset("the those these his her their its our".split())


def _one_of(tokens: list[Token], i: int, text: str, loose: bool) -> tuple[Mention, int] | None:
    """ "one of the advisers", "one of his aides": one unnamed person out of a group."""
    if tokens[i + 2].lower not in _PARTITIVE_DETERMINERS:
        return None
    group = read_description(tokens, i + 2, text, loose)
    if group is None or not group[0].plural or group[0].head not in _HEADS:
        return None
    inner, end = group
    start = tokens[i].start
    return Mention("indefinite", start, inner.end, start, inner.end, text[start:inner.end], head=inner.head), end


def description_kind(head: str, determiner: str) -> tuple[str, bool]:
    """The mention kind of a description by its head noun and determiner, and whether it is plural:
    "the utility" org_description, "protesters" group, "the man" definite, "a woman" indefinite."""
    plural = head in lx.GROUP_NOUNS or (head.endswith("s") and not head.endswith("ss") and head not in lx.PERSON_NOUNS)
    if head in lx.ORG_WORDS and not plural:
        return ("org_description" if determiner == "the" else "indefinite"), False
    if plural:
        return "group", True
    return ("definite" if determiner in ("the", "this", "that") else "indefinite"), False


def _adjectival(token: Token) -> bool:
    """Capitalised adjectives inside descriptions: "a Russian soldier", "the Canadian embassy"."""
    return token.text.endswith(("an", "ian", "ese", "ish", "ic", "i"))


def read_group(tokens: list[Token], i: int, end: int, text: str) -> tuple[Mention, int]:
    start = tokens[i].start
    # "Russian protesters": an adjective before the group noun
    if end < len(tokens) and tokens[end].is_word and tokens[end].bare in lx.GROUP_NOUNS:
        end += 1
    last = tokens[end - 1]
    return Mention("group", start, last.end, start, last.end, text[start:last.end], head=last.bare,
                   plural=True), end
