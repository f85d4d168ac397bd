"""Forms (报表, 一表通): the community master record, the county's form catalogue, and the answers.

A form (a data request sent down) names its fields; each field is matched against the master record
(社区基础数据: what upper levels keep asking every community for) and against the fields of the forms
already in the catalogue. What is known is pre-filled when a community fills the form, and only new
fields are typed; confirmed answers update the master record (一次填报、动态更新).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class FieldType(models.TextChoices):
    INTEGER = "integer", _("Whole number")
    DECIMAL = "decimal", _("Number with decimals")
    TEXT = "text", _("Text")
    YES_NO = "yes_no", _("Yes / no")
    DATE = "date", _("Date")


class MasterField(models.Model):
    """One item of the community master record: a count or a fact upper levels keep asking for (no personal data)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("field name"), max_length=60)
    group = models.CharField(pgettext_lazy("form", "group"), max_length=30)
    type = models.CharField(_("type"), max_length=10, choices=FieldType.choices)
    unit = models.CharField(_("unit of measure"), max_length=20, blank=True)
    definition = models.CharField(_("definition"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("master record field")
        verbose_name_plural = _("master record fields")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class MasterRecord(models.Model):
    """A community's or village's master record (社区基础数据); its version grows with every change."""

    unit = models.OneToOneField("org.Unit", on_delete=models.CASCADE, related_name="master_record", verbose_name=_("unit"))
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("master record")
        verbose_name_plural = _("master records")

    def __str__(self) -> str:
        return f"{self.unit} v{self.version}"


class MasterValue(models.Model):
    """The current value of one master field for one unit, when it was last confirmed and by which form."""

    record = models.ForeignKey(MasterRecord, on_delete=models.CASCADE, related_name="values", verbose_name=_("master record"))
    field = models.ForeignKey(MasterField, on_delete=models.PROTECT, related_name="+", verbose_name=pgettext_lazy("form", "field"))
    value = models.CharField(_("value"), max_length=300)
    confirmed_on = models.DateField(_("last confirmed"))
    # The record's version when this value last changed (the audit trail keeps every earlier value).
    version = models.PositiveIntegerField(_("version"), default=1)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("master record value")
        verbose_name_plural = _("master record values")
        constraints = [models.UniqueConstraint(fields=["record", "field"], name="master_value_once_per_field")]

    def __str__(self) -> str:
        return f"{self.field}: {self.value}"


class SynonymGroup(models.Model):
    """Words that name the same thing in field names (常住人口、实有人口数、居住人口); county null: for every county."""

    county = models.ForeignKey("org.Region", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("county"))
    words = models.CharField(_("words"), max_length=500, help_text=_("Separated by 、 or commas."))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.words

    def word_list(self) -> list[str]:
        return [w for w in self.words.split("、") if w]


class Frequency(models.TextChoices):
    ONCE = "once", _("Once")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Half-yearly")
    YEARLY = "yearly", _("Yearly")


class FormStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", pgettext_lazy("form status", "Waiting for the county office's review")
    REFUSED = "refused", _("Refused")
    APPROVED = "approved", _("In the catalogue")
    SENT = "sent", _("Sent to the grassroots")
    RETIRED = "retired", _("Retired (merged)")


CATALOGUED = (FormStatus.APPROVED, FormStatus.SENT)


class Form(models.Model):
    """A form or data request an upper unit sends down (报表); only a catalogued one may be sent."""

    issuer = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="forms_issued", verbose_name=_("issuing unit"))
    title = models.CharField(_("form title"), max_length=200)
    purpose = models.TextField(_("purpose"), max_length=2000)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices)
    recipients = models.ManyToManyField("org.Unit", related_name="forms_received", blank=True, verbose_name=_("target units"))
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=FormStatus.choices, default=FormStatus.DRAFT, db_index=True)
    catalogue_no = models.CharField(_("catalogue number"), max_length=40, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decision_note = models.TextField(_("decision note"), max_length=2000, blank=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    # The forms this one repeats (a refused duplicate), or the form it was merged into (a retired one).
    repeats = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="repeated_by", verbose_name=_("repeats"))
    merged_into = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_from", verbose_name=_("merged into"))
    # The issuer's own layout: a workbook whose cells the answers are written into.
    template = models.BinaryField(_("template workbook"), null=True, blank=True, editable=False)
    template_name = models.CharField(_("template file"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("form")
        verbose_name_plural = _("forms")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def in_catalogue(self) -> bool:
        return self.status in CATALOGUED


class MatchKind(models.TextChoices):
    MASTER = "master", _("In the master record")
    FORM = "form", _("Asked by another catalogued form")
    NEW = "new", _("New")


class FormField(models.Model):
    """One field of a form, with the best match the matcher found (and every candidate, for the reviewer)."""

    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="fields", verbose_name=_("form"))
    position = models.PositiveSmallIntegerField(pgettext_lazy("form", "position"))
    name = models.CharField(_("field name"), max_length=60)
    type = models.CharField(_("type"), max_length=10, choices=FieldType.choices)
    unit = models.CharField(_("unit of measure"), max_length=20, blank=True)
    definition = models.CharField(_("definition"), max_length=300, blank=True)
    cell = models.CharField(_("template cell"), max_length=40, blank=True)
    match_kind = models.CharField(_("match"), max_length=10, choices=MatchKind.choices, default=MatchKind.NEW)
    master_field = models.ForeignKey(MasterField, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    matched_field = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    score = models.FloatField(_("match score"), default=0.0)
    # [{"kind", "id", "name", "form", "form_id", "score", "reason"}], best first: what the reviewer sees.
    matches = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")
        ordering = ["form", "position"]
        constraints = [models.UniqueConstraint(fields=["form", "name"], name="form_field_name_once")]

    def __str__(self) -> str:
        return self.name

    @property
    def known(self) -> bool:
        return self.match_kind != MatchKind.NEW


class AnswerStatus(models.TextChoices):
    WAITING = "waiting", pgettext_lazy("form answer", "To fill")
    SUBMITTED = "submitted", pgettext_lazy("form answer", "Submitted")


class Answer(models.Model):
    """One unit's answer to a sent form."""

    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="answers", verbose_name=_("form"))
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="form_answers", verbose_name=_("unit"))
    status = models.CharField(_("status"), max_length=20, choices=AnswerStatus.choices, default=AnswerStatus.WAITING, db_index=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True, db_index=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    typed_count = models.PositiveSmallIntegerField(_("fields typed"), default=0)
    prefilled_count = models.PositiveSmallIntegerField(_("fields pre-filled"), default=0)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["form", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["form", "unit"], name="answer_once_per_unit")]

    def __str__(self) -> str:
        return f"{self.form} · {self.unit}"


class AnswerValue(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="values")
    field = models.ForeignKey(FormField, on_delete=models.CASCADE, related_name="+")
    value = models.CharField(_("value"), max_length=300, blank=True)
    prefilled = models.BooleanField(_("pre-filled"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["answer", "field"], name="answer_value_once")]

    def __str__(self) -> str:
        return f"{self.field}: {self.value}"
