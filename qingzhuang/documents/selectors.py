"""Reads of the documents domain: lists per role, the reviewer's view, plans."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from qingzhuang.components import AttentionItem
from qingzhuang.documents.duplicates import highlighted
from qingzhuang.documents.models import UNDER_REVIEW, Document, DocumentPlan, Status
from qingzhuang.documents.rules import QUOTA_KIND
from qingzhuang.gate.models import GateCheck, Quota
from qingzhuang.gate.rules import latest_check, render_message
from qingzhuang.gate.selectors import verdict_rows
from qingzhuang.gate.warnings import quota_warning
from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import GRASSROOTS_KINDS, Unit


def documents_visible(user: Any) -> QuerySet[Document]:
    return access.scoped_queryset(user, "documents.view", Document.objects.select_related("issuer"))


def document_for(user: Any, pk: int, perm: str = "documents.view") -> Document:
    return access.get_for_user(user, perm, Document.objects.select_related("issuer", "merged_into", "plan_line"), pk=pk)


def document_list(*, user: Any, status: str = "", q: str = "", mine: bool = False) -> QuerySet[Document]:
    docs = documents_visible(user)
    if status:
        docs = docs.filter(status=status)
    if q:
        docs = docs.filter(Q(title__icontains=q) | Q(number__icontains=q))
    if mine:
        issuers = access.unit_ids_for(user, "documents.draft")
        if issuers is not None:
            docs = docs.filter(issuer_id__in=issuers)
    return docs.order_by("-created", "-id")


def issued_count(*, issuers: QuerySet[Unit], start: dt.date, end: dt.date) -> int:
    """Documents ``issuers`` issued on days in [start, end) (merged and withdrawn ones no longer count)."""
    return Document.objects.filter(issuer_id__in=issuers.values("id"), status=Status.ISSUED, issued_on__gte=start, issued_on__lt=end).count()


def review_queue(user: Any) -> QuerySet[Document]:
    docs = access.scoped_queryset(user, "documents.review", Document.objects.select_related("issuer"))
    return docs.filter(status__in=UNDER_REVIEW).order_by("created", "id")


def draftable_units(user: Any) -> list[Unit]:
    ids = access.unit_ids_for(user, "documents.draft")
    units = Unit.objects.filter(is_active=True).exclude(kind__in=GRASSROOTS_KINDS)
    if ids is not None:
        units = units.filter(id__in=ids)
    return list(units.order_by("path")[:200])


def recipient_choices(issuer: Unit) -> QuerySet[Unit]:
    units = Unit.objects.filter(kind__in=GRASSROOTS_KINDS, is_active=True)
    if issuer.county_id:
        units = units.filter(county_id=issuer.county_id)
    return units.order_by("path")


@dataclass
class QuotaState:
    quota: Quota | None
    colour: str
    used: int
    limit: int
    left: int
    text: str


def quota_state(unit: Unit, year: int) -> QuotaState:
    quota = Quota.objects.filter(unit=unit, year=year, kind=QUOTA_KIND).first()
    if quota is None:
        return QuotaState(None, "", 0, 0, 0, _("No quota set for this year."))
    from qingzhuang.gate.services import warning_params

    warning = quota_warning(limit=quota.limit, used=quota.used, year=year, today=clock.today(), params=warning_params(unit.county))
    return QuotaState(quota, str(warning.colour), quota.used, quota.limit, max(0, quota.limit - quota.used), render_message(warning.message, warning.params))


def review_context(document: Document, *, compare_with: int | None = None) -> dict[str, Any]:
    """What the reviewer sees: the latest gate check, the quota, the nearest documents side by side."""
    check = latest_check(document)
    rows = verdict_rows(check)
    by_rule = {r.rule: r for r in rows}
    dup = by_rule.get("document.duplicates")
    matches = list(dup.evidence.get("matches", [])) if dup else []
    comparison = None
    if matches:
        chosen = next((m for m in matches if m["id"] == compare_with), matches[0])
        other = Document.objects.select_related("issuer").filter(pk=chosen["id"]).first()
        if other is not None:
            mine, theirs = highlighted(document.text, other.text)
            comparison = {"match": chosen, "other": other, "mine": mine, "theirs": theirs}
    for m in matches:
        m["percent"] = round(100 * m["score"])
    length = by_rule.get("document.length")
    return {
        "check": check,
        "verdicts": rows,
        "quota": quota_state(document.issuer, document.quota_year),
        "length": length.evidence if length else {"chars": document.chars, "limit": None},
        "matches": matches,
        "comparison": comparison,
        "history": GateCheck.objects.filter(item_type=document._meta.label_lower, item_id=document.pk)[:20],
    }


def events_of(document: Document) -> QuerySet[Any]:
    return document.events.select_related("by").order_by("at", "id")


MERGE_TARGETS_SHOWN = 30


@dataclass
class MergeTarget:
    document: Document
    percent: int | None  # exact similarity with the document under review; None when not measured

    @property
    def pending(self) -> bool:
        return self.document.status != Status.ISSUED


def merge_targets(user: Any, document: Document, *, q: str = "") -> list[MergeTarget]:
    """Documents the one under review may be merged into: the most similar first (issued ones and the
    county's drafts under review alike), then the others of the county, newest first; ``q`` searches titles."""
    from qingzhuang.documents.duplicates import nearest

    allowed = (
        access.scoped_queryset(user, "documents.view", Document.objects.select_related("issuer"))
        .filter(issuer__county_id=document.issuer.county_id)
        .exclude(pk=document.pk)
        .exclude(status__in=[Status.MERGED, Status.REJECTED, Status.WITHDRAWN, Status.DRAFT, Status.RETURNED])
    )
    if q:
        allowed = allowed.filter(Q(title__icontains=q) | Q(number__icontains=q))
    scored = nearest(document.text, county_id=document.issuer.county_id, threshold=0.05, exclude=document.pk, limit=20)
    by_id = allowed.in_bulk([n.document_id for n in scored])
    targets = [MergeTarget(by_id[n.document_id], round(100 * n.score)) for n in scored if n.document_id in by_id]
    seen = {t.document.pk for t in targets}
    rest = allowed.exclude(pk__in=seen).order_by("-issued_on", "-id")[: max(0, MERGE_TARGETS_SHOWN - len(targets))]
    return targets + [MergeTarget(d, None) for d in rest]


def plans_for(user: Any, year: int) -> QuerySet[DocumentPlan]:
    plans = access.scoped_queryset(user, "documents.plan", DocumentPlan.objects.select_related("unit"))
    return plans.filter(year=year).annotate(planned=Count("lines")).order_by("unit__path")


def attention_for(user: Any) -> list[AttentionItem]:
    items = []
    if access.can(user, "documents.review"):
        waiting = review_queue(user).count()
        if waiting:
            items.append(AttentionItem(title=_("Documents waiting for the necessity review"), url=reverse("documents:review_list"), count=waiting, level="warning"))
    if access.can(user, "documents.draft"):
        returned = document_list(user=user, status=Status.RETURNED, mine=True).count()
        if returned:
            items.append(AttentionItem(title=_("Documents returned to you for changes"), url=reverse("documents:list") + "?status=returned", count=returned, level="warning"))
    return items


def check_history(document: Document) -> QuerySet[GateCheck]:
    return GateCheck.objects.filter(item_type=document._meta.label_lower, item_id=document.pk).select_related("by")[:20]

