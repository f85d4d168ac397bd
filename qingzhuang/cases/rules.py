"""The county's case deadlines (a gate rule's settings): per urgency, how long to respond and to resolve.

Defaults from the 12345 hotlines' practice: urgent — respond within 2 hours; general — resolve within 7 days;
complex — resolve within 15 working days. A span is written "2h" / "2小时", "7d" / "7天", "15wd" / "15个工作日".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from qingzhuang.gate.fields import Param
from qingzhuang.gate.models import Outcome
from qingzhuang.gate.rules import GateContext, Verdict

CASE = "case"


class SpanUnit(StrEnum):
    HOURS = "h"
    DAYS = "d"
    WORKING_DAYS = "wd"


@dataclass(frozen=True)
class Span:
    amount: int
    unit: SpanUnit

    def __str__(self) -> str:
        return f"{self.amount}{self.unit.value}"


_UNITS = {"h": SpanUnit.HOURS, "小时": SpanUnit.HOURS, "个小时": SpanUnit.HOURS, "d": SpanUnit.DAYS, "天": SpanUnit.DAYS,
          "日": SpanUnit.DAYS, "自然日": SpanUnit.DAYS, "wd": SpanUnit.WORKING_DAYS, "工作日": SpanUnit.WORKING_DAYS,
          "个工作日": SpanUnit.WORKING_DAYS}
_SPAN = re.compile(r"^\s*(\d{1,4})\s*(h|小时|个小时|wd|d|天|日|自然日|工作日|个工作日)\s*$")
MAX_HOURS = 24 * 366
MAX_DAYS = 366


def parse_span(text: Any) -> Span | None:
    """A span as the county wrote it, or None when it is not one (zero, negative, too long, no unit)."""
    match = _SPAN.match(str(text or ""))
    if not match:
        return None
    amount, unit = int(match.group(1)), _UNITS[match.group(2)]
    limit = MAX_HOURS if unit == SpanUnit.HOURS else MAX_DAYS
    if not 0 < amount <= limit:
        return None
    return Span(amount, unit)


DEFAULT_SPANS = {
    "urgent_respond": "2h", "urgent_resolve": "2wd",
    "general_respond": "1wd", "general_resolve": "7d",
    "complex_respond": "2wd", "complex_resolve": "15wd",
}

MSG_DEADLINES = gettext_noop("Respond within %(respond)s, resolve within %(resolve)s.")


def spans_for(params: dict[str, Any], urgency: str) -> tuple[Span, Span]:
    """(respond, resolve) spans for an urgency: the county's value, or the default when the county's is not a span."""
    found = []
    for what in ("respond", "resolve"):
        key = f"{urgency}_{what}"
        span = parse_span(params.get(key)) or parse_span(DEFAULT_SPANS.get(key, "7d"))
        assert span is not None
        found.append(span)
    return found[0], found[1]


@dataclass(frozen=True)
class CaseDeadlineRule:
    code: str = "case.deadlines"
    item_kinds: frozenset[str] = frozenset({CASE})
    title: Any = _("Case deadlines by urgency (吹哨报到)")
    defaults: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_SPANS))
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "urgent_respond": Param(_("Urgent: respond within"), _("e.g. 2h (hours), 7d (days), 15wd (working days)")),
        "urgent_resolve": Param(_("Urgent: resolve within"), _("e.g. 2h (hours), 7d (days), 15wd (working days)")),
        "general_respond": Param(_("General: respond within"), _("e.g. 2h (hours), 7d (days), 15wd (working days)")),
        "general_resolve": Param(_("General: resolve within"), _("e.g. 2h (hours), 7d (days), 15wd (working days)")),
        "complex_respond": Param(_("Complex: respond within"), _("e.g. 2h (hours), 7d (days), 15wd (working days)")),
        "complex_resolve": Param(_("Complex: resolve within"), _("e.g. 2h (hours), 7d (days), 15wd (working days)")),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        respond, resolve = spans_for(params, ctx.item.urgency)
        return Verdict(self.code, Outcome.PASS, MSG_DEADLINES, {"respond": str(respond), "resolve": str(resolve)})
