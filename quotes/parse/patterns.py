"""Compiled regular expressions for the parser. Every match over article text passes `timeout=TIMEOUT`."""

from __future__ import annotations

import regex

# Seconds any single match over article text may take; linear patterns finish far below this even on
# a 10 MB one-line article, so hitting it means a pathological input, reported as an ingest error.
TIMEOUT = 5.0

_FLAGS = regex.VERSION1 | regex.VERBOSE

# A paragraph: a run of text on one line that starts and ends with a non-space character.
PARAGRAPH = regex.compile(r"\S(?:[^\n]*\S)?", _FLAGS)

# Every character that can be a quotation mark (straight, typographic, low, guillemets, corners).
MARK = regex.compile(
    r"""[\"'\u2033]                          # straight double and single, double prime
      | [\u2018\u2019\u201a\u201b]          # ‘ ’ ‚ ‛
      | [\u201c\u201d\u201e\u201f]          # “ ” „ ‟
      | [\u00ab\u00bb\u2039\u203a]          # « » ‹ ›
      | [\u300c-\u300f]                     # 「 」 『 』
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

# The text right after an unclosed single mark looks like the start of a spoken sentence.
SPEECH_LIKE_OPEN = regex.compile(r"\s*[\p{Lu}\d]", _FLAGS)

# The characters right before a mark introduce a quotation (", " or ": ").
INTRO_BEFORE_MARK = regex.compile(r"[,:\u2014]\s*\Z", _FLAGS)

# Words, numbers and single punctuation marks; abbreviations keep their period ("Sen.", "U.S.").
TOKEN = regex.compile(
    r"""(?P<word>
          (?:\p{Lu}\.){2,}                                # U.S.  D.C.
        | [\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['\u2019\-][\p{L}\p{N}\p{M}]+)*\.?
        )
      | (?P<punct>[^\s\p{L}\p{N}])
    """,
    _FLAGS,
)

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

# A clause opener right before a mention ("... recently that Foster pieced", "as Smith put it").
CLAUSE_SUBJECT_BEFORE = regex.compile(
    r"""(?i)\b(?:that|when|while|because|although|though|as|after|before|since|until|once|if|whether|yet)[ ]\Z""",
    _FLAGS,
)

# A capitalised name and then a lower-case word that is not a preposition, article or conjunction: the
# name is the subject of the clause ("Foster pieced", "Jane Roe put it").
NAME_THEN_VERB = regex.compile(
    r"""(?:\p{Lu}[\p{L}\p{M}\-]*\.?[ ]){0,3}\p{Lu}[\p{L}\p{M}\-]*[ ]
        (?!(?:of|in|at|on|to|for|from|with|by|and|or|but|the|a|an|is|was|has|had|as|about|into|than)\b)\p{Ll}""",
    _FLAGS,
)
