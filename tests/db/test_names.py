"""Speaker names: one folding for every comparison, NFC storage, lookups that ignore case, accents,
apostrophe kinds and invisible characters, on both backends and through every lookup a user types."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from quotes import folding
from quotes.db.check_views import speakers_by_name
from quotes.db.corrections import CorrectionError, find_speaker, rename_speaker
from quotes.db.fts import fold_for_search
from quotes.db.models import Article, Attribution, Quote, Speaker, SpeakerAlias
from quotes.db.repo import QuoteQuery, count_quotes, list_quotes
from quotes.db.speaker_views import find_speaker_id, speaker_summaries
from quotes.folding import IGNORABLE_EXAMPLES, display_form, fold_characters
from quotes.speakers.names import fold

NOW = datetime(2026, 1, 2, tzinfo=UTC)
DECOMPOSED_ZOE = "Zoe\u0308 Okafor"

FOLDS = [  # (written, fold as names compare it)
    ("Rob D’Souza", "rob d'souza"),
    ("Rob D'Souza", "rob d'souza"),
    ("rob dʼsouza", "rob d'souza"),
    ("ROB D`SOUZA", "rob d'souza"),
    ("Zoë Okafor", "zoe okafor"),
    (DECOMPOSED_ZOE, "zoe okafor"),
    ("Zo\u200be Oka\u00adfor", "zoe okafor"),
    ("\u202eZoe\u202c \u2066Okafor\u2069\ufeff", "zoe okafor"),
    ("Jean\u2011Luc  Roe", "jean-luc roe"),
    ("Søren Ærø", "soren aero"),
    ("Ｒｏｅ", "roe"),
]


@pytest.mark.parametrize(("written", "expected"), FOLDS, ids=[w.encode("unicode_escape").decode() for w, _ in FOLDS])
def test_one_folding_for_names(written: str, expected: str) -> None:
    assert fold(written) == expected
    # search words are the same characters, split at anything that is not a letter or digit
    assert fold_for_search(written) == " ".join(expected.replace("'", " ").replace("-", " ").split())


def test_every_ignorable_character_is_dropped_not_a_word_break() -> None:
    for char in IGNORABLE_EXAMPLES:
        assert fold_characters(f"Oka{char}for") == "okafor", hex(ord(char))
        assert fold_for_search(f"bud{char}get") == "budget", hex(ord(char))
    assert fold("DSouza") != fold("D'Souza")  # apostrophes are unified, never removed


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
@settings(max_examples=300, deadline=None)
def test_plain_ascii_folds_as_the_whole_folding_does(written: str) -> None:
    # fold_characters takes a short way for ASCII text; NFKC, format characters, accents and the
    # spelt-out letters cannot occur in it, so the long way must give the same
    long_way = folding._UNDECOMPOSED_CHARS.sub(
        "", folding._COMBINING.sub("", unicodedata.normalize("NFKD", folding.unify_punctuation(
            folding._FORMAT.sub("", unicodedata.normalize("NFKC", written))).casefold()))
    )  # fmt: skip
    assert fold_characters(written) == long_way


DISPLAYED = [
    # (written, shown): NFC, and no zero-width, soft hyphen or bidi character, but the joiners that
    # scripts other than Latin spell names with
    ("Jo\u200bhn Roe", "John Roe"),
    ("Zoe\u0308 Okafor", "Zo\u00eb Okafor"),
    ("Ama\u202e Roe\u202c", "Ama Roe"),
    ("Ro\u00adwe", "Rowe"),
    ("Jo\u200chn", "John"),
    ("\u0645\u0647\u200c\u0631\u0627\u0646", "\u0645\u0647\u200c\u0631\u0627\u0646"),  # Persian keeps its ZWNJ
    ("\u0915\u094d\u200d\u0937", "\u0915\u094d\u200d\u0937"),  # Devanagari keeps its ZWJ
]


@pytest.mark.parametrize(("written", "shown"), DISPLAYED, ids=[w.encode("unicode_escape").decode() for w, _ in DISPLAYED])
def test_display_names_drop_format_characters(written: str, shown: str) -> None:
    assert display_form(written) == shown


@pytest.fixture
def speakers(factory: sessionmaker[Session]) -> dict[str, int]:
    """Four speakers, one quote each; Zoë Okafor's alias is written decomposed, through a Core insert."""
    with factory.begin() as session:
        article = Article(content_hash="names", text="x" * 40, ingested_at=NOW)
        session.add(article)
        rows = {
            name: Speaker(name=name, kind="person", created_at=NOW)
            for name in ("Rob D’Souza", DECOMPOSED_ZOE, "John Roe", "Amberfield Council")
        }
        session.add_all(rows.values())
        session.flush()
        for index, row in enumerate(rows.values()):
            quote = Quote(article=article, start=index, end=index + 1, text="x", paragraph=0, kind="speech",
                          group_number=index)  # fmt: skip
            session.add(quote)
            session.flush()
            session.add(Attribution(quote_id=quote.id, speaker_id=row.id, method="cue-after", confidence=0.9,
                                    origin="parser", created_at=NOW))  # fmt: skip
        session.execute(
            insert(SpeakerAlias),
            [{"speaker_id": rows[DECOMPOSED_ZOE].id, "alias": "Ms Zoe\u0308 Okafor", "article_id": None,
              "origin": "manual"}],
        )  # fmt: skip
    return {name: row.id for name, row in rows.items()}


def test_names_are_stored_in_nfc_with_their_folded_form(speakers: dict[str, int], session: Session) -> None:
    names = dict(session.execute(select(Speaker.id, Speaker.name)).all())
    assert names[speakers[DECOMPOSED_ZOE]] == "Zoë Okafor" == unicodedata.normalize("NFC", DECOMPOSED_ZOE)
    (alias,) = session.execute(select(SpeakerAlias.alias, SpeakerAlias.alias_folded)).all()
    assert tuple(alias) == ("Ms Zoë Okafor", "ms zoe okafor")  # a Core insert, folded by the column default
    folded = dict(session.execute(select(Speaker.id, Speaker.name_folded)).all())
    assert folded[speakers["Rob D’Souza"]] == "rob d souza"


LOOKUPS = [  # (what a user types, the speaker it finds)
    ("d'souza", "Rob D’Souza"),
    ("D’SOUZA", "Rob D’Souza"),
    ("dʼsouza", "Rob D’Souza"),
    ("souza", "Rob D’Souza"),
    ("zoe", DECOMPOSED_ZOE),
    ("ZOË okafor", DECOMPOSED_ZOE),
    ("Zo\u200be", DECOMPOSED_ZOE),
    ("ms zoe", DECOMPOSED_ZOE),  # an alias
    ("roe", "John Roe"),
    ("amberfield coun", "Amberfield Council"),
]


NOT_FOUND = ["dsouza", "oza", "kafor", "--", "Rob D’Souza Roe"]  # words are whole (the last a prefix)
WHOLE_NAMES = [  # (typed, the speaker a whole-name lookup finds: speakers show/merge/rename, check)
    ("rob d'souza", "Rob D’Souza"), ("ROB D’SOUZA", "Rob D’Souza"), ("zoë okafor", DECOMPOSED_ZOE),
    ("Zoe\u0308 O\u200bkafor", DECOMPOSED_ZOE), ("ms zoe okafor", DECOMPOSED_ZOE), (" john   roe ", "John Roe"),
]  # fmt: skip


def test_speaker_lookups_fold_what_is_typed(speakers: dict[str, int], session: Session) -> None:
    for typed, expected in LOOKUPS:
        assert [row.speaker_id for row in list_quotes(session, speaker=typed)] == [speakers[expected]], typed
        assert count_quotes(session, QuoteQuery(speaker=typed)) == 1, typed
        assert [row.id for row in speaker_summaries(session, search=typed)] == [speakers[expected]], typed
    for typed in NOT_FOUND:
        assert list_quotes(session, speaker=typed) == [], typed
        assert speaker_summaries(session, search=typed) == [], typed
    for typed, expected in WHOLE_NAMES:
        assert find_speaker_id(session, typed) == speakers[expected], typed
        assert [found.id for found in speakers_by_name(session, typed)] == [speakers[expected]], typed
    with pytest.raises(CorrectionError, match="did you mean #\\d+ Rob D’Souza"):
        find_speaker(session, "souza")  # a word of a name is not the whole name


def test_rename_keeps_the_folded_name_and_indexes_in_step(
    speakers: dict[str, int], factory: sessionmaker[Session]
) -> None:
    with factory.begin() as session:
        rename_speaker(session, "rob d'souza", "Robert D’Souza-Hale", now=NOW)
    with factory() as session:
        assert [row.id for row in speaker_summaries(session, search="souza hale")] == [speakers["Rob D’Souza"]]
        assert find_speaker_id(session, "robert d'souza-hale") == speakers["Rob D’Souza"]
        assert find_speaker_id(session, "rob d'souza") == speakers["Rob D’Souza"]  # the old name, an alias now


@pytest.mark.sqlite_only
def test_migration_0013_folds_and_normalises_existing_names(tmp_path: object, db_path: object) -> None:
    """A database at 0011 with decomposed names and duplicate forms, upgraded to head."""
    from pathlib import Path

    from alembic import command

    from quotes.db.engine import make_engine
    from quotes.db.migrate import alembic_config

    url = f"sqlite:///{Path(str(tmp_path)) / 'old.db'}"
    config = alembic_config(url)
    command.upgrade(config, "0011")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO articles (id, content_hash, text, ingested_at) VALUES (1, 'h', 'x', '2026-01-01')"))
        connection.execute(text(
            "INSERT INTO speakers (id, name, name_origin, kind, anonymous, created_at) VALUES "
            f"(1, '{DECOMPOSED_ZOE}', 'parser', 'person', 0, '2026-01-01'), "
            "(2, 'Rob D’Souza', 'parser', 'person', 0, '2026-01-01')"
        ))  # fmt: skip
        connection.execute(text(
            "INSERT INTO speaker_aliases (speaker_id, alias, article_id, origin) VALUES "
            f"(1, 'Zoë Okafor', 1, 'parser'), (1, '{DECOMPOSED_ZOE}', 1, 'parser')"
        ))  # fmt: skip
        connection.execute(text(
            "INSERT INTO speaker_appearances (article_id, speaker_id, name, kind, ordinal, anonymous, rule, "
            "evidence, origin, created_at) VALUES "
            f"(1, 1, 'Zoë Okafor', 'person', 0, 0, 'new', '', 'parser', '2026-01-01'), "
            f"(1, 1, '{DECOMPOSED_ZOE}', 'person', 0, 0, 'new', '', 'parser', '2026-01-01')"
        ))  # fmt: skip
        connection.execute(text(
            "INSERT INTO quotes (id, article_id, start, \"end\", text, search_text, paragraph, kind, group_number) "
            "VALUES (1, 1, 0, 1, 'bud\u200bget', 'bud get', 0, 'speech', 0)"
        ))  # fmt: skip
    command.upgrade(config, "head")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT name, name_folded FROM speakers ORDER BY id")).all() == [
            ("Zoë Okafor", "zoe okafor"), ("Rob D’Souza", "rob d souza")
        ]  # fmt: skip
        assert connection.execute(text("SELECT alias, alias_folded FROM speaker_aliases")).all() == [
            ("Zoë Okafor", "zoe okafor")
        ]
        assert sorted(connection.execute(text("SELECT name, ordinal FROM speaker_appearances")).all()) == [
            ("Zoë Okafor", 0), ("Zoë Okafor", 1)
        ]  # fmt: skip
        assert connection.execute(text("SELECT search_text FROM quotes")).scalar_one() == "budget"
        assert connection.execute(text("SELECT rowid FROM speaker_fts WHERE speaker_fts MATCH 'souza'")).all() == [(2,)]
        assert connection.execute(text("SELECT rowid FROM quote_fts WHERE quote_fts MATCH 'budget'")).all() == [(1,)]
    command.downgrade(config, "0011")
    command.upgrade(config, "head")
    engine.dispose()
