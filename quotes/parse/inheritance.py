"""Inheritance: a quote with no cue of its own takes a speaker from around it (the running speaker, the
previous piece, a lead-in sentence, the paragraph's topic), or none when something intervenes."""

from __future__ import annotations

from quotes.parse import lexicon as lx
from quotes.parse import marks, patterns
from quotes.parse.attribution import Attribution, continued, resolve, unresolved
from quotes.parse.context import CUE_WINDOW, Document, last_sentence
from quotes.parse.cues import Cue, cue_before, lead_in
from quotes.parse.entities import Entity, Event
from quotes.parse.marks import RawQuote
from quotes.parse.mentions import parse_np
from quotes.parse.model import Method, Rule, Span, SpeakerKind
from quotes.parse.tokens import tokenize

_EMBEDDING_MAX_TOKENS = 16
_TOPIC_SENTENCES = 4
_WITH_OBJECT_TOKENS = 5  # 'describing the scene as': the verb and its object before the quote
_PARTICIPLE_SUBJECT_TOKENS = 8
_ASIDE_MAX_CHARS = 400  # a narrative paragraph the running speaker carries across
_UNPARSED_CUE_TOKENS = 8
_SENTENCE_BEFORE_TAIL = 8  # words after the verb of a sentence introducing the quote after it ("said in a statement")


def drop_conflicting_pieces(doc: Document, found: dict[int, Attribution]) -> None:
    """Pieces of one quotation (a quote running on into the next paragraph) have one speaker. When a
    piece's own cue names someone other than the speaker another piece inherited, the inherited guess
    is dropped: '... Hale said. "Q1 ¶ "Q2," added Roe': Q1 is left unresolved."""
    for quote in doc.tops:
        previous = quote.previous_piece
        if previous is None or id(previous) not in found or id(quote) not in found:
            continue
        first, second = found[id(previous)], found[id(quote)]
        if first.entity is None or second.entity is None or first.entity is second.entity:
            continue
        if first.own_cue != second.own_cue:
            inherited = previous if not first.own_cue else quote
            found[id(inherited)] = unresolved(None, None, False)


def inherit(doc: Document, quote: RawQuote, found: dict[int, Attribution], look_ahead: bool) -> Attribution | None:
    """A quote with no cue of its own takes the running speaker, when nothing intervenes."""
    if _unparsed_cue_after(doc, quote):
        return None  # an attribution follows that we could not read: inheriting would guess
    if quote.previous_piece is not None and id(quote.previous_piece) in found:
        return continued(found[id(quote.previous_piece)], Rule.PIECE)
    siblings = doc.tops_by_paragraph[quote.paragraph]
    index = doc.sibling_index[id(quote)]
    if index > 0 and id(siblings[index - 1]) in found and speech_like(doc, siblings[index - 1]):
        source = found[id(siblings[index - 1])]
        if _other_person_before(doc, quote, source.entity) or _other_subject_between(doc, siblings[index - 1], quote.open_mark,
                                                                                     source.entity):
            return None
        return continued(source, Rule.SAME_PARAGRAPH)
    para = doc.paragraphs[quote.paragraph]
    starts_paragraph = index == 0 and quote.open_mark == para.start
    if starts_paragraph and para.index > 0:
        previous_para = doc.paragraphs[para.index - 1]
        previous_quotes = doc.tops_by_paragraph.get(previous_para.index, [])
        tail = doc.last_sentence_of(previous_para)
        ends_in_narrative = bool(tail) and not previous_quotes or _narrative_after(doc, previous_quotes, previous_para)
        last = previous_quotes[-1] if previous_quotes else None
        if last is not None and id(last) not in found and len(doc.text[last.start:last.end].split()) <= 5 \
                and tail and tail[0].start > last.end:
            ends_in_narrative = True  # a scare quote inside the closing narrative sentence
        if previous_quotes and id(previous_quotes[-1]) in found:
            source = found[id(previous_quotes[-1])]
            if _other_subject_between(doc, previous_quotes[-1], previous_para.end, source.entity):
                return None  # '"Q1," Hale said. Roe disagreed. ¶ "Q2"': another subject took over
            return continued(source, Rule.RUNNING_SPEAKER)
        if tail and doc.text[previous_para.start:previous_para.end].rstrip().endswith(":"):
            cue = cue_before(tail, doc.text)  # 'Stated Stone:' / 'The Times reported:' then a quote paragraph
            if cue is not None:
                attribution = resolve(doc, cue, quote)
                if attribution.entity is not None:
                    attribution.own_cue = False
                    if attribution.rule is not Rule.PRONOUN:
                        attribution.rule = Rule.PARAGRAPH_COLON
                    return attribution
        if ends_in_narrative and tail:
            cue = lead_in(tail, doc.text)
            if cue is not None:
                attribution = resolve(doc, cue, quote)
                if attribution.entity is not None:
                    attribution.own_cue = False
                    return attribution
        if not previous_quotes and speech_like(doc, quote):
            topic = _topic_person(doc, previous_para, quote, found)
            if topic is not None:
                return topic
            across = _across_aside(doc, previous_para, found)
            if across is not None:
                return across
    later = siblings[index + 1:]
    if look_ahead and later and id(later[0]) in found and found[id(later[0])].own_cue and found[id(later[0])].entity is not None:
        if _cue_between(found[id(later[0])], quote, later[0]):
            return None  # 'X noted his "Q1." Likewise, Y said: "Q2"': that cue introduces the next quote only
        return continued(found[id(later[0])], Rule.NEXT_CUE)
    return None


def _cue_between(attribution: Attribution, quote: RawQuote, later: RawQuote) -> bool:
    """Whether the later quote's cue (its verb or its mention) stands between the two quotes."""
    end = quote.close_mark if quote.close_mark is not None else quote.end
    return any(span is not None and end < span.start < later.open_mark for span in (attribution.cue, attribution.mention))


def _other_subject_between(doc: Document, previous: RawQuote, end: int, entity: Entity | None) -> bool:
    """A narrative sentence after the previous quote's own sentence, between it and `end`, whose subject is
    someone other than the running speaker: '"Q1," Hale said. Jane Roe disagreed. "Q2"'."""
    start = previous.close_mark + 1 if previous.close_mark is not None else previous.end
    match = patterns.SENTENCE_END.search(doc.text, start, end, timeout=patterns.TIMEOUT)
    if match is None:
        return False  # no sentence of narrative of its own: only the previous quote's cue
    first, last = doc.sentence_of(match.end()), doc.sentence_of(max(match.end(), end - 1))
    return any(
        event.subject and event.entity is not entity and match.end() <= event.pos < end
        and event.entity.kind in (SpeakerKind.PERSON, SpeakerKind.UNNAMED, SpeakerKind.GROUP)
        for event in doc.registry.events_in(first, last)
    )


def _other_person_before(doc: Document, quote: RawQuote, entity: Entity | None) -> bool:
    """ 'All this led the journalist Jane Roe to fear a "Q."': a quote inside a sentence that names
    another person before it is not the running speaker's."""
    before = doc.before_tokens(quote)
    if not before or not before[-1].is_word:
        return False
    for k, token in enumerate(before):
        if token.capitalised and k > 0:
            parsed = parse_np(before, k, doc.text)
            if parsed is not None and parsed[0].kind == "name":
                other = doc.registry.find(parsed[0])
                if other is None or (other is not entity and other.kind is SpeakerKind.PERSON):
                    return True
    return False


def _topic_person(doc: Document, para: marks.Paragraph, quote: RawQuote, found: dict[int, Attribution]) -> Attribution | None:
    """ "Hale, a nurse, had to give up her career. ¶ "Q"": a quote paragraph after a narrative paragraph
    about one person alone is that person's; less surely when that person has not spoken before
    ("Hale shook her head. ¶ "Q"")."""
    registry = doc.registry
    last = doc.sentence_of(para.end - 1)
    first = max(doc.sentence_of(para.start), last - _TOPIC_SENTENCES + 1)
    people: set[int] = set()
    topic: Event | None = None
    for event in registry.events_in(first, last):
        if event.paragraph != para.index:
            continue
        entity = event.entity
        if entity.kind in (SpeakerKind.PERSON, SpeakerKind.UNNAMED):
            people.add(entity.key)
            if event.subject and (topic is None or event.pos > topic.pos):
                topic = event
        elif event.speaker:
            return None  # another voice in the paragraph
    if topic is None or len(people) != 1 or topic.entity.kind is not SpeakerKind.PERSON:
        return None
    rule = Rule.TOPIC if registry.spoke_before(topic.entity, para.start) else Rule.TOPIC_UNHEARD
    if rule is Rule.TOPIC_UNHEARD and _running_speaker_before(doc, para, found) not in (None, topic.entity):
        return None  # '"Q1," Roe said. ¶ Hale built it. ¶ "Q2"': Roe running on, or Hale? Neither, surely
    parsed = parse_np(tokenize(doc.text, topic.pos, min(para.end, topic.pos + 120)), 0, doc.text)
    mention = None
    if parsed is not None:
        named = parsed[0]
        mention = Span(named.surface_start, named.surface_end, doc.text[named.surface_start:named.surface_end])
    return Attribution(topic.entity, Method.LEAD_IN, rule, mention, None, False, topic.pos)


def _across_aside(doc: Document, aside: marks.Paragraph, found: dict[int, Attribution]) -> Attribution | None:
    """ '"Q1," Hale said. ¶ Costs rose by a third. ¶ "Q2"': a short narrative paragraph that names nobody
    (an aside on the subject), between the speaker's quote paragraph and a quote paragraph, does not end
    the running speaker."""
    if aside.index == 0 or aside.end - aside.start > _ASIDE_MAX_CHARS:
        return None
    before = doc.paragraphs[aside.index - 1]
    quotes = doc.tops_by_paragraph.get(before.index, [])
    if not quotes or id(quotes[-1]) not in found:
        return None
    source = found[id(quotes[-1])]
    if source.entity is None or _other_subject_between(doc, quotes[-1], before.end, source.entity):
        return None
    events = doc.registry.events_in(doc.sentence_of(aside.start), doc.sentence_of(aside.end - 1))
    if any(event.paragraph == aside.index and event.entity is not source.entity and not event.entity.place
           for event in events):
        return None  # the aside names someone, or something that could speak
    if patterns.GENDERED_PRONOUN.search(doc.text, aside.start, aside.end, timeout=patterns.TIMEOUT):
        return None  # "he", "her": a person the names pass could not place
    return continued(source, Rule.RUNNING_ACROSS)


def _running_speaker_before(doc: Document, para: marks.Paragraph, found: dict[int, Attribution]) -> Entity | None:
    """The speaker of the last quote of the paragraph before `para`, if that quote has one."""
    if para.index == 0:
        return None
    quotes = doc.tops_by_paragraph.get(para.index - 1, [])
    if not quotes or id(quotes[-1]) not in found:
        return None
    return found[id(quotes[-1])].entity


def embedding_subject(doc: Document, quote: RawQuote) -> Attribution | None:
    """ 'Mrs. Roe called the town "one of the most ..."': a fragment inside a clause is its subject's words."""
    before = doc.before_tokens(quote)
    if not before or not before[-1].is_word or len(before) > _EMBEDDING_MAX_TOKENS:
        return None
    start = 0
    for k, token in enumerate(before[:8]):
        if token.text == ",":
            start = k + 1
            break
    parsed = parse_np(before, start, doc.text)
    if parsed is None or parsed[0].kind not in ("name", "org"):
        return None
    mention, end = parsed
    if end >= len(before) or not before[end].is_word or before[end].capitalised or before[end].lower in lx.CLAUSE_WORDS:
        return None
    if before[end].lower in lx.BE_FORMS and any(t.lower in lx.REPORTING_VERBS for t in before[end + 1:end + 3]):
        return None  # 'Hale was told by Roe that "Q"': the subject is told, not telling
    if any(t.text in ",;:" for t in before[end:]):
        return None
    attribution = resolve(doc, Cue(Rule.EMBEDDED, mention, before[end]), quote)
    if attribution.entity is None:
        return None
    attribution.own_cue = False
    return attribution


def with_participle(doc: Document, quote: RawQuote) -> Attribution | None:
    """ '..., with a spokesman for the camp describing the scene as "Q"' / 'what of Hale privately saying
    "Q"': a noun phrase, then the participle of a reporting verb and its short object: the one doing the
    describing or saying speaks."""
    before = doc.before_tokens(quote)
    if not before or not before[-1].is_word:
        return None
    verb_at = next((k for k in range(len(before) - 1, max(0, len(before) - 1 - _WITH_OBJECT_TOKENS), -1)
                    if before[k].lower.endswith("ing") and before[k].lower in lx.REPORTING_VERBS), None)
    if verb_at is None or any(not t.is_word for t in before[verb_at:]):
        return None  # the quote must follow the verb and its short object ("the scene as")
    end = verb_at - 1 if verb_at > 0 and before[verb_at - 1].lower.endswith("ly") else verb_at  # "privately"
    for start in range(max(0, end - _PARTICIPLE_SUBJECT_TOKENS), end):
        parsed = parse_np(before, start, doc.text)
        if parsed is not None and parsed[1] == end and parsed[0].kind != "pronoun":
            attribution = resolve(doc, Cue(Rule.EMBEDDED, parsed[0], before[verb_at]), quote)
            return attribution if attribution.entity is not None else None
    return None


def sentence_before(doc: Document, quote: RawQuote) -> Attribution | None:
    """ 'Jane Roe, the party's spokeswoman, said in a statement. "Q"': a quote opening a sentence inside a
    paragraph, right after a narrative sentence whose subject speaks, is that speaker's."""
    para = doc.paragraphs[quote.paragraph]
    if doc.sibling_index[id(quote)] > 0 or quote.open_mark == para.start or doc.before_tokens(quote):
        return None
    if not speech_like(doc, quote) or not doc.text[quote.start:quote.start + 1].isupper():
        return None
    tokens = doc.segment(para.start, quote.open_mark)
    if not tokens or tokens[-1].text != ".":
        return None
    sentence = last_sentence(tokens, max(0, len(tokens) - 1 - CUE_WINDOW // 4), keep_final=True)
    cue = lead_in(sentence[:-1], doc.text)
    according = cue is not None and cue.verb is not None and cue.verb.lower == "according"  # "According to Hale, ..."
    if cue is None or cue.verb is None or (not according and tokens.index(cue.verb) < len(tokens) - 1 - _SENTENCE_BEFORE_TAIL):
        return None  # the verb must close its sentence ("said in a statement."), not open a long clause
    attribution = resolve(doc, cue, quote)
    attribution.own_cue = False
    if attribution.entity is not None:
        attribution.method, attribution.rule = Method.LEAD_IN, Rule.SENTENCE_BEFORE
    return attribution  # unresolved, it still keeps the mention ("the party's spokeswoman") as evidence


def sentence_topic(doc: Document, quote: RawQuote) -> Attribution | None:
    """ '"Q1," Hale said. ¶ Early on, she lost two patients. "Q2"': a quote opening a sentence right after
    a narrative sentence about one person alone, who has spoken before, is that person's."""
    para = doc.paragraphs[quote.paragraph]
    if quote.open_mark == para.start or doc.before_tokens(quote) or not _opens_sentence(doc, quote):
        return None
    if not speech_like(doc, quote) or not doc.text[quote.start:quote.start + 1].isupper():
        return None
    sentence = doc.sentence_of(quote.open_mark - 1)
    people = {e.entity.key: e for e in doc.registry.events_in(sentence, sentence)
              if e.paragraph == para.index and e.pos < quote.open_mark
              and e.entity.kind in (SpeakerKind.PERSON, SpeakerKind.UNNAMED, SpeakerKind.GROUP)}
    if len(people) != 1:
        return None
    (event,) = people.values()
    if not event.subject or event.entity.kind is not SpeakerKind.PERSON \
            or not doc.registry.spoke_before(event.entity, event.pos):
        return None
    return Attribution(event.entity, Method.LEAD_IN, Rule.TOPIC, None, None, False, event.pos)


def _opens_sentence(doc: Document, quote: RawQuote) -> bool:
    """The narrative right before the quote's mark ends a sentence."""
    before = doc.text[max(doc.paragraphs[quote.paragraph].start, quote.open_mark - 4):quote.open_mark].rstrip()
    return before.endswith((".", "!", "?", ".\"", ".\u201d"))


def speech_like(doc: Document, quote: RawQuote) -> bool:
    """Four words or more, or closing punctuation: a sentence someone said, not a title or a term."""
    content = doc.text[quote.start:quote.end]
    return len(content.split()) >= 4 or bool(patterns.ENDS_LIKE_SPEECH.search(content, timeout=patterns.TIMEOUT))


def _unparsed_cue_after(doc: Document, quote: RawQuote) -> bool:
    """ '"Q," the ad's narrator says.': a reporting verb right after a quote that ends in , ? or !."""
    if quote.close_mark is None:
        return False
    content = doc.text[quote.start:quote.end].rstrip()
    after = doc.after_tokens(quote)
    if 0 < len(after) <= _UNPARSED_CUE_TOKENS + 4 and after[-1].is_word and after[-1].lower in lx.REPORTING_VERBS:
        return True  # '"Q" the Post's senior politics editor X responded.'
    if not content.endswith((",", "?", "!")) and doc.text[quote.close_mark + 1:quote.close_mark + 2] != ",":
        return False
    words = after[:_UNPARSED_CUE_TOKENS]
    if not words or (not words[0].is_word and words[0].text != ","):
        return False
    return any(t.is_word and (t.lower in lx.REPORTING_VERBS or t.lower.endswith("ed")) for t in words)


def _narrative_after(doc: Document, quotes: list[RawQuote], para: marks.Paragraph) -> bool:
    """Whether the paragraph ends in a narrative sentence rather than in a quote and its cue."""
    if not quotes:
        return True
    last = quotes[-1]
    if last.close_mark is None:
        return False
    tail = tokenize(doc.text, last.close_mark + 1, min(para.end, last.close_mark + 1 + CUE_WINDOW))
    sentence_ends = [t for t in tail if t.text in ".!?" and not t.is_word]
    return len(sentence_ends) >= 2 or (len(sentence_ends) == 1 and tail[-1] is not sentence_ends[0])
