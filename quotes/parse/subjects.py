"""Who governs a reporting verb: the subject noun phrase before it, through appositions, relative
clauses and possessives ("Jane Roe's office said"), and when a noun phrase is an object instead."""

from __future__ import annotations

from quotes.parse import lexicon as lx
from quotes.parse.descriptions import AUXILIARIES, Mention
from quotes.parse.mentions import coordinated, initials, is_name_token, parse_np
from quotes.parse.model import Rule
from quotes.parse.tokens import Token

_SUBJECT_SEARCH_TOKENS = 14
_PARENTHESIS_TOKENS = 10
_GERUND_PREPOSITIONS = frozenset("for of after".split())  # "criticized Hale for saying", "accused Hale of saying"
OBJECT_PREPOSITIONS = frozenset("from of at in with for by to on about into like than".split())


def name_in_apposition(tokens: list[Token], mention: Mention, comma: int, closing: int, text: str) -> Mention | None:
    """ "the firm's chief, Jane Roe, said": the name set off between tokens[comma] and tokens[closing]
    (both commas) after a description speaks for it."""
    if mention.kind == "name" or tokens[closing].text != ",":
        return None
    named = parse_np(tokens, comma + 1, text)
    if named is None or named[0].kind != "name" or named[1] != closing:
        return None
    return named[0]


def subject_of(tokens: list[Token], verb_index: int, text: str) -> tuple[Mention, Rule] | None:
    """The speaker noun phrase governing tokens[verb_index], and how sure that is."""
    p = verb_index - 1
    while p >= 0 and tokens[p].is_word and (tokens[p].lower in lx.ADVERBS_BEFORE_VERB or tokens[p].lower in AUXILIARIES):
        p -= 1
    if tokens[p].text == ")":  # "Rep. Jane Roe (D-Wis.) said", "Jane Roe (@janeroe) wrote": step over it
        opening = next((q for q in range(p - 1, max(-1, p - _PARENTHESIS_TOKENS), -1) if tokens[q].text == "("), -1)
        p = opening - 1 if opening > 0 else p
    if p < 0:
        return None
    if any(t.lower in lx.BE_FORMS for t in tokens[p + 1:verb_index]) and not tokens[verb_index].lower.endswith("ing"):
        return None  # passive: "he was described as", "it was reported", "he was also quoted as"
    if tokens[p].lower == "who":
        q = p - 1 if p > 0 and tokens[p - 1].text == "," else p
        found = _np_ending_at(tokens, q, text)
        if found is not None and _object_of_reporting_verb(tokens, found):
            return None  # "X told a woman who suggested that ...": whose words follow is unclear
        return (found, Rule.CUE_BEFORE_RELATIVE) if found else None
    if tokens[verb_index].lower.endswith("ing") and tokens[p].lower in _GERUND_PREPOSITIONS and p > 0 \
            and len(tokens) - verb_index <= 2:  # the gerund right before the quote: "for saying (that)
        blamed = _np_ending_at(tokens, p, text)  # "Roe criticized Hale for saying": Hale said it
        if blamed is not None and blamed.kind in ("name", "definite", "indefinite") and not _object_of_preposition(tokens, blamed):
            return blamed, Rule.CUE_BEFORE
    found = _np_ending_at(tokens, p + 1, text)
    if found is not None and not _object_of_preposition(tokens, found):
        return found, Rule.CUE_BEFORE
    subject = sentence_subject(tokens, verb_index, text)
    if subject is not None:
        return subject
    return None


def _word_before(tokens: list[Token], mention: Mention) -> str | None:
    """The lower-case token right before the mention, if any."""
    for token in reversed(tokens):
        if token.end <= mention.start:
            return token.lower
    return None


def _object_of_preposition(tokens: list[Token], mention: Mention) -> bool:
    """ "from the Russian military lectured": a noun phrase after a preposition is not the subject."""
    return _word_before(tokens, mention) in OBJECT_PREPOSITIONS


def _object_of_reporting_verb(tokens: list[Token], mention: Mention) -> bool:
    """ "told a young woman who ...": the noun phrase is the object of a reporting verb just before it."""
    word = _word_before(tokens, mention)
    return word in lx.REPORTING_VERBS and word not in lx.WEAK_REPORTING_VERBS


def _np_ending_at(tokens: list[Token], end: int, text: str) -> Mention | None:
    for start in range(max(0, end - _SUBJECT_SEARCH_TOKENS), end):
        parsed = parse_np(tokens, start, text)
        joint = coordinated(tokens, parsed, text)
        if joint is not None and joint[1] == end:
            return joint[0]  # "Ada Hale and Ben Okafor wrote"
        if parsed and parsed[1] == end:
            if start > 0 and tokens[start - 1].capitalised and parsed[0].kind == "pronoun":
                continue
            if start > 0 and (is_name_token(tokens[start - 1]) or initials(tokens[start - 1])) and parsed[0].role is not None \
                    and any(t.lower in ("of", "from") for t in tokens[start:end]):
                continue  # "Hale of Ohio" inside "Sen. Tom Hale of Ohio said": not a noun phrase of its own
            return parsed[0]
    return None


def sentence_subject(tokens: list[Token], verb_index: int, text: str) -> tuple[Mention, Rule] | None:
    """The clause-initial noun phrase, allowing an appositive or relative clause before the verb."""
    starts = [0] + [i + 1 for i in range(verb_index) if tokens[i].text == ","]
    for start in starts[:3]:
        parsed = parse_np(tokens, start, text)
        if parsed is None:
            continue
        mention, end = parsed
        if end > verb_index:
            continue
        if end == verb_index:
            return mention, Rule.CUE_BEFORE
        between = tokens[end:verb_index]
        if between[0].text == "," and len(between) > 1 and between[1].lower == "whose":
            return None  # "Ada Hale, whose father once said": the father spoke, not Hale
        if between[0].text == ",":
            named = name_in_apposition(tokens, mention, end, verb_index - 1, text)
            if named is not None:
                return named, Rule.CUE_BEFORE_APPOSITION
            return mention, Rule.CUE_BEFORE_APPOSITION
        if between[0].lower == "who" and not any(t.text == "," for t in between):
            if mention.kind in ("indefinite", "definite"):
                mention = _extend_description(mention, tokens[verb_index - 1].end, text)
            return mention, Rule.CUE_BEFORE_RELATIVE
        if all(t.is_word for t in between) and len(between) <= 12:
            owned = _possessed(mention, tokens, end, verb_index, text)
            return (owned if owned is not None else mention), Rule.CUE_BEFORE_DISTANT
    return None


def _possessed(mention: Mention, tokens: list[Token], end: int, verb_index: int, text: str) -> Mention | None:
    """ "Jane Roe's office said", "Roe's lawyer told": a possessive name, then the noun that speaks."""
    if not tokens[end - 1].possessive:
        return None
    between: list[Token] = []
    for token in tokens[end:verb_index]:
        if token.lower in lx.DETERMINERS or token.lower in OBJECT_PREPOSITIONS or token.lower.endswith("ed"):
            break  # "Roe's campaign released a statement:": the noun phrase ends before the verb
        between.append(token)
    if not between or len(between) > 3:
        return None
    if any(t.capitalised or not t.text.isalpha() or t.lower in AUXILIARIES or t.lower in lx.ADVERBS_BEFORE_VERB
           for t in between):
        return None
    head = between[-1]
    kind = "org_description" if head.bare in lx.ORG_WORDS else "definite"
    return Mention(kind, mention.start, head.end, mention.start, head.end, text[mention.start:head.end],
                   head=head.bare, gender=lx.PERSON_NOUN_GENDER.get(head.bare))


def _extend_description(mention: Mention, end: int, text: str) -> Mention:
    """ "a man" + " who appears to be from the Russian military": descriptions keep their relative clause."""
    phrase = text[mention.start:end]
    return Mention(mention.kind, mention.start, end, mention.surface_start, end, phrase, mention.role,
                   mention.head, mention.gender, mention.plural)
