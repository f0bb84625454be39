"""What every `quotes` subcommand module shares: the --db option, the quote filter options, warnings on
stderr, and database errors turned into one-line messages. Its own module so the command modules
both import it and neither imports the other first (which made `python -m quotes.cli` fail)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from quotes.config import ENV_VAR, ConfigError, resolve_db_url

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from quotes.db.repo import QuoteQuery

F = TypeVar("F", bound=Callable[..., Any])
# quotes.parse.rules.DEFAULT_MIN_CONFIDENCE, written out so that importing the CLI stays cheap (a test
# keeps the two equal)
DEFAULT_MIN_CONFIDENCE = 0.5
CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


DB_HELP = f"Database: a SQLite file path or a SQLAlchemy URL (default: ${ENV_VAR}, else the user data dir)."


def _inherit_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A subcommand's --db, else the one given before the command name (`quotes --db x.db list`)."""
    if value is not None:
        return value
    inherited = ctx.find_root().params.get("db")
    return inherited if isinstance(inherited, str) else None


def db_option(function: F) -> F:
    """The shared --db option: a file path or a SQLAlchemy URL, given before or after the command name."""
    return click.option("--db", metavar="URL|PATH", callback=_inherit_db, help=DB_HELP)(function)


def min_confidence_option(function: F) -> F:
    """The shared --min-confidence option of the commands that parse (ingest, extract)."""
    return click.option(
        "--min-confidence",
        type=click.FloatRange(0.0, 1.0),
        default=DEFAULT_MIN_CONFIDENCE,
        show_default=True,
        help="Withhold a speaker whose confidence is below this: the quote is stored unresolved, with the "
        "rule, the confidence and the withheld name. 0 keeps every speaker the parser finds.",
    )(function)


def root_db_option(function: F) -> F:
    """--db on the `quotes` group itself, read by every subcommand's --db."""
    return click.option("--db", metavar="URL|PATH", help=DB_HELP)(function)


def warn(message: str) -> None:
    click.echo(f"quotes: {message}", err=True)


def echo_stream(lines: Iterable[str], *, chunk: int = 512) -> int:
    """Print lines as they come, several per write; the first ones at once (a write after lines 1, 2,
    4, ... up to `chunk`, then every `chunk` lines: click.echo flushes), so a pipe or a pager shows the
    start of a long listing while the rest is read. How many lines."""
    count = 0
    waiting: list[str] = []
    for line in lines:
        waiting.append(line)
        count += 1
        if len(waiting) >= chunk or (count & (count - 1) == 0 and count < chunk):
            click.echo("\n".join(waiting))
            waiting.clear()
    if waiting:
        click.echo("\n".join(waiting))
    return count


def json_array(items: Iterable[Any]) -> Iterator[str]:
    """The lines of `json_text(list(items), indent=2)`, an element at a time: a long array streams, and
    the text is the same, byte for byte."""
    from quotes.display import json_text

    held: str | None = None  # the element before: its comma comes once another follows
    for item in items:
        yield "[" if held is None else held + ","
        held = "  " + json_text(item, indent=2).replace("\n", "\n  ")
    yield "[]" if held is None else held + "\n]"


def database_url(db: str | None) -> str:
    """The URL in force; a SQLite file named in a folder that does not exist is a usage error (exit 2).

    Only the default location's folder (the user data dir) is created: a mistyped --db must not quietly
    make a new empty database and its folders.
    """
    from quotes.config import default_db_path
    from quotes.db.engine import sqlite_file

    try:
        url = resolve_db_url(db)
    except ConfigError as error:
        raise click.ClickException(str(error)) from error
    path = sqlite_file(url)
    if path is not None and path != default_db_path() and not path.parent.is_dir():
        given = "--db" if db else f"${ENV_VAR}"
        problem = "is not a folder" if path.parent.exists() else "does not exist (create it first)"
        raise click.UsageError(f"{given}: {path.parent} {problem}")
    return url


@contextmanager
def database_errors() -> Iterator[None]:
    """Turn what can go wrong with a database into a one-line error and exit status 1."""
    from sqlalchemy.exc import SQLAlchemyError

    from quotes.db.errors import one_line
    from quotes.db.migrate import SchemaError

    try:
        yield
    except BrokenPipeError:
        raise  # the reader went away (`| head`): click ends quietly, it is no database error
    except (SchemaError, ConfigError) as error:
        raise click.ClickException(str(error)) from error
    except SQLAlchemyError as error:
        raise click.ClickException(f"database error: {one_line(error)}") from error
    except OSError as error:  # e.g. the folder for a new SQLite file cannot be created
        raise click.ClickException(f"database error: {error}") from error


def open_db(db: str | None) -> sessionmaker[Session]:
    """Sessions on the chosen database, creating or upgrading it first where that is safe."""
    from quotes.db.migrate import open_database

    with database_errors():
        return open_database(database_url(db), notify=warn)


# --- which quotes: one set of filter options for `list`, `export` and whatever reads quotes next ----------

QUOTE_KINDS = ("speech", "partial", "term", "nested", "unclosed")
# Terms (scare quotes, titles) are not quotations. Unclosed quotes are: words someone said whose closing
# mark the article lost, shown with their kind so nobody takes them for a checked quote.
DEFAULT_KINDS = ("speech", "partial", "nested", "unclosed")
_SPEAKER_ID = re.compile(r"#?\d+")


@dataclass(frozen=True, slots=True)
class QuoteFilters:
    """The quote filters a user gave, before the database turns `--speaker` into an id or a name match."""

    speaker: str | None = None
    article_id: int | None = None
    search: str | None = None
    kinds: tuple[str, ...] = DEFAULT_KINDS
    min_confidence: float | None = None
    since: date | None = None
    until: date | None = None

    def query(self, session: Session) -> QuoteQuery:
        """The QuoteQuery these filters mean: `--speaker 12` or `#12` is one speaker (which must exist),
        any other value matches every speaker whose name or alias contains it."""
        from quotes.db.quote_detail import speaker_brief
        from quotes.db.repo import QuoteQuery

        speaker_id, speaker_name = None, self.speaker
        if self.speaker is not None and _SPEAKER_ID.fullmatch(self.speaker.strip()):
            speaker_id, speaker_name = int(self.speaker.strip().lstrip("#")), None
            if speaker_brief(session, speaker_id) is None:
                raise click.ClickException(f"no speaker #{speaker_id}: `quotes speakers` lists them")
        if self.since and self.until and self.since > self.until:
            raise click.BadParameter(f"--since {self.since} is after --until {self.until}")
        return QuoteQuery(
            speaker_id=speaker_id,
            speaker=speaker_name,
            article_id=self.article_id,
            search=self.search,
            kinds=self.kinds,
            min_confidence=self.min_confidence,
            since=self.since,
            until=self.until,
        )


def _day(_ctx: click.Context, _param: click.Parameter, value: datetime | None) -> date | None:
    return None if value is None else value.date()


_FILTER_OPTIONS = (
    click.option(
        "--speaker",
        metavar="NAME|ID",
        help="Only quotes by speakers whose name or an alias holds the words of NAME, the last one as a "
        "prefix (case, accents and apostrophe kinds ignored: d'souza finds D’Souza); "
        "an ID (12 or #12, from `quotes speakers`) picks exactly one speaker.",
    ),
    click.option("--article", "article_id", type=int, metavar="ID", help="Only quotes from this article."),
    click.option(
        "--search",
        metavar="TEXT",
        help="Only quotes whose text or speaker's name holds these words (the search language: "
        '"a phrase", prefix*, a OR b, -word; see README "Searching").',
    ),
    click.option(
        "--kind",
        "kinds",
        type=click.Choice((*QUOTE_KINDS, "all")),
        multiple=True,
        help="Only this kind (repeatable). Default: all but term (scare quotes, titles), "
        "which are not quotations; unclosed (a quote whose closing mark is missing, never attributed) "
        "is shown.",
    ),
    click.option(
        "--min-confidence",
        type=click.FloatRange(0.0, 1.0),
        metavar="X",
        help="Only quotes attributed with confidence X (0..1) or more; leaves out unattributed quotes.",
    ),
    click.option(
        "--since",
        type=click.DateTime(["%Y-%m-%d"]),
        callback=_day,
        metavar="DATE",
        help="Only quotes from articles dated on or after DATE (YYYY-MM-DD; publication date, else the "
        "day it was stored).",
    ),
    click.option(
        "--until",
        type=click.DateTime(["%Y-%m-%d"]),
        callback=_day,
        metavar="DATE",
        help="Only quotes from articles dated on or before DATE.",
    ),
)


def quote_filter_options(function: F) -> F:
    """The quote filter options (--speaker --article --search --kind --min-confidence --since --until),
    handed to the command as one `filters: QuoteFilters` argument."""

    @functools.wraps(function)
    def command(*args: Any, **kwargs: Any) -> Any:
        kinds: tuple[str, ...] = kwargs.pop("kinds")
        kwargs["filters"] = QuoteFilters(
            speaker=kwargs.pop("speaker"),
            article_id=kwargs.pop("article_id"),
            search=kwargs.pop("search"),
            kinds=() if "all" in kinds else (kinds or DEFAULT_KINDS),
            min_confidence=kwargs.pop("min_confidence"),
            since=kwargs.pop("since"),
            until=kwargs.pop("until"),
        )
        return function(*args, **kwargs)

    decorated: Any = command
    for option in reversed(_FILTER_OPTIONS):
        decorated = option(decorated)
    return cast(F, decorated)
