"""Generated news text for benchmark databases: sentences from templates and Zipf-weighted word lists,
and whole articles whose quotes come with the offsets, mentions and cues ingest would store.

Deterministic for a given `random.Random`. Nothing here is parsed: the offsets are known by construction.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

import vocab

SLOT = re.compile(r"\{(\w)\}")
A_BEFORE_VOWEL = re.compile(r"\b([Aa]) (?=[aeiouAEIOU])")
IRREGULAR_PAST = {"say": "said", "take": "took", "give": "gave", "make": "made", "keep": "kept", "tell": "told",
                  "build": "built", "bring": "brought", "buy": "bought", "cut": "cut", "find": "found",
                  "hold": "held", "lead": "led", "leave": "left", "lend": "lent", "lose": "lost", "meet": "met",
                  "pay": "paid", "run": "ran", "see": "saw", "sell": "sold", "send": "sent", "spend": "spent",
                  "stand": "stood", "think": "thought", "win": "won", "write": "wrote", "begin": "began",
                  "break": "broke", "choose": "chose", "come": "came", "draw": "drew", "drive": "drove",
                  "eat": "ate", "fall": "fell", "feel": "felt", "fight": "fought", "freeze": "froze",
                  "grow": "grew", "hear": "heard", "know": "knew", "ride": "rode", "rise": "rose",
                  "shut": "shut", "speak": "spoke", "teach": "taught", "bear": "bore", "beat": "beat",
                  "feed": "fed", "forget": "forgot", "let": "let", "read": "read", "set": "set",
                  "spread": "spread", "split": "split", "understand": "understood", "withdraw": "withdrew"}  # fmt: skip
DOUBLING = {"ban", "plan", "stop", "drop", "ship", "commit", "admit", "submit", "permit", "control", "occur",
            "refer", "prefer", "cut", "run", "win", "begin", "shut", "let", "set", "split", "forget"}  # fmt: skip

QUOTE_TEMPLATES = (
    "We {R} {V} the {N}, and we will not {V} the {S} of {P}", "This {N} is {A}, and everyone in {P} knows it",
    "I have {D} this {N} for {M} years and I have never seen anything so {A}",
    "The {S} are {A} and the {N} is {A}", "Nobody {D} the {S} before the {N} was {D}",
    "If they {V} the {N}, the {S} will {V} within {M} weeks", "We need a {A} {N}, not another {A} {N}",
    "It is {R} {A} to {V} the {S} while the {N} is still {A}", "They {D} us that the {N} would {V} the {S}",
    "My {N} depends on the {N}, so I {R} {V} what happens next", "Our {S} have been {G} for {M} months",
    "The {N} {Z} {R}, but the {S} do not", "There is no {A} {N} in {P} that can {V} this",
    "We are {G} the {N} because the {S} {V} it", "I {R} believe the {N} will {V} the {A} {S}",
    "Every {N} in {P} has to {V} its {S}", "That {N} cost us {M} thousand pounds",
    "What we saw on {W} was {A}", "The {A} {S} of {P} deserve a {A} {N}",
    "You cannot {V} a {N} by {G} the {S}", "People are {A} about the {N}, and they are right to be",
    "We will {V} the {N} and {V} the {S} by {W}", "It was a {A} {N} for the whole {N}",
    "Those {S} {D} the {N} long before anyone {D} it", "I do not think the {N} can {V} {M} {S}",
    "Nothing about this {N} is {A}", "The {N} was never about {S}, it was about {S}",
    "We {D} the {S} and the {S} {D} us", "Give us a {A} {N} and we will {V} the rest",
)  # fmt: skip
NARRATION_TEMPLATES = (
    "The {N} in {P} was {D} on {W} after {M} {S} {D} the {N}", "Officials {D} that the {A} {N} would {V} the {S}",
    "The {S} had been {G} since the {N} began", "{P} has {D} {M} {S} since the {N}",
    "Critics {D} the {N} as {A}", "A {A} {N} is expected to {V} the {S} of {P}",
    "The {N} {D} {R} on {W}, figures from the {N} showed", "More than {M} {S} {D} the {N} last year",
    "The {A} {N} {Z} the {S} of {M} {S} in {P}", "Talks on the {N} {D} {R} late on {W}",
    "The {N} of {P} {D} a {A} {N} in {M}", "It is the {A} {N} since the {N} was {D}",
    "Several {S} {D} outside the {N} in {P}", "The {S} {D} a {A} {N} to {V} the {N}",
    "The {N} will {V} {M} {S} before the {N}", "Residents {D} the {A} {N} near the {N}",
)  # fmt: skip
HEADLINE_TEMPLATES = ("{P} {N} {Z} {S}", "{A} {N} {Z} {P}", "{P} to {V} {A} {N}", "{M} {S} {D} in {P} {N}",
                      "{N} row: {P} {S} {V} {A} {N}", "Why {P} {S} {V} the {N}")  # fmt: skip
OPEN_CLOSE = (("\u201c", "\u201d"),) * 6 + (('"', '"'),)


def _inflect(word: str, suffix: str) -> str:
    if suffix == "s":
        if word.endswith(("s", "x", "z", "ch", "sh")):
            return word + "es"
        return word[:-1] + "ies" if word.endswith("y") and word[-2] not in "aeiou" else word + "s"
    stem = word + word[-1] if word in DOUBLING else word
    if suffix == "ed":
        if word in IRREGULAR_PAST:
            return IRREGULAR_PAST[word]
        if word.endswith("e"):
            return word + "d"
        return word[:-1] + "ied" if word.endswith("y") and word[-2] not in "aeiou" else stem + "ed"
    if word.endswith("e") and not word.endswith(("ee", "ye")):
        return word[:-1] + "ing"
    return stem + "ing"


def _zipf_order(words: list[str], salt: int) -> list[str]:
    """A fixed shuffle, so a word's frequency rank does not follow the list's alphabetical order."""
    ordered = sorted(set(words))
    random.Random(salt).shuffle(ordered)
    return ordered


class Words:
    """Draws words per slot class ({N} noun, {S} plural, {V} verb, {D} past, {G} -ing, {Z} third person,
    {A} adjective, {R} adverb, {P} place, {M} number, {W} weekday) with Zipf-like frequencies."""

    BUFFER = 4096

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        nouns, verbs = _zipf_order(vocab.NOUNS, 1), _zipf_order(vocab.VERBS, 2)
        self.places = sorted({a + b for a in vocab.PLACE_PARTS[0] for b in vocab.PLACE_PARTS[1]})
        random.Random(3).shuffle(self.places)
        self.pools: dict[str, list[str]] = {
            "N": nouns, "S": [_inflect(w, "s") for w in nouns], "V": verbs,
            "D": [_inflect(w, "ed") for w in verbs], "G": [_inflect(w, "ing") for w in verbs],
            "Z": [_inflect(w, "s") for w in verbs], "A": _zipf_order(vocab.ADJECTIVES, 4),
            "R": _zipf_order(vocab.ADVERBS, 5), "P": self.places,
            "M": [str(n) for n in (2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40, 50, 100, 200, 500)],
            "W": list(vocab.WEEKDAYS),
        }  # fmt: skip
        self.weights = {k: _cumulative(len(v)) for k, v in self.pools.items()}
        self.buffers: dict[str, list[str]] = {k: [] for k in self.pools}
        self.templates = {
            name: [(SLOT.sub("{}", t), SLOT.findall(t)) for t in templates]
            for name, templates in (("quote", QUOTE_TEMPLATES), ("narration", NARRATION_TEMPLATES),
                                    ("headline", HEADLINE_TEMPLATES))
        }  # fmt: skip

    def word(self, slot: str) -> str:
        buffer = self.buffers[slot]
        if not buffer:
            buffer.extend(self.rng.choices(self.pools[slot], cum_weights=self.weights[slot], k=self.BUFFER))
        return buffer.pop()

    def sentence(self, kind: str) -> str:
        template, slots = self.rng.choice(self.templates[kind])
        text = template.format(*[self.word(slot) for slot in slots])
        if "a " in text or "A " in text:
            text = A_BEFORE_VOWEL.sub(r"\1n ", text)
        return text[0].upper() + text[1:]

    def sentences(self, kind: str, count: int) -> str:
        return " ".join(self.sentence(kind) + "." for _ in range(count))


def _cumulative(size: int) -> list[float]:
    total, out = 0.0, []
    for rank in range(size):
        total += 1.0 / (rank + 3)
        out.append(total)
    return out


@dataclass(frozen=True, slots=True)
class Voice:
    """One speaker of one article as the text names it."""

    name: str  # full name, organisation name, or description ("a woman from Ashford")
    kind: str
    role: str | None = None  # given once, as an apposition at the first mention
    later: tuple[str, ...] = ()  # later mentions ("Hale", "Ms Hale"); none: the first form again
    pronoun: str | None = None
    aside: str | None = None  # an apposition that is no role ("who asked that her surname not be used")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class DraftQuote:
    start: int
    end: int
    text: str
    paragraph: int
    kind: str
    group: int
    continues: int | None  # index of the previous piece in Draft.quotes
    voice: int | None
    mention: Span | None
    cue: Span | None
    method: str
    confidence: float


@dataclass(slots=True)
class Draft:
    text: str = ""
    quotes: list[DraftQuote] = field(default_factory=list)
    aliases: dict[int, set[str]] = field(default_factory=dict)  # voice -> surface forms other than its name
    roles: dict[int, set[str]] = field(default_factory=dict)


CONFIDENCE = {"cue-after": 0.95, "cue-before": 0.95, "colon": 0.95, "according-to": 0.9, "dash": 0.9,
              "pronoun": 0.8, "continuation": 0.85, "lead-in": 0.6, "embedded": 0.5, "unresolved": 0.15}  # fmt: skip
# How a speaker's quote is written (method, weight); unresolved quotes and terms are drawn in article().
FORMS = (("cue-after", 46), ("colon", 12), ("cue-before", 6), ("according-to", 4), ("dash", 1),
         ("pronoun", 12), ("lead-in", 6), ("partial", 5))  # fmt: skip
FORM_NAMES = tuple(name for name, _ in FORMS)
FORM_CUMULATIVE = tuple(sum(weight for _, weight in FORMS[: i + 1]) for i in range(len(FORMS)))


class Composer:
    """Writes one article at a time around the quotes of its voices."""

    def __init__(self, words: Words, rng: random.Random) -> None:
        self.words, self.rng = words, rng

    def article(self, voices: list[Voice], shares: list[float], count: int) -> Draft:
        """An article with `count` quotes; voice i speaks about shares[i] / sum(shares) of the rest."""
        cumulative = [sum(shares[: i + 1]) for i in range(len(shares))]
        indices = range(len(voices))
        self.parts: list[str] = []
        self.pos, self.paragraph, self.group = 0, 0, 0
        self.draft = Draft()
        self.mentioned: set[int] = set()
        self.marks = self.rng.choice(OPEN_CLOSE)
        self.add(self.words.sentences("narration", self.rng.randint(1, 3)))
        last: int | None = None
        while len(self.draft.quotes) < count:
            self.new_paragraph()
            roll = self.rng.random()
            if roll < 0.05:
                self.unresolved()
                last = None
            elif roll < 0.08:
                self.term()
            else:
                voice = self.rng.choices(indices, cum_weights=cumulative)[0]
                self.quote(voices, voice, last, room=count - len(self.draft.quotes))
                last = voice
            if self.rng.random() < 0.3:
                self.add(" " + self.words.sentences("narration", 1))
            if self.rng.random() < 0.3:
                self.new_paragraph()
                self.add(self.words.sentences("narration", self.rng.randint(1, 3)))
        self.draft.text = "".join(self.parts)
        return self.draft

    def add(self, text: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        return start, self.pos

    def new_paragraph(self) -> None:
        self.add("\n\n")
        self.paragraph += 1

    def quoted(self, text: str, kind: str, **attribution: object) -> DraftQuote:
        opening, closing = self.marks
        self.add(opening)
        start, end = self.add(text)
        self.add(closing)
        quote = DraftQuote(start, end, text, self.paragraph, kind, self.group, None, None, None, None,
                           "unresolved", CONFIDENCE["unresolved"])  # fmt: skip
        for name, value in attribution.items():
            setattr(quote, name, value)
        self.draft.quotes.append(quote)
        self.group += 1
        return quote

    def speech(self, end: str) -> str:
        text = self.words.sentences("quote", self.rng.choice((1, 1, 1, 2, 2, 3)))
        return text[:-1] + end

    def mention(self, voices: list[Voice], index: int, capital: bool) -> tuple[Span, str]:
        """Write how the text names voice `index` here; returns the mention and any apposition after it."""
        voice = voices[index]
        apposition = ""
        if index not in self.mentioned:
            surface = voice.name
            if voice.role:
                apposition = ", " + voice.role
                self.draft.roles.setdefault(index, set()).add(voice.role)
            elif voice.aside:
                apposition = ", " + voice.aside
            self.mentioned.add(index)
        else:
            surface = self.rng.choice(voice.later) if voice.later else voice.name
        if surface != voice.name:
            self.draft.aliases.setdefault(index, set()).add(surface)
        if capital:
            surface = surface[0].upper() + surface[1:]
        start, end = self.add(surface)
        if apposition:
            self.add(apposition)
        return Span(start, end, surface), apposition

    def cue(self, text: str | None = None) -> Span:
        cue = text or self.rng.choice(vocab.CUES)
        start, end = self.add(cue)
        return Span(start, end, cue)

    def quote(self, voices: list[Voice], voice: int, last: int | None, room: int) -> None:
        form = self.rng.choices(FORM_NAMES, cum_weights=FORM_CUMULATIVE)[0]
        if form == "pronoun" and (voice != last or voices[voice].pronoun is None):
            form = "cue-after"
        said = {"voice": voice, "method": form, "confidence": CONFIDENCE.get(form, 0.95)}
        if form in ("cue-after", "pronoun"):
            quote = self.quoted(self.speech(","), "speech", **said)
            self.add(" ")
            if form == "pronoun":
                start, end = self.add(voices[voice].pronoun or "")
                quote.mention = Span(start, end, voices[voice].pronoun or "")
                self.add(" ")
                quote.cue = self.cue()
            elif self.rng.random() < 0.3:
                quote.cue = self.cue("said")
                self.add(" ")
                quote.mention, _ = self.mention(voices, voice, False)
            else:
                quote.mention, apposition = self.mention(voices, voice, False)
                self.add(", " if apposition else " ")
                quote.cue = self.cue()
            self.add(".")
            remaining = room - 1
            while remaining > 0 and self.rng.random() < 0.25:
                remaining -= 1
                self.add(" ")
                piece = self.quoted(self.speech("."), "speech", voice=voice, method="continuation",
                                    confidence=CONFIDENCE["continuation"], mention=quote.mention,
                                    cue=quote.cue, continues=len(self.draft.quotes) - 1, group=quote.group)  # fmt: skip
                self.group -= 1
                quote = piece
        elif form in ("colon", "cue-before", "lead-in", "partial"):
            lead = self.rng.random() < 0.3 and form == "cue-before"
            if lead:
                self.add("On " + self.words.word("W") + ", ")
            mention, apposition = self.mention(voices, voice, not lead)
            self.add(", " if apposition else " ")
            cue = self.cue("said" if form == "partial" else None)
            if form == "lead-in":
                self.add(" on " + self.words.word("W") + ".")
                self.new_paragraph()
                self.quoted(self.speech("."), "speech", mention=mention, cue=cue, **said)
            elif form == "partial":
                self.add(" the " + self.words.word("N") + " was ")
                fragment = f"{self.words.word('A')} {self.words.word('N')}"
                self.quoted(fragment, "partial", mention=mention, cue=cue, **said | {"method": "cue-before",
                            "confidence": CONFIDENCE["embedded"]})  # fmt: skip
                self.add(".")
            else:
                self.add(": " if form == "colon" else ", ")
                self.quoted(self.speech("."), "speech", mention=mention, cue=cue, **said)
        else:  # according-to, dash
            quote = self.quoted(self.speech(""), "speech", **said)
            if form == "dash":
                self.add(" \u2014 ")
                quote.mention, _ = self.mention(voices, voice, False)
            else:
                self.add(", ")
                quote.cue = self.cue("according to")
                self.add(" ")
                quote.mention, _ = self.mention(voices, voice, False)
                self.add(".")

    def unresolved(self) -> None:
        self.quoted(self.speech("."), "speech")

    def term(self) -> None:
        self.add(f"The {self.words.word('N')} became known as the ")
        self.quoted(f"{self.words.word('A')} {self.words.word('N')}", "term")
        self.add(f" in {self.words.word('P')}.")

    def headline(self) -> str:
        return self.words.sentence("headline")
