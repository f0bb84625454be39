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

How: the terms are first matched against the speakers' folded names (`speakers.name_folded`, and each
speaker's distinct folded aliases in `speaker_alias_names`, each with its own full-text index: FTS5
tables on SQLite, GIN indexes on PostgreSQL, migrations 0013 and 0014). When no term names a
speaker the query is the full-text query alone. Otherwise the groups are split into those matched by
text and those matched by speaker, every way that can match (a quote has one speaker, so groups matched
by speaker must share one), each way is one full-text query restricted to the speakers' quotes, and
the ways are united. Quotes found through their speaker rank after quotes found by text alone.

Order of a page (`search_page`, what the terminal UI and `quotes list --search` show): when a search
matches at most RANK_LIMIT quotes, best match first (bm25 on SQLite, ts_rank on PostgreSQL; quotes found
by their speaker after those found by text); when it matches more, newest first (the most recently
stored quotes, by id). Which one is decided by reading the newest RANK_LIMIT + 1 matches, each way
walked in id order from its index and cut there before the ways are united: a word in 300,000 quotes
costs what one in 1,001 does, and that same read is the first page of a newest-first search.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import combinations
from typing import Any

from sqlalchemy import Integer, Select, Subquery, func, literal, or_, select, tuple_, union, union_all
from sqlalchemy.orm import Session

from quotes.db import fts
from quotes.db.fts import SearchQuery, Term, parse_search, text_matches
from quotes.db.models import Attribution, Speaker, SpeakerStats

MAX_NAME_GROUPS = 6  # groups beyond the sixth that name a speaker are matched by text only
SPEAKER_MATCH_SCORE = 0.0  # text scores are negative on both backends: speaker matches come after
WALK_EACH_SPEAKER = 8  # a name matching up to this many speakers is walked one speaker at a time
RANK_LIMIT = 1000  # a search matching at most this many quotes is ranked; more come newest first


class SearchOrder(StrEnum):
    """The order a page of search results comes in (`QuotePage.search_order`)."""

    BEST = "best match first"  # at most RANK_LIMIT matches: each one ranked (bm25 / ts_rank)
    NEWEST = "newest first"  # more: the most recently stored quotes first, read from the index in id order


BEST_CURSOR, NEWEST_CURSOR = "best", "newest"  # a page's cursor opens with its order: (BEST, score, id), (NEWEST, id)


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of a search: (quote_id, score) in order, the cursor of the next page, the order used."""

    hits: tuple[tuple[int, float], ...]
    next_after: tuple[Any, ...] | None
    order: SearchOrder


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
        .distinct()  # a speaker whose name and aliases hold the term comes once
    )
    for index, speaker_id in session.execute(statement):
        found[wanted[index]].add(speaker_id)
    return {term: frozenset(found[term]) for term in wanted}


def quotes_said_by(speaker_ids: Iterable[int]) -> Select[int]:
    """Ids of the quotes whose current attribution (manual if any, else the parser's) names one of
    the speakers."""
    from quotes.db.repo import has_manual_attribution  # repo imports this module

    has_manual = has_manual_attribution(Attribution.quote_id)
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


Hit = tuple[int, float]  # (quote_id, score)
Way = Select[*tuple[Any, ...]]  # (quote_id, score) of the quotes one way of a search matches


@dataclass(frozen=True, slots=True)
class Ways:
    """The ways a search can match (module docstring), each a select of (quote_id, score) holding an id
    once: `whole` the speakers every one of whose quotes matches (a word of their name, nothing
    excluded), each read as one way of `whole_ways`; `others` the rest."""

    others: tuple[Way, ...]
    whole: tuple[int, ...] = ()
    whole_ways: tuple[Way, ...] = ()
    by_text: Way | None = None  # the way that matches every group by text: the only one with real scores

    @property
    def every(self) -> list[Way]:
        return [*self.others, *self.whole_ways]


def _said_by_way(speaker_ids: Iterable[int]) -> Way:
    return quotes_said_by(speaker_ids).with_only_columns(
        Attribution.quote_id.label("quote_id"), literal(SPEAKER_MATCH_SCORE).label("score")
    )


def _plan(session: Session, parsed: SearchQuery) -> Ways:
    """Each way `parsed` can match, the excluded speakers' quotes left out of every way."""
    named = named_speakers(session, [*(t for group in parsed.groups for t in group), *parsed.excluded])
    if not any(named.values()):
        every_group = text_matches(session, parsed)
        return Ways((every_group,), by_text=every_group)
    group_ids = [frozenset().union(*(named[term] for term in group)) for group in parsed.groups]
    excluded_ids = frozenset().union(*(named[term] for term in parsed.excluded))
    branches: list[Way] = []
    whole: frozenset[int] = frozenset()
    for chosen, speaker_ids in _ways(group_ids):
        rest = tuple(group for index, group in enumerate(parsed.groups) if index not in chosen)
        by_text = text_matches(session, SearchQuery(rest, parsed.excluded)) if rest else None
        if by_text is not None and not chosen:
            branches.append(by_text)
        elif by_text is not None:  # each text match probed for its speaker: never the speakers' every quote
            found = by_text.selected_columns.quote_id
            said = quotes_said_by(speaker_ids).where(Attribution.quote_id == found)
            branches.append(by_text.with_only_columns(found, literal(SPEAKER_MATCH_SCORE).label("score")).where(said.exists()))
        elif not parsed.excluded and not excluded_ids:
            whole = speaker_ids
        else:
            theirs = _said_by_way(speaker_ids)
            if parsed.excluded:
                excluded_text = text_matches(session, SearchQuery((parsed.excluded,))).subquery()
                theirs = theirs.where(Attribution.quote_id.not_in(select(excluded_text.c.quote_id)))
            branches.append(theirs)
    if excluded_ids:  # probed per match: the excluded speakers' every quote is never read
        branches = [_without(branch, excluded_ids) for branch in branches]
    # one way per speaker when they are few: each is read from its own index in id order
    each = [[one] for one in sorted(whole)] if len(whole) <= WALK_EACH_SPEAKER else [sorted(whole)]
    whole_ways = tuple(_said_by_way(ids) for ids in each if ids)
    scored = branches[0] if branches and parsed.groups else None  # _ways puts the all-text way first
    return Ways(tuple(branches), tuple(sorted(whole)), whole_ways, by_text=scored)


def _without(branch: Way, speaker_ids: frozenset[int]) -> Way:
    key = branch.selected_columns.quote_id
    return branch.where(~quotes_said_by(speaker_ids).where(Attribution.quote_id == key).exists())


def _united(branches: Sequence[Way]) -> Way:
    """(quote_id, best score) over the ways."""
    if len(branches) == 1:
        only = branches[0].subquery("search_way")
        return select(only.c.quote_id, only.c.score)
    united = union_all(*branches).subquery("search_ways")
    return select(united.c.quote_id, func.min(united.c.score).label("score")).group_by(united.c.quote_id)


def matching_quotes(session: Session, q: str, *, raw: bool = False) -> Subquery | None:
    """A subquery of (quote_id, score) for quotes matching `q` by text or by speaker; lower score is
    better. None when `q` holds no term to find. `raw=True` hands `q` to the database's own full-text
    syntax over quote text only."""
    if raw:
        return text_matches(session, q).subquery("search_match") if q.strip() else None
    parsed = parse_search(q)
    if parsed is None:
        return None
    return _united(_plan(session, parsed).every).subquery("search_match")


def _walk(
    branches: Sequence[Way], *, after_id: int | None, newest: bool, limit: int, scored: bool = True
) -> Way:
    """The first `limit` matches after `after_id` in id order (descending when `newest`): each way read
    in that order from its own index (FTS5 walks its doclist by rowid; PostgreSQL a primary-key or
    attribution index, or a bitmap when the way is small) and cut at `limit` before the ways are united.
    Unscored, every score is SPEAKER_MATCH_SCORE and none is computed (PostgreSQL's ts_rank reparses
    each quote's text)."""
    walks: list[Way] = []
    for branch in branches:
        key = branch.selected_columns.quote_id
        if not scored:
            branch = branch.with_only_columns(key, literal(SPEAKER_MATCH_SCORE).label("score"))
        if after_id is not None:  # written into the SQL, as the words are (quotes.db.fts.text_matches)
            after = literal(after_id, Integer, literal_execute=True)
            branch = branch.where(key < after if newest else key > after)
        cut = branch.order_by(key.desc() if newest else key).limit(literal(limit, Integer, literal_execute=True)).subquery()
        walks.append(select(cut.c.quote_id, cut.c.score))
    walked = _united(walks).subquery("walked")
    order = walked.c.quote_id.desc() if newest else walked.c.quote_id
    return select(walked.c.quote_id, walked.c.score).order_by(order).limit(limit)


def _newest_page(hits: Sequence[Hit], limit: int) -> SearchPage:
    more = len(hits) > limit
    return SearchPage(tuple(hits[:limit]), (NEWEST_CURSOR, hits[limit - 1][0]) if more else None, SearchOrder.NEWEST)


def search_page(
    session: Session,
    q: str,
    *,
    after: tuple[Any, ...] | None = None,
    limit: int = 100,
    descending: bool = False,
    rank_limit: int | None = None,
) -> SearchPage | None:
    """One page of `q`'s matches after the cursor of the previous page, best match first when `q` matches
    at most `rank_limit` (RANK_LIMIT) quotes, else newest first (module docstring; `descending` reverses either);
    the cursor carries the order, so every page of one search comes in the order of its first page.
    None when `q` holds no term to find."""
    parsed = parse_search(q)
    if parsed is None:
        return None
    rank_limit = RANK_LIMIT if rank_limit is None else rank_limit
    ways = _plan(session, parsed)
    branches = ways.every
    if after is None and ways.whole and _kept_quotes(session, ways.whole) > rank_limit:
        after = (NEWEST_CURSOR, None)  # the speakers' kept counts alone are past the limit: nothing to probe
    if after is not None and after[0] == NEWEST_CURSOR:
        onward = _walk(branches, after_id=after[1], newest=not descending, limit=limit + 1, scored=False)
        return _newest_page([(i, s) for i, s in session.execute(onward)], limit)
    if after is not None:  # (BEST_CURSOR, score, quote_id): the ranked matches past it
        return _ranked_page(session, branches, after=after[1:], limit=limit, descending=descending)
    cheap = fts.scores_are_cheap(session)
    probe = _walk(branches, after_id=None, newest=not descending, limit=max(rank_limit, limit) + 1, scored=cheap)
    first = [(i, s) for i, s in session.execute(probe)]
    if len(first) > rank_limit:
        return _newest_page(first, limit)
    if not cheap and ways.by_text is not None:  # the few matches scored: only the text way has scores
        scored = _walk([ways.by_text], after_id=None, newest=True, limit=rank_limit + 1)
        scores = {quote_id: score for quote_id, score in session.execute(scored)}
        first = [(quote_id, scores.get(quote_id, SPEAKER_MATCH_SCORE)) for quote_id, _unscored in first]
    ranked = sorted(first, key=lambda hit: (hit[1], hit[0]), reverse=descending)
    more = len(ranked) > limit
    next_after = (BEST_CURSOR, ranked[limit - 1][1], ranked[limit - 1][0]) if more else None
    return SearchPage(tuple(ranked[:limit]), next_after, SearchOrder.BEST)


def _ranked_page(
    session: Session,
    branches: Sequence[Way],
    *,
    after: tuple[Any, ...],
    limit: int,
    descending: bool,
) -> SearchPage:
    """The page after `after` of every match in (score, quote_id) order: the pages after the first of a
    search ranked on its first page."""
    matches = _united(branches).subquery("search_match")
    keys = (matches.c.score, matches.c.quote_id)
    position = tuple_(*keys)
    page = select(*keys).where(position < tuple_(*after) if descending else position > tuple_(*after))
    order = [key.desc() for key in keys] if descending else list(keys)
    hits = [(i, s) for s, i in session.execute(page.order_by(*order).limit(limit + 1))]
    more = len(hits) > limit
    return SearchPage(tuple(hits[:limit]), (BEST_CURSOR, hits[limit - 1][1], hits[limit - 1][0]) if more else None, SearchOrder.BEST)


def _kept_quotes(session: Session, speaker_ids: Iterable[int]) -> int:
    """How many quotes the speakers have, from their kept counts (speaker_stats)."""
    kept = select(func.coalesce(func.sum(SpeakerStats.quotes), 0)).where(SpeakerStats.speaker_id.in_(list(speaker_ids)))
    return int(session.execute(kept).scalar_one())


def count_matches(session: Session, q: str) -> int:
    """How many quotes `q` matches: ids alone, no score, no row of another table; the quotes of speakers
    matched by name alone from their kept counts (speaker_stats), the other ways' matches counted
    when said by someone else (a quote has one speaker, so the two parts never overlap)."""
    parsed = parse_search(q)
    if parsed is None:
        return 0
    ways = _plan(session, parsed)
    kept = _kept_quotes(session, ways.whole) if ways.whole else 0
    others = list(ways.others) if not ways.whole else [_without(way, frozenset(ways.whole)) for way in ways.others]
    if not others:
        return kept
    ids = [way.with_only_columns(way.selected_columns.quote_id) for way in others]
    found = ids[0].subquery() if len(ids) == 1 else union(*ids).subquery()
    return kept + session.execute(select(func.count()).select_from(found)).scalar_one()


def search_quotes(session: Session, q: str) -> list[int]:
    """Ids of quotes matching `q` by text or by speaker, best match first."""
    matches = matching_quotes(session, q)
    if matches is None:
        return []
    return list(session.scalars(select(matches.c.quote_id).order_by(matches.c.score, matches.c.quote_id)))
