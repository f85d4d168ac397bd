"""How alike two short Chinese texts are (a topic, a duty, an app's name): sets of character bigrams of what is left
after each caller strips its own stock words from ``chinese_text.normalise``'s form.

The overlap coefficient |A∩B| / min(|A|, |B|) when both keep three bigrams or more — a short text restated inside a
longer one is the same thing (低保专项治理 in 全县低保专项治理工作调度会) — and the Jaccard index otherwise: two bigrams
are too few to call containment.
"""

from __future__ import annotations


def bigrams(core: str) -> set[str]:
    """The character bigrams of ``core`` (a text of one character is its own set)."""
    if len(core) < 2:
        return {core} if core else set()
    return {core[i : i + 2] for i in range(len(core) - 1)}


def overlap(x: set[str], y: set[str]) -> float:
    """0..1: the overlap coefficient of two bigram sets, or their Jaccard index when either is smaller than three."""
    if not x or not y:
        return 0.0
    shared = len(x & y)
    if min(len(x), len(y)) >= 3:
        return shared / min(len(x), len(y))
    return shared / len(x | y)
