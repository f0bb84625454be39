"""How well the parser's confidence predicts a right speaker: reliability tables and calibration error.

usage: python bench/calibration.py [--eval ../shared/eval] [--halves] [--thresholds 0,0.3,0.5] [--fit 20]

For each gold set, every gold speech quote that names a speaker and that the parser found and gave a
speaker (before any threshold) is one sample: its confidence, and whether the speaker is right (the
same name test as eval/score.py). Prints per set (and per tuning/checking half with --halves, split by
sha256(id) parity as the evaluation hook does):
- a reliability table: confidence bins, samples, mean confidence, observed accuracy;
- the expected calibration error (ECE: the sample-weighted mean gap between confidence and accuracy);
- accuracy by rule and by evidence;
- for each threshold, the misattribution rate and end-to-end F1 that withholding below it gives.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quotes.parse import QuoteKind, parse_article
from quotes.parse.model import Rule
from quotes.parse.rules import PRIOR, WEIGHT, Evidence

ROOT = Path(__file__).resolve().parents[1]
_TITLES = {"mr", "ms", "mrs", "miss", "dr", "prof", "professor", "president", "sir", "the", "a", "an", "mx",
           "gen", "general", "minister", "spokesman", "spokeswoman"}
_TRIM = " \t\r\n\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a\u2039\u203a,.;:!?\u2026-\u2014\u2013"
_BINS = 10


@dataclass(frozen=True, slots=True)
class Sample:
    confidence: float
    right: bool
    rule: str
    evidence: tuple[str, ...]


@dataclass(slots=True)
class Outcome:
    """Per-set counts for the threshold sweep, the same quantities eval/score.py reports."""

    samples: list[Sample]
    unnamed_right: int  # right by the mention alone, with no speaker (a description left unresolved)
    speaker_scored: int  # matched gold quotes naming a speaker
    false_positives: int
    missed_with_speaker: int


def _tokens(name: str | None) -> set[str]:
    words = set(re.findall(r"\w+", unicodedata.normalize("NFKC", name or "").lower()))
    return (words - _TITLES) or words


def _names(predicted: str | None, golds: Iterable[str]) -> bool:
    mine = _tokens(predicted)
    return bool(mine) and any((theirs := _tokens(g)) and (mine <= theirs or theirs <= mine) for g in golds)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def evaluate(docs: list[dict[str, Any]]) -> Outcome:
    """Parse every article with no threshold and match its quotes to the gold ones."""
    outcome = Outcome([], 0, 0, 0, 0)
    for doc in docs:
        text = doc["text"]
        parse = parse_article(text, min_confidence=0.0)
        golds = [dict(q, span=_trimmed(text, q["start"], q["end"])) for q in doc["quotes"]]
        scored = [g for g in golds if g.get("kind", "speech") == "speech"]
        others = [g for g in golds if g.get("kind", "speech") != "speech"]
        used: set[int] = set()
        for quote in parse.quotes:
            if quote.kind is QuoteKind.TERM:
                continue
            span = _trimmed(text, quote.start, quote.end)
            if span[1] <= span[0]:
                continue
            best, best_overlap = None, 0
            for i, gold in enumerate(scored):
                overlap = max(0, min(span[1], gold["span"][1]) - max(span[0], gold["span"][0]))
                longer = max(span[1] - span[0], gold["span"][1] - gold["span"][0])
                if i not in used and overlap >= 0.5 * longer and overlap > best_overlap:
                    best, best_overlap = i, overlap
            if best is None:
                if not any(max(0, min(span[1], g["span"][1]) - max(span[0], g["span"][0])) for g in others + scored):
                    outcome.false_positives += 1
                continue
            used.add(best)
            gold = scored[best]
            if not gold["speaker"]:
                continue
            outcome.speaker_scored += 1
            names = [gold["speaker"], *gold.get("speaker_aliases", [])]
            speaker = parse.speaker_of(quote)
            mention = quote.mention.text if quote.mention else None
            candidate = speaker.name if speaker else quote.withheld
            if candidate is None:
                outcome.unnamed_right += bool(mention and _names(mention, names))
                continue
            right = _names(candidate, names) or bool(mention and _names(mention, names))
            outcome.samples.append(Sample(quote.confidence, right, str(quote.rule), quote.evidence))
        outcome.missed_with_speaker += sum(1 for i, g in enumerate(scored) if i not in used and g["speaker"])
    return outcome


def reliability(samples: list[Sample]) -> tuple[list[str], float]:
    """Table lines and the expected calibration error."""
    bins: dict[int, list[Sample]] = defaultdict(list)
    for sample in samples:
        bins[min(_BINS - 1, int(sample.confidence * _BINS))].append(sample)
    lines = ["  confidence   n     mean   accuracy"]
    ece = 0.0
    for index in sorted(bins):
        members = bins[index]
        mean = sum(s.confidence for s in members) / len(members)
        accuracy = sum(s.right for s in members) / len(members)
        ece += len(members) / max(1, len(samples)) * abs(mean - accuracy)
        lines.append(f"  {index / _BINS:.1f}-{(index + 1) / _BINS:.1f}  {len(members):5d}  {mean:.3f}  {accuracy:.3f}")
    return lines, ece


def sweep(outcome: Outcome, threshold: float) -> tuple[float, float, int]:
    """Misattribution rate, end-to-end F1 and speakers withheld when withholding below `threshold`."""
    kept = [s for s in outcome.samples if s.confidence >= threshold]
    wrong = sum(not s.right for s in kept)
    right = sum(s.right for s in kept) + outcome.unnamed_right
    total = outcome.speaker_scored
    precision = right / (total + outcome.false_positives) if total else 0.0
    recall = right / (total + outcome.missed_with_speaker) if total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return (wrong / total if total else 0.0), f1, len(outcome.samples) - len(kept)


def report(name: str, docs: list[dict[str, Any]], thresholds: list[float]) -> None:
    outcome = evaluate(docs)
    samples = outcome.samples
    lines, ece = reliability(samples)
    wrong = sum(not s.right for s in samples)
    print(f"== {name}: {len(docs)} articles, {len(samples)} speakers given, {wrong} wrong, ECE {ece:.3f}")
    print("\n".join(lines))
    for label, key in (("rule", lambda s: [s.rule]), ("evidence", lambda s: list(s.evidence) or ["(none)"])):
        groups: dict[str, list[Sample]] = defaultdict(list)
        for sample in samples:
            for value in key(sample):
                groups[value].append(sample)
        cells = [f"{value} {sum(s.right for s in members)}/{len(members)}" for value, members in sorted(groups.items())]
        print(f"  by {label}: " + "; ".join(cells))
    for threshold in thresholds:
        misattribution, f1, withheld = sweep(outcome, threshold)
        print(f"  threshold {threshold:.2f}: misattribution {misattribution:.4f}  end-to-end F1 {f1:.4f}  "
              f"withheld {withheld}")


def fit(docs: list[dict[str, Any]], pseudo: float) -> None:
    """Suggested rule priors from the tuning halves: each rule's observed accuracy shrunk towards its
    current prior as if the prior were `pseudo` earlier samples (a Beta prior), so a rule seen a few
    times keeps most of its prior; then, for each evidence, the log-odds its weight is off by."""
    samples = evaluate(docs).samples
    by_rule: dict[str, list[Sample]] = defaultdict(list)
    for sample in samples:
        by_rule[sample.rule].append(sample)
    print(f"== fit on {len(docs)} tuning articles, {len(samples)} speakers, pseudo-count {pseudo:g}")
    for rule, members in sorted(by_rule.items()):
        prior = PRIOR[Rule(rule)]
        right = sum(s.right for s in members)
        shrunk = (right + pseudo * prior) / (len(members) + pseudo)
        print(f"  rule {rule:24s} {right:4d}/{len(members):<4d} prior {prior:.2f} -> {shrunk:.2f}")
    by_evidence: dict[str, list[Sample]] = defaultdict(list)
    for sample in samples:
        for item in sample.evidence:
            by_evidence[item].append(sample)
    for item, members in sorted(by_evidence.items()):
        mean = sum(s.confidence for s in members) / len(members)
        right = sum(s.right for s in members)
        shrunk = (right + pseudo * mean) / (len(members) + pseudo)
        off = _logit(min(0.99, shrunk)) - _logit(min(0.99, mean))
        print(f"  evidence {item:24s} {right:4d}/{len(members):<4d} mean confidence {mean:.2f} -> {shrunk:.2f}"
              f"  (weight {WEIGHT[Evidence(item)]:+.1f} off by {off:+.2f})")


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def _half(doc_id: str) -> str:
    return "tune" if int(hashlib.sha256(doc_id.encode()).hexdigest()[:8], 16) % 2 == 0 else "check"


def _eval_dir() -> Path:
    """The shared gold sets: ../shared/eval beside the checkout, or beside the folder of worktrees."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "eval").is_dir():
            return base / "shared" / "eval"
    return ROOT.parent / "shared" / "eval"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=_eval_dir())
    parser.add_argument("--halves", action="store_true", help="also report the tuning and checking halves")
    parser.add_argument("--thresholds", default="0,0.3,0.4,0.5,0.6,0.7")
    parser.add_argument("--fit", type=float, metavar="PSEUDO", default=None,
                        help="print rule priors fitted on the tuning halves of the dev sets (not the seeds), "
                             "each shrunk towards its current prior with this pseudo-count")
    args = parser.parse_args()
    thresholds = [float(t) for t in args.thresholds.split(",")]
    if args.fit is not None:
        tuning: list[dict[str, Any]] = []
        for gold in sorted(args.eval.glob("gold-*-dev.jsonl")):
            with gold.open(encoding="utf-8") as handle:
                tuning.extend(d for line in handle if line.strip() and _half((d := json.loads(line))["id"]) == "tune")
        fit(tuning, args.fit)
        return
    for gold in sorted(args.eval.glob("gold-*.jsonl")):
        with gold.open(encoding="utf-8") as handle:
            docs = [json.loads(line) for line in handle if line.strip()]
        report(gold.stem, docs, thresholds)
        if args.halves and len(docs) > 2:
            for half in ("tune", "check"):
                report(f"{gold.stem} {half}", [d for d in docs if _half(d["id"]) == half], thresholds)


if __name__ == "__main__":
    main()
