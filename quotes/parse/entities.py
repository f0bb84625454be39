"""Who is who within one article: names and their later mentions, descriptions, groups, pronouns."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from quotes.parse import lexicon as lx
from quotes.parse import patterns
from quotes.parse.descriptions import Mention
from quotes.parse.model import SpeakerKind

# Abbreviated titles and the head noun a definite description would use for them ("the senator").
_TITLE_HEADS = {
    "sen": "senator", "rep": "representative", "gov": "governor", "pres": "president",
    "gen": "general", "col": "colonel", "capt": "captain", "lt": "lieutenant", "sgt": "sergeant",
    "dr": "doctor", "prof": "professor", "adm": "admiral", "supt": "superintendent",
    "const": "constable", "cst": "constable", "cpl": "corporal", "insp": "inspector", "det": "detective",
}
_PRONOUN_WINDOW_PARAGRAPHS = 5
_PRONOUN_WINDOW_SENTENCES = 12  # bounds the search, so a one-paragraph 10 MB article stays linear
_DEFINITE_WINDOW_SENTENCES = 60
_OBJECT_PENALTY = 4.0  # sentences a non-subject, non-speaker mention is worth less than a subject
_CLAUSE_SUBJECT_PENALTY = 0.5  # a person opening a clause in the pronoun's own sentence ("... that Hale pieced ...")
_NO_PERSON_EVIDENCE_PENALTY = 1.5  # a capitalised name never seen speaking, titled or gendered
_UNKNOWN_GENDER_PENALTY = 1.0  # prefer the person known to be a "she" for "she"
_UNNAMED_PENALTY = 2.0
CLOSE_MARGIN = 0.5  # a runner-up scoring within this of the best makes a pronoun's antecedent uncertain  # news re-mentions "a woman" as "the woman" far more often than as "she"


fold = lx.fold  # one fold for the parser's names and word lists


@lru_cache(maxsize=65536)
def name_key(name: str) -> tuple[str, ...]:
    """The folded words of a name, the key entities are matched by ("O’Brien" as "o'brien")."""
    return tuple(map(fold, name.replace("\u2019", "'").split()))


@dataclass(eq=False, slots=True)
class Entity:
    key: int
    name: str
    kind: SpeakerKind
    tokens: tuple[str, ...] = ()
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    head: str | None = None
    gender: str | None = None
    plural: bool = False
    anonymous: bool = False
    first_start: int = 0
    person_evidence: bool = False  # a title, a known given name, a person appositive, or a quote
    place: bool = False  # a place name ("Lake Elm"): never he, she, it or they
    ages: list[str] = field(default_factory=list)  # "17-year-old" for "Jane Roe, 17,": what "the 17-year-old" means

    def add_alias(self, alias: str) -> None:
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)

    def add_role(self, role: str | None) -> None:
        if role and role not in self.roles:
            self.roles.append(role)


@dataclass(frozen=True, slots=True)
class Ranked:
    """A pronoun's antecedent (None: unresolved) and whether a rival scored nearly as well."""

    entity: Entity | None
    close: bool = False


@dataclass(slots=True)
class Event:
    """An entity mentioned outside quotations, for antecedent search; never changed once made."""

    pos: int
    paragraph: int
    sentence: int
    entity: Entity
    subject: bool = False  # opens its sentence or clause
    speaker: bool = False  # subject of a reporting verb, or the speaker of a quote
    opening: bool = False  # opens its sentence in the narrative ("A nurse who asked not to be named said")


class Registry:
    """The entities of one article, in order of first mention, indexed so every lookup stays local."""

    def __init__(self, text: str = "") -> None:
        self.text = text  # the article, when known: lets salience read a mention's clause ("that Hale pieced")
        self.entities: list[Entity] = []
        self._by_sentence: dict[int, list[Event]] = {}
        self._by_tokens: dict[tuple[SpeakerKind, tuple[str, ...]], Entity] = {}
        self._by_last: dict[tuple[SpeakerKind, str], list[Entity]] = {}
        self._by_first: dict[tuple[SpeakerKind, str], list[Entity]] = {}
        self._groups: dict[str, Entity] = {}
        self._last_seen: dict[int, int] = {}
        self._spoken_at: set[int] = set()  # offsets of mentions resolved as a quote's speaker
        self._first_spoke: dict[int, int] = {}  # entity key -> offset of its first mention as a speaker

    # -- creating and finding ---------------------------------------------------------------------

    def _add(self, entity: Entity) -> Entity:
        self.entities.append(entity)
        self._index_tokens(entity)
        return entity

    def _index_tokens(self, entity: Entity) -> None:
        if not entity.tokens:
            return
        self._by_tokens.setdefault((entity.kind, entity.tokens), entity)
        for index, token in ((self._by_last, entity.tokens[-1]), (self._by_first, entity.tokens[0])):
            bucket = index.setdefault((entity.kind, token), [])
            if entity not in bucket:
                bucket.append(entity)

    def note(self, entity: Entity, pos: int, paragraph: int, sentence: int, *, subject: bool = False,
             speaker: bool = False, opening: bool = False) -> None:
        if speaker:
            self._spoken_at.add(pos)  # a cue's resolution supersedes the narrative pass's guess at that token
            if pos < self._first_spoke.get(entity.key, pos + 1):
                self._first_spoke[entity.key] = pos
        self._by_sentence.setdefault(sentence, []).append(Event(pos, paragraph, sentence, entity, subject, speaker, opening))
        self._last_seen[entity.key] = max(self._last_seen.get(entity.key, pos), pos)

    def for_name(self, mention: Mention, pos: int) -> Entity:
        """The entity a name mention refers to, created if new; later mentions extend the canonical name."""
        tokens = name_key(mention.name)
        kind = SpeakerKind.ORGANISATION if mention.kind == "org" else SpeakerKind.PERSON
        found = self._match_name(tokens, kind, pos, mention.gender)
        if found is None and kind is SpeakerKind.PERSON and not mention.role:
            found = self._by_tokens.get((SpeakerKind.ORGANISATION, tokens))
            if found is not None and not found.place:
                found = None
            elif found is not None:
                return found  # "from Elmtown" after "Elmtown, Ont.": the same place, never a person
        if found is None:
            found = self._add(Entity(len(self.entities), mention.name, kind, tokens, first_start=pos,
                                     place=mention.place))
        elif len(tokens) > len(found.tokens) and kind is SpeakerKind.PERSON:
            found.add_alias(found.name)
            found.name, found.tokens = mention.name, tokens
            self._index_tokens(found)
        else:
            found.add_alias(mention.name)
        found.add_role(mention.role)
        if kind is SpeakerKind.PERSON and mention.role and _is_person_role(mention.role):
            found.person_evidence = True
        if found.gender is None and mention.gender is not None:
            found.gender = mention.gender
        if kind is SpeakerKind.PERSON and mention.gender is not None and not mention.place:
            found.person_evidence = True  # "Ms. Okafor", "Jane Okafor": an honorific or a gendered given name
        if kind is SpeakerKind.PERSON and tokens and lx.GIVEN_NAME_GENDER.get(tokens[0]) and len(tokens) > 1 \
                and not mention.place:
            found.person_evidence = True
        if kind is SpeakerKind.PERSON and not found.person_evidence and self._after_locative(mention):
            found.place = True  # "grown in Upper Elmshire": never he or she, unless it proves a person
        return found

    def _after_locative(self, mention: Mention) -> bool:
        """The name follows "in", "near" ... and is not a possessive ("in Smith's view")."""
        text, start = self.text, mention.surface_start
        if not text or text[mention.surface_end:mention.surface_end + 2] in ("'s", "\u2019s"):
            return False
        return patterns.LOCATIVE_BEFORE.search(text, max(0, start - 12), start, timeout=patterns.TIMEOUT) is not None

    def knows(self, mention: Mention) -> bool:
        """Whether a name mention matches an entity already registered."""
        return self.find(mention) is not None

    def find(self, mention: Mention) -> Entity | None:
        """The registered entity a name mention matches, if any; registers nothing."""
        kind = SpeakerKind.ORGANISATION if mention.kind == "org" else SpeakerKind.PERSON
        return self._match_name(name_key(mention.name), kind, mention.start)

    def _match_name(self, tokens: tuple[str, ...], kind: SpeakerKind, pos: int, gender: str | None = None) -> Entity | None:
        if not tokens:
            return None
        exact = self._by_tokens.get((kind, tokens))
        if exact is not None:
            return exact
        if kind is SpeakerKind.ORGANISATION:
            return None
        same_last = self._by_last.get((kind, tokens[-1]), [])
        if len(tokens) == 1:
            surname = list(same_last)
            if not surname:
                surname = [e for e in self._by_first.get((kind, tokens[0]), []) if len(e.tokens) > 1]
            if gender is not None:  # "Mr. Okafor" is not Linda Okafor
                surname = [e for e in surname if e.gender in (None, gender)]
            speakers = [e for e in surname if self.spoke_before(e, pos)]
            if speakers and len({e.tokens[0] for e in surname}) > 1:
                surname = speakers  # "Hale said" after his son "Tom Hale" is named: the one who has spoken
            return self._most_recent(surname, pos)
        # "Dmitry Peskov" after "Peskov", or "Dmitry S. Peskov": same surname, compatible first name
        given_gender = lx.GIVEN_NAME_GENDER.get(tokens[0])
        compatible = [
            e for e in same_last
            if (len(e.tokens) == 1 or _first_names_agree(e.tokens[0], tokens[0]))
            and not (given_gender and e.gender and e.gender != given_gender)
        ]
        return self._most_recent(compatible, pos)

    def _most_recent(self, entities: list[Entity], pos: int) -> Entity | None:
        if not entities:
            return None

        def recency(entity: Entity) -> tuple[bool, int]:
            seen = self._last_seen.get(entity.key, entity.first_start)
            return seen <= pos, seen

        return max(entities, key=recency)

    def for_description(self, mention: Mention, pos: int) -> Entity:
        """An indefinite description ("a woman", "one man") introduces a new unnamed speaker."""
        name = mention.name
        if name[:1].isupper() and name.split()[0].lower() in lx.DETERMINERS:
            name = name[0].lower() + name[1:]
        kind = SpeakerKind.ORGANISATION if mention.head in lx.ORG_WORDS else SpeakerKind.UNNAMED
        return self._add(Entity(len(self.entities), name, kind, head=mention.head, gender=mention.gender,
                                first_start=pos, person_evidence=True))

    def for_group(self, mention: Mention, pos: int) -> Entity:
        """A group ("protesters", "Russians"): the same head words in one article are the same group."""
        words = fold(mention.name).split()
        if len(words) > 1 and words[0] in lx.DETERMINERS:
            words = words[1:]
        key = words[-1] if mention.head is not None else " ".join(words)  # "Ada Hale and Ben Okafor": the names
        entity = self._groups.get(key)
        if entity is None:
            entity = self._add(Entity(len(self.entities), mention.name, SpeakerKind.GROUP, head=mention.head,
                                      plural=True, first_start=pos))
            self._groups[key] = entity
        return entity

    def spoke_before(self, entity: Entity, pos: int) -> bool:
        """Whether the entity was a quote's speaker, or the subject of a reporting verb, before `pos`."""
        return self._first_spoke.get(entity.key, pos) < pos

    def events_in(self, first_sentence: int, last_sentence: int) -> list[Event]:
        """The events of sentences first_sentence..last_sentence, in no particular order."""
        events: list[Event] = []
        for number in range(first_sentence, last_sentence + 1):
            events.extend(self._by_sentence.get(number, ()))
        return events

    # -- resolving anaphora -----------------------------------------------------------------------

    def _recent_events(self, sentence: int, window: int) -> list[Event]:
        """Events of the `window` sentences up to `sentence`, latest sentence first."""
        events: list[Event] = []
        for number in range(sentence, sentence - window, -1):
            events.extend(sorted(self._by_sentence.get(number, ()), key=lambda e: e.pos))
        return events

    def antecedent(
        self, pronoun: str, pos: int, paragraph: int, sentence: int, *, learn: bool = True, besides: Entity | None = None
    ) -> Ranked:
        """The entity a pronoun at `pos` refers to: the best-ranked compatible recent mention.

        Each compatible mention scores (lower is better) the sentences back from the pronoun plus
        penalties: not a subject nor a speaker; for he/she, no person evidence, unknown gender, an
        unnamed person. In the pronoun's own sentence only a subject counts ("Asked what he would tell
        Mayor X, he said": X is not "he"). `Ranked.close` says the runner-up, another entity, scored
        within CLOSE_MARGIN. An unnamed person opening a sentence ("A nurse ...") after the best-ranked
        named one leaves the pronoun unresolved: news rarely names someone, then quotes "she" for them
        after another, unnamed, person. `learn` (the default) gives a chosen person of unknown gender the
        pronoun's; `besides` is left out of the running.
        """
        pronoun = pronoun.lower()
        scores: dict[int, tuple[float, int]] = {}
        entities: dict[int, Entity] = {}
        nearest_unnamed = -1  # the latest unnamed person opening a sentence before the pronoun
        for event in self._recent_events(sentence, _PRONOUN_WINDOW_SENTENCES):
            if event.pos >= pos or paragraph - event.paragraph >= _PRONOUN_WINDOW_PARAGRAPHS:
                continue
            if event.entity is besides or not _compatible(pronoun, event.entity) or (
                not event.speaker and event.pos in self._spoken_at
            ):
                continue
            distance = sentence - event.sentence
            if distance == 0 and not (event.subject or event.speaker or self._clause_subject(event)):
                continue
            penalty = 0.0 if event.speaker or (distance == 0 and event.subject) else 1.5 if event.subject \
                else _CLAUSE_SUBJECT_PENALTY if distance == 0 else _OBJECT_PENALTY
            entity = event.entity
            if entity.kind is SpeakerKind.UNNAMED and event.opening:
                nearest_unnamed = max(nearest_unnamed, event.pos)
            if pronoun in ("he", "she"):
                penalty += _UNNAMED_PENALTY if entity.kind is SpeakerKind.UNNAMED else 0.0
                penalty += 0.0 if entity.person_evidence else _NO_PERSON_EVIDENCE_PENALTY
                penalty += 0.0 if entity.gender is not None else _UNKNOWN_GENDER_PENALTY
            score = (distance + penalty, -event.pos)
            if entity.key not in scores or score < scores[entity.key]:
                scores[entity.key], entities[entity.key] = score, entity
        ranked = sorted(scores, key=scores.__getitem__)
        chosen = entities[ranked[0]] if ranked else None
        close = len(ranked) > 1 and scores[ranked[1]][0] - scores[ranked[0]][0] < CLOSE_MARGIN
        if chosen is not None and chosen.kind is not SpeakerKind.UNNAMED and nearest_unnamed > -scores[ranked[0]][1]:
            return Ranked(None, close)  # "A nurse who asked not to be named ... she said": not the earlier name
        if chosen is None and pronoun in ("he", "she"):
            chosen = self._sole_speaker_of_gender("m" if pronoun == "he" else "f", pos)
        if learn and chosen is not None and chosen.gender is None and pronoun in ("he", "she"):
            chosen.gender = "m" if pronoun == "he" else "f"  # "Stacy Lee said ... She added": Stacy Lee is a she
        return Ranked(chosen, close)

    def _sole_speaker_of_gender(self, gender: str, pos: int) -> Entity | None:
        """With no antecedent in reach, he or she is the article's only speaker of that gender so far."""
        found = [
            e for e in self.entities
            if e.kind is SpeakerKind.PERSON and e.gender == gender and not e.place and self.spoke_before(e, pos)
        ]
        return found[0] if len(found) == 1 else None

    def _clause_subject(self, event: Event) -> bool:
        """A person named at the start of a clause inside the sentence: "it was only recently that Hale
        pieced ..."; a pronoun later in that sentence may refer to them, though less likely than to its subject."""
        entity = event.entity
        if not self.text or len(entity.tokens) < 2 or not (entity.person_evidence or entity.gender):
            return False
        pos = event.pos
        return patterns.CLAUSE_SUBJECT_BEFORE.search(self.text, max(0, pos - 12), pos, timeout=patterns.TIMEOUT) \
            is not None and patterns.NAME_THEN_VERB.match(self.text, pos, pos + 80, timeout=patterns.TIMEOUT) is not None

    def definite(self, mention: Mention, pos: int, sentence: int) -> Entity | None:
        """ "the man", "the president", "the utility": the latest entity described by that head noun."""
        head = mention.head
        if head is None:
            return None
        latest_first = sorted(self._recent_events(sentence, _DEFINITE_WINDOW_SENTENCES), key=lambda e: -e.pos)
        for event in latest_first:
            entity = event.entity
            if event.pos >= pos:
                continue
            if entity.head == head or head in entity.ages or any(_role_has_head(role, head) for role in entity.roles):
                return entity
            if entity.kind is SpeakerKind.ORGANISATION and head in entity.tokens:
                return entity
        return None


_PERSON_ROLE_WORDS = lx.TITLE_WORDS | lx.PERSON_NOUNS | frozenset(lx.HONORIFICS)
_ADJECTIVE_ONLY_ROLE_WORDS = frozenset(
    """state federal former acting interim u.s us american canadian british russian ukrainian french german
    chinese israeli democratic republican liberal conservative independent progressive senior junior top
    lead""".split()
)


@lru_cache(maxsize=4096)
def _is_person_role(role: str) -> bool:
    """A descriptor with a title or a word for a person ("Kremlin spokesman", "Ms"), not "British"."""
    words = {w.lower().rstrip(".") for w in role.split()}
    return not words.isdisjoint(_PERSON_ROLE_WORDS) and not words <= _ADJECTIVE_ONLY_ROLE_WORDS


def _first_names_agree(a: str, b: str) -> bool:
    a, b = a.rstrip("."), b.rstrip(".")
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _role_has_head(role: str, head: str) -> bool:
    words = [w.lower().rstrip(".") for w in role.split()]
    return head in words or any(_TITLE_HEADS.get(w) == head for w in words)


def _compatible(pronoun: str, entity: Entity) -> bool:
    if pronoun in ("he", "she"):
        if entity.plural or entity.kind in (SpeakerKind.ORGANISATION, SpeakerKind.GROUP):
            return False
        if entity.place and not entity.person_evidence:
            return False
        wanted = "m" if pronoun == "he" else "f"
        return entity.gender in (None, wanted)
    if pronoun == "they":
        return entity.plural or entity.kind is SpeakerKind.GROUP or (
            entity.kind is SpeakerKind.ORGANISATION and not entity.place
        )
    if pronoun == "it":
        return entity.kind is SpeakerKind.ORGANISATION and not entity.place
    return False
