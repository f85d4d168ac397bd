"""Precision and recall of the near-duplicate engine on the labelled pairs.

    .venv/bin/python -m qingzhuang.lib.eval.near_duplicates_eval [--threshold 0.5] [--distractors 3000]

Every pair's ``b`` is indexed together with unrelated distractor documents (a third of
them on the pair's topic, so candidate ranking faces the crowding it meets in a real
archive); each ``a`` is then queried through the whole path — fingerprint, LSH
candidates, exact verification — and the pair counts as flagged when ``b`` is among
the matches. The raw verification score of each pair is shown too, to see the margin.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from qingzhuang.lib import doc_corpus, near_duplicates

PAIRS = Path(__file__).with_name("pairs.jsonl")


def _load_pairs() -> list[dict[str, Any]]:
    pairs = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line]
    for pair in pairs:
        for side in ("a", "b"):
            text = doc_corpus.build(pair[side]).text
            if hashlib.sha256(text.encode()).hexdigest() != pair[f"{side}_sha256"]:
                sys.exit(
                    f"pair {pair['id']}: doc_corpus no longer builds the labelled text; "
                    "rerun make_pairs and review the labels"
                )
            pair[f"{side}_text"] = text
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threshold", type=float, default=near_duplicates.DEFAULT_THRESHOLD)
    parser.add_argument("--distractors", type=int, default=3000)
    args = parser.parse_args()

    pairs = _load_pairs()
    texts: dict[int, str] = {}
    ids: dict[str, int] = {}
    for pair in pairs:
        pair["b_id"] = ids.setdefault(pair["b_sha256"], len(ids))
        texts[pair["b_id"]] = pair["b_text"]
    topics = [pair["b"]["topic"] for pair in pairs if pair["b"]["kind"] == "base"]
    for n in range(args.distractors):
        overrides = {"topic": topics[n % len(topics)]} if n % 3 == 0 else {}
        texts[len(texts)] = doc_corpus.build(doc_corpus.base_recipe(500_000 + n, **overrides)).text

    index = near_duplicates.NearDuplicateIndex(lambda doc_ids: {i: texts[i] for i in doc_ids})
    for doc_id, text in texts.items():
        index.add(doc_id, near_duplicates.fingerprint(text))

    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    scores: dict[str, list[float]] = defaultdict(list)
    for pair in pairs:
        matches = index.query(pair["a_text"], args.threshold)
        flagged = any(m.doc_id == pair["b_id"] for m in matches)
        duplicate = pair["label"] == "duplicate"
        outcome = {(True, True): "tp", (True, False): "fn", (False, True): "fp", (False, False): "tn"}
        counts[pair["category"]][outcome[(duplicate, flagged)]] += 1
        scores[pair["category"]].append(near_duplicates.similarity(pair["a_text"], pair["b_text"]).score)

    print(
        f"{len(pairs)} pairs, {len(texts):,} indexed documents ({args.distractors:,} distractors), "
        f"threshold {args.threshold}"
    )
    print(
        f"{'category':24s} {'pairs':>5s} {'tp':>4s} {'fn':>4s} {'fp':>4s} {'tn':>4s} "
        f"{'precision':>9s} {'recall':>7s}   exact score min–max"
    )
    total: dict[str, int] = defaultdict(int)
    for category, c in counts.items():
        for key, value in c.items():
            total[key] += value
        print(_row(category, c) + f"   {min(scores[category]):.2f}–{max(scores[category]):.2f}")
    print(_row("overall", total))


def _row(name: str, c: dict[str, int]) -> str:
    tp, fn, fp, tn = c["tp"], c["fn"], c["fp"], c["tn"]
    precision = f"{tp / (tp + fp):.3f}" if tp + fp else "–"
    recall = f"{tp / (tp + fn):.3f}" if tp + fn else "–"
    return f"{name:24s} {tp + fn + fp + tn:5d} {tp:4d} {fn:4d} {fp:4d} {tn:4d} {precision:>9s} {recall:>7s}"


if __name__ == "__main__":
    main()
