"""Visits by upper-level teams to grassroots units: research visits (调研) and liaison visits (走访).

A research visit is a burden on the unit visited; a liaison visit (走访: a department's cadres at a community paired
with it) is help. Both share one model and one crowding rule (扎堆): several teams at one place within the same days
are flagged before they come. A liaison visit records its findings; one step turns a finding into a case.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingzhuang.cases.models import Category

if TYPE_CHECKING:
    from qingzhuang.org.models import Unit


class VisitKind(models.TextChoices):
    RESEARCH = "research", _("Research visit (调研)")
    LIAISON = "liaison", _("Liaison visit (走访)")


class VisitStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("visit status", "Planned")
    DONE = "done", pgettext_lazy("visit status", "Done")
    CANCELLED = "cancelled", pgettext_lazy("visit status", "Cancelled")


class Visit(models.Model):
    kind = models.CharField(_("kind of visit"), max_length=10, choices=VisitKind.choices, default=VisitKind.RESEARCH, db_index=True)
    # The upper-level unit that organises the visit and books it (a department, the county office, a town/street office).
    organiser = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="visits_organised", verbose_name=_("organising unit"))
    team_name = models.CharField(_("visiting team"), max_length=100)
    leader = models.CharField(_("team leader"), max_length=50)
    members = models.TextField(_("team members"), max_length=2000, blank=True)
    member_count = models.PositiveSmallIntegerField(_("number of people"))
    purpose = models.TextField(_("purpose of the visit"), max_length=2000)
    places: models.ManyToManyField[Unit, VisitPlace] = models.ManyToManyField("org.Unit", through="VisitPlace", related_name="visits_received", verbose_name=_("places visited"))
    start_on = models.DateField(_("first day"), db_index=True)
    end_on = models.DateField(_("last day"))
    status = models.CharField(_("status"), max_length=10, choices=VisitStatus.choices, default=VisitStatus.PLANNED, db_index=True)
    # Flagged at booking: other teams were already booked at one of its places within the county's window (扎堆).
    crowded = models.BooleanField(_("crowded (扎堆)"), default=False, db_index=True)
    crowd_reason = models.TextField(_("why it cannot be moved or joined"), max_length=2000, blank=True)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    booked_on = models.DateField(_("booked on"))
    done_on = models.DateField(_("recorded done on"), null=True, blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("research or liaison visit")
        verbose_name_plural = _("research and liaison visits")
        ordering = ["start_on", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(end_on__gte=models.F("start_on")), name="visit_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.team_name} {self.start_on}"

    @property
    def days(self) -> int:
        return (self.end_on - self.start_on).days + 1


class VisitPlace(models.Model):
    """One place a visit goes to: a town/street office, a community or a village."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="visit_places")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("place visited"))

    class Meta:
        verbose_name = _("place visited")
        verbose_name_plural = _("places visited")
        constraints = [models.UniqueConstraint(fields=["visit", "unit"], name="visit_place_once")]

    def __str__(self) -> str:
        return f"{self.visit_id} @ {self.unit_id}"


class Finding(models.Model):
    """What a liaison visit (走访) found at the community: a problem, in a few words, with its category.

    One step turns it into a case (``services.finding_raise``): the case's source is the visit, its reference this finding.
    """

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="findings", verbose_name=_("liaison visit"))
    text = models.TextField(_("problem found"), max_length=2000)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"))
    # The case it became (one finding, one case at most).
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="finding", verbose_name=_("case"))

    class Meta:
        verbose_name = _("finding of a liaison visit")
        verbose_name_plural = _("findings of liaison visits")
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return self.text[:40]
