"""Secondments (借调): grassroots staff borrowed by an upper-level unit, with the county's approval, a term, at most one
extension, and the day they came back."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class SecondmentStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested, waiting for the county")
    APPROVED = "approved", _("Approved, seconded away")
    REFUSED = "refused", _("Refused by the county")
    RETURNED = "returned", _("Returned to the post")


class Secondment(models.Model):
    """A request by an upper-level unit (borrower) to borrow a member of staff of a community, village or town (lender).

    Only what the secondment needs about the person is kept: the name and, when the person is on the unit's roll, a
    link to it (phone and ID number stay in the roll, shown there by role). ``ends_on`` is the planned end in force:
    the first term's end, or the approved extension's.
    """

    borrower = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="secondments_borrowed", verbose_name=_("borrowing unit"))
    lender = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="secondments_lent", verbose_name=_("lending unit"))
    person = models.ForeignKey("org.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="secondments",
                               verbose_name=_("person on the roll"))
    person_name = models.CharField(_("name of the person"), max_length=50)
    post = models.CharField(_("post at the borrowing unit"), max_length=100)
    purpose = models.TextField(_("purpose of the secondment"), max_length=2000)
    basis = models.CharField(_("basis (document or task)"), max_length=200)
    start_on = models.DateField(_("start"))
    planned_end = models.DateField(_("planned end (first term)"))
    ends_on = models.DateField(_("planned end in force"), db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=SecondmentStatus.choices, default=SecondmentStatus.REQUESTED, db_index=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    requested_on = models.DateField(_("requested on"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True, max_length=2000)
    returned_on = models.DateField(_("returned on"), null=True, blank=True, db_index=True)
    return_note = models.TextField(_("return note"), blank=True, max_length=2000)
    return_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("secondment")
        verbose_name_plural = _("secondments")
        ordering = ["-start_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(planned_end__gte=F("start_on")), name="secondment_end_after_start"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("planned_end")), name="secondment_extension_later"),
        ]

    def __str__(self) -> str:
        return f"{self.person_name} · {self.lender} → {self.borrower}"


class ExtensionStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested, waiting for the county")
    APPROVED = "approved", _("Approved by the county")
    REFUSED = "refused", _("Refused by the county")


class SecondmentExtension(models.Model):
    """A request to extend a secondment to a later end (2024 rules: once at most); the county decides."""

    secondment = models.ForeignKey(Secondment, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("secondment"))
    new_end = models.DateField(_("new planned end"))
    reason = models.TextField(_("why it must be extended"), max_length=2000)
    status = models.CharField(_("status"), max_length=10, choices=ExtensionStatus.choices, default=ExtensionStatus.REQUESTED, db_index=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    requested_on = models.DateField(_("requested on"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("secondment extension")
        verbose_name_plural = _("secondment extensions")
        ordering = ["secondment", "requested_on", "id"]

    def __str__(self) -> str:
        return f"{self.secondment} → {self.new_end}"
