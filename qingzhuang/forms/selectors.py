"""Reads of forms: what a user may see, the matcher of a county, the catalogue, pre-fill values, ledger rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, FloatField, Q, QuerySet, Sum, Value
from django.db.models.functions import Cast
from django.urls import reverse

from qingzhuang.forms.matching import FieldMatcher, FieldSpec
from qingzhuang.forms.models import (
    CATALOGUED,
    Answer,
    AnswerStatus,
    AnswerValue,
    Form,
    FormField,
    FormStatus,
    MasterField,
    MasterRecord,
    MasterValue,
    MatchKind,
    SynonymGroup,
)
from qingzhuang.forms.synonyms import SEED_GROUPS
from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import Unit, UnitKind

VIEW = "forms.view"
DRAFT = "forms.draft"
REVIEW = "forms.review"
FILL = "forms.fill"
MASTER_VIEW = "forms.master_view"
SYNONYMS = "forms.synonyms"

COMMUNITY_KINDS = (UnitKind.COMMUNITY, UnitKind.VILLAGE)


def synonym_groups(county: Any) -> list[list[str]]:
    """The synonym groups in force in a county: the seeded national ones, then the stored ones (national and the county's)."""
    stored = SynonymGroup.objects.filter(Q(county__isnull=True) | Q(county=county)) if county is not None else SynonymGroup.objects.filter(county__isnull=True)
    return [list(g) for g in SEED_GROUPS] + [g.word_list() for g in stored]


def matcher_for(county: Any) -> FieldMatcher:
    return FieldMatcher(synonym_groups(county))


def spec(field: Any) -> FieldSpec:
    return FieldSpec(field.name, field.type, field.unit, field.definition)


def catalogued_fields(county: Any, *, exclude_form: int | None = None) -> QuerySet[FormField]:
    """The fields of the county's catalogued forms (approved or sent), each once."""
    found = FormField.objects.filter(form__status__in=CATALOGUED).select_related("form")
    found = found.filter(form__issuer__county=county) if county is not None else found.filter(form__issuer__county__isnull=True)
    if exclude_form is not None:
        found = found.exclude(form_id=exclude_form)
    return found.order_by("form_id", "position")


def forms_visible(user: Any) -> QuerySet[Form]:
    return access.scoped_queryset(user, VIEW, Form.objects.select_related("issuer")).distinct()


def forms_to_review(user: Any) -> QuerySet[Form]:
    return access.scoped_queryset(user, REVIEW, Form.objects.select_related("issuer")).filter(status=FormStatus.SUBMITTED).distinct()


def catalogue_size(county: Any, on: dt.date | None = None) -> dict[str, int]:
    """Forms in the county's catalogue on a day (approved by then, not retired by then), and their fields."""
    forms = Form.objects.filter(issuer__county=county, decided_on__isnull=False).exclude(status__in=(FormStatus.REFUSED, FormStatus.DRAFT, FormStatus.SUBMITTED))
    if on is not None:
        forms = forms.filter(decided_on__lte=on).filter(Q(retired_on__isnull=True) | Q(retired_on__gt=on))
    else:
        forms = forms.filter(status__in=CATALOGUED)
    ids = list(forms.values_list("pk", flat=True))
    return {"forms": len(ids), "fields": FormField.objects.filter(form_id__in=ids).count(),
            "refused": duplicates_refused(county).count()}


def catalogue_history(county: Any, until: dt.date) -> list[dict[str, Any]]:
    """The catalogue's size at the end of each year from the county's first catalogued form to ``until``'s year
    (that year: on ``until``), counted from the forms' decision and retirement days."""
    first = Form.objects.filter(issuer__county=county, decided_on__isnull=False).exclude(
        status__in=(FormStatus.REFUSED, FormStatus.DRAFT, FormStatus.SUBMITTED)).order_by("decided_on").values_list("decided_on", flat=True).first()
    if first is None:
        return []
    days = [dt.date(year, 12, 31) for year in range(first.year, until.year)] + [until]
    return [{"on": day, **catalogue_size(county, on=day)} for day in days[-10:]]


def duplicates_refused(county: Any) -> QuerySet[Form]:
    """The county's forms refused because every field was already known (the gate's duplicate rule)."""
    return (Form.objects.filter(issuer__county=county, status=FormStatus.REFUSED, fields__isnull=False)
            .exclude(fields__match_kind=MatchKind.NEW).distinct())


def grassroots_units(user: Any, perm: str = FILL) -> list[Unit]:
    return list(access.scoped_queryset(user, perm, Unit.objects.filter(kind__in=COMMUNITY_KINDS)).order_by("path")[:50])


def answers_visible(user: Any) -> QuerySet[Answer]:
    return access.scoped_queryset(user, VIEW, Answer.objects.select_related("form__issuer", "unit"))


def master_values(unit: Unit) -> dict[str, MasterValue]:
    """The unit's current master values by field code (empty when it has no record yet)."""
    return {v.field.code: v for v in MasterValue.objects.filter(record__unit=unit).select_related("field")}


def master_table(unit: Unit) -> list[tuple[MasterField, MasterValue | None]]:
    values = master_values(unit)
    return [(f, values.get(f.code)) for f in MasterField.objects.all()]


def prefill_for(field: FormField, unit: Unit) -> tuple[str, str] | None:
    """(value, source words) the unit already gave for a known field: its master record, or its latest answer to the matched form."""
    if field.match_kind == MatchKind.MASTER and field.master_field_id:
        value = MasterValue.objects.filter(record__unit=unit, field_id=field.master_field_id).first()
        if value is not None and value.value != "":
            return value.value, f"社区基础数据（{value.confirmed_on:%Y-%m-%d} 确认）"
    if field.match_kind == MatchKind.FORM and field.matched_field_id:
        earlier = (AnswerValue.objects.filter(field_id=field.matched_field_id, answer__unit=unit, answer__status=AnswerStatus.SUBMITTED)
                   .exclude(value="").select_related("answer__form").order_by("-answer__submitted_on").first())
        if earlier is not None:
            return earlier.value, f"《{earlier.answer.form.title}》（{earlier.answer.submitted_on:%Y-%m-%d}）"
    return None


def record_of(unit: Unit) -> MasterRecord | None:
    return MasterRecord.objects.filter(unit=unit).first()


# --- ledger rows ---------------------------------------------------------------------------------

def _submitted(start: dt.date, end: dt.date) -> QuerySet[Answer]:
    return Answer.objects.filter(status=AnswerStatus.SUBMITTED, submitted_on__gte=start, submitted_on__lt=end)


def filled_compute(start: dt.date, end: dt.date) -> QuerySet[Any]:
    return (_submitted(start, end).annotate(amount=Value(1.0, output_field=FloatField()), issuer_id=F("form__issuer_id"))
            .values_list("unit_id", "submitted_on", "amount", "issuer_id"))


def typed_compute(start: dt.date, end: dt.date) -> QuerySet[Any]:
    return (_submitted(start, end).annotate(amount=Cast("typed_count", FloatField()), issuer_id=F("form__issuer_id"))
            .values_list("unit_id", "submitted_on", "amount", "issuer_id"))


def prefilled_compute(start: dt.date, end: dt.date) -> QuerySet[Any]:
    return (_submitted(start, end).annotate(amount=Cast("prefilled_count", FloatField()), issuer_id=F("form__issuer_id"))
            .values_list("unit_id", "submitted_on", "amount", "issuer_id"))


def answer_items(unit: Any, start: dt.date, end: dt.date, what: str) -> list[tuple[str, str, dt.date, float]]:
    rows = []
    for a in _submitted(start, end).filter(unit=unit).select_related("form").order_by("submitted_on", "id"):
        amount = 1.0 if what == "filled" else float(a.typed_count if what == "typed" else a.prefilled_count)
        assert a.submitted_on is not None
        rows.append((a.form.title, reverse("forms:answer", args=[a.pk]), a.submitted_on, amount))
    return rows


def county_figures(county: Any, start: dt.date, end: dt.date) -> dict[str, Any]:
    """The county board's 一表通 figures for [start, end): the catalogue's size at both ends, duplicates refused,
    answers submitted with their typed and pre-filled values, and the pre-fill rate."""
    last_day = end - dt.timedelta(days=1)
    before = catalogue_size(county, on=start - dt.timedelta(days=1))
    after = catalogue_size(county, on=last_day)
    refused = duplicates_refused(county).filter(decided_on__gte=start, decided_on__lt=end).count()
    answers = Answer.objects.filter(form__issuer__county=county, status=AnswerStatus.SUBMITTED, submitted_on__gte=start, submitted_on__lt=end)
    sums = answers.aggregate(p=Sum("prefilled_count"), t=Sum("typed_count"))
    prefilled, typed = sums["p"] or 0, sums["t"] or 0
    return {"before": before, "after": after, "refused": refused, "answers": answers.count(), "prefilled": prefilled, "typed": typed,
            "prefill_rate": round(100 * prefilled / (prefilled + typed)) if prefilled + typed else None,
            "history": catalogue_history(county, min(last_day, clock.today()))}


def unit_answers(user: Any, unit: Unit, start: dt.date, end: dt.date) -> list[Answer]:
    """Every form the unit had to fill in the period (sent then, or answered then), with what it typed."""
    found = answers_visible(user).filter(unit=unit).filter(
        Q(submitted_on__gte=start, submitted_on__lt=end) | Q(status=AnswerStatus.WAITING, form__sent_on__lt=end)
    )
    answers = list(found.order_by("-submitted_on", "-id")[:200])
    typed: dict[int, list[str]] = {}
    rows = AnswerValue.objects.filter(answer__in=answers, prefilled=False).order_by("field__position").values_list("answer_id", "field__name")
    for answer_id, name in rows:
        typed.setdefault(answer_id, []).append(name)
    for a in answers:
        a.typed_names = typed.get(a.pk, [])  # type: ignore[attr-defined]
    return answers
