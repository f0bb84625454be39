"""Test helper: articles with a parse written by hand, so speaker rules are tested at the database level
whatever the parser finds. Each speaker says one quote; `reparse` can be given another parse."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.article_rows import store_article
from quotes.db.ingest import content_hash
from quotes.db.models import Speaker
from quotes.db.reparse import ArticleChanges, reparse_articles
from quotes.db.speaker_views import SpeakerSummary, speaker_summaries
from quotes.parse import ArticleParse, Method, QuoteCandidate, QuoteKind, SpeakerKind, parse_article
from quotes.parse import Speaker as ParsedSpeaker
from quotes.sources import SourceArticle

NOW = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Said:
    """One speaker of a hand-written article, as the parser would report it."""

    name: str
    kind: SpeakerKind = SpeakerKind.PERSON
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    anonymous: bool = False


def crafted(title: str, said: Sequence[Said]) -> tuple[str, ArticleParse]:
    """An article in which each speaker says one quote, and its parse."""
    text = f"{title}\n\n"
    quotes: list[QuoteCandidate] = []
    for index, speaker in enumerate(said):
        words = f"Words number {index} in {title}"
        start = len(text) + 1
        text += f'"{words}," {speaker.name} said.\n\n'
        quotes.append(
            QuoteCandidate(
                index=index, start=start, end=start + len(words), text=words, paragraph=index + 1,
                kind=QuoteKind.SPEECH, group=index, continues=None, nested_in=None, speaker=index,
                mention=None, cue=None, method=Method.CUE_AFTER, confidence=0.9,
            )
        )  # fmt: skip
    speakers = tuple(
        ParsedSpeaker(
            key=i, name=s.name, kind=s.kind, aliases=s.aliases, roles=s.roles, anonymous=s.anonymous
        )
        for i, s in enumerate(said)
    )
    return text, ArticleParse(quotes=tuple(quotes), speakers=speakers)


@dataclass
class Newsroom:
    """Stores hand-written articles and reparses with hand-written parses (real parser for the rest)."""

    factory: sessionmaker[Session]
    parses: dict[str, ArticleParse] = field(default_factory=dict)

    def store(self, title: str, *said: Said, outlet: str | None = None) -> int:
        text, parse = crafted(title, said)
        self.parses[text] = parse
        source = SourceArticle(
            source_id=title, path=f"{title}.txt", line=None, text=text, title=title, outlet=outlet
        )
        with self.factory.begin() as session:
            article = store_article(session, source, parse, digest=content_hash(text), now=NOW)
            session.flush()
            return article.id

    def parse(self, text: str) -> ArticleParse:
        return self.parses[text] if text in self.parses else parse_article(text)

    def reparse(self, parse: Callable[[str], ArticleParse] | None = None) -> list[ArticleChanges]:
        return list(reparse_articles(self.factory, now=lambda: NOW, parse=parse or self.parse))

    def speakers(self, name: str | None = None) -> list[SpeakerSummary]:
        with self.factory() as session:
            rows = speaker_summaries(session)
        return [row for row in rows if name is None or row.name == name]

    def one(self, name: str) -> SpeakerSummary:
        (row,) = self.speakers(name)
        return row

    def speaker_ids(self) -> list[int]:
        with self.factory() as session:
            return list(session.scalars(select(Speaker.id).order_by(Speaker.id)))
