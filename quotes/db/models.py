"""Tables: articles, speakers (with aliases and roles), quotes and their attributions.

Offsets (`start`, `end`) index `articles.text` as read, quote marks excluded, so
`quote.text == article.text[quote.start:quote.end]`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from quotes.db.base import Base
from quotes.db.fts import fold_for_search
from quotes.folding import display_form

SPEAKER_KINDS = ("person", "group", "organisation", "unnamed")
QUOTE_KINDS = ("speech", "partial", "term", "nested", "unclosed")  # quotes.parse.QuoteKind
ORIGINS = ("parser", "manual")
DECISIONS = ("merge", "split", "rename", "reassign", "distinct", "anonymous", "kind")


def _one_of(column: str, values: tuple[str, ...]) -> CheckConstraint:
    """A named CHECK that keeps `column` within `values` (the name becomes ck_<table>_<column>)."""
    allowed = ", ".join(f"'{value}'" for value in values)
    return CheckConstraint(f"{column} IN ({allowed})", name=column)


class NameText(TypeDecorator[str]):
    """Text of a name (speakers, aliases, names articles gave): written in NFC on every write path, ORM or
    Core, so one spelling in composed and decomposed Unicode is one stored string. Article text is never
    this type: offsets index it as read."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else display_form(value)


def _folded_default(source: str) -> Any:
    """A column default: fold_for_search of the `source` column of the row being inserted (Core inserts
    that did not give the folded column)."""

    def default(context: DefaultExecutionContext) -> str:
        parameters: dict[str, object] = cast(Any, context).get_current_parameters()  # untyped in SQLAlchemy
        return fold_for_search(str(parameters[source]))

    return default


class Article(Base):
    __tablename__ = "articles"
    __table_args__ = (  # lists of articles sort by date or title without reading article texts
        Index("ix_articles_day", "published", "ingested_at"),
        Index("ix_articles_title", "title"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex of `text` (UTF-8)
    title: Mapped[str | None] = mapped_column(String(1000))
    outlet: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(2048))
    published: Mapped[date | None] = mapped_column(Date)
    language: Mapped[str | None] = mapped_column(String(35))
    source_path: Mapped[str | None] = mapped_column(String(4096))
    source_line: Mapped[int | None] = mapped_column(Integer)  # line number within a JSONL source
    external_id: Mapped[str | None] = mapped_column(String(500))  # the `id` a JSONL source gave
    text: Mapped[str] = mapped_column(Text)  # as read: BOM removed, newlines as LF, C0 controls as U+FFFD
    encoding: Mapped[str | None] = mapped_column(String(40))  # codec the bytes were read with ("cp1252")
    author: Mapped[str | None] = mapped_column(String(500))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    quotes: Mapped[list[Quote]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )
    speaker_aliases: Mapped[list[SpeakerAlias]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )
    speaker_roles: Mapped[list[SpeakerRole]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )
    speaker_appearances: Mapped[list[SpeakerAppearance]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )
    parse_warnings: Mapped[list[ParseWarning]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )
    speaker_stats: Mapped[list[SpeakerArticleStats]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )


class ParseWarning(Base):
    """Something in the article's text the parser could not read cleanly: an unclosed or stray
    quotation mark, a quote nested too deep. Offsets index `articles.text` (the mark itself)."""

    __tablename__ = "parse_warnings"
    __table_args__ = (CheckConstraint('start >= 0 AND "end" >= start', name="offsets"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    message: Mapped[str] = mapped_column(Text)

    article: Mapped[Article] = relationship(back_populates="parse_warnings", lazy="raise")


class Speaker(Base):
    """One person, group, organisation or unnamed source, possibly quoted across many articles."""

    __tablename__ = "speakers"
    __table_args__ = (
        _one_of("kind", SPEAKER_KINDS),
        _one_of("name_origin", ORIGINS),
        {"sqlite_autoincrement": True},  # ids are handles people type and the decision log keeps
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(NameText, index=True)  # canonical name, or the description if unnamed
    # fold_for_search(name): what name lookups (--speaker, speakers show) and searches compare
    name_folded: Mapped[str | None] = mapped_column(Text, index=True, default=_folded_default("name"))
    name_origin: Mapped[str] = mapped_column(String(16), default="parser", server_default="parser")
    kind: Mapped[str] = mapped_column(String(16))
    description: Mapped[str | None] = mapped_column(Text)  # role or descriptor ("Kremlin spokesman")
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)  # "not his real name"
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    aliases: Mapped[list[SpeakerAlias]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )
    roles: Mapped[list[SpeakerRole]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )
    attributions: Mapped[list[Attribution]] = relationship(back_populates="speaker", lazy="raise")
    keys: Mapped[list[SpeakerKey]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )
    appearances: Mapped[list[SpeakerAppearance]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )
    stats: Mapped[SpeakerStats | None] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )
    article_stats: Mapped[list[SpeakerArticleStats]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )
    summary: Mapped[SpeakerSummary | None] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )
    distinct_as_first: Mapped[list[DistinctSpeakers]] = relationship(
        foreign_keys="DistinctSpeakers.first_id",
        back_populates="first",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise",
    )
    distinct_as_second: Mapped[list[DistinctSpeakers]] = relationship(
        foreign_keys="DistinctSpeakers.second_id",
        back_populates="second",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise",
    )

    @validates("name")
    def _fold_name(self, _key: str, value: str) -> str:
        """Keep name_folded in step with name on every ORM write (ingest, rename, merge)."""
        self.name_folded = fold_for_search(value)
        return display_form(value)


class SpeakerKey(Base):
    """A normalised name key ("surname:peskov", "org:kremlin") that finds this speaker at ingest."""

    __tablename__ = "speaker_keys"

    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(300), primary_key=True, index=True)

    speaker: Mapped[Speaker] = relationship(back_populates="keys", lazy="raise")


class SpeakerSummary(Base):
    """A bounded summary of a speaker (names, roles with dates, outlets, counts) that ingest reads instead
    of every earlier appearance; `quotes.speakers.summary.EntitySummary` as JSON."""

    __tablename__ = "speaker_summaries"

    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True)
    appearances: Mapped[int] = mapped_column(Integer)
    data: Mapped[str] = mapped_column(Text)

    speaker: Mapped[Speaker] = relationship(back_populates="summary", lazy="raise")


class SpeakerAppearance(Base):
    """One article's speaker and the entity it was resolved to: by which rule, or by a person (manual).

    `ordinal` tells apart speakers of one article with the same name and kind (two "a woman"), so that
    a reparse finds each one's entity again.
    """

    __tablename__ = "speaker_appearances"
    __table_args__ = (
        UniqueConstraint("article_id", "kind", "name", "ordinal"),
        # the names articles gave each speaker, read from the index alone when speakers are listed
        Index("ix_speaker_appearances_speaker_id_name", "speaker_id", "name"),
        _one_of("kind", SPEAKER_KINDS),
        _one_of("origin", ORIGINS),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"))  # indexed by a wider index it leads
    name: Mapped[str] = mapped_column(NameText)  # the name the article's parse gave
    kind: Mapped[str] = mapped_column(String(16))
    ordinal: Mapped[int] = mapped_column(Integer)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    rule: Mapped[str] = mapped_column(String(40))  # a quotes.speakers Rule, or "manual"
    confidence: Mapped[float | None] = mapped_column(Float)
    evidence: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    article: Mapped[Article] = relationship(back_populates="speaker_appearances", lazy="raise")
    speaker: Mapped[Speaker] = relationship(back_populates="appearances", lazy="raise")


class DistinctSpeakers(Base):
    """Two speakers a person decided are different people: never offered as candidates again."""

    __tablename__ = "distinct_speakers"
    __table_args__ = (CheckConstraint("first_id < second_id", name="ordered"), _one_of("origin", ORIGINS))

    first_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True)
    second_id: Mapped[int] = mapped_column(
        ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    origin: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    first: Mapped[Speaker] = relationship(
        foreign_keys=[first_id], back_populates="distinct_as_first", lazy="raise"
    )
    second: Mapped[Speaker] = relationship(
        foreign_keys=[second_id], back_populates="distinct_as_second", lazy="raise"
    )


class SpeakerDecision(Base):
    """A correction as a person made it (merge, split, rename, reassign, distinct), kept as a log.

    Speaker and quote ids are plain integers, not foreign keys: the log outlives merged-away speakers.
    """

    __tablename__ = "speaker_decisions"
    __table_args__ = (_one_of("action", DECISIONS), _one_of("origin", ORIGINS))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(16))
    speaker_id: Mapped[int | None] = mapped_column(Integer, index=True)  # the speaker kept or changed
    other_speaker_id: Mapped[int | None] = mapped_column(Integer, index=True)  # merged away, or split off
    quote_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text)  # what was done, in words, with the names at the time
    origin: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SpeakerAlias(Base):
    """A surface form a speaker goes by, and the article it was seen in (none for manual aliases)."""

    __tablename__ = "speaker_aliases"
    __table_args__ = (
        UniqueConstraint("speaker_id", "alias", "article_id"),
        _one_of("origin", ORIGINS),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"))  # indexed by a wider index it leads
    alias: Mapped[str] = mapped_column(NameText, index=True)
    alias_folded: Mapped[str | None] = mapped_column(Text, index=True, default=_folded_default("alias"))
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    origin: Mapped[str] = mapped_column(String(16))

    speaker: Mapped[Speaker] = relationship(back_populates="aliases", lazy="raise")
    article: Mapped[Article | None] = relationship(back_populates="speaker_aliases", lazy="raise")

    @validates("alias")
    def _fold_alias(self, _key: str, value: str) -> str:
        """Keep alias_folded in step with alias on every ORM write."""
        self.alias_folded = fold_for_search(value)
        return display_form(value)


class SpeakerRole(Base):
    """A role or descriptor given with a speaker's name, and the article that gave it."""

    __tablename__ = "speaker_roles"
    __table_args__ = (
        UniqueConstraint("speaker_id", "role", "article_id"),
        _one_of("origin", ORIGINS),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"))  # indexed by a wider index it leads
    role: Mapped[str] = mapped_column(Text)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    origin: Mapped[str] = mapped_column(String(16))

    speaker: Mapped[Speaker] = relationship(back_populates="roles", lazy="raise")
    article: Mapped[Article | None] = relationship(back_populates="speaker_roles", lazy="raise")


class Quote(Base):
    """One quote piece: it never crosses a paragraph break or an attribution."""

    __tablename__ = "quotes"
    __table_args__ = (
        UniqueConstraint("article_id", "start", "end"),
        _one_of("kind", QUOTE_KINDS),
        CheckConstraint('start >= 0 AND "end" >= start', name="offsets"),
        {"sqlite_autoincrement": True},  # a quote id is a handle people keep: never given out twice
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))  # indexed by a wider index it leads
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    # What full-text search indexes on both backends: fold_for_search(text), set whenever text is.
    search_text: Mapped[str | None] = mapped_column(Text, default=_folded_default("text"))
    paragraph: Mapped[int] = mapped_column(Integer)  # 0-based paragraph index in the article
    kind: Mapped[str] = mapped_column(String(16))
    group_number: Mapped[int] = mapped_column(Integer)  # pieces of one quotation share it (per article)
    # continues_id and nested_in_id are indexed by partial indexes of their non-NULL values, made by
    # migration 0018 only (quotes.db.fts.QUOTE_REFERENCE_INDEXES): declared here, their dialect options
    # would load SQLAlchemy's PostgreSQL dialect into every command (some 50 ms)
    continues_id: Mapped[int | None] = mapped_column(
        ForeignKey("quotes.id", ondelete="SET NULL")
    )  # the previous piece of the same quotation
    nested_in_id: Mapped[int | None] = mapped_column(
        ForeignKey("quotes.id", ondelete="SET NULL")
    )  # the enclosing quote, for kind nested

    article: Mapped[Article] = relationship(back_populates="quotes", lazy="raise")
    continues: Mapped[Quote | None] = relationship(
        remote_side=[id], foreign_keys=[continues_id], back_populates="continued_by", lazy="raise"
    )
    continued_by: Mapped[list[Quote]] = relationship(
        foreign_keys=[continues_id], back_populates="continues", lazy="raise"
    )
    nested_in: Mapped[Quote | None] = relationship(
        remote_side=[id], foreign_keys=[nested_in_id], back_populates="nested_quotes", lazy="raise"
    )
    nested_quotes: Mapped[list[Quote]] = relationship(
        foreign_keys=[nested_in_id], back_populates="nested_in", lazy="raise"
    )
    attributions: Mapped[list[Attribution]] = relationship(
        back_populates="quote", cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )

    @validates("text")
    def _fold_for_search(self, _key: str, value: str) -> str:
        """Keep search_text in step with text on every ORM write (insert, reparse)."""
        self.search_text = fold_for_search(value)
        return value


class Attribution(Base):
    """Who said a quote (or nobody known), with the evidence: mention, cue, method, confidence.

    A quote has at most one attribution per origin; a manual one overrides the parser's.
    """

    __tablename__ = "attributions"
    __table_args__ = (
        UniqueConstraint("quote_id", "origin"),
        _one_of("origin", ORIGINS),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence"),
        # a speaker's quotes in stored order straight from the index: the first page of a speaker with
        # 100,000 quotes reads 100 rows, not 100,000
        Index("ix_attributions_speaker_id_quote_id", "speaker_id", "quote_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"))  # indexed by a wider index it leads
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id"))
    mention_text: Mapped[str | None] = mapped_column(Text)  # "she", "Ms Levenberg"
    mention_start: Mapped[int | None] = mapped_column(Integer)
    mention_end: Mapped[int | None] = mapped_column(Integer)
    cue_text: Mapped[str | None] = mapped_column(Text)  # "said", "told", "according to"
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(32))  # cue-after, colon, ..., unresolved, manual
    confidence: Mapped[float] = mapped_column(Float)
    rule: Mapped[str | None] = mapped_column(String(32))  # the parser's rule (parse/RULES.md); None: manual
    withheld_name: Mapped[str | None] = mapped_column(Text)  # a speaker held back under the threshold
    origin: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    quote: Mapped[Quote] = relationship(back_populates="attributions", lazy="raise")
    speaker: Mapped[Speaker | None] = relationship(back_populates="attributions", lazy="raise")


class SpeakerStats(Base):
    """A speaker's counts of current attributions, kept in step by `quotes.db.stats` so listing speakers
    by count reads one row per speaker instead of every attribution."""

    __tablename__ = "speaker_stats"

    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True)
    quotes: Mapped[int] = mapped_column(Integer, index=True)  # quotes of every kind
    speech: Mapped[int] = mapped_column(Integer)  # of which speech
    articles: Mapped[int] = mapped_column(Integer)

    speaker: Mapped[Speaker] = relationship(back_populates="stats", lazy="raise")


class SpeakerArticleStats(Base):
    """A speaker's current attributions in one article: what `SpeakerStats` is the sum of."""

    __tablename__ = "speaker_article_stats"

    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    quotes: Mapped[int] = mapped_column(Integer)
    speech: Mapped[int] = mapped_column(Integer)

    speaker: Mapped[Speaker] = relationship(back_populates="article_stats", lazy="raise")
    article: Mapped[Article] = relationship(back_populates="speaker_stats", lazy="raise")


__all__ = [
    "DECISIONS",
    "ORIGINS",
    "QUOTE_KINDS",
    "SPEAKER_KINDS",
    "Article",
    "Attribution",
    "Base",
    "DistinctSpeakers",
    "ParseWarning",
    "Quote",
    "Speaker",
    "SpeakerAlias",
    "SpeakerAppearance",
    "SpeakerArticleStats",
    "SpeakerDecision",
    "SpeakerKey",
    "SpeakerRole",
    "SpeakerStats",
    "SpeakerSummary",
]
