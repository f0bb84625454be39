"""Speaker noun phrases: names with their descriptors, pronouns, descriptions, groups (over tokens.py)."""

from __future__ import annotations

from quotes.parse import lexicon as lx
from quotes.parse.descriptions import Mention, read_description, read_group
from quotes.parse.tokens import Token

NAME_PARTICLES = frozenset("de da del della di du van von der den la le bin ibn al el dos das ter".split())
_DESCRIPTOR_EXTRA = frozenset(
    """press foreign affairs health campaign communications defence defense national security policy
    finance education justice interior energy trade labor labour public relations media longtime
    veteran opposition party house white state city county provincial federal regional local
    cabinet-level environment emergency program programme co-ordinator coordinator chief-of-staff
    staff of for the and""".split()
)
_TITLES_AND_HONORIFICS = lx.TITLE_WORDS | frozenset(lx.HONORIFICS)
_NOT_NAME_WORDS = _TITLES_AND_HONORIFICS | lx.NON_NAME_CAPS


def _is_title(token: Token) -> bool:
    return token.is_word and token.bare in _TITLES_AND_HONORIFICS


def is_name_token(token: Token) -> bool:
    """A capitalised word that can be part of a person's or an organisation's name."""
    if not token.capitalised:
        return False
    text = token.text
    if len(text) == 2 and text[1] == "." and text[0].isupper():
        return True  # a middle initial: "John Q. Hale", whose "A." is not the article
    if "." in text.rstrip(".") or (text.isupper() and token.bare in lx.CAPS_HEADER_WORDS):
        return False  # "U.S.", "N.B."; "READ MORE", "WATCH"
    if "-" in text and not text.rsplit("-", 1)[1][:1].isupper():
        return False  # "Alberta-based", "Toronto-area"
    return token.bare not in _NOT_NAME_WORDS  # a capitalised token starts with a letter: never all digits


def parse_np(tokens: list[Token], i: int, text: str, loose: bool = False) -> tuple[Mention, int] | None:
    """Parse a speaker noun phrase starting at tokens[i]; returns it and the index after it.

    `loose` accepts any head noun for a description: right next to a reporting verb, "the rookie
    defenceman" is a speaker even though "defenceman" is in no word list.
    """
    if i >= len(tokens) or not tokens[i].is_word:
        return None
    first = tokens[i]
    if first.bare in _NEVER_START_BARE and first.lower not in _MAY_START_LOWER and not is_name_token(first):
        return None  # "But", "In", "After": every branch below would return None too
    if first.lower in lx.SUBJECT_PRONOUNS and (first.lower != "i" or first.text == "I"):
        return _pronoun(first), i + 1
    if (first.capitalised or _is_title(first)) and _in_credit(tokens, i):
        return None
    if first.lower in lx.DETERMINERS and i + 1 < len(tokens):
        if first.lower == "the" and tokens[i + 1].capitalised and not _is_title(tokens[i + 1]):
            return _org_with_article(tokens, i, text)
        return read_description(tokens, i, text, loose)
    if first.capitalised or _is_title(first):
        named = _named(tokens, i, text)
        if named is not None:
            return named
    if first.bare in lx.GROUP_NOUNS and first.lower not in ("many", "some", "both", "others"):
        return read_group(tokens, i, i + 1, text)
    return None


# Capitalised words that start no speaker phrase (parse_np's shortcut): in NON_NAME_CAPS and read by
# none of its branches as a title, descriptor, group, pronoun, determiner or name particle.
_NEVER_START_BARE = lx.NON_NAME_CAPS - _TITLES_AND_HONORIFICS - _DESCRIPTOR_EXTRA - lx.GROUP_NOUNS
_MAY_START_LOWER = lx.SUBJECT_PRONOUNS | lx.DETERMINERS | NAME_PARTICLES

_CREDIT_LEADS = frozenset(
    "photo photos photograph photographs image images illustration submitted courtesy credit handout".split()
)
_CREDIT_RUN_TOKENS = 8


def _in_credit(tokens: list[Token], i: int) -> bool:
    """A photo credit left in the text: "(Jane Roe/City News)", "Photo: Jane Roe / Wire Service",
    "(Submitted by Jane Roe)". The photographer and the outlet are nobody the story quotes."""
    j = i
    while j < len(tokens) and j - i < _CREDIT_RUN_TOKENS and tokens[j].capitalised:
        j += 1
    if j < len(tokens) and tokens[j].text == "/":
        return True  # the photographer (or agency) before the slash
    # back to the start of the capitalised run; a given name or a title starts a caption's subject
    # ("/The Press Jane Roe, left, ..."), not more of the outlet's name
    k = i
    while k > 0 and i - k < _CREDIT_RUN_TOKENS and not _starts_person(tokens[k]) \
            and (tokens[k - 1].capitalised or tokens[k - 1].lower == "via"):
        k -= 1
    if k > 0 and tokens[k - 1].text == "/":
        return True
    return k >= 2 and tokens[k - 1].lower in ("by", "of", ":") and tokens[k - 2].bare in _CREDIT_LEADS


def _starts_person(token: Token) -> bool:
    return token.bare in lx.GIVEN_NAME_GENDER or _is_title(token)


def _pronoun(token: Token) -> Mention:
    lower = token.lower
    gender = "m" if lower == "he" else "f" if lower == "she" else None
    return Mention("pronoun", token.start, token.end, token.start, token.end, token.text,
                   gender=gender, plural=lower in ("they", "we"))


def _named(tokens: list[Token], i: int, text: str) -> tuple[Mention, int] | None:
    """Descriptor words then a name: "Kremlin spokesman Dmitry Peskov", "Ms Levenberg", "Acme Hydro"."""
    if _sentence_adverb(tokens, i):
        return None
    j = i
    while j < len(tokens):
        token = tokens[j]
        if not token.is_word:
            break
        if token.capitalised and (token.bare not in lx.NON_NAME_CAPS or is_name_token(token)) or _is_title(token):
            j += 1
            if token.possessive:
                break
            continue
        if _role_noun_between(tokens, i, j):
            j += 1  # "Elmtown resident Jane Roe", "Roe aide Ben Hale": a place or name, a person noun, a name
            continue
        if (token.lower in NAME_PARTICLES or token.bare in _DESCRIPTOR_EXTRA) and j + 1 < len(tokens) \
                and (tokens[j + 1].capitalised or _is_title(tokens[j + 1])) \
                and not (token.lower in _AFFILIATION_WORDS and _ends_personal_name(tokens, i, j)):
            j += 1
            continue
        break
    end = j
    while end > i and not is_name_token(tokens[end - 1]):
        end -= 1
    if end == i and j - i >= 2 and tokens[j - 2].bare in _COURTESY_TITLES and tokens[j - 1].capitalised:
        end = j  # "Mr. King", "Ms. Bishop": a title word right after a courtesy title is the surname
    if end == i:
        return None
    name_start = end - 1
    while name_start > i and (is_name_token(tokens[name_start - 1]) or tokens[name_start - 1].lower in NAME_PARTICLES):
        name_start -= 1
    while name_start < end and tokens[name_start].lower in NAME_PARTICLES:
        name_start += 1
    if name_start == end:
        return None
    while end - name_start >= 3 and _descriptor_before_given_name(tokens[name_start], tokens[name_start + 1]):
        name_start += 1  # "Architect Daniel Okafor": a capitalised word before a given name and surname
    name_tokens = tokens[name_start:end]
    role_tokens = tokens[i:name_start]
    if _looks_plural_group(name_tokens, role_tokens):
        return read_group(tokens, i, end, text)
    name = _clean_name(text[name_tokens[0].start:name_tokens[-1].end])
    honorific = role_tokens[-1] if role_tokens and role_tokens[-1].bare in lx.HONORIFICS else None
    surface_start = honorific.start if honorific else name_tokens[0].start
    gender = _gender_of(name_tokens, role_tokens)
    role = text[role_tokens[0].start:role_tokens[-1].end] if role_tokens else None
    if role is not None and honorific is not None and len(role_tokens) == 1:
        role = None  # "Ms" is an honorific, not a role
    org_descriptor = bool(role_tokens) and role_tokens[-1].bare in lx.ORG_WORDS  # "cybersecurity firm Acme"
    bares = {t.bare for t in name_tokens}
    kind = "org" if org_descriptor or _looks_like_org(name_tokens, bares) else "name"
    if kind == "org" and not org_descriptor and _capitals_person(tokens, name_start, end, bares):
        kind = "name"  # "said JANE HALE, the mayor": a person's name in capitals, not an acronym
    place = kind == "org" and bares.isdisjoint(lx.ORG_WORDS) and (
        not any(t.text.isupper() and len(t.text) >= 2 for t in name_tokens) or lx.fold(name) in lx.PLACES
    )  # "NEW YORK" in capitals is still a place
    if kind == "name" and not role_tokens and (_region_follows(tokens, end) or _is_region(tokens, name_start, end)):
        kind, place = "org", True  # "nearby Elmtown, N.B." and the "N.B." itself
    elif kind == "name" and not role_tokens and len(name_tokens) >= 2 and lx.fold(name) in lx.PLACES:
        place = True  # "Nova Scotia", "Hong Kong": a place, though its first word may be a given name
    surface_end = name_tokens[-1].start + len(_clean_name(name_tokens[-1].text))
    return Mention(kind, tokens[i].start, name_tokens[-1].end, surface_start, surface_end, name,
                   role=role, gender=gender, place=place), end


def _role_noun_between(tokens: list[Token], i: int, j: int) -> bool:
    """tokens[j] is a lower-case person noun ("resident", "aide", "voter") between a capitalised word of
    the phrase and a capitalised word: it makes what came before a description, as a title would."""
    token = tokens[j]
    return j > i and not token.capitalised and token.bare in lx.PERSON_NOUNS and tokens[j - 1].capitalised \
        and not tokens[j - 1].possessive and j + 1 < len(tokens) and tokens[j + 1].capitalised


def _sentence_adverb(tokens: list[Token], i: int) -> bool:
    """A capitalised adverb or participle opening a sentence ("Somehow", "Reportedly", "Knowing the
    risks"): capitalised only by its place, so it starts no name unless it is a known given name."""
    token = tokens[i]
    if i > 0 and tokens[i - 1].text not in ".!?:\"\u201c":
        return False
    bare = token.bare
    return bare in lx.SENTENCE_ADVERBS or (
        len(bare) > 5 and bare.endswith(("ly", "ing")) and bare not in lx.GIVEN_NAMES and not token.text.isupper()
    )


def _descriptor_before_given_name(word: Token, next_word: Token) -> bool:
    """`word` describes the person named after it: it is no given name or particle, the next word is a
    common given name, and neither ends in a possessive."""
    return next_word.bare in lx.GIVEN_NAME_GENDER and word.bare not in lx.GIVEN_NAMES \
        and word.lower not in NAME_PARTICLES and not word.possessive and word.text.isalpha() \
        and not word.text.isupper()


_AFFILIATION_WORDS = frozenset("of for at from and".split())
_COURTESY_TITLES = frozenset("mr mrs ms miss mx dr".split())


def _is_region(tokens: list[Token], start: int, end: int) -> bool:
    """The name is one state or province abbreviation after a comma ("Elmtown, Ga.")."""
    if end - start != 1 or start == 0 or tokens[start - 1].text != ",":
        return False
    word = tokens[start].lower
    return word in lx.REGION_ABBREVIATIONS or (
        end < len(tokens) and tokens[end].text == "." and word + "." in lx.REGION_ABBREVIATIONS
    )


def _region_follows(tokens: list[Token], end: int) -> bool:
    """A comma and a state or province abbreviation follow: "Elmtown, N.B.", "Elmtown, Ga."."""
    if end + 1 >= len(tokens) or tokens[end].text != ",":
        return False
    word = tokens[end + 1].lower
    if word in lx.REGION_ABBREVIATIONS:
        return True  # "N.B." is one token
    return end + 2 < len(tokens) and tokens[end + 2].text == "." and word + "." in lx.REGION_ABBREVIATIONS


def _ends_personal_name(tokens: list[Token], i: int, j: int) -> bool:
    """tokens[i:j] end in a person's name ("Jane Roe", "Ms. Roe"): "of X" after it is an affiliation or a
    home town ("Jane Roe of Springfield"), not part of a title ("Secretary of State Jane Roe") or of an
    institution's name ("Royal Bank of Canada")."""
    if j - i < 2 or not is_name_token(tokens[j - 1]):
        return False
    before = tokens[j - 2]
    if before.bare in lx.HONORIFICS:
        return True
    title = max((t for t in range(i, j - 2) if _is_title(tokens[t])), default=None)
    if title is not None and all(initials(t) or is_name_token(t) and not t.text.isupper() for t in tokens[title + 1:j]):
        return True  # "Caucus Chairman Jane Roe of Elmtown": the title's holder, from Elmtown
    words = {t.bare for t in tokens[i:j]}
    return (is_name_token(before) or initials(before)) and not words & (lx.ORG_WORDS | lx.PLACE_WORDS) and not any(
        t.text.isupper() and not initials(t) for t in tokens[j - 2:j]
    )  # "G.K. Roe of Elmtown", not "NBC News of Elmtown"


def initials(token: Token) -> bool:
    """ "G.K." in "Chairman G.K. Roe"."""
    letters = token.text.split(".")
    return len(letters) >= 3 and letters[-1] == "" and all(len(x) == 1 and x.isupper() for x in letters[:-1])


def _clean_name(name: str) -> str:
    for suffix in ("'s", "\u2019s"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    if name.endswith(("s'", "s\u2019")):
        return name[:-1]
    return name


def _looks_plural_group(name_tokens: list[Token], role_tokens: list[Token]) -> bool:
    """ "Russians", "Democrats", "Ukrainians": a capitalised plural of people, not a name."""
    if len(name_tokens) != 1 or role_tokens:
        return False
    word = name_tokens[0].text
    return word.endswith(("ans", "ians", "ats", "ists", "ese")) and not word.endswith("'s")


def _looks_like_org(name_tokens: list[Token], bares: set[str]) -> bool:
    """Institutions, places and acronyms; a known given name first makes a person ("John Hall").
    `bares` is the set of the tokens' bare forms."""
    if not bares.isdisjoint(lx.ORG_WORDS):
        return True
    for token in name_tokens:
        text = token.text
        if len(text) >= 2 and text.isupper() and "." not in text:
            return True
    if len(name_tokens) > 1 and name_tokens[0].bare in lx.GIVEN_NAME_GENDER:
        return False
    return not bares.isdisjoint(lx.PLACE_WORDS)


_CAPS_NAME_WORDS = range(2, 4)  # a person's name in capitals: given name and surname, perhaps a middle name


def _capitals_person(tokens: list[Token], start: int, end: int, bares: set[str]) -> bool:
    """tokens[start:end] are a person's name written in capitals ("JANE HALE", "SAM T OKAFOR"): two or three
    all-capital words of letters, no organisation word, and either a known given name first or a person's
    context (a reporting verb right before or after, or a person's role in apposition: ", the mayor").
    A single capitalised acronym (NATO, the FBI) never is."""
    if end - start not in _CAPS_NAME_WORDS or not bares.isdisjoint(lx.ORG_WORDS | lx.PLACE_WORDS):
        return False
    if not all(token.text.isupper() and token.text.replace(".", "").isalpha() for token in tokens[start:end]):
        return False
    if tokens[start].bare in lx.GIVEN_NAME_GENDER:
        return True
    if start > 0 and tokens[start - 1].lower in lx.REPORTING_VERBS:
        return True
    if end < len(tokens) and tokens[end].lower in lx.REPORTING_VERBS:
        return True
    if end + 2 < len(tokens) and tokens[end].text == "," and tokens[end + 1].lower in ("a", "an", "the"):
        return any(token.bare in lx.PERSON_NOUNS or token.bare in lx.TITLE_WORDS for token in tokens[end + 2:end + 6])
    return False


def _gender_of(name_tokens: list[Token], role_tokens: list[Token]) -> str | None:
    for token in reversed(role_tokens):
        gender = lx.HONORIFICS.get(token.bare)
        if gender:
            return gender
    if len(name_tokens) >= 2:
        return lx.GIVEN_NAME_GENDER.get(name_tokens[0].bare)  # "Lewis" alone is a surname as often as not
    return None


def _org_with_article(tokens: list[Token], i: int, text: str) -> tuple[Mention, int] | None:
    """ "the Kremlin", "the White House", "the Associated Press"."""
    named = _named(tokens, i + 1, text)
    if named is None:
        return None
    mention, end = named
    if mention.kind == "name" and mention.role is None and len(mention.name.split()) >= 2 \
            and lx.GIVEN_NAME_GENDER.get(mention.name.split()[0].lower()):
        return mention, end  # "the" before a person's name is a typo or a headline form
    start = tokens[i].start
    stop, surface_stop = mention.end, mention.surface_end
    if end < len(tokens) and not tokens[end].capitalised and tokens[end].bare in _BODY_NOUNS:
        stop = surface_stop = tokens[end].end  # "the Roe campaign", "the Elmtown council": the body, not "the Roe"
        end += 1
    name = text[start:stop]
    return Mention("org", start, stop, start, surface_stop, _clean_name(name)), end


_BODY_NOUNS = lx.ORG_WORDS | lx.GROUP_NOUNS


def coordinated(tokens: list[Token], parsed: tuple[Mention, int] | None, text: str) -> tuple[Mention, int] | None:
    """ "Ada Hale and Ben Okafor": two names joined by "and" speak together, as one group; None when
    the phrase is no name followed by "and" and another name."""
    if parsed is None or parsed[0].kind != "name":
        return None
    first, end = parsed
    if end + 1 >= len(tokens) or tokens[end].lower != "and":
        return None
    second = parse_np(tokens, end + 1, text)
    if second is None or second[0].kind != "name":
        return None
    last, after = second
    name = text[first.surface_start:last.surface_end]
    return Mention("group", first.start, last.end, first.surface_start, last.surface_end, name, plural=True), after
