"""How a rule's settings read to people: a label, a unit and a help text for every setting.

Rules keep their settings as plain values (ratios such as 0.5, whole numbers, choices, ISO weeks) so
that the API and the checks stay simple; a rule names each one for people with ``param_info``
(``{"warn_score": Param(_("Warning threshold"), kind=PERCENT, …)}``). The gate's pages show and take
the values in those words: 警告阈值 50%, not ``warn_score = 0.5``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

PERCENT = "percent"  # stored as a ratio (0.5), shown and typed as a percentage (50%)
WEEKS = "weeks"  # ISO weeks ("2026-W50"), chosen with week pickers

ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})")

OUTCOME_CHOICES: Mapping[str, Any] = {
    "warn": _("Warn the reviewer"),
    "block": _("Block until corrected"),
    "pass": _("Record only, let it pass"),
}
ITEM_KINDS: Mapping[str, Any] = {
    "document": _("Documents"),
    "meeting": _("Meetings"),
    "form": _("Forms"),
    "visit": _("Research and liaison visits"),
    "govapp": _("Apps and work groups"),
}


@dataclass(frozen=True)
class Param:
    label: Any
    help: Any = ""
    unit: Any = ""  # shown after the number: 字, 分钟, 天…
    kind: str = ""  # PERCENT, WEEKS, or "" (taken from the default value's type)
    choices: Mapping[str, Any] = field(default_factory=dict)  # stored value -> label


def param_for(rule: Any, name: str) -> Param:
    declared = (getattr(rule, "param_info", None) or {}).get(name)
    return declared if declared is not None else Param(label=name)


def week_words(week: str) -> str:
    """"2026-W50" → "2026年第50周（12月7日—12月13日）"."""
    found = ISO_WEEK.fullmatch(week.strip().upper())
    if not found:
        return week
    try:
        monday = dt.date.fromisocalendar(int(found[1]), int(found[2]), 1)
    except ValueError:
        return week
    sunday = monday + dt.timedelta(days=6)
    return gettext("Week %(week)s of %(year)s (%(start)s–%(end)s)") % {
        "week": int(found[2]), "year": int(found[1]),
        "start": _month_day(monday), "end": _month_day(sunday),
    }


def _month_day(day: dt.date) -> str:
    return gettext("%(month)s/%(day)s") % {"month": day.month, "day": day.day}


def weeks_of(value: Any) -> list[str]:
    items = re.split(r"[,，;；\s]+", value) if isinstance(value, str) else list(value or [])
    return sorted({str(w).strip().upper() for w in items if str(w).strip()})


def percent_number(value: Any) -> str:
    """0.5 → "50", 0.855 → "85.5": the number a person types for a ratio."""
    try:
        return f"{round(float(value) * 100, 4):g}"
    except (TypeError, ValueError):
        return str(value)


def shown(spec: Param, default: Any, value: Any) -> str:
    """A setting's value in words, with its unit."""
    if spec.kind == PERCENT:
        return f"{percent_number(value)}%"
    if spec.kind == WEEKS:
        weeks = weeks_of(value)
        return "；".join(week_words(w) for w in weeks) if weeks else gettext("none")
    if spec.choices:
        return str(spec.choices.get(str(value), value))
    if isinstance(default, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(default, (int, float)) and not isinstance(value, bool):
        try:
            text = number_format(value, force_grouping=True)
        except (TypeError, ValueError):
            text = str(value)
        return f"{text} {spec.unit}".strip()
    return str(value) if value not in ("", None) else gettext("none")


def from_form(spec: Param, data: Any, name: str) -> Any:
    """The stored value of one setting from a submitted form (``data`` is request.POST)."""
    if spec.kind == WEEKS:
        return ",".join(weeks_of(data.getlist(name)))
    raw = data.get(name, "")
    if spec.kind == PERCENT:
        try:
            return round(float(str(raw).strip().rstrip("%").strip()) / 100, 6)
        except ValueError:
            return raw  # left for the rule's validation to name
    return raw
