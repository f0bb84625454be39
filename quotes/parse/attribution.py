"""One attribution: the entity a cue's mention resolves to, the rule that found it, and its confidence
from the rule's prior and the evidence about the entity (rules.py)."""

from __future__ import annotations

from dataclasses import dataclass

from quotes.parse import lexicon as lx
from quotes.parse import patterns
from quotes.parse.context import CUE_WINDOW, Document
from quotes.parse.cues import Cue
from quotes.parse.descriptions import Mention
from quotes.parse.entities import Entity
from quotes.parse.marks import RawQuote
from quotes.parse.mentions import parse_np
from quotes.parse.model import Method, Rule, Span, SpeakerKind
from quotes.parse.rules import INHERITED_RULES, PRIOR, Evidence, score
from quotes.parse.tokens import tokenize


@dataclass(slots=True)
class Attribution:
    """Who said one quote (or nobody), found by `rule`, with the spans a reader can check."""

    entity: Entity | None
    method: Method
    rule: Rule
    mention: Span | None
    cue: Span | None
    own_cue: bool  # the quote's own cue, as opposed to inheriting the running speaker
    cue_key: int | None = None  # offset of the cue verb or mention, shared by an interrupted quote's pieces
    source: Attribution | None = None  # the attribution an inherited one carries on
    close_candidate: bool = False  # a pronoun whose two best antecedents scored nearly alike


def unresolved(mention: Span | None, cue: Span | None, own_cue: bool, key: int | None = None) -> Attribution:
    """No speaker; the mention and cue stay as evidence of what was read."""
    return Attribution(None, Method.UNRESOLVED, Rule.UNRESOLVED, mention, cue, own_cue, key)


def resolve(doc: Document, cue: Cue, quote: RawQuote) -> Attribution:
    """Turn a cue's mention into an entity: names, pronouns, descriptions, groups."""
    text = doc.text
    mention = cue.mention
    registry = doc.registry
    surface = Span(mention.surface_start, mention.surface_end, text[mention.surface_start:mention.surface_end])
    cue_span = Span(cue.verb.start, cue.verb.end, cue.verb.text) if cue.verb is not None else None
    key = cue.verb.start if cue.verb is not None else mention.start
    method, rule = cue.method, cue.rule
    close = False
    entity: Entity | None
    if mention.head in lx.DOCUMENT_NOUNS:
        author = _document_author(doc, mention)
        if author is None:
            return unresolved(surface, cue_span, True, key)
        mention = author
        surface = Span(mention.surface_start, mention.surface_end, text[mention.surface_start:mention.surface_end])
    if mention.kind in ("name", "org"):
        entity = registry.for_name(mention, mention.surface_start)
    elif mention.kind == "pronoun":
        entity = None
        if mention.name.lower() in ("he", "she", "they", "it"):
            ranked = registry.antecedent(mention.name, mention.start, quote.paragraph, doc.sentence_of(mention.start))
            entity, close = ranked.entity, ranked.close
        method, rule = Method.PRONOUN, Rule.PRONOUN
    elif mention.kind in ("definite", "org_description"):
        entity = registry.definite(mention, mention.start, doc.sentence_of(mention.start))
        if entity is None and any(lx.is_age_word(word) for word in mention.name.split()):
            entity = _aged(doc, mention, quote)  # "the 54-year-old mother of three said": the person in view
            method, rule = Method.PRONOUN, Rule.PRONOUN  # found as a pronoun's antecedent is, and as sure
        elif entity is None and _introduces_description(mention):
            entity = registry.for_description(mention, mention.start)  # "the union said", none before: a new speaker
    elif mention.kind == "group":
        entity = registry.for_group(mention, mention.start)
    else:
        entity = registry.for_description(mention, mention.start)
    if entity is None:
        return unresolved(surface, cue_span, True, key)
    if entity.kind is SpeakerKind.UNNAMED or (
        entity.kind is SpeakerKind.PERSON and mention.kind == "name" and cue.verb is not None and rule is not Rule.EMBEDDED
    ):
        entity.person_evidence = True  # a name that is a reporting verb's subject; a pronoun proves nothing
    registry.note(entity, mention.surface_start, quote.paragraph, doc.sentence_of(mention.surface_start),
                  subject=True, speaker=True)
    span_end = cue.appositive[1] if cue.appositive else mention.end
    sentence_end = _sentence_end(doc, span_end, quote)
    doc.mark_anonymity(entity, mention.start, sentence_end)
    return Attribution(entity, method, rule, surface, cue_span, True, key, close_candidate=close)


def _introduces_description(mention: Mention) -> bool:
    """ "the union", "the former aide": a definite description of a person, or of an organisation by a
    common noun, which can name a speaker the article has not mentioned before ("that he", "the printed"
    cannot). An organisation's description must be one the speaker resolver keeps to its own article
    (speakers.names.is_generic_organisation), so that no "the foundation" merges across articles."""
    if mention.name.split()[0].lower() != "the" or mention.head is None:
        return False
    if mention.head in _PERSON_HEADS:
        return True
    from quotes.speakers.names import is_generic_organisation  # imported here: quotes.speakers imports parse

    return mention.head in lx.ORG_WORDS and is_generic_organisation(mention.name)


_PERSON_HEADS = lx.PERSON_NOUNS | lx.TITLE_WORDS


def _aged(doc: Document, mention: Mention, quote: RawQuote) -> Entity | None:
    """A person described by age ("the 54-year-old") always refers back to someone named: the one a he
    or she there would be, by the description's gender; of unknown gender, the one a he would be or the
    one a she would be, and nobody when those are two people."""
    sentence = doc.sentence_of(mention.start)

    def antecedent(pronoun: str, *, learn: bool = True, besides: Entity | None = None) -> Entity | None:
        ranked = doc.registry.antecedent(pronoun, mention.start, quote.paragraph, sentence, learn=learn, besides=besides)
        return ranked.entity

    if mention.gender is not None:
        return antecedent("she" if mention.gender == "f" else "he")
    he = antecedent("he", learn=False)  # asking "he or she?" tells nothing of the person's gender
    she = antecedent("she", learn=False, besides=he)
    return he if she is None else she if he is None else None


def _document_author(doc: Document, mention: Mention) -> Mention | None:
    """ "a statement from the EU": the author named after from/by/of, if any."""
    tokens = tokenize(doc.text, mention.start, mention.end)
    for k, token in enumerate(tokens):
        if token.lower in ("from", "by", "of") and k + 1 < len(tokens):
            parsed = parse_np(tokens, k + 1, doc.text)
            if parsed is not None and parsed[0].kind in ("name", "org", "org_description", "definite", "group"):
                return parsed[0]
    return None


def _sentence_end(doc: Document, pos: int, quote: RawQuote) -> int:
    limit = min(doc.paragraphs[quote.paragraph].end, pos + CUE_WINDOW)
    match = patterns.SENTENCE_END.search(doc.text, pos, limit, timeout=patterns.TIMEOUT)
    return match.end() if match else limit


def continued(source: Attribution, rule: Rule) -> Attribution:
    """A quote with no cue of its own carries on `source`'s speaker, found by `rule`."""
    if source.entity is None:
        return unresolved(source.mention, source.cue, False, source.cue_key)
    return Attribution(source.entity, Method.CONTINUATION, rule, source.mention, source.cue, False, source.cue_key,
                       source=source)


def evidence(attribution: Attribution) -> tuple[Evidence, ...]:
    """What is known about the attribution beyond its rule."""
    entity = attribution.entity
    if entity is None:
        return ()
    found: list[Evidence] = []
    full_name = entity.kind is SpeakerKind.PERSON and len(entity.tokens) >= 2 \
        and entity.tokens[0] in lx.GIVEN_NAMES
    if entity.kind in (SpeakerKind.GROUP, SpeakerKind.UNNAMED):
        found.append(Evidence.GROUP_OR_DESCRIPTION)
    elif full_name:
        found.append(Evidence.FULL_NAME)
    elif entity.kind is SpeakerKind.PERSON:
        found.append(Evidence.PERSON_EVIDENCE if entity.person_evidence or entity.gender else Evidence.NO_PERSON_EVIDENCE)
    if entity.place and (entity.kind is SpeakerKind.PERSON or lx.fold(entity.name).removeprefix("the ") in lx.PLACES):
        found.append(Evidence.PLACE)  # read as a place in context, or an organisation-like name that is one
    inherited = not attribution.own_cue or attribution.rule in INHERITED_RULES or attribution.rule is Rule.PRONOUN
    if inherited and not full_name and entity.kind is not SpeakerKind.GROUP and entity.kind is not SpeakerKind.UNNAMED:
        found.append(Evidence.INHERITED_NOT_FULL_NAME)
    if attribution.close_candidate:
        found.append(Evidence.CLOSE_CANDIDATE)
    return tuple(found)


def confidence(attribution: Attribution) -> tuple[float, tuple[Evidence, ...]]:
    """The rule's prior moved by the evidence, and that evidence; an inherited speaker is never surer
    than its source."""
    if attribution.entity is None:
        return PRIOR[Rule.UNRESOLVED], ()
    found = evidence(attribution)
    own = score(attribution.rule, found).confidence
    source = attribution.source
    while source is not None and source.entity is not None:
        own = min(own, score(source.rule, evidence(source)).confidence)
        source = source.source
    return own, found
