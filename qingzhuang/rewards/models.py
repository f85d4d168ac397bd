"""Training for riders and volunteers (courses, sessions, enrolment, attendance, completion) and the community store
(爱心超市) where points are spent: items, stock moves and redemptions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CourseKind(models.TextChoices):
    LAW = "law", _("Law (普法)")
    TRAFFIC = "traffic", _("Traffic rules (交规)")
    RESCUE = "rescue", _("Emergency rescue (应急救援)")
    FIRE = "fire", _("Fire safety (消防)")
    OTHER = "other", pgettext_lazy("course kind", "Other")


class Course(models.Model):
    """A course the county (its office) or a community offers to its riders and volunteers."""

    offered_by = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="courses", verbose_name=_("offered by"))
    kind = models.CharField(_("kind of course"), max_length=10, choices=CourseKind.choices)
    title = models.CharField(_("course title"), max_length=100)
    # Sessions a rider must attend to complete the course; staff may also mark it completed with a reason.
    required_sessions = models.PositiveSmallIntegerField(_("sessions required to complete"), default=1)
    description = models.TextField(_("what the course teaches"), max_length=2000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(required_sessions__gte=1), name="course_requires_a_session")]

    def __str__(self) -> str:
        return self.title


class Session(models.Model):
    """One sitting of a course: when, where, who teaches, how many seats."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("course"))
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    place = models.CharField(_("place"), max_length=100)
    trainer = models.CharField(_("trainer"), max_length=50)
    seats = models.PositiveIntegerField(_("seats"))

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["starts_at", "id"]
        constraints = [models.CheckConstraint(condition=Q(seats__gte=1), name="session_has_a_seat")]

    def __str__(self) -> str:
        return f"{self.course} {self.starts_at:%Y-%m-%d}"


class Enrolment(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("course"))
    rider = models.ForeignKey("riders.Rider", on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("rider"))
    enrolled_on = models.DateField(_("enrolled on"))
    enrolled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("enrolment in a course")
        verbose_name_plural = _("enrolments in courses")
        ordering = ["course", "rider__name", "id"]
        constraints = [models.UniqueConstraint(fields=["course", "rider"], name="enrolment_once_per_course")]

    def __str__(self) -> str:
        return f"{self.rider} · {self.course}"


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("training session"))
    rider = models.ForeignKey("riders.Rider", on_delete=models.CASCADE, related_name="attendances", verbose_name=_("rider"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [models.UniqueConstraint(fields=["session", "rider"], name="attendance_once_per_session")]

    def __str__(self) -> str:
        return f"{self.rider} @ {self.session}"


class CompletedBy(models.TextChoices):
    ATTENDANCE = "attendance", _("attended the required sessions")
    STAFF = "staff", _("marked completed by staff")


class Completion(models.Model):
    """A rider completed a course, once: by attendance, or marked by staff with a reason. Earns points ("course:<id>")."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="completions", verbose_name=_("course"))
    rider = models.ForeignKey("riders.Rider", on_delete=models.PROTECT, related_name="completions", verbose_name=_("rider"))
    completed_on = models.DateField(_("completed on"), db_index=True)
    how = models.CharField(_("completed by"), max_length=10, choices=CompletedBy.choices)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("course completion")
        verbose_name_plural = _("course completions")
        ordering = ["-completed_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["course", "rider"], name="completion_once_per_course")]

    def __str__(self) -> str:
        return f"{self.rider} ✓ {self.course}"


class StoreItem(models.Model):
    """An item on a community store's shelf (爱心超市), priced in points."""

    community = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="store_items", verbose_name=_("community"))
    name = models.CharField(pgettext_lazy("store", "item"), max_length=50)
    price = models.PositiveIntegerField(_("price in points"))
    stock = models.PositiveIntegerField(_("in stock"), default=0)
    is_active = models.BooleanField(_("on the shelf"), default=True)

    class Meta:
        verbose_name = _("store item")
        verbose_name_plural = _("store items")
        ordering = ["community", "price", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="store_item_once_per_community"),
            models.CheckConstraint(condition=Q(price__gte=1), name="store_item_has_a_price"),
        ]

    def __str__(self) -> str:
        return self.name


class StockMove(models.Model):
    """Stock received (+) or adjusted (+/−, e.g. damaged) with a reason; redemptions move stock on their own rows."""

    item = models.ForeignKey(StoreItem, on_delete=models.CASCADE, related_name="moves", verbose_name=_("store item"))
    change = models.IntegerField(_("change in stock"))
    reason = models.CharField(_("reason"), max_length=200)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("stock move")
        verbose_name_plural = _("stock moves")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.item} {self.change:+d}"


class RedemptionStatus(models.TextChoices):
    RESERVED = "reserved", _("Waiting to be collected")
    HANDED_OVER = "handed_over", _("Handed over")
    CANCELLED = "cancelled", _("Cancelled, points refunded")


class Redemption(models.Model):
    """A rider takes an item for points: the item is held until staff hand it over (the rider shows the code)."""

    item = models.ForeignKey(StoreItem, on_delete=models.PROTECT, related_name="redemptions", verbose_name=_("store item"))
    rider = models.ForeignKey("riders.Rider", on_delete=models.PROTECT, related_name="redemptions", verbose_name=_("rider"))
    points = models.PositiveIntegerField(_("points"))
    code = models.CharField(_("collection code"), max_length=8)
    status = models.CharField(_("status"), max_length=12, choices=RedemptionStatus.choices, default=RedemptionStatus.RESERVED, db_index=True)
    redeemed_at = models.DateTimeField(_("redeemed at"))
    closed_at = models.DateTimeField(_("handed over or cancelled at"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("redemption")
        verbose_name_plural = _("redemptions")
        ordering = ["-redeemed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.rider} · {self.item}"
