"""Article text -> ArticleParse: every quoted span, its kind, and who said it, with the evidence.

Passes: pair the marks (marks.py); register the names the narrative mentions (context.py); attribute
each top-level quote by its own cue (cues.py); give cue-less quotes the running speaker
(continuation, lead-in); classify kinds; attribute nested quotes inside their parent.
"""

from __future__ import annotations

from dataclasses import dataclass

from quotes.parse import lexicon as lx
from quotes.parse import marks, patterns
from quotes.parse.context import CUE_WINDOW, Document, last_sentence
from quotes.parse.cues import Cue, cue_after, cue_before, lead_in
from quotes.parse.entities import Entity, Event
from quotes.parse.marks import RawQuote
from quotes.parse.mentions import Mention, Token, parse_np, tokenize
from quotes.parse.model import (
    ArticleParse,
    Method,
    QuoteCandidate,
    QuoteKind,
    Span,
    Speaker,
    SpeakerKind,
)

# Confidence of an attribution by how it was made (README "Confidence").
CONFIDENCE_PRONOUN = 0.8
CONFIDENCE_DEFINITE = 0.8
CONFIDENCE_UNRESOLVED = 0.15
CONFIDENCE_CONTINUATION_PIECE = 0.9  # later paragraph of a multi-paragraph quotation
CONFIDENCE_CONTINUATION_SAME_PARAGRAPH = 0.85
CONFIDENCE_RUNNING_SPEAKER = 0.8  # next paragraph, nothing in between
CONFIDENCE_NEXT_CUE = 0.6
CONFIDENCE_EMBEDDED = 0.5  # the subject of the clause a quoted fragment sits in
CONFIDENCE_TOPIC = 0.5  # a quote paragraph after a narrative paragraph about its speaker
_EMBEDDING_MAX_TOKENS = 16
_TOPIC_SENTENCES = 4
_CAPTION_MAX_CHARS = 200
_RELATIVE_WORDS = frozenset("who whom whose which that when where".split())
_HEADLINE_MAX_WORDS = 30
_UNPARSED_CUE_TOKENS = 8
_SENTENCE_BEFORE_TAIL = 8  # words after the verb of a sentence introducing the quote after it ("said in a statement")
_COLON_OBJECT_TOKENS = 3  # "told reporters:", "said in a statement:" before a colon that introduces the next quote


@dataclass(slots=True)
class _Attribution:
    entity: Entity | None
    method: Method
    confidence: float
    mention: Span | None
    cue: Span | None
    own_cue: bool  # the quote's own cue, as opposed to inheriting the running speaker
    cue_key: int | None = None  # offset of the cue verb or mention, shared by an interrupted quote's pieces


def parse_article(text: str) -> ArticleParse:
    """Find every quotation in `text` and attribute it; a pure function of the text."""
    if not patterns.MARK.search(text, timeout=patterns.TIMEOUT):
        return ArticleParse((), ())
    scan = marks.scan(text)
    doc = Document(text, scan)
    doc.collect_entities()
    found: dict[int, _Attribution] = {}
    for quote in doc.tops:
        cue = _own_cue(doc, quote)
        if cue is not None:
            found[id(quote)] = _resolve(doc, cue, quote)
        else:
            inherited = _inherit(doc, quote, found, look_ahead=False)
            if inherited is not None:
                found[id(quote)] = inherited
    for quote in doc.tops:
        if id(quote) not in found:
            inherited = _inherit(doc, quote, found, look_ahead=True) or _embedding_subject(doc, quote) \
                or _sentence_before(doc, quote)
            if inherited is not None:
                found[id(quote)] = inherited
    _drop_conflicting_pieces(doc, found)
    nested = {id(q): _attribute_nested(doc, q, found) for q in scan.quotes if q.parent is not None}
    return _assemble(doc, found, nested)


def _drop_conflicting_pieces(doc: Document, found: dict[int, _Attribution]) -> None:
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
            found[id(inherited)] = _Attribution(None, Method.UNRESOLVED, CONFIDENCE_UNRESOLVED, None, None, False)


def _own_cue(doc: Document, quote: RawQuote) -> Cue | None:
    """The quote's own cue. A quote that ends its sentence after an introduction ('Mills writes, "Q."')
    takes the cue before it; a cue after it then introduces the next quote."""
    text = doc.text
    after_tokens = doc.after_tokens(quote)
    after = cue_after(after_tokens, text)
    if after is not None and _introduces_next(after, after_tokens):
        after = None  # '"Q1." He added: "Q2"': the cue and its colon introduce the next quote
    before_tokens = doc.before_tokens(quote)
    before = cue_before(before_tokens, text)
    ends_sentence = text[quote.start:quote.end].rstrip().endswith((".", "?", "!"))
    introduced = after is not None and before is not None and before_tokens[-1].text in (",", ":")
    named_before = before is not None and before.mention.kind in ("name", "org")
    if introduced and (ends_sentence or (after is not None and after.mention.kind == "pronoun" and named_before)):
        return before  # 'Hale fired back: "Q," he wrote': the name, not the pronoun
    if after is not None and ends_sentence and before_tokens and before_tokens[-1].text in (",", ":") \
            and after.mention.kind == "pronoun" and text[after.mention.surface_start:after.mention.surface_start + 1].isupper():
        return before  # 'telling her, "Q!" She replied ...': the capitalised pronoun opens the next sentence
    return after or before or _caption_after(doc, quote)


def _introduces_next(cue: Cue, after: list[Token]) -> bool:
    """The narrative after the quote ends in a colon right after the cue's verb ("He added:", "Jane Roe
    told reporters:"), with no comma between: it introduces the quote that follows, not this one."""
    if cue.verb is None or not after or after[-1].text != ":":
        return False
    verb = next((k for k, token in enumerate(after) if token is cue.verb), None)
    if verb is None:
        return False
    between = after[verb + 1:-1]
    return len(between) <= _COLON_OBJECT_TOKENS and all(token.is_word for token in between)


def _caption_after(doc: Document, quote: RawQuote) -> Cue | None:
    """A pull quote left open at its paragraph's end, then a caption line naming its speaker:
    '"Q. ¶ Jane Roe, a professor of law, on the ruling."'."""
    para = doc.paragraphs[quote.paragraph]
    if quote.close_mark is not None or quote.open_mark != para.start or para.index + 1 >= len(doc.paragraphs):
        return None
    caption = doc.paragraphs[para.index + 1]
    if caption.end - caption.start > _CAPTION_MAX_CHARS or doc.tops_by_paragraph.get(caption.index):
        return None
    tokens = tokenize(doc.text, caption.start, caption.end)
    parsed = parse_np(tokens, 0, doc.text)
    if parsed is None or parsed[0].kind != "name" or parsed[1] >= len(tokens) or tokens[parsed[1]].text != ",":
        return None
    if any(t.lower in lx.REPORTING_VERBS or t.lower in _RELATIVE_WORDS for t in tokens):
        return None
    last = tokens[-1].text
    if last in "\"\u201d" or last[-1:].isalnum():
        return Cue(Method.DASH, parsed[0], None, 0.8)  # a stray closing mark, or no sentence at all
    return None


# -- resolution ---------------------------------------------------------------------------------


def _resolve(doc: Document, cue: Cue, quote: RawQuote) -> _Attribution:
    """Turn a cue's mention into an entity: names, pronouns, descriptions, groups."""
    text = doc.text
    mention = cue.mention
    registry = doc.registry
    surface = Span(mention.surface_start, mention.surface_end, text[mention.surface_start:mention.surface_end])
    cue_span = Span(cue.verb.start, cue.verb.end, cue.verb.text) if cue.verb is not None else None
    key = cue.verb.start if cue.verb is not None else mention.start
    method, confidence = cue.method, cue.confidence
    entity: Entity | None
    if mention.head in lx.DOCUMENT_NOUNS:
        author = _document_author(doc, mention)
        if author is None:
            return _Attribution(None, Method.UNRESOLVED, CONFIDENCE_UNRESOLVED, surface, cue_span, True, key)
        mention = author
        surface = Span(mention.surface_start, mention.surface_end, text[mention.surface_start:mention.surface_end])
    if mention.kind in ("name", "org"):
        entity = registry.for_name(mention, mention.surface_start)
    elif mention.kind == "pronoun":
        entity = None
        if mention.name.lower() in ("he", "she", "they", "it"):
            entity = registry.antecedent(mention.name, mention.start, quote.paragraph,
                                         doc.sentence_of(mention.start))
        method, confidence = Method.PRONOUN, CONFIDENCE_PRONOUN
    elif mention.kind in ("definite", "org_description"):
        entity = registry.definite(mention, mention.start, doc.sentence_of(mention.start))
        confidence = min(confidence, CONFIDENCE_DEFINITE)
    elif mention.kind == "group":
        entity = registry.for_group(mention, mention.start)
    else:
        entity = registry.for_description(mention, mention.start)
    if entity is None:
        return _Attribution(None, Method.UNRESOLVED, CONFIDENCE_UNRESOLVED, surface, cue_span, True, key)
    if entity.kind in (SpeakerKind.PERSON, SpeakerKind.UNNAMED):
        entity.person_evidence = True
    registry.note(entity, mention.surface_start, quote.paragraph, doc.sentence_of(mention.surface_start),
                  subject=True, speaker=True)
    span_end = cue.appositive[1] if cue.appositive else mention.end
    sentence_end = _sentence_end(doc, span_end, quote)
    doc.mark_anonymity(entity, mention.start, sentence_end)
    return _Attribution(entity, method, confidence, surface, cue_span, True, key)


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


def _inherit(doc: Document, quote: RawQuote, found: dict[int, _Attribution], look_ahead: bool) -> _Attribution | None:
    """A quote with no cue of its own takes the running speaker, when nothing intervenes."""
    if _unparsed_cue_after(doc, quote):
        return None  # an attribution follows that we could not read: inheriting would guess
    if quote.previous_piece is not None and id(quote.previous_piece) in found:
        return _continued(found[id(quote.previous_piece)], CONFIDENCE_CONTINUATION_PIECE)
    siblings = doc.tops_by_paragraph[quote.paragraph]
    index = doc.sibling_index[id(quote)]
    if index > 0 and id(siblings[index - 1]) in found and _speech_like(doc, siblings[index - 1]):
        source = found[id(siblings[index - 1])]
        if _other_person_before(doc, quote, source.entity) or _other_subject_between(doc, siblings[index - 1], quote.open_mark,
                                                                                     source.entity):
            return None
        return _continued(source, CONFIDENCE_CONTINUATION_SAME_PARAGRAPH)
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
            return _continued(source, CONFIDENCE_RUNNING_SPEAKER)
        if tail and doc.text[previous_para.start:previous_para.end].rstrip().endswith(":"):
            cue = cue_before(tail, doc.text)  # 'Stated Stone:' / 'The Times reported:' then a quote paragraph
            if cue is not None:
                attribution = _resolve(doc, cue, quote)
                if attribution.entity is not None:
                    attribution.own_cue = False
                    return attribution
        if ends_in_narrative and tail:
            cue = lead_in(tail, doc.text)
            if cue is not None:
                attribution = _resolve(doc, cue, quote)
                if attribution.entity is not None:
                    attribution.own_cue = False
                    return attribution
        if not previous_quotes and _speech_like(doc, quote):
            topic = _topic_person(doc, previous_para, quote)
            if topic is not None:
                return topic
    later = siblings[index + 1:]
    if look_ahead and later and id(later[0]) in found and found[id(later[0])].own_cue and found[id(later[0])].entity is not None:
        if _cue_between(found[id(later[0])], quote, later[0]):
            return None  # 'X noted his "Q1." Likewise, Y said: "Q2"': that cue introduces the next quote only
        return _continued(found[id(later[0])], CONFIDENCE_NEXT_CUE)
    return None


def _cue_between(attribution: _Attribution, quote: RawQuote, later: RawQuote) -> bool:
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


def _topic_person(doc: Document, para: marks.Paragraph, quote: RawQuote) -> _Attribution | None:
    """ "Laurin, a nurse, had to give up her career. ¶ "Q"": a quote paragraph after a narrative paragraph
    about one person alone, who has already spoken in the article, is that person's."""
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
    if not registry.spoke_before(topic.entity, para.start):
        return None
    parsed = parse_np(tokenize(doc.text, topic.pos, min(para.end, topic.pos + 120)), 0, doc.text)
    mention = None
    if parsed is not None:
        found = parsed[0]
        mention = Span(found.surface_start, found.surface_end, doc.text[found.surface_start:found.surface_end])
    return _Attribution(topic.entity, Method.LEAD_IN, CONFIDENCE_TOPIC, mention, None, False, topic.pos)


def _embedding_subject(doc: Document, quote: RawQuote) -> _Attribution | None:
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
    attribution = _resolve(doc, Cue(Method.CUE_BEFORE, mention, before[end], CONFIDENCE_EMBEDDED), quote)
    if attribution.entity is None:
        return None
    attribution.own_cue = False
    attribution.confidence = CONFIDENCE_EMBEDDED
    return attribution


def _sentence_before(doc: Document, quote: RawQuote) -> _Attribution | None:
    """ 'Jane Roe, the party's spokeswoman, said in a statement. "Q"': a quote opening a sentence inside a
    paragraph, right after a narrative sentence whose subject speaks, is that speaker's."""
    para = doc.paragraphs[quote.paragraph]
    if doc.sibling_index[id(quote)] > 0 or quote.open_mark == para.start or doc.before_tokens(quote):
        return None
    if not _speech_like(doc, quote) or not doc.text[quote.start:quote.start + 1].isupper():
        return None
    tokens = doc.segment(para.start, quote.open_mark)
    if not tokens or tokens[-1].text != ".":
        return None
    sentence = last_sentence(tokens, max(0, len(tokens) - 1 - CUE_WINDOW // 4), keep_final=True)
    cue = lead_in(sentence[:-1], doc.text)
    if cue is None or cue.verb is None or tokens.index(cue.verb) < len(tokens) - 1 - _SENTENCE_BEFORE_TAIL:
        return None  # the verb must close its sentence ("said in a statement."), not open a long clause
    attribution = _resolve(doc, cue, quote)
    attribution.own_cue = False
    if attribution.entity is not None:
        attribution.method, attribution.confidence = Method.LEAD_IN, CONFIDENCE_TOPIC
    return attribution  # unresolved, it still keeps the mention ("the party's spokeswoman") as evidence


def _speech_like(doc: Document, quote: RawQuote) -> bool:
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


def _continued(source: _Attribution, confidence: float) -> _Attribution:
    if source.entity is None:
        return _Attribution(None, Method.UNRESOLVED, CONFIDENCE_UNRESOLVED, source.mention, source.cue, False,
                            source.cue_key)
    return _Attribution(source.entity, Method.CONTINUATION, min(confidence, source.confidence), source.mention,
                        source.cue, False, source.cue_key)


def _attribute_nested(doc: Document, quote: RawQuote, found: dict[int, _Attribution]) -> _Attribution | None:
    """A quote inside a quote: "I told him 'if...'" is the outer speaker's; "my parents ... say '...'"."""
    parent = quote.parent
    assert parent is not None
    before = tokenize(doc.text, max(parent.start, quote.open_mark - CUE_WINDOW), quote.open_mark)
    for k in range(len(before) - 1, -1, -1):
        if before[k].text in ".!?" and not before[k].is_word:
            before = before[k + 1:]
            break
    cue = cue_before(before, doc.text)
    if cue is None:
        return None
    mention = cue.mention
    surface = Span(mention.surface_start, mention.surface_end, doc.text[mention.surface_start:mention.surface_end])
    cue_span = Span(cue.verb.start, cue.verb.end, cue.verb.text) if cue.verb is not None else None
    if mention.kind == "pronoun":
        outer = found.get(id(_top(parent)))
        if mention.name.lower() in ("i", "we") and outer is not None and outer.entity is not None:
            return _Attribution(outer.entity, Method.PRONOUN, 0.6, surface, cue_span, True)
        return _Attribution(None, Method.UNRESOLVED, CONFIDENCE_UNRESOLVED, surface, cue_span, True)
    if mention.kind in ("name", "org"):
        entity = doc.registry.for_name(mention, mention.surface_start)
    elif mention.kind == "group":
        entity = doc.registry.for_group(mention, mention.start)
    elif mention.kind == "indefinite" or mention.name.split()[0].lower() in ("my", "his", "her", "their", "our"):
        entity = doc.registry.for_description(mention, mention.start)
    else:
        return _Attribution(None, Method.UNRESOLVED, CONFIDENCE_UNRESOLVED, surface, cue_span, True)
    return _Attribution(entity, cue.method, min(cue.confidence, 0.6), surface, cue_span, True)


def _top(quote: RawQuote) -> RawQuote:
    while quote.parent is not None:
        quote = quote.parent
    return quote


# -- kinds ----------------------------------------------------------------------------------------


def _kind(doc: Document, quote: RawQuote, attribution: _Attribution | None) -> QuoteKind:
    if quote.parent is not None:
        return QuoteKind.NESTED
    text = doc.text
    para = doc.paragraphs[quote.paragraph]
    if _is_headline(doc, para) and attribution is None:
        return QuoteKind.TERM
    if doc.is_furniture(para):
        return QuoteKind.TERM  # a link line or a photo caption repeats another story's words
    if quote.family == "single" and (attribution is None or not attribution.own_cue) and doc.double_quotes >= 2:
        return QuoteKind.TERM  # single marks in an article that quotes with double ones: a title or scare quote
    content = text[quote.start:quote.end]
    words = content.split()
    opens_paragraph = quote.open_mark == para.start or quote.previous_piece is not None
    before = text[max(para.start, quote.open_mark - CUE_WINDOW):quote.open_mark].rstrip()
    introduced = before.endswith((",", ":", "\u2014", "\u2013")) or quote.open_mark == para.start
    sentence_like = content[:1].isupper() or content[:1].isdigit() or content[:1] in "\u2026.["
    ends_like_speech = bool(patterns.ENDS_LIKE_SPEECH.search(content, timeout=patterns.TIMEOUT)) or (
        quote.close_mark is not None and text[quote.close_mark + 1:quote.close_mark + 2] in (",", "?", "!")
    )
    if attribution is not None and attribution.own_cue and attribution.method in (
        Method.CUE_AFTER, Method.DASH
    ) and (ends_like_speech or sentence_like):
        return QuoteKind.SPEECH
    if opens_paragraph and (len(words) >= 3 or ends_like_speech):
        return QuoteKind.SPEECH
    if introduced and (sentence_like or len(words) >= 4):
        return QuoteKind.SPEECH
    if attribution is not None and attribution.method in (Method.COLON,):
        return QuoteKind.SPEECH
    last_word = before.split()[-1].lower().strip(",.:;") if before.split() else ""
    if last_word in lx.TERM_INTRO_WORDS and (attribution is None or not attribution.own_cue):
        return QuoteKind.TERM
    if len(words) <= 4 and not ends_like_speech:
        recent = [w.lower().strip(",.:;") for w in before.split()[-3:]]
        preceding = recent[-1] if recent else ""
        spoken = any(w in lx.REPORTING_VERBS or w in lx.UTTERANCE_NOUNS for w in recent)
        if not spoken and (attribution is None or preceding in lx.TERM_LEAD_WORDS):
            return QuoteKind.TERM
    if sentence_like and ends_like_speech and len(words) >= 4 and attribution is not None:
        return QuoteKind.SPEECH
    return QuoteKind.PARTIAL


def _is_headline(doc: Document, para: marks.Paragraph) -> bool:
    """The first paragraph, short and with no closing punctuation, is a headline."""
    if para.index != 0 or len(doc.paragraphs) < 3:
        return False
    line = doc.text[para.start:para.end]
    return len(line.split()) <= _HEADLINE_MAX_WORDS and line[-1] not in ".!?\u2026"


# -- output -------------------------------------------------------------------------------------


def _assemble(doc: Document, found: dict[int, _Attribution], nested: dict[int, _Attribution | None]) -> ArticleParse:
    quotes = doc.scan.quotes
    index_of = {id(q): i for i, q in enumerate(quotes)}
    speakers: list[Speaker] = []
    speaker_key: dict[int, int] = {}
    groups: dict[int, int] = {}
    candidates: list[QuoteCandidate] = []
    previous_top: RawQuote | None = None
    previous_attr: _Attribution | None = None
    for i, quote in enumerate(quotes):
        attribution = nested.get(id(quote)) if quote.parent is not None else found.get(id(quote))
        kind = _kind(doc, quote, attribution)
        if kind is QuoteKind.TERM:
            attribution = None
        group = i
        continues: int | None = None
        if quote.previous_piece is not None:
            continues = index_of[id(quote.previous_piece)]
            group = groups[continues]
        elif quote.parent is None and previous_top is not None and _interrupted(doc, previous_top, quote,
                                                                                previous_attr, attribution):
            continues = index_of[id(previous_top)]
            group = groups[continues]
        groups[i] = group
        speaker_index: int | None = None
        if attribution is not None and attribution.entity is not None:
            entity = attribution.entity
            if entity.key not in speaker_key:
                speaker_key[entity.key] = len(speakers)
                speakers.append(_speaker(len(speakers), entity))
            speaker_index = speaker_key[entity.key]
        candidates.append(
            QuoteCandidate(
                index=i,
                start=quote.start,
                end=quote.end,
                text=doc.text[quote.start:quote.end],
                paragraph=quote.paragraph,
                kind=kind,
                group=group,
                continues=continues,
                nested_in=index_of[id(quote.parent)] if quote.parent is not None else None,
                speaker=speaker_index,
                mention=attribution.mention if attribution else None,
                cue=attribution.cue if attribution else None,
                method=attribution.method if attribution else Method.UNRESOLVED,
                confidence=round(attribution.confidence if attribution else CONFIDENCE_UNRESOLVED, 2),
            )
        )
        if quote.parent is None:
            previous_top, previous_attr = quote, attribution
    return ArticleParse(tuple(candidates), tuple(speakers), tuple(doc.scan.warnings))


def _interrupted(doc: Document, first: RawQuote, second: RawQuote, first_attr: _Attribution | None,
                 second_attr: _Attribution | None) -> bool:
    """ '"Hopefully," the president said, "this museum..."': two pieces of one quotation."""
    if first.paragraph != second.paragraph or first.close_mark is None or first_attr is None or second_attr is None:
        return False
    if first_attr.cue_key is None or first_attr.cue_key != second_attr.cue_key:
        return False
    between = doc.text[first.close_mark + 1:second.open_mark]
    content = doc.text[first.start:first.end].rstrip()
    return not content.endswith((".", "!", "?")) and "." not in between.replace("Mr.", "").replace("Ms.", "")


def _speaker(key: int, entity: Entity) -> Speaker:
    return Speaker(
        key=key,
        name=entity.name,
        kind=entity.kind,
        aliases=tuple(entity.aliases),
        roles=tuple(entity.roles),
        anonymous=entity.anonymous,
        first_start=entity.first_start,
    )
