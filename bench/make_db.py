"""Build a realistic benchmark database of N quotes, shared by the UI, export, check and ingest benches.

usage: python bench/make_db.py --quotes 1000000 --db /tmp/q1m.db [--seed 1] [--fts rebuild|triggers]
                              [--archive N]

The schema comes from the real migrations; rows are bulk-inserted with SQLAlchemy Core (executemany,
one transaction per chunk), not parsed: every quote's offsets index its article's text by construction.
Speakers follow a Zipf-like law (one person holds ~12% of all quotes), with organisations, unnamed
speakers, groups and anonymous people; appearances, aliases, roles and speaker_keys are what ingest
would write. `--db` takes a file path or any SQLAlchemy URL (postgresql+psycopg://...).
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import textgen
from population import Entity, Generator
from sqlalchemy import Connection, event, exists, func, insert, select, text

from quotes.db import migrate
from quotes.db.engine import display_name, make_engine, make_session_factory, sqlite_file
from quotes.db.fts import QUOTE_TSV_INDEX, fold_for_search
from quotes.db.models import Article, Attribution, Base, Speaker, SpeakerKey, SpeakerSummary
from quotes.db.profiles import fit_key, load_entities, save_entities
from quotes.db.stats import rebuild_speaker_stats
from quotes.parse.model import SpeakerKind
from quotes.speakers import Attested, EntityProfile, index_keys

TABLES = tuple(  # in the order foreign keys need
    Base.metadata.tables[name]
    for name in ("speakers", "articles", "speaker_appearances", "speaker_aliases", "speaker_roles", "quotes",
                 "attributions", "speaker_decisions", "speaker_keys")
)  # fmt: skip
CHUNK_QUOTES = 25_000  # one transaction per chunk; small enough for generation and inserts to overlap
FIRST_DAY, DAYS = date(2022, 1, 1), 4 * 365
INGESTED = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class BuildReport:
    """What `build` made, and how long it took."""

    url: str
    articles: int
    quotes: int
    speakers: int
    rows: int
    seconds: float
    size_bytes: int | None
    fts: str
    top_speakers: list[tuple[str, int]]


class Writer:
    """Turns drafts into rows with explicit ids, and inserts them chunk by chunk."""

    def __init__(self, generator: Generator, seed: int) -> None:
        self.gen, self.seed = generator, seed
        self.ids: Counter[str] = Counter()
        self.rows: dict[str, list[dict[str, Any]]] = {table.name: [] for table in TABLES}
        self.keyed: list[Entity] = []

    def next_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def speaker(self, name: str, kind: str, description: str | None, anonymous: bool) -> int:
        speaker_id = self.next_id("speakers")
        self.rows["speakers"].append({"id": speaker_id, "name": name, "name_origin": "parser", "kind": kind,
                                          "description": description, "anonymous": anonymous, "created_at": INGESTED})  # fmt: skip
        return speaker_id

    def article(self, count: int) -> int:
        rng, gen = self.gen.rng, self.gen
        voices, entities = gen.article_voices()
        shares = [rng.uniform(0.5, 3.0) for _ in voices]
        draft = gen.composer.article(voices, shares, count)
        article_id = self.next_id("articles")
        outlet, published = gen.outlet(), FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        title = gen.composer.headline()
        slug = "-".join(title.casefold().replace(":", "").split()[:8])
        domain = "-".join(outlet.casefold().removeprefix("the ").split())
        ingested = INGESTED + timedelta(seconds=article_id)
        self.rows["articles"].append({
            "id": article_id, "content_hash": hashlib.sha256(draft.text.encode()).hexdigest(), "title": title,
            "outlet": outlet, "url": f"https://{domain}.example/{published:%Y/%m/%d}/{slug}-{article_id}",
            "published": published, "language": "en", "source_path": None, "source_line": None,
            "external_id": f"bench-{self.seed}-{article_id}", "text": draft.text, "ingested_at": ingested})  # fmt: skip
        speaking = {q.voice for q in draft.quotes if q.voice is not None}
        speaker_ids: dict[int, int] = {}
        ordinals: Counter[tuple[str, str]] = Counter()
        for index in sorted(speaking):
            voice, entity = voices[index], entities[index]
            kind = "person" if voice.kind == "anonymous" else voice.kind
            roles, aliases = draft.roles.get(index, set()), draft.aliases.get(index, set())
            rule, confidence, evidence = self._decision(voice, entity, roles)
            if entity is None:
                speaker_id = self.speaker(voice.name, kind, None, voice.kind == "anonymous")
                if kind == "person":  # an anonymous person's lone name is a key too
                    self.keyed.append(Entity(voice.name, kind, id=speaker_id))
            else:
                if entity.id is None:
                    entity.id = self.speaker(entity.name, kind, min(roles, default=None), False)
                    self.keyed.append(entity)
                speaker_id = entity.id
                entity.aliases |= aliases
                entity.seen_roles |= roles
            speaker_ids[index] = speaker_id
            self.rows["speaker_appearances"].append({
                "article_id": article_id, "speaker_id": speaker_id, "name": voice.name, "kind": kind,
                "ordinal": ordinals[kind, voice.name], "anonymous": voice.kind == "anonymous", "rule": rule,
                "confidence": confidence, "evidence": evidence, "origin": "parser", "created_at": ingested})  # fmt: skip
            ordinals[kind, voice.name] += 1
            for alias in sorted(aliases):
                self.rows["speaker_aliases"].append({"speaker_id": speaker_id, "alias": alias,
                                                         "article_id": article_id, "origin": "parser"})  # fmt: skip
            for role in sorted(roles):
                self.rows["speaker_roles"].append({"speaker_id": speaker_id, "role": role,
                                                       "article_id": article_id, "origin": "parser"})  # fmt: skip
        first_quote = self.ids["quotes"] + 1
        for q in draft.quotes:
            quote_id = self.next_id("quotes")
            self.rows["quotes"].append({
                "id": quote_id, "article_id": article_id, "start": q.start, "end": q.end, "text": q.text,
                "search_text": fold_for_search(q.text), "paragraph": q.paragraph,
                "kind": q.kind, "group_number": q.group, "nested_in_id": None,
                "continues_id": None if q.continues is None else first_quote + q.continues})  # fmt: skip
            said_by = None if q.voice is None else speaker_ids[q.voice]
            m, c = q.mention, q.cue
            self.rows["attributions"].append({
                "id": self.next_id("attributions"), "quote_id": quote_id, "speaker_id": said_by,
                "mention_text": m and m.text, "mention_start": m and m.start, "mention_end": m and m.end,
                "cue_text": c and c.text, "cue_start": c and c.start, "cue_end": c and c.end,
                "method": q.method, "confidence": q.confidence, "origin": "parser", "created_at": ingested})  # fmt: skip
            if said_by is not None and len(speaker_ids) > 1 and rng.random() < 0.003:
                other = next(i for i, s in speaker_ids.items() if s != said_by)
                self._manual(quote_id, speaker_ids[other], voices[other].name, ingested)
        return len(draft.quotes)

    def _decision(self, voice: textgen.Voice, entity: Entity | None, roles: set[str]) -> tuple[str, Any, str]:
        """The identity rule, confidence and evidence ingest records for this appearance."""
        if voice.kind in ("unnamed", "group"):
            return voice.kind, None, f"{voice.name!r} is {voice.kind}: its own speaker in its own article"
        if entity is None or entity.id is None:
            return "no-match", None, f"no entity is {voice.name!r}"
        if entity.kind == "organisation":
            return "organisation-name", 0.95, f"same organisation name {voice.name.casefold()!r}"
        if roles & entity.seen_roles:
            return "full-name-and-role", 0.97, f"same full name {voice.name!r}; shared role {min(roles)!r}"
        return "full-name", 0.9, f"same full name {voice.name!r}; no shared role"

    def _manual(self, quote_id: int, speaker_id: int, name: str, now: datetime) -> None:
        """A quote a person reattributed, as `quotes speakers reassign` records it."""
        self.rows["attributions"].append({
            "id": self.next_id("attributions"), "quote_id": quote_id, "speaker_id": speaker_id, "mention_text": None,
            "mention_start": None, "mention_end": None, "cue_text": None, "cue_start": None, "cue_end": None, "method": "manual",
            "confidence": 1.0, "origin": "manual", "created_at": now})  # fmt: skip
        self.rows["speaker_decisions"].append({
            "action": "reassign", "speaker_id": speaker_id, "other_speaker_id": None, "quote_id": quote_id,
            "detail": f"attributed quote #{quote_id} to #{speaker_id} {name!r} by hand", "origin": "manual", "created_at": now})  # fmt: skip

    def take(self) -> dict[str, list[dict[str, Any]]]:
        """The rows made since the last call, by table."""
        taken = {name: rows for name, rows in self.rows.items() if rows}
        self.rows = {table.name: [] for table in TABLES}
        return taken

    def key_rows(self) -> list[dict[str, Any]]:
        """speaker_keys as `profiles.refresh_keys` would leave them for every named entity."""
        rows = []
        for entity in self.keyed:
            assert entity.id is not None
            aliases = tuple(Attested(a, "") for a in sorted(entity.aliases | {entity.name}))
            roles = tuple(Attested(r, "") for r in sorted(entity.seen_roles))
            profile = EntityProfile(
                id=entity.id, name=entity.name, kind=SpeakerKind(entity.kind), aliases=aliases, roles=roles
            )
            rows += [
                {"speaker_id": entity.id, "key": key}
                for key in sorted({fit_key(k) for k in index_keys(profile)})
            ]
        return rows


def chunks(quotes: int, seed: int, archive: int | None = None) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """Rows by table, about CHUNK_QUOTES quotes at a time; the last chunk holds the speaker keys.
    `archive` (>= quotes) draws the speakers for an archive of that many quotes and stops after the
    first `quotes`: the same seed gives the same first articles whatever `quotes` is."""
    generator = Generator(max(quotes, archive or 0), seed)
    writer = Writer(generator, seed)
    stored = 0
    while stored < quotes:
        chunk_end = min(quotes, stored + CHUNK_QUOTES)
        while stored < chunk_end:
            stored += writer.article(min(generator.rng.randint(4, 16), quotes - stored))
        yield writer.take()
    yield {"speaker_keys": writer.key_rows()}


def _produce(quotes: int, seed: int, archive: int | None, queue: Any) -> None:
    """Generate in a second process, so that text generation and inserts overlap."""
    for chunk in chunks(quotes, seed, archive):
        queue.put(chunk)
    queue.put(None)


def _received(queue: Any) -> Iterator[dict[str, list[dict[str, Any]]]]:
    while (chunk := queue.get()) is not None:
        yield chunk


def _bulk_load_pragmas(dbapi_connection: Any, _record: Any) -> None:
    for pragma in ("synchronous=OFF", "cache_size=-262144", "temp_store=MEMORY"):
        dbapi_connection.execute(f"PRAGMA {pragma}")


def _fts_trigger(connection: Connection) -> str | None:
    """Drop the SQLite FTS insert trigger (or the PostgreSQL index) for a bulk load; return what recreates it."""
    if connection.dialect.name == "sqlite":
        sql = connection.scalar(
            text("SELECT sql FROM sqlite_master WHERE type='trigger' AND name='quote_fts_ai'")
        )
        connection.execute(text("DROP TRIGGER quote_fts_ai"))
        return str(sql)
    sql = connection.scalar(text("SELECT indexdef FROM pg_indexes WHERE indexname = :name"), {"name": QUOTE_TSV_INDEX})
    connection.execute(text(f"DROP INDEX {QUOTE_TSV_INDEX}"))
    return str(sql)


def write_summaries(url: str, chunk: int = 2000) -> int:
    """Give every keyed speaker that has none the summary ingest keeps (speaker_summaries), built from
    its stored appearances, aliases and roles; the number written. Older bench databases lack them, and
    ingest would otherwise build the biggest entities' summaries inside the first timed articles."""
    engine = make_engine(url)
    written = 0
    try:
        factory = make_session_factory(engine)
        with factory() as session:
            ids = list(session.scalars(
                select(SpeakerKey.speaker_id).distinct()
                .where(~exists().where(SpeakerSummary.speaker_id == SpeakerKey.speaker_id))
                .order_by(SpeakerKey.speaker_id)
            ))  # fmt: skip
        for start in range(0, len(ids), chunk):
            with factory.begin() as session:
                entities = load_entities(session, ids[start : start + chunk])
                missing = [(entity, ()) for entity in entities.values() if not entity.stored]
                save_entities(session, missing, keyed=False)
                written += len(missing)
    finally:
        engine.dispose()
    return written


def build(
    url: str,
    quotes: int,
    seed: int = 1,
    *,
    fts: str = "rebuild",
    parallel: bool = True,
    log: Any = None,
    archive: int | None = None,
) -> BuildReport:
    """Create the database at `url` through the migrations and fill it with `quotes` generated quotes
    (the first `quotes` of an archive of `archive` quotes, when given: see `chunks`)."""
    started = time.perf_counter()
    migrate.upgrade(url)
    engine = make_engine(url)
    if engine.dialect.name == "sqlite":  # on connect: SQLite refuses PRAGMA synchronous inside a transaction
        event.listen(engine, "connect", _bulk_load_pragmas)
    counts: Counter[str] = Counter()
    try:
        with engine.begin() as connection:
            if connection.scalar(select(func.count()).select_from(Article.__table__)):
                raise SystemExit(f"{display_name(url)} already holds articles: give a new database")
            recreate = _fts_trigger(connection) if fts == "rebuild" else None
        context = multiprocessing.get_context("spawn")
        queue = context.Queue(maxsize=2) if parallel else None
        producer = (
            context.Process(target=_produce, args=(quotes, seed, archive, queue), daemon=True)
            if parallel
            else None
        )
        if producer is not None:
            producer.start()
        source = _received(queue) if queue is not None else chunks(quotes, seed, archive)
        for chunk in source:
            with engine.begin() as connection:
                for table in TABLES:
                    if rows := chunk.get(table.name):
                        connection.execute(insert(table), rows)
                        counts[table.name] += len(rows)
            if log and "quotes" in chunk:
                log(f"{counts['quotes']:,} quotes, {time.perf_counter() - started:.1f} s")
        if producer is not None:
            producer.join()
        with engine.begin() as connection:
            if recreate and connection.dialect.name == "sqlite":
                connection.execute(text("INSERT INTO quote_fts(quote_fts) VALUES ('rebuild')"))
            if recreate:
                connection.execute(text(recreate))
            if connection.dialect.name == "postgresql":
                for name in ("articles", "speakers", "quotes", "attributions"):
                    connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                            f"(SELECT max(id) FROM {name}))"))  # fmt: skip
        with make_session_factory(engine).begin() as session:  # rows went in by Core: count speakers once
            rebuild_speaker_stats(session)
        write_summaries(url)
        if engine.dialect.name == "sqlite":  # outside a transaction: every SQLite transaction holds a lock
            with engine.connect() as connection:
                dbapi_connection: Any = connection.connection.dbapi_connection
                dbapi_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        with engine.begin() as connection:
            top = connection.execute(
                select(Speaker.name, func.count(Attribution.id))
                .join(Attribution, Attribution.speaker_id == Speaker.id)
                .where(Attribution.origin == "parser")
                .group_by(Speaker.id, Speaker.name)
                .order_by(func.count(Attribution.id).desc())
                .limit(10)
            ).all()
    finally:
        engine.dispose()
    path = sqlite_file(url)
    return BuildReport(url=display_name(url), articles=counts["articles"], quotes=counts["quotes"],
                       speakers=counts["speakers"], rows=sum(counts.values()),
                       seconds=time.perf_counter() - started,
                       size_bytes=path.stat().st_size if path is not None else None, fts=fts,
                       top_speakers=[(name, count) for name, count in top])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quotes", type=int, required=True)
    parser.add_argument("--db", required=True, help="a SQLite file path or a SQLAlchemy URL")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fts", choices=("rebuild", "triggers"), default="rebuild",
                        help="fill the full-text index once at the end (default) or row by row by its triggers")  # fmt: skip
    parser.add_argument("--archive", type=int, help="build the first --quotes quotes of an archive of this many")
    args = parser.parse_args()
    url = args.db if "://" in args.db else f"sqlite:///{Path(args.db).resolve()}"
    if (path := sqlite_file(url)) is not None and path.exists():
        parser.error(f"{path} exists: give a new file")
    report = build(url, args.quotes, args.seed, fts=args.fts, archive=args.archive,
                   log=lambda line: print(line, file=sys.stderr))  # fmt: skip
    print(f"built {report.url} in {report.seconds:.1f} s (FTS: {report.fts})")
    print(f"{report.articles:,} articles, {report.quotes:,} quotes, {report.speakers:,} speakers; "
          f"{report.rows:,} rows at {report.rows / report.seconds:,.0f} rows/s, "
          f"{report.quotes / report.seconds:,.0f} quotes/s")  # fmt: skip
    if report.size_bytes is not None:
        print(f"file size {report.size_bytes / 1e6:,.1f} MB")
    print("top speakers (parser attributions):")
    for name, count in report.top_speakers:
        print(f"{count:>10,}  {name}")


if __name__ == "__main__":
    main()
