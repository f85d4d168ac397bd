"""Documents (发文): annual plans with their lines (发文立项), documents, their events and the
near-duplicate key table that keeps the necessity review fast as the archive grows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentPlan(models.Model):
    """A unit's annual document plan (计划管理); the county's total is the sum of its units' plans."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="document_plans", verbose_name=pgettext_lazy("document", "issuing unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    note = models.TextField(pgettext_lazy("document", "note"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document plan")
        verbose_name_plural = _("document plans")
        ordering = ["-year", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="document_plan_once_per_unit_year")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class PlanLine(models.Model):
    """One planned document (发文立项): registered before drafting, used by at most one document."""

    plan = models.ForeignKey(DocumentPlan, on_delete=models.CASCADE, related_name="lines", verbose_name=_("plan"))
    title = models.CharField(_("planned title"), max_length=200)
    is_task_deployment = models.BooleanField(_("task deployment"), default=False)
    planned_month = models.PositiveSmallIntegerField(_("planned month"), null=True, blank=True)
    reason = models.TextField(_("why the document is needed"), blank=True)

    class Meta:
        verbose_name = _("plan line")
        verbose_name_plural = _("plan lines")
        ordering = ["plan", "planned_month", "id"]

    def __str__(self) -> str:
        return self.title


class DocumentKind(models.TextChoices):
    # Relabelling (红头→白头, document→便笺) changes nothing: every kind counts the same.
    RED_HEAD = "red_head", _("Red-header document")
    WHITE_HEAD = "white_head", _("White-header document")
    MEMO = "memo", _("Memo")
    LETTER = "letter", _("Work letter")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    ISSUED = "issued", _("Issued")
    RETURNED = "returned", _("Returned")
    REJECTED = "rejected", pgettext_lazy("document", "Rejected")
    MERGED = "merged", _("Merged")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ExplanationStatus(models.TextChoices):
    """The county office's review of a 只减不增 explanation: issuing waits until it is accepted."""

    # A context of their own: other apps translate the same English words differently.
    NONE = "", pgettext_lazy("explanation", "No explanation filed")
    PENDING = "pending", pgettext_lazy("explanation", "Waiting for the county office")
    ACCEPTED = "accepted", pgettext_lazy("explanation", "Accepted by the county office")
    RETURNED = "returned", pgettext_lazy("explanation", "Returned by the county office")


EDITABLE = (Status.DRAFT, Status.RETURNED)
UNDER_REVIEW = (Status.SUBMITTED, Status.IN_REVIEW)
# Documents that count in the archive and in the yearly totals.
COUNTED = (Status.APPROVED, Status.ISSUED)


def fill_quota_year(document: Document) -> None:
    """A document made without a date is dated the day it is recorded (its issue date if it has one)."""
    if document.dated is None:
        document.dated = document.issued_on or timezone.localdate()
    if isinstance(document.dated, str):
        document.dated = dt.date.fromisoformat(document.dated)
    if document.quota_year is None:
        document.quota_year = document.dated.year


class DocumentManager(models.Manager["Document"]):
    def bulk_create(self, objs: Iterable[Document], *args: Any, **kwargs: Any) -> list[Document]:  # type: ignore[override]
        objs = list(objs)
        for obj in objs:
            fill_quota_year(obj)
        return super().bulk_create(objs, *args, **kwargs)


class Document(models.Model):
    issuer = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="documents", verbose_name=pgettext_lazy("document", "issuing unit"))
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(pgettext_lazy("document", "kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.RED_HEAD)
    number = models.CharField(_("document number"), max_length=60, blank=True)
    text = models.TextField(_("full text"), blank=True)
    chars = models.PositiveIntegerField(_("length (字)"), default=0)
    recipients = models.ManyToManyField("org.Unit", related_name="documents_received", blank=True, verbose_name=_("recipients"))
    demands_reports_back = models.BooleanField(_("demands reports back from the grassroots"), default=False)
    is_task_deployment = models.BooleanField(_("task deployment document"), default=False)
    plan_line = models.OneToOneField(
        PlanLine, on_delete=models.SET_NULL, null=True, blank=True, related_name="document", verbose_name=_("plan line")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_from", verbose_name=_("merged into")
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True, db_index=True)
    # The date the document carries: while drafting, the day it is meant to go out; once issued, its
    # issue date. Its year is the document's one quota year, decided when the document is created and
    # moved (with its quota slot) only when this date moves into another year.
    dated = models.DateField(_("document date"))
    quota_year = models.PositiveSmallIntegerField(_("quota year"), db_index=True)
    # 只减不增: why this unit issues more than last year (needed before the exceeding document is issued).
    explanation = models.TextField(_("explanation for issuing more than last year"), blank=True)
    explanation_status = models.CharField(
        _("review of the explanation"), max_length=10, choices=ExplanationStatus.choices, blank=True, default=ExplanationStatus.NONE
    )
    # Why the county office returned the explanation (or its note when accepting it).
    explanation_reply = models.TextField(_("county office's reply on the explanation"), blank=True)
    source_file = models.CharField(_("source file"), max_length=200, blank=True)
    # Near-duplicate fingerprint (qingzhuang.lib.near_duplicates.Fingerprint.to_bytes()).
    fingerprint = models.BinaryField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = DocumentManager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["issuer", "status", "issued_on"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        fill_quota_year(self)
        super().save(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE


EVENT_LABELS = {
    "create": _("Drafted"),
    "submit": _("Submitted for review"),
    "review_start": _("Review started"),
    "approve": _("Approved"),
    "return": _("Returned"),
    "reject": pgettext_lazy("document", "Rejected"),
    "merge": _("Merged"),
    "merged_in": _("Another document merged into this one"),
    "issue": _("Issued"),
    "explain": _("Explanation filed"),
    "explanation_accept": _("Explanation accepted by the county office"),
    "explanation_return": _("Explanation returned by the county office"),
    "withdraw": _("Withdrawn"),
}


class DocumentEvent(models.Model):
    """What happened to a document: a state change, a review decision, with who and why."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.document_id} {self.action}"

    @property
    def label(self) -> str:
        return str(EVENT_LABELS.get(self.action, self.action))


class DocumentKey(models.Model):
    """One LSH band key of one chunk of an archived document: the near-duplicate index, looked up by key."""

    key = models.BigIntegerField(db_index=True)
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+", db_index=True)
    chunk_no = models.PositiveSmallIntegerField()
    chunk_count = models.PositiveSmallIntegerField()
    # The issuer's county (null: an upper-level document, visible to every county's review).
    county = models.ForeignKey("org.Region", on_delete=models.CASCADE, null=True, blank=True, related_name="+", db_index=False)

    def __str__(self) -> str:
        return f"{self.key} → {self.document_id}"


class DocumentPassage(models.Model):
    """One sampled 8-gram of an archived document: the near-duplicate index's second path (excerpts)."""

    key = models.BigIntegerField(db_index=True)
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+", db_index=True)
    # How many sampled 8-grams the document has (the share of them a query holds estimates containment).
    count = models.PositiveIntegerField()
    county = models.ForeignKey("org.Region", on_delete=models.CASCADE, null=True, blank=True, related_name="+", db_index=False)

    def __str__(self) -> str:
        return f"{self.key} → {self.document_id}"
