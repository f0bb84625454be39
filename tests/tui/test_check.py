"""The check screen (`c`): the verdicts `quotes check` gives, the evidence, the word diff, where the words
travelled, an empty claim, hostile claim text, and the check of a quote prefilled from its detail screen."""

from __future__ import annotations

import json

from click.testing import CliRunner
from sqlalchemy.orm import Session, sessionmaker
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, TextArea
from tuidata import HOSTILE_MARKUP, drive, make_app, settle

from quotes.check.compare import CheckStatus, DiffKind
from quotes.cli import main
from quotes.tui.screens.browse import BrowseScreen
from quotes.tui.screens.check import EMPTY_CLAIM, CheckScreen
from quotes.tui.screens.detail import DetailScreen
from quotes.tui.verdict import DIFF_STYLES
from quotes.tui.widgets.quotes_table import QuotesTable

pytest_plugins = ["tuifixtures"]

S = CheckStatus
CASES = [
    # (claim, speaker, status, words the verdict or evidence cards must show)
    ("\u201cWe will not raise taxes this year,\u201d", "Okafor", S.EXACT, ("Mara Okafor", "cue-after")),
    ("We will raise taxes this year", "Mara Okafor", S.ALTERED, ("negation dropped: not",)),
    ("The numbers do not add up", "Okafor", S.MISATTRIBUTED, ("Said by", "Tom Hale", "Elmtown budget vote")),
    ("Penguins have taken over the town hall", "", S.NOT_FOUND, ("stored quotes", "quotes holding every one")),
]


def shown(screen: CheckScreen, card: str) -> str:
    widget = screen.query_one(f"#{card}", Static)
    return str(widget.visual) if widget.display else ""


def cli_status(factory: sessionmaker[Session], claim: str, speaker: str) -> str:
    url = factory.kw["bind"].url.render_as_string(hide_password=False)
    args = ["check", claim, "--db", url, "--json"] + (["--speaker", speaker] if speaker else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    status: str = json.loads(result.stdout)["status"]
    return status


async def open_check(pilot: Pilot[None]) -> CheckScreen:
    """Wait for the first screen, then press c: the check screen."""
    await settle(pilot)
    await pilot.press("c")
    screen = pilot.app.screen
    assert isinstance(screen, CheckScreen)
    return screen


async def check(pilot: Pilot[None], claim: str, speaker: str) -> None:
    """Fill in the claim and the speaker on the check screen, and press ctrl+r."""
    screen = pilot.app.screen
    assert isinstance(screen, CheckScreen)
    screen.query_one("#check-claim", TextArea).load_text(claim)
    screen.query_one("#check-speaker", Input).value = speaker
    await pilot.press("ctrl+r")


@drive
async def test_each_verdict_is_the_one_quotes_check_gives(newsroom: sessionmaker[Session]) -> None:
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_check(pilot)
        for claim, speaker, status, words in CASES:
            await check(pilot, claim, speaker)
            await settle(pilot)
            assert screen.result is not None, claim
            assert screen.result.status is status, (claim, screen.result)
            assert cli_status(newsroom, claim, speaker) == str(status)
            text = shown(screen, "check-verdict") + shown(screen, "check-evidence") + shown(screen, "check-diff")
            text += shown(screen, "check-searched")
            assert str(status) in shown(screen, "check-verdict")
            for word in words:
                assert word in text, (claim, word, text)
        await pilot.press("escape")
        assert isinstance(app.screen, BrowseScreen)


@drive
async def test_an_altered_claim_shows_each_edit_styled_apart(newsroom: sessionmaker[Session]) -> None:
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_check(pilot)
        await check(pilot, "We will raise rates this [coming] year", "Okafor")
        await settle(pilot)
        assert screen.result is not None and screen.result.status is S.ALTERED
        diff = screen.query_one("#check-diff", Static).visual
        assert isinstance(diff, Content)
        styled = {diff.plain[span.start : span.end]: str(span.style) for span in diff.spans}
        assert styled["not"] == DIFF_STYLES[DiffKind.DROPPED]
        assert styled["[coming]"] == DIFF_STYLES[DiffKind.INSERTED]
        assert styled["taxes"] == DIFF_STYLES[DiffKind.CHANGED_FROM]
        assert styled["rates"] == DIFF_STYLES[DiffKind.CHANGED_TO]
        assert diff.plain.startswith("We will not raise taxes\u2192rates this [coming] year\n")
        assert "Dropped     \u201cnot\u201d" in diff.plain and "meaning flips: negation dropped: not" in diff.plain
        travel = screen.query_one("#check-travel", DataTable)
        assert travel.display and travel.row_count == 1
        assert "cited" in str(travel.get_row_at(0)[5])
        travel.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.detail is not None and app.screen.detail.row.id == screen.result.travel[0].quote_id


@drive
async def test_an_empty_claim_says_so_and_checks_nothing(newsroom: sessionmaker[Session]) -> None:
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_check(pilot)
        await check(pilot, "  \n ", "Okafor")
        await settle(pilot)
        assert str(screen.query_one("#check-status", Static).visual) == EMPTY_CLAIM
        assert screen.result is None and not screen.query_one("#check-verdict", Static).display
        await check(pilot, "\u2026 \u201c\u201d", "")  # marks only: the check itself refuses it
        await settle(pilot)
        assert "Cannot check this: the claim holds no words to check" in str(
            screen.query_one("#check-status", Static).visual
        )
        assert screen.result is None and app.is_running


@drive
async def test_hostile_claim_text_is_shown_literally(newsroom: sessionmaker[Session]) -> None:
    app = make_app(newsroom)
    claim = f"We will not raise {HOSTILE_MARKUP} \x1b[2J\x07\x9b\u202e taxes"
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_check(pilot)
        await check(pilot, claim, "[@click=app.quit]budget[/]")
        await settle(pilot)
        assert screen.result is not None
        verdict = shown(screen, "check-verdict")
        assert HOSTILE_MARKUP in verdict and "[@click=app.quit]budget[/]" in verdict
        assert "\u241b[2J\u2407\\x9b\\u202e taxes" in verdict
        for card in ("check-verdict", "check-evidence", "check-diff", "check-searched"):
            assert not any(ch in shown(screen, card) for ch in "\x1b\x07\x9b\u202e"), card
        await pilot.click("#check-verdict", offset=(30, 1))  # a click on the "link" quits nothing
        assert app.is_running


@drive
async def test_c_on_a_quote_checks_it_with_its_speaker(newsroom: sessionmaker[Session]) -> None:
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        quotes = app.screen.query_one(QuotesTable)
        hale = next(i for i in range(quotes.row_count) if str(quotes.get_row_at(i)[1]) == "Tom Hale")
        quotes.move_cursor(row=hale)
        quotes.focus()
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, DetailScreen) and detail.detail is not None
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CheckScreen)
        assert screen.query_one("#check-claim", TextArea).text == detail.detail.row.text
        assert screen.query_one("#check-speaker", Input).value == "Tom Hale"
        assert screen.result is not None and screen.result.status is S.EXACT
        assert screen.result.evidence is not None and screen.result.evidence.quote_id == detail.detail.row.id
