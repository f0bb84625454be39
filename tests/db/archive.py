"""Test helper: a small archive of invented articles (a few speakers in many articles, a long tail),
written as JSONL, and a dump of what a database holds, to compare ingests."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from quotes.db.models import Article, Attribution, Quote, Speaker

REGULARS = ("Mayor Ada Hale", "Councillor Ben Roe", "Chidi Okafor")
TOPICS = ("the bridge", "the budget", "the flood defences", "the school", "the tram line")


def article_text(n: int) -> str:
    """Article number `n`: two regulars and one occasional speaker, each quoted with a cue."""
    first, second = REGULARS[n % 3], REGULARS[(n + 1) % 3]
    topic = TOPICS[n % len(TOPICS)]
    occasional = f"{('Dana', 'Eli', 'Faye', 'Gus', 'Ivo')[n % 5]} {('Pell', 'Marsh', 'Quill', 'Vane')[n % 4]}"
    return (
        f"Elmtown debate number {n}\n\n"
        f'"We will deliver {topic} by {2030 + n}," {first} said on Monday.\n\n'
        f"{second} disagreed. \"Nobody believes {topic} is ready,\" {second.split()[-1]} told reporters.\n\n"
        f'"I have lived here for {n + 3} years and I am tired of waiting," said {occasional}.\n'
    )


def write_archive(path: Path, count: int, *, start: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for n in range(start, start + count):
            handle.write(json.dumps({"id": f"elm-{n}", "text": article_text(n)}) + "\n")
    return path


def dump(factory: sessionmaker[Session]) -> list[tuple[object, ...]]:
    """Every quote with its article's first line and current speaker name, in a stable order."""
    with factory() as session:
        rows = session.execute(
            select(Article.external_id, Quote.start, Quote.text, Speaker.name, Attribution.method)
            .join(Quote, Quote.article_id == Article.id)
            .outerjoin(Attribution, Attribution.quote_id == Quote.id)
            .outerjoin(Speaker, Speaker.id == Attribution.speaker_id)
            .order_by(Article.external_id, Quote.start, Attribution.id)
        ).all()
    return [tuple(row) for row in rows]


def speaker_names(factory: sessionmaker[Session]) -> list[str]:
    with factory() as session:
        return sorted(session.scalars(select(Speaker.name)))
