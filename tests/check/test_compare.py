"""compare_text on one claim and one source text, no database: (claim, source, status, diff, names)."""

from __future__ import annotations

import pytest

from quotes.check.compare import CheckStatus, Claim, DiffKind, compare_text, diff_text
from quotes.check.text import normal_form, strip_claim, words

S = CheckStatus
SOURCE = "We will not close the Elmtown library. It serves 3,000 readers a week."

CASES = [
    # (claim, status, diff, normalizations or flips)
    ("We will not close the Elmtown library. It serves 3,000 readers a week.", S.EXACT, "", ()),
    ("\u201cWe will not close the Elmtown library. It serves 3,000 readers a week,\u201d", S.EXACT, "", ()),
    ("'We will not close the Elmtown\u200b library. It serves 3,000 readers a week.'", S.EXACT, "", ()),
    (
        "We  will not close the Elmtown library.\nIt serves 3,000 readers a week",
        S.EXACT_NORMALIZED,
        "",
        ("whitespace",),
    ),
    (
        "WE WILL NOT CLOSE THE ELMTOWN LIBRARY. IT SERVES 3,000 READERS A WEEK",
        S.EXACT_NORMALIZED,
        "",
        ("case",),
    ),
    (
        "We will not close the Elmtown library; it serves 3,000 readers a week",
        S.EXACT_NORMALIZED,
        "",
        ("case", "punctuation"),
    ),
    (
        "We will not close the Ｅｌｍｔｏｗｎ library. It serves 3,000 readers a week.",
        S.EXACT_NORMALIZED,
        "",
        ("unicode forms (NFKC)",),
    ),
    ("It serves 3,000 readers", S.PARTIAL, "", ()),
    ("the Elmtown library", S.ALTERED, "[-We will not close-] the Elmtown library", ("negation dropped: not",)),
    (
        "close the Elmtown library",
        S.ALTERED,
        "[-We will not-] close the Elmtown library",
        ("negation dropped: not",),
    ),
    ("...It serves 3,000 readers", S.PARTIAL, "", ()),
    (
        "We will not close ... 3,000 readers a week",
        S.ELIDED,
        "We will not close [-the Elmtown library. It serves-] 3,000 readers a week",
        (),
    ),
    (
        "We will [...] close the Elmtown library",
        S.ALTERED,
        "We will [-not-] close the Elmtown library",
        ("ellipsis drops a negation: not",),
    ),
    (
        "We will close the Elmtown library",
        S.ALTERED,
        "We will [-not-] close the Elmtown library",
        ("negation dropped: not",),
    ),
    (
        "We will never ever close the Elmtown library",
        S.ALTERED,
        "We will [-not-]{+never ever+} close the Elmtown library",
        (),
    ),
    (
        "It serves 300 readers a week",
        S.ALTERED,
        "It serves [-3,000-]{+300+} readers a week",
        ("number changed: 3000 -> 300",),
    ),
    (
        "We won't close the Elmtown library",
        S.ALTERED,
        "We [-will not-]{+won't+} close the Elmtown library",
        ("contraction introduced: won't",),
    ),
    (
        "We will not close the [public] Elmtown library",
        S.ALTERED,
        "We will not close the {+[public]+} Elmtown library",
        (),
    ),
    (
        "We will not close the Elmtown library. 3,000 readers a week.",
        S.ALTERED,
        "We will not close the Elmtown library [-It serves-] 3,000 readers a week",
        (),
    ),
    (  # an editor's bracketed word that opens a changed run keeps both its brackets
        "We will not close the [new] school. It serves 3,000 readers a week.",
        S.ALTERED,
        "We will not close the [-Elmtown library-]{+[new] school+} It serves 3,000 readers a week",
        (),
    ),
    (  # and is never aligned with the same word in the source
        "We will not close the [Elmtown] Elmtown library. It serves 3,000 readers a week.",
        S.ALTERED,
        "We will not close the {+[Elmtown]+} Elmtown library. It serves 3,000 readers a week",
        (),
    ),
    ("Penguins have taken over the town hall", None, "", ()),
]


@pytest.mark.parametrize(("claim", "status", "diff", "names"), CASES)
def test_compare(claim: str, status: S | None, diff: str, names: tuple[str, ...]) -> None:
    match = compare_text(Claim.of(claim), SOURCE)
    if status is None:
        assert match is None
        return
    assert match is not None
    assert (match.status, match.diff) == (status, diff)
    assert (match.flips if match.changes else match.normalizations) == names


def test_offsets_index_the_source_through_normalisation() -> None:
    source = "Ｗe said: “It’s   DONE”, and left."
    match = compare_text(Claim.of("it's done"), source)
    assert match is not None and match.status is S.PARTIAL
    assert source[match.start : match.end] == "It’s   DONE"


def test_words_keep_their_offsets_and_brackets() -> None:
    text = "Ｈale [the mayor] said\u200b “no”"
    found = words(text, brackets=True)
    assert [(w.norm, text[w.start : w.end], w.bracketed) for w in found] == [
        ("hale", "Ｈale", False), ("the", "the", True), ("mayor", "mayor", True), ("said", "said", False),
        ("no", "no", False),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("claim", "stripped"),
    [
        ("\u201cWe won.\u201d", "We won"),
        ('"We won,"', "We won"),
        ("We won...", "We won..."),
        ("  'x'  ", "x"),
    ],
)
def test_strip_claim(claim: str, stripped: str) -> None:
    assert strip_claim(claim) == stripped


def test_normal_form_folds_marks_case_and_space() -> None:
    from quotes.check.text import COUNTED_STEPS, FREE_STEPS

    every = FREE_STEPS | frozenset(COUNTED_STEPS)
    assert (
        normal_form("\u201cIt\u2019s  DONE\u201d", every) == normal_form('"it\'s done"', every) == "it's done"
    )


def test_diff_pieces_name_each_kind_of_edit() -> None:
    match = compare_text(Claim.of("We will close the Elmtown [public] library. It serves 4,000 readers a week."), SOURCE)
    assert match is not None and match.status is S.ALTERED
    assert match.pieces == (
        (DiffKind.SAME, "We will"), (DiffKind.DROPPED, "not"), (DiffKind.SAME, "close the Elmtown"),
        (DiffKind.INSERTED, "[public]"), (DiffKind.SAME, "library. It serves"),
        (DiffKind.CHANGED_FROM, "3,000"), (DiffKind.CHANGED_TO, "4,000"), (DiffKind.SAME, "readers a week"),
    )  # fmt: skip
    assert match.diff == diff_text(match.pieces)
    assert match.diff == "We will [-not-] close the Elmtown {+[public]+} library. It serves [-3,000-]{+4,000+} readers a week"
