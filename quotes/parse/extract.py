"""Article text -> ArticleParse: every quoted span, its kind, and who said it, with the evidence.

The passes, in order, each in its own module: pair the quote marks (marks.py); register the names the
narrative mentions (context.py, entities.py, mentions.py); attribute each top-level quote by its own cue
(cues.py, then attribution.py resolves the mention); give cue-less quotes an inherited speaker
(inheritance.py); classify kinds (kinds.py). Then nested quotes are attributed inside their parent, every
attribution is scored (rules.py) and a speaker under the threshold is withheld.
"""

from __future__ import annotations

from quotes.folding import display_form
from quotes.parse import lexicon as lx
from quotes.parse import marks, patterns
from quotes.parse.attribution import Attribution, confidence, resolve, unresolved
from quotes.parse.context import CUE_WINDOW, Document
from quotes.parse.cues import Cue, cue_after, cue_before
from quotes.parse.entities import Entity
from quotes.parse.inheritance import (
    drop_conflicting_pieces,
    embedding_subject,
    inherit,
    sentence_before,
    sentence_topic,
    with_participle,
)
from quotes.parse.kinds import quote_kind
from quotes.parse.marks import RawQuote
from quotes.parse.mentions import parse_np
from quotes.parse.model import ArticleParse, Method, QuoteCandidate, QuoteKind, Rule, Span, Speaker
from quotes.parse.rules import DEFAULT_MIN_CONFIDENCE, PRIOR
from quotes.parse.tokens import Token, tokenize

_CAPTION_MAX_CHARS = 200
_RELATIVE_WORDS = frozenset("who whom whose which that when where".split())
_COLON_OBJECT_TOKENS = 3  # "told reporters:", "said in a statement:" before a colon that introduces the next quote


def parse_article(text: str, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> ArticleParse:
    """Find every quotation in `text` and attribute it; a pure function of the text and the threshold.

    A speaker whose confidence is under `min_confidence` is withheld: the quote is unresolved and
    `QuoteCandidate.withheld` names who the parser would have said.
    """
    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError(f"min_confidence {min_confidence} is outside 0..1")
    if not patterns.MARK.search(text, timeout=patterns.TIMEOUT):
        return ArticleParse((), ())
    scan = marks.scan(text)
    doc = Document(text, scan)
    doc.collect_entities()
    found: dict[int, Attribution] = {}
    attributable = [quote for quote in doc.tops if not quote.unclosed]
    for quote in attributable:
        cue = _own_cue(doc, quote)
        if cue is not None:
            found[id(quote)] = resolve(doc, cue, quote)
        else:
            inherited = inherit(doc, quote, found, look_ahead=False)
            if inherited is not None:
                found[id(quote)] = inherited
    for quote in attributable:
        if id(quote) not in found:
            inherited = inherit(doc, quote, found, look_ahead=True) or embedding_subject(doc, quote) \
                or with_participle(doc, quote) or sentence_before(doc, quote) or sentence_topic(doc, quote)
            if inherited is not None:
                found[id(quote)] = inherited
    drop_conflicting_pieces(doc, found)
    nested = {id(q): _attribute_nested(doc, q, found) for q in scan.quotes if q.parent is not None and not q.unclosed}
    return _assemble(doc, found, nested, min_confidence)


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
        return Cue(Rule.CAPTION, parsed[0], None)  # a stray closing mark, or no sentence at all
    return None


def _attribute_nested(doc: Document, quote: RawQuote, found: dict[int, Attribution]) -> Attribution | None:
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
            return Attribution(outer.entity, Method.PRONOUN, Rule.NESTED_OUTER, surface, cue_span, True)
        return unresolved(surface, cue_span, True)
    if mention.kind in ("name", "org"):
        entity = doc.registry.for_name(mention, mention.surface_start)
    elif mention.kind == "group":
        entity = doc.registry.for_group(mention, mention.start)
    elif mention.kind == "indefinite" or mention.name.split()[0].lower() in ("my", "his", "her", "their", "our"):
        entity = doc.registry.for_description(mention, mention.start)
    else:
        return unresolved(surface, cue_span, True)
    return Attribution(entity, cue.method, Rule.NESTED_CUE, surface, cue_span, True)


def _top(quote: RawQuote) -> RawQuote:
    while quote.parent is not None:
        quote = quote.parent
    return quote


def _assemble(doc: Document, found: dict[int, Attribution], nested: dict[int, Attribution | None],
              min_confidence: float) -> ArticleParse:
    quotes = doc.scan.quotes
    index_of = {id(q): i for i, q in enumerate(quotes)}
    speakers: list[Speaker] = []
    speaker_key: dict[int, int] = {}
    groups: dict[int, int] = {}
    candidates: list[QuoteCandidate] = []
    previous_top: RawQuote | None = None
    previous_attr: Attribution | None = None
    for i, quote in enumerate(quotes):
        attribution = nested.get(id(quote)) if quote.parent is not None else found.get(id(quote))
        kind = QuoteKind.UNCLOSED if quote.unclosed else quote_kind(doc, quote, attribution)
        if kind in (QuoteKind.TERM, QuoteKind.UNCLOSED):
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
        score, withheld = PRIOR[Rule.UNRESOLVED], None
        because: tuple[str, ...] = ()
        if attribution is not None and attribution.entity is not None:
            entity = attribution.entity
            score, found_evidence = confidence(attribution)
            because = tuple(map(str, found_evidence))
            if score < min_confidence:
                withheld = entity.name
            else:
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
                method=attribution.method if attribution and withheld is None else Method.UNRESOLVED,
                confidence=score,
                rule=attribution.rule if attribution else Rule.UNRESOLVED,
                withheld=withheld,
                evidence=because,
            )
        )
        if quote.parent is None:
            previous_top, previous_attr = quote, attribution
    return ArticleParse(tuple(candidates), tuple(speakers), tuple(doc.scan.warnings))


def _interrupted(doc: Document, first: RawQuote, second: RawQuote, first_attr: Attribution | None,
                 second_attr: Attribution | None) -> bool:
    """ '"Hopefully," the president said, "this museum..."': two pieces of one quotation."""
    if first.paragraph != second.paragraph or first.close_mark is None or first_attr is None or second_attr is None:
        return False
    if first_attr.cue_key is None or first_attr.cue_key != second_attr.cue_key:
        return False
    between = doc.text[first.close_mark + 1:second.open_mark]
    content = doc.text[first.start:first.end].rstrip()
    return not content.endswith((".", "!", "?")) and "." not in between.replace("Mr.", "").replace("Ms.", "")


def _speaker(key: int, entity: Entity) -> Speaker:
    """The entity as the article's speaker, its names in the form they are stored and shown (NFC, no
    invisible characters), so that a reparse or a later article compares like with like."""
    name = display_form(entity.name)
    return Speaker(
        key=key,
        name=name,
        kind=entity.kind,
        aliases=tuple(a for a in dict.fromkeys(map(display_form, entity.aliases)) if a != name),
        roles=tuple(dict.fromkeys(map(display_form, entity.roles))),
        anonymous=entity.anonymous,
        first_start=entity.first_start,
    )
