"""Word lists for attribution checks: the words whose change flips what a quotation means.

All entries are casefolded with straight apostrophes, the form `quotes.check.text.words` gives. The
negators are English's closed class of negative words (Huddleston & Pullum, *The Cambridge Grammar of the
English Language*, ch. 9: "not", "no" and the n-words); number words are the cardinal names.
"""

from __future__ import annotations

from typing import Final

NEGATIONS: Final[frozenset[str]] = frozenset(
    {"not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere", "cannot", "nope"}
)
NEGATION_SUFFIX: Final = "n't"  # don't, won't, can't, isn't

NUMBER_WORDS: Final[frozenset[str]] = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    thousand million billion trillion dozen half quarter double triple twice thrice""".split()
)

# Endings that make a contraction of two words ("we'll" = "we will"); "'s" is left out: it is mostly a
# possessive.
CONTRACTION_SUFFIXES: Final[tuple[str, ...]] = ("n't", "'ll", "'re", "'ve", "'d", "'m")


def is_negation(word: str) -> bool:
    """A folded word that negates: "not", "never", "don't"."""
    return word in NEGATIONS or word.endswith(NEGATION_SUFFIX)


def is_number(word: str) -> bool:
    """A folded word that states a quantity: "5", "3.2", "40%", "five"."""
    return word in NUMBER_WORDS or any(ch.isdigit() for ch in word)


def is_contraction(word: str) -> bool:
    return word.endswith(CONTRACTION_SUFFIXES)


# English function words (pronouns, determiners, auxiliaries, prepositions, conjunctions; after the
# SMART stop list of Salton's retrieval system, shortened): too common to find a quotation with, so the
# full-text search for candidates leaves them out. Comparison still counts every word.
FUNCTION_WORDS: Final[frozenset[str]] = frozenset(
    """a an the this that these those i me my mine we us our ours you your yours he him his she her hers
    it its they them their theirs what which who whom whose am is are was were be been being have has
    had having do does did doing will would shall should can could may might must and but if or because
    as until while of at by for with about against between into through during before after above below
    to from up down in out on off over under again further then once here there when where why how all
    any both each few more most other some such only own same so than too very just also s t""".split()
)
