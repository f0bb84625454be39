"""Compiled regular expressions for the parser. Every match over article text passes `timeout=TIMEOUT`."""

from __future__ import annotations

from collections.abc import Iterator

import regex

# Seconds any single match over article text may take; linear patterns finish far below this even on
# a 10 MB one-line article, so hitting it means a pathological input, reported as an ingest error.
TIMEOUT = 5.0

_FLAGS = regex.VERSION1 | regex.VERBOSE

# Matches taken from one finditer before it is started afresh. The regex module counts a finditer's
# timeout in CPU time from its first match, including the caller's work between matches, so one long
# iteration over a huge paragraph would time out with no pathological pattern at all.
_BATCH = 4096


def iter_matches(
    pattern: regex.Pattern[str], text: str, start: int = 0, end: int | None = None
) -> Iterator[regex.Match[str]]:
    """pattern.finditer(text, start, end), every match with its own TIMEOUT budget per batch of matches.
    The patterns used this way never match the empty string."""
    end = len(text) if end is None else end
    pos = start
    while True:
        for count, match in enumerate(pattern.finditer(text, pos, end, timeout=TIMEOUT), 1):
            yield match
            if count == _BATCH:
                pos = match.end()
                break
        else:
            return

# Characters a word's lexicon form leaves out: format characters (see _SPACE below).
FORMAT_CHARS = regex.compile(r"\p{Cf}+", _FLAGS)

# A paragraph: a run of text on one line that starts and ends with a non-space character.
PARAGRAPH = regex.compile(r"\S(?:[^\n]*\S)?", _FLAGS)

# Every character that can be a quotation mark: straight " and ', double prime, ‘ ’ ‚ ‛ “ ” „ ‟,
# guillemets « » ‹ ›, corner brackets 「 」 『 』. A single mark between two letters or digits is an
# apostrophe (don't, O'Brien) and is not matched. One character class first keeps the scan fast.
MARK = regex.compile(
    r"""[\"'\u2033\u2018-\u201f\u00ab\u00bb\u2039\u203a\u300c-\u300f]
        (?: (?<=[^'\u2018\u2019]) | (?<![\p{L}\p{N}].) | (?![\p{L}\p{N}]) )
    """,
    _FLAGS,
)

# After a leading apostrophe: elisions that are not quotations ('90s, 'em, 'n', 'til, 'cause).
ELISION = regex.compile(
    r"""(?i)
      (?: \d\d?s? \b                  # '90s, '99, '20
        | (?:em|n|til|cause|tis|twas|bout|round|nuff|kay)\b (?!\w)
      )
    """,
    _FLAGS,
)

# Before a closing single mark: the rest of an elision ('n', ol', o'), so the mark is an apostrophe.
ELISION_BEFORE = regex.compile(r"""(?i) (?: ['\u2019]n | (?<![\p{L}\p{M}]) (?:ol|o) ) \Z""", _FLAGS)

# Any double quotation mark: straight ", ″ and the curly ones.
DOUBLE_MARK = regex.compile(r"[\"\u2033\u201c-\u201f]", _FLAGS)

# Guillemets, whose direction depends on the language: «French», »German«, »Swedish».
GUILLEMET = regex.compile(r"[\u00ab\u00bb\u2039\u203a]", _FLAGS)

# CJK corner brackets 「」『』 quote speech as well as titles and terms. Speech shows by a speech verb
# after the closing mark (「…」，李明说 / 「…」と田中さんは言った), by an introduction before the opening
# mark (李明说：「…」), or by content that is a sentence (「…。」). Verbs: Chinese and Japanese.
_CJK_SPEECH_VERBS = r"""(?:说|說|表示|指出|称|稱|道|问|問|答|强调|強調|透露|告诉|告訴|回应|回應|坦言|直言|言|話|述べ|語|叫|尋ね|聞い)"""
CJK_SPEECH_AFTER = regex.compile(
    r"""\s* (?: [，,、] | と | って ) [^。！？!?\n「『]{0,20}? """ + _CJK_SPEECH_VERBS, _FLAGS
)
CJK_SPEECH_BEFORE = regex.compile(r"""(?: [：:] | """ + _CJK_SPEECH_VERBS + r""" [，,]? ) \s* \Z""", _FLAGS)
CJK_SENTENCE_END = regex.compile(r"""[。！？!?…] \s* \Z""", _FLAGS)

# The text right after an unclosed single mark looks like the start of a spoken sentence.
SPEECH_LIKE_OPEN = regex.compile(r"\s*[\p{Lu}\d]", _FLAGS)

# The characters right before a mark introduce a quotation (", " or ": ").
INTRO_BEFORE_MARK = regex.compile(r"[,:\u2014]\s*\Z", _FLAGS)

# Abbreviations that keep their period as part of the word ("Sen.", "Mr.", "Inc."); any other word's
# final period is a token of its own, which ends a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov lt gen col maj capt sgt st jr sr rev adm fr mt ft cpl pte pvt
    supt insp det cmdr cdr const cst no vs etc inc corp ltd co dept univ assn est sec""".split()
)
_ABBREVIATION_ALTERNATION = "|".join(sorted(_ABBREVIATIONS, key=len, reverse=True))

# Words, numbers and single punctuation marks. Initialisms, initials and the abbreviations above keep
# their period ("U.S.", "J.", "Sen."). Control characters count as white space.
SPACE_CHARS = (
    "".join(map(chr, range(0x20))) + "\x20\x7f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
    + "".join(map(chr, range(0x2000, 0x200B)))
)
# Format characters (zero-width space and joiners, word joiner, soft hyphen, bidi controls) are part of
# a word inside it ("Jo\u200bhn" is one word) and white space between words.
_SPACE = "[" + regex.escape(SPACE_CHARS) + r"\p{Cf}]"
_TOKEN = r"""
      (?: (?:\p{Lu}\.){2,}                                   # U.S.  D.C.
        | [\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:\p{Cf}+[\p{L}\p{N}\p{M}]+)*                 # Jo\u200bhn: one word
          (?:['\u2019\-][\p{L}\p{N}\p{M}]+(?:\p{Cf}+[\p{L}\p{N}\p{M}]+)*)*
          (?: \.(?<= (?<![\p{L}\p{N}\p{M}]['\u2019\-]?)  # the whole word is
                     (?: (?i:""" + _ABBREVIATION_ALTERNATION + r""") | \p{Lu} ) \. ) )?  # Sen. or J.
        | [^""" + regex.escape(SPACE_CHARS) + r"""\p{L}\p{N}\p{Cf}]
      )
"""
# Up to 2,000 tokens (with the space before each) in one match, read back with captures("t"),
# starts("t") and ends("t"): one match, and one timeout check, per run of tokens instead of per token,
# with bounded memory per match.
TOKEN_RUN = regex.compile(r"(?:" + _SPACE + r"*(?P<t>" + _TOKEN + r")){1,2000}", _FLAGS)

# Sentence end inside a text segment: terminal punctuation, then space and an upper-case letter,
# a digit or a quotation mark.
SENTENCE_END = regex.compile(
    r"""[.!?\u2026]+ [\"'\u201d\u2019\)]* (?=\s+[\p{Lu}\d\"'\u201c\u2018\u00ab(]) """,
    _FLAGS,
)

# Text that signals anonymity or a pseudonym next to a speaker.
ANONYMITY = regex.compile(
    r"""(?i)\b(?:not\s+(?:his|her|their)\s+real\s+names?
      | (?:speaking\s+)?on\s+(?:the\s+)?(?:condition|basis)\s+of\s+anonymity
      | (?:who\s+)?(?:asked|requested|declined|did\s+not\s+want)\s+(?:not\s+)?to\s+be\s+(?:named|identified)
      | requested\s+anonymity | names?\s+(?:has|have)\s+been\s+changed | a\s+pseudonym
      | not\s+authori[sz]ed\s+to\s+(?:speak|comment)
      | (?:spoke|speaking)\s+anonymously)\b""",
    _FLAGS,
)

# After a plural possessive apostrophe: a space and a lower-case word ("players’ union").
PLURAL_POSSESSIVE_TAIL = regex.compile(r"[ ]\p{Ll}", _FLAGS)

# A quoted text that reads like a sentence or a clause of one: ends with terminal or clause punctuation.
ENDS_LIKE_SPEECH = regex.compile(r"[.!?,;:\u2026\u2014-]\s*\Z", _FLAGS)

# A clause opener right before a mention ("... recently that Hale pieced", "as Smith put it").
CLAUSE_SUBJECT_BEFORE = regex.compile(
    r"""(?i)\b(?:that|when|while|because|although|though|as|after|before|since|until|once|if|whether|yet)[ ]\Z""",
    _FLAGS,
)

# A capitalised name and then a lower-case word that is not a preposition, article or conjunction: the
# name is the subject of the clause ("Hale pieced", "Jane Roe put it").
NAME_THEN_VERB = regex.compile(
    r"""(?:\p{Lu}[\p{L}\p{M}\-]*\.?[ ]){0,3}\p{Lu}[\p{L}\p{M}\-]*[ ]
        (?!(?:of|in|at|on|to|for|from|with|by|and|or|but|the|a|an|is|was|has|had|as|about|into|than)\b)\p{Ll}""",
    _FLAGS,
)

# A locative preposition right before a mention ("grown in Upper Elmshire", "a town near Lake Elm"):
# a name there with no sign of being a person is a place.
LOCATIVE_BEFORE = regex.compile(r"""(?i)\b(?:in|near|across|throughout)[ ]\Z""", _FLAGS)

# A link to another story or a video, left in the text: "WATCH: ...", "READ MORE: ...", "Related: ...".
LINK_LINE = regex.compile(
    r"""(?i)[ ]*(?:watch|read[ ]more|read[ ]also|also[ ]read|see[ ]also|related|listen|video)[ ]*:""", _FLAGS
)

# A photo caption's closing credit: "... (Jane Roe/CBC)", "(Jane Roe / City News)" ending the paragraph.
# At most 103 characters long: Document.is_furniture reads only a paragraph's last 110.
CAPTION_CREDIT_END = regex.compile(r"""\([^()/\n]{2,60}/[^()/\n]{2,40}\)\s*\Z""", _FLAGS)

# A gendered pronoun anywhere in a stretch of narrative: a person is being spoken of.
GENDERED_PRONOUN = regex.compile(r"(?V1)\b(?:he|him|his|she|her|hers)\b", regex.IGNORECASE)
