"""The gate: rule settings per county, the stored result of each check, quotas and their uses."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleSetting(models.Model):
    """A county's settings for one rule (county null: the national default for every county)."""

    county = models.ForeignKey("org.Region", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    rule = models.CharField(_("rule"), max_length=60)
    enabled = models.BooleanField(_("enabled"), default=True)
    params = models.JSONField(_("settings"), default=dict, blank=True)

    class Meta:
        verbose_name = _("rule setting")
        verbose_name_plural = _("rule settings")
        constraints = [models.UniqueConstraint(fields=["county", "rule"], name="rule_setting_once_per_county")]

    def __str__(self) -> str:
        from qingzhuang.gate.rules import rule_by_code

        try:
            title = str(rule_by_code(self.rule).title)
        except KeyError:
            title = self.rule
        return f"{title} · {self.county or '-'}"

    @classmethod
    def audit_describe(cls, name: str, value: Any, object_id: str) -> str | None:
        """The audit trail shows a setting's values in words (警告阈值 50%), not as JSON."""
        from qingzhuang.gate.fields import param_for, shown
        from qingzhuang.gate.rules import rule_by_code

        code = cls.objects.filter(pk=object_id).values_list("rule", flat=True).first() if str(object_id).isdigit() else None
        if name != "params" or code is None or not isinstance(value, dict):
            return None
        try:
            rule = rule_by_code(code)
        except KeyError:
            return None
        # In the rule's declared order, as the rules page lists them (PostgreSQL's jsonb keeps its own key order).
        declared = list(rule.defaults)
        keys = sorted(value, key=lambda k: (declared.index(k) if k in declared else len(declared), k))
        parts = [f"{param_for(rule, k).label} {shown(param_for(rule, k), rule.defaults.get(k, value[k]), value[k])}" for k in keys]
        return "；".join(parts) or "—"


class Outcome(models.TextChoices):
    PASS = "pass", _("Pass")
    WARN = "warn", _("Warning")
    BLOCK = "block", _("Blocked")


class GateCheck(models.Model):
    """What the rules said about one burden item, when it was checked. The latest one is shown to the reviewer."""

    item_type = models.CharField(max_length=60, db_index=True)  # e.g. "documents.document"
    item_id = models.BigIntegerField(db_index=True)
    ran_at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    # [{"rule", "outcome", "message" (msgid), "params", "evidence"}]; messages translate when shown.
    verdicts = models.JSONField(default=list)

    class Meta:
        ordering = ["-ran_at", "-id"]
        indexes = [models.Index(fields=["item_type", "item_id", "-ran_at"])]

    def __str__(self) -> str:
        return f"{self.item_type}:{self.item_id} {self.outcome}"


class Colour(models.TextChoices):
    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")


class Quota(models.Model):
    """How many items of a kind (documents, meetings…) a unit may push down in a year (总量控制)."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="quotas", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=30)
    limit = models.PositiveIntegerField(_("limit"))
    # Kept equal to the number of QuotaUse rows, under the row lock of quota_take.
    used = models.PositiveIntegerField(_("used"), default=0)
    colour = models.CharField(_("warning"), max_length=10, choices=Colour.choices, default=Colour.GREEN)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [models.UniqueConstraint(fields=["unit", "year", "kind"], name="quota_once_per_unit_year_kind")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} {self.kind_label} {self.used}/{self.limit}"

    @property
    def kind_label(self) -> str:
        """The kind in the reader's language ("发文", "会议"), never its code."""
        from qingzhuang.gate.kinds import kind_label

        return kind_label(self.kind)

    @classmethod
    def audit_describe(cls, name: str, value: Any, object_id: str) -> str | None:
        from qingzhuang.gate.kinds import kind_label

        return kind_label(str(value)) if name == "kind" else None


class QuotaUse(models.Model):
    """One item counted against a quota; an override over the limit records who and why."""

    quota = models.ForeignKey(Quota, on_delete=models.CASCADE, related_name="uses")
    item_type = models.CharField(max_length=60)
    item_id = models.BigIntegerField()
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    override_reason = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["quota", "item_type", "item_id"], name="quota_use_once_per_item")]

    def __str__(self) -> str:
        return f"{self.quota_id} ← {self.item_type}:{self.item_id}"


class Notice(models.Model):
    """An in-app notice to a unit (and the county office): e.g. a quota turned yellow or red."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="notices")
    level = models.CharField(max_length=10, default="warning")
    message = models.CharField(max_length=200)  # msgid, translated when shown
    params = models.JSONField(default=dict)
    url = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    read = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.message}"
