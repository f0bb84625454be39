"""`quotes speakers` and `quotes list --speaker` at archive scale: time to the first line and to the end.

usage: python bench/speakers_bench.py --db /tmp/q10k.db --db /tmp/q100k.db --db /tmp/q1m.db [--runs 3]
           [--compare /tmp/old]

Each command runs as a user runs it (a fresh `python -m quotes.cli` process, stdout a pipe read line by
line): "first" is the first line of data (a table's header comes with its first row), "end" the exit,
both medians of --runs runs, with the process's peak memory; "warm" is the command alone, run again
in a process that has run it once (imports done, the database's pages in the cache: what the command
itself costs, without Python's start and imports, which take 1-10 s on a loaded 2-core machine). With --compare DIR (an older quotes/
package, e.g. `git archive COMMIT quotes | tar -x -C DIR`) the older code runs the same commands, the
two taking turns run by run, and the ratio after/before is printed. The older `quotes speakers` had no
--all or --limit: it always listed every speaker, so it stands for both `speakers` and `speakers --all`.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import text

from quotes.db.engine import make_engine


def top_speaker(url: str) -> tuple[int, int, int]:
    """The most quoted speaker's id and quote count, and how many speakers there are."""
    engine = make_engine(url)
    with engine.connect() as connection:
        speaker_id, quotes = connection.execute(
            text("SELECT speaker_id, quotes FROM speaker_stats ORDER BY quotes DESC LIMIT 1")
        ).one()
        speakers = connection.execute(text("SELECT count(*) FROM speakers")).scalar_one()
    engine.dispose()
    return speaker_id, quotes, speakers


def timed(arguments: list[str], tree: str) -> tuple[float, float, int, float]:
    """Seconds to the first line and to the exit, lines printed, peak memory (MB) of one run."""
    environment = {**os.environ, "PYTHONPATH": tree}
    begun = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-m", "quotes.cli", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=environment,
        cwd=tree,  # `python -m` puts the working folder first on sys.path: the tree's quotes/ is the one run
    ) as process:
        assert process.stdout is not None
        first, lines = None, 0
        for _line in process.stdout:
            first = first or time.perf_counter() - begun
            lines += 1
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(arguments)} failed ({process.returncode})")
    return first or 0.0, time.perf_counter() - begun, lines, usage.ru_maxrss / 1024


WARM = """
import sys, time
from click.testing import CliRunner
from quotes.cli import main
arguments = sys.argv[1:]
CliRunner().invoke(main, arguments)
times = []
for _ in range(3):
    begun = time.perf_counter()
    result = CliRunner().invoke(main, arguments)
    times.append(time.perf_counter() - begun)
    assert result.exit_code == 0, result.output
print(sorted(times)[1])
"""


def warm(arguments: list[str], tree: str) -> float:
    """Seconds the command takes in a process that has run it once (median of three)."""
    environment = {**os.environ, "PYTHONPATH": tree}
    done = subprocess.run(
        [sys.executable, "-c", WARM, *arguments], env=environment, cwd=tree, capture_output=True, text=True, check=True
    )
    return float(done.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", action="append", required=True, help="SQLite file or URL (repeatable)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compare", metavar="DIR", help="a folder holding an older quotes/ package")
    args = parser.parse_args()
    here = str(Path(__file__).resolve().parents[1])
    trees = {"after": here} if not args.compare else {"before": str(Path(args.compare).resolve()), "after": here}
    for db in args.db:
        url = db if "://" in db else f"sqlite:///{db}"
        speaker_id, quotes, speakers = top_speaker(url)
        print(f"\n{db}: {speakers:,} speakers; the most quoted, #{speaker_id}, has {quotes:,} quotes")
        commands = {  # label: (this version's arguments, the older version's)
            "speakers": (["speakers"], ["speakers"]),
            "speakers --all": (["speakers", "--all"], ["speakers"]),
            "speakers --json": (["speakers", "--json"], ["speakers", "--json"]),
            "list --speaker TOP": (["list", "--speaker", f"#{speaker_id}"],) * 2,
            "list --speaker TOP --json": (["list", "--speaker", f"#{speaker_id}", "--json"],) * 2,
        }
        print(f"{'command':<26} {'version':<7} {'first s':>8} {'end s':>8} {'lines':>8} {'MB':>6} {'warm s':>7}")
        for label, versions in commands.items():
            figures: dict[str, list[tuple[float, float, int, float]]] = {name: [] for name in trees}
            for _run in range(args.runs):
                for name, tree in trees.items():
                    arguments = versions[0] if name == "after" else versions[1]
                    figures[name].append(timed(["--db", db, *arguments], tree))
            warmed = {
                name: warm(["--db", db, *(versions[0] if name == "after" else versions[1])], tree)
                for name, tree in trees.items()
            }
            for name, runs in figures.items():
                first, end = (statistics.median(run[i] for run in runs) for i in (0, 1))
                lines, memory = runs[0][2], max(run[3] for run in runs)
                print(f"{label:<26} {name:<7} {first:8.2f} {end:8.2f} {lines:8,} {memory:6.0f} {warmed[name]:7.3f}")
            if "before" in figures:
                ratio = [
                    statistics.median(run[i] for run in figures["after"])
                    / statistics.median(run[i] for run in figures["before"])
                    for i in (0, 1)
                ]
                warm_ratio = warmed["after"] / warmed["before"]
                print(f"{label:<26} {'ratio':<7} {ratio[0]:8.2f} {ratio[1]:8.2f} {'':>15} {warm_ratio:7.2f}")
    print(f"\n(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
