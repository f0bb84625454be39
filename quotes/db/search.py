"""The search language over quote text and the quote's speaker: what `--search`, the terminal UI's `/`
and sheets run.

Rule (README "Searching"): a term (word, "phrase", prefix*) matches a quote when the quote's text holds
it (`quotes.db.fts`) or when the name or an alias of the quote's current speaker holds it, as whole
words in order ("okafor", "zoe okafor", "oka*"; folded like the text: case, accents, apostrophe kinds
and zero-width characters do not count). Groups of terms joined by OR match when one of them does;
every group must match; a quote is left out when any -excluded term matches it, by text or by speaker.
So `budget okafor` finds Okafor's quotes about the budget and quotes naming Okafor and the budget;
`budget -okafor` leaves out both. Unnamed speakers (whose "name" is a description such as "a
spokeswoman") are never matched by name.

How: the terms are first matched against the speakers' folded names (`speakers.name_folded`,
`speaker_aliases.alias_folded`, each with its own full-text index: FTS5 tables on SQLite, GIN indexes
on PostgreSQL, migration 0013). When no term names a
speaker the query is the full-text query alone. Otherwise the groups are split into those matched by
text and those matched by speaker, every way that can match (a quote has one speaker, so groups matched
by speaker must share one), each way is one full-text query restricted to the speakers' quotes, and
the ways are united. Quotes found through their speaker rank after quotes found by text alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import combinations
from typing import Any

from sqlalchemy import Select, Subquery, exists, func, literal, or_, select, tuple_, union_all
from sqlalchemy.orm import Session, aliased

from quotes.db import fts
from quotes.db.fts import SearchQuery, Term, parse_search, text_matches
from quotes.db.models import Attribution, Speaker

MAX_NAME_GROUPS = 6  # groups beyond the sixth that name a speaker are matched by text only
SPEAKER_MATCH_SCORE = 0.0  # text scores are negative on both backends: speaker matches come after


def named_speakers(session: Session, terms: Iterable[Term]) -> dict[Term, frozenset[int]]:
    """The speakers (not unnamed ones) whose name or an alias holds each term as whole words in order,
    from the speaker-name indexes (`fts.speakers_with_words`)."""
    wanted = list(dict.fromkeys(terms))
    if not wanted:
        return {}
    found: defaultdict[Term, set[int]] = defaultdict(set)
    matches = fts.speakers_with_words(session, wanted).subquery("named")
    statement = (
        select(matches.c.term, matches.c.speaker_id)
        .join(Speaker, Speaker.id == matches.c.speaker_id)
        .where(Speaker.kind != "unnamed")
        .distinct()  # a popular name is an alias once per article: tens of thousands of rows, few speakers
    )
    for index, speaker_id in session.execute(statement):
        found[wanted[index]].add(speaker_id)
    return {term: frozenset(found[term]) for term in wanted}


def quotes_said_by(speaker_ids: Iterable[int]) -> Select[int]:
    """Ids of the quotes whose current attribution (manual if any, else the parser's) names one of
    the speakers."""
    manual = aliased(Attribution)
    has_manual = exists().where(manual.quote_id == Attribution.quote_id, manual.origin == "manual")
    return select(Attribution.quote_id).where(
        Attribution.speaker_id.in_(sorted(speaker_ids)), or_(Attribution.origin == "manual", ~has_manual)
    )


def _ways(groups: Sequence[frozenset[int]]) -> list[tuple[tuple[int, ...], frozenset[int]]]:
    """Each set of group indexes that one speaker can match together, with the speakers that do;
    the empty set (every group by text) first."""
    naming = [index for index, ids in enumerate(groups) if ids][:MAX_NAME_GROUPS]
    ways: list[tuple[tuple[int, ...], frozenset[int]]] = [((), frozenset())]
    for size in range(1, len(naming) + 1):
        for chosen in combinations(naming, size):
            shared = frozenset.intersection(*(groups[index] for index in chosen))
            if shared:
                ways.append((chosen, shared))
    return ways


def matching_quotes(session: Session, q: str, *, raw: bool = False) -> Subquery | None:
    """A subquery of (quote_id, score) for quotes matching `q` by text or by speaker; lower score is
    better. None when `q` holds no term to find. `raw=True` hands `q` to the database's own full-text
    syntax over quote text only."""
    if raw:
        return text_matches(session, q).subquery("search_match") if q.strip() else None
    parsed = parse_search(q)
    if parsed is None:
        return None
    named = named_speakers(session, [*(t for group in parsed.groups for t in group), *parsed.excluded])
    if not any(named.values()):
        return text_matches(session, parsed).subquery("search_match")
    group_ids = [frozenset().union(*(named[term] for term in group)) for group in parsed.groups]
    excluded_ids = frozenset().union(*(named[term] for term in parsed.excluded))
    branches: list[Select[tuple[int, float]]] = []
    for chosen, speaker_ids in _ways(group_ids):
        rest = tuple(group for index, group in enumerate(parsed.groups) if index not in chosen)
        by_text = text_matches(session, SearchQuery(rest, parsed.excluded)) if rest else None
        if not chosen and by_text is not None:
            branches.append(by_text)
            continue
        if by_text is not None:  # each text match probed for its speaker: never the speakers' every quote
            found = by_text.subquery()
            said = quotes_said_by(speaker_ids).where(Attribution.quote_id == found.c.quote_id)
            branches.append(select(found.c.quote_id, literal(SPEAKER_MATCH_SCORE)).where(said.exists()))
            continue
        theirs = quotes_said_by(speaker_ids)
        if parsed.excluded:
            excluded_text = text_matches(session, SearchQuery((parsed.excluded,)))
            theirs = theirs.where(Attribution.quote_id.not_in(select(excluded_text.subquery().c.quote_id)))
        branches.append(select(theirs.subquery().c.quote_id, literal(SPEAKER_MATCH_SCORE).label("score")))
    united = union_all(*branches).subquery("search_ways")
    statement = select(united.c.quote_id, func.min(united.c.score).label("score")).group_by(united.c.quote_id)
    if excluded_ids:  # probed per match: the excluded speakers' every quote is never read
        said = quotes_said_by(excluded_ids).where(Attribution.quote_id == united.c.quote_id)
        statement = statement.where(~said.exists())
    return statement.subquery("search_match")


def ranked_page(
    session: Session, q: str, *, after: tuple[Any, ...] | None, limit: int, descending: bool = False
) -> Subquery | None:
    """(quote_id, score) of one page of `q`'s matches in (score, quote_id) order, after the cursor:
    ordering the matches alone and joining rows to the page only is what keeps a search for a common
    word quick."""
    matches = matching_quotes(session, q)
    if matches is None:
        return None
    keys = (matches.c.score, matches.c.quote_id)
    page = select(*keys)
    if after is not None:
        position = tuple_(*keys)
        page = page.where(position < tuple_(*after) if descending else position > tuple_(*after))
    order = [key.desc() for key in keys] if descending else list(keys)
    return page.order_by(*order).limit(limit).subquery("search_page")


def count_matches(session: Session, q: str) -> int:
    """How many quotes `q` matches."""
    matches = matching_quotes(session, q)
    return 0 if matches is None else session.execute(select(func.count()).select_from(matches)).scalar_one()


def search_quotes(session: Session, q: str) -> list[int]:
    """Ids of quotes matching `q` by text or by speaker, best match first."""
    matches = matching_quotes(session, q)
    if matches is None:
        return []
    return list(session.scalars(select(matches.c.quote_id).order_by(matches.c.score, matches.c.quote_id)))
