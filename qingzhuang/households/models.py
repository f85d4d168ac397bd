"""Vulnerable households a community keeps (独居老人, 空巢, 残疾, 低保…), the riders and volunteers paired with them,
and the one-on-one help they give (上门探访, 代购代办), confirmed by the community's staff.

Personal information under PIPL (个人信息保护法): the consent that is the basis for keeping it is part of the record;
ID numbers and health details are for the community's staff only (sensitive information, art. 28), and every read of a
household's record is on the audit trail.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    ELDERLY_ALONE = "elderly_alone", _("Elderly living alone (独居老人)")
    EMPTY_NEST = "empty_nest", _("Empty-nest elderly (空巢老人)")
    DISABLED = "disabled", _("Disabled (残疾人)")
    HARDSHIP = "hardship", _("In difficulty, on subsistence allowance (低保/困难)")
    LEFT_BEHIND_CHILDREN = "left_behind_children", _("Left-behind children (留守儿童)")
    OTHER = "other", pgettext_lazy("household kind", "Other")


class Status(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("household", "Receiving help")
    NO_LONGER = "no_longer", _("No longer needs help")
    MOVED = "moved", _("Moved away")
    DECEASED = "deceased", _("Deceased")


class ConsentHow(models.TextChoices):
    WRITTEN = "written", _("Signed in writing (书面签字)")
    ORAL = "oral", _("Agreed orally, noted by staff (口头同意)")
    GUARDIAN = "guardian", _("By a guardian or relative (监护人代为同意)")


class Household(models.Model):
    """A vulnerable household on a community's list, with the consent that lets the community keep and share it."""

    community = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="vulnerable_households", verbose_name=_("community"))
    head_name = models.CharField(_("head of household"), max_length=50)
    address = models.CharField(_("address"), max_length=200)
    phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    id_number = models.CharField(_("ID number"), max_length=18, blank=True)
    kinds = models.JSONField(_("kinds of need"), default=list)
    needs = models.TextField(_("help needed"), max_length=1000)
    health = models.TextField(_("health details"), max_length=2000, blank=True)
    consent_by = models.CharField(_("consent given by"), max_length=50)
    consent_on = models.DateField(_("consent given on"))
    consent_how = models.CharField(_("consent given how"), max_length=10, choices=ConsentHow.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    status_since = models.DateField(_("status since"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("vulnerable household")
        verbose_name_plural = _("vulnerable households")
        ordering = ["community", "head_name", "id"]

    def __str__(self) -> str:
        # The audit trail's object column: a masked name, never the whole one.
        return f"{self.head_name[:1]}某（#{self.pk}）"

    @property
    def masked_name(self) -> str:
        return f"{self.head_name[:1]}某"


class Pairing(models.Model):
    """A rider or volunteer paired with a household (一对一结对帮扶) from a day, until a day or for now."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="pairings", verbose_name=_("household"))
    rider = models.ForeignKey("riders.Rider", on_delete=models.PROTECT, related_name="household_pairings", verbose_name=_("rider"))
    since = models.DateField(_("paired since"))
    until = models.DateField(_("paired until"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("pairing with a household")
        verbose_name_plural = _("pairings with households")
        ordering = ["household", "since", "id"]
        constraints = [models.CheckConstraint(condition=Q(until__isnull=True) | Q(until__gte=F("since")), name="household_pairing_ordered")]

    def __str__(self) -> str:
        return f"{self.rider} → {self.household}"


class HelpKind(models.TextChoices):
    VISIT = "visit", _("Home visit (上门探访)")
    ERRAND = "errand", _("Errand (代购代办)")


class HelpStatus(models.TextChoices):
    RECORDED = "recorded", _("Waiting for the community to confirm")
    CONFIRMED = "confirmed", pgettext_lazy("help", "Confirmed")
    REJECTED = "rejected", pgettext_lazy("help", "Not confirmed")


class Help(models.Model):
    """One visit or errand a paired rider did for a household: what, when, how long; counted once the staff confirm it."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="helps", verbose_name=_("household"))
    rider = models.ForeignKey("riders.Rider", on_delete=models.PROTECT, related_name="household_helps", verbose_name=_("rider"))
    kind = models.CharField(_("kind of help"), max_length=10, choices=HelpKind.choices)
    what = models.CharField(_("what was done"), max_length=300)
    done_on = models.DateField(_("done on"), db_index=True)
    minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    status = models.CharField(_("status"), max_length=10, choices=HelpStatus.choices, default=HelpStatus.RECORDED, db_index=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_on = models.DateField(pgettext_lazy("help", "decided on"), null=True, blank=True)
    note = models.CharField(pgettext_lazy("help", "staff note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("one-on-one help")
        verbose_name_plural = _("one-on-one help")
        ordering = ["-done_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(minutes__gte=1) & Q(minutes__lte=1440), name="household_help_minutes_in_a_day")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.done_on} #{self.pk}"
