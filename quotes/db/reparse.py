"""`quotes reparse`: run the current parser over stored articles again and apply what changed.

One transaction per article. Quotes are matched by their offsets, so unchanged quotes keep their ids
and everything attached to them. Each article's speakers find their entities again through their
appearances (name, kind and ordinal within the article), so merges, splits and renames made by a
person stay; only speakers the old parse did not have are resolved anew. Manual attributions are never
dropped: a quote the parser no longer finds keeps its manual attribution, which moves to the new
quote when the parser now finds an overlapping span.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from quotes.db.article_rows import ArticleRejected, check_parse, warning_rows
from quotes.db.models import (
    Article,
    Attribution,
    ParseWarning,
    Quote,
    Speaker,
    SpeakerAlias,
    SpeakerAppearance,
    SpeakerDecision,
    SpeakerRole,
)
from quotes.db.profiles import refresh_summaries
from quotes.db.speakers import record_evidence, resolve_speakers
from quotes.parse import ArticleParse, QuoteCandidate, parse_article


@dataclass(frozen=True, slots=True)
class ArticleChanges:
    """What a reparse changed in one article (all zero when the parser finds the same as before)."""

    article_id: int
    title: str | None = None
    added: int = 0  # quotes the parser finds now and did not before
    removed: int = 0  # quotes it no longer finds (and no person attributed)
    reattributed: int = 0  # quotes whose parser attribution names another speaker (none without manual)
    kept: int = 0  # quotes it no longer finds, kept for their manual attribution
    moved: int = 0  # manual attributions moved to a new, overlapping quote
    failed: str | None = None

    @property
    def changed(self) -> bool:
        return any((self.added, self.removed, self.reattributed, self.kept, self.moved))

    def describe(self) -> str:
        if self.failed:
            return f"failed: {self.failed}"
        parts = [f"{self.added} added", f"{self.removed} removed", f"{self.reattributed} re-attributed"]
        if self.kept:
            parts.append(f"{self.kept} kept for a manual attribution")
        if self.moved:
            parts.append(f"{self.moved} manual attribution(s) moved to a changed quote")
        return ", ".join(parts)


@dataclass(slots=True)
class ReparseReport:
    articles: int = 0
    changed: list[ArticleChanges] = field(default_factory=list)
    failures: list[ArticleChanges] = field(default_factory=list)
    added: int = 0
    removed: int = 0
    reattributed: int = 0

    def record(self, changes: ArticleChanges) -> None:
        self.articles += 1
        if changes.failed:
            self.failures.append(changes)
        elif changes.changed:
            self.changed.append(changes)
            self.added += changes.added
            self.removed += changes.removed
            self.reattributed += changes.reattributed

    def summary(self) -> str:
        return (
            f"{self.articles} articles reparsed, {len(self.changed)} changed, {len(self.failures)} failed; "
            f"quotes: {self.added} added, {self.removed} removed, {self.reattributed} re-attributed"
        )


def reparse_articles(
    factory: sessionmaker[Session],
    article_ids: Sequence[int] | None = None,
    *,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    parse: Callable[[str], ArticleParse] = parse_article,
) -> Iterator[ArticleChanges]:
    """Reparse the given articles (default: all), each in its own transaction; one result per article."""
    with factory() as session:
        ids = (
            list(article_ids)
            if article_ids is not None
            else list(session.scalars(select(Article.id).order_by(Article.id)))
        )
    for article_id in ids:
        try:
            with factory.begin() as session:
                changes = reparse_article(session, article_id, now=now(), parse=parse)
        except ArticleRejected as error:
            changes = ArticleChanges(article_id, failed=str(error))
        except Exception as error:  # noqa: BLE001  (one article's failure must not stop the others)
            changes = ArticleChanges(article_id, failed=f"{type(error).__name__}: {error}")
        yield changes


def reparse_article(
    session: Session,
    article_id: int,
    *,
    now: datetime,
    parse: Callable[[str], ArticleParse] = parse_article,
) -> ArticleChanges:
    """Apply a fresh parse of one stored article (no commit)."""
    article = session.get(Article, article_id)
    if article is None:
        raise ArticleRejected(f"no article {article_id}")
    result = parse(article.text)
    check_parse(article.text, result)
    old_quotes = list(
        session.scalars(
            select(Quote).where(Quote.article_id == article_id).options(selectinload(Quote.attributions))
        )
    )
    before = {a.speaker_id for q in old_quotes for a in q.attributions if a.speaker_id is not None}
    before |= set(
        session.scalars(
            select(SpeakerAppearance.speaker_id).where(SpeakerAppearance.article_id == article_id)
        )
    )
    speakers = _resolve_speakers(session, article, result, now=now)
    changes = _apply_quotes(session, article, result, old_quotes, speakers, now=now)
    _replace_warnings(session, article, result)
    _drop_orphans(session, before - set(speakers.values()))
    touched = before | set(speakers.values())
    _refresh_anonymous(session, touched)
    refresh_summaries(session, touched)
    return changes


def _replace_warnings(session: Session, article: Article, result: ArticleParse) -> None:
    """Store the fresh parse's warnings; rows stay untouched when they are the same as before."""
    stored = session.execute(
        select(ParseWarning.start, ParseWarning.end, ParseWarning.message).where(ParseWarning.article_id == article.id)
    ).all()
    fresh = [(warning.start, warning.end, warning.message) for warning in result.warnings]
    if sorted(tuple(row) for row in stored) == sorted(fresh):
        return
    session.execute(delete(ParseWarning).where(ParseWarning.article_id == article.id))
    session.add_all(warning_rows(article, result))


def _resolve_speakers(
    session: Session, article: Article, result: ArticleParse, *, now: datetime
) -> dict[int, int]:
    """Parsed speaker key -> speaker id: the entity of the same appearance if there was one, else resolved."""
    old = session.scalars(select(SpeakerAppearance).where(SpeakerAppearance.article_id == article.id))
    by_slot = {(a.kind, a.name, a.ordinal): a for a in old}
    seen: Counter[tuple[str, str]] = Counter()
    resolved: dict[int, int] = {}
    pending = []
    for parsed in result.speakers:
        name = (str(parsed.kind), parsed.name)
        appearance = by_slot.pop((*name, seen[name]), None)
        seen[name] += 1
        if appearance is None:
            pending.append(parsed)
            continue
        appearance.anonymous = parsed.anonymous
        resolved[parsed.key] = appearance.speaker_id
        record_evidence(session, article.id, appearance.speaker_id, parsed)
    for leftover in by_slot.values():
        session.delete(leftover)
    session.flush()
    resolved.update(resolve_speakers(session, article, pending, now=now, fresh=False))
    for table in (SpeakerAlias, SpeakerRole):
        session.execute(
            delete(table).where(
                table.article_id == article.id,
                table.origin == "parser",
                table.speaker_id.not_in(set(resolved.values())),
            )
        )
    return resolved


def _apply_quotes(
    session: Session,
    article: Article,
    result: ArticleParse,
    old_quotes: list[Quote],
    speakers: dict[int, int],
    *,
    now: datetime,
) -> ArticleChanges:
    old_by_span = {(q.start, q.end): q for q in old_quotes}
    added = reattributed = 0
    rows: list[Quote] = []
    for candidate in result.quotes:
        speaker_id = None if candidate.speaker is None else speakers[candidate.speaker]
        row = old_by_span.pop((candidate.start, candidate.end), None)
        if row is None:
            row = Quote(article_id=article.id, start=candidate.start, end=candidate.end)
            session.add(row)
            added += 1
            attribution = None
        else:
            attribution = next((a for a in row.attributions if a.origin == "parser"), None)
            manual = any(a.origin == "manual" for a in row.attributions)
            if not manual and (attribution.speaker_id if attribution else None) != speaker_id:
                reattributed += 1
        _copy_quote(row, candidate)
        if attribution is None:
            attribution = Attribution(quote=row, origin="parser", created_at=now)
            session.add(attribution)
        _copy_attribution(attribution, candidate, speaker_id)
        rows.append(row)
    session.flush()
    for candidate, row in zip(result.quotes, rows, strict=True):
        row.continues_id = None if candidate.continues is None else rows[candidate.continues].id
        row.nested_in_id = None if candidate.nested_in is None else rows[candidate.nested_in].id
    kept, moved, gone = _settle_leftovers(session, list(old_by_span.values()), rows)
    if gone:
        session.flush()
        session.execute(delete(Quote).where(Quote.id.in_(gone)))
    removed = len(gone) - moved
    return ArticleChanges(article.id, article.title, added, removed, reattributed, kept, moved)


def _settle_leftovers(
    session: Session, leftovers: Iterable[Quote], rows: list[Quote]
) -> tuple[int, int, list[int]]:
    """Quotes the parser no longer finds: a manual attribution moves to the quote that overlaps most,
    or keeps its quote; the rest go. Returns (kept, moved, ids to delete)."""
    kept = moved = 0
    gone: list[int] = []
    for quote in leftovers:
        manual = next((a for a in quote.attributions if a.origin == "manual"), None)
        if manual is None:
            gone.append(quote.id)
            continue
        target = _overlapping(quote, rows)
        if target is not None and not _has_manual(session, target.id):
            manual.quote_id = target.id
            moved += 1
            gone.append(quote.id)
            continue
        stale = [a for a in quote.attributions if a.origin == "parser"]
        for attribution in stale:
            session.delete(attribution)
        kept += bool(stale)  # kept before: not a change this time
    return kept, moved, gone


def _overlapping(quote: Quote, rows: list[Quote]) -> Quote | None:
    def overlap(row: Quote) -> int:
        return min(quote.end, row.end) - max(quote.start, row.start)

    best = max(rows, key=overlap, default=None)
    return best if best is not None and overlap(best) > 0 else None


def _has_manual(session: Session, quote_id: int) -> bool:
    found = session.scalar(
        select(exists().where(Attribution.quote_id == quote_id, Attribution.origin == "manual"))
    )
    return bool(found)


def _copy_quote(row: Quote, candidate: QuoteCandidate) -> None:
    row.text = candidate.text
    row.paragraph = candidate.paragraph
    row.kind = str(candidate.kind)
    row.group_number = candidate.group


def _copy_attribution(attribution: Attribution, candidate: QuoteCandidate, speaker_id: int | None) -> None:
    mention, cue = candidate.mention, candidate.cue
    attribution.speaker_id = speaker_id
    attribution.mention_text = mention.text if mention else None
    attribution.mention_start = mention.start if mention else None
    attribution.mention_end = mention.end if mention else None
    attribution.cue_text = cue.text if cue else None
    attribution.cue_start = cue.start if cue else None
    attribution.cue_end = cue.end if cue else None
    attribution.method = str(candidate.method)
    attribution.confidence = candidate.confidence
    attribution.rule = str(candidate.rule)
    attribution.withheld_name = candidate.withheld


def _drop_orphans(session: Session, speaker_ids: set[int]) -> None:
    """Delete speakers the reparse left with nothing: no appearance, no quote, nothing a person set."""
    if not speaker_ids:
        return
    session.flush()
    orphans = select(Speaker.id).where(
        Speaker.id.in_(speaker_ids),
        Speaker.name_origin == "parser",
        ~exists().where(SpeakerAppearance.speaker_id == Speaker.id),
        ~exists().where(Attribution.speaker_id == Speaker.id),
        ~exists().where(SpeakerAlias.speaker_id == Speaker.id, SpeakerAlias.origin == "manual"),
    )
    ids = list(session.scalars(orphans))
    if ids:
        session.execute(delete(Speaker).where(Speaker.id.in_(ids)))


def _refresh_anonymous(session: Session, speaker_ids: set[int]) -> None:
    """A speaker is anonymous when any article presents it so (pseudonym, anonymity), unless a person
    set the flag."""
    if not speaker_ids:
        return
    flagged = set(
        session.scalars(
            select(SpeakerAppearance.speaker_id).where(
                SpeakerAppearance.speaker_id.in_(speaker_ids), SpeakerAppearance.anonymous.is_(True)
            )
        )
    )
    with_appearances = set(
        session.scalars(
            select(SpeakerAppearance.speaker_id).where(SpeakerAppearance.speaker_id.in_(speaker_ids))
        )
    )
    set_by_hand = select(SpeakerDecision.speaker_id).where(SpeakerDecision.action == "anonymous")
    by_parser = select(Speaker).where(Speaker.id.in_(with_appearances), Speaker.id.not_in(set_by_hand))
    for speaker in session.scalars(by_parser):
        speaker.anonymous = speaker.id in flagged
