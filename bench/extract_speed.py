"""Parser throughput: chars/s, docs/s and peak memory over a large corpus built from the eval texts.

usage: python bench/extract_speed.py [--mb 50] [--runs 3] [--eval ../shared/eval] [--baseline DIR]

The corpus repeats the evaluation articles until it holds --mb megabytes of text; it is parsed
article by article, as ingest does, in one process. Reports the median of --runs runs, plus two
pathological inputs (a 10 MB one-line article, 200,000 unclosed quote marks, 2 MB of apostrophes, a
paragraph of 120,000 quotes), which must finish without a timeout: time is linear in input length.

--baseline DIR compares with another checkout's parser (say, main's) in the same run: each run times
both parsers in fresh processes, alternating, in CPU seconds (a shared machine's load counts less), and
prints both medians and the ratio of throughputs (this / baseline).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from quotes.parse import parse_article

ROOT = Path(__file__).resolve().parents[1]


def load_texts(eval_dir: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for gold in sorted(eval_dir.glob("gold-*.jsonl")):
        with gold.open(encoding="utf-8") as handle:
            texts.extend(json.loads(line)["text"] for line in handle if line.strip())
    return texts


def corpus(texts: list[str], megabytes: float) -> list[str]:
    wanted = int(megabytes * 1_000_000)
    docs: list[str] = []
    size = 0
    while size < wanted:
        for text in texts:
            docs.append(text)
            size += len(text)
            if size >= wanted:
                break
    return docs


def timed(docs: list[str]) -> float:
    start = time.perf_counter()
    for text in docs:
        parse_article(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--baseline", type=Path, help="a checkout whose parser to compare with")
    parser.add_argument("--time-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    docs = corpus(load_texts(args.eval), args.mb)
    if args.time_only:
        started = time.process_time()  # CPU seconds: other processes on a shared machine do not count
        timed(docs)
        print(time.process_time() - started)
        return
    if args.baseline is not None:
        compare(args)
        return
    chars = sum(len(d) for d in docs)
    seconds = [timed(docs) for _ in range(args.runs)]
    median = statistics.median(seconds)
    print(
        f"corpus: {len(docs)} docs, {chars / 1e6:.1f} M chars; runs: {', '.join(f'{s:.2f}s' for s in seconds)}"
    )
    print(f"median: {chars / median / 1e6:.2f} M chars/s, {len(docs) / median:.0f} docs/s")

    tracemalloc.start()  # slows parsing several times over, so it sees a slice of the corpus
    timed(docs[: max(1, len(docs) // 20)])
    small_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.reset_peak()
    timed(docs[: max(1, len(docs) // 5)])
    large_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"peak traced memory: {small_peak / 1e6:.1f} MB over 5% of the corpus, {large_peak / 1e6:.1f} MB over 20%"
    )

    one_line = " ".join(docs[:2000]).replace("\n", " ")[:10_000_000]
    start = time.perf_counter()
    parse_article(one_line)
    print(f"{len(one_line) / 1e6:.1f} MB one-line article: {time.perf_counter() - start:.2f}s")
    marks = "\u201c word " * 200_000
    start = time.perf_counter()
    parse_article(marks)
    print(f"200,000 unclosed marks: {time.perf_counter() - start:.2f}s")
    for label, text in (
        ("2,000,000 straight apostrophes in one paragraph", "'" * 2_000_000),
        ("120,000 quotes with cues in one paragraph", '"Yes," he said. ' * 120_000),
    ):
        start = time.perf_counter()
        parse_article(text)
        print(f"{label}: {time.perf_counter() - start:.2f}s")


def _timed_in_process(checkout: Path, args: argparse.Namespace) -> float:
    """CPU seconds to parse the corpus with `checkout`'s parser, in a fresh process."""
    command = [sys.executable, str(Path(__file__).resolve()), "--time-only", "--mb", str(args.mb), "--eval",
               str(args.eval)]
    environment = dict(os.environ, PYTHONPATH=str(checkout.resolve()))
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def compare(args: argparse.Namespace) -> None:
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(args.runs):
        mine.append(_timed_in_process(ROOT, args))
        theirs.append(_timed_in_process(args.baseline, args))
    print(f"this checkout: {', '.join(f'{s:.2f}s' for s in mine)} CPU; median {statistics.median(mine):.2f}s")
    print(f"baseline {args.baseline}: {', '.join(f'{s:.2f}s' for s in theirs)} CPU; "
          f"median {statistics.median(theirs):.2f}s")
    print(f"throughput ratio (this / baseline): {statistics.median(theirs) / statistics.median(mine):.3f}")


if __name__ == "__main__":
    main()
