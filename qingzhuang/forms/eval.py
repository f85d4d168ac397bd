"""Precision and recall of the field matcher on two hand-labelled sets of Chinese field pairs, reported apart.

    .venv/bin/python -m qingzhuang.forms.eval [--threshold 0.7] [--show-errors]

``tuning`` (``eval_pairs.py``) is the set the matcher and its synonym data were developed against;
``held-out`` (``eval_heldout.py``) was written from real statistical and civil-affairs forms before the
matcher ever ran on it, and is never tuned on — its figures are the honest ones. A pair is predicted
"the same field" when its score reaches the threshold (the known-field score the gate uses). For each
set: precision, recall and F1, then per category the pairs judged right and, where the category has
pairs of that kind, its recall (same fields found) or its false positives (different fields called same).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from typing import Any

from qingzhuang.forms.eval_heldout import HELD_OUT
from qingzhuang.forms.eval_pairs import PAIRS, F
from qingzhuang.forms.matching import KNOWN_SCORE, FieldMatcher, FieldSpec
from qingzhuang.forms.synonyms import SEED_GROUPS

SETS: dict[str, Sequence[tuple[F, F, bool, str]]] = {"tuning": PAIRS, "held-out": HELD_OUT}


def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def evaluate(threshold: float = KNOWN_SCORE, pairs: Sequence[tuple[F, F, bool, str]] = PAIRS) -> dict[str, Any]:
    matcher = FieldMatcher(SEED_GROUPS)
    counts: Counter[str] = Counter()
    per_category: dict[str, Counter[str]] = {}
    errors = []
    for a, b, same, category in pairs:
        result = matcher.compare(FieldSpec(*a), FieldSpec(*b))
        predicted = result.score >= threshold
        outcome = "tp" if predicted and same else "fp" if predicted else "fn" if same else "tn"
        counts[outcome] += 1
        per_category.setdefault(category, Counter())[outcome] += 1
        if predicted != same:
            errors.append((category, a[0], b[0], result))
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs": len(pairs), "counts": dict(counts), "precision": precision, "recall": recall, "f1": f1,
            "per_category": per_category, "errors": errors}


def _category_line(category: str, c: Counter[str]) -> str:
    total = sum(c.values())
    right = c["tp"] + c["tn"]
    parts = [f"  {category:<13} {right}/{total} right"]
    if c["tp"] + c["fn"]:
        parts.append(f"recall {_ratio(c['tp'], c['tp'] + c['fn']):.3f}")
    if c["tp"] + c["fp"]:
        parts.append(f"precision {_ratio(c['tp'], c['tp'] + c['fp']):.3f}")
    if c["fp"] + c["tn"]:
        parts.append(f"false positives {c['fp']}/{c['fp'] + c['tn']}")
    return "  ".join(parts)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threshold", type=float, default=KNOWN_SCORE)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    out = sys.stdout
    for name, pairs in SETS.items():
        result = evaluate(args.threshold, pairs)
        out.write(f"[{name}] pairs: {result['pairs']}  threshold: {args.threshold}  {result['counts']}\n")
        out.write(f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  F1 {result['f1']:.3f}\n")
        for category, c in result["per_category"].items():
            out.write(_category_line(category, c) + "\n")
        if args.show_errors:
            for category, a, b, cmp in result["errors"]:
                out.write(f"  ✗ {category}: {a} ~ {b}: {cmp}\n")


if __name__ == "__main__":
    main()  # the matcher needs no database
