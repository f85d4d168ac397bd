"""The gate's rule for visits: no crowding (扎堆调研) at one place.

2024 national rules (整治形式主义为基层减负若干规定): research visits are planned, several teams do not descend on
one place at one time (不搞扎堆调研). The rule applies to every kind of visit — a liaison visit (走访) crowds a
community as much as a research team — and a county sets the window, the number of teams that makes a crowd,
and whether a crowd warns (the booker gives a reason; the county office sees the flagged visit) or blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from qingzhuang.gate.fields import Param
from qingzhuang.gate.models import Outcome
from qingzhuang.gate.rules import GateContext, Verdict

VISIT = "visit"
CODE = "visit.crowding"
# A sliding window of 7 days: two teams in one calendar week (Monday and Sunday) are always caught.
DEFAULT_WINDOW_DAYS = 7
DEFAULT_CROWD_SIZE = 2
MAX_WINDOW_DAYS = 60
MAX_CROWD_SIZE = 20

OUTCOMES = {
    "warn": _("Warn: the booker gives a reason, the county office sees the flag"),
    "block": _("Block: the booking is refused"),
    "pass": _("Record only, let it pass"),
}

MSG_CROWDED = gettext_noop("Crowded (扎堆): %(crowd)s")
MSG_ALONE = gettext_noop("No other team is booked at these places within %(window)s days.")


def outcome_of(value: Any) -> Outcome:
    try:
        return Outcome(value)
    except ValueError:
        return Outcome.WARN


def whole(value: Any, default: int, low: int, high: int) -> int:
    """A county's setting as a whole number within [low, high]; anything else reads as the national default."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if low <= number <= high else default


@dataclass(frozen=True)
class VisitCrowdingRule:
    code: str = CODE
    item_kinds: frozenset[str] = frozenset({VISIT})
    title: Any = _("No several teams at one place in the same days (扎堆调研)")
    defaults: dict[str, Any] = field(default_factory=lambda: {"window_days": DEFAULT_WINDOW_DAYS, "crowd_size": DEFAULT_CROWD_SIZE,
                                                              "outcome": "warn"})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "window_days": Param(_("Window"), _("Visits at one place fewer than this many days apart are in the same days (7: one week)."), unit=_("days")),
        "crowd_size": Param(_("Teams that make a crowd"), _("This many teams at one place within the window are flagged (2: a second team)."),
                            unit=_("teams")),
        "outcome": Param(_("A crowded booking"), _("Warn: the booker gives a reason and the county office sees the flagged visit. Block: it is refused."),
                         choices=OUTCOMES),
    })
    choices: dict[str, tuple[str, ...]] = field(default_factory=lambda: {"outcome": ("warn", "block", "pass")})

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        from qingzhuang.visits import selectors

        draft = ctx.item
        crowding = selectors.crowds_at(places=draft.places, start_on=draft.visit.start_on, end_on=draft.visit.end_on,
                                       window_days=whole(params.get("window_days"), DEFAULT_WINDOW_DAYS, 1, MAX_WINDOW_DAYS),
                                       crowd_size=whole(params.get("crowd_size"), DEFAULT_CROWD_SIZE, 2, MAX_CROWD_SIZE),
                                       outcome=outcome_of(params.get("outcome")), exclude_id=draft.visit.pk)
        if not crowding.flagged:
            return Verdict(self.code, Outcome.PASS, MSG_ALONE, {"window": crowding.window_days})
        return Verdict(self.code, crowding.outcome, MSG_CROWDED, {"crowd": crowding.text()},
                       {"visit_ids": sorted({v.pk for c in crowding.crowds for v in c.others})})
