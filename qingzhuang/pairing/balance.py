"""Spread communities over departments by weight: greedy largest-weight-first onto the least-loaded department (LPT).

Pure and deterministic: the same weights, departments and pairings kept give the same answer, ties broken by the
department's count of communities, then its id, and communities of equal weight taken in id order.

The bound, and why it holds: when a community of weight w goes to the least-loaded department, that department's load
is at most the average of all loads at that moment, so at most ``total / m`` (``total``: every weight, kept or placed;
``m``: departments). Every department therefore ends at most at ``max(kept_max, total / m + w_max)``. No spread can do
better than ``lower_bound = max(kept_max, total / m, w_max)``, so the greedy maximum is at most the optimum plus the
largest weight. With nothing kept, Graham's LPT bound also holds: at most 4/3 − 1/(3m) of the optimum.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Kept:
    """A department's load before placing anything: the weight and number of the communities it keeps."""

    load: int = 0
    count: int = 0


def balance(weights: Mapping[int, int], departments: Sequence[int], kept: Mapping[int, Kept] | None = None) -> dict[int, int]:
    """Each community (id → weight ≥ 0) placed on one department: heaviest first, onto the least-loaded department."""
    if not departments:
        return {}
    kept = kept or {}
    heap = [(kept.get(d, Kept()).load, kept.get(d, Kept()).count, d) for d in sorted(set(departments))]
    heapq.heapify(heap)
    placed: dict[int, int] = {}
    for community in sorted(weights, key=lambda c: (-weights[c], c)):
        load, count, department = heapq.heappop(heap)
        placed[community] = department
        heapq.heappush(heap, (load + weights[community], count + 1, department))
    return placed


def lower_bound(weights: Mapping[int, int], departments: int, kept: Mapping[int, Kept] | None = None) -> float:
    """No spread over ``departments`` departments has a heaviest load below this."""
    if departments <= 0:
        return 0.0
    kept = kept or {}
    total = sum(weights.values()) + sum(k.load for k in kept.values())
    return float(max(total / departments, max(weights.values(), default=0), max((k.load for k in kept.values()), default=0)))


def guaranteed(weights: Mapping[int, int], departments: int, kept: Mapping[int, Kept] | None = None) -> float:
    """The greedy spread's heaviest load is never above this: max(kept maximum, average + heaviest community)."""
    if departments <= 0:
        return 0.0
    kept = kept or {}
    total = sum(weights.values()) + sum(k.load for k in kept.values())
    return float(max(max((k.load for k in kept.values()), default=0), total / departments + max(weights.values(), default=0)))
