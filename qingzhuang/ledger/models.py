"""The burden ledger's rollups and its generated reports.

Five rollups are kept by the same ``ledger_add`` calls, each at the grain one kind of page reads:

- ``LedgerMonth``: what a receiving (grassroots) unit got of one measure in one month — the boards,
  the index and the community page read this;
- ``LedgerYear``: the same per year — what the boards read for a whole year (the default view), a
  twelfth of the rows of LedgerMonth;
- ``LedgerFlow``: the same amounts split by issuing unit — "who pushed what to whom", the community
  page's by-issuer table. Rows whose issuer is unknown count in the other rollups only;
- ``LedgerIssuerMonth``: the flows summed per issuing unit — the boards' per-issuer tables;
- ``LedgerCountyMonth``: the receivers' amounts summed per county — the province summary, which would
  otherwise sum every grassroots unit of the province on each view.

All are rebuilt from raw records by ``manage.py ledger_rebuild``. Quarters and years are sums of months.

The rollups are keyed by their natural key (a composite primary key, no surrogate id): one index per
table, in the order the pages read it (unit first, then month). At province scale LedgerFlow holds tens
of millions of rows, and each extra index roughly doubled the cost of writing them (measured: 9.1 million
flow rows took 90 s with an id, the unique key and an issuer index, 20 s with the key alone).

The foreign keys have no database constraint: a rebuild writes millions of rows in one transaction, and
PostgreSQL's deferred FK checks would queue one trigger event per row. Every row comes from units that
exist, and deleting a unit still deletes its rows (on_delete=CASCADE is applied by Django).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Rollup(models.Model):
    """What every rollup row holds besides its key: the measure and the summed amount."""

    measure = models.CharField(max_length=60)
    value = models.FloatField(default=0)

    objects = models.Manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.measure} {self.pk}: {self.value}"


class LedgerMonth(Rollup):
    """Rollup: the amount of one measure a grassroots unit received in one month."""

    pk = models.CompositePrimaryKey("unit_id", "month", "measure")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+", db_constraint=False)
    month = models.DateField()  # the first day of the month


class LedgerYear(Rollup):
    """Rollup: the amount of one measure a grassroots unit received in one calendar year."""

    pk = models.CompositePrimaryKey("unit_id", "year", "measure")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+", db_constraint=False)
    year = models.PositiveSmallIntegerField()


class LedgerFlow(Rollup):
    """Rollup: the amount of one measure an issuing unit pushed to one receiving unit in one month."""

    pk = models.CompositePrimaryKey("unit_id", "month", "measure", "issuer_id")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+", db_constraint=False)
    month = models.DateField()
    issuer = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+", db_constraint=False)


class LedgerIssuerMonth(Rollup):
    """Rollup: the amount of one measure an issuing unit pushed down (to all its receivers) in one month."""

    pk = models.CompositePrimaryKey("issuer_id", "month", "measure")
    issuer = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+", db_constraint=False)
    month = models.DateField()


class LedgerCountyMonth(Rollup):
    """Rollup: the amount of one measure the grassroots units of one county received in one month."""

    pk = models.CompositePrimaryKey("county_id", "month", "measure")
    county = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+", db_constraint=False)
    month = models.DateField()


# Each rollup and its key besides the measure, in the order every writer writes them (the same
# order everywhere, so concurrent writers take row locks in the same order).
ROLLUP_KEYS: dict[type[Rollup], tuple[str, ...]] = {
    LedgerFlow: ("unit_id", "month", "issuer_id"),
    LedgerMonth: ("unit_id", "month"),
    LedgerYear: ("unit_id", "year"),
    LedgerIssuerMonth: ("issuer_id", "month"),
    LedgerCountyMonth: ("county_id", "month"),
}


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


# The scope of the version that every change anywhere bumps (the rebuild); counties use their region id.
EVERYWHERE = 0


class LedgerVersion(models.Model):
    """How many times the rollups of a county (``scope``: its region id) or of everything (0) changed.

    ``ledger_add_many`` bumps the counties it writes to, the rebuild bumps 0, both in the transaction
    that changes the rollups. Computed boards are cached under these numbers, so a change shows at once
    and nothing has to be deleted from the cache. One row per county keeps writers of different counties
    off each other's row lock.
    """

    scope = models.BigIntegerField(primary_key=True)
    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.scope}: {self.version}"
