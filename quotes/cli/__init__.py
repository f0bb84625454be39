"""The `quotes` command: parse arguments, call the core, print. Data goes to stdout, diagnostics to stderr.

Exit status: 0 when everything worked, 1 when some input failed (or a command could not run), 2 for
usage errors. Heavy modules are imported inside the commands so `quotes --help` stays quick.
"""

from __future__ import annotations

import click

from quotes import __version__
from quotes.cli.check import audit, check, quote_show
from quotes.cli.common import CONTEXT, root_db_option
from quotes.cli.database import db, seed
from quotes.cli.export import export
from quotes.cli.ingest import ingest
from quotes.cli.reading import extract, list_command
from quotes.cli.speakers import quote, reparse, speakers
from quotes.cli.tui import tui
from quotes.config import ENV_VAR, default_db_path


@click.group(
    context_settings=CONTEXT,
    epilog=(
        f"The database is a SQLite file, by default {default_db_path()}; "
        f"--db URL|PATH or the {ENV_VAR} environment variable (a file path or any SQLAlchemy URL, "
        "e.g. postgresql+psycopg://user@host/quotes) choose another. It is created on first use."
    ),
)
@click.version_option(__version__, prog_name="quotes")
@root_db_option
def main(db: str | None) -> None:
    """Collect the direct quotes in news articles and who said them, and search them.

    \b
    Start with:
      quotes seed          store the sample articles
      quotes list          show the quotes and their speakers
    """


# one module per command family: quotes/cli/<family>.py
main.add_command(db)
main.add_command(seed)
main.add_command(list_command)
main.add_command(extract)
main.add_command(ingest)
main.add_command(speakers)
main.add_command(quote)
main.add_command(reparse)
main.add_command(tui)
main.add_command(export)
main.add_command(check)
main.add_command(audit)
quote.add_command(quote_show)
