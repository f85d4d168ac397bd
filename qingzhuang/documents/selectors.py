"""Reads of the documents domain: lists per role, the reviewer's view, plans."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qingzhuang.components import AttentionItem
from qingzhuang.documents.duplicates import highlighted
from qingzhuang.documents.models import EDITABLE, UNDER_REVIEW, Document, DocumentPlan, Status
from qingzhuang.documents.rules import DRAFTER_FIXABLE, QUOTA_KIND
from qingzhuang.gate.models import GateCheck, Outcome, Quota
from qingzhuang.gate.rules import GateReport, latest_check, render_message, rule_by_code
from qingzhuang.gate.selectors import VerdictRow, verdict_rows
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


def explanations_waiting(user: Any) -> QuerySet[Document]:
    """只减不增 explanations the county office has not accepted or returned yet, within the reviewer's scope."""
    from qingzhuang.documents.models import ExplanationStatus

    docs = access.scoped_queryset(user, "documents.review", Document.objects.select_related("issuer"))
    return docs.filter(explanation_status=ExplanationStatus.PENDING, status__in=(*EDITABLE, *UNDER_REVIEW, Status.APPROVED)).order_by("updated", "id")


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
        explained = explanations_waiting(user).count()
        if explained:
            items.append(AttentionItem(title=_("只减不增 explanations waiting for your review"), url=reverse("documents:review_list") + "#explanations",
                                       count=explained, level="warning"))
    if access.can(user, "documents.draft"):
        returned = document_list(user=user, status=Status.RETURNED, mine=True).count()
        if returned:
            items.append(AttentionItem(title=_("Documents returned to you for changes"), url=reverse("documents:list") + "?status=returned", count=returned, level="warning"))
    return items


def check_history(document: Document) -> QuerySet[GateCheck]:
    return GateCheck.objects.filter(item_type=document._meta.label_lower, item_id=document.pk).select_related("by")[:20]



# --- what the drafter sees of the gate: other departments' drafts hidden, and what to do next ---------

HIDDEN_TITLE = gettext_lazy("Another department's draft under review (title not shown to drafters)")
HIDDEN_ISSUER = gettext_lazy("another department")


def report_rows(report: GateReport) -> list[VerdictRow]:
    """A gate run that was not stored, as the rows a stored check gives (verdict_rows)."""
    rows = []
    for v in report.verdicts:
        try:
            title = str(rule_by_code(v.rule).title)
        except KeyError:
            title = v.rule
        rows.append(VerdictRow(v.rule, title, str(v.outcome), v.text(), dict(v.evidence)))
    return rows


def rows_for_user(user: Any, rows: list[VerdictRow]) -> list[VerdictRow]:
    """The verdicts as ``user`` may read them: a near-duplicate that is another unit's unissued draft the
    user may not open is named only as such, with its score (the county office reviewer sees every title)."""
    from qingzhuang.documents.rules import MSG_DUP_BLOCK_HIDDEN, MSG_DUP_WARN_HIDDEN

    out = []
    for row in rows:
        matches = list(row.evidence.get("matches") or []) if row.rule == "document.duplicates" else []
        pending = [m["id"] for m in matches if m.get("pending")]
        if not pending:
            out.append(row)
            continue
        visible = set(documents_visible(user).filter(pk__in=pending).values_list("pk", flat=True))
        shown = []
        for m in matches:
            if m.get("pending") and m["id"] not in visible:
                m = {**m, "id": None, "title": str(HIDDEN_TITLE), "issuer": str(HIDDEN_ISSUER), "hidden": True}
            shown.append(m)
        text = row.text
        if shown[0].get("hidden"):
            message = MSG_DUP_BLOCK_HIDDEN if row.outcome == Outcome.BLOCK else MSG_DUP_WARN_HIDDEN
            text = render_message(message, {"percent": round(100 * float(shown[0]["score"]))})
        out.append(VerdictRow(row.rule, row.title, row.outcome, text, {**row.evidence, "matches": shown}))
    return out


STEP_LENGTH = gettext_lazy("Shorten the text to %(limit)s 字 or less (now %(chars)s 字, %(over)s too many), then submit it.")
STEP_REPLY_DEMAND = gettext_lazy("Untick “demands reports back from the grassroots”, or ask the county office first.")
STEP_DUP_PENDING = gettext_lazy(
    "Another draft under review says nearly the same: the county office will merge the two drafts or return one of them. Wait for its decision."
)
STEP_DUP_ISSUED = gettext_lazy(
    "An issued document already says nearly the same: check whether it already covers what you need. The county office will merge this draft into it or reject it."
)
STEP_ONLY_REDUCE = gettext_lazy(
    "Your unit would issue more documents than last year (只减不增): file a written explanation on the document's page. "
    "The county office reviews it; the document cannot be issued before it is accepted."
)
STEP_ONLY_REDUCE_PENDING = gettext_lazy(
    "Your 只减不增 explanation waits for the county office: the document can be issued once the office accepts it."
)
STEP_ONLY_REDUCE_RETURNED = gettext_lazy(
    "The county office returned your 只减不增 explanation: revise it as its reply asks and file it again on the document's page."
)
STEP_QUOTA = gettext_lazy(
    "Your unit's quota for the year is used up: only a county office reviewer with the override right can approve it, "
    "with a recorded reason. Ask the county office, or plan the document for next year."
)
STEP_OTHER = gettext_lazy("Ask the county office what to do about “%(rule)s”.")

HEAD_FIX = gettext_lazy("Blocked: this draft cannot be submitted yet. Fix the points marked red first.")
HEAD_BLOCKED = gettext_lazy("Blocked: it can be submitted, but it cannot be issued until the points marked red are settled.")
HEAD_BLOCKED_SUBMITTED = gettext_lazy("Blocked: it cannot be issued until the points marked red are settled.")
HEAD_WARN = gettext_lazy("No block: it can be submitted. The reviewer will see the warnings.")
HEAD_PASS = gettext_lazy("Every check passes: it can be submitted.")


@dataclass
class GateSummary:
    """The gate's verdicts for a drafter: a headline, the 字 count against the limit, what to do next."""

    rows: list[VerdictRow]
    headline: str
    level: str  # "block", "warn" or "pass"
    steps: list[str]
    chars: int | None = None
    limit: int | None = None

    @property
    def over(self) -> int:
        return max(0, (self.chars or 0) - (self.limit or 0)) if self.limit else 0

    @property
    def can_submit(self) -> bool:
        return not any(r.outcome == Outcome.BLOCK and r.rule in DRAFTER_FIXABLE for r in self.rows)


def _step(row: VerdictRow) -> str:
    ev = row.evidence
    if row.rule == "document.length":
        chars, limit = int(ev.get("chars", 0)), int(ev.get("limit", 0))
        return str(STEP_LENGTH % {"limit": f"{limit:,}", "chars": f"{chars:,}", "over": f"{chars - limit:,}"})
    if row.rule == "document.reply_demand":
        return str(STEP_REPLY_DEMAND)
    if row.rule == "document.duplicates":
        top = (ev.get("matches") or [{}])[0]
        return str(STEP_DUP_PENDING if top.get("pending") else STEP_DUP_ISSUED)
    if row.rule == "document.only_reduce":
        return only_reduce_step(ev)
    if row.rule == "document.quota":
        return str(STEP_QUOTA)
    return str(STEP_OTHER % {"rule": row.title})


def only_reduce_step(evidence: dict[str, Any]) -> str:
    status = evidence.get("explanation_status") or ""
    if status == "pending":
        return str(STEP_ONLY_REDUCE_PENDING)
    if status == "returned":
        return str(STEP_ONLY_REDUCE_RETURNED)
    return str(STEP_ONLY_REDUCE)


def gate_summary(rows: list[VerdictRow], *, status: str = Status.DRAFT) -> GateSummary:
    blocks = [r for r in rows if r.outcome == Outcome.BLOCK]
    length = next((r.evidence for r in rows if r.rule == "document.length"), {})
    summary = GateSummary(rows=rows, headline="", level="pass", steps=[_step(r) for r in blocks],
                          chars=length.get("chars"), limit=length.get("limit"))
    editable = status in (Status.DRAFT, Status.RETURNED)
    if blocks:
        summary.level = "block"
        if not editable:
            summary.headline = str(HEAD_BLOCKED_SUBMITTED)
        else:
            summary.headline = str(HEAD_BLOCKED if summary.can_submit else HEAD_FIX)
    elif any(r.outcome == Outcome.WARN for r in rows):
        summary.level, summary.headline = "warn", str(HEAD_WARN) if editable else ""
    else:
        summary.headline = str(HEAD_PASS) if editable else ""
    return summary
