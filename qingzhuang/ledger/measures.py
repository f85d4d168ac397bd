"""The registration point of the burden ledger.

Each domain app declares its measures in its component (``Component.measures``); the ledger reads
them from there and never imports a domain app by hand. A measure says what it counts, in which
unit, whether it is a burden or a help, its default weight in the 小马拉大车 index, and how its
rows are computed from the app's raw records (for the rebuild from scratch). While items change
state, the app keeps the rollups current by calling ``qingzhuang.ledger.services.ledger_add``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from django.conf import settings

from qingzhuang.components import all_components


class Direction(StrEnum):
    BURDEN = "burden"
    HELP = "help"


class MeasureKind(StrEnum):
    """A flow adds up over a period (documents received in 2026); a level stands at a value (signboards hung).

    A level's rows are its changes (+1 the day a plaque goes up, −1 the day it comes down), kept in the same
    rollups as flows; a period reads the latest value on or before its end — every change before the end summed.
    """

    FLOW = "flow"
    LEVEL = "level"


# One raw contribution: (receiving unit id, day, amount, issuing unit id or None).
Row = tuple[int, dt.date, float, int | None]


@dataclass(frozen=True)
class Measure:
    code: str  # "documents.received"
    label: Any  # lazy translatable: "Documents received"
    unit_label: Any  # lazy translatable: "documents", "hours"
    direction: Direction
    weight: float  # default weight in the index; settings may override
    # Rows from raw records for days in [start, end); the rebuild sums them per unit and month.
    # Prefer a ``values_list(unit, day, amount, issuer)`` QuerySet: the rebuild then sums it in the
    # database in one pass (minutes at province scale); plain Python rows are summed in Python.
    compute: Callable[[dt.date, dt.date], Iterable[Row]]
    # Optional: the items behind a unit's figure for a period (for drill-down), as
    # (title, url, day, amount) tuples.
    items: Callable[[Any, dt.date, dt.date], Iterable[tuple[str, str, dt.date, float]]] | None = None
    # Position on boards and reports (lower first).
    order: int = 100
    # Decimal places shown (and exported) for this measure's amounts: 0 for counts, 1 for hours.
    decimals: int = 0
    # Optional: how many distinct items behind this measure the given issuing units pushed down in
    # [start, end) — documents issued, meetings held — counted from the raw records by the app's own
    # selector. A measure counts receipts (a document to eight communities is eight deliveries); the
    # article's figures are these counts of items. Called as count_items(issuers QuerySet, start, end).
    count_items: Callable[[Any, dt.date, dt.date], int] | None = None
    items_label: Any = None  # lazy translatable: "Documents issued"
    # FLOW or LEVEL (see MeasureKind): a level's ``compute`` returns its changes, and a period reads its value at the end.
    kind: MeasureKind = MeasureKind.FLOW

    @property
    def is_level(self) -> bool:
        return self.kind == MeasureKind.LEVEL


@cache
def all_measures() -> tuple[Measure, ...]:
    found: list[Measure] = []
    for component in all_components():
        found.extend(component.measures)
    codes = [m.code for m in found]
    if len(codes) != len(set(codes)):
        raise RuntimeError(f"ledger measures declared twice: {sorted(c for c in codes if codes.count(c) > 1)}")
    return tuple(sorted(found, key=lambda m: (m.order, m.code)))


def measure_by_code(code: str) -> Measure:
    for measure in all_measures():
        if measure.code == code:
            return measure
    raise KeyError(f"unknown ledger measure {code!r}: declare it in a component's measures")


def weight_of(measure: Measure) -> float:
    """The measure's weight in the index: ``settings.QZ_LEDGER_WEIGHTS[code]`` if set, else its own default."""
    overrides: dict[str, float] = getattr(settings, "QZ_LEDGER_WEIGHTS", None) or {}
    return float(overrides.get(measure.code, measure.weight))


def measures_reload() -> None:
    """Forget the measures read from the components (after the installed components changed, e.g. in tests)."""
    all_components.cache_clear()
    all_measures.cache_clear()
