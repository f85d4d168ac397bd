from django.db import models


class BenchDelivery(models.Model):
    """One item delivered to one grassroots unit (kind 0: document, 1: meeting). Created by the bench in SQL."""

    unit_id = models.IntegerField()
    issuer_id = models.IntegerField()
    kind = models.SmallIntegerField()
    day = models.DateField()
    chars = models.IntegerField()
    hours = models.FloatField()

    class Meta:
        managed = False
        db_table = "bench_delivery"

    def __str__(self) -> str:
        return f"{self.kind}:{self.issuer_id}→{self.unit_id} {self.day}"
