"""Read queries: current attribution (manual beats parser), speaker filters, JSON shapes."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.models import Attribution, Quote, Speaker, SpeakerAlias
from quotes.db.repo import list_quotes
from quotes.db.speaker_views import speaker_summaries

NOW = datetime(2026, 1, 2, tzinfo=UTC)
QUOTE_KEYS = [
    "id", "text", "speaker", "article_id", "article_title", "start", "end", "paragraph", "kind", "cue",
    "method", "confidence", "speaker_id", "origin", "rule", "withheld_speaker",
]


def test_quote_rows_have_the_documented_json_keys(seeded_db: str, session: Session) -> None:
    rows = list_quotes(session)
    assert rows
    assert all(list(row.to_json()) == QUOTE_KEYS for row in rows)
    assert [(row.article_id, row.start) for row in rows] == sorted((row.article_id, row.start) for row in rows)


def test_speaker_rows_have_the_documented_json_keys(seeded_db: str, session: Session) -> None:
    rows = speaker_summaries(session)
    assert rows
    assert all(list(row.to_json())[:4] == ["name", "aliases", "quotes", "articles"] for row in rows)
    quoted = list_quotes(session)
    assert sum(row.quotes for row in rows) == sum(1 for row in quoted if row.speaker_id is not None)


def test_manual_attribution_overrides_the_parser(seeded_db: str, factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        quote = session.scalars(select(Quote).order_by(Quote.id).limit(1)).one()
        editor = Speaker(name="Checked Person", kind="person", created_at=NOW)
        session.add(editor)
        session.add(SpeakerAlias(speaker=editor, alias="Checker", article=None, origin="manual"))
        session.add(
            Attribution(quote=quote, speaker=editor, method="manual", confidence=1.0, origin="manual",
                        created_at=NOW)
        )
        quote_id = quote.id
    with factory() as session:
        (row,) = [row for row in list_quotes(session) if row.id == quote_id]
        assert (row.speaker, row.method, row.confidence) == ("Checked Person", "manual", 1.0)
        assert [row.id for row in list_quotes(session, speaker="checker")] == [quote_id]
        assert [row.id for row in list_quotes(session, speaker="Checked Person")] == [quote_id]
        (checked,) = [s for s in speaker_summaries(session) if s.name == "Checked Person"]
        assert (checked.quotes, checked.articles, checked.aliases) == (1, 1, ("Checker",))
        assert len(list_quotes(session)) == len({row.id for row in list_quotes(session)})


def test_filters(seeded_db: str, session: Session) -> None:
    everything = list_quotes(session)
    first_article = everything[0].article_id
    assert {row.article_id for row in list_quotes(session, article_id=first_article)} == {first_article}
    speeches = list_quotes(session, kinds=["speech"])
    assert speeches and {row.kind for row in speeches} == {"speech"}
    assert list_quotes(session, speaker="Nobody Of That Name") == []
    assert list_quotes(session, speaker="%") == [] and list_quotes(session, speaker="_") == []
    peskov = list_quotes(session, speaker="peskov")
    assert peskov and {row.speaker for row in peskov} == {"Dmitry Peskov"}
