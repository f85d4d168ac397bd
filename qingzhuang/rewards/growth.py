"""A rider's growth record (成长档案) on three axes — political quality (政治素养), professional ability (业务能力),
social value (社会价值) — computed from the records, never stored: the courses they completed (by kind: 普法 counts
for political quality; 交规, 应急救援, 消防 and other courses for professional ability) and the acts their points
ledger holds ("hazard_confirmed:<id>" and "patrol:<id>" count for professional ability and social value, "help:<id>"
for social value). An act appears there when it earned points; a confirmed hazard later rejected as false
("hazard_rejected:<id>") no longer counts. Every figure lists the records behind it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qingzhuang.rewards.models import Completion, CourseKind
from qingzhuang.riders.models import PointsEntry, Rider

POLITICAL, PROFESSIONAL, SOCIAL = "political", "professional", "social"
AXES = {POLITICAL: _("Political quality (政治素养)"), PROFESSIONAL: _("Professional ability (业务能力)"), SOCIAL: _("Social value (社会价值)")}
COURSE_AXES = {CourseKind.LAW: (POLITICAL,), CourseKind.TRAFFIC: (PROFESSIONAL,), CourseKind.RESCUE: (PROFESSIONAL,),
               CourseKind.FIRE: (PROFESSIONAL,), CourseKind.OTHER: (PROFESSIONAL,)}
# The acts of the points ledger that feed the record: prefix → (what it is, the axes it counts on).
ACT_AXES = {
    "hazard_confirmed": (_("Hazard report confirmed"), (PROFESSIONAL, SOCIAL)),
    "patrol": (_("Patrol"), (PROFESSIONAL, SOCIAL)),
    "help": (_("Help given to a household"), (SOCIAL,)),
}
WITHDRAWN = {"hazard_confirmed": "hazard_rejected"}
# Records needed on an axis for each level (illustrative steps: 1 record to start learning, 10 to be an exemplar).
LEVELS = ((0, _("Starting (起步)")), (1, _("Learning (入门)")), (3, _("Capable (熟练)")), (6, _("Mainstay (骨干)")), (10, _("Exemplar (标兵)")))


@dataclass(frozen=True)
class GrowthRecord:
    day: dt.date
    what: Any
    title: str
    source: str  # "course:<completion id>" or the points ledger's act
    axes: tuple[str, ...]


@dataclass
class Axis:
    code: str
    label: Any
    records: list[GrowthRecord] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.records)

    @property
    def level(self) -> int:
        return level_of(self.count)

    @property
    def level_label(self) -> Any:
        return LEVELS[self.level][1]


@dataclass
class Growth:
    rider: Rider
    axes: list[Axis]
    records: list[GrowthRecord]

    @property
    def level(self) -> int:
        """The lowest axis's level: the record asks a rider to grow on all three."""
        return min(axis.level for axis in self.axes)

    @property
    def level_label(self) -> Any:
        return LEVELS[self.level][1]


def level_of(count: int) -> int:
    return max(index for index, (needed, _label) in enumerate(LEVELS) if count >= needed)


def course_records(rider_ids: list[int]) -> dict[int, list[GrowthRecord]]:
    found: dict[int, list[GrowthRecord]] = {pk: [] for pk in rider_ids}
    for c in Completion.objects.filter(rider_id__in=rider_ids).select_related("course").order_by("completed_on", "id"):
        found[c.rider_id].append(GrowthRecord(day=c.completed_on, what=c.course.get_kind_display(), title=c.course.title, source=f"course:{c.pk}",
                                              axes=COURSE_AXES[CourseKind(c.course.kind)]))
    return found


def act_records(rider_ids: list[int]) -> dict[int, list[GrowthRecord]]:
    entries: dict[int, list[tuple[str, str, Any]]] = {pk: [] for pk in rider_ids}
    for rider_id, act, reason, at in PointsEntry.objects.filter(rider_id__in=rider_ids).order_by("at", "id").values_list("rider_id", "act", "reason", "at"):
        entries[rider_id].append((act, reason, at))
    return {pk: _acts(rows) for pk, rows in entries.items()}


def _acts(entries: list[tuple[str, str, Any]]) -> list[GrowthRecord]:
    acts = {act for act, _reason, _at in entries}
    found = []
    for act, reason, at in entries:
        prefix, _sep, ref = act.partition(":")
        if prefix not in ACT_AXES or (prefix in WITHDRAWN and f"{WITHDRAWN[prefix]}:{ref}" in acts):
            continue
        what, axes = ACT_AXES[prefix]
        found.append(GrowthRecord(day=timezone.localdate(at), what=what, title=reason, source=act, axes=axes))
    return found


def growths(riders: list[Rider]) -> dict[int, Growth]:
    """Each rider's growth record, read in two queries whatever the number of riders."""
    ids = [r.pk for r in riders]
    courses, acts = course_records(ids), act_records(ids)
    found = {}
    for rider in riders:
        records = sorted([*courses[rider.pk], *acts[rider.pk]], key=lambda r: (r.day, r.source))
        axes = [Axis(code, label, [r for r in records if code in r.axes]) for code, label in AXES.items()]
        found[rider.pk] = Growth(rider=rider, axes=axes, records=records)
    return found


def growth_of(rider: Rider) -> Growth:
    return growths([rider])[rider.pk]


def axis_counts(riders: list[Rider]) -> dict[int, dict[str, int]]:
    """Per rider, the count on each axis (the staff's overview of a community's riders)."""
    return {pk: {axis.code: axis.count for axis in found.axes} for pk, found in growths(riders).items()}
