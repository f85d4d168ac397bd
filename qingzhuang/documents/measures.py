"""What documents contribute to the burden ledger, computed from the raw records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import FloatField, QuerySet, Value
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingzhuang.documents.models import Document, Status
from qingzhuang.ledger.measures import Direction, Measure
from qingzhuang.org.models import GRASSROOTS_KINDS

Through = Document.recipients.through


def _received(amount: Any) -> Callable[[dt.date, dt.date], QuerySet[Any]]:
    """Rows (receiving unit, day issued, amount, issuer) of issued documents to grassroots units.

    A values_list QuerySet rather than Python rows: the ledger's rebuild then sums it in the database.
    """

    def compute(start: dt.date, end: dt.date) -> QuerySet[Any]:
        deliveries: QuerySet[Any] = Through.objects.filter(
            document__status=Status.ISSUED,
            document__issued_on__gte=start,
            document__issued_on__lt=end,
            unit__kind__in=GRASSROOTS_KINDS,
        ).annotate(amount=amount)
        return deliveries.values_list("unit_id", "document__issued_on", "amount", "document__issuer_id")

    return compute


received = _received(Value(1.0, output_field=FloatField()))
chars_received = _received(Cast("document__chars", FloatField()))


def _items(unit: Any, start: dt.date, end: dt.date, *, chars: bool) -> Iterable[tuple[str, str, dt.date, float]]:
    documents = (
        Document.objects.filter(status=Status.ISSUED, recipients=unit, issued_on__gte=start, issued_on__lt=end)
        .order_by("issued_on", "id")
        .only("id", "title", "issued_on", "chars")
    )
    for doc in documents:
        assert doc.issued_on is not None
        yield (doc.title, reverse("documents:detail", args=[doc.pk]), doc.issued_on, float(doc.chars if chars else 1))


def _issued_count(issuers: Any, start: dt.date, end: dt.date) -> int:
    from qingzhuang.documents.selectors import issued_count

    return issued_count(issuers=issuers, start=start, end=end)


MEASURES = (
    Measure(
        code="documents.received",
        label=_("Documents received"),
        unit_label=pgettext_lazy("ledger unit", "documents"),
        direction=Direction.BURDEN,
        weight=1.0,
        compute=received,
        items=lambda unit, start, end: _items(unit, start, end, chars=False),
        order=10,
        count_items=_issued_count,
        items_label=_("Documents issued"),
    ),
    Measure(
        code="documents.chars_received",
        label=_("Document text received (字)"),
        unit_label=_("字"),
        direction=Direction.BURDEN,
        weight=0.0,
        compute=chars_received,
        items=lambda unit, start, end: _items(unit, start, end, chars=True),
        order=11,
    ),
)
