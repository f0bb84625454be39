"""`quotes speakers …`, `quotes quote reassign` and `quotes reparse`: speakers across articles and the
corrections a person makes to them. Thin like every module of quotes/cli/: parse arguments, call quotes.db, print."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import click

from quotes.cli.common import CONTEXT, database_errors, db_option, echo_stream, json_array, open_db, warn
from quotes.display import json_text, printable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from quotes.db.speaker_views import CandidateRow, Provenance, SpeakerDetail, SpeakerSummary


def _now() -> datetime:
    return datetime.now(UTC)


@contextmanager
def _correction(db: str | None) -> Iterator[Session]:
    """One transaction for one correction; a refused correction is a one-line error, exit status 1."""
    from quotes.db.corrections import CorrectionError

    factory = open_db(db)
    with database_errors():
        try:
            with factory.begin() as session:
                yield session
        except CorrectionError as error:
            raise click.ClickException(str(error)) from error


SHOWN_BY_DEFAULT = 50  # the table's first page: the most quoted speakers, at once on any database
SORTS = ("quotes", "articles", "name")
SORT_SAID = {"quotes": "most quoted first", "articles": "in most articles first", "name": "by name"}


@click.group(
    invoke_without_command=True,
    context_settings=CONTEXT,
    short_help="List speakers; show, merge, split or rename them.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array (of every speaker unless --limit).")
@click.option("--search", metavar="TEXT", help="Only speakers whose name or an alias holds the words of TEXT (the last a prefix).")
@click.option(
    "--sort",
    type=click.Choice(SORTS),
    default="quotes",
    show_default=True,
    help="quotes: most quoted first; articles: in most articles first; name: by name (case and accents ignored).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    metavar="N",
    help=f"Show the first N speakers (the table's default: {SHOWN_BY_DEFAULT}; a last line on stderr says how many there are).",
)
@click.option("--all", "show_all", is_flag=True, help="Show every speaker (the table streams: the first lines come at once).")
@db_option
@click.pass_context
def speakers(
    ctx: click.Context,
    as_json: bool,
    search: str | None,
    sort: str,
    limit: int | None,
    show_all: bool,
    db: str | None,
) -> None:
    """List speakers, one entity across all articles: kind, aliases, roles, how many quotes (and how
    many of them speech) and articles. The table shows the 50 most quoted unless --limit, --all or
    --sort say otherwise; --json lists every speaker unless --limit is given. The subcommands show
    one speaker and correct them by hand.

    \b
    Example:
      quotes speakers --search peskov
      quotes speakers --sort name --all | less
    """
    if ctx.invoked_subcommand is not None:
        return
    from quotes.db.speaker_list import SpeakerSort, count_speakers, iter_speaker_summaries

    if limit is not None and show_all:
        raise click.UsageError("give --limit N or --all, not both")
    shown = None if show_all or (as_json and limit is None) else (limit or SHOWN_BY_DEFAULT)
    with open_db(db)() as session, database_errors():
        rows = iter_speaker_summaries(session, search=search, sort=SpeakerSort(sort), limit=shown)
        if as_json:
            echo_stream(json_array(row.to_json() for row in rows))
            return
        lines = echo_stream(_table_lines(rows))  # the header and a line per speaker
        full_page = shown is not None and lines > shown
        total = count_speakers(session, search=search) if full_page else 0
    if lines == 0:
        warn("no speakers found" if search else "no speakers yet: run `quotes seed` or `quotes ingest PATH`")
    elif shown is not None and total > shown:
        more = "--limit N or --all for more" + ("" if search else ", --search TEXT to filter")
        warn(f"{shown} of {total:,} speakers shown, {SORT_SAID[sort]}: {more}")


def _table_lines(rows: Iterable[SpeakerSummary]) -> Iterator[str]:
    first = True
    for row in rows:
        if first:
            yield f"{'QUOTES':>6} {'ARTICLES':>8} {'SPEECH':>6}  SPEAKER"
            first = False
        yield f"{row.quotes:>6} {row.articles:>8} {row.speech:>6}  {_speaker_line(row)}"


def _speaker_line(row: SpeakerSummary) -> str:
    line = f"#{row.id} {printable(row.name)} ({row.kind})"
    if row.anonymous:
        line += " [anonymous]"
    if row.aliases:
        line += "  also: " + ", ".join(printable(alias) for alias in row.aliases)
    if row.roles:
        line += "  roles: " + "; ".join(printable(role) for role in row.roles)
    return line


@speakers.command("show", short_help="Show one speaker: aliases, roles, articles, quotes, candidates.")
@click.argument("speaker", metavar="NAME|ID")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object instead of text.")
@db_option
def show(speaker: str, as_json: bool, db: str | None) -> None:
    """Show one speaker: each alias and role with the articles it was seen in, how each article's
    speaker was matched to it (rule, confidence, evidence), its quotes, candidates and manual decisions.

    \b
    Example:
      quotes speakers show "Dmitry Peskov"
    """
    from quotes.db.corrections import CorrectionError
    from quotes.db.speaker_views import find_speaker_id, speaker_detail

    with open_db(db)() as session, database_errors():
        try:
            detail = speaker_detail(session, find_speaker_id(session, speaker))
        except CorrectionError as error:
            raise click.ClickException(str(error)) from error
    assert detail is not None  # find_speaker_id found it in the same session
    if as_json:
        click.echo(json_text(detail.to_json(), indent=2))
        return
    for line in _detail_lines(detail):
        click.echo(line)


def _detail_lines(detail: SpeakerDetail) -> Iterator[str]:
    s = detail.summary
    yield f"#{s.id} {printable(s.name)} ({s.kind})" + (" [anonymous]" if s.anonymous else "")
    yield f"quotes: {s.quotes} ({s.speech} speech) in {s.articles} article(s)"
    yield "aliases: " + _provenance(detail.aliases)
    yield "roles: " + _provenance(detail.roles)
    yield "articles:"
    for a in detail.appearances:
        how = "new speaker" if a.confidence is None and a.origin == "parser" else f"{a.confidence or 0:.2f}"
        yield f"  {a.article_id}: as {printable(a.name)!r} ({a.origin}, {a.rule}, {how}): {printable(a.evidence)}"
    yield "quotes:"
    for q in detail.quotes:
        by = " (manual)" if q.origin == "manual" else ""
        yield f"  #{q.id:<4} article {q.article_id} [{q.start}:{q.end}] {q.kind}{by} “{printable(q.text)}”"
    yield "candidates:" + ("" if detail.candidates else " none")
    for c in detail.candidates:
        other = (c.second_id, c.second_name) if c.first_id == s.id else (c.first_id, c.first_name)
        yield f"  #{other[0]} {printable(other[1])}: {c.rule} {c.confidence:.2f}: {printable(c.evidence)}"
    yield "decisions:" + ("" if detail.decisions else " none")
    for d in detail.decisions:
        yield f"  {d.created_at:%Y-%m-%d %H:%M} {d.action}: {printable(d.detail)}"


def _provenance(items: tuple[Provenance, ...]) -> str:
    def where(p: Provenance) -> str:
        seen = [f"article{'s' if len(p.article_ids) > 1 else ''} {', '.join(map(str, p.article_ids))}"]
        return ", ".join(seen * bool(p.article_ids) + ["manual"] * p.manual)

    return "; ".join(f"{printable(p.text)} ({where(p)})" for p in items) or "none"


@speakers.command("merge", short_help="Merge speaker OTHER into speaker KEEP.")
@click.argument("keep", metavar="KEEP")
@click.argument("other", metavar="OTHER")
@db_option
def merge(keep: str, other: str, db: str | None) -> None:
    """Merge OTHER into KEEP (each a name or an id): OTHER's quotes, aliases, roles and articles become
    KEEP's, and OTHER's name becomes an alias. Ingest and reparse keep the merge.

    \b
    Example:
      quotes speakers merge "Dmitry Peskov" 14
    """
    from quotes.db.corrections import merge_speakers

    with _correction(db) as session:
        done = merge_speakers(session, keep, other, now=_now())
    click.echo(printable(done.message))


@speakers.command("split", short_help="Move some articles or quotes of a speaker to a new speaker.")
@click.argument("speaker", metavar="NAME|ID")
@click.option(
    "--article",
    "article_ids",
    type=int,
    multiple=True,
    metavar="ID",
    help="Move everything the speaker is in this article (repeatable).",
)
@click.option(
    "--quote",
    "quote_ids",
    type=int,
    multiple=True,
    metavar="ID",
    help="Move this quote, as a manual attribution (repeatable).",
)
@click.option("--name", metavar="NAME", help="Name of the new speaker (default: the name the article gave).")
@db_option
def split(
    speaker: str, article_ids: tuple[int, ...], quote_ids: tuple[int, ...], name: str | None, db: str | None
) -> None:
    """Split a speaker that is really two people: what it is in the given articles (quotes, aliases,
    roles), or the given quotes, moves to a new speaker. The two are kept apart from then on.

    \b
    Example:
      quotes speakers split Oleg --article 7 --name "Oleg (Novaya Gazeta)"
    """
    from quotes.db.corrections import split_speaker

    with _correction(db) as session:
        done = split_speaker(
            session,
            speaker,
            article_ids=article_ids,
            quote_ids=quote_ids,
            name=name,
            now=_now(),
        )
    click.echo(printable(done.message))


@speakers.command("rename", short_help="Give a speaker a new canonical name.")
@click.argument("speaker", metavar="NAME|ID")
@click.argument("name")
@db_option
def rename(speaker: str, name: str, db: str | None) -> None:
    """Give a speaker a new canonical name; the old name stays as an alias, and neither ingest nor
    reparse changes a name set by hand.

    \b
    Example:
      quotes speakers rename 7 "Oleg (not his real name)"
    """
    from quotes.db.corrections import rename_speaker

    with _correction(db) as session:
        done = rename_speaker(session, speaker, name, now=_now())
    click.echo(printable(done.message))


@speakers.command("candidates", short_help="Pairs of speakers that may be one person, with the evidence.")
@click.option("--speaker", metavar="NAME|ID", help="Only pairs with this speaker.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of text.")
@db_option
def candidates(speaker: str | None, as_json: bool, db: str | None) -> None:
    """List pairs of speakers that may be the same person but were not merged, best first, with the rule,
    its confidence and the evidence. Decide with `quotes speakers merge` or `quotes speakers distinct`.

    \b
    Example:
      quotes speakers candidates
    """
    from quotes.db.corrections import CorrectionError
    from quotes.db.speaker_views import find_speaker_id, speaker_candidates

    with open_db(db)() as session, database_errors():
        try:
            only = None if speaker is None else find_speaker_id(session, speaker)
        except CorrectionError as error:
            raise click.ClickException(str(error)) from error
        rows = speaker_candidates(session, speaker_id=only)
    if as_json:
        click.echo(json_text([row.to_json() for row in rows], indent=2))
        return
    if not rows:
        warn("no candidates: no two speakers look like one person")
    for row in rows:
        click.echo(_candidate_line(row))


def _candidate_line(row: CandidateRow) -> str:
    pair = f"#{row.first_id} {printable(row.first_name)}  ~  #{row.second_id} {printable(row.second_name)}"
    return f"{row.confidence:.2f} {row.rule}: {pair}\n     {printable(row.evidence)}"


@speakers.command("distinct", short_help="Record that two speakers are different people.")
@click.argument("first", metavar="A")
@click.argument("second", metavar="B")
@db_option
def distinct(first: str, second: str, db: str | None) -> None:
    """Record that A and B (names or ids) are different people: they are no longer offered as candidates.

    \b
    Example:
      quotes speakers distinct 7 15
    """
    from quotes.db.corrections import mark_distinct

    with _correction(db) as session:
        done = mark_distinct(session, first, second, now=_now())
    click.echo(printable(done.message))


@speakers.command("consolidate", short_help="Merge speakers the current rules make one; report each merge.")
@click.option("--dry-run", is_flag=True, help="Only report what would be merged.")
@click.option("--json", "as_json", is_flag=True, help="Print the merges as a JSON array.")
@db_option
def consolidate(dry_run: bool, as_json: bool, db: str | None) -> None:
    """Merge the speakers that the current rules make one person or organisation: the fragments that
    older rules left (after upgrading quotes, run it once). Every manual decision stays: speakers marked
    distinct or split apart are never merged, a name set by hand is kept. Prints each merge with its
    rule and evidence, then a count.

    \b
    Example:
      quotes speakers consolidate --dry-run
    """
    from quotes.db.consolidate import consolidate_speakers

    with _correction(db) as session:
        merged = consolidate_speakers(session, now=_now(), dry_run=dry_run)
        if dry_run:
            session.rollback()
    if as_json:
        rows = [
            {"keep_id": m.keep_id, "keep_name": m.keep_name, "merged_id": m.merged_id,
             "merged_name": m.merged_name, "rule": m.rule, "confidence": m.confidence, "evidence": m.evidence}
            for m in merged
        ]  # fmt: skip
        click.echo(json_text(rows, indent=2))
        return
    for m in merged:
        click.echo(printable(m.describe()))
    kept = len({m.keep_id for m in merged})
    verb = "would merge" if dry_run else "merged"
    click.echo(f"{verb} {len(merged)} speaker(s) into {kept}")


@click.group(context_settings=CONTEXT, short_help="Correct one quote by hand.")
def quote() -> None:
    """Correct one quote by hand.

    \b
    Example:
      quotes quote reassign 20 "Evgeny"
    """


@quote.command("reassign", short_help="Attribute a quote to another speaker by hand.")
@click.argument("quote_id", type=int, metavar="QUOTE_ID")
@click.argument("speaker", metavar="NAME|ID", required=False)
@click.option("--new", "new_name", metavar="NAME", help="Attribute it to a new person with this name.")
@click.option("--clear", is_flag=True, help="Drop the manual attribution: the parser's applies again.")
@db_option
def reassign(quote_id: int, speaker: str | None, new_name: str | None, clear: bool, db: str | None) -> None:
    """Attribute quote QUOTE_ID to a speaker (a name or an id) by hand. A manual attribution overrides the
    parser's, and survives re-ingest and `quotes reparse`.

    \b
    Example:
      quotes quote reassign 20 "Eva Levenberg"
    """
    from quotes.db.corrections import reassign_quote

    if sum((speaker is not None, new_name is not None, clear)) != 1:
        raise click.UsageError("give exactly one of SPEAKER, --new NAME or --clear")
    with _correction(db) as session:
        done = reassign_quote(session, quote_id, speaker, new_name=new_name, now=_now())
    click.echo(printable(done.message))


@click.command(context_settings=CONTEXT, short_help="Run the current parser over stored articles again.")
@click.option(
    "--article",
    "article_ids",
    type=int,
    multiple=True,
    metavar="ID",
    help="Only this article (repeatable; default: all).",
)
@db_option
def reparse(article_ids: tuple[int, ...], db: str | None) -> None:
    """Run the current parser over the stored articles again (after upgrading quotes), one transaction
    per article, and report what changed: quotes added, removed and re-attributed. Merges, splits,
    renames and manual attributions stay. Exits 1 if any article failed.

    \b
    Example:
      quotes reparse
    """
    from quotes.db.reparse import ReparseReport, reparse_articles

    factory = open_db(db)
    report = ReparseReport()
    with database_errors():
        for changes in reparse_articles(factory, list(article_ids) or None):
            report.record(changes)
            if changes.failed:
                warn(f"article {changes.article_id}: {printable(changes.describe())}")
            elif changes.changed:
                click.echo(f"article {changes.article_id}: {changes.describe()}")
    click.echo(report.summary())
    if report.failures:
        sys.exit(1)
