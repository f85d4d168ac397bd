"""Duty lists (履职事项清单), tasks pushed down and their entry approval (准入), signboards (挂牌)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Section(models.TextChoices):
    BASIC = "basic", _("Basic duty (基本履职事项)")
    SUPPORTING = "supporting", _("Supporting duty (配合履职事项)")
    TAKEN_BACK = "taken_back", _("Taken back by an upper department (上级部门收回事项)")


class AdjustmentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class DutyAdjustment(models.Model):
    """A proposed new version of a unit's duty list (the whole list), from an .xlsx import or the API.

    A list changes only when the county office approves an adjustment; the approval makes a new version.
    """

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="duty_adjustments", verbose_name=_("unit"))
    effective_from = models.DateField(_("effective from"))
    reason = models.TextField(_("reason"), max_length=2000)
    # The new list: [{"section": …, "title": …, "department_id": … or null, "basis": …}].
    items = models.JSONField(_("items"), default=list)
    filename = models.CharField(_("file"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=AdjustmentStatus.choices, default=AdjustmentStatus.PENDING, db_index=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("duty list adjustment")
        verbose_name_plural = _("duty list adjustments")
        ordering = ["-proposed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.unit} {self.effective_from}"


class DutyList(models.Model):
    """One version of a unit's duty list, valid from a day until the day before the next version."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="duty_lists", verbose_name=_("unit"))
    version = models.PositiveIntegerField(_("version"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    adjustment = models.OneToOneField(DutyAdjustment, on_delete=models.PROTECT, related_name="made", verbose_name=_("adjustment"))

    class Meta:
        verbose_name = _("duty list")
        verbose_name_plural = _("duty lists")
        ordering = ["unit", "-version"]
        constraints = [models.UniqueConstraint(fields=["unit", "version"], name="duty_list_version_once")]

    def __str__(self) -> str:
        return f"{self.unit} v{self.version}"


class DutyItem(models.Model):
    duty_list = models.ForeignKey(DutyList, on_delete=models.CASCADE, related_name="items", verbose_name=_("duty list"))
    section = models.CharField(_("section"), max_length=12, choices=Section.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("duty"), max_length=200)
    # Supporting duty: the department that leads it; taken-back item: the department that took it back.
    department = models.ForeignKey("org.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("department"))
    basis = models.CharField(_("basis"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("duty")
        verbose_name_plural = _("duties")
        ordering = ["duty_list", "section", "number"]

    def __str__(self) -> str:
        return self.title


class Basis(models.TextChoices):
    LISTED = "listed", _("Listed duty")
    ADMITTED = "admitted", _("Admitted (准入)")
    NONE = "none", _("Neither")


class TaskStatus(models.TextChoices):
    ACTIVE = "active", _("In force")
    UNADMITTED = "unadmitted", _("Not on the list, not admitted")
    APPLIED = "applied", _("Entry applied for, under review")
    ENTRY_REFUSED = "entry_refused", _("Entry refused by the county office")
    REFUSED = "refused", _("Refused by the receiving unit")
    REVOKED = "revoked", _("Entry revoked")


class Task(models.Model):
    """A task pushed down to a community, village or town (工作任务): a burden item that passes the gate."""

    issuer = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="tasks_issued", verbose_name=_("issuing unit"))
    recipient = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="tasks_received", verbose_name=_("receiving unit"))
    title = models.CharField(_("title"), max_length=200)
    content = models.TextField(_("content"), max_length=5000)
    due_on = models.DateField(_("due date"))
    effort_hours = models.PositiveIntegerField(_("expected effort (hours)"))
    needs_data = models.BooleanField(_("asks for data"), default=False)
    needs_traces = models.BooleanField(_("asks for traces (留痕)"), default=False)
    cited_item = models.ForeignKey(DutyItem, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks", verbose_name=_("listed duty cited"))
    basis = models.CharField(_("basis"), max_length=10, choices=Basis.choices, default=Basis.NONE)
    status = models.CharField(_("status"), max_length=15, choices=TaskStatus.choices, db_index=True)
    # The local day it was pushed down: the ledger counts it then.
    sent_on = models.DateField(_("sent on"), db_index=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Entry approval (准入): applied → decided (admit / refuse) → perhaps revoked.
    applied_on = models.DateField(_("entry applied on"), null=True, blank=True)
    application = models.TextField(_("why it needs the grassroots"), blank=True, max_length=2000)
    decision_due = models.DateField(_("decision due"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True, max_length=2000)
    refused_on = models.DateField(_("refused on"), null=True, blank=True, db_index=True)
    refusal_reason = models.TextField(_("reason for refusing"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["-sent_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Placement(models.TextChoices):
    OUTSIDE = "outside", _("Outside (on the building)")
    INSIDE = "inside", _("Inside")


class SignboardStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested, waiting for the county office")
    HUNG = "hung", _("Hung")
    REFUSED = "refused", pgettext_lazy("task", "Request refused")
    REMOVED = "removed", _("Removed")


class Signboard(models.Model):
    """A plaque (挂牌) at a village or community: hung since a day, perhaps removed later; or a department's request to hang one."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="signboards", verbose_name=_("village/community"))
    name = models.CharField(_("plaque"), max_length=100)
    issuer = models.ForeignKey("org.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="signboards_issued",
                               verbose_name=_("issuing department"))
    placement = models.CharField(_("placement"), max_length=10, choices=Placement.choices)
    status = models.CharField(_("status"), max_length=10, choices=SignboardStatus.choices, db_index=True)
    # On the county's allowed list when recorded (only plaques outside are limited).
    allowed = models.BooleanField(_("on the allowed list"), default=True)
    since = models.DateField(_("hung since"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    requested_on = models.DateField(_("requested on"), null=True, blank=True)
    reason = models.TextField(_("why it is needed"), blank=True, max_length=2000)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decision_note = models.TextField(_("decision note"), blank=True, max_length=2000)
    removed_on = models.DateField(_("removed on"), null=True, blank=True, db_index=True)
    removal_photo = models.CharField(_("photo reference"), max_length=300, blank=True)
    removal_note = models.TextField(_("removal note"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("signboard")
        verbose_name_plural = _("signboards")
        ordering = ["unit", "status", "name"]

    def __str__(self) -> str:
        return f"{self.unit} · {self.name}"

    @property
    def excess(self) -> bool:
        return not self.allowed and self.status == SignboardStatus.HUNG
