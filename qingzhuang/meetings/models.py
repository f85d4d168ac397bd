"""Meetings (会议, 减会): annual plans, the meetings themselves, their speeches, closing records and decisions,
and the private tokens of the calendar feeds."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Fields (领域) a comprehensive work meeting is counted in; free text, these are the usual ones.
COMMON_FIELDS = ["民政", "教育", "卫生健康", "住房和城乡建设", "应急管理", "农业农村", "市场监管", "自然资源", "水利", "人力资源和社会保障", "综合"]


class MeetingKind(models.TextChoices):
    COMPREHENSIVE = "comprehensive", _("Comprehensive work meeting")
    SPECIAL = "special", _("Special meeting")
    ROUTINE = "routine", _("Routine meeting")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIDEO = "video", _("Video conference")
    TELECONFERENCE = "teleconference", _("Teleconference")


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting review")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", pgettext_lazy("meeting status", "Approved")
    CLOSED = "closed", _("Held and closed")
    REJECTED = "rejected", pgettext_lazy("meeting status", "Rejected")
    CANCELLED = "cancelled", _("Cancelled")


# States in which a meeting is on the calendar of the units it summons.
PUBLISHED = (MeetingStatus.APPROVED, MeetingStatus.CLOSED, MeetingStatus.CANCELLED)
EDITABLE = (MeetingStatus.DRAFT, MeetingStatus.RETURNED)


class MeetingPlan(models.Model):
    """A unit's annual meeting plan (计划管理): meetings in it are filed, meetings outside it need approval."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="meeting_plans", verbose_name=_("organising unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    note = models.TextField(_("note"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting plan")
        verbose_name_plural = _("meeting plans")
        ordering = ["-year", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="meeting_plan_once_per_unit_year")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class PlanLine(models.Model):
    """One planned meeting of a plan."""

    plan = models.ForeignKey(MeetingPlan, on_delete=models.CASCADE, related_name="lines", verbose_name=_("plan"))
    topic = models.CharField(_("topic"), max_length=200)
    field = models.CharField(_("field"), max_length=50)
    kind = models.CharField(pgettext_lazy("meeting", "kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.SPECIAL)
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("meeting", "plan line")
        verbose_name_plural = pgettext_lazy("meeting", "plan lines")
        ordering = ["plan", "month", "id"]

    def __str__(self) -> str:
        return self.topic


def fill_quota_year(meeting: Meeting) -> None:
    if meeting.quota_year is None:
        meeting.quota_year = timezone.localtime(meeting.actual_start or meeting.starts_at).year


class MeetingManager(models.Manager["Meeting"]):
    def bulk_create(self, objs: Iterable[Meeting], *args: Any, **kwargs: Any) -> list[Meeting]:  # type: ignore[override]
        objs = list(objs)
        for obj in objs:
            fill_quota_year(obj)
        return super().bulk_create(objs, *args, **kwargs)


class Meeting(models.Model):
    organiser = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="meetings_organised", verbose_name=_("organising unit"))
    topic = models.CharField(_("topic"), max_length=200)
    field = models.CharField(_("field"), max_length=50, help_text=_("The field of work, e.g. 民政 or 教育."))
    kind = models.CharField(pgettext_lazy("meeting", "kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.SPECIAL)
    format = models.CharField(_("format"), max_length=20, choices=MeetingFormat.choices, default=MeetingFormat.VIDEO)
    location = models.CharField(_("place"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("planned start"))
    planned_minutes = models.PositiveIntegerField(_("planned length (minutes)"))
    attendees = models.ManyToManyField("org.Unit", related_name="meetings_attending", blank=True, verbose_name=_("attending units"))
    principals_required = models.BooleanField(_("grassroots principals must attend"), default=False)
    principals_count = models.PositiveIntegerField(_("people per attending unit"), default=1)
    # 套开: held right after an upper-level meeting, it counts as one with it (no quota slot, merged in the figures).
    follows_meeting = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_ons", verbose_name=_("held right after (meeting in this system)")
    )
    follows_upper = models.CharField(_("held right after (upper-level meeting)"), max_length=200, blank=True)
    plan_line = models.ForeignKey(PlanLine, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings", verbose_name=pgettext_lazy("meeting", "plan line"))
    status = models.CharField(_("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT, db_index=True)
    # True when an in-plan meeting with a clean gate was filed (备案) without a review.
    filed = models.BooleanField(_("filed without review"), default=False)
    review_note = models.TextField(_("review note"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    # Closing (会后): what actually happened.
    actual_start = models.DateTimeField(_("actual start"), null=True, blank=True)
    actual_minutes = models.PositiveIntegerField(_("actual length (minutes)"), null=True, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True, db_index=True)
    # The meeting's one quota year: the year of its planned start, decided when it is created; it moves
    # (with its quota slot) only when the meeting's date moves into another year (rescheduled, or held
    # on a day of another year).
    quota_year = models.PositiveSmallIntegerField(_("quota year"), db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # RFC 5545 SEQUENCE: bumped on every change a subscribed calendar must pick up.
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True)

    objects = MeetingManager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["organiser", "status", "starts_at"])]
        constraints = [models.CheckConstraint(condition=Q(planned_minutes__gt=0), name="meeting_planned_minutes_positive")]

    def __str__(self) -> str:
        return self.topic

    def save(self, *args: Any, **kwargs: Any) -> None:
        fill_quota_year(self)
        super().save(*args, **kwargs)

    @property
    def is_follow_on(self) -> bool:
        return self.follows_meeting_id is not None or bool(self.follows_upper.strip())

    @property
    def in_plan(self) -> bool:
        return self.plan_line_id is not None

    @property
    def main_speech(self) -> Speech | None:
        return next((s for s in self.speeches.all() if s.is_main), None)

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.planned_minutes)


class Speech(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="speeches")
    speaker = models.CharField(_("speaker"), max_length=100)
    minutes = models.PositiveIntegerField(_("planned minutes"))
    is_main = models.BooleanField(_("main speech"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("speech")
        verbose_name_plural = _("speeches")
        ordering = ["meeting", "order", "id"]

    def __str__(self) -> str:
        return f"{self.speaker} {self.minutes}"


class Attendance(models.Model):
    """Who came, per summoned unit: recorded when the meeting is closed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit"))
    people = models.PositiveIntegerField(_("people present"), default=0)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "unit"], name="attendance_once_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.people}"


class Decision(models.Model):
    """A decision taken (议而决), with who carries it out and by when."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    owner_unit = models.ForeignKey("org.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("responsible unit"))
    owner_person = models.CharField(_("responsible person"), max_length=100, blank=True)
    due = models.DateField(_("due date"), null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.text[:50]


def hash_feed_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class FeedToken(models.Model):
    """A private, revocable address of one unit's meeting calendar for one user (only the hash is kept)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_feed_tokens")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit"))
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.prefix}… {self.unit}"

    @staticmethod
    def new_raw() -> str:
        return secrets.token_urlsafe(32)
