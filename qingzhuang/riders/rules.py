"""The county's points rule for riders (积分): how many points each kind of act earns (a confirmed hazard report, a
patrol, a help visit to a household, a course completed). A county setting like every gate rule (the county office edits
it on the gate's settings page); the rule never blocks anything."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from qingzhuang.gate.fields import Param
from qingzhuang.gate.models import Outcome
from qingzhuang.gate.rules import GateContext, Verdict

HAZARD = "hazard_report"
# The kinds of act that earn points, and the setting that holds each one's points.
KINDS = {"hazard": "confirmed_hazard", "patrol": "patrol", "help": "help_visit", "course": "course"}
MSG_POINTS = gettext_noop("A confirmed hazard report earns %(points)s points.")


@dataclass(frozen=True)
class RiderPointsRule:
    code: str = "riders.points"
    item_kinds: frozenset[str] = frozenset({HAZARD})
    title: Any = _("Points riders earn for their acts")
    defaults: dict[str, Any] = field(default_factory=lambda: {"confirmed_hazard": 10, "patrol": 5, "help_visit": 5, "course": 5})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "confirmed_hazard": Param(_("Points per confirmed hazard"), _("Awarded once when the community confirms a rider's report; taken back if it is later rejected as false."),
                                  unit=_("points")),
        "patrol": Param(_("Points per patrol"), _("Awarded once for each patrol the rider records and the community accepts."), unit=_("points")),
        "help_visit": Param(_("Points per help visit"), _("Awarded once for each visit or errand done for a paired vulnerable household."), unit=_("points")),
        "course": Param(_("Points per course completed"), _("Awarded once when a rider completes a training course."), unit=_("points")),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        return Verdict(self.code, Outcome.PASS, MSG_POINTS, {"points": params.get("confirmed_hazard", 10)})
