"""Peak memory and time of parse_article on one huge article, this checkout against another.

usage: python bench/parse_memory.py [--runs 3] [--mb 1 10] [--one-line] [--baseline /work/main/.venv/bin/python]

Each run is its own process (`python -c`, started outside the checkout so the interpreter's own `quotes`
is imported): it reads the article, parses it once, and prints the parse time and a digest of every
quote, speaker and warning; the parent reads the child's peak resident memory (max RSS) from wait4().
The article is bench/ingest_limits.news_article: invented news paragraphs, many quotes; with --one-line
also the same text as one paragraph (newlines made spaces). With --baseline,
runs alternate between the two interpreters, the medians are compared as ratios in the same run, and
the digests must agree (the memory work must not change the output).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest_limits import news_article

_CHILD = """
import hashlib, sys, time
from quotes.parse import parse_article
text = open(sys.argv[1], encoding="utf-8").read()
start = time.perf_counter()
parse = parse_article(text)
seconds = time.perf_counter() - start
digest = hashlib.sha256()
for item in (*parse.quotes, *parse.speakers, *parse.warnings):  # one at a time: the peak stays the parser's
    digest.update(repr(item).encode())
print(seconds, len(parse.quotes), digest.hexdigest()[:16])
"""


def run(python: str, path: Path) -> tuple[float, float, int, str]:
    """(parse seconds, peak MB, quotes, digest) of one child process."""
    process = subprocess.Popen(
        [python, "-c", _CHILD, str(path)], cwd=path.parent, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    out = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"{python} failed on {path}")
    seconds, quotes, digest = out.split()
    return float(seconds), usage.ru_maxrss / 1024, int(quotes), digest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--mb", type=float, nargs="+", default=[1.0, 10.0])
    parser.add_argument("--baseline", help="another interpreter whose `quotes` to compare with")
    parser.add_argument("--one-line", action="store_true", help="also the article as one paragraph")
    args = parser.parse_args()
    print(f"median of {args.runs} runs; peak = max RSS of a process that reads the article and parses it")
    with tempfile.TemporaryDirectory() as temporary:
        shapes = [("", False)] + ([(" one line", True)] if args.one_line else [])
        for megabytes, (shape, one_line) in [(mb, shape) for mb in args.mb for shape in shapes]:
            path = Path(temporary) / f"news-{megabytes:g}mb{'-line' if one_line else ''}.txt"
            article = news_article(megabytes)
            path.write_text(article.replace("\n", " ") if one_line else article, encoding="utf-8")
            mine, theirs = [], []
            for _ in range(args.runs):
                mine.append(run(sys.executable, path))
                if args.baseline:
                    theirs.append(run(args.baseline, path))
            seconds = statistics.median(r[0] for r in mine)
            peak = statistics.median(r[1] for r in mine)
            print(f"{megabytes:5g} MB article{shape:9}  {mine[0][2]:7d} quotes  parse {seconds:7.2f} s  peak {peak:7.0f} MB")
            if theirs:
                old_seconds = statistics.median(r[0] for r in theirs)
                old_peak = statistics.median(r[1] for r in theirs)
                same = "same output" if theirs[0][3] == mine[0][3] else "OUTPUT DIFFERS"
                print(f"{'  baseline':<39}  parse {old_seconds:7.2f} s  peak {old_peak:7.0f} MB  | "
                      f"this/baseline: time {seconds / old_seconds:.2f}, peak {peak / old_peak:.2f}; {same}")


if __name__ == "__main__":
    main()
