"""Show scorer errors in context, with the parser's evidence: for studying error patterns.

usage: python bench/errors.py GOLD.jsonl PRED.jsonl [--kind SPK|FN|FP] [--limit N] [--width W]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _score_path() -> Path:
    """The shared scorer: ../shared/eval beside the checkout, or beside the folder of worktrees."""
    root = Path(__file__).resolve().parents[1]
    for base in (root.parent, root.parent.parent):
        if (base / "shared" / "eval" / "score.py").is_file():
            return base / "shared" / "eval" / "score.py"
    return root.parent / "shared" / "eval" / "score.py"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("gold")
    parser.add_argument("pred")
    parser.add_argument("--kind", default="SPK")
    parser.add_argument("--limit", type=int, default=30)
    parser.add_argument("--width", type=int, default=260)
    parser.add_argument("--score", default=str(_score_path()))
    args = parser.parse_args()
    sys.path.insert(0, str(Path(args.score).parent))
    import score  # type: ignore[import-not-found]

    gold = {d["id"]: d for d in score.load(args.gold)}
    preds = score.load(args.pred)
    by_doc: dict[str, list[dict[str, object]]] = {}
    for p in preds:
        by_doc.setdefault(str(p["id"]), []).append(p)
    _, errors = score.score(list(gold.values()), preds)
    shown = 0
    for kind, doc_id, snippet, info in errors:
        if kind != args.kind:
            continue
        doc = gold[doc_id]
        text = doc["text"]
        if kind == "FP":
            hits = [
                p
                for p in by_doc[doc_id]
                if text[int(p["start"]) : int(p["end"])].strip(score.TRIM)[:80] == snippet
            ]
            start, end = (int(hits[0]["start"]), int(hits[0]["end"])) if hits else (0, 0)
            pred = hits[0] if hits else {}
        else:
            q = next(q for q in doc["quotes"] if q["text"][:80] == snippet)
            start, end = q["start"], q["end"]
            pred = next(
                (p for p in by_doc.get(doc_id, []) if int(p["start"]) < end and int(p["end"]) > start), {}
            )
        left = text[max(0, start - args.width) : start].replace("\n", " ¶ ")
        right = text[end : end + args.width // 2].replace("\n", " ¶ ")
        body = text[start:end][:160].replace("\n", " ¶ ")
        print(f"== {kind} {doc_id} {info}")
        print(f"   ...{left}[[{body}]]{right}...")
        if pred:
            print(
                f"   pred: speaker={pred.get('speaker')!r} mention={pred.get('speaker_mention')!r} "
                f"method={pred.get('method')} cue={pred.get('cue')!r} kind={pred.get('kind')} conf={pred.get('confidence')}"
            )
        shown += 1
        if shown >= args.limit:
            break


if __name__ == "__main__":
    main()
