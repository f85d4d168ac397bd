"""The community's voice: a grassroots unit signs for (签收) what it received and reports a burden problem on it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ItemType(models.TextChoices):
    DOCUMENT = "documents.document", _("Document")
    MEETING = "meetings.meeting", _("Meeting")


class Receipt(models.Model):
    """A grassroots unit signed for a document or a meeting notice it received (签收)."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="receipts", verbose_name=_("unit"))
    item_type = models.CharField(_("item type"), max_length=40, choices=ItemType.choices)
    item_id = models.BigIntegerField(_("item"))
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("signed by"))
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        constraints = [models.UniqueConstraint(fields=["unit", "item_type", "item_id"], name="receipt_once_per_unit_item")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_item_type_display()} {self.item_id}"


class ProblemKind(models.TextChoices):
    DUPLICATE = "duplicate", _("Duplicates something already received")
    SHORT_DEADLINE = "short_deadline", _("Deadline too short")
    TRACES = "traces", _("Demands traces (留痕: photos, sign-in sheets, notes)")
    OUTSIDE_DUTIES = "outside_duties", _("Outside the community's duties")
    OTHER = "other", _("Other")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Waiting for the county office")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Not accepted")


class Report(models.Model):
    """A burden problem a grassroots unit reports on an item it received, answered by the county office."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="burden_reports", verbose_name=_("reporting unit"))
    item_type = models.CharField(_("item type"), max_length=40, choices=ItemType.choices)
    item_id = models.BigIntegerField(_("item"))
    item_title = models.CharField(_("item title"), max_length=200)
    issuer = models.ForeignKey("org.Unit", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("issuing unit"))
    kind = models.CharField(_("problem"), max_length=30, choices=ProblemKind.choices)
    text = models.TextField(_("what is wrong"), max_length=2000)
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.OPEN, db_index=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("reported by"))
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    # The local day, for the ledger's rollups (measure feedback.reports).
    reported_on = models.DateField(_("reported on"), db_index=True)
    reply = models.TextField(_("reply"), blank=True, max_length=2000)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("answered by"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # When the problem needs a department to solve it (not only the gate), the community raises it as a case (吹哨).
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="burden_report", verbose_name=_("case"))

    class Meta:
        verbose_name = pgettext_lazy("feedback", "burden report")
        verbose_name_plural = pgettext_lazy("feedback", "burden reports")
        ordering = ["-reported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.unit} · {self.item_title}"
