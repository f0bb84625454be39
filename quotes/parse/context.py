"""An article laid out for attribution: paragraphs, top-level quotes, the narrative between them,
sentence numbers, and the entities named in the narrative."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from itertools import compress
from operator import or_
from typing import Generic, TypeVar

from quotes.parse import lexicon as lx
from quotes.parse import patterns
from quotes.parse import tokens as tokenizer
from quotes.parse.cues import verb_at
from quotes.parse.descriptions import Mention
from quotes.parse.entities import Entity, Registry
from quotes.parse.marks import MarkScan, Paragraph, RawQuote
from quotes.parse.mentions import coordinated, parse_np
from quotes.parse.model import SpeakerKind
from quotes.parse.tokens import Token, Tokens, boundary_after, boundary_before, sentence_chunks

_APPOSITIVE_MAX_TOKENS = 14
_CREDIT_TAIL_CHARS = 110  # the longest text patterns.CAPTION_CREDIT_END matches, with room to spare
CUE_WINDOW = 1500  # characters either side of a quote searched for its cue; longer sentences carry none
_SENTENCE_ENDS = frozenset(".!?")
_GENDERED_PRONOUNS = frozenset("he his him she her hers".split())
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she"}
_EVENT_WORDS = _SENTENCE_ENDS | _GENDERED_PRONOUNS | lx.GROUP_NOUNS


_QUOTE_CACHE = 512  # quotes whose sentence tokens are kept (cue and inheritance look a few quotes back)
# Tokens of narrative stretches kept: every stretch of an ordinary article (read once for names, again for
# cues), the most recent ones of a huge article (about 300 bytes a token: some 6 MB at most).
_SEGMENT_TOKENS = 20_000

_Value = TypeVar("_Value")


def _one(_value: object) -> int:
    return 1


class _Recent(Generic[_Value]):
    """A dict that keeps its most recently used entries, up to a total weight."""

    __slots__ = ("_budget", "_items", "_total", "_weight")

    def __init__(self, budget: int, weight: Callable[[_Value], int] = _one) -> None:
        self._budget = budget
        self._weight = weight
        self._items: dict[int, tuple[_Value, int]] = {}
        self._total = 0

    def get(self, key: int) -> _Value | None:
        item = self._items.pop(key, None)
        if item is None:
            return None
        self._items[key] = item  # now the most recent
        return item[0]

    def __setitem__(self, key: int, value: _Value) -> None:
        old = self._items.pop(key, None)
        if old is not None:
            self._total -= old[1]
        weight = self._weight(value)
        self._items[key] = (value, weight)
        self._total += weight
        while self._total > self._budget and len(self._items) > 1:
            oldest = next(iter(self._items))
            self._total -= self._items.pop(oldest)[1]


class Document:
    def __init__(self, text: str, scan: MarkScan) -> None:
        self.text = text
        self.scan = scan
        self.paragraphs = scan.paragraphs
        self.tops: list[RawQuote] = [q for q in scan.quotes if q.parent is None]
        self.tops_by_paragraph: dict[int, list[RawQuote]] = {}
        self.sibling_index: dict[int, int] = {}  # id(top-level quote) -> its index within its paragraph
        for quote in self.tops:
            siblings = self.tops_by_paragraph.setdefault(quote.paragraph, [])
            self.sibling_index[id(quote)] = len(siblings)
            siblings.append(quote)
        self.sentence_starts = self._sentence_starts()
        self.double_quotes = sum(1 for quote in self.tops if quote.family == "double")
        self.registry = Registry(text)
        # Token caches, bounded so a huge article never holds a Token for every word: an evicted entry is
        # made again, identically, when asked for (tokenizing is a pure function of the text).
        self._before: _Recent[list[Token]] = _Recent(_QUOTE_CACHE)  # id(quote) -> tokens; the quotes
        self._after: _Recent[list[Token]] = _Recent(_QUOTE_CACHE)  # live in self.scan, so ids stay valid
        self._segments: _Recent[Tokens] = _Recent(_SEGMENT_TOKENS, len)  # narrative stretches by start offset
        self._furniture: dict[int, bool] = {}  # paragraph index -> link line or photo caption

    # -- layout -----------------------------------------------------------------------------------

    def outside_segments(self, para: Paragraph) -> list[tuple[int, int]]:
        """Stretches of a paragraph outside its top-level quotes (quote marks excluded)."""
        segments: list[tuple[int, int]] = []
        cursor = para.start
        for quote in self.tops_by_paragraph.get(para.index, []):
            if quote.open_mark > cursor:
                segments.append((cursor, quote.open_mark))
            cursor = quote.close_mark + 1 if quote.close_mark is not None else quote.end
        if cursor < para.end:
            segments.append((cursor, para.end))
        return segments

    def _sentence_starts(self) -> list[int]:
        starts: list[int] = []
        for para in self.paragraphs:
            starts.append(para.start)
            for seg_start, seg_end in self.outside_segments(para):
                for match in patterns.iter_matches(patterns.SENTENCE_END, self.text, seg_start, seg_end):
                    starts.append(match.end())
        starts.sort()
        return starts

    def is_furniture(self, para: Paragraph) -> bool:
        """A link to another story ("WATCH: Mayor says city is 'ready'") or a photo caption ending in its
        credit ("..., Jane Roe says: 'Q' (Ann Lee/City News)"): its quotes repeat other text. Read once per
        paragraph, the credit only in the paragraph's last characters, so many quotes in one long
        paragraph stay linear."""
        cached = self._furniture.get(para.index)
        if cached is None:
            text = self.text
            cached = self._furniture[para.index] = bool(
                patterns.LINK_LINE.match(text, para.start, para.end, timeout=patterns.TIMEOUT)
                or patterns.CAPTION_CREDIT_END.search(
                    text, max(para.start, para.end - _CREDIT_TAIL_CHARS), para.end, timeout=patterns.TIMEOUT
                )
            )
        return cached

    def sentence_of(self, pos: int) -> int:
        return bisect.bisect_right(self.sentence_starts, pos)

    def segment(self, start: int, end: int) -> Tokens:
        """The tokens of the narrative stretch text[start:end] (a few recent stretches are kept)."""
        tokens = self._segments.get(start)
        if tokens is None or tokens.end != end:
            tokens = self._segments[start] = Tokens(self.text, start, end)
        return tokens

    def before_tokens(self, quote: RawQuote) -> list[Token]:
        """Narrative tokens of the same sentence just before the quote's opening mark (read-only, cached)."""
        cached = self._before.get(id(quote))
        if cached is None:
            cached = self._before[id(quote)] = self._tokens_before(quote)
        return cached

    def after_tokens(self, quote: RawQuote) -> list[Token]:
        """Narrative tokens from the closing mark to the end of that sentence (read-only, cached)."""
        cached = self._after.get(id(quote))
        if cached is None:
            cached = self._after[id(quote)] = self._tokens_after(quote)
        return cached

    def _tokens_before(self, quote: RawQuote) -> list[Token]:
        para = self.paragraphs[quote.paragraph]
        start = para.start
        siblings = self.tops_by_paragraph.get(quote.paragraph, [])
        index = self.sibling_index.get(id(quote), -1)
        if index > 0:
            previous = siblings[index - 1]
            start = previous.close_mark + 1 if previous.close_mark is not None else previous.end
        if start >= quote.open_mark:
            return []
        tokens = self.segment(boundary_before(self.text, start, quote.open_mark - CUE_WINDOW), quote.open_mark)
        return last_sentence(tokens, tokens.first_from(quote.open_mark - CUE_WINDOW))

    def _tokens_after(self, quote: RawQuote) -> list[Token]:
        if quote.close_mark is None:
            return []
        para = self.paragraphs[quote.paragraph]
        end = para.end
        siblings = self.tops_by_paragraph.get(quote.paragraph, [])
        index = self.sibling_index.get(id(quote), -1)
        if 0 <= index < len(siblings) - 1:
            end = siblings[index + 1].open_mark
        if quote.close_mark + 1 >= end:
            return []
        limit = quote.close_mark + 1 + CUE_WINDOW
        tokens = self.segment(quote.close_mark + 1, boundary_after(self.text, limit, end))
        return _first_sentence(tokens, tokens.count_to(limit))

    def last_sentence_of(self, para: Paragraph) -> list[Token]:
        segments = self.outside_segments(para)
        if not segments:
            return []
        seg_start, seg_end = segments[-1]
        tokens = self.segment(boundary_before(self.text, seg_start, seg_end - CUE_WINDOW), seg_end)
        return last_sentence(tokens, tokens.first_from(seg_end - CUE_WINDOW), keep_final=True)

    # -- the narrative's entities -----------------------------------------------------------------

    def collect_entities(self) -> None:
        """Register every name and group mentioned outside quotes, with roles, gender and anonymity."""
        for para in self.paragraphs:
            for seg_start, seg_end in self.outside_segments(para):
                if seg_end - seg_start <= tokenizer.CHUNK_CHARS:
                    self._collect_segment(para, self.segment(seg_start, seg_end))
                    continue
                for chunk in sentence_chunks(self.text, seg_start, seg_end, _SENTENCE_ENDS):  # never cached
                    self._collect_segment(para, chunk)

    def _collect_segment(self, para: Paragraph, tokens: Tokens) -> None:
        """Walk the words that can matter: capitalised words, sentence openers, gendered pronouns and
        group nouns. The other words are never made into Tokens, which keeps the scan cheap."""
        texts = tokens.texts
        n = len(texts)
        events = list(compress(range(n), map(or_, tokens.capitalised, map(_EVENT_WORDS.__contains__, texts))))
        openers = [_first_word(texts, 0)] + [_first_word(texts, i + 1) for i in events if texts[i] in _SENTENCE_ENDS]
        events = sorted(set(events).union(i for i in openers if i < n))
        k = 0
        last_person: Entity | None = None
        last_subject = False
        described: tuple[Mention, int] | None = None  # a definite description just before a comma
        joined_at = -1  # where the second name of a coordinated subject starts
        sentence_start = True
        for k_event in events:
            if k_event < k:
                continue  # inside the noun phrase just parsed
            k = k_event
            word = texts[k]
            if word in _SENTENCE_ENDS:
                sentence_start, last_person = True, None
                k += 1
                continue
            if not word[0].isalnum():
                k += 1
                continue
            lower = word.lower()
            if lower in _GENDERED_PRONOUNS and last_person is not None:
                if last_person.gender is None and (last_subject or lower in ("he", "she")):  # "find Ann on her couch"
                    last_person.gender = "m" if lower in ("he", "his", "him") else "f"
                    last_person.person_evidence = True
                last_person = None
            if lower in ("he", "she") and (sentence_start or (k > 0 and texts[k - 1] == ",")):
                self._chain_pronoun(para, tokens[k], lower)
            elif lower in _POSSESSIVE_PRONOUNS and sentence_start:
                self._chain_pronoun(para, tokens[k], _POSSESSIVE_PRONOUNS[lower])  # "Her message is simple."
            parsed = None
            capitalised = word[0].isupper()
            if capitalised or sentence_start or (
                tokens[k].bare in lx.GROUP_NOUNS and _after_introductory_phrase(tokens, k)
            ):
                parsed = parse_np(tokens, k, self.text)
            if parsed is None:
                sentence_start = False
                k += 1
                continue
            mention, end = parsed
            entity: Entity | None = None
            speaks = _speaks(tokens, end)
            if mention.kind == "definite" and end < n and texts[end] == "," and mention.head in _ROLE_HEADS \
                    and len(mention.name.split()) <= _ROLE_WORDS:
                described = (mention, end)  # "The mayor, Jane Roe, said": the role of the name after it
            if mention.kind in ("name", "org"):
                lone = sentence_start and _lone_capitalised_word(mention, tokens, k, end)
                if not lone or speaks or self.registry.knows(mention):
                    entity = self.registry.for_name(mention, mention.surface_start)
            elif mention.kind == "group" and (sentence_start or capitalised or texts[k - 1] == ","):
                entity = self.registry.for_group(mention, mention.start)
            elif mention.kind == "indefinite" and sentence_start and mention.head in lx.PERSON_NOUNS:
                entity = self.registry.for_description(mention, mention.start)  # "A nurse who ...": a person
            if entity is not None:
                if described is not None and described[1] == k - 1 and entity.kind is SpeakerKind.PERSON:
                    entity.add_role(_role_of(described[0]))
                if entity.kind is SpeakerKind.PERSON and entity.gender is None and k > 0 \
                        and texts[k - 1].lower() in lx.PERSON_NOUN_GENDER:
                    entity.gender = lx.PERSON_NOUN_GENDER[texts[k - 1].lower()]  # "her son Kim", "his wife Sam"
                    entity.person_evidence = True
                subject = sentence_start or _after_introductory_phrase(tokens, k) or k == joined_at
                self.registry.note(entity, mention.surface_start, para.index, self.sentence_of(mention.surface_start),
                                   subject=subject, speaker=speaks, opening=sentence_start)
                self._appositive(entity, tokens, end)
                if entity.kind is SpeakerKind.PERSON and not entity.place:  # a place never takes he or she
                    last_person, last_subject = entity, subject or speaks
                    if speaks and mention.kind == "name":
                        entity.person_evidence = True
                joint = coordinated(tokens, parsed, self.text) if subject and entity.kind is SpeakerKind.PERSON else None
                if joint is not None:  # "Ada Hale and Ben Okafor met": a "they" for both, and both subjects
                    joined_at = end + 1
                    pair = self.registry.for_group(joint[0], joint[0].start)
                    self.registry.note(pair, joint[0].start, para.index, self.sentence_of(joint[0].start),
                                       subject=True, speaker=_speaks(tokens, joint[1]), opening=sentence_start)
            sentence_start = False
            k = max(end, k + 1)

    def _chain_pronoun(self, para: Paragraph, token: Token, pronoun: str) -> None:
        """A subject he/she (or his/her opening the subject) in the narrative keeps its antecedent salient
        for later cues."""
        sentence = self.sentence_of(token.start)
        entity = self.registry.antecedent(pronoun, token.start, para.index, sentence).entity
        if entity is not None:
            self.registry.note(entity, token.start, para.index, sentence, subject=True)

    def _appositive(self, entity: Entity, tokens: list[Token], end: int) -> None:
        """ "Eva Levenberg, a lawyer for OVD-Info," gives a role; "Oleg, not his real name," anonymity."""
        if end >= len(tokens) or tokens[end].text != ",":
            return
        close = end + 1
        while close < len(tokens) and close - end <= _APPOSITIVE_MAX_TOKENS and tokens[close].text not in ",.;:!?":
            close += 1
        if close == end + 1 or close >= len(tokens) or tokens[close].text not in ",.;:!?":
            return  # an appositive is closed by punctuation; otherwise this is the next clause
        if any(t.lower in lx.CLAUSE_WORDS or t.lower in lx.LEAD_IN_VERBS for t in tokens[end + 1:close]):
            return
        phrase = self.text[tokens[end + 1].start:tokens[close - 1].end]
        if close == end + 2 and phrase.isdigit() and 0 < int(phrase) < 130 and entity.kind is SpeakerKind.PERSON:
            entity.ages.append(f"{int(phrase)}-year-old")  # "Jane Roe, 17,": "the 17-year-old" later
            entity.person_evidence = True
            return
        if patterns.ANONYMITY.search(phrase, timeout=patterns.TIMEOUT):
            entity.anonymous = True
            entity.person_evidence = True
            return
        first = tokens[end + 1].lower
        words = {t.bare for t in tokens[end + 1:close]}
        introduces_role = first in ("a", "an", "the") or first in lx.TITLE_WORDS
        if introduces_role and words & (lx.PERSON_NOUNS | lx.TITLE_WORDS):
            entity.add_role(phrase)
            if entity.kind is SpeakerKind.PERSON:
                entity.person_evidence = True

    def mark_anonymity(self, entity: Entity, start: int, end: int) -> None:
        if patterns.ANONYMITY.search(self.text, start, end, timeout=patterns.TIMEOUT):
            entity.anonymous = True


_ROLE_HEADS = lx.PERSON_NOUNS | lx.TITLE_WORDS
_ROLE_WORDS = 5


def _role_of(description: Mention) -> str:
    """ "The mayor" -> "mayor": a definite description as a role."""
    words = description.name.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0].lower() in lx.DETERMINERS else description.name


def _speaks(tokens: list[Token], end: int) -> bool:
    """The noun phrase ending at `end` is the subject of a reporting verb, perhaps after an appositive."""
    if verb_at(tokens, end, weak_ok=False) is not None:
        return True
    if end < len(tokens) and tokens[end].text == ",":
        if verb_at(tokens, end + 1, weak_ok=False) is not None:
            return True  # "..., Tom Hale, agreed"
        for m in range(end + 1, min(len(tokens), end + _APPOSITIVE_MAX_TOKENS + 1)):
            if tokens[m].text in ".!?;":
                return False
            if tokens[m].text == ",":
                return verb_at(tokens, m + 1, weak_ok=False) is not None
    return False


def _after_introductory_phrase(tokens: Tokens, k: int) -> bool:
    """ "In an interview, Adams said": the first comma of a sentence opened by a function word."""
    texts = tokens.texts
    if k == 0 or texts[k - 1] != ",":
        return False
    start = k - 1
    while start > 0 and texts[start - 1] not in _SENTENCE_ENDS:
        start -= 1
    bare = tokens[start].bare
    return bare in lx.NON_NAME_CAPS and bare not in lx.DETERMINERS


def _first_word(texts: list[str], i: int) -> int:
    """Index of the first word at or after i (len(texts) if none)."""
    while i < len(texts) and not texts[i][0].isalnum():
        i += 1
    return i


def _lone_capitalised_word(mention: Mention, tokens: list[Token], k: int, end: int) -> bool:
    """A single capitalised word opening a sentence ("Originally", "Cold") is not known to be a name."""
    return end - k == 1 and mention.role is None and tokens[k].bare not in lx.GIVEN_NAME_GENDER


def last_sentence(tokens: Tokens, first: int, keep_final: bool = False) -> list[Token]:
    """Tokens from `first` on, after the last sentence-ending mark outside parentheses ("Rep. Jane Roe
    (D-Wis.) said:"), the final token kept when `keep_final`."""
    texts = tokens.texts
    limit = len(texts) - 1 if keep_final else len(texts)
    depth = 0
    for k in range(limit - 1, first - 1, -1):
        word = texts[k]
        depth += (word == ")") - (word == "(")
        if word in _SENTENCE_ENDS and depth <= 0:
            return tokens[k + 1:]
    return tokens[first:]


def _first_sentence(tokens: Tokens, count: int) -> list[Token]:
    """The first `count` tokens up to the first sentence end outside parentheses ("Rep. Jane Roe (D-Wis.) said")."""
    texts = tokens.texts
    depth = 0
    for k in range(count):
        word = texts[k]
        depth += (word == "(") - (word == ")")
        if word in _SENTENCE_ENDS and depth <= 0:
            return tokens[:k]
    return tokens[:count]
