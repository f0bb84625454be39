"""`quotes check`, `quotes audit` and `quotes quote show`: attribution checks against the stored sources.

Exit status of `check`: 0 when the claim stands as quoted (exact, exact_normalized, partial), 1 for any
other status, 2 for usage or input errors (no claim, an empty claim, one over the size limit, an
unreadable draft). Thin like every module of quotes/cli/: parse arguments, call quotes.check, print.
"""

from __future__ import annotations

import sys

import click

from quotes.cli.common import CONTEXT, database_errors, db_option, open_db
from quotes.display import json_text, printable


class InputError(click.UsageError):
    """Bad input (an empty or oversized claim, an unreadable draft): exit status 2, like a usage error."""


@click.command("check", context_settings=CONTEXT, short_help="Check a quote and its speaker against the sources.")
@click.argument("claim", required=False)
@click.option("--speaker", metavar="NAME", help="Who the claim says said it (a name, a surname, or #ID).")
@click.option(
    "--draft",
    "draft_path",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="Check every attributed quote of a draft article (.txt or .jsonl; it is not stored).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "md", "html"]),
    default=None,
    help="Output format; md and html (a table) are for --draft.",
)
@db_option
def check(
    claim: str | None,
    speaker: str | None,
    draft_path: str | None,
    as_json: bool,
    output_format: str | None,
    db: str | None,
) -> None:
    """Check CLAIM (a quote, with --speaker who said it) against every stored quote, and say what the
    sources show: exact, exact_normalized, partial, elided, altered, misattributed, not_in_quote or
    not_found, with the evidence (article, outlet, date, paragraph, offsets, the quote in its sentence,
    the source's speaker and how it was attributed), a word diff, and where the words travelled.

    Exits 0 for exact, exact_normalized and partial, 1 for any other status, 2 for usage or input errors
    (an empty claim, one over 5,000 characters). With --draft FILE, every attributed quote of the draft is
    checked; exit 1 when any is not exact, exact_normalized or partial.

    \b
    Example:
      quotes check "We will not raise taxes this year" --speaker "Cllr Hale"
      quotes check --draft story.txt --format md
    """
    chosen = "json" if as_json else (output_format or "text")
    if as_json and output_format not in (None, "json"):
        raise click.UsageError("--json and --format cannot both be given")
    if draft_path is not None:
        if claim is not None or speaker is not None:
            raise click.UsageError("give a CLAIM or --draft FILE, not both (the draft names its speakers)")
        sys.exit(_check_draft(draft_path, chosen, db))
    if claim is None:
        raise click.UsageError("give a CLAIM to check, or --draft FILE")
    if chosen in ("md", "html"):
        raise click.UsageError("--format md|html is for --draft; use text or json for one claim")
    from quotes.check.report import result_lines
    from quotes.check.verify import ClaimError, check_claim

    factory = open_db(db)
    with factory() as session, database_errors():
        try:
            result = check_claim(session, claim, speaker)
        except ClaimError as error:
            raise InputError(str(error)) from error
    if chosen == "json":
        click.echo(json_text(result.to_json(), indent=2))
    else:
        for line in result_lines(result):
            click.echo(line)
    sys.exit(result.exit_code)


def _check_draft(path: str, chosen: str, db: str | None) -> int:
    from quotes.check.draft import check_draft
    from quotes.check.report import html_table, markdown_table, result_lines
    from quotes.sources import SourceError, read_articles

    articles = list(read_articles([path]))
    problems = [item for item in articles if isinstance(item, SourceError)]
    if problems:
        raise InputError("; ".join(f"{printable(p.label)}: {printable(p.message)}" for p in problems))
    factory = open_db(db)
    reports = []
    with factory() as session, database_errors():
        for article in articles:
            assert not isinstance(article, SourceError)
            reports.append((article, check_draft(session, article.text)))
    results = [result for _, report in reports for _, result in report.results]
    if chosen == "json":
        click.echo(json_text([{"draft": a.source_id, **r.to_json()} for a, r in reports], indent=2))
    elif chosen == "md":
        for line in markdown_table(results):
            click.echo(line)
    elif chosen == "html":
        for line in html_table(results):
            click.echo(line)
    else:
        for article, report in reports:
            click.echo(
                f"== {printable(article.source_id)}: {len(report.results)} quotes checked, "
                f"{report.unattributed} without a speaker not checked"
            )
            for quote, result in report.results:
                click.echo(f"-- characters {quote.start}-{quote.end}")
                for line in result_lines(result):
                    click.echo(line)
    return max((report.exit_code for _, report in reports), default=0)


@click.command("audit", context_settings=CONTEXT, short_help="List attribution problems across the database.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1), help="Entries shown per list.")
@click.option(
    "--below", default=0.7, show_default=True, type=click.FloatRange(0, 1), help="Low confidence: below this."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@db_option
def audit(limit: int, below: float, as_json: bool, db: str | None) -> None:
    """List what a fact-checker should look at: quotes with no speaker, low-confidence attributions, the
    same words attributed to different speakers in different articles, speakers that may be duplicates,
    and articles with quotation marks left open.

    \b
    Example:
      quotes audit --limit 5
    """
    from quotes.check.audit import audit as run_audit
    from quotes.display import quote_lines

    with open_db(db)() as session, database_errors():
        report = run_audit(session, limit=limit, below=below)
    if as_json:
        click.echo(json_text(report.to_json(), indent=2))
        return
    click.echo(f"## quotes with no speaker: {report.unresolved_total}")
    for line in quote_lines(report.unresolved):
        click.echo(line)
    click.echo(f"\n## attributions with confidence below {report.below}: {report.low_confidence_total}")
    for line in quote_lines(report.low_confidence):
        click.echo(line)
    click.echo(f"\n## same words, different speakers: {len(report.shared_words)}")
    for rows in report.shared_words:
        click.echo(f"  \u201c{printable(rows[0].text)}\u201d")
        for row in rows:
            who = printable(row.speaker) if row.speaker else "(unresolved)"
            outlet = printable(row.outlet) if row.outlet else "(no outlet)"
            click.echo(f"    {row.article_date}  {outlet}  {who}  quote #{row.id}, article {row.article_id}")
    click.echo(f"\n## speakers that may be one person: {len(report.duplicate_speakers)}")
    for pair in report.duplicate_speakers:
        click.echo(
            f"  #{pair.first_id} {printable(pair.first_name)} ~ #{pair.second_id} {printable(pair.second_name)}"
            f"  {pair.rule} {pair.confidence:.2f}: {printable(pair.evidence)}"
        )
    click.echo(f"\n## articles with quotation marks left open: {report.unclosed_articles}")
    for warning in report.unclosed:
        title = printable(warning.article_title) if warning.article_title else "(untitled)"
        click.echo(f"  article {warning.article_id} {title}: {printable(warning.message)} at {warning.start}")


@click.command("show", context_settings=CONTEXT, short_help="Show one quote in full and where its words travelled.")
@click.argument("quote_id", type=int, metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@db_option
def quote_show(quote_id: int, as_json: bool, db: str | None) -> None:
    """Show quote ID: its text, paragraph, speaker and how it was attributed, and every stored appearance
    of the same or nearly the same words, earliest first.

    \b
    Example:
      quotes quote show 12
    """
    from quotes.check.report import travel_lines
    from quotes.check.travel import Appearance
    from quotes.check.verify import ClaimError, check_claim
    from quotes.db.repo import quote_detail

    with open_db(db)() as session, database_errors():
        detail = quote_detail(session, quote_id, others=0)
        if detail is None:
            raise click.ClickException(f"no quote #{quote_id}")
        travel: tuple[Appearance, ...] = ()
        try:
            travel = check_claim(session, detail.row.text[:5000], thorough=True).travel
        except ClaimError:  # a quote with no words in it
            pass
    row = detail.row
    if as_json:
        click.echo(json_text({**row.to_json(), "outlet": row.outlet, "date": row.article_date.isoformat(),
                              "paragraph_text": detail.paragraph_text, "pieces": list(detail.pieces),
                              "travel": [a.to_json() for a in travel]}, indent=2))  # fmt: skip
        return
    who = printable(row.speaker) if row.speaker else "(unresolved)"
    confidence = "" if row.confidence is None else f", confidence {row.confidence:.2f}"
    title = printable(row.article_title) if row.article_title else "(untitled)"
    click.echo(f"quote #{row.id} ({row.kind}) in article {row.article_id} \u201c{title}\u201d, {row.article_date}")
    click.echo(f"  \u201c{printable(row.text)}\u201d")
    click.echo(f"  said by:   {who}, attributed by {row.method or 'nobody'}{confidence} ({row.origin or '-'})")
    click.echo(f"  paragraph: {printable(detail.paragraph_text)}")
    for line in travel_lines(travel):
        click.echo(line)
