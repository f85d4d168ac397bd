"""The gate's rule for secondments (借调) of grassroots staff.

2024 national rules (《整治形式主义为基层减负若干规定》): upper-level units may not borrow grassroots staff at will; a
secondment needs approval and lasts no more than 6 months. Provinces' rules allow one extension, approved again, within
a total of one year: the defaults here (a term ≤ 6 months, one extension, ≤ 12 months in all), settings of each county.

A term of n months ends at the latest on the same day n months after its start (1 March + 6 months = 1 September; a
day past the month's end falls back to its last day: 31 August + 6 months = 28/29 February).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from qingzhuang.gate.fields import Param
from qingzhuang.gate.models import Outcome
from qingzhuang.gate.rules import GateContext, Verdict

SECONDMENT = "secondment"
EXTENSION = "secondment_extension"

MSG_TERM_OK = gettext_noop("%(start)s to %(end)s: within %(months)s months.")
MSG_TERM_LONG = gettext_noop(
    "%(start)s to %(end)s is longer than %(months)s months (the latest end is %(latest)s): a secondment lasts at most %(months)s months."
)
MSG_EXTENSION_OK = gettext_noop("Extended to %(end)s: within %(months)s more months and %(total)s months in all.")
MSG_EXTENSION_TWICE = gettext_noop("Already extended %(count)s time(s): a secondment may be extended at most %(max)s time(s).")
MSG_EXTENSION_LONG = gettext_noop(
    "Extending from %(from)s to %(end)s is longer than %(months)s months (the latest end is %(latest)s)."
)
MSG_TOTAL_LONG = gettext_noop(
    "From %(start)s to %(end)s is longer than %(total)s months in all (the latest end is %(latest)s)."
)


def months_later(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months later (or the month's last day when it has no such day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class SecondmentLimitsRule:
    code: str = "secondment.limits"
    item_kinds: frozenset[str] = frozenset({SECONDMENT, EXTENSION})
    title: Any = _("Secondments of grassroots staff: term, extension and total (借调)")
    defaults: dict[str, Any] = field(default_factory=lambda: {"term_months": 6, "extensions": 1, "total_months": 12})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "term_months": Param(_("Longest term"), _("2024 national rules: a secondment lasts no more than 6 months."), unit=_("months")),
        "extensions": Param(_("Extensions allowed"), _("Each needs the county's approval again; one by default."), unit=_("times")),
        "total_months": Param(_("Longest in all, extensions included"), _("One year by default: a 6-month term and one 6-month extension."),
                              unit=_("months")),
    })

    def validate(self, clean: dict[str, Any]) -> dict[str, Any]:
        problems: dict[str, Any] = {}
        if not 1 <= clean["term_months"] <= 24:
            problems["term_months"] = _("The longest term must be from 1 to 24 months.")
        if clean["extensions"] > 3:
            problems["extensions"] = _("At most 3 extensions.")
        if not clean["term_months"] <= clean["total_months"] <= 60:
            problems["total_months"] = _("The total must be at least the longest term and at most 60 months.")
        return problems

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        term, total = int(params["term_months"]), int(params["total_months"])
        if ctx.item_kind == EXTENSION:
            return self._extension(ctx.item, term, int(params["extensions"]), total)
        item = ctx.item
        latest = months_later(item.start_on, term)
        values = {"start": item.start_on.isoformat(), "end": item.planned_end.isoformat(), "months": term, "latest": latest.isoformat()}
        if item.planned_end > latest:
            return Verdict(self.code, Outcome.BLOCK, MSG_TERM_LONG, values)
        return Verdict(self.code, Outcome.PASS, MSG_TERM_OK, values)

    def _extension(self, extension: Any, term: int, allowed: int, total: int) -> Verdict:
        secondment = extension.secondment
        done = secondment.extensions.filter(status="approved").count()
        if done >= allowed:
            return Verdict(self.code, Outcome.BLOCK, MSG_EXTENSION_TWICE, {"count": done, "max": allowed})
        latest = months_later(secondment.ends_on, term)
        if extension.new_end > latest:
            return Verdict(self.code, Outcome.BLOCK, MSG_EXTENSION_LONG, {"from": secondment.ends_on.isoformat(), "end": extension.new_end.isoformat(),
                                                                           "months": term, "latest": latest.isoformat()})
        latest_total = months_later(secondment.start_on, total)
        if extension.new_end > latest_total:
            return Verdict(self.code, Outcome.BLOCK, MSG_TOTAL_LONG, {"start": secondment.start_on.isoformat(), "end": extension.new_end.isoformat(),
                                                                       "total": total, "latest": latest_total.isoformat()})
        return Verdict(self.code, Outcome.PASS, MSG_EXTENSION_OK, {"end": extension.new_end.isoformat(), "months": term, "total": total})
