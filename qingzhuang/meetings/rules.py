"""The gate's rules for meetings (减会). Each reads its settings from the gate (national or article
defaults below, changed per county in the gate's rule settings) and names its evidence.

Outcomes: *block* means the meeting cannot be approved as it stands (the reviewer returns or
rejects it; a red quota alone may be overridden with a reason); *warn* is for the reviewer's
judgement; *pass* may still carry evidence (the undecided earlier meeting a follow-up decides).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from qingzhuang.gate.fields import OUTCOME_CHOICES, PERCENT, WEEKS, Param
from qingzhuang.gate.models import Outcome
from qingzhuang.gate.quota_rule import QuotaRule
from qingzhuang.gate.rules import GateContext, Verdict
from qingzhuang.gate.rules import outcome_setting as _outcome
from qingzhuang.meetings.models import Meeting, MeetingFormat, MeetingKind, MeetingStatus
from qingzhuang.meetings.similarity import topic_similarity

KIND = "meeting"
QUOTA_KIND = "meeting"

MSG_FOLLOW_ON = gettext_noop("Held right after %(upper)s: it counts as one with it and takes no quota slot.")
MSG_LENGTH_OK = gettext_noop("Planned %(minutes)s minutes, within %(max)s.")
MSG_TOO_LONG = gettext_noop("Planned %(minutes)s minutes: longer than the limit of %(max)s minutes.")
MSG_SPEECH_TOO_LONG = gettext_noop("The main speech (%(speaker)s) is planned for %(speech)s minutes: longer than the limit of %(max_speech)s.")
MSG_BOTH_TOO_LONG = gettext_noop(
    "Planned %(minutes)s minutes, over the limit of %(max)s; and the main speech (%(speaker)s) takes %(speech)s minutes, over %(max_speech)s."
)
MSG_SPEECHES_EXCEED = gettext_noop("The speeches add up to %(total)s minutes, more than the planned %(minutes)s.")
MSG_COMPREHENSIVE_OK = gettext_noop("The only comprehensive work meeting on %(field)s in %(year)s.")
MSG_COMPREHENSIVE_TWICE = gettext_noop("%(field)s already has a comprehensive work meeting in %(year)s: %(other)s (%(date)s). At most one a year.")
MSG_NOT_COMPREHENSIVE = gettext_noop("Not a comprehensive work meeting.")
MSG_NO_REPEAT = gettext_noop("No meeting on the same matter in the %(days)s days before.")
MSG_REPEAT = gettext_noop("Same matter as %(other)s, held %(date)s by %(organiser)s with %(decisions)s decisions recorded: carry those out instead of meeting again.")
MSG_FOLLOW_UP = gettext_noop("Follows up %(other)s (%(date)s), which recorded no decision: this meeting is expected to decide.")
MSG_UNDECIDED_AGAIN = gettext_noop(
    "The matter of %(other)s has already been discussed %(count)s times in %(days)s days without a decision (议而不决): decide it instead of meeting again."
)
MSG_FREE_WEEK = gettext_noop("Week %(week)s is a meeting-free week in this county.")
MSG_NOT_FREE_WEEK = gettext_noop("Not in a meeting-free week.")
MSG_IN_PERSON_PRINCIPALS = gettext_noop(
    "In person, with the principals of %(units)s grassroots units summoned: hold it by video or teleconference where possible."
)
MSG_FORMAT_OK = gettext_noop("Format: %(format)s.")
MSG_IN_PLAN = gettext_noop("In the %(year)s meeting plan: filed.")
MSG_OUTSIDE_PLAN = gettext_noop("Not in the %(year)s meeting plan of %(unit)s: it needs approval.")

# Statuses of a meeting that is going ahead or went ahead (a draft or a rejected one counts for nothing).
LIVE = (MeetingStatus.SUBMITTED, MeetingStatus.APPROVED, MeetingStatus.CLOSED)


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value)


@dataclass(frozen=True)
class MeetingQuotaRule(QuotaRule):
    """总量控制 for meetings; a follow-on (套开) meeting counts as one with the meeting it follows."""

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        meeting: Meeting = ctx.item
        if meeting.is_follow_on:
            upper = meeting.follows_meeting.topic if meeting.follows_meeting_id else meeting.follows_upper  # type: ignore[union-attr]
            return Verdict(self.code, Outcome.PASS, MSG_FOLLOW_ON, {"upper": upper}, {"follows_meeting_id": meeting.follows_meeting_id})
        return super().check(ctx, params)


@dataclass(frozen=True)
class LengthRule:
    """Planned length ≤60 minutes (the article's county: meetings within one hour, 短少精) and main
    speech ≤60 minutes (national rule: 主要领导讲话一般不超过1小时)."""

    code: str = "meeting.length"
    item_kinds: frozenset[str] = frozenset({KIND})
    title: Any = _("Meeting and speech length")
    defaults: dict[str, Any] = field(default_factory=lambda: {"max_minutes": 60, "max_main_speech_minutes": 60, "over_limit": "block"})
    choices: dict[str, Any] = field(default_factory=lambda: {"over_limit": ["block", "warn"]})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "max_minutes": Param(_("Longest meeting"), _("Planned length of the whole meeting. The article's county: within one hour."), _("minutes")),
        "max_main_speech_minutes": Param(_("Longest main speech"), _("National rule: a leader's main speech is generally no longer than one hour."), _("minutes")),
        "over_limit": Param(_("When a meeting is too long"), choices=OUTCOME_CHOICES),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        meeting: Meeting = ctx.item
        max_minutes = int(params["max_minutes"])
        max_speech = int(params["max_main_speech_minutes"])
        speeches = list(meeting.speeches.all())
        main = next((s for s in speeches if s.is_main), None)
        total = sum(s.minutes for s in speeches)
        evidence = {
            "planned_minutes": meeting.planned_minutes,
            "max_minutes": max_minutes,
            "max_main_speech_minutes": max_speech,
            "speeches_total": total,
            "too_long_speeches": [
                {"speaker": s.speaker, "minutes": s.minutes, "main": s.is_main} for s in speeches if s.is_main and s.minutes > max_speech
            ],
        }
        params_out: dict[str, Any] = {"minutes": meeting.planned_minutes, "max": max_minutes, "max_speech": max_speech, "total": total}
        meeting_long = meeting.planned_minutes > max_minutes
        speech_long = main is not None and main.minutes > max_speech
        if meeting_long or speech_long:
            if main is not None:
                params_out.update(speaker=main.speaker, speech=main.minutes)
            message = MSG_BOTH_TOO_LONG if meeting_long and speech_long else MSG_TOO_LONG if meeting_long else MSG_SPEECH_TOO_LONG
            return Verdict(self.code, _outcome(params.get("over_limit"), Outcome.BLOCK), message, params_out, evidence)
        if total > meeting.planned_minutes:
            return Verdict(self.code, Outcome.WARN, MSG_SPEECHES_EXCEED, params_out, evidence)
        return Verdict(self.code, Outcome.PASS, MSG_LENGTH_OK, params_out, evidence)


@dataclass(frozen=True)
class ComprehensiveOnceRule:
    """At most one comprehensive work meeting (综合性工作会议) per field and year in a county."""

    code: str = "meeting.comprehensive_once"
    item_kinds: frozenset[str] = frozenset({KIND})
    title: Any = _("One comprehensive work meeting per field and year")
    defaults: dict[str, Any] = field(default_factory=lambda: {"per_year": 1})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "per_year": Param(_("Comprehensive meetings per field and year"), _("National rule: at most one comprehensive work meeting a year in each field."), _("meetings (count)")),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        meeting: Meeting = ctx.item
        if meeting.kind != MeetingKind.COMPREHENSIVE:
            return Verdict(self.code, Outcome.PASS, MSG_NOT_COMPREHENSIVE)
        year = meeting.quota_year
        others = list(
            Meeting.objects.filter(
                organiser__county_id=ctx.issuer.county_id,
                kind=MeetingKind.COMPREHENSIVE,
                field=meeting.field,
                status__in=LIVE,
                starts_at__year=year,
            )
            .exclude(pk=meeting.pk)
            .select_related("organiser")
            .order_by("starts_at")
        )
        base = {"field": meeting.field, "year": year}
        if len(others) < int(params["per_year"]):
            return Verdict(self.code, Outcome.PASS, MSG_COMPREHENSIVE_OK, base)
        other = others[0]
        evidence = {"meetings": [_meeting_ref(m) for m in others]}
        return Verdict(
            self.code, Outcome.BLOCK, MSG_COMPREHENSIVE_TWICE, {**base, "other": other.topic, "date": f"{_local(other.starts_at):%Y-%m-%d}"}, evidence
        )


@dataclass(frozen=True)
class RepeatRule:
    """同一事项反复开会: a meeting on the same matter as one held in the N days before.

    Semantics (the issue: "flagged with that meeting shown, unless the earlier one recorded no
    decision"): the earlier meetings are those of the county *held and closed* in the window. If
    the most recent one on the matter recorded decisions, the matter is settled and the new meeting
    is a repeat: *warn*, showing it. If it recorded none, the matter is still open and the new
    meeting is the follow-up that must decide it: *pass*, still showing the earlier meeting. But a
    matter discussed ``undecided_allowed``+1 times or more without any decision (议而不决、反复开会)
    is warned again. "Same matter": :func:`topic_similarity` ≥ ``threshold``.
    """

    code: str = "meeting.repeat"
    item_kinds: frozenset[str] = frozenset({KIND})
    title: Any = _("Repeat meeting on the same matter")
    defaults: dict[str, Any] = field(default_factory=lambda: {"window_days": 30, "threshold": 0.6, "undecided_allowed": 1})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "window_days": Param(_("Look back"), _("Meetings held and closed in the county in these days before are compared."), _("days")),
        "threshold": Param(_("Same matter from"), _("Two topics this similar are taken as the same matter."), kind=PERCENT),
        "undecided_allowed": Param(_("Meetings without a decision allowed"), _("How many earlier meetings on the matter may have ended without a decision before a new one is flagged (议而不决).") , _("meetings (count)")),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        meeting: Meeting = ctx.item
        days = int(params["window_days"])
        day = _local(meeting.starts_at).date()
        candidates = (
            Meeting.objects.filter(
                organiser__county_id=ctx.issuer.county_id,
                status=MeetingStatus.CLOSED,
                held_on__gte=day - dt.timedelta(days=days),
                held_on__lte=day,
            )
            .exclude(pk=meeting.pk)
            .select_related("organiser")
            .prefetch_related("decisions")
            .order_by("-held_on", "-id")
        )
        threshold = float(params["threshold"])
        same = [(m, topic_similarity(meeting.topic, m.topic)) for m in candidates]
        same = [(m, s) for m, s in same if s >= threshold]
        if not same:
            return Verdict(self.code, Outcome.PASS, MSG_NO_REPEAT, {"days": days})
        evidence = {"meetings": [{**_meeting_ref(m), "score": round(s, 2), "decisions": len(m.decisions.all())} for m, s in same]}
        latest, _score = same[0]
        ref = {"other": latest.topic, "date": f"{latest.held_on:%Y-%m-%d}", "organiser": latest.organiser.name, "days": days}
        decided = [m for m, _s in same if len(m.decisions.all())]
        if decided:
            first = decided[0]
            ref.update(other=first.topic, date=f"{first.held_on:%Y-%m-%d}", organiser=first.organiser.name, decisions=len(first.decisions.all()))
            return Verdict(self.code, Outcome.WARN, MSG_REPEAT, ref, evidence)
        if len(same) > int(params["undecided_allowed"]):
            return Verdict(self.code, Outcome.WARN, MSG_UNDECIDED_AGAIN, {**ref, "count": len(same)}, evidence)
        return Verdict(self.code, Outcome.PASS, MSG_FOLLOW_UP, ref, evidence)


@dataclass(frozen=True)
class FreeWeekRule:
    """Meeting-free weeks (无会周), if the county names any: ISO weeks such as "2026-W50", given as a
    list or as one comma-separated text (the form the gate's settings page stores)."""

    code: str = "meeting.free_week"
    item_kinds: frozenset[str] = frozenset({KIND})
    title: Any = _("Meeting-free weeks")
    defaults: dict[str, Any] = field(default_factory=lambda: {"weeks": ""})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "weeks": Param(_("Meeting-free weeks"), _("No meeting may be held in these weeks (无会周)."), kind=WEEKS),
    })

    def validate(self, clean: dict[str, Any]) -> dict[str, Any]:
        bad = [w for w in free_weeks(clean.get("weeks")) if not ISO_WEEK.fullmatch(w)]
        return {"weeks": MSG_BAD_WEEKS} if bad else {}

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        meeting: Meeting = ctx.item
        iso = _local(meeting.starts_at).isocalendar()
        week = f"{iso.year}-W{iso.week:02d}"
        if week in free_weeks(params.get("weeks")):
            return Verdict(self.code, Outcome.BLOCK, MSG_FREE_WEEK, {"week": week}, {"week": week})
        return Verdict(self.code, Outcome.PASS, MSG_NOT_FREE_WEEK, {"week": week})


ISO_WEEK = re.compile(r"\d{4}-W(0[1-9]|[1-4]\d|5[0-3])")
MSG_BAD_WEEKS = _("Write ISO weeks such as 2026-W50, separated by commas.")


def free_weeks(value: Any) -> set[str]:
    items = re.split(r"[,，;；\s]+", value) if isinstance(value, str) else list(value or [])
    return {str(w).strip().upper() for w in items if str(w).strip()}


@dataclass(frozen=True)
class FormatRule:
    """Video or teleconference preferred (能视频不现场): warn when grassroots principals must travel."""

    code: str = "meeting.format"
    item_kinds: frozenset[str] = frozenset({KIND})
    title: Any = _("Video or teleconference preferred")
    defaults: dict[str, Any] = field(default_factory=dict)

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        meeting: Meeting = ctx.item
        grassroots = sum(1 for u in meeting.attendees.all() if u.is_grassroots)
        if meeting.format == MeetingFormat.IN_PERSON and meeting.principals_required and grassroots:
            return Verdict(self.code, Outcome.WARN, MSG_IN_PERSON_PRINCIPALS, {"units": grassroots}, {"grassroots_units": grassroots})
        return Verdict(self.code, Outcome.PASS, MSG_FORMAT_OK, {"format": str(meeting.get_format_display())})


@dataclass(frozen=True)
class PlanRule:
    """计划管理: in-plan meetings are filed; those outside the plan need the reviewer's approval."""

    code: str = "meeting.plan"
    item_kinds: frozenset[str] = frozenset({KIND})
    title: Any = _("Annual meeting plan")
    defaults: dict[str, Any] = field(default_factory=dict)

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        meeting: Meeting = ctx.item
        year = meeting.quota_year
        if meeting.plan_line_id is not None:
            return Verdict(self.code, Outcome.PASS, MSG_IN_PLAN, {"year": year}, {"plan_line_id": meeting.plan_line_id})
        return Verdict(self.code, Outcome.WARN, MSG_OUTSIDE_PLAN, {"year": year, "unit": ctx.issuer.name})


def _meeting_ref(m: Meeting) -> dict[str, Any]:
    return {
        "id": m.pk,
        "topic": m.topic,
        "organiser": m.organiser.name,
        "date": f"{m.held_on or _local(m.starts_at).date():%Y-%m-%d}",
        "status": m.status,
    }


GATE_RULES = (
    MeetingQuotaRule(code="meeting.quota", item_kind=KIND, quota_kind=QUOTA_KIND),
    LengthRule(),
    ComprehensiveOnceRule(),
    RepeatRule(),
    FreeWeekRule(),
    FormatRule(),
    PlanRule(),
)
