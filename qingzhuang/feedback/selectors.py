"""Reads of the community's voice: what a grassroots unit received, its receipts and reports, the county's queue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import FloatField, Model, QuerySet, Value
from django.urls import reverse

from qingzhuang.documents.models import Document, Status
from qingzhuang.feedback.models import ItemType, Receipt, Report, ReportStatus
from qingzhuang.lib import clock
from qingzhuang.meetings.models import PUBLISHED, Meeting
from qingzhuang.org import access
from qingzhuang.org.models import GRASSROOTS_KINDS, Unit

VIEW = "feedback.view"
SIGN = "feedback.sign"
ANSWER = "feedback.answer"
INBOX_SIZE = 60


def received_item(*, unit: Unit, item_type: str, item_id: int) -> Model | None:
    """The document issued to the unit, or the published meeting it must attend; None otherwise."""
    if item_type == ItemType.DOCUMENT:
        return Document.objects.filter(pk=item_id, status=Status.ISSUED, recipients=unit).select_related("issuer").first()
    if item_type == ItemType.MEETING:
        return Meeting.objects.filter(pk=item_id, status__in=PUBLISHED, attendees=unit).select_related("organiser").first()
    return None


def item_issuer(item: Model) -> Unit | None:
    return getattr(item, "issuer", None) or getattr(item, "organiser", None)


def grassroots_units(user: Any, perm: str = SIGN) -> list[Unit]:
    """The communities and villages where the user signs for items (their own units)."""
    return list(access.scoped_queryset(user, perm, Unit.objects.filter(kind__in=GRASSROOTS_KINDS)).order_by("path")[:20])


@dataclass
class InboxRow:
    unit: Unit
    item_type: str
    item_id: int
    kind_label: str
    title: str
    issuer: str
    day: dt.date | None
    url: str
    receipt: Receipt | None = None
    reports: list[Report] = field(default_factory=list)


def inbox(*, user: Any, unit: Unit) -> list[InboxRow]:
    """What the unit received, newest first: documents issued to it and meetings it must attend, each with
    its receipt (签收) and the reports on it."""
    access.require(user, VIEW, unit)
    docs = Document.objects.filter(status=Status.ISSUED, recipients=unit).select_related("issuer").order_by("-issued_on", "-id")[:INBOX_SIZE]
    meetings = Meeting.objects.filter(status__in=PUBLISHED, attendees=unit).select_related("organiser").order_by("-starts_at", "-id")[:INBOX_SIZE]
    rows = [
        InboxRow(unit, ItemType.DOCUMENT, d.pk, str(ItemType.DOCUMENT.label), d.title, d.issuer.name, d.issued_on, reverse("documents:detail", args=[d.pk]))
        for d in docs
    ] + [
        InboxRow(unit, ItemType.MEETING, m.pk, str(ItemType.MEETING.label), m.topic, m.organiser.name, m.starts_at.date(), reverse("meetings:detail", args=[m.pk]))
        for m in meetings
    ]
    receipts = {(r.item_type, r.item_id): r for r in Receipt.objects.filter(unit=unit).select_related("signed_by__person")}
    reports: dict[tuple[str, int], list[Report]] = {}
    for report in Report.objects.filter(unit=unit).select_related("case").order_by("reported_at"):
        reports.setdefault((report.item_type, report.item_id), []).append(report)
    for row in rows:
        row.receipt = receipts.get((row.item_type, row.item_id))
        row.reports = reports.get((row.item_type, row.item_id), [])
    rows.sort(key=lambda r: (r.receipt is not None, -(r.day.toordinal() if r.day else 0)))
    return rows


def reports_visible(user: Any) -> QuerySet[Report]:
    return access.scoped_queryset(user, VIEW, Report.objects.select_related("unit", "issuer", "reported_by__person", "answered_by__person"))


def reports_to_answer(user: Any) -> QuerySet[Report]:
    return access.scoped_queryset(user, ANSWER, Report.objects.select_related("unit", "issuer")).filter(status=ReportStatus.OPEN)


def sign_window_start() -> dt.date:
    """The first day whose items a community is still asked to sign for (``QZ_SIGN_WINDOW_DAYS`` back)."""
    return clock.today() - dt.timedelta(days=settings.QZ_SIGN_WINDOW_DAYS)


def unsigned_count(*, user: Any, unit: Unit) -> int:
    """Items issued to the unit (documents) or it is summoned to (meetings) within the signing window, not signed for."""
    since = sign_window_start()
    docs = Document.objects.filter(status=Status.ISSUED, recipients=unit, issued_on__gte=since).exclude(
        pk__in=Receipt.objects.filter(unit=unit, item_type=ItemType.DOCUMENT).values("item_id")
    ).count()
    meetings = Meeting.objects.filter(status__in=PUBLISHED, attendees=unit, starts_at__date__gte=since).exclude(
        pk__in=Receipt.objects.filter(unit=unit, item_type=ItemType.MEETING).values("item_id")
    ).count()
    return docs + meetings


def reports_compute(start: dt.date, end: dt.date) -> QuerySet[Any]:
    """Ledger rows (reporting unit, day, 1, issuer) of the reports made in [start, end)."""
    return (
        Report.objects.filter(reported_on__gte=start, reported_on__lt=end)
        .annotate(amount=Value(1.0, output_field=FloatField()))
        .values_list("unit_id", "reported_on", "amount", "issuer_id")
    )


def report_items(unit: Any, start: dt.date, end: dt.date) -> list[tuple[str, str, dt.date, float]]:
    reports = Report.objects.filter(unit=unit, reported_on__gte=start, reported_on__lt=end).order_by("reported_on", "id")
    return [(f"{r.item_title}（{r.get_kind_display()}）", reverse("feedback:report", args=[r.pk]), r.reported_on, 1.0) for r in reports]
