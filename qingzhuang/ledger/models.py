"""The burden ledger's rollups and its generated reports.

Three rollups are kept by the same ``ledger_add`` calls:

- ``LedgerMonth``: what a receiving (grassroots) unit got of one measure in one month — the boards,
  the index and the province summary read only this;
- ``LedgerFlow``: the same amounts split by issuing unit — "who pushed what to whom" for the issuer
  tables and the community page's by-issuer view. Rows whose issuer is unknown count in LedgerMonth only.

- ``LedgerIssuerMonth``: the flows summed per issuing unit — the issuer tables of the boards.

All are rebuilt from raw records by ``manage.py ledger_rebuild``. Quarters and years are sums of months.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The rollups' foreign keys have no database constraint: a rebuild writes millions of rows in one
# transaction, and PostgreSQL's deferred FK checks would queue one trigger event per row (measured: the
# province-scale rebuild did not finish in 10 minutes with them). Every row comes from units that exist,
# and deleting a unit still deletes its rows (on_delete=CASCADE is applied by Django).


class LedgerMonth(models.Model):
    """Rollup: the amount of one measure a grassroots unit received in one month.

    Kept incrementally by ledger_add as items change state; rebuilt from raw records by
    `manage.py ledger_rebuild`. Quarters and years are sums of months.
    """

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+", db_constraint=False)
    measure = models.CharField(max_length=60)
    month = models.DateField()  # the first day of the month
    value = models.FloatField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "measure", "month"], name="ledger_month_unique")]
        indexes = [models.Index(fields=["measure", "month"])]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.measure} {self.month:%Y-%m} {self.value}"


class LedgerFlow(models.Model):
    """Rollup: the amount of one measure an issuing unit pushed to one receiving unit in one month."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+", db_constraint=False)
    issuer = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+", db_constraint=False)
    measure = models.CharField(max_length=60)
    month = models.DateField()
    value = models.FloatField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "month", "measure", "issuer"], name="ledger_flow_unique"),
        ]
        indexes = [models.Index(fields=["issuer", "month"], name="ledger_flow_issuer_month")]

    def __str__(self) -> str:
        return f"{self.issuer_id}→{self.unit_id} {self.measure} {self.month:%Y-%m} {self.value}"


class LedgerIssuerMonth(models.Model):
    """Rollup: the amount of one measure an issuing unit pushed down (to all its receivers) in one month.

    What the boards' "per issuing unit" tables read: a county's issuers × 12 months, not their flows.
    """

    issuer = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+", db_constraint=False)
    measure = models.CharField(max_length=60)
    month = models.DateField()
    value = models.FloatField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "measure", "month"], name="ledger_issuer_month_unique")]

    def __str__(self) -> str:
        return f"{self.issuer_id} {self.measure} {self.month:%Y-%m} {self.value}"


class ReportKind(models.TextChoices):
    MONTHLY = "monthly", _("Monthly report")
    ANNUAL = "annual", _("Annual report")


class LedgerReport(models.Model):
    """A generated 基层减负 report (PDF and .xlsx) for a county office, on demand or on schedule."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit"))
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    period = models.CharField(_("period"), max_length=10)  # "2026-10" or "2026"
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pdf = models.FileField(upload_to="ledger/reports/", blank=True)
    xlsx = models.FileField(upload_to="ledger/reports/", blank=True)

    class Meta:
        verbose_name = _("burden report")
        verbose_name_plural = _("burden reports")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.unit} {self.get_kind_display()} {self.period}"
