"""Command palette entries: jump to any speaker (its profile) or article (the reader) by name.

The palette's search runs on the event loop, so the lookup goes to a thread (`asyncio.to_thread`) with its
own session. Names are shown as Content, never as markup.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from textual.app import App
from textual.command import Hit, Hits, Provider
from textual.content import Content

from quotes.tui.safe import visible
from quotes.tui.work import session_factory

if TYPE_CHECKING:
    from quotes.db.articles import ArticleRow
    from quotes.db.speaker_views import SpeakerSummary

LIMIT = 20


def _lookup(app: App[object], text: str) -> tuple[list[SpeakerSummary], tuple[ArticleRow, ...]]:
    from quotes.db.articles import list_articles
    from quotes.db.speaker_views import speaker_summaries

    with session_factory(app)() as session:
        speakers = speaker_summaries(session, search=text, limit=LIMIT)
        articles = list_articles(session, search=text, limit=LIMIT).rows
    return speakers, articles


class QuotesCommands(Provider):
    """Speakers and articles whose name, alias, title or outlet contains what the user typed."""

    async def search(self, query: str) -> Hits:
        text = query.strip()
        if len(text) < 2:
            return
        from quotes.tui.screens.profile import ProfileScreen
        from quotes.tui.screens.reader import ReaderScreen

        speakers, articles = await asyncio.to_thread(_lookup, self.app, text)
        matcher = self.matcher(text)
        for speaker in speakers:
            label = f"Speaker: {visible(speaker.name)}"
            yield Hit(
                max(matcher.match(label), 0.5),
                Content.assemble("Speaker: ", (visible(speaker.name), "bold")),
                partial(self.app.push_screen, ProfileScreen(speaker.id)),
                text=label,
                help=f"{speaker.kind}, {speaker.quotes} quotes in {speaker.articles} articles",
            )
        for article in articles:
            label = f"Article: {visible(article.title or f'article {article.id}')}"
            yield Hit(
                max(matcher.match(label), 0.4),
                Content.assemble("Article: ", (visible(article.title or f"article {article.id}"), "bold")),
                partial(self.app.push_screen, ReaderScreen(article.id)),
                text=label,
                help=f"{article.day.isoformat()}, {article.quotes} quotes",
            )
