"""Attribution check latency: one claim against 10k, 100k and 1M stored quotes, by kind of claim.

usage: python bench/check_bench.py [--sizes 10000,100000,1000000] [--dir /tmp/quotes-bench] [--claims 12]
                                   [--runs 5] [--seed 1]

Databases come from bench/make_db.py (`build(url, quotes, seed)`), built once per size under --dir and
reused. Claims are drawn (seeded) from the stored quotes and articles and then edited per kind: exact,
case and marks changed (normalised), a fragment (partial), an ellipsis (elided; altered when it drops a negation), a negation dropped and
a word changed (altered), the right words with the wrong speaker (misattributed), words from narration
(not_in_quote) and invented words (not_found). Each claim is checked --runs times in one warm session;
the table gives, per kind, the median over claims of each claim's median, the 90th percentile, the
slowest first (cold) run, and how often the expected status came out. The last column compares the
candidate search (every one of the claim's four longest words) with a bm25-ranked OR search over the
same words (the obvious alternative), as a ratio measured in the same run on --baseline claims per kind.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_db
from sqlalchemy import text
from sqlalchemy.orm import Session

from quotes.check.compare import Claim
from quotes.check.lexicon import is_negation
from quotes.check.text import WordText
from quotes.check.verify import SEARCH_WORDS, check_claim, longest_words, search_words
from quotes.db import word_lookups
from quotes.db.engine import make_engine, make_session_factory


@dataclass(frozen=True)
class Case:
    kind: str
    claim: str
    speaker: str | None
    expected: str


def _sample(session: Session, rng: random.Random, count: int) -> list[tuple[str, str, int]]:
    """Whole quotations (one piece) of at least 12 words by a person: (text, speaker name, article id)."""
    top = session.execute(text("SELECT max(id) FROM quotes")).scalar_one()
    found: list[tuple[str, str, int]] = []
    while len(found) < count:
        quote_id = rng.randint(1, top)
        row = session.execute(
            text(
                "SELECT q.text, s.name, q.article_id FROM quotes q JOIN attributions a ON a.quote_id = q.id "
                "JOIN speakers s ON s.id = a.speaker_id WHERE q.id = :i AND q.kind = 'speech' "
                "AND s.kind = 'person' AND NOT EXISTS (SELECT 1 FROM quotes o WHERE o.article_id = q.article_id "
                "AND o.group_number = q.group_number AND o.id <> q.id)"
            ),
            {"i": quote_id},
        ).first()
        if row is not None and len(row[0].split()) >= 12:
            found.append((row[0], row[1], row[2]))
    return found


def _narration(session: Session, article_id: int) -> str | None:
    """Eight words of an article's text that lie outside every quote."""
    article = session.execute(text("SELECT text FROM articles WHERE id = :i"), {"i": article_id}).scalar_one()
    spans = session.execute(text('SELECT start, "end" FROM quotes WHERE article_id = :i'), {"i": article_id}).all()
    covered = [False] * len(article)
    for start, end in spans:
        for i in range(max(0, start - 1), min(len(article), end + 1)):
            covered[i] = True
    for paragraph_start in [0] + [i + 2 for i in range(len(article)) if article.startswith("\n\n", i)]:
        stop = article.find("\n\n", paragraph_start)
        stop = len(article) if stop < 0 else stop
        words = article[paragraph_start:stop].split()
        if paragraph_start > 0 and len(words) >= 10 and not any(covered[paragraph_start:stop]):
            return " ".join(words[1:9])
    return None


def cases(session: Session, rng: random.Random, count: int) -> list[Case]:
    built: list[Case] = []
    others = [name for _, name, _ in _sample(session, rng, count)]
    for (quote, speaker, article_id), other in zip(_sample(session, rng, count), others, strict=True):
        words = quote.split()
        middle = len(words) // 2
        drops_negation = any(is_negation(w.norm) for w in WordText.of(" ".join(words[4:-4])).words)
        elided = ("elided: drops not", "altered") if drops_negation else ("elided", "elided")
        built += [
            Case("exact", quote, speaker, "exact"),
            Case("normalised", "\u201c" + quote.upper() + "\u201d", speaker, "exact_normalized"),
            Case("partial", " ".join(words[:7]), speaker, "partial"),
            Case(elided[0], " ".join(words[:4]) + " ... " + " ".join(words[-4:]), speaker, elided[1]),
            Case("altered: not", " ".join(words[:middle] + ["not"] + words[middle:]), speaker, "altered"),
            Case("altered: word", " ".join(words[:3] + ["lemonade"] + words[4:]), speaker, "altered"),
            Case("misattributed", quote, other if other != speaker else "Zed Nobody", "misattributed"),
            Case("not_found", "quixotic zebras juggle marmalade over the frozen lighthouse", None, "not_found"),
        ]
        narration = _narration(session, article_id)
        if narration:
            built.append(Case("not_in_quote", narration, None, "not_in_quote"))
    return built


def _median_ms(function: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and first (cold) time of `runs` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), times[0]


def bench_size(url: str, claims: int, runs: int, seed: int, baseline: int) -> None:
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with factory() as session:
        total = session.execute(text("SELECT count(*) FROM quotes")).scalar_one()
        rng = random.Random(seed)
        by_kind: dict[str, list[tuple[float, float, bool, float]]] = {}
        for case in cases(session, rng, claims):
            result = check_claim(session, case.claim, case.speaker)
            median, cold = _median_ms(lambda c=case: check_claim(session, c.claim, c.speaker), runs)
            ratio = float("nan")
            if len([row for row in by_kind.get(case.kind, []) if row[3] == row[3]]) < baseline:
                words = longest_words(search_words(Claim.of(case.claim)), SEARCH_WORDS)
                ours, _ = _median_ms(lambda w=words: word_lookups.quotes_with_words(session, w, limit=100), runs)
                ranked, _ = _median_ms(lambda w=words: word_lookups.quotes_with_words(session, w, every=False, limit=100), 1)
                ratio = ranked / ours if ours else float("nan")
            by_kind.setdefault(case.kind, []).append((median, cold, str(result.status) == case.expected, ratio))
    engine.dispose()
    print(f"\n{total:,} quotes ({url})")
    print(f"{'claim kind':<15} {'n':>3} {'median ms':>10} {'p90 ms':>8} {'cold ms':>8} {'as expected':>12} "
          f"{'ranked-OR / AND search':>23}")  # fmt: skip
    for kind, rows in by_kind.items():
        medians = sorted(row[0] for row in rows)
        p90 = medians[min(len(medians) - 1, int(0.9 * len(medians)))]
        right = sum(row[2] for row in rows)
        ratios = [row[3] for row in rows if row[3] == row[3]]
        ratio = f"{statistics.median(ratios):>22.1f}x" if ratios else f"{'-':>23}"
        print(
            f"{kind:<15} {len(rows):>3} {statistics.median(medians):>10.1f} {p90:>8.1f} "
            f"{max(row[1] for row in rows):>8.1f} {right:>8}/{len(rows):<3} "
            f"{ratio}"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process so far: {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--dir", default="/tmp/quotes-bench", help="where the benchmark databases are kept")
    parser.add_argument("--claims", type=int, default=12, help="claims per kind")
    parser.add_argument("--runs", type=int, default=5, help="checks per claim (the median is kept)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--baseline", type=int, default=3, help="claims per kind timed against ranked OR (slow)")
    args = parser.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    for size in (int(s) for s in args.sizes.split(",")):
        path = folder / f"check-{size}.db"
        url = f"sqlite:///{path}"
        if not path.exists():
            print(f"building {path} ({size:,} quotes; reused next time)...", flush=True)
            make_db.build(url, size, args.seed)
        bench_size(url, args.claims, args.runs, args.seed, args.baseline)


if __name__ == "__main__":
    main()
