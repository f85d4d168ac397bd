"""The gate's rules for documents. Each names itself, takes its settings from the county (defaults
from the national rules) and returns pass / warn / block with the evidence the reviewer needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from qingzhuang.gate.fields import OUTCOME_CHOICES, PERCENT, Param
from qingzhuang.gate.models import Outcome
from qingzhuang.gate.quota_rule import QuotaRule
from qingzhuang.gate.rules import GateContext, Verdict
from qingzhuang.lib.chinese_text import count_zi

ITEM_KIND = "document"
QUOTA_KIND = "documents"
# Blocks the drafter can fix alone: submitting is refused until they are fixed. The others (a near-duplicate,
# the quota, only-reduce) are settled by the county office, so the draft goes to it.
DRAFTER_FIXABLE = ("document.length", "document.reply_demand")

MSG_LENGTH_OK = gettext_noop("%(chars)s 字, within the limit of %(limit)s.")
MSG_LENGTH_OVER = gettext_noop("%(chars)s 字, over the limit of %(limit)s by %(over)s: shorten it (短实新).")
MSG_DUP_NONE = gettext_noop("No earlier document in the county or from upper levels resembles it.")
MSG_DUP_WARN = gettext_noop("Resembles “%(title)s” (%(issuer)s), %(percent)s%% shared: check whether it repeats it.")
MSG_DUP_BLOCK = gettext_noop("Copies “%(title)s” (%(issuer)s), %(percent)s%% shared: merge it or reject it (照抄照搬).")
MSG_DUP_WARN_PENDING = gettext_noop(
    "Resembles “%(title)s” (%(issuer)s), a draft still under review, %(percent)s%% shared: check whether the two should be one document."
)
MSG_DUP_BLOCK_PENDING = gettext_noop(
    "Repeats “%(title)s” (%(issuer)s), a draft still under review, %(percent)s%% shared: the reviewer merges the two drafts or returns one."
)
# What a drafter reads when the near-duplicate is another unit's draft they may not open (its title is not theirs to see).
MSG_DUP_WARN_HIDDEN = gettext_noop(
    "Resembles another department's draft under review (title not shown to drafters), %(percent)s%% shared: the county office will see both."
)
MSG_DUP_BLOCK_HIDDEN = gettext_noop(
    "Repeats another department's draft under review (title not shown to drafters), %(percent)s%% shared: the county office merges the two drafts or returns one."
)
MSG_REPLY_YES = gettext_noop("Demands reports back from the grassroots: check that this is necessary.")
MSG_REPLY_NO = gettext_noop("Demands no reports back.")
MSG_REDUCE_OK = gettext_noop("%(count)s issued this year against %(last)s last year.")
# Kept for checks stored before the county office reviewed explanations.
MSG_REDUCE_EXPLAINED = gettext_noop("More than last year (%(count)s against %(last)s); explanation filed: %(explanation)s")
MSG_REDUCE_ACCEPTED = gettext_noop("More than last year (%(count)s against %(last)s); the county office accepted the explanation: %(explanation)s")
MSG_REDUCE_PENDING = gettext_noop(
    "More than last year (%(count)s against %(last)s); the explanation waits for the county office's review before the document can be issued: %(explanation)s"
)
MSG_REDUCE_RETURNED = gettext_noop(
    "More than last year (%(count)s against %(last)s); the county office returned the explanation (%(reply)s): revise it and file it again."
)
MSG_REDUCE_BLOCK = gettext_noop("This would be document no. %(count)s this year against %(last)s last year (只减不增): a written explanation is needed before it is issued.")
MSG_RELABEL = gettext_noop("Sent as “%(kind)s”: it counts as a document all the same (relabelling does not avoid the quota).")
MSG_RELABEL_NONE = gettext_noop("Red-header document.")


def _rounded_percent(score: float) -> int:
    return round(100 * score)


@dataclass(frozen=True)
class LengthRule:
    """2024 national rule: a document ≤5,000 字, a task-deployment document ≤4,000 字."""

    code: str = "document.length"
    item_kinds: frozenset[str] = frozenset({ITEM_KIND})
    title: Any = _("Length (字)")
    defaults: dict[str, Any] = field(default_factory=lambda: {"max_chars": 5000, "max_chars_task_deployment": 4000})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "max_chars": Param(_("Longest document"), _("Counted in Chinese characters (字) of the text; digits, Latin letters, punctuation and spaces are not counted. National rule: 5,000."), _("字")),
        "max_chars_task_deployment": Param(_("Longest task-deployment document"), _("For documents that deploy tasks. National rule: 4,000."), _("字")),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        doc = ctx.item
        chars = count_zi(doc.text)
        limit = int(params["max_chars_task_deployment"] if doc.is_task_deployment else params["max_chars"])
        evidence = {"chars": chars, "limit": limit, "task_deployment": bool(doc.is_task_deployment)}
        if chars > limit:
            return Verdict(self.code, Outcome.BLOCK, MSG_LENGTH_OVER, {"chars": chars, "limit": limit, "over": chars - limit}, evidence)
        return Verdict(self.code, Outcome.PASS, MSG_LENGTH_OK, {"chars": chars, "limit": limit}, evidence)


@dataclass(frozen=True)
class DuplicateRule:
    """严审发文必要性: the nearest documents issued in the county and by upper levels, and the county's
    drafts submitted, in review or approved (two departments drafting the same notice)."""

    code: str = "document.duplicates"
    item_kinds: frozenset[str] = frozenset({ITEM_KIND})
    title: Any = _("Near-duplicates (照抄照搬, repeat documents)")
    defaults: dict[str, Any] = field(default_factory=lambda: {"warn_score": 0.5, "block_score": 0.85, "shown": 5})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "warn_score": Param(_("Warning threshold"), _("A draft sharing at least this much of its text with an earlier document is shown to the reviewer with a warning."), kind=PERCENT),
        "block_score": Param(_("Blocking threshold"), _("A draft sharing at least this much is blocked as a copy (照抄照搬): merge it or reject it."), kind=PERCENT),
        "shown": Param(_("Similar documents shown"), _("How many of the most similar earlier documents the reviewer sees."), _("documents (count)")),
    })

    def validate(self, params: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        for name in ("warn_score", "block_score"):
            if not 0 < float(params[name]) <= 1:
                errors[name] = _("Enter a percentage above 0 and at most 100.")
        if not errors and float(params["warn_score"]) > float(params["block_score"]):
            errors["block_score"] = _("The blocking score must not be lower than the warning score.")
        return errors

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        from qingzhuang.documents.duplicates import nearest
        from qingzhuang.documents.models import Document, Status

        doc = ctx.item
        warn, block = float(params["warn_score"]), float(params["block_score"])
        found = nearest(
            doc.text, county_id=ctx.county.pk if ctx.county else None, threshold=warn, exclude=doc.pk, limit=int(params["shown"])
        )
        if not found:
            return Verdict(self.code, Outcome.PASS, MSG_DUP_NONE, {}, {"matches": []})
        by_id = Document.objects.select_related("issuer").in_bulk([n.document_id for n in found])
        matches: list[dict[str, Any]] = []
        for n in found:
            other = by_id.get(n.document_id)
            if other is None:
                continue
            matches.append({
                "id": other.pk, "title": other.title, "issuer": other.issuer.name, "status": other.status,
                "pending": other.status != Status.ISSUED,
                "issued_on": other.issued_on.isoformat() if other.issued_on else None,
                "upper_level": other.issuer.county_id is None,
                "score": round(n.score, 3), "kind": n.kind,
                "query_coverage": round(n.query_coverage, 3), "doc_coverage": round(n.doc_coverage, 3),
            })
        top = matches[0]
        top_score = float(str(top["score"]))
        params_out = {"title": top["title"], "issuer": top["issuer"], "percent": _rounded_percent(top_score)}
        outcome = Outcome.BLOCK if top_score >= block else Outcome.WARN
        if top["pending"]:
            message = MSG_DUP_BLOCK_PENDING if outcome == Outcome.BLOCK else MSG_DUP_WARN_PENDING
        else:
            message = MSG_DUP_BLOCK if outcome == Outcome.BLOCK else MSG_DUP_WARN
        return Verdict(self.code, outcome, message, params_out, {"matches": matches})


@dataclass(frozen=True)
class ReplyDemandRule:
    """Documents that demand reports back add work for every recipient; the reviewer sees it."""

    code: str = "document.reply_demand"
    item_kinds: frozenset[str] = frozenset({ITEM_KIND})
    title: Any = _("Demands reports back")
    defaults: dict[str, Any] = field(default_factory=lambda: {"outcome": "warn"})
    choices: dict[str, tuple[str, ...]] = field(default_factory=lambda: {"outcome": ("warn", "block", "pass")})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "outcome": Param(_("When a document demands reports back"), _("Reports back from every recipient add work at the grassroots."), choices=OUTCOME_CHOICES),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        if ctx.item.demands_reports_back:
            return Verdict(self.code, Outcome(params["outcome"]), MSG_REPLY_YES, {}, {"demands_reports_back": True})
        return Verdict(self.code, Outcome.PASS, MSG_REPLY_NO, {}, {"demands_reports_back": False})


def issued_counts(issuer: Any, year: int, *, exclude: int | None = None) -> tuple[int, int]:
    """(documents counted this year, issued last year) for a unit: approved ones count in their quota year."""
    from django.db.models import Q

    from qingzhuang.documents.models import Document, Status

    mine = Document.objects.filter(issuer=issuer)
    if exclude is not None:
        mine = mine.exclude(pk=exclude)
    this_year = mine.filter(Q(status=Status.ISSUED, issued_on__year=year) | Q(status=Status.APPROVED, quota_year=year)).count()
    last_year = mine.filter(status=Status.ISSUED, issued_on__year=year - 1).count()
    return this_year, last_year


@dataclass(frozen=True)
class OnlyReduceRule:
    """只减不增: a unit issuing more than last year files a written explanation, which the county office accepts first."""

    code: str = "document.only_reduce"
    item_kinds: frozenset[str] = frozenset({ITEM_KIND})
    title: Any = _("Only reduce, never increase (只减不增)")
    defaults: dict[str, Any] = field(default_factory=dict)

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        doc = ctx.item
        year = doc.quota_year
        this_year, last_year = issued_counts(ctx.issuer, year, exclude=doc.pk)
        count = this_year + 1
        status = getattr(doc, "explanation_status", "") or ""
        evidence = {"year": year, "count": count, "last": last_year, "explanation": doc.explanation, "explanation_status": status}
        if count <= last_year:
            return Verdict(self.code, Outcome.PASS, MSG_REDUCE_OK, {"count": count, "last": last_year}, evidence)
        params = {"count": count, "last": last_year, "explanation": doc.explanation.strip()[:200]}
        # Only an explanation the county office accepted settles it; filed, or returned, it still blocks issuing.
        if doc.explanation.strip() and status == "accepted":
            return Verdict(self.code, Outcome.WARN, MSG_REDUCE_ACCEPTED, params, evidence)
        if doc.explanation.strip() and status == "pending":
            return Verdict(self.code, Outcome.BLOCK, MSG_REDUCE_PENDING, params, evidence)
        if doc.explanation.strip() and status == "returned":
            return Verdict(self.code, Outcome.BLOCK, MSG_REDUCE_RETURNED, {**params, "reply": doc.explanation_reply.strip()[:200]}, evidence)
        return Verdict(self.code, Outcome.BLOCK, MSG_REDUCE_BLOCK, {"count": count, "last": last_year}, evidence)


@dataclass(frozen=True)
class RelabelRule:
    """红头→白头, document→便笺: a relabelled document counts the same; the reviewer is told so."""

    code: str = "document.relabel"
    item_kinds: frozenset[str] = frozenset({ITEM_KIND})
    title: Any = _("Relabelling (白头, 便笺)")
    defaults: dict[str, Any] = field(default_factory=lambda: {"outcome": "warn"})
    choices: dict[str, tuple[str, ...]] = field(default_factory=lambda: {"outcome": ("warn", "pass")})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "outcome": Param(_("When a document is relabelled"), _("A 白头 document or a 便笺 still counts as a document."), choices=OUTCOME_CHOICES),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        from qingzhuang.documents.models import DocumentKind

        doc = ctx.item
        if doc.kind == DocumentKind.RED_HEAD:
            return Verdict(self.code, Outcome.PASS, MSG_RELABEL_NONE, {}, {"kind": doc.kind})
        return Verdict(self.code, Outcome(params["outcome"]), MSG_RELABEL, {"kind": str(DocumentKind(doc.kind).label)}, {"kind": doc.kind})


GATE_RULES = (
    QuotaRule(code="document.quota", item_kind=ITEM_KIND, quota_kind=QUOTA_KIND),
    LengthRule(),
    DuplicateRule(),
    ReplyDemandRule(),
    OnlyReduceRule(),
    RelabelRule(),
)
