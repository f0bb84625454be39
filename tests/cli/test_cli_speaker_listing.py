"""`quotes speakers` at archive scale: a first page by default with a line saying how many there are,
--limit, --all, --sort, and --json complete and byte for byte what one json dump of the list gives;
`quotes list` streamed the same way. Through CliRunner on a file database with the seeds and 64 more
speakers."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result

from quotes.cli import main
from quotes.db.engine import make_engine, make_session_factory
from quotes.db.repo import QuoteQuery, iter_quotes
from quotes.db.speaker_list import SpeakerSort, speaker_summaries
from quotes.display import json_text

GIVEN = "Anna Boris Clara Dmitri Elena Felix Greta Hugo".split()
SURNAMES = "Hale Roe Okafor Marwick Tenby Quill Dorsey Ashcombe".split()


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seeds and a hearing where 64 invented people speak once each."""
    folder = tmp_path_factory.mktemp("listing")
    lines = ["Council budget hearing", ""]
    for number, (given, surname) in enumerate(((g, s) for g in GIVEN for s in SURNAMES), start=1):
        lines += [f'"We need {number} more buses on the eastern routes," said {given} {surname}.', ""]
    (folder / "hearing.txt").write_text("\n".join(lines), encoding="utf-8")
    path = str(folder / "quotes.db")
    assert run("seed", "--db", path).exit_code == 0
    assert run("ingest", str(folder / "hearing.txt"), "--db", path).exit_code == 0
    return path


def listed(db: str, sort: SpeakerSort = SpeakerSort.QUOTES, search: str | None = None) -> list[str]:
    """`#id` of every speaker, in `sort` order, from the read layer."""
    engine = make_engine(f"sqlite:///{db}")
    with make_session_factory(engine)() as session:
        rows = speaker_summaries(session, sort=sort, search=search)
    engine.dispose()
    return [f"#{row.id}" for row in rows]


def shown(result: Result) -> list[str]:
    """`#id` of each table line after the header."""
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["QUOTES", "ARTICLES", "SPEECH", "SPEAKER"]
    return [line.split()[3] for line in lines[1:]]


MORE = "--limit N or --all for more, --search TEXT to filter"


@pytest.mark.parametrize(
    ("args", "sort", "count", "footer"),
    [
        ((), SpeakerSort.QUOTES, 50, f"50 of {{total}} speakers shown, most quoted first: {MORE}"),
        (("--limit", "3"), SpeakerSort.QUOTES, 3, f"3 of {{total}} speakers shown, most quoted first: {MORE}"),
        (("--all",), SpeakerSort.QUOTES, None, ""),
        (("--sort", "name", "--limit", "5"), SpeakerSort.NAME, 5, f"5 of {{total}} speakers shown, by name: {MORE}"),
        (("--sort", "articles", "--all"), SpeakerSort.ARTICLES, None, ""),
        (("--limit", "1000"), SpeakerSort.QUOTES, None, ""),
    ],
)
def test_table_pages(db: str, args: tuple[str, ...], sort: SpeakerSort, count: int | None, footer: str) -> None:
    everyone = listed(db, sort)
    assert len(everyone) > 64
    result = run("speakers", *args, "--db", db)
    assert result.exit_code == 0, result.output
    assert shown(result) == everyone[:count]
    assert result.stderr == (f"quotes: {footer.format(total=len(everyone))}\n" if footer else "")


@pytest.mark.parametrize(
    ("args", "count"),
    [((), None), (("--limit", "2"), 2), (("--all",), None), (("--sort", "name"), None), (("--search", "nobody"), 0)],
)
def test_json_is_complete_unless_limited_and_one_dump(db: str, args: tuple[str, ...], count: int | None) -> None:
    result = run("speakers", "--json", *args, "--db", db)
    assert result.exit_code == 0, result.output
    sort = SpeakerSort.NAME if "name" in args else SpeakerSort.QUOTES
    engine = make_engine(f"sqlite:///{db}")
    with make_session_factory(engine)() as session:
        search = args[1] if args[:1] == ("--search",) else None
        expected = [row.to_json() for row in speaker_summaries(session, sort=sort, search=search)][:count]
    engine.dispose()
    assert result.stdout == json_text(expected, indent=2) + "\n"
    assert json.loads(result.stdout) == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--limit", "2", "--all"), "give --limit N or --all, not both"),
        (("--limit", "0"), "0 is not in the range x>=1"),
        (("--sort", "size"), "'size' is not one of 'quotes', 'articles', 'name'"),
    ],
)
def test_bad_options_are_usage_errors(db: str, args: tuple[str, ...], message: str) -> None:
    result = run("speakers", *args, "--db", db)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_search_that_fits_the_page_says_nothing_more(db: str) -> None:
    result = run("speakers", "--search", "okafor", "--limit", "8", "--db", db)
    assert shown(result) == listed(db, search="okafor")
    assert len(shown(result)) == 8 and result.stderr == ""
    fewer = run("speakers", "--search", "okafor", "--limit", "3", "--db", db)
    assert fewer.stderr == "quotes: 3 of 8 speakers shown, most quoted first: --limit N or --all for more\n"


@pytest.mark.parametrize("as_json", [False, True])
def test_list_streams_what_the_read_layer_reads(db: str, as_json: bool) -> None:
    result = run("list", "--kind", "all", *(["--json"] if as_json else []), "--db", db)
    assert result.exit_code == 0, result.output
    engine = make_engine(f"sqlite:///{db}")
    with make_session_factory(engine)() as session:
        rows = list(iter_quotes(session, QuoteQuery()))
    engine.dispose()
    if as_json:
        assert result.stdout == json_text([row.to_json() for row in rows], indent=2) + "\n"
    else:
        ids = [line.split()[0] for line in result.stdout.splitlines() if line.startswith("#")]
        assert ids == [f"#{row.id}" for row in rows]
