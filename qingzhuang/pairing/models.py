"""Departments paired with communities (区级部门联系社区, 一对一包抓): who answers a community's whistle."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Pairing(models.Model):
    """A county department linked to one community for a period, with its responsible leader and liaison cadres."""

    county = models.ForeignKey("org.Region", on_delete=models.PROTECT, related_name="+", editable=False)
    department = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="pairings_as_department", verbose_name=_("department"))
    community = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="pairings_as_community", verbose_name=_("community"))
    leader = models.CharField(_("responsible leader"), max_length=50)
    # The liaison cadres' names, separated by 、 (people outside the system are named; users are linked below).
    cadres = models.CharField(_("liaison cadres"), max_length=500, blank=True)
    cadre_users = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="liaison_pairings", verbose_name=_("liaison cadres' accounts"))
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        ordering = ["community__path", "valid_from", "id"]
        constraints = [
            models.UniqueConstraint(fields=["department", "community", "valid_from"], name="pairing_once_per_start"),
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")), name="pairing_period_ordered"),
        ]
        indexes = [models.Index(fields=["county", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.department} ↔ {self.community}"

    def cadre_names(self) -> list[str]:
        return [n for n in self.cadres.split("、") if n]
