"""Precision and recall of the field matcher on the hand-labelled pairs (``eval_pairs.py``).

    .venv/bin/python -m qingzhuang.forms.eval [--threshold 0.7] [--show-errors]

A pair is predicted "the same field" when its score reaches the threshold (the known-field score the
gate uses). Prints precision, recall and F1 overall and the accuracy per category.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from typing import Any

from qingzhuang.forms.eval_pairs import PAIRS
from qingzhuang.forms.matching import KNOWN_SCORE, FieldMatcher, FieldSpec
from qingzhuang.forms.synonyms import SEED_GROUPS


def evaluate(threshold: float = KNOWN_SCORE) -> dict[str, Any]:
    matcher = FieldMatcher(SEED_GROUPS)
    counts: Counter[str] = Counter()
    per_category: dict[str, list[int]] = {}
    errors = []
    for a, b, same, category in PAIRS:
        result = matcher.compare(FieldSpec(*a), FieldSpec(*b))
        predicted = result.score >= threshold
        counts["tp" if predicted and same else "fp" if predicted else "fn" if same else "tn"] += 1
        right, total = per_category.setdefault(category, [0, 0])
        per_category[category] = [right + (predicted == same), total + 1]
        if predicted != same:
            errors.append((category, a[0], b[0], result))
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs": len(PAIRS), "counts": dict(counts), "precision": precision, "recall": recall, "f1": f1,
            "per_category": per_category, "errors": errors}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threshold", type=float, default=KNOWN_SCORE)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    result = evaluate(args.threshold)
    out = sys.stdout
    out.write(f"pairs: {result['pairs']}  threshold: {args.threshold}  {result['counts']}\n")
    out.write(f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  F1 {result['f1']:.3f}\n")
    for category, (right, total) in result["per_category"].items():
        out.write(f"  {category:<13} {right}/{total} right\n")
    if args.show_errors:
        for category, a, b, cmp in result["errors"]:
            out.write(f"  ✗ {category}: {a} ~ {b}: {cmp}\n")


if __name__ == "__main__":
    main()  # the matcher needs no database
