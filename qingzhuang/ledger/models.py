from django.db import models


class LedgerMonth(models.Model):
    """Rollup: the amount of one measure a grassroots unit received in one month.

    Kept incrementally by ledger_add as items change state; rebuilt from raw records by
    `manage.py ledger_rebuild`. Quarters and years are sums of months.
    """

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    measure = models.CharField(max_length=60)
    month = models.DateField()  # the first day of the month
    value = models.FloatField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "measure", "month"], name="ledger_month_unique")]
        indexes = [models.Index(fields=["measure", "month"])]
