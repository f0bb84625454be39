"""The one character-level folding behind every comparison of names and search words.

`quotes.speakers.names.fold` (speaker identity keys, name lookups) and `quotes.db.fts.fold_for_search`
(the words both full-text indexes see, and the words of speaker names that searches match) are both
built on `fold_characters`, so a name, a lookup and a search can never disagree about which characters
are the same. Stored text is never folded in place: offsets into articles keep indexing what was read.
"""

from __future__ import annotations

import unicodedata

import regex

# Invisible characters that change nothing a reader sees, dropped before comparing: zero-width space,
# non-joiner and joiner (U+200B-D), word joiner (U+2060), BOM / zero-width no-break space (U+FEFF), soft
# hyphen (U+00AD), and the bidi marks, embeddings, overrides and isolates (U+200E/F, U+202A-E,
# U+2066-9). All are Unicode category Cf ("format"), and so is every other character dropped with them.
IGNORABLE_EXAMPLES = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# Apostrophes people type or publishers set for the same mark: all compare as "'", none is removed
# (so "D’Souza" == "D'Souza" == "Dʼsouza" but != "DSouza"). Dashes compare as "-".
_PUNCTUATION = {"’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'", "´": "'", "′": "'", "‛": "'", "ˈ": "'",
                "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-"}  # fmt: skip
# Letters with no Unicode decomposition that readers still take as a letter plus an accent.
_UNDECOMPOSED = {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}
# str.translate looks every character up in a dict: a character class finds the few to replace faster
_PUNCTUATION_CHARS = regex.compile("[" + regex.escape("".join(_PUNCTUATION)) + "]")
_UNDECOMPOSED_CHARS = regex.compile("[" + "".join(_UNDECOMPOSED) + "]")


def unify_punctuation(text: str) -> str:
    """`text` with every apostrophe written "'" and every dash "-" (nothing else changed)."""
    return _PUNCTUATION_CHARS.sub(lambda match: _PUNCTUATION[match.group()], text)


_FORMAT = regex.compile(r"\p{Cf}+")
_COMBINING = regex.compile(r"\P{ccc=0}+")  # marks that combine with the letter before them: accents


def is_ignorable(char: str) -> bool:
    """Whether `char` is a format character (zero-width, soft hyphen, bidi control) folding drops."""
    return _FORMAT.fullmatch(char) is not None


def fold_characters(text: str) -> str:
    """`text` compared character by character: NFKC, format characters (zero-width, soft hyphen, bidi
    controls) dropped, apostrophes and dashes unified, casefolded, accents (combining marks, composed or
    not) dropped, and letters such as ø, ł, æ spelt out. Whitespace and other punctuation are kept."""
    if text.isascii():  # most names and most quotes: of all the above only "`" -> "'" and lower case apply
        return text.replace("`", "'").lower()
    text = unify_punctuation(_FORMAT.sub("", unicodedata.normalize("NFKC", text))).casefold()
    text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return _UNDECOMPOSED_CHARS.sub(lambda match: _UNDECOMPOSED[match.group()], text)


# format characters a name is shown without: every one but the joiners (ZWNJ, ZWJ) between letters of a
# script that writes with them (Persian, the Indic scripts, emoji sequences); between Latin letters, dropped
_JOINED = r"[^\p{Latin}\s\p{P}\p{S}\p{N}\p{C}]"  # a letter or mark of a script other than Latin
_NAME_FORMAT = regex.compile(rf"(?!(?<={_JOINED})[\u200c\u200d](?={_JOINED}))\p{{Cf}}")


def display_form(text: str) -> str:
    """A name as stored and shown: NFC, so one spelling in two Unicode forms is one stored string, and
    without zero-width, soft-hyphen and bidi characters (the article's text keeps them; offsets index it)."""
    return _NAME_FORMAT.sub("", unicodedata.normalize("NFC", text))
