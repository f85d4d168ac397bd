"""Helpers for tests of the ledger (and of apps that report to it)."""

from __future__ import annotations

from typing import Any

from qingzhuang.ledger.models import ROLLUP_KEYS


def rollup_rows(code: str | None = None) -> dict[str, dict[tuple[Any, ...], float]]:
    """Every rollup's rows (of one measure, or all), keyed by (measure, natural key); zero rows left out."""
    found = {}
    for model, key in ROLLUP_KEYS.items():
        rows = model.objects.all() if code is None else model.objects.filter(measure=code)
        found[model.__name__] = {
            (r[0], *r[1:-1]): round(r[-1], 6) for r in rows.values_list("measure", *key, "value") if round(r[-1], 6)
        }
    return found
