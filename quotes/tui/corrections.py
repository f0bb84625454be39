"""Corrections from the UI: ask what to change, say what will change, then call the same core functions
as the CLI (`quotes.db.corrections`, `quotes.db.speaker_flags`) in a thread worker of the app.

Those core modules load the speaker resolver and the parser (a second of imports on a busy machine), so
they are imported by the worker that makes a correction, not with the UI: the first screen does not wait
for them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.content import Content

from quotes.tui.messages import Corrected, MergePreview, WorkFailed
from quotes.tui.safe import visible
from quotes.tui.screens.dialogs import ChoiceScreen, ConfirmScreen, PromptScreen
from quotes.tui.work import run_db

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from quotes.db.corrections import Done


def _now() -> datetime:
    return datetime.now(UTC)


def _apply(app: App[Any], change: Callable[[Session], Done]) -> None:
    def work(session: Session) -> Corrected:
        done = change(session)
        return Corrected(done.message, done.speaker_id or None)

    run_db(app, "correction", work, write=True)


def reassign(app: App[Any], quote_id: int) -> None:
    """Ask who said a quote, then attribute it by hand (empty: the parser's attribution applies again)."""

    def answered(ref: str | None) -> None:
        if ref is None:
            return
        cleaned = ref.strip() or None

        def change(session: Session) -> Done:
            from quotes.db.corrections import reassign_quote

            return reassign_quote(session, quote_id, cleaned, now=_now())

        _apply(app, change)

    question = Content(
        f"Who said quote #{quote_id}? A speaker id (#12) or name or alias. "
        "Leave it empty to drop the manual attribution."
    )
    app.push_screen(PromptScreen(question, placeholder="#12 or a name"), answered)


def rename(app: App[Any], speaker_id: int, name: str) -> None:
    def answered(new_name: str | None) -> None:
        if new_name is None or not new_name.strip():
            return

        def change(session: Session) -> Done:
            from quotes.db.corrections import rename_speaker

            return rename_speaker(session, f"#{speaker_id}", new_name, now=_now())

        _apply(app, change)

    question = Content.assemble("Rename speaker ", (f"#{speaker_id} {visible(name)}", "bold"), " to:")
    app.push_screen(PromptScreen(question, value=visible(name)), answered)


def merge(app: App[Any], keep_id: int, name: str) -> None:
    """Ask which speaker to merge into this one, show what will change, merge only on yes."""

    def answered(ref: str | None) -> None:
        if ref is None or not ref.strip():
            return

        def work(session: Session) -> MergePreview | WorkFailed:
            from quotes.db.corrections import find_speaker

            other = find_speaker(session, ref)
            from quotes.db.speaker_views import speaker_summaries

            keep = speaker_summaries(session, speaker_id=keep_id)
            gone = speaker_summaries(session, speaker_id=other.id)
            if not keep or not gone:
                return WorkFailed(f"no speaker #{keep_id if not keep else other.id}")
            if other.id == keep_id:
                return WorkFailed(f"#{keep_id} is already that speaker")
            return MergePreview(keep[0], gone[0])

        run_db(app, "merge-preview", work)

    question = Content.assemble(
        "Merge which speaker into ", (f"#{keep_id} {visible(name)}", "bold"), "? An id (#12) or a name."
    )
    app.push_screen(PromptScreen(question, placeholder="#12 or a name"), answered)


def confirm_merge(app: App[Any], preview: MergePreview) -> None:
    keep, other = preview.keep, preview.other
    message = Content.assemble(
        ("Merge ", "bold"),
        (f"#{other.id} {visible(other.name)}", "bold $warning"),
        (" into ", "bold"),
        (f"#{keep.id} {visible(keep.name)}", "bold $success"),
        "?\n\n",
        f"\u2022 {other.quotes} quotes in {other.articles} articles move to #{keep.id} "
        f"(which then has {keep.quotes + other.quotes} quotes).\n",
        f"\u2022 Its aliases ({len(other.aliases)}) and roles ({len(other.roles)}) move too; "
        "its name becomes an alias.\n",
        f"\u2022 Speaker #{other.id} is deleted. `quotes reparse` keeps the merge.\n",
    )

    def merged(session: Session) -> Done:
        from quotes.db.corrections import merge_speakers

        return merge_speakers(session, f"#{keep.id}", f"#{other.id}", now=_now())

    def decided(yes: bool | None) -> None:
        if yes:
            _apply(app, merged)

    app.push_screen(ConfirmScreen(message, action="Merge"), decided)


def toggle_anonymous(app: App[Any], speaker_id: int, anonymous: bool) -> None:
    def change(session: Session) -> Done:
        from quotes.db.speaker_flags import set_anonymous

        return set_anonymous(session, f"#{speaker_id}", not anonymous, now=_now())

    _apply(app, change)


def change_kind(app: App[Any], speaker_id: int, name: str, kind: str) -> None:
    def picked(new_kind: str | None) -> None:
        if new_kind is not None and new_kind != kind:

            def change(session: Session) -> Done:
                from quotes.db.speaker_flags import set_kind

                return set_kind(session, f"#{speaker_id}", new_kind, now=_now())

            _apply(app, change)

    question = Content.assemble("What kind of speaker is ", (f"#{speaker_id} {visible(name)}", "bold"), "?")
    from quotes.db.models import SPEAKER_KINDS

    app.push_screen(ChoiceScreen(question, SPEAKER_KINDS, current=kind), picked)
