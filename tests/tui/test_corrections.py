"""Each correction made from the UI, and its effect in the database."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from textual.widgets import Input, OptionList, Static
from tuidata import drive, make_app, settle, speaker_id

from quotes.db.models import Attribution, Quote, Speaker, SpeakerDecision
from quotes.db.quote_detail import quote_detail
from quotes.tui.screens.detail import DetailScreen
from quotes.tui.screens.dialogs import ChoiceScreen, ConfirmScreen, PromptScreen
from quotes.tui.widgets.panes import SpeakersPane

pytest_plugins = ["tuifixtures"]


def highlight_speaker(app: object, speaker: int) -> None:
    pane = app.screen.query_one(SpeakersPane)  # type: ignore[attr-defined]
    keys = [int(str(row.value)) for row in pane.table.rows]
    pane.table.move_cursor(row=keys.index(speaker))
    pane.table.focus()


def actions(factory: sessionmaker[Session]) -> list[str]:
    with factory() as session:
        return list(session.scalars(select(SpeakerDecision.action).order_by(SpeakerDecision.id)))


@drive
async def test_reassign_a_quote_from_its_detail(newsroom: sessionmaker[Session]) -> None:
    hale = speaker_id(newsroom, "Tom Hale")
    with newsroom() as session:
        resident_quote = session.scalars(select(Quote.id).where(Quote.text.startswith("Nobody told"))).one()
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(DetailScreen(resident_quote))
        await settle(pilot)
        await pilot.press("r")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"Tom Hale", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        attribution = str(app.screen.query_one("#detail-attribution", Static).visual)
        assert "Tom Hale" in attribution and "set by hand" in attribution
    with newsroom() as session:
        detail = quote_detail(session, resident_quote)
        assert detail is not None and detail.row.speaker_id == hale and detail.row.origin == "manual"
    assert actions(newsroom) == ["reassign"]


@drive
async def test_rename_a_speaker(newsroom: sessionmaker[Session]) -> None:
    okafor = speaker_id(newsroom, "Mara Okafor")
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        highlight_speaker(app, okafor)
        await pilot.press("R")
        assert isinstance(app.screen, PromptScreen)
        app.screen.query_one(Input).value = "Mara Okafor-Roe"
        await pilot.press("enter")
        await settle(pilot)
        pane = app.screen.query_one(SpeakersPane)
        assert pane.rows[okafor].name == "Mara Okafor-Roe"
    with newsroom() as session:
        assert session.get(Speaker, okafor).name == "Mara Okafor-Roe"  # type: ignore[union-attr]
    assert actions(newsroom) == ["rename"]


@drive
async def test_merge_says_what_will_change_and_merges_on_yes(newsroom: sessionmaker[Session]) -> None:
    okafor, hale = speaker_id(newsroom, "Mara Okafor"), speaker_id(newsroom, "Tom Hale")
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        highlight_speaker(app, hale)
        await pilot.press("m", *f"#{okafor}", "enter")
        await settle(pilot)
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        message = str(confirm.message)
        assert f"Merge #{okafor} Mara Okafor into #{hale} Tom Hale?" in message
        assert "2 quotes in 1 articles move" in message and "(which then has 5 quotes)" in message
        await pilot.press("n")  # nothing happens on no
        await settle(pilot)
        with newsroom() as session:
            assert session.get(Speaker, okafor) is not None
        await pilot.press("m", *f"#{okafor}", "enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert okafor not in app.screen.query_one(SpeakersPane).rows
    resident = speaker_id(newsroom, "a resident")  # before the session below: each one takes the write lock
    with newsroom() as session:
        assert session.get(Speaker, okafor) is None
        speakers = session.scalars(select(Attribution.speaker_id).where(Attribution.speaker_id.is_not(None)))
        assert set(speakers) == {hale, resident}
    assert actions(newsroom) == ["merge"]


@drive
async def test_mark_anonymous_and_change_kind(newsroom: sessionmaker[Session]) -> None:
    resident = speaker_id(newsroom, "a resident")
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        highlight_speaker(app, resident)
        await pilot.press("A")
        await settle(pilot)
        assert app.screen.query_one(SpeakersPane).rows[resident].anonymous
        highlight_speaker(app, resident)
        await pilot.press("K")
        assert isinstance(app.screen, ChoiceScreen)
        options = app.screen.query_one(OptionList)
        options.highlighted = [options.get_option_at_index(i).id for i in range(options.option_count)].index(
            "group"
        )
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one(SpeakersPane).rows[resident].kind == "group"
    with newsroom() as session:
        speaker = session.get(Speaker, resident)
        assert speaker is not None and speaker.anonymous and speaker.kind == "group"
    assert actions(newsroom) == ["anonymous", "kind"]
