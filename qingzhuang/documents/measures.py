"""What documents contribute to the burden ledger, computed from the raw records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingzhuang.documents.models import Document, Status
from qingzhuang.ledger.measures import Direction, Measure, Row
from qingzhuang.org.models import GRASSROOTS_KINDS

Through = Document.recipients.through


def _received_rows(start: dt.date, end: dt.date) -> Iterable[tuple[int, Any, int, int]]:
    return (
        Through.objects.filter(
            document__status=Status.ISSUED,
            document__issued_on__gte=start,
            document__issued_on__lt=end,
            unit__kind__in=GRASSROOTS_KINDS,
        )
        .values_list("unit_id", "document__issued_on", "document__issuer_id", "document__chars")
        .iterator(chunk_size=5000)
    )


def received(start: dt.date, end: dt.date) -> Iterable[Row]:
    for unit_id, day, issuer_id, _chars in _received_rows(start, end):
        yield (unit_id, day, 1.0, issuer_id)


def chars_received(start: dt.date, end: dt.date) -> Iterable[Row]:
    for unit_id, day, issuer_id, chars in _received_rows(start, end):
        yield (unit_id, day, float(chars), issuer_id)


def _items(unit: Any, start: dt.date, end: dt.date, *, chars: bool) -> Iterable[tuple[str, str, dt.date, float]]:
    documents = (
        Document.objects.filter(status=Status.ISSUED, recipients=unit, issued_on__gte=start, issued_on__lt=end)
        .order_by("issued_on", "id")
        .only("id", "title", "issued_on", "chars")
    )
    for doc in documents:
        assert doc.issued_on is not None
        yield (doc.title, reverse("documents:detail", args=[doc.pk]), doc.issued_on, float(doc.chars if chars else 1))


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
