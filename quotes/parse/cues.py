"""Attribution cues next to a quote: who is said to speak, by which verb, found how."""

from __future__ import annotations

from dataclasses import dataclass

from quotes.parse import lexicon as lx
from quotes.parse.descriptions import AUXILIARIES, Mention, description_kind
from quotes.parse.mentions import coordinated, is_name_token, parse_np
from quotes.parse.model import Method, Rule
from quotes.parse.rules import METHOD
from quotes.parse.subjects import OBJECT_PREPOSITIONS, name_in_apposition, sentence_subject, subject_of
from quotes.parse.tokens import Token

_DASHES = frozenset("\u2014\u2013-")
_LEADING = frozenset(",") | _DASHES
_VERB_GROUP_FILLERS = lx.ADVERBS_BEFORE_VERB | AUXILIARIES | frozenset(
    "heard seen quoted as to on went goes go be been being can could".split()
)
_MAX_APPOSITIVE_TOKENS = 45
_NAMING_VERBS = frozenset("call calls called calling".split())
_NAMED_OBJECTS = frozenset("the a an it him her them this that these those".split())
_PARENTHETICAL_TOKENS = 8  # "(D-Wis.)", "(R-Texas)"
_LATE_CUE_TOKENS = 10  # how far into the sentence a ", X said" may start
_LATE_CUE_TAIL = 6  # at most this many tokens after its verb


@dataclass(frozen=True, slots=True)
class Cue:
    rule: Rule
    mention: Mention
    verb: Token | None  # the reporting verb, or "according" for according-to; None for colon/dash
    appositive: tuple[int, int] | None = None  # offsets of ", not his real name," and the like
    colon: bool = False  # introduced by a colon ('Hale, a lawyer, said: "Q"'), whatever found its subject

    @property
    def method(self) -> Method:
        return Method.COLON if self.colon else METHOD[self.rule]


def verb_at(tokens: list[Token], k: int, weak_ok: bool = True) -> Token | None:
    """The reporting verb of a verb group starting at tokens[k] ("also said", "is heard to cry")."""
    skipped = 0
    while k < len(tokens) and tokens[k].is_word and skipped < 4:
        word = tokens[k].lower
        if word in lx.REPORTING_VERBS and (weak_ok or word not in lx.WEAK_REPORTING_VERBS):
            if word in ("go", "goes", "went") and not _followed_by_on_to_say(tokens, k):
                return None
            if word in _NAMING_VERBS and k + 1 < len(tokens) and tokens[k + 1].lower in _NAMED_OBJECTS:
                return None  # "a group called the ...", "she called him a liar": naming, not speech
            return tokens[k]
        if word not in _VERB_GROUP_FILLERS and not (word.endswith("ly") and len(word) > 4):
            return None
        k += 1
        skipped += 1
    return None


def _followed_by_on_to_say(tokens: list[Token], k: int) -> bool:
    words = [t.lower for t in tokens[k + 1:k + 4]]
    return words[:2] == ["on", "to"]


def cue_after(tokens: list[Token], text: str) -> Cue | None:
    """ '"Q," X said' / '"Q," said X' / '"Q," X, a lawyer, told ...' / '"Q" — X' / ', according to X'."""
    k = 0
    dash = False
    while k < len(tokens) and tokens[k].text in _LEADING:
        dash |= tokens[k].text in _DASHES
        k += 1
    if k >= len(tokens) or not tokens[k].is_word:
        return None
    if tokens[k].lower == "according" and k + 1 < len(tokens) and tokens[k + 1].lower == "to":
        parsed = parse_np(tokens, k + 2, text)
        if parsed:
            return Cue(Rule.ACCORDING_TO, parsed[0], tokens[k])
        return None
    verb = verb_at(tokens, k)
    if verb is not None and verb.lower.endswith("ing") and tokens[k].lower == verb.lower:
        return None  # '"Q," adding that ...': a participle carrying on the sentence before the quote
    if verb is not None:
        after_verb = tokens.index(verb) + 1
        parsed = parse_np(tokens, after_verb, text, loose=True)
        parsed = coordinated(tokens, parsed, text) or parsed  # "said Ada Hale and Ben Okafor"
        if parsed is None or tokens[parsed[1] - 1].possessive:  # "said Acme's Jane Roe": Roe, not Acme
            owned = _named_after(tokens, _long_description(tokens, after_verb, text, closing=True) if parsed else None, text)
            parsed = _descriptor_then_name(tokens, after_verb, text) or owned or parsed  # "said Hale's aide"
        if parsed and parsed[0].kind == "pronoun" and parsed[0].name.lower() not in ("he", "she", "they", "we", "i"):
            parsed = None  # "put it", "said it": an object, not an inverted subject
        if parsed and parsed[0].kind in ("definite", "indefinite"):
            parsed = _named_after(tokens, parsed, text)  # "said his mother, Ada Hale.": the name
        if parsed:
            return Cue(Rule.CUE_AFTER, parsed[0], verb)
        if not tokens[k].capitalised:
            return None  # a capitalised "verb" may be a name: "Will wrote", "Read said"
    parsed = parse_np(tokens, k, text, loose=True)
    joint = coordinated(tokens, parsed, text)
    if joint is not None and verb_at(tokens, joint[1]) is not None:
        parsed = joint  # '"Q," Ada Hale and Ben Okafor wrote.'
    if parsed is None or verb_at(tokens, _skip_parenthetical(tokens, parsed[1])) is None:
        described = [found for found in (_descriptor_then_name(tokens, k, text), _long_description(tokens, k, text)) if found]
        speaking = [found for found in described if verb_at(tokens, _skip_parenthetical(tokens, found[1])) is not None]
        parsed = speaking[0] if speaking else described[0] if described else parsed
    if parsed is None:
        return _late_cue_after(tokens, k, text)
    mention, j = parsed
    j = _skip_parenthetical(tokens, j)
    verb = verb_at(tokens, j)
    if verb is not None:
        verb_index = tokens.index(verb)
        if _is_passive(tokens, j, verb_index):
            agent = _passive_agent(tokens, verb_index, text)  # '"Q," Roe was told by Hale.': Hale
            return Cue(Rule.CUE_AFTER_PASSIVE, agent, verb) if agent is not None else None
        return Cue(Rule.CUE_AFTER, mention, verb)
    if j < len(tokens) and tokens[j].text == ",":
        for m in range(j + 1, min(len(tokens), j + _MAX_APPOSITIVE_TOKENS)):
            if tokens[m].text in ".!?":
                break
            if tokens[m].text == ",":
                verb = verb_at(tokens, m + 1)
                if verb is not None:
                    named = name_in_apposition(tokens, mention, j, m, text)
                    if named is not None:
                        return Cue(Rule.CUE_AFTER, named, verb)
                    return Cue(Rule.CUE_AFTER, mention, verb, (tokens[j].start, tokens[m].end))
    if dash and mention.kind in ("name", "org") and (j >= len(tokens) or tokens[j].text in ",.;("):
        return Cue(Rule.DASH, mention, None)
    return _late_cue_after(tokens, k, text)


def _skip_parenthetical(tokens: list[Token], j: int) -> int:
    """ "Rep. Jane Roe (D-Wis.) said": step over a short parenthetical after the name; likewise an
    affiliation or home town ("Jane Roe of the Sierra Club said", "Jane Roe of Springfield, Ohio, said")."""
    if j < len(tokens) and tokens[j].lower in ("of", "from") and j + 1 < len(tokens):
        m = j + 1 + (tokens[j + 1].lower == "the")
        start = m
        while m < len(tokens) and m - start < _PARENTHETICAL_TOKENS and (
            tokens[m].capitalised or (tokens[m].text == "," and m + 1 < len(tokens) and tokens[m + 1].capitalised)
        ):
            m += 1
        if m > start and m < len(tokens) and tokens[m].text == ",":
            m += 1  # "of Springfield, Ohio, said"
        if m > start and verb_at(tokens, m) is not None:
            return m
    if j < len(tokens) and tokens[j].text == "(":
        for m in range(j + 1, min(len(tokens), j + _PARENTHETICAL_TOKENS)):
            if tokens[m].text == ")":
                return m + 1
    return j


_DESCRIPTOR_TOKENS = 7


def _descriptor_then_name(tokens: list[Token], k: int, text: str) -> tuple[Mention, int] | None:
    """ "political scientist Ann Lee told", "undecided Republican voter Jane Roe": descriptor
    words (lower-case, or a capitalised title or adjective), then a name."""
    for m in range(k + 1, min(len(tokens), k + _DESCRIPTOR_TOKENS + 1)):
        word = tokens[m - 1]
        possessive_name = word.capitalised and word.possessive
        modifier = m - 1 > k and _lower_word_at(tokens, m)  # "former State policy director"
        if not possessive_name and (
            not word.is_word or (word.capitalised and not _capitalised_descriptor(word) and not modifier)
            or word.lower in lx.CLAUSE_WORDS or word.lower in AUXILIARIES
            or (word.lower in lx.NON_NAME_CAPS | lx.REPORTING_VERBS and word.lower != "the"
                and not (word.capitalised and modifier))  # "State" in "former State policy director"
        ):
            return None
        if tokens[m].capitalised:
            parsed = parse_np(tokens, m, text)
            if parsed and parsed[0].kind == "name":
                return parsed
            if not _capitalised_descriptor(tokens[m]) and not _lower_word_at(tokens, m + 1):
                return None
    return None


def _lower_word_at(tokens: list[Token], m: int) -> bool:
    return m < len(tokens) and tokens[m].is_word and not tokens[m].capitalised


def _capitalised_descriptor(token: Token) -> bool:
    """A capitalised word inside a description: a title or party ("Republican"), or an adjective ("Latvian")."""
    return token.bare in lx.TITLE_WORDS or token.text.endswith(("an", "ian", "ese", "ish"))


_LONG_DESCRIPTION_TOKENS = 8
_CLOSING_MARKS = frozenset(",.;:!?)")


def _verb_next(tokens: list[Token], m: int) -> bool:
    """A reporting verb at tokens[m], perhaps after one adverb ("wrote", "quickly added")."""
    if tokens[m].lower.endswith("ly") and m + 1 < len(tokens):
        m += 1
    return tokens[m].lower in lx.REPORTING_VERBS


def _long_description(tokens: list[Token], k: int, text: str, closing: bool = False) -> tuple[Mention, int] | None:
    """ "the agency employee wrote", "the presumptive GOP presidential nominee, Jane Roe, said": a
    description longer than the noun-phrase parser reads, up to the verb or comma that follows it (or,
    `closing` a sentence after its verb, up to its end: '"Q," said Jane Roe's spokesman.')."""
    determiner = tokens[k].lower
    m = k + 1
    if determiner not in ("the", "this", "that", "a", "an"):
        while m <= len(tokens) and m - k <= 4 and is_name_token(tokens[m - 1]) and not tokens[m - 1].possessive:
            m += 1
        if m > len(tokens) or not is_name_token(tokens[m - 1]) or not tokens[m - 1].possessive:
            return None  # only a possessive name may stand for the determiner: "Jane Roe's spokesman said"
        determiner = "the"
    while m < len(tokens) and m - k <= _LONG_DESCRIPTION_TOKENS and tokens[m].is_word \
            and tokens[m].lower not in lx.CLAUSE_WORDS and tokens[m].lower not in OBJECT_PREPOSITIONS \
            and not tokens[m].possessive and verb_at(tokens, m) is None:
        m += 1
    ends = closing and (m >= len(tokens) or tokens[m].text in _CLOSING_MARKS)
    if m == k + 1 or not ends and (m >= len(tokens) or not (tokens[m].text == "," or _verb_next(tokens, m))):
        return None
    head = tokens[m - 1]
    if head.capitalised or not head.text.isalpha() or head.lower in AUXILIARIES or head.lower.endswith(("ly", "ed")):
        return None
    kind, plural = description_kind(head.bare, determiner)
    start, end = tokens[k].start, head.end
    return Mention(kind, start, end, start, end, text[start:end], head=head.bare,
                   gender=lx.PERSON_NOUN_GENDER.get(head.bare), plural=plural), m


def _named_after(tokens: list[Token], described: tuple[Mention, int] | None, text: str) -> tuple[Mention, int] | None:
    """ "Jane Roe's spokesman, Ben Hale, said": the name set off after a description speaks for it."""
    if described is None or described[1] >= len(tokens) or tokens[described[1]].text != ",":
        return described
    named = parse_np(tokens, described[1] + 1, text)
    if named is not None and named[0].kind == "name" and (named[1] >= len(tokens) or tokens[named[1]].text in _CLOSING_MARKS):
        return named
    return described


def _late_cue_after(tokens: list[Token], k: int, text: str) -> Cue | None:
    """ '"Q" including Lake Elm, it said.': a short phrase, then ', X said' closing the sentence."""
    for m in range(k, min(len(tokens), k + _LATE_CUE_TOKENS)):
        if tokens[m].text != ",":
            continue
        parsed = parse_np(tokens, m + 1, text)
        if parsed is None:
            continue
        end = parsed[1]
        if parsed[0].kind == "name" and end + 1 < len(tokens) and tokens[end].text == ",":
            end += 1  # "the White House press secretary, Jane Roe, said": the name in apposition speaks
        verb = verb_at(tokens, end)
        if verb is not None and tokens.index(verb) + _LATE_CUE_TAIL >= len(tokens):
            return Cue(Rule.CUE_AFTER_LATE, parsed[0], verb)
    return None


def cue_before(tokens: list[Token], text: str) -> Cue | None:
    """ 'X said: "Q"' / 'X told reporters, "Q"' / 'X: "Q"' / 'according to X, "Q"' / 'a woman who said: "Q"'."""
    if not tokens:
        return None
    last = tokens[-1]
    intro = last.text if not last.is_word else ""
    core = tokens[:-1] if intro in (",", ":") or intro in _DASHES else tokens
    if not core:
        return None
    # "Peters: "Q"" -- a name alone before a colon
    if intro == ":":
        parsed = parse_np(core, 0, text)
        if parsed and parsed[1] == len(core) and parsed[0].kind in ("name", "org", "indefinite", "definite"):
            return Cue(Rule.COLON, parsed[0], None)
        credited = _credit_after_dash(core, text)
        if credited is not None:
            return Cue(Rule.COLON, credited, None)
    according = _according_to(core, text)
    if according is not None:
        return according
    claimed = _claim_of(core, text)
    if claimed is not None:
        return claimed
    verb_index = _last_verb(core, weak_ok=bool(intro))
    if verb_index is None:
        if intro == ":":
            subject = sentence_subject(core, len(core), text)
            if subject is not None:
                return Cue(Rule.COLON_SUBJECT, subject[0], None)
        return None
    agent = _passive_agent(core, verb_index, text)
    if agent is not None:
        return Cue(Rule.CUE_BEFORE_PASSIVE, agent, core[verb_index], colon=intro == ":")
    quoted = _quoted_as_saying(core, verb_index, text)
    if quoted is not None:
        return Cue(Rule.CUE_BEFORE, quoted, core[verb_index], colon=intro == ":")
    subject = subject_of(core, verb_index, text)
    inverted = parse_np(core, verb_index + 1, text) if intro else None
    after_coordinator = verb_index > 0 and core[verb_index - 1].lower in _COORDINATORS
    if subject is None and inverted is not None and inverted[1] == len(core) and inverted[0].kind in ("name", "org") \
            and core[verb_index].lower not in _OBJECT_TAKING_VERBS and not after_coordinator:
        return Cue(Rule.CUE_BEFORE_INVERTED, inverted[0], core[verb_index])  # "asks editor Jane Doe, "Q""
    if subject is None:
        subject = _main_clause_subject(core, verb_index, text)
    if subject is None:
        return None
    mention, rule = subject
    return Cue(rule, mention, core[verb_index], colon=intro == ":")


def _credit_after_dash(core: list[Token], text: str) -> Mention | None:
    """ 'Voters care about jobs - Jane Roe: "Q"': a roundup's line, a dash, then the name of the source
    the quote after the colon is from (a person, two people or an organisation)."""
    dash = next((k for k in range(len(core) - 2, 0, -1) if core[k].text in _DASHES), None)
    if dash is None or dash < len(core) - _CREDIT_TOKENS - 1:
        return None
    parsed = parse_np(core, dash + 1, text)
    parsed = coordinated(core, parsed, text) or parsed
    if parsed is None or parsed[1] != len(core) or parsed[0].kind not in ("name", "org", "group"):
        return None
    return parsed[0]


_CREDIT_TOKENS = 8


_CLAIM_NOUNS = frozenset(
    """claim claims statement statements remark remarks comment comments assertion assertions words promise
    pledge warning warnings accusation accusations insistence argument suggestion contention""".split()
)


def _claim_of(core: list[Token], text: str) -> Cue | None:
    """ 'Roe disputed Hale's claim that "Q"': the quoted words are the possessive name's claim."""
    end = len(core) - (1 if core[-1].lower == "that" else 0)
    noun = end - 1
    if noun < 1 or core[noun].lower not in _CLAIM_NOUNS or not core[noun - 1].possessive:
        return None
    for start in range(max(0, noun - 5), noun):
        parsed = parse_np(core, start, text)
        if parsed is not None and parsed[1] == noun and parsed[0].kind in ("name", "org"):
            return Cue(Rule.CLAIM, parsed[0], None)
    return None


_QUOTING_VERBS = frozenset("quoted quotes quote quoting cited cites cite citing".split())


def _quoted_as_saying(core: list[Token], verb_index: int, text: str) -> Mention | None:
    """ "The paper quoted Ben Okafor as saying "Q"": the one quoted speaks, not the one quoting."""
    if verb_index < 3 or core[verb_index - 1].lower != "as" or not core[verb_index].lower.endswith("ing"):
        return None
    for start in range(verb_index - 2, max(0, verb_index - 10), -1):
        if core[start - 1].lower in _QUOTING_VERBS:
            parsed = parse_np(core, start, text)
            return parsed[0] if parsed is not None and parsed[1] == verb_index - 1 else None
    return None


def _is_passive(tokens: list[Token], start: int, verb_index: int) -> bool:
    """ "was told", "has been asked": a form of be before a past participle in the verb group."""
    k = verb_index - 1
    while k >= start and tokens[k].lower not in lx.BE_FORMS and (
        tokens[k].lower in lx.ADVERBS_BEFORE_VERB or tokens[k].lower.endswith("ly")
    ):
        k -= 1
    return k >= start and tokens[k].lower in lx.BE_FORMS and not tokens[verb_index].lower.endswith("ing")


def _passive_agent(tokens: list[Token], verb_index: int, text: str) -> Mention | None:
    """ "Hale was asked by Jane Roe": the agent after "by" speaks."""
    if verb_index + 2 >= len(tokens) or tokens[verb_index + 1].lower != "by":
        return None
    start = verb_index - 1
    while start >= 0 and tokens[start].is_word and (tokens[start].lower in AUXILIARIES or tokens[start].lower in lx.BE_FORMS
                                                    or tokens[start].lower in lx.ADVERBS_BEFORE_VERB):
        start -= 1
    if not _is_passive(tokens, start + 1, verb_index):
        return None
    parsed = parse_np(tokens, verb_index + 2, text)
    if parsed is None or parsed[0].kind == "pronoun" and parsed[0].name.lower() not in ("he", "she", "they"):
        return None
    return parsed[0]


def _main_clause_subject(core: list[Token], verb_index: int, text: str) -> tuple[Mention, Rule] | None:
    """ 'X posted a comment, saying, "Q"' / 'X did not ..., but told them, "Q"': the clause's own subject."""
    previous = core[verb_index - 1] if verb_index > 0 else None
    participle = core[verb_index].lower.endswith("ing") and previous is not None and previous.text == ","
    coordinated = previous is not None and previous.lower in _COORDINATORS
    if not (participle or coordinated):
        return None
    starts = [0] + [i + 1 for i in range(min(verb_index, 12)) if core[i].text == ","]
    for start in starts[:2]:
        parsed = parse_np(core, start, text)
        if parsed is None or parsed[0].kind not in ("name", "definite", "org", "org_description", "pronoun"):
            continue
        mention, end = parsed
        if end < verb_index and core[end].is_word and not core[end].capitalised \
                and core[end].lower not in lx.CLAUSE_WORDS:
            return mention, Rule.CUE_BEFORE_CLAUSE
    return None


def _according_to(core: list[Token], text: str) -> Cue | None:
    for k in range(len(core) - 2, -1, -1):
        if core[k].lower == "according" and core[k + 1].lower == "to":
            parsed = parse_np(core, k + 2, text)
            if parsed and parsed[1] >= len(core) - 1:
                return Cue(Rule.ACCORDING_TO, parsed[0], core[k])
            return None
    return None


_NOUN_DETERMINERS = frozenset("a an the this his her their its our my your".split())
_REDUCED_CLAUSE_OPENERS = frozenset("when if once unless whenever being".split())


def _last_verb(core: list[Token], weak_ok: bool) -> int | None:
    for k in range(len(core) - 1, -1, -1):
        word = core[k].lower
        if k > 0 and core[k - 1].lower in _REDUCED_CLAUSE_OPENERS and any(t.lower in lx.REPORTING_VERBS for t in core[:k - 1]):
            continue  # "X, who told Congress when asked about it:": the verb before the reduced clause speaks
        if weak_ok and k > 0 and core[k - 1].lower in _NOUN_DETERMINERS:
            continue  # 'about the email inquiry: "Q"': a noun, not the verb introducing the quote
        if word in lx.REPORTING_VERBS and (weak_ok and len(core) - k <= 6 or word not in lx.WEAK_REPORTING_VERBS):
            return k
    return None


_COORDINATORS = frozenset("but and then".split())
_OBJECT_TAKING_VERBS = frozenset("tell tells told telling inform informs informed remind reminds reminded".split())


def lead_in(tokens: list[Token], text: str) -> Cue | None:
    """A sentence whose subject speaks or writes, introducing the quote paragraph that follows; or one
    that opens with "According to X," (X's account, which the quote goes on with)."""
    if len(tokens) > 2 and tokens[0].lower == "according" and tokens[1].lower == "to":
        parsed = parse_np(tokens, 2, text)
        if parsed is not None and parsed[1] < len(tokens) and tokens[parsed[1]].text == "," \
                and parsed[0].kind in ("name", "org", "definite", "org_description", "pronoun"):
            return Cue(Rule.LEAD_IN, parsed[0], tokens[0])
    for k in range(len(tokens) - 1, -1, -1):
        word = tokens[k].lower
        if word in lx.LEAD_IN_VERBS:
            if word.endswith("ing") and k > 0 and tokens[k - 1].is_word and tokens[k - 1].lower not in AUXILIARIES:
                return None  # "emails that included staff members suggesting ...": a reduced relative clause
            subject = subject_of(tokens, k, text)
            if subject is not None:
                return Cue(Rule.LEAD_IN, subject[0], tokens[k])
            return None
    return None
