"""Full-text search over quote text, one search language with the same results on SQLite and PostgreSQL.

The language (README "Searching"):
  words           every word must appear, anywhere in the quote, in any order
  "a phrase"      these words in this order
  prefix*         any word starting with prefix (also at the end of a phrase: "prime minis*")
  a OR b          either (OR in capitals, between two terms; it binds tighter than the spaces)
  -word, -"a b"   quotes holding this word or phrase are left out (a query needs one term to find)
Matching ignores case, accents and punctuation: "Muller" finds "Müller", "dont" does not find "don't"
but "don't" finds "don’t" (both are the words "don" and "t"), "e-mail" is the phrase "e mail".

Both backends index the same text: `quotes.search_text`, `fold_for_search(text)` computed in Python
when a quote is written, holding only lowercase letters and digits between single spaces. Queries are
folded by the same function, so neither database's tokenizer, locale or accent rules can make the two
disagree. The index objects exist only in migrations (alembic/versions/0007): on SQLite `quote_fts`,
an external-content FTS5 table on `search_text` kept in step by the triggers `quote_fts_ai/_ad/_au`; on
PostgreSQL `ix_quotes_search_tsv`, a GIN index on the stored `quotes.search_tsv` (0014). This is
the only module that branches on the dialect, with its word lookups (quotes/db/word_lookups.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex
from sqlalchemy import (
    Column,
    ColumnElement,
    CompoundSelect,
    Double,
    Float,
    Integer,
    MetaData,
    Select,
    Subquery,
    Table,
    Text,
    cast,
    except_,
    func,
    literal,
    literal_column,
    select,
    union_all,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from quotes.folding import fold_characters

# speaker names: on SQLite FTS5 tables speaker_fts (migration 0013) and speaker_alias_name_fts (each
# speaker's distinct aliases, 0014), on PostgreSQL:
SPEAKER_NAME_TSV_INDEX = "ix_speakers_name_folded_tsv"
SPEAKER_ALIAS_TSV_INDEX = "ix_speaker_aliases_alias_folded_tsv"  # every alias row (0013; dropped by 0015)
SPEAKER_ALIAS_NAME_TSV_INDEX = "ix_speaker_alias_names_alias_folded_tsv"
ARTICLE_TSV_INDEX = "ix_articles_text_tsv"  # article text (migration 0009, quotes.db.word_lookups)
QUOTE_TSV_COLUMN = "search_tsv"  # PostgreSQL: quotes.search_tsv, to_tsvector of search_text, stored (0014)
QUOTE_TSV_INDEX = "ix_quotes_search_tsv"
MANUAL_ATTRIBUTIONS_INDEX = "ix_attributions_manual_quote_id"  # attributions(quote_id) of manual ones (0014)
# quotes(continues_id) and quotes(nested_in_id) WHERE ... IS NOT NULL (0018; full indexes before)
QUOTE_REFERENCE_INDEXES = ("ix_quotes_continues_id", "ix_quotes_nested_in_id")
MIGRATION_ONLY_INDEXES = frozenset(  # alembic/env.py leaves these alone
    {"ix_quotes_text_tsv", "ix_quotes_search_text_tsv", SPEAKER_NAME_TSV_INDEX, SPEAKER_ALIAS_TSV_INDEX}
    | {ARTICLE_TSV_INDEX, QUOTE_TSV_INDEX, MANUAL_ATTRIBUTIONS_INDEX, *QUOTE_REFERENCE_INDEXES}
)
MIGRATION_ONLY_COLUMNS = frozenset({QUOTE_TSV_COLUMN})
PG_TEXT_SEARCH_CONFIG = "simple"

_fts_metadata = MetaData()  # never Base.metadata: the virtual table is not a model
quote_fts = Table(
    "quote_fts",
    _fts_metadata,
    Column("rowid", Integer),
    Column("search_text", Text),
    Column("rank", Float),
)

_NOT_WORD = regex.compile(r"[^\p{L}\p{N}]+")
_MARKS = regex.compile(r"\p{M}+")  # marks left after folding (vowel signs...): part of their word
_QUERY_TOKEN = regex.compile(r'(?P<minus>-?)"(?P<phrase>[^"]*)"?|(?P<bare>\S+)')


def fold_for_search(text: str) -> str:
    """`text` as both indexes see it: `quotes.folding.fold_characters` (casefolded, accents, zero-width
    and bidi characters dropped), other marks dropped, and every run of characters that are not letters
    or digits (punctuation, apostrophes of any kind) made one space. The words of speaker names that a
    search matches are folded the same way (`speakers.name_folded`, `speaker_aliases.alias_folded`)."""
    return _NOT_WORD.sub(" ", _MARKS.sub("", fold_characters(text))).strip()


@dataclass(frozen=True, slots=True)
class Term:
    """One word (one piece) or phrase (several), each piece folded; `prefix` applies to the last piece."""

    pieces: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """All `groups` must match (each group: any of its terms), and none of `excluded`."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()


def _term(text: str, *, prefix: bool) -> Term | None:
    pieces = tuple(fold_for_search(text).split())
    return Term(pieces, prefix) if pieces else None


def parse_search(user_input: str) -> SearchQuery | None:
    """The search language above, as data; None when `user_input` holds no term to find."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False  # the previous token was OR, between two terms
    for match in _QUERY_TOKEN.finditer(user_input):
        bare = match["bare"]
        if bare == "OR":
            join_next = bool(groups)
            continue
        if bare is None:
            negated, body, prefix = bool(match["minus"]), match["phrase"], False
            if body.endswith("*"):
                body, prefix = body[:-1], True
        else:
            negated = bare.startswith("-") and len(bare) > 1
            body = bare[1:] if negated else bare
            prefix = body.endswith("*")
            body = body.rstrip("*")
        term = _term(body, prefix=prefix)
        if term is None:
            join_next = False
            continue
        if negated:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if not groups:
        return None
    return SearchQuery(tuple(tuple(group) for group in groups), tuple(excluded))


def fts5_query(query: SearchQuery) -> str:
    """The query in SQLite FTS5 syntax (pieces hold only letters and digits: nothing to escape)."""

    def term(t: Term) -> str:
        return '"' + " ".join(t.pieces) + '"' + (" *" if t.prefix else "")

    def any_of(terms: tuple[Term, ...]) -> str:
        return term(terms[0]) if len(terms) == 1 else "(" + " OR ".join(term(t) for t in terms) + ")"

    found = " AND ".join(any_of(group) for group in query.groups)
    if query.excluded:
        found = f"({found}) NOT {any_of(query.excluded)}"
    return found


def tsquery_text(query: SearchQuery) -> str:
    """The query in PostgreSQL to_tsquery syntax: & for all, | for any, <-> for a phrase, :* prefix."""

    def term(t: Term) -> str:
        lexemes = [f"'{piece}'" for piece in t.pieces]
        if t.prefix:
            lexemes[-1] += ":*"
        return "(" + " <-> ".join(lexemes) + ")"

    def any_of(terms: tuple[Term, ...]) -> str:
        return "(" + " | ".join(term(t) for t in terms) + ")"

    parts = [any_of(group) for group in query.groups]
    parts.extend(f"!{any_of((t,))}" for t in query.excluded)
    return " & ".join(parts)


def quote_words() -> ColumnElement[object]:
    """PostgreSQL: the stored words of the quote in the statement (`quotes.search_tsv`, migration 0014),
    what its GIN index holds; read, never computed again from the text."""
    return literal_column(f"quotes.{QUOTE_TSV_COLUMN}")


def scores_are_cheap(session: Session) -> bool:
    """Whether scoring matches costs little beside finding them: PostgreSQL ranks the stored words,
    while FTS5's bm25 reads each match's positions again (several times the walk for a common word)."""
    return session.get_bind().dialect.name == "postgresql"


class SearchSyntaxError(ValueError):
    """A raw full-text query the database could not parse."""


def text_matches(session: Session, query: SearchQuery | str) -> Select[tuple[int, float]]:
    """(quote_id, score) of the quotes whose text matches `query`; lower score is better. A str is the
    database's own syntax (FTS5 or to_tsquery) over the folded text."""
    from quotes.db.models import Quote

    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        expression = query if isinstance(query, str) else fts5_query(query)
        return select(
            quote_fts.c.rowid.label("quote_id"), quote_fts.c.rank.label("score")
        ).where(literal_column("quote_fts").op("MATCH")(expression))
    if dialect == "postgresql":
        config: ColumnElement[str] = literal_column(f"'{PG_TEXT_SEARCH_CONFIG}'")
        # written into the SQL, not bound: a plan PostgreSQL caches for one statement must not serve a
        # query of other words (a rare word's bitmap is a common word's full scan, and the reverse)
        words = literal(query if isinstance(query, str) else tsquery_text(query), Text, literal_execute=True)
        tsquery = func.to_tsquery(config, words)
        document = quote_words()
        return select(
            # as double precision: a real (float4) read back as text is not the value it compares to
            Quote.id.label("quote_id"), cast(-func.ts_rank(document, tsquery), Double).label("score")
        ).where(document.op("@@")(tsquery))
    raise NotImplementedError(f"full-text search is not available on {dialect}")


speaker_fts = Table("speaker_fts", _fts_metadata, Column("rowid", Integer), Column("name_folded", Text))
# each (speaker, folded alias) once, kept by triggers on speaker_aliases (migration 0014), not a model
speaker_alias_names = Table(
    "speaker_alias_names",
    _fts_metadata,
    Column("id", Integer, primary_key=True),
    Column("speaker_id", Integer),
    Column("alias_folded", Text),
)
speaker_alias_name_fts = Table("speaker_alias_name_fts", _fts_metadata, Column("rowid", Integer))


def speaker_alias_names_drift(session: Session) -> list[tuple[str, int, str]]:
    """("missing" | "stray", speaker id, folded alias) for each pair `speaker_alias_names` lacks or holds
    beyond the distinct pairs of `speaker_aliases`: empty while migration 0014's triggers keep it."""
    from quotes.db.models import SpeakerAlias

    held = select(speaker_alias_names.c.speaker_id, speaker_alias_names.c.alias_folded)
    given = select(SpeakerAlias.speaker_id, SpeakerAlias.alias_folded).where(SpeakerAlias.alias_folded.is_not(None))
    missing = [("missing", *row) for row in session.execute(except_(given, held))]
    stray = [("stray", *row) for row in session.execute(except_(held, given))]
    return [(str(kind), int(speaker_id), str(alias)) for kind, speaker_id, alias in missing + stray]


def speakers_with_words(session: Session, terms: Sequence[Term]) -> CompoundSelect[int, int]:
    """(term index, speaker id) for each term and each speaker whose folded name or an alias holds it
    as whole words in order (the last one a prefix if the term is), from the speaker-name indexes: each
    speaker's distinct aliases, so a name given in 30,000 articles is read once."""
    from quotes.db.models import Speaker

    dialect = session.get_bind().dialect.name
    selects: list[Select[int, int]] = []
    aliases = speaker_alias_names.c
    for index, term in enumerate(terms):
        number = literal(index).label("term")
        if dialect == "sqlite":
            expression = fts5_query(SearchQuery(((term,),)))
            selects.append(
                select(number, speaker_fts.c.rowid.label("speaker_id")).where(
                    literal_column("speaker_fts").op("MATCH")(expression)
                )
            )
            selects.append(
                select(number, aliases.speaker_id)
                .select_from(speaker_alias_name_fts)
                .join(speaker_alias_names, aliases.id == speaker_alias_name_fts.c.rowid)
                .where(literal_column("speaker_alias_name_fts").op("MATCH")(expression))
            )
        elif dialect == "postgresql":
            config: ColumnElement[str] = literal_column(f"'{PG_TEXT_SEARCH_CONFIG}'")
            tsquery = func.to_tsquery(config, tsquery_text(SearchQuery(((term,),))))
            by_name = func.to_tsvector(config, Speaker.name_folded).op("@@")(tsquery)
            by_alias = func.to_tsvector(config, aliases.alias_folded).op("@@")(tsquery)
            selects.append(select(number, Speaker.id.label("speaker_id")).where(by_name))
            selects.append(select(number, aliases.speaker_id).where(by_alias))
        else:
            raise NotImplementedError(f"full-text search is not available on {dialect}")
    return union_all(*selects)


def matching_quotes(session: Session, q: str, *, raw: bool = False) -> Subquery | None:
    """A subquery of (quote_id, score) for quotes whose text matches `q`; lower score is better.

    `raw=True` hands `q` to the database as its own syntax (FTS5 or to_tsquery) over the folded text.
    Returns None when `q` holds no term to find, so callers can return no rows. Text only:
    `quotes.db.search.matching_quotes` also finds quotes by their speaker's names.
    """
    if raw:
        return text_matches(session, q).subquery("fts_match") if q.strip() else None
    parsed = parse_search(q)
    return None if parsed is None else text_matches(session, parsed).subquery("fts_match")


def search_quotes(session: Session, q: str, *, raw: bool = False) -> list[int]:
    """Ids of quotes whose text matches `q`, best match first."""
    matches = matching_quotes(session, q, raw=raw)
    if matches is None:
        return []
    statement = select(matches.c.quote_id).order_by(matches.c.score, matches.c.quote_id)
    try:
        return list(session.scalars(statement))
    except DBAPIError as error:
        if raw:
            raise SearchSyntaxError(f"cannot parse search {q!r}: {error}") from error
        raise
