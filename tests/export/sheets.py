"""Test helper: the seeds stored at a fixed time (golden sheets stay byte for byte), and a hostile invented
article whose every field tries to be markup, a formula, a terminal escape or a link."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from quotes.config import seeds_dir
from quotes.db.article_rows import store_article
from quotes.db.corrections import reassign_quote
from quotes.db.engine import make_engine, make_session_factory
from quotes.db.ingest import Status, content_hash, ingest_sources
from quotes.db.models import Attribution, Quote
from quotes.db.repo import QuoteQuery
from quotes.export import FORMATS, GroupBy, SheetHeader, export_quotes, query_filters
from quotes.parse import ArticleParse, Method, QuoteCandidate, QuoteKind, SpeakerKind
from quotes.parse import Speaker as ParsedSpeaker
from quotes.parse.model import Span
from quotes.sources import SourceArticle, read_articles

NOW = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
EXPORTED_AT = datetime(2026, 3, 5, 9, 30, tzinfo=UTC)
SPEECH = ("speech", "partial", "nested", "unclosed")  # the CLI default (quotes.cli_common.DEFAULT_KINDS)


def seed_at_fixed_time(factory: sessionmaker[Session]) -> None:
    """The seeds, stored as `quotes seed` stores them but at NOW, so dates in sheets never move."""
    outcomes = list(ingest_sources(factory, read_articles([str(seeds_dir())]), now=lambda: NOW))
    assert [outcome.status for outcome in outcomes] == [Status.ADDED] * len(outcomes), outcomes


def sheet(
    session: Session,
    format_name: str,
    query: QuoteQuery,
    *,
    group_by: GroupBy | None = GroupBy.SPEAKER,
    database: str = "newsroom.db",
) -> str:
    """A sheet written to a string, with a fixed header time."""
    out = io.StringIO(newline="")
    header = SheetHeader(database, EXPORTED_AT, query_filters(query))
    export_quotes(session, query, format_name, out, group_by=group_by, header_info=header)
    return out.getvalue()


assert set(FORMATS) == {"md", "html", "csv", "json", "jsonl"}

# --- the hostile article -------------------------------------------------------------------------------

TITLE = "-Leak: <script>alert('t')</script> [click](javascript:alert(1)) ![x](http://evil.invalid/x.png)"
OUTLET = "=HYPERLINK(\"http://evil.invalid\",\"Elmtown Post\")"


@dataclass(frozen=True, slots=True)
class Line:
    """One paragraph: `before` + quote mark + `said` + quote mark + `after`, said by speaker `who`."""

    said: str
    who: int | None
    after: str = " Hale said."
    before: str = ""
    kind: QuoteKind = QuoteKind.SPEECH


SPEAKERS = (
    ParsedSpeaker(key=0, name="Jane Hale", kind=SpeakerKind.PERSON, roles=("=cmd|' /C calc'!A0",)),
    ParsedSpeaker(
        key=1,
        name="<b>Roe</b> [Roe](http://evil.invalid)",
        kind=SpeakerKind.PERSON,
        roles=("mayor of *Elmtown*", "<img src=x onerror=alert(1)>"),
    ),
    ParsedSpeaker(
        key=2, name="an official \x1b[31mred\x1b[0m", kind=SpeakerKind.UNNAMED, roles=("@admin",), anonymous=True
    ),
)

LINES = (
    Line("=SUM(A1:A9)", 0),
    Line("<script>alert('x')</script> and ![img](http://evil.invalid/x.png) [link](http://evil.invalid).",
         1, after="", before="Roe said: "),
    Line("Bell \x07 escape \x1b[31m red \x00 nul \x85 next line \u202e reversed \u2066 isolate", 2,
         after=", the official said."),
    Line("**bold** _it_ `code` # hash | pipe ~strike~ &amp; &lt;b&gt; <!-- c --> \\ back", 0),
    Line("+1 and -2 and @home\ttab", 1, after=", Roe said."),
    Line("# Heading\n- item", None, after=", someone said."),
    Line("1. first", 0),
    Line("\tTabbed start", 0),
    Line("-", 1, after=", Roe said."),
)  # fmt: skip


def hostile_text() -> tuple[str, ArticleParse]:
    """The article and a hand-written parse of it (so the test does not depend on the parser)."""
    text = "Elmtown budget row\n\n"
    quotes: list[QuoteCandidate] = []
    for index, line in enumerate(LINES):
        text += line.before + "\u201c"
        start = len(text)
        text += line.said + "\u201d"
        cue = None
        if line.after.strip():
            verb = line.after.index("said")
            cue = Span(len(text) + verb, len(text) + verb + 4, "said")
        text += line.after + "\n\n"
        quotes.append(
            QuoteCandidate(
                index=index, start=start, end=start + len(line.said), text=line.said, paragraph=index + 1,
                kind=line.kind, group=index, continues=None, nested_in=None, speaker=line.who,
                mention=None, cue=cue,
                method=Method.CUE_AFTER if line.who is not None else Method.UNRESOLVED,
                confidence=0.9 if line.who is not None else 0.15,
            )
        )  # fmt: skip
    return text, ArticleParse(quotes=tuple(quotes), speakers=SPEAKERS)


def store_hostile(factory: sessionmaker[Session], *, url: str = "javascript:alert(1)", copy: bool = False) -> int:
    """Store the hostile article (`copy`: a second one, same quotes), then give its last quote by hand to
    the speaker of its first; returns the article id."""
    text, parse = hostile_text()
    if copy:
        text += "A second edition.\n"
    source = SourceArticle(
        source_id="hostile", path="hostile.txt", line=None, text=text, title=TITLE, outlet=OUTLET, url=url,
        published=date(2024, 5, 6),
    )  # fmt: skip
    with factory.begin() as session:
        article = store_article(session, source, parse, digest=content_hash(text), now=NOW)
        session.flush()
        article_id = article.id
        first, last = (
            session.execute(
                select(Quote.id, Attribution.speaker_id)
                .join(Attribution, Attribution.quote_id == Quote.id)
                .where(Quote.article_id == article_id)
                .order_by(Quote.id)
            )
            .all()[index]
            for index in (0, -1)
        )
    with factory.begin() as session:
        reassign_quote(session, last.id, f"#{first.speaker_id}", now=NOW)
    return article_id


# --- databases built once per test module (each module wraps these in a module-scoped fixture) ----------

HOSTILE_SAFE_URL = "https://news.example/elmtown?id=1&page=2"


def database(
    tmp_path_factory: pytest.TempPathFactory, template_db: Path, name: str
) -> Iterator[sessionmaker[Session]]:
    path = tmp_path_factory.mktemp(name) / "quotes.db"
    shutil.copyfile(template_db, path)
    engine = make_engine(f"sqlite:///{path}")
    yield make_session_factory(engine)
    engine.dispose()


def seeded_database(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Iterator[sessionmaker[Session]]:
    """Sessions on a database holding the seeds, stored at a fixed time."""
    for factory in database(tmp_path_factory, template_db, "seeded"):
        seed_at_fixed_time(factory)
        yield factory


def hostile_database(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Iterator[sessionmaker[Session]]:
    """Sessions on a database holding the hostile article twice: once with a javascript: URL, once with
    a plain https URL (the one a sheet may link to)."""
    for factory in database(tmp_path_factory, template_db, "hostile"):
        store_hostile(factory)
        store_hostile(factory, url=HOSTILE_SAFE_URL, copy=True)
        yield factory
