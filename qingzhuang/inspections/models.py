"""Supervision, inspection and assessment (督查检查考核, 督检考): the county's annual plan, its items,
the visits that carry them out, what was found, and the inspected units' feedback.

An item is proposed by a department (or the county office's own supervision office) into its county's
plan for a year; the county office accepts, refuses or merges proposals and files the plan. An item
proposed once the plan is filed is outside it and needs the monthly review (月控). Only a filed item
(in the filed plan, or passed by the monthly review) may be carried out.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class InspectionKind(models.TextChoices):
    SUPERVISION = "supervision", _("Supervision (督查)")
    INSPECTION = "inspection", _("Inspection (检查)")
    ASSESSMENT = "assessment", _("Assessment (考核)")


# Kinds that may be merged into one joint visit: 督查 and 检查 go together; 考核 only with 考核.
RELATED_KINDS = {
    InspectionKind.SUPERVISION: (InspectionKind.SUPERVISION, InspectionKind.INSPECTION),
    InspectionKind.INSPECTION: (InspectionKind.SUPERVISION, InspectionKind.INSPECTION),
    InspectionKind.ASSESSMENT: (InspectionKind.ASSESSMENT,),
}


class TargetScope(models.TextChoices):
    NAMED = "named", _("Named units")
    ALL_TOWNS = "all_towns", _("All towns and streets")
    ALL_COMMUNITIES = "all_communities", _("All communities and villages")


class PlanStatus(models.TextChoices):
    DRAFTING = "drafting", _("Taking proposals")
    FILED = "filed", pgettext_lazy("inspection plan", "Filed")


class ItemStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, awaiting the county office")
    ACCEPTED = "accepted", _("Accepted into the plan")
    MONTHLY_REVIEW = "monthly_review", _("Outside the plan, awaiting the monthly review")
    FILED = "filed", pgettext_lazy("inspection item", "Filed")
    CARRIED_OUT = "carried_out", _("Carried out")
    MERGED = "merged", _("Merged into a joint inspection")
    REFUSED = "refused", pgettext_lazy("inspection item", "Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Items still going ahead: they can overlap with a new one and be merged.
LIVE = (ItemStatus.PROPOSED, ItemStatus.ACCEPTED, ItemStatus.MONTHLY_REVIEW, ItemStatus.FILED)
DECIDABLE = (ItemStatus.PROPOSED, ItemStatus.MONTHLY_REVIEW)


class FindingKind(models.TextChoices):
    ADVICE = "advice", _("Advice (出主意)")
    PROBLEM = "problem", _("Problem to fix")


class InspectionPlan(models.Model):
    """A county's annual plan (年度督检考计划), kept by its county office."""

    office = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="inspection_plans", verbose_name=_("county office"))
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFTING)
    filed_at = models.DateTimeField(_("filed at"), null=True, blank=True)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        ordering = ["-year", "office__path"]
        constraints = [models.UniqueConstraint(fields=["office", "year"], name="inspection_plan_once_per_office_year")]

    def __str__(self) -> str:
        return f"{self.office} {self.year}"

    @property
    def is_filed(self) -> bool:
        return self.status == PlanStatus.FILED


class Item(models.Model):
    """One supervision, inspection or assessment: who leads it, what it checks, whom, when."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.PROTECT, related_name="items", verbose_name=_("plan"))
    # False: proposed after the plan was filed (outside the plan, 月控).
    in_plan = models.BooleanField(_("in the annual plan"), default=True)
    lead = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="inspections_led", verbose_name=_("lead department"))
    # The departments of the items a joint inspection replaced, besides its lead.
    partners = models.ManyToManyField("org.Unit", related_name="inspections_joined", blank=True, verbose_name=_("joining departments"))
    kind = models.CharField(pgettext_lazy("inspection", "kind"), max_length=20, choices=InspectionKind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    criteria = models.TextField(_("criteria"))
    target_scope = models.CharField(_("inspected units"), max_length=20, choices=TargetScope.choices, default=TargetScope.NAMED)
    # The units inspected, resolved when proposed ("all towns" → every town office of the county then).
    targets = models.ManyToManyField("org.Unit", related_name="inspections_received", verbose_name=_("inspected units"))
    window_start = models.DateField(_("window from"))
    window_end = models.DateField(_("window to"))
    on_site = models.BooleanField(_("on site"), default=True)
    one_vote_veto = models.BooleanField(_("one-vote veto (一票否决)"), default=False)
    responsibility_contract = models.BooleanField(_("responsibility contract signed (责任状)"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.PROPOSED, db_index=True)
    # The month the monthly review (月控) decided it in (first day), for items outside the plan.
    review_month = models.DateField(_("monthly review"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    # The gate rule that refused it on proposal ("inspection.traces"), or "" (refused by the county office, or not refused).
    refused_by_rule = models.CharField(max_length=60, blank=True)
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_from", verbose_name=_("merged into"))
    carried_out_on = models.DateField(_("carried out on"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("inspection item")
        verbose_name_plural = _("inspection items")
        ordering = ["window_start", "id"]
        indexes = [models.Index(fields=["plan", "status"])]
        constraints = [models.CheckConstraint(condition=Q(window_end__gte=models.F("window_start")), name="inspection_window_ordered")]

    def __str__(self) -> str:
        return self.subject

    @property
    def quota_year(self) -> int:
        return self.plan.year

    @property
    def is_joint(self) -> bool:
        return self.merged_from.exists()


class Visit(models.Model):
    """A visit to one inspected unit: who went, when, how many days on site."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="visits")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit visited"))
    day = models.DateField(_("day"))
    inspectors = models.CharField(_("inspectors"), max_length=200)
    on_site_days = models.PositiveSmallIntegerField(_("days on site"), default=1)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["item", "day", "id"]

    def __str__(self) -> str:
        return f"{self.item_id} {self.unit_id} {self.day}"


class Finding(models.Model):
    """What an inspection found at a unit: advice (出主意) rather than faults, or a problem, with the unit's response."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="findings")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    kind = models.CharField(pgettext_lazy("finding", "kind"), max_length=20, choices=FindingKind.choices, default=FindingKind.ADVICE)
    text = models.TextField(_("finding"))
    response = models.TextField(_("the unit's response"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["item", "id"]

    def __str__(self) -> str:
        return self.text[:50]


class Feedback(models.Model):
    """How heavy an inspection was for the unit that received it (1 light … 5 very heavy)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="feedback")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    heaviness = models.PositiveSmallIntegerField(_("how heavy (1–5)"))
    comment = models.TextField(_("comment"), blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("inspection feedback")
        verbose_name_plural = _("inspection feedback")
        constraints = [models.UniqueConstraint(fields=["item", "unit"], name="inspection_feedback_once_per_unit")]

    def __str__(self) -> str:
        return f"{self.item_id} {self.unit_id}: {self.heaviness}"
