import datetime as dt

from django.db.models import F, FloatField, Value

from qingzhuang.components import Component
from qingzhuang.ledger.measures import Direction, Measure

from .models import BenchDelivery

DOCUMENT, MEETING = 0, 1


def _rows(kind: int, amount):  # type: ignore[no-untyped-def]
    def compute(start: dt.date, end: dt.date):  # type: ignore[no-untyped-def]
        return (
            BenchDelivery.objects.filter(kind=kind, day__gte=start, day__lt=end)
            .annotate(amount=amount)
            .values_list("unit_id", "day", "amount", "issuer_id")
        )

    return compute


def _items(kind: int):  # type: ignore[no-untyped-def]
    def items(unit, start: dt.date, end: dt.date):  # type: ignore[no-untyped-def]
        for pk, day in BenchDelivery.objects.filter(unit_id=unit.pk, kind=kind, day__gte=start, day__lt=end).values_list("pk", "day")[:200]:
            yield f"#{pk}", "", day, 1.0

    return items


ONE = Value(1.0, output_field=FloatField())
COMPONENT = Component(
    name="ledger_bench",
    measures=(
        Measure("bench.documents", "Documents (bench)", "documents", Direction.BURDEN, 1.0, _rows(DOCUMENT, ONE), _items(DOCUMENT), order=1),
        Measure("bench.chars", "Characters (bench)", "字", Direction.BURDEN, 0.0, _rows(DOCUMENT, F("chars")), order=2),
        Measure("bench.meetings", "Meetings (bench)", "meetings", Direction.BURDEN, 1.0, _rows(MEETING, ONE), _items(MEETING), order=3),
        Measure("bench.hours", "Meeting hours (bench)", "hours", Direction.BURDEN, 0.5, _rows(MEETING, F("hours")), order=4, decimals=1),
    ),
)
