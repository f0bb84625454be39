"""Ingest at the limits: wall time and peak memory (max RSS) of a real `quotes ingest` process.

usage: python bench/ingest_limits.py [--runs 3] [--mb 1 5 10] [--marks 200000] [--keep DIR]
                                    [--baseline PYTHON [--baseline-max-mb 1]]

Each case runs `python -m quotes ingest FILE --db NEW.db` in its own process (on a fresh SQLite file
per run, migrated beforehand and not timed) and reads the child's peak resident memory from wait4().
With --baseline (another checkout's interpreter, e.g. /work/main/.venv/bin/python) each case up to
--baseline-max-mb also runs there, interleaved, and the ratio is printed. Cases: articles of --mb megabytes of
invented news paragraphs (many quotes); one of --marks unclosed quotation marks in one paragraph; a
100 MB file, which must be refused before it is read. Prints the median of --runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARAGRAPHS = (
    'Mayor Jo Hale of Elmtown{n} said on Tuesday: "We will rebuild the bridge by spring, whatever it costs."',
    "Council member Sam Okafor{n} disagreed with the plan and asked for an independent review of its budget.",
    '"It is too early to promise anything," Okafor{n} said. "The engineers have not finished their survey."',
    "Residents gathered outside the town hall, where the meeting ran late into the evening.",
    "\u201cWe have waited long enough,\u201d said Ana Roe{n}, who runs a bakery by the river.",
)


def news_article(megabytes: float) -> str:
    parts = ["Elmtown bridge plan divides council\n"]
    size, n = 0, 0
    while size < megabytes * 1_000_000:
        for template in PARAGRAPHS:
            paragraph = template.format(n=f" {n % 997}" if n % 3 else "") + "\n"
            parts.append(paragraph)
            size += len(paragraph)
        n += 1
    return "".join(parts)


def unclosed_marks(count: int) -> str:
    """The parser benchmark's pathological input (bench/extract_speed.py): marks that never close."""
    return "Stray marks\n" + "\u201c word " * count


def run_ingest(python: str, path: Path, workdir: Path) -> tuple[float, float, str]:
    """(seconds, peak MB, last line of stdout) for one `quotes ingest` process on a fresh database."""
    db = workdir / f"run-{time.monotonic_ns()}.db"
    # cwd: `python -m` puts the working directory first on sys.path, which would pick this checkout's code
    subprocess.run(
        [python, "-m", "quotes", "db", "upgrade", "--db", str(db)], check=True, capture_output=True, cwd=workdir
    )
    start = time.perf_counter()
    process = subprocess.Popen(
        [python, "-m", "quotes", "ingest", str(path), "--db", str(db)],
        cwd=workdir,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stderr is not None
    out, err = process.stdout.read(), process.stderr.read()
    _pid, _status, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    seconds = time.perf_counter() - start
    db.unlink(missing_ok=True)
    summary = (out.strip().splitlines() or err.strip().splitlines() or [""])[-1]
    return seconds, usage.ru_maxrss / 1024, summary


def report(label: str, path: Path, workdir: Path, runs: int, baseline: str | None) -> None:
    results, before = [], []
    for _ in range(runs):
        results.append(run_ingest(sys.executable, path, workdir))
        if baseline:
            before.append(run_ingest(baseline, path, workdir))
    seconds = statistics.median(r[0] for r in results)
    peak = statistics.median(r[1] for r in results)
    size = path.stat().st_size / 1_000_000
    print(f"{label:<28} {size:8.1f} MB  {seconds:7.2f} s  peak {peak:7.0f} MB  | {results[-1][2][:90]}")
    if before:
        old_seconds = statistics.median(r[0] for r in before)
        old_peak = statistics.median(r[1] for r in before)
        print(
            f"{'  baseline':<28} {'':>11}  {old_seconds:7.2f} s  peak {old_peak:7.0f} MB  | "
            f"this/baseline: time {seconds / old_seconds:.2f}, peak {peak / old_peak:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--mb", type=float, nargs="+", default=[1.0, 5.0, 10.0])
    parser.add_argument("--marks", type=int, default=200_000)
    parser.add_argument("--keep", type=Path, help="write the inputs here instead of a temporary folder")
    parser.add_argument("--baseline", help="another interpreter whose `quotes` to compare with")
    parser.add_argument("--baseline-max-mb", type=float, default=1.0, help="largest article run on the baseline")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        workdir = (args.keep or Path(temporary)).resolve()
        workdir.mkdir(parents=True, exist_ok=True)
        print(f"median of {args.runs} runs; peak = max RSS of the ingest process")
        tiny = workdir / "tiny.txt"
        tiny.write_text('Tiny\n"Yes," Hale said.\n', encoding="utf-8")
        report("1 short article", tiny, workdir, args.runs, args.baseline)
        for megabytes in args.mb:
            path = workdir / f"news-{megabytes:g}mb.txt"
            path.write_text(news_article(megabytes), encoding="utf-8")
            compare = args.baseline if megabytes <= args.baseline_max_mb else None
            report(f"news article {megabytes:g} MB", path, workdir, args.runs, compare)
        marks = workdir / "unclosed.txt"
        marks.write_text(unclosed_marks(args.marks), encoding="utf-8")
        report(f"{args.marks:,} unclosed marks", marks, workdir, args.runs, args.baseline)
        huge = workdir / "huge.txt"
        with huge.open("wb") as handle:  # sparse: refused by its size, so never read
            handle.truncate(100 * 1024 * 1024)
        report("100 MB file (refused)", huge, workdir, args.runs, args.baseline)


if __name__ == "__main__":
    main()
